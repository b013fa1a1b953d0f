// 我的: filling in the profile with a fake backend — checks before sending, the server's field errors,
// saving, a draft that survives a closed app, and what each role sees.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { recorded, resetTaroStub } from './stubs/taro'
import type { Profile, Station } from '@contract/account'
import MePage from '@/pages/me/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'
import { setAgreedPrivacy } from '@/services/settings'
import { pickOption } from './pickers'

const station: Station = {
  name: '平川派出所',
  address: '临泽县平川镇',
  phone: '0936-5500110',
  hours: ['周一至周五 8:30-12:00 14:30-18:00'],
  villages: [
    { id: 'pingchuan', name: '平川村' },
    { id: 'luwan', name: '芦湾村' },
  ],
}

const blank: Profile = {
  openid: 'dev-resident-1',
  role: 'resident',
  name: '',
  phone: '',
  villageId: '',
  villageName: '',
  address: '',
  profileComplete: false,
}

type Reply = (req: CallRequest) => unknown

/** A backend that answers account.me / account.station and lets each test decide updateProfile (and station). */
function backend(me: Profile, onUpdate?: Reply, onStation?: Reply) {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'account.me') return { ok: true, data: me }
    if (key === 'account.station') return onStation ? onStation(req) : { ok: true, data: station }
    if (key === 'account.updateProfile' && onUpdate) return onUpdate(req)
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

describe('我的 page', () => {
  it('a new resident sees the form; wrong entries get Chinese errors next to the field and nothing is sent', async () => {
    const seen = backend(blank)
    render(<MePage />)
    await screen.findByText('填写我的资料')
    type('input-name', '张')
    type('input-phone', '12345')
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('姓名至少2个字')).toBeTruthy()
    expect(screen.getByText('手机号要11位数字，以1开头，请检查')).toBeTruthy()
    expect(screen.getByText('请选择所在村')).toBeTruthy()
    expect(seen.filter((r) => r.data.action === 'updateProfile')).toHaveLength(0)
  })

  it('saves a correct profile and then shows it', async () => {
    const seen = backend(blank, (req) => {
      const p = req.data.payload as { name: string; phone: string; villageId: string; address: string }
      return { ok: true, data: { ...blank, ...p, villageName: '芦湾村', profileComplete: true } }
    })
    render(<MePage />)
    await screen.findByText('填写我的资料')
    type('input-name', '李秀英')
    type('input-phone', '13912345678')
    pickOption('input-village', 1)
    type('input-address', '三组12号')
    fireEvent.click(screen.getByText('保存'))
    await screen.findByText('李秀英')
    expect(screen.getByText('13912345678')).toBeTruthy()
    expect(screen.getByText('芦湾村')).toBeTruthy()
    expect(screen.queryByText('填写我的资料')).toBeNull()
    const update = seen.find((r) => r.data.action === 'updateProfile')
    expect(update?.data.payload).toEqual({ name: '李秀英', phone: '13912345678', villageId: 'luwan', address: '三组12号' })
    expect(update?.data.requestId).toBeTruthy()
    // The app's own toast says so (WeChat's small native one is never used).
    expect(document.getElementById('toast-text')?.textContent).toBe('已保存')
    expect(recorded.toasts).toEqual([])
    // The draft is gone once saved.
    expect(Taro.getStorageSync('fq_draft_profile')).toBe('')
  })

  it('shows the server’s error under the field it names', async () => {
    backend(blank, () => ({ ok: false, error: { code: 'invalid_argument', message: '这个手机号已经有人用了，请换一个', field: 'phone' } }))
    render(<MePage />)
    await screen.findByText('填写我的资料')
    type('input-name', '李秀英')
    type('input-phone', '13912345678')
    pickOption('input-village', 0)
    fireEvent.click(screen.getByText('保存'))
    const msg = await screen.findByText('这个手机号已经有人用了，请换一个')
    expect(msg.id).toBe('field-phone-error')
  })

  it('after a network failure, pressing 保存 again sends the same requestId', async () => {
    let attempts = 0
    const seen = backend(blank, () => {
      attempts++
      if (attempts <= 3) throw new Error('offline')
      return { ok: true, data: { ...blank, name: '李秀英', phone: '13912345678', villageId: 'pingchuan', villageName: '平川村', profileComplete: true } }
    })
    render(<MePage />)
    await screen.findByText('填写我的资料')
    type('input-name', '李秀英')
    type('input-phone', '13912345678')
    pickOption('input-village', 0)
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('网络不好，没有连上。请到信号好的地方再试')).toBeTruthy()
    fireEvent.click(screen.getByText('保存'))
    await screen.findByText('李秀英')
    const ids = seen.filter((r) => r.data.action === 'updateProfile').map((r) => r.data.requestId)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(1)
  })

  it('an officer is asked for name, phone and an optional 警号, never for a village', async () => {
    const seen = backend({ ...blank, role: 'officer' }, (req) => {
      const p = req.data.payload as { name: string; phone: string; badgeNo: string }
      return { ok: true, data: { ...blank, role: 'officer', ...p, profileComplete: true } }
    })
    render(<MePage />)
    await screen.findByText('填写我的资料')
    expect(screen.queryByText('所在村')).toBeNull()
    expect(screen.getByText('警号（可不填）')).toBeTruthy()
    fireEvent.click(screen.getByText('保存'))
    // Empty fields are told they are missing, and the summary by the button names them.
    expect(await screen.findByText('还没填姓名，请填上')).toBeTruthy()
    expect(document.getElementById('form-error')?.textContent).toContain('还有2处没填好：姓名、手机号')
    type('input-name', '王警官')
    type('input-phone', '13800000002')
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(seen.some((r) => r.data.action === 'updateProfile')).toBe(true))
    expect(seen.find((r) => r.data.action === 'updateProfile')?.data.payload).toMatchObject({ name: '王警官', phone: '13800000002', badgeNo: '' })
  })

  it('keeps what was typed when the app is closed before saving', async () => {
    backend(blank)
    const first = render(<MePage />)
    await screen.findByText('填写我的资料')
    type('input-name', '王大爷')
    type('input-phone', '1391234')
    first.unmount()
    resetStationCache()
    render(<MePage />)
    await screen.findByText('填写我的资料')
    expect((document.getElementById('input-name') as HTMLInputElement).value).toBe('王大爷')
    expect((document.getElementById('input-phone') as HTMLInputElement).value).toBe('1391234')
  })

  it('a resident with a profile sees it, can call the station or 110, and has no officer entry', async () => {
    backend({ ...blank, name: '张建国', phone: '13800138000', villageId: 'pingchuan', villageName: '平川村', profileComplete: true })
    render(<MePage />)
    await screen.findByText('张建国')
    expect(screen.queryByText('民警工作台')).toBeNull()
    // Folded: villagers see one quiet line, officers open it.
    expect(screen.queryByText('民警加入')).toBeNull()
    fireEvent.click(screen.getByText('我是民警，有邀请码 ›'))
    expect(screen.getByText('民警加入')).toBeTruthy()
    fireEvent.click(await screen.findByText('打电话给派出所'))
    fireEvent.click(screen.getByText('紧急情况 打110'))
    expect(recorded.phoneCalls).toEqual(['0936-5500110', '110'])
  })

  it('an officer sees 民警工作台 and it opens the officer hub', async () => {
    backend({ ...blank, role: 'officer', name: '赵警官', phone: '13800000001', villageId: 'pingchuan', villageName: '平川村', profileComplete: true })
    render(<MePage />)
    fireEvent.click(await screen.findByText('民警工作台'))
    expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/staff/index/index' }])
    expect(screen.queryByText('民警加入')).toBeNull()
  })

  it('the large-font switch enlarges the page and is remembered', async () => {
    backend({ ...blank, name: '张建国', phone: '13800138000', villageId: 'pingchuan', villageName: '平川村', profileComplete: true })
    const { container } = render(<MePage />)
    await screen.findByText('张建国')
    act(() => {
      fireEvent.click(document.getElementById('large-font') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('#page-me')?.className).toContain('fq-large'))
    expect(Taro.getStorageSync('fq_large_font')).toBe(true)
  })

  it('when the station did not load, no error is left on the page, and 修改资料 says why and retries into the form', async () => {
    let stationCalls = 0
    backend({ ...blank, name: '张建国', phone: '13800138000', villageId: 'pingchuan', villageName: '平川村', profileComplete: true }, undefined, () =>
      ++stationCalls === 1 ? { ok: false, error: { code: 'internal', message: '系统出了点问题，请稍后再试' } } : { ok: true, data: station },
    )
    render(<MePage />)
    await screen.findByText('张建国')
    await waitFor(() => expect(stationCalls).toBe(1))
    expect(screen.queryByText(/系统出了点问题/)).toBeNull()
    expect(screen.queryByText('打电话给派出所')).toBeNull()

    fireEvent.click(screen.getByText('修改资料'))
    // The tap loads the station again; this time it comes, and the form opens.
    await screen.findByText('填写我的资料')
    expect(await screen.findByDisplayValue('13800138000')).toBeTruthy()
    expect(stationCalls).toBe(2)
    expect(screen.getByText('打电话给派出所')).toBeTruthy()
  })

  it('if the station still fails after 修改资料, the reason and 重试 are shown instead of nothing', async () => {
    let stationCalls = 0
    backend({ ...blank, name: '张建国', phone: '13800138000', villageId: 'pingchuan', villageName: '平川村', profileComplete: true }, undefined, () =>
      ++stationCalls <= 2 ? { ok: false, error: { code: 'internal', message: '系统出了点问题，请稍后再试' } } : { ok: true, data: station },
    )
    render(<MePage />)
    await screen.findByText('张建国')
    await waitFor(() => expect(stationCalls).toBe(1))
    fireEvent.click(screen.getByText('修改资料'))
    expect(await screen.findByText('村的名单没有加载出来。系统出了点问题，请稍后再试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByDisplayValue('13800138000')).toBeTruthy()
    expect(stationCalls).toBe(3)
  })
})
