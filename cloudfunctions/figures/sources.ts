// The registry of figure sources. Each source answers, for a period, a village and (for an officer) the officer, its
// section of the page, its headline count per month for the trend, and what it adds to the charts and the 五零 tiles.
// A new domain joins by adding one entry to SOURCES: the page, the trend and the export of figures take it as it is.
//
// Every number comes from an aggregation whose first stage is an indexed `match` on the period, or from an indexed
// count: a page view reads the period's records inside the database and brings only grouped rows into the function.
import type { CountRow, FigureSection, Metric } from '@contract/figures'
import { compared, durations, share, stationDayOf, visitCoverage, SENT_UP_TARGETS, type DayRange, type FiveZeroInput, type Period } from '@domain/figures'
import { REPORT_STATUSES, REPORT_TYPES, ACCEPT_WITHIN_MS } from '@domain/reports'
import { AFTER_HOURS } from '@domain/schedule'
import { ROUTE_TARGETS } from '@domain/mediation'
import { isGroupKey, villageOfPlace } from '@domain/alerts'
import { ALERTS, BOOKINGS, HOME_VISITS, ERRANDS, FOLLOWUPS, FOLLOWUP_TASKS, HH_ADDRESSES, HH_GROUPS, HH_VISITS, MEDIATION_CASES, REPORTS } from '@server/collections'
import { residentCounts } from '@server/residents'
import { findMany } from '@server/db'
import type { Deps } from '@server/types'
import { aggregate, countOf, migrationDone, type Village } from './store'

export interface SourceQuery {
  deps: Deps
  period: Period
  /** null: every village. */
  villageId: string | null
  /** null: every officer (the 所长's view); an officer's own view names them. */
  officer: string | null
  now: Date
  villages: readonly Village[]
  /** Residents by village, counted once per view and shared by the sources that need it. */
  residents(): Promise<Record<string, number>>
  /** A count of a range, remembered once the range is closed (see `memoCounts`); `key` names the count, not the scope. */
  count(key: string, range: DayRange, compute: () => Promise<number>): Promise<number>
}

export interface SourceResult {
  section: FigureSection
  byVillage?: CountRow[]
  byType?: CountRow[]
  fiveZero?: Partial<FiveZeroInput>
}

export interface FigureSource {
  key: string
  title: string
  /** The series this source adds to the month trend; counted with one indexed count per month. */
  trend?: { label: string; count(q: SourceQuery, r: DayRange): Promise<number> }
  figures(q: SourceQuery): Promise<SourceResult>
}

const HOUR = 3_600_000

/** A count for the period with the same count a year and a period earlier (closed ranges remembered). */
async function comparedCount(q: SourceQuery, key: string, countIn: (r: DayRange) => Promise<number>): Promise<Metric['compared']> {
  const [now, yoy, mom] = await Promise.all([q.period, q.period.yearEarlier, q.period.periodEarlier].map((r) => q.count(key, r, () => countIn(r))))
  return compared(now, yoy, mom)
}

const villageWhere = (q: SourceQuery): Record<string, string> => (q.villageId ? { villageId: q.villageId } : {})

function instantRange(q: SourceQuery, r: DayRange) {
  const _ = q.deps.db.command
  return _.gte(r.start).and(_.lt(r.end))
}

function dayStringRange(q: SourceQuery, r: DayRange) {
  const _ = q.deps.db.command
  return _.gte(r.from).and(_.lte(r.to))
}

const villageName = (q: SourceQuery, id: string) => q.villages.find((v) => v.id === id)?.name ?? (id || '未填村')

function scopeText(parts: { village: boolean; officer: boolean; what: string }, q: SourceQuery): string {
  const notes: string[] = []
  if (q.villageId && !parts.village) notes.push(`${parts.what}没有记村，这里是全所数字`)
  if (q.officer && !parts.officer) notes.push(`${parts.what}不分民警，这里是全所数字`)
  return notes.join('；')
}

// ---------------------------------------------------------------------------------------------------------------
// Reports: by type and status, time to accept and to close, overdue.

const reportsSource: FigureSource = {
  key: 'reports',
  title: '举报',
  trend: { label: '收到举报', count: (q, r) => countOf(q.deps.db, REPORTS, reportsWhere(q, r)) },
  async figures(q) {
    const where = reportsWhere(q, q.period)
    const _ = q.deps.db.command
    const overdueBefore = new Date(Math.min(q.now.getTime() - ACCEPT_WITHIN_MS, q.period.end.getTime()))
    const [total, byType, groups, times, overdueOpen] = await Promise.all([
      comparedCount(q, 'reports.received', (r) => countOf(q.deps.db, REPORTS, reportsWhere(q, r))),
      Promise.all(REPORT_TYPES.map((t) => comparedCount(q, `reports.type.${t.value}`, (r) => countOf(q.deps.db, REPORTS, { ...reportsWhere(q, r), type: t.value })))),
      aggregate<{ _id: { type: string; status: string; villageId: string }; n: number }>(q.deps.db, REPORTS, where, [
        { $group: { _id: { type: '$type', status: '$status', villageId: '$villageId' }, n: { $sum: 1 } } },
      ]),
      aggregate<{ accept: (number | null)[]; close: (number | null)[] }>(q.deps.db, REPORTS, where, [
        { $project: { _id: 0, accept: { $subtract: ['$acceptedAt', '$createdAt'] }, close: { $subtract: ['$closedAt', '$createdAt'] } } },
        { $group: { _id: null, accept: { $push: '$accept' }, close: { $push: '$close' } } },
      ]),
      overdueBefore > q.period.start
        ? countOf(q.deps.db, REPORTS, { ...where, status: 'submitted', createdAt: _.gte(q.period.start).and(_.lt(overdueBefore)) })
        : Promise.resolve(0),
    ])
    const sum = (pick: (g: (typeof groups)[number]['_id']) => boolean) => groups.filter((g) => pick(g._id)).reduce((s, g) => s + g.n, 0)
    const accept = (times[0]?.accept ?? []).filter((x): x is number => typeof x === 'number')
    const close = (times[0]?.close ?? []).filter((x): x is number => typeof x === 'number')
    const byVillage = q.villages.map((v) => ({ key: v.id, label: v.name, count: sum((g) => g.villageId === v.id) }))
    const metrics: Metric[] = [
      { key: 'received', label: '收到举报', compared: total },
      ...REPORT_TYPES.map((t, i) => ({ key: `type.${t.value}`, label: t.label, compared: byType[i] })),
      { key: 'accept', label: '受理用时', durations: durations(accept), note: '从提交到受理' },
      { key: 'close', label: '办结用时', durations: durations(close), note: '从提交到办结（含不予受理、移交、撤回）' },
      { key: 'overdueOpen', label: '超过24小时还没受理', count: overdueOpen },
      { key: 'acceptedLate', label: '超过24小时才受理', count: accept.filter((ms) => ms > ACCEPT_WITHIN_MS).length },
    ]
    return {
      section: {
        key: 'reports',
        title: '举报',
        available: true,
        scopeNote: q.officer ? '只算分给这位民警的举报' : '',
        metrics,
        tables: [
          { key: 'status', title: '按状态', rows: REPORT_STATUSES.map((s) => ({ key: s.value, label: s.short, count: sum((g) => g.status === s.value) })) },
          { key: 'village', title: '按村', rows: q.villageId ? byVillage.filter((r) => r.key === q.villageId) : byVillage },
        ],
      },
      byVillage,
      byType: REPORT_TYPES.map((t) => ({ key: `report.${t.value}`, label: `${t.short}举报`, count: sum((g) => g.type === t.value) })),
    }
  },
}

function reportsWhere(q: SourceQuery, r: DayRange): Record<string, unknown> {
  return { ...(q.villageId ? { villageId: q.villageId } : {}), ...(q.officer ? { assignee: q.officer } : {}), createdAt: instantRange(q, r) }
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings: served, no-shows, after-hours share; errands and home visits done.

const bookingsSource: FigureSource = {
  key: 'bookings',
  title: '预约和上门',
  trend: { label: '预约办结', count: (q, r) => countOf(q.deps.db, BOOKINGS, { ...villageWhere(q), status: 'completed', day: dayStringRange(q, r) }) },
  async figures(q) {
    // Bookings and errands carry the resident's village (stamped when made, see services.stampVillages): the
    // village_status_day / village_status_created indexes serve a village's counts, status_day / status_created all.
    const bookingsIn = (status: string) => (r: DayRange) => countOf(q.deps.db, BOOKINGS, { ...villageWhere(q), status, day: dayStringRange(q, r) })
    const errandsIn = (r: DayRange) =>
      countOf(q.deps.db, ERRANDS, { ...villageWhere(q), status: 'completed', createdKey: q.deps.db.command.gte(r.start.toISOString()).and(q.deps.db.command.lt(r.end.toISOString())) })
    const visitsIn = (r: DayRange) => countOf(q.deps.db, HOME_VISITS, { ...villageWhere(q), ...(q.officer ? { officer: q.officer } : {}), status: 'completed', day: dayStringRange(q, r) })
    // A village's count is remembered only once old records carry their village: until then it is counted live.
    // (`@village`: counts remembered before records kept the village were station-wide for every village.)
    const live = q.villageId !== null && !(await migrationDone(q.deps, 'services.stampVillages'))
    const counted = live ? { ...q, count: (_key: string, _r: DayRange, compute: () => Promise<number>) => compute() } : q
    const [served, noShows, errands, visits, groups] = await Promise.all([
      comparedCount(counted, 'bookings.served@village', bookingsIn('completed')),
      comparedCount(counted, 'bookings.noShow@village', bookingsIn('no_show')),
      comparedCount(counted, 'errands.done@village', errandsIn),
      comparedCount(q, 'visits.done', visitsIn),
      aggregate<{ _id: { status: string; afterHours: string | null }; n: number }>(q.deps.db, BOOKINGS, { ...villageWhere(q), day: dayStringRange(q, q.period) }, [
        { $group: { _id: { status: '$status', afterHours: '$afterHours' }, n: { $sum: 1 } } },
      ]),
    ])
    const servedRows = groups.filter((g) => g._id.status === 'completed')
    const servedTotal = servedRows.reduce((s, g) => s + g.n, 0)
    const afterHours = servedRows.filter((g) => g._id.afterHours).reduce((s, g) => s + g.n, 0)
    const dueTotal = groups.filter((g) => g._id.status === 'completed' || g._id.status === 'no_show').reduce((s, g) => s + g.n, 0)
    const metrics: Metric[] = [
      { key: 'served', label: '预约办结', compared: served },
      { key: 'noShows', label: '预约未到', compared: noShows },
      { key: 'noShowRate', label: '未到比例', share: share(dueTotal - servedTotal, dueTotal), note: '未到 ÷（办结＋未到）' },
      { key: 'afterHours', label: '错时延时办结', share: share(afterHours, servedTotal), note: '午间、晚上、周末办结的占办结预约的比例' },
      { key: 'errands', label: '代办办完', compared: errands },
      { key: 'visits', label: '上门服务办完', compared: visits },
    ]
    const byKind = Object.entries(AFTER_HOURS).map(([k, v]) => ({ key: k, label: v.label, count: servedRows.filter((g) => g._id.afterHours === k).reduce((s, g) => s + g.n, 0) }))
    return {
      section: {
        key: 'bookings',
        title: '预约和上门',
        available: true,
        scopeNote: [scopeText({ village: true, officer: false, what: '预约和代办' }, q), q.officer ? '上门服务只算这位民警的' : ''].filter(Boolean).join('；'),
        metrics,
        tables: [{ key: 'afterHours', title: '错时延时办结', rows: byKind }],
      },
      byType: [
        { key: 'booking.served', label: '预约办结', count: served?.value ?? 0 },
        { key: 'errand.done', label: '代办办完', count: errands?.value ?? 0 },
        { key: 'visit.done', label: '上门办完', count: visits?.value ?? 0 },
      ],
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts: published, reach, read rate, households that read none.
//
// Households that read none: every resident and household keeps when they last read an alert meant for their
// village (`lastAlertReadAt`, see @server/alertReach), so "read one since the period began" is one indexed range
// count per village on hh_addresses (village_alert_read), and the households are the 社 counters in hh_groups. Only
// the last read is kept, so the count is exact from the period's first day up to now, and is labelled so.

interface AlertRow {
  _id: string
  audience: string[]
  counters?: { read?: number; byVillage?: Record<string, { read?: number }> }
}

const alertsSource: FigureSource = {
  key: 'alerts',
  title: '预警',
  trend: { label: '发布预警', count: async (q, r) => countOf(q.deps.db, ALERTS, alertsWhere(q, r, await villageAudience(q))) },
  async figures(q) {
    const _ = q.deps.db.command
    const audience = await villageAudience(q)
    const scope = q.villageId ? [q.villageId] : q.villages.map((v) => v.id)
    const [published, rows, residents, groups, readSince] = await Promise.all([
      comparedCount(q, 'alerts.published', (r) => countOf(q.deps.db, ALERTS, alertsWhere(q, r, audience))),
      aggregate<AlertRow>(q.deps.db, ALERTS, alertsWhere(q, q.period, audience), [{ $project: { audience: 1, counters: 1 } }]),
      q.residents(),
      aggregate<{ _id: string; households: number }>(q.deps.db, HH_GROUPS, q.villageId ? { villageId: q.villageId } : {}, [
        { $group: { _id: '$villageId', households: { $sum: '$households' } } },
      ]),
      Promise.all(scope.map((v) => countOf(q.deps.db, HH_ADDRESSES, { villageId: v, lastAlertReadAt: _.gte(q.period.start) }))),
    ])
    const groupKeys = [...new Set(rows.flatMap((a) => a.audience.filter(isGroupKey)))]
    const groupResidents = await residentCounts(q.deps.db, groupKeys)
    let reach = 0
    let reads = 0
    for (const v of scope) {
      const people = residents[v] ?? 0
      const targeting = rows.filter((a) => a.audience.includes('all') || a.audience.includes(v))
      reach += people * targeting.length
      reads += targeting.reduce((s, a) => s + Math.min(people, a.counters?.byVillage?.[v]?.read ?? 0), 0)
      // An alert sent to 社 counts toward their village, reaching the residents whose confirmed household lies there.
      for (const a of rows) {
        const groupsHere = a.audience.filter((k) => isGroupKey(k) && villageOfPlace(k) === v)
        if (groupsHere.length === 0 || targeting.includes(a)) continue
        const groupPeople = Math.min(people, groupsHere.reduce((n, k) => n + (groupResidents[k] ?? 0), 0))
        reach += groupPeople
        reads += Math.min(groupPeople, groupsHere.reduce((n, k) => n + (a.counters?.byVillage?.[k]?.read ?? 0), 0))
      }
    }
    const households = groups.filter((g) => scope.includes(g._id)).reduce((s, g) => s + g.households, 0)
    const reached = readSince.reduce((s, n) => s + n, 0)
    const since = `${Number(q.period.from.slice(5, 7))}月${Number(q.period.from.slice(8))}日`
    const metrics: Metric[] = [
      { key: 'published', label: '发布预警', compared: published },
      { key: 'reach', label: '应送达人次', count: reach, note: '每条预警发到的村的居民数相加（发到社的，算该社已登记住户的村民）' },
      { key: 'readRate', label: '已读率', share: share(reads, reach), note: '已读人次 ÷ 应送达人次' },
      households > 0
        ? {
            key: 'neverReached',
            label: `自${since}起一条预警都没读过的户`,
            count: Math.max(0, households - reached),
            note: `登记的户 ${households} 户，其中 ${reached} 户自${q.period.from}起到现在有人读过发给本村的预警（户里认领了这户的居民账号读过就算）；算到现在，不止到本期末`,
          }
        : { key: 'neverReached', label: '一条预警都没读过的户', note: '还没有登记户籍地址，没法按户算' },
    ]
    return {
      section: { key: 'alerts', title: '预警', available: true, scopeNote: q.officer ? '只算这位民警发布的预警；没读过的户不分民警' : '', metrics, tables: [] },
    }
  },
}

/** For one village: the audience values of the alerts that count toward it (all, the village, its 社); null: every village. */
async function villageAudience(q: SourceQuery): Promise<string[] | null> {
  if (!q.villageId) return null
  const groups = await findMany<{ _id: string }>(q.deps.db.collection(HH_GROUPS).where({ villageId: q.villageId }).field({ _id: true }).limit(1000))
  return ['all', q.villageId, ...groups.map((g) => g._id)]
}

function alertsWhere(q: SourceQuery, r: DayRange, audience: string[] | null): Record<string, unknown> {
  const _ = q.deps.db.command
  return {
    ...(q.officer ? { createdBy: q.officer } : {}),
    publishedAt: instantRange(q, r),
    ...(audience ? { audience: _.in(audience) } : {}),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 回访 (the followups function's collections, documented in @contract/followups): satisfaction and open 不满意 tasks.

export const ANSWER_ROWS: readonly { value: string; label: string }[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
]

const followupsSource: FigureSource = {
  key: 'followups',
  title: '回访满意度',
  trend: { label: '回访答复', count: (q, r) => countOf(q.deps.db, FOLLOWUPS, followupsWhere(q, r)) },
  async figures(q) {
    const [answered, groups, surveysEver, openTasks, opened] = await Promise.all([
      comparedCount(q, 'followups.answered', (r) => countOf(q.deps.db, FOLLOWUPS, followupsWhere(q, r))),
      aggregate<{ _id: string; n: number }>(q.deps.db, FOLLOWUPS, followupsWhere(q, q.period), [{ $group: { _id: '$answer', n: { $sum: 1 } } }]),
      countOf(q.deps.db, FOLLOWUPS, {}),
      countOf(q.deps.db, FOLLOWUP_TASKS, { ...(q.villageId ? { villageId: q.villageId } : {}), status: 'open' }),
      countOf(q.deps.db, FOLLOWUP_TASKS, { ...(q.villageId ? { villageId: q.villageId } : {}), openedAt: instantRange(q, q.period) }),
    ])
    const n = (a: string) => groups.find((g) => g._id === a)?.n ?? 0
    const total = ANSWER_ROWS.reduce((s, a) => s + n(a.value), 0)
    const metrics: Metric[] = [
      { key: 'answered', label: '回访答复', compared: answered },
      { key: 'satisfied', label: '满意率（含基本满意）', share: share(n('satisfied') + n('basic'), total) },
      { key: 'unsatisfied', label: '不满意', share: share(n('unsatisfied'), total) },
      { key: 'tasksOpened', label: '本期新开不满意任务', count: opened },
      { key: 'tasksOpen', label: '不满意任务还没处理完', count: openTasks, note: '现在还开着的，不限本期' },
    ]
    return {
      section: {
        key: 'followups',
        title: '回访满意度',
        available: true,
        scopeNote: q.officer ? '回访不分民警，这里是全所数字' : '',
        metrics,
        tables: [{ key: 'answers', title: '回访答复', rows: ANSWER_ROWS.map((a) => ({ key: a.value, label: a.label, count: n(a.value) })) }],
      },
      fiveZero: { openUnsatisfiedTasks: surveysEver === 0 ? null : openTasks },
    }
  },
}

function followupsWhere(q: SourceQuery, r: DayRange): Record<string, unknown> {
  return { ...(q.villageId ? { villageId: q.villageId } : {}), answeredAt: instantRange(q, r) }
}

// ---------------------------------------------------------------------------------------------------------------
// Mediation: cases received, closed by outcome, success rate with its denominator, cases sent up.

const mediationSource: FigureSource = {
  key: 'mediation',
  title: '矛盾调解',
  trend: { label: '受理纠纷', count: (q, r) => countOf(q.deps.db, MEDIATION_CASES, mediationWhere(q, 'createdAt', r)) },
  async figures(q) {
    const [received, groups] = await Promise.all([
      comparedCount(q, 'mediation.received', (r) => countOf(q.deps.db, MEDIATION_CASES, mediationWhere(q, 'createdAt', r))),
      aggregate<{ _id: { outcome: string | null; target: string | null }; n: number }>(q.deps.db, MEDIATION_CASES, mediationWhere(q, 'closedAt', q.period), [
        { $group: { _id: { outcome: '$counted.outcome', target: '$route.target' }, n: { $sum: 1 } } },
      ]),
    ])
    const sum = (pick: (g: (typeof groups)[number]['_id']) => boolean) => groups.filter((g) => pick(g._id)).reduce((s, g) => s + g.n, 0)
    const resolved = sum((g) => g.outcome === 'resolved')
    const failed = sum((g) => g.outcome === 'failed')
    const routed = sum((g) => g.outcome === 'routed')
    const closed = sum(() => true)
    const sentUp = sum((g) => g.target !== null && SENT_UP_TARGETS.includes(g.target))
    const metrics: Metric[] = [
      { key: 'received', label: '受理纠纷', compared: received },
      { key: 'closed', label: '本期结案', count: closed, note: '含调成、未调成、转交、撤回' },
      { key: 'success', label: '调解成功率', share: share(resolved, resolved + failed), note: `调成 ${resolved} 件 ÷ 调解结案 ${resolved + failed} 件（不含转交 ${routed} 件和撤回）` },
      { key: 'sentUp', label: '转法院诉讼或刑事立案', count: sentUp },
    ]
    return {
      section: {
        key: 'mediation',
        title: '矛盾调解',
        available: true,
        scopeNote: q.officer ? '只算这位民警承办的纠纷' : '',
        metrics,
        tables: [{ key: 'routed', title: '转交去向', rows: ROUTE_TARGETS.map((t) => ({ key: t.value, label: t.label, count: sum((g) => g.target === t.value) })) }],
      },
      byType: [{ key: 'mediation.received', label: '受理纠纷', count: received?.value ?? 0 }],
      fiveZero: { disputesSentUp: sentUp, disputesClosed: closed },
    }
  },
}

function mediationWhere(q: SourceQuery, field: 'createdAt' | 'closedAt', r: DayRange): Record<string, unknown> {
  return { ...(q.villageId ? { villageId: q.villageId } : {}), ...(q.officer ? { handler: q.officer } : {}), [field]: instantRange(q, r) }
}

// ---------------------------------------------------------------------------------------------------------------
// 入户走访 (the households function's collections): visit coverage of the period — distinct households visited in it
// (an aggregation on hh_visits' indexed village and time that returns one row per village) ÷ households (the 社
// counters in hh_groups, one small document per 社) — households never visited, the last visit, and visits recorded
// in the period with 同比/环比. No household document is read.

const householdsSource: FigureSource = {
  key: 'households',
  title: '入户走访',
  trend: { label: '走访次数', count: (q, r) => countOf(q.deps.db, HH_VISITS, visitsWhere(q, r, true)) },
  async figures(q) {
    const [visits, groups, visitedRows] = await Promise.all([
      comparedCount(q, 'households.visits', (r) => countOf(q.deps.db, HH_VISITS, visitsWhere(q, r, true))),
      aggregate<{ _id: string; households: number; everVisited: number; lastVisitAt: unknown }>(q.deps.db, HH_GROUPS, q.villageId ? { villageId: q.villageId } : {}, [
        { $group: { _id: '$villageId', households: { $sum: '$households' }, everVisited: { $sum: '$everVisited' }, lastVisitAt: { $max: '$lastVisitAt' } } },
      ]),
      aggregate<{ _id: string; n: number }>(q.deps.db, HH_VISITS, { ...visitsWhere(q, q.period, false), kind: 'household' }, [
        { $group: { _id: { villageId: '$villageId', addressId: '$addressId' } } },
        { $group: { _id: '$_id.villageId', n: { $sum: 1 } } },
      ]),
    ])
    const visitedIn = (v: string) => visitedRows.find((r) => r._id === v)?.n ?? 0
    const all = visitCoverage(groups, visitedRows.reduce((s, r) => s + r.n, 0))
    const last = groups.map((g) => asDate(g.lastVisitAt)).reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null)
    const metrics: Metric[] = [
      {
        key: 'coverage',
        label: '走访覆盖率',
        share: all.coverage,
        note: `本期走访过的户 ${all.visited} 户 ÷ 登记的户 ${all.households} 户（同一户走访多次算一户；户数是现在登记的）`,
      },
      { key: 'neverVisited', label: '从没走访过的户', count: all.neverVisited, note: last ? `最近一次入户走访：${stationDayOf(last)}` : '还没有入户走访记录' },
      { key: 'visits', label: '走访次数', compared: visits, note: '含入户、单位和其他地点的走访' },
    ]
    // Every village's coverage when the view is the whole station (a village's view shows only its own, above).
    if (!q.villageId && groups.length > 1) {
      for (const v of q.villages) {
        const here = groups.filter((g) => g._id === v.id)
        if (here.length === 0) continue
        metrics.push({ key: `coverage.${v.id}`, label: `${v.name}走访覆盖率`, share: visitCoverage(here, visitedIn(v.id)).coverage })
      }
    }
    return {
      section: {
        key: 'households',
        title: '入户走访',
        available: true,
        scopeNote: [
          groups.length === 0 ? '还没有登记户籍地址，覆盖率没法算' : '',
          q.officer ? '覆盖率不分民警，是全所（或所选村）的数字；走访次数只算这位民警的' : '',
        ].filter(Boolean).join('；'),
        metrics,
        tables: [],
      },
    }
  },
}

/** Visits of the range in the village (and, for the count, by the officer) on the village_at / officer_at / at indexes. */
function visitsWhere(q: SourceQuery, r: DayRange, byOfficer: boolean): Record<string, unknown> {
  return { ...(q.villageId ? { villageId: q.villageId } : {}), ...(byOfficer && q.officer ? { officer: q.officer } : {}), at: instantRange(q, r) }
}

/** An aggregated date as the SDK hands it back (a Date, an ISO string or `{ $date }`), or null. */
function asDate(x: unknown): Date | null {
  const raw = x && typeof x === 'object' && !(x instanceof Date) && '$date' in x ? (x as { $date: unknown }).$date : x
  const d = raw instanceof Date ? raw : typeof raw === 'string' || typeof raw === 'number' ? new Date(raw) : null
  return d && !Number.isNaN(d.getTime()) ? d : null
}

export const SOURCES: readonly FigureSource[] = [reportsSource, bookingsSource, alertsSource, followupsSource, mediationSource, householdsSource]

export { villageName, HOUR }
