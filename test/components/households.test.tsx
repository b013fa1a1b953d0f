// The 一标三实 pages with a fake backend: what a doorplate scan shows and does for each kind of scanner, 我的家's tenant
// register (draft and one requestId), the visit form (draft survives a closed app, retried submit, a concern turned
// into an alert draft), the print sheet's layout and drawing, and the import preview that writes nothing until asked.
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import Taro from '@tarojs/taro'
import type { AddressView, ClaimView, ImportPreview, MyHomeView, OfficerHouseholdView, PlaceContacts, PublicScanView, ScanView, SheetItem, VisitView } from '@contract/households'
import DoorplateView from '@/packages/doorplate/index/DoorplateView'
import { sceneFrom } from '@/packages/doorplate/index/scene'
import HomeView, { tenantDraftName } from '@/packages/household/home/HomeView'
import VisitForm, { visitDraftName } from '@/packages/officer-households/visit/VisitForm'
import { drawPage, layoutPage, paginate, PER_PAGE, type SheetContext } from '@/packages/officer-households/plates/sheet'
import ImportExport from '@/packages/officer-households/import/ImportExport'
import AddressForm from '@/packages/officer-households/shared/AddressForm'
import { installTransport, type CallRequest } from '@/services/client'
import { routeParam } from '@/services/params'

jest.mock('@/services/upload', () => ({
  uploadFile: (req: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://env.bucket/${req.cloudPath}` }),
}))

const address: AddressView = { id: 'addr-pc-3-12', town: '平川镇', villageId: 'pingchuan', villageName: '平川村', group: '三社', number: '12', room: '', line: '平川镇平川村三社12号', location: null }
const contacts: PlaceContacts = { officer: { name: '李警官', phone: '13800000001' }, gridWorker: { name: '马网格', phone: '13800000002' }, securityHead: null, stationPhone: '0936-5551110' }

function publicView(over: Partial<PublicScanView> = {}): PublicScanView {
  return { view: 'public', plateId: 'MPPC030012', plateState: 'active', address, contacts, prefill: { addressId: address.id, villageId: 'pingchuan', place: '平川村三社12号' }, canDeclare: true, myClaim: null, ...over }
}

function claim(over: Partial<ClaimView> = {}): ClaimView {
  return { id: 'cl1', addressId: address.id, addressLine: address.line, as: 'resident', asLabel: '我住这里', status: 'pending', statusLabel: '等民警确认', note: '', reason: '', createdAt: '2026-12-01T02:00:00.000Z', decidedAt: null, ...over }
}

function officerHousehold(): OfficerHouseholdView {
  return {
    ...address,
    house: { use: 'own', useLabel: '自住', ownerName: '张桂兰', ownerPhone: '13900000001' },
    people: 2,
    plateId: 'MPPC030012',
    lastVisitAt: null,
    warnings: [],
    residents: [
      { id: 'p1', name: '张桂兰', kind: 'permanent', kindLabel: '常住', role: 'owner', roleLabel: '房东', movedInDay: '2001-03-01', movedOutDay: null, phone: '13900000001', isMe: false, addressId: address.id, idNo: '', relation: '户主', focus: 'elderly_alone', focusLabel: '独居老人', linked: true, note: '' },
    ],
    organisations: [],
    visits: [],
    reports: [],
    disputes: [],
    claims: [],
    events: [],
    plate: null,
  }
}

function backend(answer: (req: CallRequest) => unknown) {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    if (req.data.action === 'uploadPrefix') return { ok: true, data: { prefix: 'uploads/0123456789abcdef0123456789abcdef/' } }
    return answer(req)
  }, { retries: 0 })
  return seen
}

const el = (id: string) => document.getElementById(id) as HTMLElement
const click = (id: string) => fireEvent.click(el(id))
const type = (id: string, value: string) => fireEvent.change(el(id), { target: { value } })
const textOf = (id: string) => document.getElementById(id)?.textContent ?? null

beforeEach(() => resetTaroStub())
afterAll(() => installTransport(undefined))

describe('the doorplate page', () => {
  it('reads the plate from the scene however WeChat or a link encoded it', () => {
    expect(sceneFrom({ scene: 'mp%3DMPPC030012' })).toBe('mp=MPPC030012')
    expect(sceneFrom({ scene: 'mp%253DMPPC030012' })).toBe('mp=MPPC030012')
    expect(sceneFrom({ scene: 'mp=MPPC030012' })).toBe('mp=MPPC030012')
    expect(sceneFrom({})).toBe('')
  })

  it('reads Chinese page parameters as they were meant (Taro H5 leaves them encoded)', () => {
    expect(routeParam({ place: encodeURIComponent('平川村三社12号') }, 'place')).toBe('平川村三社12号')
    expect(routeParam({ place: '平川村三社12号' }, 'place')).toBe('平川村三社12号')
    expect(routeParam({ note: '100%' }, 'note')).toBe('100%')
    expect(routeParam({}, 'missing')).toBe('')
    // Taro's H5 router puts a number among the page's parameters.
    expect(routeParam({ $taroTimestamp: 1764640000000 }, '$taroTimestamp')).toBe('1764640000000')
  })

  it('shows anyone the address, who to call in one tap, and reports with the address filled in', () => {
    render(<DoorplateView view={publicView()} scene='mp=MPPC030012' onChanged={() => undefined} />)
    expect(textOf('plate-line')).toBe('三社12号')
    click('contact-officer-call')
    click('contact-110-call')
    expect(recorded.phoneCalls).toEqual(['13800000001', '110'])
    // 治安户长 is not set for this 社: no empty row for it.
    expect(document.getElementById('contact-head')).toBeNull()
    click('plate-report-theft')
    const url = recorded.navigations[0]?.url ?? ''
    expect(url.startsWith('/packages/report-form/theft/index?')).toBe(true)
    const q = new URLSearchParams(url.split('?')[1])
    expect(q.get('villageId')).toBe('pingchuan')
    expect(q.get('place')).toBe('平川村三社12号')
    expect(q.get('addressId')).toBe(address.id)
  })

  it('lets a villager say 我住这里 with a second tap, then shows the declaration waiting for an officer', async () => {
    const seen = backend((req) => {
      if (req.data.action === 'declare') return { ok: true, data: claim() }
      if (req.data.action === 'scan') return { ok: true, data: publicView({ canDeclare: false, myClaim: claim() }) }
      return { ok: false, error: { code: 'not_found', message: '没有' } }
    })
    let view: ScanView = publicView()
    const { rerender } = render(<DoorplateView view={view} scene='mp=MPPC030012' onChanged={(v) => (view = v)} />)
    click('declare-resident')
    // Nothing is sent on the first tap.
    expect(seen).toHaveLength(0)
    expect(textOf('declare-confirm')).toContain('平川镇平川村三社12号')
    click('declare-send')
    await waitFor(() => expect(seen.map((r) => r.data.action)).toEqual(['declare', 'scan']))
    expect(seen[0].data.payload).toEqual({ addressId: address.id, as: 'resident', note: '' })
    expect(seen[0].data.requestId).toEqual(expect.any(String))
    rerender(<DoorplateView view={view} scene='mp=MPPC030012' onChanged={(v) => (view = v)} />)
    expect(textOf('declare-pending')).toContain('我住这里：等民警确认')
    expect(document.getElementById('declare-resident')).toBeNull()
  })

  it('shows an officer the household and its people, and 记一次走访 opens the visit form on this plate', () => {
    const view: ScanView = { ...publicView(), view: 'officer', household: officerHousehold() }
    render(<DoorplateView view={view} scene='mp=MPPC030012' onChanged={() => undefined} />)
    expect(textOf('person-p1')).toContain('独居老人')
    // Officers do not get the villager's declare buttons.
    expect(document.getElementById('declare-card')).toBeNull()
    click('record-visit')
    const q = new URLSearchParams((recorded.navigations[0]?.url ?? '').split('?')[1])
    expect(q.get('addressId')).toBe(address.id)
    expect(q.get('plateId')).toBe('MPPC030012')
  })

  it('takes a damage report (重错漏损破) from anyone who scans', async () => {
    const seen = backend(() => ({ ok: true, data: { received: true } }))
    render(<DoorplateView view={publicView()} scene='mp=MPPC030012' onChanged={() => undefined} />)
    click('problem-open')
    click('problem-submit')
    expect(textOf('problem-error')).toBe('请先选一种问题')
    click('problem-broken')
    click('problem-submit')
    await waitFor(() => expect(document.getElementById('problem-sent')).not.toBeNull())
    expect(seen[0].data).toMatchObject({ action: 'reportPlate', payload: { plateId: 'MPPC030012', problem: 'broken', note: '' } })
  })
})

describe('我的家', () => {
  const tenant = { id: 't1', name: '何小军', kind: 'temporary' as const, kindLabel: '暂住', role: 'tenant' as const, roleLabel: '租户', movedInDay: '2026-10-01', movedOutDay: null, phone: '139****0201', isMe: false }
  const landlordHome: MyHomeView = {
    homes: [{ address: { ...address, id: 'addr-pc-1-2', group: '一社', number: '2' }, people: [], myRole: 'owner', tenants: [tenant], contacts }],
    claims: [],
  }

  it('registers a tenant: says what is missing, keeps the form on the phone, and a retry reuses its requestId', async () => {
    let fail = true
    const seen = backend((req) => {
      if (req.data.action !== 'registerTenant') return { ok: false, error: { code: 'not_found', message: '没有' } }
      if (fail) throw new Error('offline')
      return { ok: true, data: { ...tenant, id: 't2', name: '刘小军' } }
    })
    const changed = jest.fn()
    const first = render(<HomeView data={landlordHome} onChanged={changed} />)
    expect(textOf('person-t1')).toContain('何小军')
    click('tenant-add')
    click('tenant-submit')
    expect(textOf('field-tenant-name-error')).toBe('还没填姓名，请填上')
    type('input-tenant-name', '刘小军')
    type('input-tenant-phone', '13900000301')
    // The app is closed and opened again: the form comes back as typed.
    first.unmount()
    render(<HomeView data={landlordHome} onChanged={changed} />)
    expect((el('input-tenant-name') as HTMLInputElement).value).toBe('刘小军')
    click('tenant-submit')
    await waitFor(() => expect(textOf('tenant-errors-form')).toContain('网络'))
    fail = false
    click('tenant-submit')
    await waitFor(() => expect(changed).toHaveBeenCalled())
    const sent = seen.filter((r) => r.data.action === 'registerTenant')
    expect(sent).toHaveLength(2)
    expect(sent[0].data.requestId).toBe(sent[1].data.requestId)
    expect(sent[1].data.payload).toMatchObject({ addressId: 'addr-pc-1-2', name: '刘小军', phone: '13900000301', kind: 'temporary' })
    expect(Taro.getStorageSync(`fq_draft_${tenantDraftName('addr-pc-1-2')}`)).toBe('')
  })

  it('asks before a tenant is marked as moved out (人走注销)', async () => {
    const seen = backend(() => ({ ok: true, data: { ...tenant, movedOutDay: '2026-12-02' } }))
    const changed = jest.fn()
    render(<HomeView data={landlordHome} onChanged={changed} />)
    click('leave-t1')
    expect(seen).toHaveLength(0)
    click('leave-yes-t1')
    await waitFor(() => expect(changed).toHaveBeenCalled())
    expect(seen[0].data).toMatchObject({ action: 'endTenancy', payload: { id: 't1', movedOutDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } })
  })

  it('tells someone with no household how to declare one', () => {
    render(<HomeView data={{ homes: [], claims: [claim()] }} onChanged={() => undefined} />)
    expect(textOf('home-none')).toContain('扫一扫您家门口的二维码门牌')
    expect(textOf('claim-cl1')).toContain('等民警确认')
  })
})

describe('记一次走访', () => {
  const target = { kind: 'household' as const, addressId: address.id, plateId: 'MPPC030012', line: address.line }
  const visit: VisitView = {
    id: 'v1', kind: 'household', kindLabel: '入户走访', addressId: address.id, organisationId: null, villageId: 'pingchuan', villageName: '平川村', group: '三社', place: '',
    location: null, at: '2026-12-02T02:00:00.000Z', officerName: '李警官', notes: '家里一切正常', concerns: [{ topic: 'fraud', topicLabel: '防诈骗', text: '有人打电话冒充医保局', became: null }], photos: [], viaPlate: true,
  }

  it('keeps the visit on the phone, sends it with one requestId however often it is retried, then turns a concern into an alert draft', async () => {
    let fail = true
    const seen = backend((req) => {
      if (req.data.action === 'recordVisit') {
        if (fail) throw new Error('offline')
        return { ok: true, data: visit }
      }
      if (req.data.action === 'alertDraft') return { ok: true, data: { category: 'fraud', severity: 'moderate', title: '冒充医保局诈骗', body: '…', advice: [], villageIds: ['pingchuan'], expiresAt: '2026-12-09T00:00:00.000Z', source: { kind: 'visit', visitId: 'v1' } } }
      return { ok: false, error: { code: 'not_found', message: '没有' } }
    })
    const first = render(<VisitForm target={target} villages={[{ id: 'pingchuan', name: '平川村' }]} organisations={[]} defaultVillageId='pingchuan' />)
    click('visit-submit')
    expect(textOf('field-visit-notes-error')).toContain('请写一句走访情况')
    click('quick-0')
    click('add-concern-fraud')
    type('input-concern-0', '有人打电话冒充医保局')
    first.unmount()
    render(<VisitForm target={target} villages={[{ id: 'pingchuan', name: '平川村' }]} organisations={[]} defaultVillageId='pingchuan' />)
    expect(document.getElementById('visit-restored')).not.toBeNull()
    expect((el('input-visit-notes') as HTMLTextAreaElement).value).toBe('家里一切正常')
    click('visit-submit')
    await waitFor(() => expect(textOf('visit-errors-form')).toContain('记录还在手机上'))
    fail = false
    click('visit-submit')
    await waitFor(() => expect(document.getElementById('visit-done')).not.toBeNull())
    const sent = seen.filter((r) => r.data.action === 'recordVisit')
    expect(sent).toHaveLength(2)
    expect(sent[0].data.requestId).toBe(sent[1].data.requestId)
    expect(sent[1].data.payload).toEqual({
      target: { kind: 'household', addressId: address.id, plateId: 'MPPC030012' },
      notes: '家里一切正常',
      concerns: [{ topic: 'fraud', text: '有人打电话冒充医保局' }],
      photos: [],
    })
    expect(Taro.getStorageSync(`fq_draft_${visitDraftName(target)}`)).toBe('')

    click('concern-0-to-alert')
    await waitFor(() => expect(recorded.navigations.at(-1)?.url).toBe('/packages/officer-alerts/compose/index?prefill=1'))
    expect(JSON.parse(String(Taro.getStorageSync('fq_alert_prefill')))).toMatchObject({ title: '冒充医保局诈骗', source: { kind: 'visit', visitId: 'v1' } })
    expect(textOf('concern-0-became')).toBe('已做预警草稿')
  })

  it('turns a theft concern into a report in one tap, carrying the visit and the address', async () => {
    const theftVisit: VisitView = { ...visit, concerns: [{ topic: 'theft', topicLabel: '偷盗', text: '三轮车电瓶被偷了', became: null }] }
    const seen = backend((req) => (req.data.action === 'create' ? { ok: true, data: { id: 'PC20261202-0001', caseNo: 'PC20261202-0001', status: 'submitted', flagged: false } } : { ok: false, error: { code: 'not_found', message: '没有' } }))
    const { default: VisitDone } = await import('@/packages/officer-households/visit/VisitDone')
    render(<VisitDone visit={theftVisit} line={address.line} />)
    click('concern-0-to-report')
    click('concern-0-report-send')
    await waitFor(() => expect(textOf('concern-0-became')).toBe('已转举报 PC20261202-0001'))
    expect(seen[0].data.payload).toMatchObject({ type: 'theft', items: [{ name: '三轮车电瓶被偷了' }], villageId: 'pingchuan', place: address.line, addressId: address.id, fromVisit: { visitId: 'v1', concern: 0 } })
  })
})

describe('the print sheet', () => {
  const item = (i: number): SheetItem => ({ plateId: `MPPC0300${String(i).padStart(2, '0')}`, scene: '', imageFileId: `f${i}`, imageUrl: `u${i}`, lines: ['平川村三社', `${i}号`], state: 'active' })

  it('puts 3×4 plates on a page, none outside the paper, the address under each code', () => {
    const items = Array.from({ length: 13 }, (_, i) => item(i + 1))
    const pages = paginate(items)
    expect(pages.map((p) => p.length)).toEqual([PER_PAGE, 1])
    const cells = layoutPage(pages[0])
    expect(cells).toHaveLength(12)
    for (const c of cells) {
      expect(c.box.x + c.box.w).toBeLessThanOrEqual(1240)
      expect(c.box.y + c.box.h).toBeLessThanOrEqual(1754)
      expect(c.line1Y).toBeGreaterThan(c.qr.y + c.qr.size)
      expect(c.line2Y).toBeLessThanOrEqual(c.box.y + c.box.h)
      // A code big enough to scan once printed: over a third of the cell's width.
      expect(c.qr.size).toBeGreaterThan(c.box.w / 3)
    }
  })

  it('draws each code and its two address lines; a code that did not load is written as its plate id', () => {
    const texts: string[] = []
    const images: unknown[] = []
    const ctx: SheetContext = {
      fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: '', textBaseline: '',
      fillRect: () => undefined, strokeRect: () => undefined,
      drawImage: (img) => void images.push(img),
      fillText: (t) => void texts.push(t),
    }
    const page = [item(1), item(2)]
    drawPage(ctx, layoutPage(page), new Map([[page[0].plateId, 'img-1']]))
    expect(images).toEqual(['img-1'])
    expect(texts).toEqual(['平川村三社', '1号', 'MPPC030002（码没取到）', '平川村三社', '2号'])
  })
})

describe('导入表格', () => {
  it('shows every wrong row and offers no import until the sheet is right; then imports with one request', async () => {
    let preview: ImportPreview = { rows: 3, addresses: 2, people: 3, errors: [{ row: 3, column: '门牌号', message: '门牌号要写数字' }], sample: [], ok: false }
    const seen = backend((req) => {
      if (req.data.action === 'importPreview') return { ok: true, data: preview }
      if (req.data.action === 'importCommit') return { ok: true, data: { addresses: 2, people: 3, updated: 0 } }
      return { ok: false, error: { code: 'not_found', message: '没有' } }
    })
    // The file chooser: H5 opens the browser's; here the page is handed a file straight away.
    const original = document.createElement.bind(document)
    const spy = jest.spyOn(document, 'createElement').mockImplementation((tag: string) => {
      const node = original(tag)
      if (tag === 'input') {
        Object.defineProperty(node, 'files', { value: [new File(['村,社,门牌号'], '平川村.csv')] })
        node.click = () => node.dispatchEvent(new Event('change'))
      }
      return node
    })
    ;(URL as unknown as { createObjectURL: (f: File) => string }).createObjectURL = () => 'blob:sheet'
    process.env.TARO_ENV = 'h5'
    try {
      render(<ImportExport villages={[{ id: 'pingchuan', name: '平川村' }]} groups={[]} />)
      await act(async () => click('import-pick'))
      await waitFor(() => expect(textOf('import-has-errors')).toContain('有1处要改'))
      expect(textOf('import-error-0')).toBe('第3行「门牌号」：门牌号要写数字')
      expect(document.getElementById('import-commit')).toBeNull()
      preview = { ...preview, errors: [], ok: true }
      await act(async () => click('import-pick'))
      await waitFor(() => expect(document.getElementById('import-commit')).not.toBeNull())
      click('import-commit')
      await waitFor(() => expect(document.getElementById('import-done')).not.toBeNull())
    } finally {
      spy.mockRestore()
      Reflect.deleteProperty(process.env, 'TARO_ENV')
    }
    const previews = seen.filter((r) => r.data.action === 'importPreview')
    expect(previews[0].data.payload).toEqual({ fileId: expect.stringMatching(/^cloud:\/\/env\.bucket\/uploads\/[0-9a-f]{32}\/[a-z0-9]+\.csv$/) })
    expect(seen.filter((r) => r.data.action === 'importCommit')).toHaveLength(1)
  })
})

describe('改地址', () => {
  it('asks why an address is corrected and sends the unchanged fields back as they were', async () => {
    const h = officerHousehold()
    const seen = backend(() => ({ ok: true, data: { ...h, number: '12-1' } }))
    const saved = jest.fn()
    render(<AddressForm villages={[{ id: 'pingchuan', name: '平川村' }]} current={h} onSaved={saved} onCancel={() => undefined} />)
    type('input-addr-number', '12-1')
    click('address-save')
    expect(textOf('field-addr-reason-error')).toContain('原因')
    expect(seen).toHaveLength(0)
    type('input-addr-reason', '门牌号写错了')
    click('address-save')
    await waitFor(() => expect(saved).toHaveBeenCalled())
    expect(seen[0].data).toMatchObject({ action: 'saveAddress', payload: { id: address.id, villageId: 'pingchuan', group: '三社', number: '12-1', use: 'own', ownerName: '张桂兰', ownerPhone: '13900000001', reason: '门牌号写错了' } })
  })
})
