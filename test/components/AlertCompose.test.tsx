// The officer's compose page with a fake backend: what it refuses before sending, the confirmation, the
// payload it publishes, the preview drawn with the residents' own components, the draft kept on the phone,
// and a draft handed over by another feature (`?prefill=1`).
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { recorded, resetTaroStub, setChosenMedia, setRouterParams } from './stubs/taro'
import type { Station } from '@contract/account'
import type { AlertView } from '@contract/alerts'
import ComposeAlertPage from '@/packages/officer-alerts/compose/index'
import { PREFILL_KEY } from '@/packages/officer-alerts/compose/form'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'
import { setAgreedPrivacy } from '@/services/settings'
import { CONFIRM_ARM_MS } from '@/components/ConfirmSheet'
import { pickDate, pickOption } from './pickers'
import type { UploadRequest } from '@/services/upload'

// Images go to a fake cloud that answers when the test lets it, so "still uploading" can be seen.
const uploads: UploadRequest[] = []
let releaseUpload: ((ok: boolean) => void) | undefined
jest.mock('@/services/upload', () => ({
  uploadFile: (req: UploadRequest) => {
    uploads.push(req)
    req.onProgress?.(30)
    return new Promise<{ fileID: string }>((resolve, reject) => {
      releaseUpload = (ok) => (ok ? resolve({ fileID: `cloud://env.bucket/${req.cloudPath}` }) : reject(new Error('socket hang up')))
    })
  },
}))

const station: Station = {
  name: '平川派出所',
  address: '临泽县平川镇',
  phone: '0936-5500110',
  hours: [],
  villages: [
    { id: 'pingchuan', name: '平川村' },
    { id: 'luwan', name: '芦湾村' },
  ],
}

function published(payload: Record<string, unknown>): AlertView {
  return {
    id: 'alert-new',
    access: 'full',
    title: String(payload.title),
    body: String(payload.body),
    category: 'fraud',
    severity: 'severe',
    villageIds: ['luwan'],
    groups: [],
    scope: '芦湾村',
    advice: [],
    images: [],
    effectiveAt: new Date().toISOString(),
    expiresAt: String(payload.expiresAt),
    publishedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    pinned: false,
    phase: payload.mode === 'draft' ? 'draft' : 'active',
    revision: 1,
    cancelReason: null,
    unread: false,
    updatedSinceRead: false,
    acked: false,
    history: [],
  }
}

function backend() {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'account.station') return { ok: true, data: station }
    if (key === 'account.uploadPrefix') return { ok: true, data: { prefix: `uploads/${'b'.repeat(32)}/` } }
    if (key === 'alerts.reach') {
      const p = req.data.payload as { groups?: unknown[] }
      return { ok: true, data: p.groups && p.groups.length > 0 ? { residents: 12, subscribed: 3 } : { residents: 2, subscribed: 1 } }
    }
    if (key === 'alerts.groups') {
      return {
        ok: true,
        data: {
          groups: [
            { villageId: 'pingchuan', group: '一社', label: '平川村一社', residents: 5 },
            { villageId: 'pingchuan', group: '三社', label: '平川村三社', residents: 12 },
          ],
        },
      }
    }
    if (key === 'alerts.publish') return { ok: true, data: published(req.data.payload as Record<string, unknown>) }
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

const byId = (id: string) => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`#${id} is not on the page`)
  return el
}
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } })
const publishes = (seen: CallRequest[]) => seen.filter((r) => r.data.action === 'publish')

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

async function openCompose() {
  render(<ComposeAlertPage />)
  await screen.findByText('芦湾村')
}

describe('compose alert page', () => {
  it('refuses an empty alert with a Chinese message at each field, and sends nothing', async () => {
    const seen = backend()
    await openCompose()
    fireEvent.click(byId('compose-publish'))
    expect(await screen.findByText('请填写标题')).toBeTruthy()
    expect(screen.getByText('请填写内容')).toBeTruthy()
    expect(screen.getByText('请选择类别')).toBeTruthy()
    expect(screen.getByText('请选择严重程度')).toBeTruthy()
    expect(screen.getByText('请至少选择一个村，或选“全部村”')).toBeTruthy()
    expect(document.getElementById('compose-confirm')).toBeNull()
    expect(publishes(seen)).toHaveLength(0)
  })

  it('refuses an expiry that has already passed', async () => {
    const seen = backend()
    await openCompose()
    type('input-title', '停水通知')
    type('input-body', '周六停水')
    fireEvent.click(byId('pick-category-service'))
    fireEvent.click(byId('pick-severity-minor'))
    fireEvent.click(byId('pick-village-all'))
    pickDate('input-expires-date', '2020-01-01')
    fireEvent.click(byId('compose-publish'))
    expect(await screen.findByText('到期时间已经过了，请重新选择')).toBeTruthy()
    expect(publishes(seen)).toHaveLength(0)
  })

  it('publishes to one village after a confirmation, then opens the stats', async () => {
    const seen = backend()
    await openCompose()
    type('input-title', '警惕冒充公检法')
    type('input-body', '公安不会打电话让您转账。')
    fireEvent.click(byId('pick-category-fraud'))
    fireEvent.click(byId('pick-severity-severe'))
    fireEvent.click(byId('pick-village-luwan'))
    type('input-advice-0', '不转账')
    fireEvent.click(byId('add-advice'))
    type('input-advice-1', '  ')

    fireEvent.click(byId('compose-publish'))
    const sheet = await waitFor(() => byId('compose-confirm'))
    // It says who gets it and how, with the count from the server.
    await waitFor(() => expect(within(sheet).getByText(/发给芦湾村 2人，会推送（1人订阅了提醒/)).toBeTruthy())
    expect(within(sheet).getByText(/确定发布？/)).toBeTruthy()
    expect(publishes(seen)).toHaveLength(0)

    // The second tap of a double tap lands on the sheet at once: it is ignored.
    fireEvent.click(byId('confirm-yes'))
    await act(() => new Promise((r) => setTimeout(r, 150)))
    fireEvent.click(byId('confirm-yes'))
    expect(publishes(seen)).toHaveLength(0)
    expect(byId('compose-confirm')).toBeTruthy()

    // A deliberate tap a moment later publishes.
    await act(() => new Promise((r) => setTimeout(r, CONFIRM_ARM_MS)))
    fireEvent.click(byId('confirm-yes'))
    await waitFor(() => expect(recorded.navigations).toContainEqual({ kind: 'redirectTo', url: '/packages/officer-alerts/stats/index?id=alert-new' }))
    const [call] = publishes(seen)
    expect(call.data.requestId).toEqual(expect.any(String))
    expect(call.data.payload).toMatchObject({
      mode: 'publish',
      title: '警惕冒充公检法',
      category: 'fraud',
      severity: 'severe',
      villageIds: ['luwan'],
      advice: ['不转账'],
      pinned: false,
    })
    // Published: the copy on the phone is gone.
    expect(Taro.getStorageSync('fq_draft_alert_compose_new')).toBe('')
  })

  it('sends to a 社 of one village: says who it reaches, confirms with the 社 and the count, publishes groups', async () => {
    const seen = backend()
    await openCompose()
    type('input-title', '三社夜里有人偷电瓶')
    type('input-body', '请把电动车推进屋里。')
    fireEvent.click(byId('pick-category-case'))
    fireEvent.click(byId('pick-severity-severe'))
    fireEvent.click(byId('pick-scope-groups'))
    // No village yet: nothing to send to, and the page says so.
    fireEvent.click(byId('compose-publish'))
    await waitFor(() => expect(screen.getAllByText('请先选是哪个村的社').length).toBeGreaterThan(0))
    pickOption('pick-group-village', 0)
    await waitFor(() => byId('pick-group-三社'))
    expect(byId('pick-group-三社').textContent).toBe('三社（12人）')
    fireEvent.click(byId('pick-group-三社'))
    expect(screen.getByText('只发给已登记住在该社的村民 12 人，没登记住址的村民收不到')).toBeTruthy()

    fireEvent.click(byId('compose-publish'))
    const sheet = await waitFor(() => byId('compose-confirm'))
    await waitFor(() => expect(within(sheet).getByText(/发给平川村三社 12人，会推送（3人订阅了提醒/)).toBeTruthy())
    await act(() => new Promise((r) => setTimeout(r, CONFIRM_ARM_MS)))
    fireEvent.click(byId('confirm-yes'))
    await waitFor(() => expect(publishes(seen)).toHaveLength(1))
    expect(publishes(seen)[0].data.payload).toMatchObject({ villageIds: [], groups: [{ villageId: 'pingchuan', group: '三社' }] })
    expect(seen.find((r) => r.data.action === 'reach')?.data.payload).toEqual({ villageIds: [], groups: [{ villageId: 'pingchuan', group: '三社' }] })
  })

  it('uploads images with progress and retry through the shared photo uploads, and publishes only uploaded ones', async () => {
    const seen = backend()
    await openCompose()
    type('input-title', '警惕假农药')
    type('input-body', '有人冒充农技站卖假农药。')
    fireEvent.click(byId('pick-category-fraud'))
    fireEvent.click(byId('pick-severity-minor'))
    fireEvent.click(byId('pick-village-all'))
    setChosenMedia(['/tmp/flyer.jpg'])
    await act(async () => fireEvent.click(byId('image-add')))
    await screen.findByText('正在上传 30%')
    // Still uploading: nothing can be published yet.
    fireEvent.click(byId('compose-publish'))
    expect(await screen.findByText('图片还在上传，请等一会儿再点')).toBeTruthy()
    // A failed upload offers a retry; the retry goes through.
    await act(async () => releaseUpload?.(false))
    fireEvent.click(await screen.findByText('重传'))
    await waitFor(() => expect(uploads).toHaveLength(2))
    await act(async () => releaseUpload?.(true))
    await waitFor(() => expect(screen.queryByText(/正在上传/)).toBeNull())
    expect(uploads.map((u) => u.cloudPath.startsWith(`uploads/${'b'.repeat(32)}/`))).toEqual([true, true])

    fireEvent.click(byId('compose-publish'))
    await waitFor(() => byId('compose-confirm'))
    await act(() => new Promise((r) => setTimeout(r, CONFIRM_ARM_MS)))
    fireEvent.click(byId('confirm-yes'))
    await waitFor(() => expect(publishes(seen)).toHaveLength(1))
    expect((publishes(seen)[0].data.payload as { images: string[] }).images).toEqual([`cloud://env.bucket/${uploads[1].cloudPath}`])
  })

  it('previews the alert with the resident card and detail', async () => {
    backend()
    await openCompose()
    type('input-title', '夏季防溺水')
    fireEvent.click(byId('pick-severity-extreme'))
    fireEvent.click(byId('pick-category-safety'))
    fireEvent.click(byId('pick-village-all'))
    type('input-advice-0', '不私自下水')
    fireEvent.click(byId('compose-preview'))
    const sheet = byId('compose-preview-sheet')
    // Card and detail both carry the label; the detail shows advice and the 知道了 button as residents see it.
    expect(within(sheet).getAllByText('特别严重')).toHaveLength(2)
    expect(within(sheet).getAllByText('夏季防溺水')).toHaveLength(2)
    expect(within(sheet).getByText('全部村')).toBeTruthy()
    expect(within(sheet).getByText('1. 不私自下水')).toBeTruthy()
    expect(within(sheet).getByText('知道了')).toBeTruthy()
  })

  it('keeps what was typed on the phone and brings it back', async () => {
    backend()
    const first = render(<ComposeAlertPage />)
    await screen.findByText('芦湾村')
    type('input-title', '写了一半的提醒')
    first.unmount()

    render(<ComposeAlertPage />)
    await screen.findByText('已恢复上次没保存的内容。')
    expect((byId('input-title') as HTMLInputElement).value).toBe('写了一半的提醒')
    fireEvent.click(screen.getByText('不要了，重新开始'))
    expect((byId('input-title') as HTMLInputElement).value).toBe('')
  })

  it('opens with a draft handed over in fq_alert_prefill when asked with ?prefill=1, once', async () => {
    backend()
    Taro.setStorageSync(
      PREFILL_KEY,
      JSON.stringify({ title: '近期多起假农药案件', body: '案情通报正文', category: 'case', severity: 'moderate', villageIds: ['pingchuan'], advice: ['买农药要发票'] }),
    )
    setRouterParams({ prefill: '1' })
    await act(async () => {
      render(<ComposeAlertPage />)
    })
    await waitFor(() => expect((byId('input-title') as HTMLInputElement).value).toBe('近期多起假农药案件'))
    expect((byId('input-body') as HTMLTextAreaElement).value).toBe('案情通报正文')
    expect((byId('input-advice-0') as HTMLInputElement).value).toBe('买农药要发票')
    expect(byId('pick-category-case').textContent).toBe('✓ 案情通报')
    expect(byId('pick-village-pingchuan').textContent).toBe('✓ 平川村')
    expect(Taro.getStorageSync(PREFILL_KEY)).toBe('')
  })
})
