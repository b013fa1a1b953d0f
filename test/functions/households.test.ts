// The `households` function against a local cloud with the demo seed: plates generated in resumable batches, a scan as
// a stranger, a resident and an officer, a declaration confirmed, a visit whose concern becomes a report, tenants,
// coverage, and the spreadsheet import (all or nothing) and export (masked).
import ExcelJS from 'exceljs'
import type { OfficerScanView, PublicScanView, ResidentScanView } from '@contract/households'
import { SEED_PLATES } from '../../scripts/seed-data/households'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const OFFICER = 'dev-officer'
const ADMIN = 'dev-admin'
const ZHANG = 'dev-resident-1'
const WANG = 'dev-resident-9'
const api = contractCalls(() => t)

function newResident(openid: string, name: string, phone: string): void {
  const at = new Date()
  t.store.insertMany('users', [{ _id: openid, role: 'resident', name, phone, villageId: 'pingchuan', address: '', createdAt: at, updatedAt: at }])
}

const audits = (action: string) => t.store.find('audit_log', { action }).length

describe('doorplates', () => {
  test('generating plates for a 社 batches and resumes, then the sheet lists every plate with its two lines', async () => {
    // A small 社 of its own: the local cloud draws every code itself, slowly under jest.
    for (const number of ['1', '2', '3']) await api.ok(OFFICER, 'households.saveAddress', { villageId: 'pingchuan', group: '九社', number }, `gen-addr-${number}`)
    let job = await api.ok(OFFICER, 'households.generatePlates', { villageId: 'pingchuan', group: '9社' }, 'gen-1')
    for (let i = 0; job.more && i < 20; i++) job = await api.ok(OFFICER, 'households.continuePlates', { jobId: job.id })
    expect(job).toMatchObject({ status: 'done', failed: 0, group: '九社', total: 3, done: 3 })
    const plates = () => t.store.find('hh_plates', { villageId: 'pingchuan', group: '九社' }) as unknown as { _id: string; imageFileId: string | null; state: string; addressId: string }[]
    expect(plates()).toHaveLength(3)
    expect(plates().every((p) => p.imageFileId && p.state === 'active')).toBe(true)
    // A second run makes nothing new: the plates and their images are there.
    const again = await api.ok(OFFICER, 'households.generatePlates', { villageId: 'pingchuan', group: '九社' }, 'gen-2')
    expect(again).toMatchObject({ status: 'done', done: 3 })
    expect(plates()).toHaveLength(3)

    const sheet = await api.ok(OFFICER, 'households.plateSheet', { villageId: 'pingchuan', group: '九社', pageSize: 2 })
    expect(sheet.items).toHaveLength(2)
    expect(sheet.items[0]).toMatchObject({ lines: ['平川村九社', '1号'], state: 'active' })
    expect(sheet.items[0].scene).toMatch(/^mp=MP[0-9A-HJ-NP-Z]{8}$/)
    expect(sheet.items[0].scene.length).toBeLessThanOrEqual(32)
    expect(sheet.items[0].imageUrl).not.toBe('')
    const rest = await api.ok(OFFICER, 'households.plateSheet', { villageId: 'pingchuan', group: '九社', pageSize: 2, cursor: sheet.nextCursor ?? '' })
    expect(rest.items.map((i) => i.lines[1])).toEqual(['3号'])

    // A plate is re-pointed without reprinting; a voided one leaves the sheet.
    const first = sheet.items[0].plateId
    const moved = await api.ok(OFFICER, 'households.setPlate', { plateId: first, addressId: 'ad-pingchuan-三社-16', reason: '门牌挂错了地方' }, 'plate-move')
    expect(moved.addressId).toBe('ad-pingchuan-三社-16')
    const scan = await api.ok('fn-hh-nobody', 'households.scan', { scene: `mp=${first}` })
    expect(scan.address?.line).toBe('平川镇平川村三社16号')
    await api.ok(OFFICER, 'households.setPlate', { plateId: first, state: 'void', reason: '已换新门牌' }, 'plate-void')
    expect((await api.ok(OFFICER, 'households.plateSheet', { villageId: 'pingchuan', group: '三社' })).items.map((i) => i.plateId)).not.toContain(first)
  }, 180_000)

  test('a resident cannot generate plates or read the sheet', async () => {
    const r = await api.call(ZHANG, 'households.generatePlates', { villageId: 'pingchuan' })
    expect(r.ok ? null : r.error.code).toBe('forbidden')
  })
})

describe('what a scan shows', () => {
  test('anyone: the address and whom to call, never names, phones or 出租', async () => {
    newResident('fn-hh-stranger', '路人甲', '13600000001')
    for (const who of ['fn-hh-nobody', 'fn-hh-stranger']) {
      const view = (await api.ok(who, 'households.scan', { scene: `mp=${SEED_PLATES.wangRented}` })) as PublicScanView | ResidentScanView
      expect(view.address?.line).toBe('平川镇平川村一社2号')
      expect(view.prefill).toMatchObject({ addressId: 'ad-pingchuan-一社-2', villageId: 'pingchuan' })
      const text = JSON.stringify({ ...view, contacts: null })
      for (const secret of ['王淑珍', '何小军', '13900000009', '13900000201', '出租', 'rented', 'tenant']) expect(text).not.toContain(secret)
      if (view.view === 'resident') expect(view.household).toBeNull()
    }
    const three = await api.ok('fn-hh-nobody', 'households.scan', { scene: SEED_PLATES.zhangHome })
    expect(three.contacts.officer).toEqual({ name: '王警官', phone: '13800000002' })
    expect(three.contacts.securityHead?.name).toBe('马德胜')
    expect(three.view).toBe('public')
  })

  test('a resident sees their own household; an officer everything, audited', async () => {
    const mine = (await api.ok(ZHANG, 'households.scan', { scene: `mp=${SEED_PLATES.zhangHome}` })) as ResidentScanView
    expect(mine.view).toBe('resident')
    expect(mine.household?.people.map((p) => p.name)).toEqual(['张桂兰'])
    expect(mine.canDeclare).toBe(false)
    expect(JSON.stringify(mine)).not.toContain('elderly_alone')

    const before = audits('households.scan')
    const officer = (await api.ok(OFFICER, 'households.scan', { scene: `mp=${SEED_PLATES.wangRented}` })) as OfficerScanView
    expect(officer.view).toBe('officer')
    expect(officer.household?.house.useLabel).toBe('出租')
    expect(officer.household?.residents.map((p) => p.name).sort()).toEqual(['何小军', '王淑珍'].sort())
    expect(audits('households.scan')).toBe(before + 1)
  })

  test('a stranger reports a damaged plate; an unknown scene is a plain not found', async () => {
    await api.ok('fn-hh-nobody', 'households.reportPlate', { plateId: SEED_PLATES.shop, problem: 'damaged', note: '' })
    expect((t.store.find('hh_plates', { _id: SEED_PLATES.shop })[0] as unknown as { problems: unknown[] }).problems).toHaveLength(1)
    const r = await api.call('fn-hh-nobody', 'households.scan', { scene: 'mp=MP00000000' })
    expect(r.ok ? null : r.error.code).toBe('not_found')
  })
})

describe('declare → confirm → visit → the concern becomes a report', () => {
  test('the whole journey', async () => {
    newResident('fn-hh-li', '李玉兰', '13600000002')
    const scan = (await api.ok('fn-hh-li', 'households.scan', { scene: SEED_PLATES.zhangHome })) as ResidentScanView
    expect(scan.canDeclare).toBe(true)
    const claim = await api.ok('fn-hh-li', 'households.declare', { addressId: scan.address?.id ?? '', as: 'resident' }, 'decl-1')
    expect(claim.status).toBe('pending')
    // A retry answers the same declaration.
    expect((await api.ok('fn-hh-li', 'households.declare', { addressId: scan.address?.id ?? '', as: 'resident' }, 'decl-1')).id).toBe(claim.id)
    const pending = await api.ok(OFFICER, 'households.claims', { villageId: 'pingchuan' })
    expect(pending.items.map((c) => c.id)).toContain(claim.id)
    expect(pending.items.find((c) => c.id === claim.id)?.claimant?.phone).toBe('136****0002')

    const decided = await api.ok(OFFICER, 'households.decideClaim', { id: claim.id, confirm: true }, 'decide-1')
    expect(decided.status).toBe('confirmed')
    const home = await api.ok('fn-hh-li', 'households.myHome', {})
    expect(home.homes[0].address.line).toBe('平川镇平川村三社12号')
    expect(home.homes[0].people.map((p) => p.name).sort()).toEqual(['张桂兰', '李玉兰'].sort())
    expect((t.store.find('users', { _id: 'fn-hh-li' })[0] as unknown as { household: string }).household).toBe('ad-pingchuan-三社-12')

    const coverageBefore = await api.ok(OFFICER, 'households.coverage', { villageId: 'pingchuan' })
    const row = (c: typeof coverageBefore) => c.rows.find((r) => r.group === '三社')
    const visit = await api.ok(
      OFFICER,
      'households.recordVisit',
      { target: { kind: 'household', addressId: 'ad-pingchuan-三社-12', plateId: SEED_PLATES.zhangHome }, notes: '老人独居，身体还好', concerns: [{ topic: 'theft', text: '院子里的电动车电瓶被偷了' }] },
      'visit-1',
    )
    expect(visit.viaPlate).toBe(true)
    expect(Math.abs(new Date(visit.at).getTime() - Date.now())).toBeLessThan(60_000)
    const coverageAfter = await api.ok(OFFICER, 'households.coverage', { villageId: 'pingchuan' })
    const hadVisit = row(coverageBefore)?.visitedThisQuarter ?? 0
    expect(row(coverageAfter)?.lastVisitAt).toBe(visit.at)
    // 三社12号 was never visited in the seed: it now counts for this quarter, and a second visit does not count again.
    expect(row(coverageAfter)?.visitedThisQuarter).toBe(hadVisit + 1)
    expect(row(coverageAfter)?.neverVisited).toBe((row(coverageBefore)?.neverVisited ?? 0) - 1)

    const report = await api.ok(
      OFFICER,
      'reports.create',
      {
        type: 'theft',
        items: [{ name: '电动车电瓶', value: 400 }],
        from: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        to: new Date(Date.now() - 86_400_000).toISOString(),
        villageId: 'pingchuan',
        place: '三社12号院子',
        fromVisit: { visitId: visit.id, concern: 0 },
      },
      'rep-1',
    )
    const stored = t.store.find('reports', { _id: report.id })[0] as unknown as { addressId: string }
    expect(stored.addressId).toBe('ad-pingchuan-三社-12')
    const v = t.store.find('hh_visits', { _id: visit.id })[0] as unknown as { concerns: { became: unknown }[] }
    expect(v.concerns[0].became).toEqual({ kind: 'report', id: report.id })
    const detail = await api.ok(OFFICER, 'households.household', { id: 'ad-pingchuan-三社-12' })
    expect(detail.reports.map((r) => r.id)).toContain(report.id)
    expect(detail.visits[0].concerns[0].became).toEqual({ kind: 'report', id: report.id })
    // A resident cannot claim a visit's concern.
    const r = await api.call(ZHANG, 'reports.create', { type: 'theft', items: [{ name: '锄头' }], from: new Date(Date.now() - 2 * 86_400_000).toISOString(), to: new Date(Date.now() - 86_400_000).toISOString(), villageId: 'pingchuan', place: '院子', fromVisit: { visitId: visit.id, concern: 0 } })
    expect(r.ok ? null : r.error.code).toBe('forbidden')
    // An alert draft from the same concern, for the compose page.
    const draft = await api.ok(OFFICER, 'households.alertDraft', { visitId: visit.id, concern: 0 })
    expect(draft).toMatchObject({ villageIds: ['pingchuan'], source: { kind: 'visit', visitId: visit.id } })
  }, 60_000)

  test('a first visit of a never-visited household counts it once for the quarter', async () => {
    const before = (await api.ok(OFFICER, 'households.coverage', { villageId: 'luwan' })).rows[0]
    const target = { kind: 'household' as const, addressId: 'ad-luwan-五社-8' }
    await api.ok(OFFICER, 'households.recordVisit', { target, notes: '' }, 'visit-lw-1')
    await api.ok(OFFICER, 'households.recordVisit', { target, notes: '又来一次' }, 'visit-lw-2')
    const after = (await api.ok(OFFICER, 'households.coverage', { villageId: 'luwan' })).rows[0]
    expect(after.visitedThisQuarter).toBe(before.visitedThisQuarter + 1)
    expect(after.neverVisited).toBe(before.neverVisited - 1)
  })
})

describe('tenants: 人来登记，人走注销', () => {
  test('the landlord registers and ends a tenancy; nobody else can end it', async () => {
    const tenant = await api.ok(WANG, 'households.registerTenant', { addressId: 'ad-pingchuan-一社-2', name: '孙小雨', phone: '13600000003', movedInDay: '2026-01-05' }, 'ten-1')
    const home = await api.ok(WANG, 'households.myHome', {})
    expect(home.homes[0].tenants.map((p) => p.name)).toEqual(expect.arrayContaining(['何小军', '孙小雨']))
    const other = await api.call(ZHANG, 'households.endTenancy', { id: tenant.id, movedOutDay: '2026-02-01' })
    expect(other.ok ? null : other.error.code).toBe('not_found')
    const ended = await api.ok(WANG, 'households.endTenancy', { id: tenant.id, movedOutDay: '2026-02-01' }, 'ten-end-1')
    expect(ended.movedOutDay).toBe('2026-02-01')
    const notLandlord = await api.call(ZHANG, 'households.registerTenant', { addressId: 'ad-pingchuan-一社-2', name: '钱多多', phone: '13600000004', movedInDay: '2026-01-05' })
    expect(notLandlord.ok ? null : notLandlord.error.code).toBe('forbidden')
  })
})

describe('addresses', () => {
  test('one number, one address: a second 三社12号 (written 3社十二号) is refused; a correction needs a reason and is an event', async () => {
    const dup = await api.call(OFFICER, 'households.saveAddress', { villageId: 'pingchuan', group: '3社', number: '十二号' })
    expect(dup.ok ? null : dup.error.code).toBe('conflict')
    const made = await api.ok(OFFICER, 'households.saveAddress', { villageId: 'pingchuan', group: '三社', number: '40', location: { latitude: 39.2462, longitude: 100.0588 } }, 'addr-1')
    expect(made.warnings[0]).toContain('多号一址')
    const noReason = await api.call(OFFICER, 'households.saveAddress', { id: made.id, villageId: 'pingchuan', group: '三社', number: '41' })
    expect(noReason.ok ? null : noReason.error.field).toBe('reason')
    await api.ok(OFFICER, 'households.saveAddress', { id: made.id, villageId: 'pingchuan', group: '三社', number: '41', reason: '门牌号写错了' }, 'addr-2')
    const detail = await api.ok(OFFICER, 'households.household', { id: made.id })
    expect(detail.events[0]).toMatchObject({ kind: 'corrected', reason: '门牌号写错了', by: '王警官' })
    expect(detail.events[0].changes).toContainEqual({ field: 'number', from: '40', to: '41' })
  })

  test('the address book finds a household by a person’s name and by 社+号', async () => {
    const byName = await api.ok(OFFICER, 'households.searchAddresses', { q: '张桂' })
    expect(byName.items.map((a) => a.id)).toContain('ad-pingchuan-三社-12')
    expect(byName.items.find((a) => a.id === 'ad-pingchuan-三社-12')?.house.ownerPhone).toBe('139****0001')
    const byNumber = await api.ok(OFFICER, 'households.searchAddresses', { q: '3社12号', villageId: 'pingchuan' })
    expect(byNumber.items.map((a) => a.id)).toEqual(['ad-pingchuan-三社-12'])
    const list = await api.ok(OFFICER, 'households.searchAddresses', { villageId: 'pingchuan', group: '一社' })
    expect(list.items.map((a) => a.number).slice(0, 3)).toEqual(['1', '2', '3'])
  })
})

async function sheetBytes(rows: string[][], kind: 'xlsx' | 'csv'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('户')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(kind === 'xlsx' ? await wb.xlsx.writeBuffer() : await wb.csv.writeBuffer())
}

const HEADER = ['村', '社', '门牌号', '户室号', '房屋用途', '房主', '房主电话', '姓名', '电话', '身份证号', '人员类别', '与户主关系', '搬来日期']

describe('import and export', () => {
  test('a sheet with one bad row is previewed with its errors and nothing is written; fixed, it is written whole', async () => {
    const rows = [
      HEADER,
      ['平川村', '七社', '1', '', '自住', '杨永胜', '13600000011', '杨永胜', '13600000011', '', '常住', '户主', '2020-03-01'],
      ['平川村', '七社', '1', '', '自住', '杨永胜', '13600000011', '杨红梅', '', '', '常住', '配偶', ''],
      ['平川村', '七社', '2号', '', '出租', '陈国强', '', '', '', '', '', '', ''],
      ['平川村', '七社', '3', '', '住人', '周长青', '1360000', '周长青', '', '', '暂住', '', ''],
    ]
    const bad = await api.upload(OFFICER, 'bad.xlsx', { bytes: await sheetBytes(rows, 'xlsx'), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    const preview = await api.ok(OFFICER, 'households.importPreview', { fileId: bad })
    expect(preview.ok).toBe(false)
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual([
      [5, '房屋用途'],
      [5, '房主电话'],
    ])
    const before = t.store.find('hh_addresses', {}).length
    const refused = await api.call(OFFICER, 'households.importCommit', { fileId: bad })
    expect(refused.ok ? null : refused.error.code).toBe('invalid_argument')
    expect(t.store.find('hh_addresses', {}).length).toBe(before)
    expect(t.store.find('hh_people', { group: '七社' })).toHaveLength(0)

    rows[4] = ['平川村', '七社', '3', '', '自住', '周长青', '13600000012', '周长青', '', '', '暂住', '', '']
    const good = await api.upload(OFFICER, 'good.csv', { bytes: await sheetBytes(rows, 'csv'), type: 'text/csv' })
    const ok = await api.ok(OFFICER, 'households.importPreview', { fileId: good })
    expect(ok).toMatchObject({ ok: true, rows: 4, addresses: 3, people: 3 })
    const result = await api.ok(OFFICER, 'households.importCommit', { fileId: good }, 'imp-1')
    expect(result).toEqual({ addresses: 3, people: 3, updated: 0 })
    expect(t.store.find('hh_addresses', {}).length).toBe(before + 3)
    const groups = await api.ok(OFFICER, 'households.groups', { villageId: 'pingchuan' })
    expect(groups.groups.find((g) => g.group === '七社')?.households).toBe(3)
    // Importing the same sheet again: the people are already there.
    const again = await api.ok(OFFICER, 'households.importPreview', { fileId: good })
    expect(again.ok).toBe(false)
  }, 60_000)

  test('the export masks phones and ID numbers; the admin export is unmasked and audited', async () => {
    const person = await api.ok(OFFICER, 'households.savePerson', { addressId: 'ad-pingchuan-五社-1', name: '马建军', phone: '13600000021', kind: 'permanent', idNo: '62072319800101123X' }, 'person-1')
    expect(person.idNo).toBe('620723********123X')
    const read = async (fileId: string) => {
      const file = t.cloud.storage.read(fileId)
      if (!file) throw new Error(`no file ${fileId}`)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer)
      const out: string[][] = []
      wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((x) => String(x ?? ''))))
      return out
    }
    const masked = await api.ok(OFFICER, 'households.export', { villageId: 'pingchuan', group: '五社' })
    expect(masked.masked).toBe(true)
    const rows = await read(masked.fileId)
    expect(rows[0]).toEqual(HEADER)
    const ma = rows.find((r) => r[7] === '马建军')
    expect(ma?.[8]).toBe('136****0021')
    expect(ma?.[9]).toBe('620723********123X')
    expect(JSON.stringify(rows)).not.toContain('13600000021')

    const officerFull = await api.call(OFFICER, 'households.exportFull', { villageId: 'pingchuan', group: '五社', reason: '核对' })
    expect(officerFull.ok ? null : officerFull.error.code).toBe('forbidden')
    const before = audits('households.exportFull')
    const full = await api.ok(ADMIN, 'households.exportFull', { villageId: 'pingchuan', group: '五社', reason: '县局核对台账' })
    expect((await read(full.fileId)).find((r) => r[7] === '马建军')?.[9]).toBe('62072319800101123X')
    expect(audits('households.exportFull')).toBe(before + 1)
    const audited = audits('households.person')
    expect((await api.ok(OFFICER, 'households.person', { id: person.id })).idNo).toBe('62072319800101123X')
    expect(audits('households.person')).toBe(audited + 1)
  }, 60_000)
})
