// The officer's catalog page with a fake backend: the list, editing a service (name, kinds, materials added,
// removed and reordered), adding a new one, the contract's checks before anything is sent, the confirmation, and
// the form kept on the phone.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroStub } from './stubs/taro'
import type { Catalog, ServiceInfo } from '@contract/services'
import CatalogPage from '@/packages/officer-services/catalog/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'

/** A confirmation ignores taps for a moment after it opens: wait until its button takes them. */
const armed = (id: string) => waitFor(() => expect(document.getElementById(id)?.className).not.toContain('fq-big-button--off'), { timeout: 2000 })

const hukou: ServiceInfo = {
  id: 'hukou',
  name: '户口迁移',
  summary: '迁入迁出',
  kinds: ['booking', 'errand'],
  materials: [
    { id: 'hukouben', name: '居民户口簿', required: true },
    { id: 'idcard', name: '居民身份证', required: true },
    { id: 'zhunqian', name: '准予迁入证明', required: true, note: '原件' },
  ],
  durationMinutes: 30,
  afterHours: true,
  homeVisitFor: [],
  active: true,
  order: 10,
}

const oldService: ServiceInfo = {
  id: 'linshi',
  name: '临时身份证明',
  summary: '',
  kinds: ['booking'],
  materials: [],
  durationMinutes: 10,
  afterHours: false,
  homeVisitFor: [],
  active: false,
  order: 50,
}

/** The backend echoes a save as the function does (defaults filled in) and counts every call. */
function backend() {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'services.catalog') return { ok: true, data: { services: [oldService, hukou], templates: {} } satisfies Catalog }
    if (key === 'services.saveService') {
      const p = req.data.payload as ServiceInfo
      return { ok: true, data: { ...p, summary: p.summary ?? '', homeVisitFor: p.homeVisitFor ?? [], active: p.active ?? true, order: p.order ?? 100 } }
    }
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
const value = (id: string) => (byId(id) as HTMLInputElement).value
const saves = (seen: CallRequest[]) => seen.filter((r) => r.data.action === 'saveService')

async function openPage() {
  render(<CatalogPage />)
  await screen.findByText('户口迁移')
}

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

describe('catalog page', () => {
  it('lists every service in the residents’ order, marking the one residents cannot see', async () => {
    backend()
    await openPage()
    const list = byId('catalog-list')
    const names = Array.from(list.querySelectorAll('.fq-cat__name')).map((el) => el.textContent)
    expect(names).toEqual(['户口迁移', '临时身份证明'])
    expect(within(byId('service-linshi')).getByText('已停用')).toBeTruthy()
    expect(within(byId('service-hukou')).queryByText('已停用')).toBeNull()
    // (U+3000 spaces: compared as text, since the text matchers fold them.)
    expect(byId('service-hukou').textContent).toContain('预约办理、代办　约30分钟　有错时延时')
  })

  it('edits a service: renames it, offers home visits to the elderly, reorders, removes and adds materials, after a confirmation', async () => {
    const seen = backend()
    await openPage()
    fireEvent.click(byId('edit-hukou'))
    expect(value('input-name')).toBe('户口迁移')

    type('input-name', '户口迁移（迁入）')
    fireEvent.click(byId('kind-home_visit'))
    fireEvent.click(byId('basis-elderly'))
    fireEvent.click(byId('input-after-hours'))
    type('input-duration', '40')
    fireEvent.click(byId('material-zhunqian-up')) // 准予迁入证明 before 居民身份证
    fireEvent.click(byId('material-hukouben-remove'))
    fireEvent.click(byId('material-add'))
    type('material-m3-name', '迁出地派出所开具的证明')
    fireEvent.click(byId('material-m3-required')) // may be left at home

    fireEvent.click(byId('catalog-save'))
    const sheet = await waitFor(() => byId('catalog-confirm'))
    expect(within(sheet).getByText('材料：准予迁入证明、居民身份证、迁出地派出所开具的证明（可不带）')).toBeTruthy()
    expect(within(sheet).getByText('上门对象：70岁以上老人')).toBeTruthy()
    expect(saves(seen)).toHaveLength(0)

    await armed('catalog-confirm-save')
    fireEvent.click(byId('catalog-confirm-save'))
    await waitFor(() => expect(byId('catalog-list')).toBeTruthy())
    const [save] = saves(seen)
    expect(save.data.requestId).toEqual(expect.any(String))
    expect(save.data.payload).toEqual({
      id: 'hukou',
      name: '户口迁移（迁入）',
      summary: '迁入迁出',
      kinds: ['booking', 'errand', 'home_visit'],
      materials: [
        { id: 'zhunqian', name: '准予迁入证明', required: true, note: '原件' },
        { id: 'idcard', name: '居民身份证', required: true },
        { id: 'm3', name: '迁出地派出所开具的证明', required: false },
      ],
      durationMinutes: 40,
      afterHours: false,
      homeVisitFor: ['elderly'],
      active: true,
      order: 10,
    })
    // The list shows what the server kept, and the copy on the phone is gone.
    expect(screen.getByText('户口迁移（迁入）')).toBeTruthy()
    expect(byId('service-hukou').textContent).toContain('预约办理、代办、上门办理　约40分钟材料3项')
    expect(Taro.getStorageSync('fq_draft_catalog_hukou')).toBe('')
  })

  it('adds a new service with an id the officer never types', async () => {
    const seen = backend()
    await openPage()
    fireEvent.click(byId('catalog-add'))
    expect(screen.getByText('新增业务')).toBeTruthy()
    type('input-name', '无犯罪记录证明')
    type('input-summary', '出国、就业要用')
    fireEvent.click(byId('kind-booking')) // off
    fireEvent.click(byId('kind-errand')) // on
    fireEvent.click(byId('catalog-save'))
    await waitFor(() => byId('catalog-confirm'))
    await armed('catalog-confirm-save')
    fireEvent.click(byId('catalog-confirm-save'))
    await waitFor(() => expect(saves(seen)).toHaveLength(1))
    const payload = saves(seen)[0].data.payload as ServiceInfo
    expect(payload).toMatchObject({ name: '无犯罪记录证明', summary: '出国、就业要用', kinds: ['errand'], materials: [{ id: 'm1', name: '居民身份证', required: true }], active: true, order: 60 })
    expect(payload.id).toMatch(/^[a-z][a-z0-9_-]{1,31}$/)
    const row = await waitFor(() => byId(`service-${payload.id}`))
    expect(within(row).getByText('无犯罪记录证明')).toBeTruthy()
  })

  it('refuses what the contract refuses, with the message under each field, and sends nothing', async () => {
    const seen = backend()
    await openPage()
    fireEvent.click(byId('edit-hukou'))
    type('input-name', '  ')
    fireEvent.click(byId('kind-booking'))
    fireEvent.click(byId('kind-errand'))
    type('input-duration', '三十')
    type('material-idcard-name', '')
    fireEvent.click(byId('catalog-save'))

    expect(await screen.findByText('请填写业务名称')).toBeTruthy()
    expect(byId('field-kinds-error').textContent).toBe('请至少选择一种办理方式')
    expect(byId('field-duration-error').textContent).toBe('办理时长要填数字')
    expect(byId('material-idcard-field-error').textContent).toBe('请填写材料名称')
    // Next to the save button too, since the red words may be scrolled out of sight.
    expect(byId('catalog-error').textContent).toContain('还有4处没填好：业务名称、办理时长、办理方式、第2项材料')
    expect(document.getElementById('catalog-confirm')).toBeNull()

    // Fixing a field clears its message; a home visit needs someone who qualifies; too short a time is refused.
    type('input-name', '户口迁移')
    expect(document.getElementById('field-name-error')).toBeNull()
    fireEvent.click(byId('kind-home_visit'))
    type('input-duration', '2')
    type('material-idcard-name', '居民身份证')
    fireEvent.click(byId('catalog-save'))
    expect(byId('field-home-visit-error').textContent).toBe('能上门办理的，请选上门对象')
    expect(byId('field-duration-error').textContent).toBe('办理时长最小是5')
    expect(document.getElementById('catalog-confirm')).toBeNull()
    expect(saves(seen)).toHaveLength(0)
  })

  it('keeps an unsaved edit on the phone and brings it back, until the officer starts over', async () => {
    backend()
    const first = render(<CatalogPage />)
    await screen.findByText('户口迁移')
    fireEvent.click(byId('edit-hukou'))
    type('input-name', '户口迁移改了一半')
    fireEvent.click(byId('material-idcard-down'))
    first.unmount()

    await openPage()
    fireEvent.click(byId('edit-hukou'))
    expect(byId('catalog-restored')).toBeTruthy()
    expect(value('input-name')).toBe('户口迁移改了一半')
    expect(value('material-zhunqian-name')).toBe('准予迁入证明')
    const order = Array.from(byId('field-materials').querySelectorAll('[id$="-name"]')).map((el) => (el as HTMLInputElement).value)
    expect(order).toEqual(['居民户口簿', '准予迁入证明', '居民身份证'])

    fireEvent.click(byId('catalog-start-over'))
    expect(value('input-name')).toBe('户口迁移')
    expect(document.getElementById('catalog-restored')).toBeNull()
    expect(Taro.getStorageSync('fq_draft_catalog_hukou')).toBe('')
  })
})
