// The `figures` function against a seeded local cloud: the numbers agree with a hand count (records placed in
// March 2021, where the seed has nothing, and the seed's own year of history), comparisons, scopes, the 五零 tiles,
// access, and exports read back with exceljs.
import ExcelJS from 'exceljs'
import type { FiguresView, Metric } from '@contract/figures'
import { dayRange, stationDayOf } from '@domain/figures'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud
const api = contractCalls(() => t)
const ADMIN = 'dev-admin'
const OFFICER = 'dev-officer'
const OFFICER_2 = 'dev-officer-2'
const RESIDENT = 'dev-resident-1'
const H = 3_600_000

const at = (s: string) => new Date(`${s}+08:00`)
const MARCH = { kind: 'custom' as const, from: '2021-03-01', to: '2021-03-31' }

function report(id: string, o: { created: string; acceptH?: number; closeH?: number; status: string; type?: string; village?: string; assignee?: string | null; anonymous?: boolean }) {
  const createdAt = at(o.created)
  return {
    _id: id,
    type: o.type ?? 'theft',
    status: o.status,
    reporter: `fig-rep-${id}`,
    anonymous: o.anonymous ?? false,
    contact: o.anonymous ? null : { name: `举报人${id.slice(-1)}`, phone: '13712345678' },
    villageId: o.village ?? 'pingchuan',
    theft: { items: [{ name: '铜芯电线', value: 300 }], from: createdAt, to: createdAt, place: '村口' },
    photos: [],
    contentFlag: 'pass',
    clusterKey: null,
    clusterLabel: null,
    assignee: o.assignee === undefined ? OFFICER : o.assignee,
    assigneeName: o.assignee === null ? null : o.assignee === OFFICER_2 ? '赵警官' : '王警官',
    transferredTo: null,
    result: null,
    timeline: [],
    createdAt,
    updatedAt: createdAt,
    acceptedAt: o.acceptH === undefined ? null : new Date(createdAt.getTime() + o.acceptH * H),
    closedAt: o.closeH === undefined ? null : new Date(createdAt.getTime() + o.closeH * H),
  }
}

function booking(id: string, day: string, status: string, village: string, afterHours: string | null = null) {
  const start = at(`${day}T09:00:00`)
  return {
    _id: id, openid: `fig-bk-${id}`, serviceId: 'idcard', serviceName: '身份证办理', name: '测试人', phone: '13898765432', villageId: village, status,
    slotKey: `${day}T09:00`, day, time: '09:00', endTime: '09:30', start, end: start, afterHours, code: 'ABCDEF', reminded: true,
    timeline: [], rating: null, createdAt: start, createdKey: start.toISOString(), updatedAt: start,
  }
}

function errand(id: string, created: string, status: string, village: string) {
  const createdAt = at(created)
  return {
    _id: id, openid: `fig-er-${id}`, serviceId: 'hukou', serviceName: '户口迁移', name: '测试人', phone: '13898765432', villageId: village, status,
    materials: [], photos: [], handover: 'pickup', address: '', note: '', reason: '', timeline: [], rating: null,
    createdAt, createdKey: createdAt.toISOString(), updatedAt: createdAt,
  }
}

function survey(id: string, answered: string, answer: string, village = 'pingchuan', anonymous = false) {
  const answeredAt = at(answered)
  return {
    _id: id, kind: 'report', recordId: id, stage: 'closed', side: null, owner: RESIDENT, anonymous, villageId: village, title: '被盗：铜芯电线',
    openedAt: answeredAt, openedKey: answeredAt.toISOString(), answer, words: answer === 'unsatisfied' ? '没人回电话' : '', attempts: null,
    via: 'app', recordedBy: null, answeredAt, answerKey: answeredAt.toISOString(), editableUntil: answeredAt, revisedAt: null,
    taskId: answer === 'unsatisfied' ? `task-${id}` : null, legacyScore: null, notified: false, createdAt: answeredAt, updatedAt: answeredAt,
  }
}

function mediationCase(id: string, closed: string, outcome: string, target: string | null = null) {
  const closedAt = at(closed)
  return {
    _id: id, kind: 'neighbour', source: 'walk_in', status: outcome, open: false, villageId: 'luwan', handler: OFFICER,
    createdAt: new Date(closedAt.getTime() - 5 * 24 * H), createdKey: '', closedAt,
    counted: { outcome, days: 5, kinds: [] }, route: target ? { target, reason: '测试' } : null,
  }
}

function visit(id: string, o: { at: string; village: string; addressId?: string; officer?: string }) {
  return {
    _id: id, kind: o.addressId ? 'household' : 'organisation', addressId: o.addressId ?? null, organisationId: o.addressId ? null : 'og-fig-1',
    villageId: o.village, group: '九社', place: '测试地址', location: null, at: at(o.at), officer: o.officer ?? OFFICER, officerName: '王警官',
    notes: '', concerns: [], photos: [], plateId: null,
  }
}

beforeAll(async () => {
  t = await startTestCloud()
  t.store.insertMany('reports', [
    // March 2021: accept after 1 h, 3 h and 30 h (late), one still waiting (overdue), one anonymous.
    report('PC20210302-0901', { created: '2021-03-02T10:00:00', acceptH: 1, closeH: 48, status: 'resolved' }),
    report('PC20210310-0901', { created: '2021-03-10T10:00:00', acceptH: 3, closeH: 10, status: 'resolved', type: 'fake_pesticide', anonymous: true }),
    report('PC20210315-0901', { created: '2021-03-15T10:00:00', acceptH: 30, status: 'investigating', village: 'luwan', assignee: OFFICER_2 }),
    report('PC20210320-0901', { created: '2021-03-20T10:00:00', status: 'submitted', assignee: null }),
    // February 2021 (the period before): two.
    report('PC20210205-0901', { created: '2021-02-05T10:00:00', acceptH: 2, status: 'accepted' }),
    report('PC20210206-0901', { created: '2021-02-06T10:00:00', acceptH: 2, status: 'accepted' }),
    // 1 April 00:00 station time belongs to April, not March.
    report('PC20210401-0901', { created: '2021-04-01T00:00:00', acceptH: 2, status: 'accepted' }),
  ] as never[])
  t.store.insertMany('bookings', [
    // 平川村: two served in March 2021; 芦湾村: one served (at noon), one no-show, one cancelled, and one served in March 2020.
    booking('fig-bk-1', '2021-03-03', 'completed', 'pingchuan'),
    booking('fig-bk-2', '2021-03-04', 'completed', 'luwan', 'noon'),
    booking('fig-bk-3', '2021-03-05', 'completed', 'pingchuan'),
    booking('fig-bk-4', '2021-03-06', 'no_show', 'luwan'),
    booking('fig-bk-5', '2021-03-07', 'cancelled', 'luwan'),
    booking('fig-bk-6', '2020-03-07', 'completed', 'luwan'),
  ] as never[])
  t.store.insertMany('errands', [
    // Done in March 2021: two in 平川村, one in 芦湾村; 芦湾村 also has a rejected one and one done in February.
    errand('fig-er-1', '2021-03-02T09:00:00', 'completed', 'pingchuan'),
    errand('fig-er-2', '2021-03-12T09:00:00', 'completed', 'pingchuan'),
    errand('fig-er-3', '2021-03-13T09:00:00', 'completed', 'luwan'),
    errand('fig-er-4', '2021-03-14T09:00:00', 'rejected', 'luwan'),
    errand('fig-er-5', '2021-02-14T09:00:00', 'completed', 'luwan'),
  ] as never[])
  t.store.insertMany('followups', [
    survey('fig-fu-1', '2021-03-05T12:00:00', 'satisfied'),
    survey('fig-fu-2', '2021-03-06T12:00:00', 'basic'),
    survey('fig-fu-3', '2021-03-07T12:00:00', 'unsatisfied', 'pingchuan', true),
    survey('fig-fu-4', '2021-03-08T12:00:00', 'satisfied', 'luwan'),
  ] as never[])
  t.store.insertMany('mediation_cases', [
    mediationCase('TJFIG001', '2021-03-09T12:00:00', 'resolved'),
    mediationCase('TJFIG002', '2021-03-10T12:00:00', 'resolved'),
    mediationCase('TJFIG003', '2021-03-11T12:00:00', 'failed'),
    mediationCase('TJFIG004', '2021-03-12T12:00:00', 'routed', 'court'),
  ] as never[])
  // A 社 of four households (three ever visited) beside the seed's 社; visits of March 2021, one the month before,
  // one at 00:00 on 1 April.
  t.store.insertMany('hh_groups', [
    { _id: 'luwan|九社', villageId: 'luwan', group: '九社', order: 9, households: 4, everVisited: 3, visited: { '2021Q1': 2 }, lastVisitAt: at('2021-03-25T10:00:00'), officer: null, gridWorker: null, securityHead: null, updatedAt: at('2021-03-25T10:00:00') },
  ] as never[])
  t.store.insertMany('hh_visits', [
    visit('vs-fig-1', { at: '2021-03-03T10:00:00', village: 'luwan', addressId: 'ad-fig-1' }),
    visit('vs-fig-2', { at: '2021-03-20T10:00:00', village: 'luwan', addressId: 'ad-fig-1' }),
    visit('vs-fig-3', { at: '2021-03-25T10:00:00', village: 'luwan', addressId: 'ad-fig-2' }),
    visit('vs-fig-4', { at: '2021-03-10T10:00:00', village: 'luwan' }),
    visit('vs-fig-5', { at: '2021-03-11T10:00:00', village: 'pingchuan', addressId: 'ad-fig-3', officer: OFFICER_2 }),
    visit('vs-fig-6', { at: '2021-02-15T10:00:00', village: 'luwan', addressId: 'ad-fig-1' }),
    visit('vs-fig-7', { at: '2021-04-01T00:00:00', village: 'luwan', addressId: 'ad-fig-2' }),
  ] as never[])
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const section = (v: FiguresView, key: string) => {
  const s = v.sections.find((x) => x.key === key)
  if (!s) throw new Error(`no section ${key}`)
  return s
}
const metric = (v: FiguresView, sectionKey: string, key: string): Metric => {
  const m = section(v, sectionKey).metrics.find((x) => x.key === key)
  if (!m) throw new Error(`no metric ${sectionKey}.${key}`)
  return m
}

describe('figures agree with a hand count (March 2021)', () => {
  let v: FiguresView
  beforeAll(async () => {
    v = await api.ok(ADMIN, 'figures.overview', MARCH)
  })

  test('reports: counts, 同比 with a zero base, 环比, durations, overdue', () => {
    expect(v.period.periodEarlier).toEqual({ from: '2021-01-29', to: '2021-02-28' })
    expect(v.period.yearEarlier).toEqual({ from: '2020-03-01', to: '2020-03-31' })
    const received = metric(v, 'reports', 'received').compared
    expect(received).toEqual({ value: 4, yoy: { now: 4, before: 0, percent: null, text: '—' }, mom: { now: 4, before: 2, percent: 100, text: '+100%' } })
    expect(metric(v, 'reports', 'type.theft').compared?.value).toBe(3)
    expect(metric(v, 'reports', 'type.fake_pesticide').compared?.value).toBe(1)
    expect(metric(v, 'reports', 'accept').durations).toEqual({ count: 3, medianHours: 3, p90Hours: 30 })
    expect(metric(v, 'reports', 'close').durations).toEqual({ count: 2, medianHours: 10, p90Hours: 48 })
    expect(metric(v, 'reports', 'overdueOpen').count).toBe(1)
    expect(metric(v, 'reports', 'acceptedLate').count).toBe(1)
    const status = section(v, 'reports').tables.find((x) => x.key === 'status')?.rows ?? []
    expect(Object.fromEntries(status.map((r) => [r.key, r.count]))).toMatchObject({ submitted: 1, investigating: 1, resolved: 2, accepted: 0 })
    expect(v.charts.byVillage.find((r) => r.key === 'pingchuan')?.count).toBe(3)
    expect(v.charts.byVillage.find((r) => r.key === 'luwan')?.count).toBe(1)
  })

  test('bookings: served, no-shows, after-hours share with its parts', () => {
    expect(metric(v, 'bookings', 'served').compared).toMatchObject({ value: 3, yoy: { before: 1, text: '+200%' } })
    expect(metric(v, 'bookings', 'noShows').compared?.value).toBe(1)
    expect(metric(v, 'bookings', 'afterHours').share).toEqual({ part: 1, whole: 3, rate: 33.3, text: '33.3%（1/3）' })
    expect(metric(v, 'bookings', 'noShowRate').share).toMatchObject({ part: 1, whole: 4 })
    expect(metric(v, 'bookings', 'errands').compared).toMatchObject({ value: 3, mom: { before: 1 } })
  })

  test('回访 satisfaction and mediation success with its denominator', () => {
    expect(metric(v, 'followups', 'answered').compared?.value).toBe(4)
    expect(metric(v, 'followups', 'satisfied').share).toMatchObject({ part: 3, whole: 4, rate: 75 })
    expect(metric(v, 'followups', 'unsatisfied').share).toMatchObject({ part: 1, whole: 4 })
    expect(metric(v, 'mediation', 'closed').count).toBe(4)
    expect(metric(v, 'mediation', 'success').share).toEqual({ part: 2, whole: 3, rate: 66.7, text: '66.7%（2/3）' })
    expect(metric(v, 'mediation', 'sentUp').count).toBe(1)
  })

  test('五零: no data where the app does not know, the rule where it does', () => {
    const tiles = Object.fromEntries(v.fiveZero.map((x) => [x.key, x]))
    expect(tiles.homicide.state).toBe('no_data')
    expect(tiles.discipline.state).toBe('no_data')
    expect(tiles.enforcement.state).toBe('no_data')
    expect(tiles.disputes).toMatchObject({ state: 'not_met', count: 1 })
    // 服务零投诉 looks at the 不满意 tasks open now, whatever the period: a hand count of the store.
    const open = t.store.find('followup_tasks', { status: 'open' }).length
    expect(tiles.complaints).toMatchObject({ state: open === 0 ? 'met' : 'not_met', count: open })
  })

  test('入户走访: coverage = households visited in the period ÷ households of the 社 counters, never visited, visits', async () => {
    // Hand count of the 社 counters in the store (the seed's and the one above).
    const groups = (village?: string) => t.store.find('hh_groups', village ? { villageId: village } : {}) as unknown as { households: number; everVisited: number }[]
    const households = (village?: string) => groups(village).reduce((s, g) => s + g.households, 0)
    const never = (village?: string) => groups(village).reduce((s, g) => s + Math.max(0, g.households - g.everVisited), 0)
    expect(households('luwan')).toBeGreaterThanOrEqual(4)
    // The station in March: ad-fig-1 (twice), ad-fig-2, ad-fig-3 → 3 households; 5 visits, 1 in February, none a year earlier.
    expect(section(v, 'households').available).toBe(true)
    expect(metric(v, 'households', 'coverage').share).toMatchObject({ part: 3, whole: households() })
    expect(metric(v, 'households', 'neverVisited').count).toBe(never())
    expect(metric(v, 'households', 'visits').compared).toEqual({ value: 5, yoy: { now: 5, before: 0, percent: null, text: '—' }, mom: { now: 5, before: 1, percent: 400, text: '+400%' } })
    expect(metric(v, 'households', 'coverage.luwan').share).toMatchObject({ part: 2, whole: households('luwan') })
    expect(metric(v, 'households', 'coverage.pingchuan').share).toMatchObject({ part: 1, whole: households('pingchuan') })
    // 芦湾村: ad-fig-1 and ad-fig-2 (the organisation visit is a visit, not a household); 4 visits.
    const luwan = await api.ok(ADMIN, 'figures.overview', { ...MARCH, villageId: 'luwan' })
    const share = metric(luwan, 'households', 'coverage').share
    expect(share).toMatchObject({ part: 2, whole: households('luwan') })
    expect(share?.rate).toBe(Math.round((2 / households('luwan')) * 1000) / 10)
    expect(metric(luwan, 'households', 'neverVisited').count).toBe(never('luwan'))
    const lastVisit = t.store.find('hh_groups', { villageId: 'luwan' }).map((g) => (g.lastVisitAt ? new Date(g.lastVisitAt as string | Date).getTime() : 0)).reduce((m, x) => Math.max(m, x), 0)
    expect(metric(luwan, 'households', 'neverVisited').note).toBe(`最近一次入户走访：${stationDayOf(new Date(lastVisit))}`)
    expect(metric(luwan, 'households', 'visits').compared?.value).toBe(4)
    expect(section(luwan, 'households').metrics.some((m) => m.key.startsWith('coverage.'))).toBe(false)
    // An officer: their own visits counted, coverage the station's.
    const mine = await api.ok(OFFICER_2, 'figures.overview', MARCH)
    expect(metric(mine, 'households', 'visits').compared?.value).toBe(1)
    expect(metric(mine, 'households', 'coverage').share).toMatchObject({ part: 3, whole: households() })
    expect(section(mine, 'households').scopeNote).toContain('不分民警')
  })

  test('服务零投诉 is met only when no 不满意 task is left open', async () => {
    await t.db.collection('followup_tasks').where({ status: 'open' }).update({ data: { status: 'closed', closedAt: new Date() } })
    const closed = await api.ok(ADMIN, 'figures.overview', MARCH)
    expect(closed.fiveZero.find((x) => x.key === 'complaints')).toMatchObject({ state: 'met', count: 0 })
    t.store.insertMany('followup_tasks', [
      { _id: 'task-fig-open', surveyId: 'fig-fu-3', kind: 'report', recordId: 'fig-fu-3', stage: 'closed', villageId: 'pingchuan', title: '被盗', anonymous: true, status: 'open', openedAt: new Date(), openedKey: new Date().toISOString(), closedAt: null, closedBy: null, note: '', createdAt: new Date(), updatedAt: new Date() },
    ] as never[])
    const open = await api.ok(ADMIN, 'figures.overview', MARCH)
    expect(open.fiveZero.find((x) => x.key === 'complaints')).toMatchObject({ state: 'not_met', count: 1 })
    expect(metric(open, 'followups', 'tasksOpen').count).toBe(1)
  })

  test('a village: only its records, bookings and errands included (each carries the resident’s village)', async () => {
    const luwan = await api.ok(ADMIN, 'figures.overview', { ...MARCH, villageId: 'luwan' })
    expect(metric(luwan, 'reports', 'received').compared?.value).toBe(1)
    expect(metric(luwan, 'followups', 'answered').compared?.value).toBe(1)
    expect(metric(luwan, 'mediation', 'closed').count).toBe(4)
    expect(luwan.scope.villageName).toBe('芦湾村')
    // 芦湾村 by hand: fig-bk-2 served (at noon), fig-bk-4 no-show, fig-bk-6 served a year earlier; fig-er-3 done,
    // fig-er-5 done the month before.
    expect(section(luwan, 'bookings').scopeNote).not.toContain('没有记村')
    expect(metric(luwan, 'bookings', 'served').compared).toMatchObject({ value: 1, yoy: { before: 1 }, mom: { before: 0 } })
    expect(metric(luwan, 'bookings', 'noShows').compared?.value).toBe(1)
    expect(metric(luwan, 'bookings', 'noShowRate').share).toMatchObject({ part: 1, whole: 2 })
    expect(metric(luwan, 'bookings', 'afterHours').share).toMatchObject({ part: 1, whole: 1 })
    expect(metric(luwan, 'bookings', 'errands').compared).toMatchObject({ value: 1, mom: { before: 1 } })
    // 平川村: fig-bk-1 and fig-bk-3 served, nothing missed; fig-er-1 and fig-er-2 done.
    const pingchuan = await api.ok(ADMIN, 'figures.overview', { ...MARCH, villageId: 'pingchuan' })
    expect(metric(pingchuan, 'bookings', 'served').compared).toMatchObject({ value: 2, yoy: { before: 0 } })
    expect(metric(pingchuan, 'bookings', 'noShows').compared?.value).toBe(0)
    expect(metric(pingchuan, 'bookings', 'errands').compared?.value).toBe(2)
    // The village's booking list holds its bookings only.
    const rows = await sheetRows((await api.ok(ADMIN, 'figures.export', { ...MARCH, villageId: 'luwan', what: 'bookings' })).url)
    expect(rows.slice(1).map((r) => r[0])).toEqual(['fig-bk-2', 'fig-bk-4', 'fig-bk-5'])
  })

  test('an officer sees the reports assigned to them; the 所长 may pick an officer', async () => {
    const mine = await api.ok(OFFICER_2, 'figures.overview', MARCH)
    expect(mine.scope.officer).toEqual({ id: OFFICER_2, name: '赵警官' })
    expect(metric(mine, 'reports', 'received').compared?.value).toBe(1)
    expect(mine.officers).toEqual([])
    const picked = await api.ok(ADMIN, 'figures.overview', { ...MARCH, officer: OFFICER })
    expect(metric(picked, 'reports', 'received').compared?.value).toBe(2)
    expect(v.officers.map((o) => o.id)).toEqual(expect.arrayContaining([OFFICER, OFFICER_2, ADMIN]))
  })
})

test('the seed year: this year so far agrees with a hand count of the seeded reports', async () => {
  const v = await api.ok(ADMIN, 'figures.overview', { kind: 'year' })
  const count = (from: string, to: string) => {
    const r = dayRange(from, to)
    return t.store.find('reports', {}).filter((d) => {
      const c = new Date(d.createdAt as string | Date).getTime()
      return c >= r.start.getTime() && c < r.end.getTime()
    }).length
  }
  const received = metric(v, 'reports', 'received').compared
  expect(received?.value).toBe(count(v.period.from, v.period.to))
  expect(received?.yoy.before).toBe(count(v.period.yearEarlier.from, v.period.yearEarlier.to))
  // The history reaches back to last January: 同比 has a real base.
  expect(received?.yoy.before).toBeGreaterThan(100)
  expect(v.charts.trend.points).toHaveLength(12)
  const last = v.charts.trend.points[11]
  const month = dayRange(`${last.month}-01`, v.period.to)
  expect(last.values.reports).toBe(count(month.from, month.to))
})

test('bookings and errands made before they kept the village get it from the resident’s profile, once', async () => {
  const JUNE_2020 = { kind: 'custom' as const, from: '2020-06-01', to: '2020-06-30' }
  const unstamped = (doc: Record<string, unknown>, openid: string) => {
    const { villageId: _dropped, ...rest } = doc
    return { ...rest, openid }
  }
  t.store.insertMany('bookings', [
    // 张桂兰 (平川村) twice, 刘建国 (芦湾村) once, and someone with no profile.
    unstamped(booking('old-bk-1', '2020-06-04', 'completed', ''), 'dev-resident-1'),
    unstamped(booking('old-bk-2', '2020-06-05', 'completed', ''), 'dev-resident-1'),
    unstamped(booking('old-bk-3', '2020-06-06', 'completed', ''), 'dev-resident-2'),
    unstamped(booking('old-bk-4', '2020-06-07', 'completed', ''), 'nobody-here'),
  ] as never[])
  t.store.insertMany('errands', [unstamped(errand('old-er-1', '2020-06-08T09:00:00', 'completed', ''), 'dev-resident-2')] as never[])
  const before = await api.ok(ADMIN, 'figures.overview', { ...JUNE_2020, villageId: 'pingchuan' })
  expect(metric(before, 'bookings', 'served').compared?.value).toBe(0)

  const run = await api.ok(OFFICER, 'cron.run', { job: 'services.stampVillages' })
  expect(run.ran).toEqual([expect.objectContaining({ job: 'services.stampVillages', ok: true })])
  const villageOf = (coll: string, id: string) => t.store.find(coll, { _id: id })[0]?.villageId
  expect(['old-bk-1', 'old-bk-2', 'old-bk-3', 'old-bk-4'].map((id) => villageOf('bookings', id))).toEqual(['pingchuan', 'pingchuan', 'luwan', ''])
  expect(villageOf('errands', 'old-er-1')).toBe('luwan')
  // Records that had a village keep it.
  expect(villageOf('bookings', 'fig-bk-2')).toBe('luwan')

  const pingchuan = await api.ok(ADMIN, 'figures.overview', { ...JUNE_2020, villageId: 'pingchuan' })
  expect(metric(pingchuan, 'bookings', 'served').compared?.value).toBe(2)
  const luwan = await api.ok(ADMIN, 'figures.overview', { ...JUNE_2020, villageId: 'luwan' })
  expect(metric(luwan, 'bookings', 'served').compared?.value).toBe(1)
  expect(metric(luwan, 'bookings', 'errands').compared?.value).toBe(1)
  const all = await api.ok(ADMIN, 'figures.overview', JUNE_2020)
  expect(metric(all, 'bookings', 'served').compared?.value).toBe(4)

  // Done: the mark is written, and a record that appears without a village later is not touched by a second run.
  expect(t.store.find('migrations', { _id: 'services.stampVillages' })).toHaveLength(1)
  t.store.insertMany('bookings', [unstamped(booking('old-bk-5', '2020-06-09', 'completed', ''), 'dev-resident-1')] as never[])
  await api.ok(OFFICER, 'cron.run', { job: 'services.stampVillages' })
  expect(villageOf('bookings', 'old-bk-5')).toBeUndefined()
})

test('households that read no alert since the period began: the 社 counters less the households stamped since', async () => {
  // 芦湾村九社 (4 households by its counter): ad-fig-1 read in March 2021, ad-fig-2 only in February, ad-fig-4 never.
  const address = (id: string, lastAlertReadAt: Date | null) => ({
    _id: id, town: '平川镇', villageId: 'luwan', group: '九社', groupOrder: 9, number: id.slice(-1), room: '', key: `luwan|九社|${id}`, sortKey: `09${id}`,
    location: null, use: 'own', ownerName: '测试户', ownerPhone: '', people: 1, plateId: null, lastVisitAt: null, lastVisitQuarter: '', warnings: [],
    importId: null, createdAt: at('2020-01-01T00:00:00'), updatedAt: at('2020-01-01T00:00:00'), lastAlertReadAt,
  })
  t.store.insertMany('hh_addresses', [address('ad-fig-1', at('2021-03-10T08:00:00')), address('ad-fig-2', at('2021-02-20T08:00:00')), address('ad-fig-4', null)] as never[])
  const luwanHouseholds = t.store.find('hh_groups', { villageId: 'luwan' }).reduce((s, g) => s + Number(g.households), 0)
  expect(luwanHouseholds).toBeGreaterThanOrEqual(4)
  const never = async () => metric(await api.ok(ADMIN, 'figures.overview', { ...MARCH, villageId: 'luwan' }), 'alerts', 'neverReached')
  const before = await never()
  expect(before.label).toBe('自3月1日起一条预警都没读过的户')
  expect(before.count).toBe(luwanHouseholds - 1)
  expect(before.note).toContain(`登记的户 ${luwanHouseholds} 户，其中 1 户`)

  // 刘建国 (芦湾村) lives at ad-fig-4 and reads an alert meant for 芦湾村 now: he and his household are stamped.
  await t.db.collection('users').doc('dev-resident-2').update({ data: { household: 'ad-fig-4' } })
  const now = Date.now()
  const unread = t.store
    .find('alerts', { status: 'active' })
    .find((a) => (a.audience as string[]).some((v) => v === 'all' || v === 'luwan') && new Date(a.expiresAt as string).getTime() > now && new Date(a.effectiveAt as string).getTime() <= now && t.store.find('alert_reads', { _id: `${a._id}:dev-resident-2` }).length === 0)
  if (!unread) throw new Error('the seed has no alert 刘建国 has not read')
  await api.ok('dev-resident-2', 'alerts.markRead', { id: String(unread._id) })
  expect(t.store.find('hh_addresses', { _id: 'ad-fig-4' })[0].lastAlertReadAt).toBeTruthy()
  expect(t.store.find('users', { _id: 'dev-resident-2' })[0].lastAlertReadAt).toBeTruthy()
  expect((await never()).count).toBe(luwanHouseholds - 2)
  // The whole station: every village's households, less the two.
  const all = metric(await api.ok(ADMIN, 'figures.overview', MARCH), 'alerts', 'neverReached')
  const households = t.store.find('hh_groups', {}).reduce((s, g) => s + Number(g.households), 0)
  expect(all.count).toBe(households - 2)
})

test('expired exports: the timer deletes their files and records, and leaves the live ones', async () => {
  const old = await api.ok(OFFICER, 'figures.export', { ...MARCH, what: 'bookings', format: 'csv' })
  const live = await api.ok(OFFICER, 'figures.export', { ...MARCH, what: 'bookings', format: 'csv' })
  expect((await fetch(old.url)).status).toBe(200)
  await t.db.collection('figure_exports').doc(old.id).update({ data: { expiresAt: new Date(Date.now() - 1000) } })
  const run = await api.ok(OFFICER, 'cron.run', { job: 'figures.pruneExports' })
  expect(run.ran).toEqual([expect.objectContaining({ job: 'figures.pruneExports', ok: true })])
  expect(t.store.find('figure_exports', { _id: old.id })).toHaveLength(0)
  expect((await fetch(old.url)).status).toBe(404)
  expect(t.store.find('figure_exports', { _id: live.id })).toHaveLength(1)
  expect((await fetch(live.url)).status).toBe(200)
  expect(await api.call(OFFICER, 'figures.download', { id: old.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
})

describe('refusals', () => {
  test.each([
    ['reversed', { kind: 'custom', from: '2021-03-31', to: '2021-03-01' }, 'to'],
    ['too long', { kind: 'custom', from: '2021-01-01', to: '2022-06-30' }, 'to'],
    ['in the future', { kind: 'custom', from: '2021-01-01', to: '2099-01-01' }, 'to'],
    ['absurd year', { kind: 'custom', from: '0202-01-01', to: '2021-01-01' }, 'from'],
    ['not a day', { kind: 'custom', from: '2021-02-30', to: '2021-03-01' }, 'from'],
    ['unknown village', { kind: 'month', villageId: 'atlantis' }, 'villageId'],
  ])('%s → invalid_argument', async (_name, payload, field) => {
    const r = await t.call(ADMIN, 'figures', 'overview', payload)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
  })

  test('residents and signed-out visitors get nothing', async () => {
    expect(await api.call(RESIDENT, 'figures.overview', { kind: 'month' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await api.call(RESIDENT, 'figures.export', { kind: 'month', what: 'reports' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await api.call('', 'figures.overview', { kind: 'month' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  test("an officer cannot look at another officer's figures or export full phones", async () => {
    expect(await api.call(OFFICER, 'figures.overview', { kind: 'month', officer: OFFICER_2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await api.call(OFFICER, 'figures.export', { kind: 'month', what: 'reports', full: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

async function sheetRows(url: string): Promise<string[][]> {
  const res = await fetch(url)
  expect(res.ok).toBe(true)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c)))))
  return rows
}

describe('exports', () => {
  test('reports as xlsx: Chinese headers, 匿名, masked phones; the file is the caller’s alone', async () => {
    const e = await api.ok(OFFICER, 'figures.export', { ...MARCH, what: 'reports', format: 'xlsx' })
    expect(e).toMatchObject({ format: 'xlsx', rows: 2, full: false, fileName: '举报清单_2021-03-01_2021-03-31.xlsx' })
    const rows = await sheetRows(e.url)
    expect(rows[0]).toEqual(['编号', '类型', '事情', '村', '举报人', '电话', '状态', '提交时间', '受理时间', '办结时间', '处理民警', '处理结果'])
    // The officer's own: the two reports assigned to 王警官 (the third is 赵警官's, the fourth nobody's).
    expect(rows.slice(1).map((r) => r[0])).toEqual(['PC20210302-0901', 'PC20210310-0901'])
    expect(rows[1].slice(3, 8)).toEqual(['平川村', '举报人1', '137****5678', '已办结', '2021-03-02 10:00'])
    expect(rows[2][4]).toBe('匿名')
    expect(rows[2][5]).toBe('')
    expect(await api.call(OFFICER_2, 'figures.download', { id: e.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect((await api.ok(OFFICER, 'figures.download', { id: e.id })).rows).toBe(2)
  })

  test('the 所长’s full version keeps the phones and is audited', async () => {
    const before = t.store.find('audit_log', { action: 'figures.exportFull' }).length
    const e = await api.ok(ADMIN, 'figures.export', { ...MARCH, what: 'reports', full: true })
    const rows = await sheetRows(e.url)
    expect(rows).toHaveLength(5)
    expect(rows[1][5]).toBe('13712345678')
    expect(rows.find((r) => r[0] === 'PC20210310-0901')?.[4]).toBe('匿名')
    expect(t.store.find('audit_log', { action: 'figures.exportFull' })).toHaveLength(before + 1)
  })

  test('bookings and 回访 lists; the anonymous report’s 回访 shows 匿名', async () => {
    const b = await sheetRows((await api.ok(ADMIN, 'figures.export', { ...MARCH, what: 'bookings' })).url)
    expect(b[0]).toEqual(['编号', '预约码', '办理事项', '日期', '时间', '错时延时', '姓名', '电话', '状态'])
    expect(b.slice(1).map((r) => [r[0], r[8]])).toEqual([
      ['fig-bk-1', '已办结'], ['fig-bk-2', '已办结'], ['fig-bk-3', '已办结'], ['fig-bk-4', '未到场'], ['fig-bk-5', '已取消'],
    ])
    expect(b[2][7]).toBe('138****5432')
    const f = await sheetRows((await api.ok(ADMIN, 'figures.export', { ...MARCH, what: 'followups' })).url)
    expect(f[0][4]).toBe('被回访人')
    const anon = f.find((r) => r[0] === 'fig-fu-3')
    expect(anon?.slice(4, 7)).toEqual(['匿名', '', '不满意'])
    expect(f.find((r) => r[0] === 'fig-fu-1')?.slice(4, 6)).toEqual(['张桂兰', '139****0001'])
  })

  test('figures as CSV with a BOM: each count with both of its comparisons', async () => {
    const e = await api.ok(ADMIN, 'figures.export', { ...MARCH, what: 'figures', format: 'csv' })
    const bytes = Buffer.from(await (await fetch(e.url)).arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('板块,指标,本期,去年同期,同比,上期,环比,说明')
    expect(lines).toContain('举报,收到举报,4,0,—,2,+100%,')
    expect(lines.some((l) => l.startsWith('五零,命案零发生,没有数据'))).toBe(true)
  })
})
