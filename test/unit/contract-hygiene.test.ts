// Whatever the contract accepts is clean: valid payloads with one field swapped for junk either fail in Chinese or hand
// the handler finite numbers, dates inside 2000..2100 and text without control or bidi characters.
import fc from 'fast-check'
import * as v from 'valibot'
import { contract, type ActionKey, type ActionSpec } from '@contract'
import { isChineseMessage, validatePayload } from '@contract/validate'

const day = '2026-03-02'
const at = '2026-03-01T10:00:00+08:00'
const week = Array.from({ length: 7 }, () => [{ start: '08:30', end: '12:00' }])

/** One valid payload per action that takes fields (the others are covered by contract-messages). */
const VALID: Partial<Record<ActionKey, Record<string, unknown>>> = {
  'account.setVillage': { villageId: 'pingchuan' },
  'mediation.apply': {
    kind: 'neighbour',
    me: { name: '张桂兰', phone: '13900000001', villageId: 'pingchuan', group: '三社', age: 66, ageBand: 'senior' },
    other: { name: '王淑珍', phone: '13900000009', villageId: 'pingchuan', group: '一社', ageBand: 'adult' },
    what: '轮到我家浇水，她家把水口堵了',
    want: '按顺序浇水',
    place: '三社东头水渠',
    happenedAt: '2026-11-28T09:00:00+08:00',
  },
  'mediation.register': {
    source: 'walk_in',
    kind: 'land',
    applicant: { name: '刘建国', phone: '13900000002', villageId: 'luwan' },
    other: { name: '陈志强' },
    what: '两家为宅基地界线争执',
    place: '芦湾村五社',
    villageId: 'luwan',
    reportedBy: '治安户长',
  },
  'mediation.mine': { pageSize: 10 },
  'mediation.get': { id: 'TJ20261201-0001' },
  'mediation.join': { code: 'K7MPQ2' },
  'mediation.inviteQr': { id: 'TJ20261201-0001' },
  'mediation.consent': { id: 'TJ20261201-0001', agree: true, side: 'respondent', reason: '愿意调解' },
  'mediation.review': { id: 'TJ20261201-0001', facts: { violation: true, injury: 'minor', amount: 800, people: 2 }, level: 3, levelReason: '涉及宅基地', assessmentDoneDay: '2026-11-30', routeTo: 'justice_office' },
  'mediation.route': { id: 'TJ20261201-0001', to: 'village_committee', reason: '属于村里的邻里矛盾' },
  'mediation.team': { id: 'TJ20261201-0001', mediatorIds: ['med-1'] },
  'mediation.object': { id: 'TJ20261201-0001', mediatorId: 'med-1', reason: '他是对方的亲戚' },
  'mediation.schedule': { id: 'TJ20261201-0001', place: 'room', at: '2026-12-10T10:00:00+08:00', attendees: ['村主任'] },
  'mediation.recordSession': { id: 'TJ20261201-0001', no: 1, outcome: 'agreed', notes: '双方同意按顺序浇水', attendees: ['村主任'] },
  'mediation.agreement': {
    id: 'TJ20261201-0001',
    facts: { time: '11月28日上午', place: '三社东头水渠', cause: '浇水顺序', course: '两家争吵', result: '未受伤' },
    terms: [{ party: 'respondent', what: '当面道歉', dueDay: '2026-12-10' }],
  },
  'mediation.confirm': { id: 'TJ20261201-0001', side: 'applicant' },
  'mediation.termDone': { id: 'TJ20261201-0001', termId: 't1' },
  'mediation.followUp': { id: 'TJ20261201-0001', round: 7, kept: true, relations: '和好了', satisfaction: 5, note: '电话回访' },
  'mediation.close': { id: 'TJ20261201-0001', outcome: 'resolved', note: '协议已履行' },
  'mediation.reopen': { id: 'TJ20261201-0001', reason: '对方没有按时赔偿' },
  'mediation.extend': { id: 'TJ20261201-0001', until: '2026-12-31', consents: { applicant: '12月2日电话同意', respondent: '12月2日当面同意' } },
  'mediation.assessment': { id: 'TJ20261201-0001', state: 'done', day: '2026-12-01' },
  'mediation.consentExtension': { id: 'TJ20261201-0001' },
  'mediation.judicialConfirmation': { id: 'TJ20261201-0001', step: 'apply', day: '2026-12-01', consent: '双方当面同意共同申请' },
  'mediation.document': { id: 'TJ20261201-0001' },
  'mediation.screening': { id: 'TJ20261201-0001', to: 'file', note: '转为案件' },
  'mediation.withdraw': { id: 'TJ20261201-0001', reason: '已经和好' },
  'mediation.storyConsent': { id: 'TJ20261201-0001', agree: true },
  'mediation.draftStory': { id: 'TJ20261201-0001' },
  'mediation.queue': { view: 'risk', pageSize: 10 },
  'mediation.saveMediator': { name: '马秀英', kind: 'copper', role: 'people_mediator', villageId: 'wulidun', group: '二社', phone: '13900000003', specialties: ['family'] },
  'alerts.reach': { villageIds: ['pingchuan'] },
  'alerts.groups': { villageId: 'pingchuan' },
  'account.updateProfile': { name: '韩春花', phone: '13900001111', villageId: 'pingchuan', address: '平川村二社6号' },
  'account.createInvite': { note: '新来的辅警', expiresInHours: 24 },
  'account.redeemInvite': { code: 'ABC234' },
  'account.setRole': { openid: 'dev-officer', role: 'officer' },
  'alerts.publish': { title: '警惕诈骗', body: '公检法不会让您转账。', category: 'fraud', severity: 'severe', villageIds: ['pingchuan'], advice: ['别转账'], expiresAt: '2026-07-01T00:00:00+08:00', effectiveAt: at },
  'alerts.update': { id: 'a1', reason: '补充', changes: { title: '新标题', expiresAt: '2026-08-01' } },
  'alerts.cancel': { id: 'a1', reason: '已处理' },
  'alerts.get': { id: 'a1', via: 'share' },
  'alerts.ack': { id: 'a1' },
  'alerts.markRead': { id: 'a1', via: 'feed' },
  'alerts.revealPhone': { id: 'a1', openid: 'dev-resident-1' },
  'alerts.list': { keyword: '诈骗', villageId: 'pingchuan', pageSize: 10 },
  'alerts.stats': { id: 'a1', followUp: true, pageSize: 10 },
  'alerts.subscribe': { results: { tpl1: 'accept' } },
  'services.saveService': { id: 'hukou', name: '户口', summary: '办户口', kinds: ['booking'], materials: [{ id: 'idcard', name: '身份证' }], durationMinutes: 20, afterHours: true },
  'services.saveSchedule': {
    weekly: week,
    exceptions: [{ date: day, closed: true, note: '放假' }],
    slotMinutes: 30,
    capacity: 4,
    horizonDays: 14,
    cutoffMinutes: 60,
    maxActivePerService: 1,
    maxPerDay: 2,
    noShow: { limit: 3, windowDays: 90, blockDays: 30 },
    homeVisit: { bases: ['elderly'], minAge: 70, bufferMinutes: 30 },
  },
  'services.slots': { serviceId: 'hukou', day },
  'services.book': { serviceId: 'hukou', slot: `${day}T09:00`, name: '韩春花', phone: '13900001111' },
  'services.cancel': { id: 'b1', note: '有事' },
  'services.reschedule': { id: 'b1', slot: `${day}T10:00` },
  'services.requestErrand': { serviceId: 'hukou', materials: ['idcard'], name: '韩春花', phone: '13900001111', handover: 'delivery', address: '二社6号', note: '急' },
  'services.requestHomeVisit': { serviceId: 'hukou', reason: '腿脚不便', basis: 'elderly', age: 80, name: '韩春花', phone: '13900001111', villageId: 'pingchuan', location: { latitude: 39.1, longitude: 100.1 }, preferredDays: [day] },
  'services.checkInQr': { id: 'b1' },
  'services.agenda': { day },
  'services.checkIn': { code: 'X1' },
  'services.transition': { kind: 'booking', id: 'b1', to: 'confirmed', note: '好' },
  'services.scheduleHomeVisit': { id: 'b1', day, start: '09:00', end: '10:00', note: '上午去' },
  'followups.pending': { kind: 'services' },
  'followups.get': { id: 'booking-b1-done' },
  'followups.forCase': { kind: 'report', id: 'r1' },
  'followups.answer': { id: 'booking-b1-done', answer: 'satisfied', words: '民警很耐心', attempts: 1 },
  'followups.revise': { id: 'booking-b1-done', answer: 'basic', words: '', attempts: 2 },
  'followups.record': { id: 'booking-b1-done', via: 'phone', answer: 'unsatisfied', words: '等了很久' },
  'followups.list': { view: 'answered', kind: 'report', cursor: '2026-01-01T00:00:00.000Z', pageSize: 20 },
  'followups.tasks': { status: 'open', pageSize: 20 },
  'followups.task': { id: 'task-booking-b1-done' },
  'followups.closeTask': { id: 'task-booking-b1-done', note: '已电话道歉并重新办理' },
  'figures.overview': { kind: 'custom', from: '2026-03-01', to: '2026-03-31', villageId: 'pingchuan', officer: 'dev-officer' },
  'figures.export': { kind: 'month', villageId: 'luwan', officer: '', what: 'reports', format: 'csv', full: true },
  'figures.download': { id: 'e1' },
  'services.subscribe': { accepted: ['reminder'] },
  'reports.create': {
    type: 'theft',
    items: [{ name: '水桶', value: 60 }],
    from: '2026-03-01T08:00:00+08:00',
    to: at,
    villageId: 'pingchuan',
    place: '三社大棚',
    location: { latitude: 39.1, longitude: 100.1 },
    suspect: '蓝色三轮车',
  },
  'reports.list': { type: 'theft', status: 'submitted', assigned: 'me', overdue: true, pageSize: 10 },
  'reports.get': { id: 'PC20260301-0001' },
  'reports.transition': { id: 'PC20260301-0001', to: 'accepted', note: '已受理', public: true },
  'reports.assign': { id: 'PC20260301-0001', assignee: 'dev-officer' },
  'reports.supplement': { id: 'PC20260301-0001', text: '又想起来一点' },
  'reports.withdraw': { id: 'PC20260301-0001', reason: '找到了' },
  'reports.draftAlertFromCluster': { key: 'theft:pingchuan' },
  'reports.mediaCheckResult': { traceId: 't1', suggest: 'pass' },
  'households.saveAddress': { villageId: 'pingchuan', group: '三社', number: '12号', room: '', location: { latitude: 39.25, longitude: 100.05 }, use: 'own', ownerName: '张桂兰', ownerPhone: '13900000001', reason: '' },
  'households.searchAddresses': { villageId: 'pingchuan', group: '三社', q: '张', pageSize: 20 },
  'households.groups': { villageId: 'pingchuan' },
  'households.saveGroup': { villageId: 'pingchuan', group: '三社', officerName: '王警官', officerPhone: '13800000002', gridName: '马德胜', gridPhone: '13800000021', headName: '', headPhone: '' },
  'households.household': { id: 'ad0001' },
  'households.savePerson': { addressId: 'ad0001', name: '张桂兰', phone: '13900000001', kind: 'permanent', role: 'member', relation: '户主', idNo: '62072319600101123X', movedInDay: day, focus: '', note: '' },
  'households.movePersonOut': { id: 'pp0001', movedOutDay: day, reason: '外出务工' },
  'households.person': { id: 'pp0001' },
  'households.saveOrganisation': { kind: 'agri_shop', name: '平川新农农资店', villageId: 'pingchuan', group: '一社', contactName: '赵新农', contactPhone: '13900000101', note: '' },
  'households.organisations': { villageId: 'pingchuan', kind: 'agri_shop', q: '农资', pageSize: 20 },
  'households.shops': { villageId: 'pingchuan' },
  'households.generatePlates': { villageId: 'pingchuan', group: '三社' },
  'households.continuePlates': { jobId: 'pj0001' },
  'households.plateJob': { jobId: 'pj0001' },
  'households.plateSheet': { villageId: 'pingchuan', group: '三社', pageSize: 24 },
  'households.setPlate': { plateId: 'MP23456789', state: 'damaged', reason: '门牌被雨淋坏' },
  'households.reportPlate': { plateId: 'MP23456789', problem: 'damaged', note: '看不清了' },
  'households.scan': { scene: 'mp=MP23456789' },
  'households.declare': { addressId: 'ad0001', as: 'resident', kind: 'permanent', note: '' },
  'households.claims': { villageId: 'pingchuan', pageSize: 20 },
  'households.decideClaim': { id: 'cl0001', confirm: false, reason: '不住这里' },
  'households.registerTenant': { addressId: 'ad0001', name: '李明', phone: '13900000111', idNo: '', kind: 'temporary', movedInDay: day },
  'households.endTenancy': { id: 'pp0001', movedOutDay: day },
  'households.recordVisit': { target: { kind: 'field', villageId: 'pingchuan', group: '三社', place: '三社东头玉米地' }, notes: '村民反映夜里有人偷玉米', concerns: [{ topic: 'theft', text: '夜里有人偷玉米' }] },
  'households.visits': { addressId: 'ad0001', pageSize: 20 },
  'households.alertDraft': { visitId: 'vs0001', concern: 0 },
  'households.coverage': { villageId: 'pingchuan' },
  'households.importPreview': { fileId: 'cloud://local.bucket/uploads/0123456789abcdef0123456789abcdef/a.xlsx' },
  'households.importCommit': { fileId: 'cloud://local.bucket/uploads/0123456789abcdef0123456789abcdef/a.xlsx' },
  'households.export': { villageId: 'pingchuan', group: '三社' },
  'households.exportFull': { villageId: 'pingchuan', group: '三社', reason: '县局核对台账' },
  'cron.tick': { trigger: 'every5min' },
  'cron.run': { job: 'expire' },
}

const pesticide = {
  type: 'fake_pesticide',
  product: '草甘膦',
  brand: '金丰收',
  shop: '平川新农农资店',
  boughtAt: '2026-02-20',
  amountPaid: 120,
  crop: '玉米',
  areaMu: 5,
  damage: '草没死',
}

/** File ids are checked by the upload layer (this environment, the caller's folder, an image by its bytes). */
const FILE_KEYS = new Set(['photos', 'images'])
const BAD_CHAR_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Every problem with a validated value: a non-finite number, a date outside the app's years, a bad character. */
function dirt(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`]
  if (value instanceof Date) {
    const y = value.getUTCFullYear()
    return Number.isNaN(value.getTime()) || y < 1999 || y > 2101 ? [`${path}: ${String(value)}`] : []
  }
  if (typeof value === 'string') {
    if (BAD_CHAR_RE.test(value)) return [`${path}: control ${JSON.stringify(value)}`]
    if (value !== '' && value.replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '') === '') return [`${path}: invisible ${JSON.stringify(value)}`]
    return []
  }
  if (Array.isArray(value)) return value.flatMap((x, i) => dirt(x, `${path}.${i}`))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, x]) => (FILE_KEYS.has(k) ? [] : dirt(x, path ? `${path}.${k}` : k)))
  }
  return []
}

const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 8.64e15, 0, -1),
  fc.constantFrom('0001-01-01', '+275760-09-13', '2026-02-30', '2025-02-29', '2026-13-01', '1969-12-31T23:59:59Z', '2026-02-30T09:00'),
  fc.constantFrom('\u200b', '\u200b\u200c\u200d', '\ufeff', '\u2060', ' \u3000 ', '\u0000', 'a\u0007b', '\u202etxt', '\u2066x\u2069', 'a\u0085b', 'x\ny'),
  fc.string({ unit: fc.constantFrom('\u200b', '\u2060', '\ufeff', ' ', '\u0000', '\u0001', '\u001b', '\u007f', '\u0090', '\u202a', '\u202e', '\u2067', 'a', '字', '\n') }),
  fc.constantFrom({ $gt: '' }, { $ne: null }, JSON.parse('{"__proto__":{"x":1}}') as unknown),
  fc.array(fc.constantFrom('\u200b', '\u0000', Number.NaN, '2026-02-30'), { maxLength: 3 }),
)

/** Replaces the value at a key path (top level, or one level into the first array item / object). */
function withValue(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path
  if (rest.length === 0) return { ...base, [head]: value }
  const inner = base[head]
  if (Array.isArray(inner)) return { ...base, [head]: [withValue(inner[0] as Record<string, unknown>, rest, value), ...inner.slice(1)] }
  return { ...base, [head]: withValue(inner as Record<string, unknown>, rest, value) }
}

function leafPaths(x: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(x).flatMap(([k, value]): string[][] => {
    if (k === 'type' || FILE_KEYS.has(k)) return []
    const first = Array.isArray(value) ? value[0] : value
    if (first && typeof first === 'object' && !Array.isArray(first)) return [[...prefix, k], ...leafPaths(first as Record<string, unknown>, [...prefix, k])]
    return [[...prefix, k]]
  })
}

const cases = [...(Object.entries(VALID) as [ActionKey, Record<string, unknown>][]), ['reports.create', pesticide] as [ActionKey, Record<string, unknown>]]

describe.each(cases)('%s', (key, valid) => {
  const spec = contract[key] as ActionSpec

  it('takes the valid payload', () => {
    const r = validatePayload(spec, valid)
    expect(r.ok ? [] : r.error).toEqual([])
  })

  it('accepts nothing odd: each field swapped for junk either fails in Chinese or comes out clean', () => {
    const paths = leafPaths(valid)
    fc.assert(
      fc.property(fc.constantFrom(...paths), odd, (path, value) => {
        const r = validatePayload(spec, withValue(valid, path, value))
        if (r.ok) expect(dirt(r.data)).toEqual([])
        else {
          expect(r.error.code).toBe('invalid_argument')
          expect(isChineseMessage(r.error.message)).toBe(true)
        }
      }),
      { numRuns: 150 },
    )
  })
})

it('has a valid payload for every action that takes fields', () => {
  // An action that refuses `{}` has required fields; a new one must bring a valid payload here to be fuzzed.
  const withFields = (Object.entries(contract) as [ActionKey, ActionSpec][]).filter(([, spec]) => !v.is(spec.request, {}))
  const missing = withFields.map(([k]) => k).filter((k) => !(k in VALID))
  expect(missing).toEqual([])
})
