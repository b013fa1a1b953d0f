// The station's figures as pure rules: periods in Asia/Shanghai and the ranges they are compared with (同比 a year
// earlier, 环比 a period earlier), honest percentages that always carry both counts, median and 90th percentile, and
// the 五零 tiles with the data behind each (or "no data" where the app does not know). Pure: `now` is passed in.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

const TZ = 'Asia/Shanghai'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom'
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'custom']
export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', year: '本年', custom: '自选时间' }

/** A custom range may span at most this many days (a leap year); longer ranges are refused. */
export const MAX_PERIOD_DAYS = 366
/** Nothing before this day: the app did not exist, and a typo like 0202 should not scan decades. */
export const EARLIEST_DAY = '2020-01-01'

/** A range of whole station days, `from`..`to` inclusive, and the instants that bound it (`end` exclusive). */
export interface DayRange {
  from: string
  to: string
  start: Date
  end: Date
}

export interface Period extends DayRange {
  kind: PeriodKind
  label: string
  /** The same days a year earlier (同比). */
  yearEarlier: DayRange
  /** The period just before: the previous month / quarter / year to the same day, or an equally long range (环比). */
  periodEarlier: DayRange
}

export type PeriodProblem = { field: 'from' | 'to' | 'kind'; message: string }

const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD')
const atStation = (s: string) => dayjs.tz(s, TZ)

/** The station day an instant falls on. */
export function stationDayOf(at: Date): string {
  return dayjs(at).tz(TZ).format('YYYY-MM-DD')
}

/** A range of days as instants: 00:00 Asia/Shanghai of `from` up to 00:00 of the day after `to`. */
export function dayRange(from: string, to: string): DayRange {
  return { from, to, start: atStation(from).toDate(), end: atStation(to).add(1, 'day').toDate() }
}

function isMonthEnd(s: string): boolean {
  const d = atStation(s)
  return d.date() === d.daysInMonth()
}

/**
 * Moves a range by whole months. The last day of a month stays the last day (Apr 1–30 a month back is Mar 1–31,
 * Feb 1–29 a year back is Feb 1–28); any other day is clamped to the shorter month (Mar 31 → Feb 28).
 */
export function shiftMonths(r: { from: string; to: string }, months: number): DayRange {
  const from = atStation(r.from).add(months, 'month')
  const toShifted = atStation(r.to).add(months, 'month')
  const to = isMonthEnd(r.to) ? toShifted.endOf('month') : toShifted
  return dayRange(day(from), day(to))
}

/** Days from..to inclusive. */
export function daysIn(r: { from: string; to: string }): number {
  return atStation(r.to).diff(atStation(r.from), 'day') + 1
}

function isDay(s: string | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = dayjs(s, 'YYYY-MM-DD')
  return d.isValid() && d.format('YYYY-MM-DD') === s
}

/**
 * The period a caller asked for, to today: this month / quarter / year so far, or a custom range of whole days.
 * Refused (with the field and a message a person understands): a reversed range, one in the future, one before the
 * app's time, or one longer than MAX_PERIOD_DAYS.
 */
export function resolvePeriod(input: { kind: PeriodKind; from?: string; to?: string }, now: Date): Period | PeriodProblem {
  const today = dayjs(now).tz(TZ)
  const todayStr = day(today)
  let from: string
  let to = todayStr
  if (input.kind === 'month') from = day(today.startOf('month'))
  else if (input.kind === 'quarter') from = day(today.month(Math.floor(today.month() / 3) * 3).startOf('month'))
  else if (input.kind === 'year') from = day(today.startOf('year'))
  else if (input.kind === 'custom') {
    if (!isDay(input.from)) return { field: 'from', message: '请选择开始日期' }
    if (!isDay(input.to)) return { field: 'to', message: '请选择结束日期' }
    from = input.from
    to = input.to
    if (from > to) return { field: 'to', message: '结束日期早于开始日期，请重新选择' }
    if (to > todayStr) return { field: 'to', message: '结束日期不能晚于今天，请重新选择' }
    if (from < EARLIEST_DAY) return { field: 'from', message: `开始日期太早了，最早从 ${EARLIEST_DAY} 起` }
    if (daysIn({ from, to }) > MAX_PERIOD_DAYS) return { field: 'to', message: `一次最多看 ${MAX_PERIOD_DAYS} 天，请缩短时间段` }
  } else return { field: 'kind', message: '时间段不对，请重新选择' }
  const range = dayRange(from, to)
  const months = input.kind === 'month' ? 1 : input.kind === 'quarter' ? 3 : input.kind === 'year' ? 12 : 0
  const periodEarlier = months > 0 ? shiftMonths(range, -months) : customEarlier(range)
  const label = input.kind === 'custom' ? `${from} 至 ${to}` : `${PERIOD_LABELS[input.kind]}（${from} 至 ${to}）`
  return { ...range, kind: input.kind, label, yearEarlier: shiftMonths(range, -12), periodEarlier }
}

/** An equally long range ending the day before. */
function customEarlier(r: DayRange): DayRange {
  const n = daysIn(r)
  const to = atStation(r.from).subtract(1, 'day')
  return dayRange(day(to.subtract(n - 1, 'day')), day(to))
}

export function isPeriodProblem(p: Period | PeriodProblem): p is PeriodProblem {
  return 'message' in p
}

/** Calendar months (station time) overlapping a range, oldest first, with the part of each inside the range. */
export function monthsOf(r: { from: string; to: string }): { month: string; label: string; range: DayRange }[] {
  const out: { month: string; label: string; range: DayRange }[] = []
  let cursor = atStation(r.from).startOf('month')
  const last = atStation(r.to)
  while (!cursor.isAfter(last, 'day')) {
    const from = day(cursor) < r.from ? r.from : day(cursor)
    const end = cursor.endOf('month')
    const to = day(end) > r.to ? r.to : day(end)
    out.push({ month: cursor.format('YYYY-MM'), label: `${cursor.month() + 1}月`, range: dayRange(from, to) })
    cursor = cursor.add(1, 'month')
  }
  return out
}

/** The twelve months ending with the month `to` falls in, the last one cut at `to` (the trend chart). */
export function trendMonths(to: string): { month: string; label: string; range: DayRange }[] {
  const first = atStation(to).startOf('month').subtract(11, 'month')
  return monthsOf({ from: day(first), to })
}

// ---------------------------------------------------------------------------------------------------------------
// Comparisons.

export interface Change {
  now: number
  before: number
  /** Signed percent change rounded to one decimal; null when the earlier count is 0 (no ratio exists). */
  percent: number | null
  /** What the page shows: "+12.5%", "−33.3%", "持平", or "—" when the earlier count is 0 — never ∞ or +100%. */
  text: string
}

export function change(now: number, before: number): Change {
  if (before === 0) return { now, before, percent: null, text: '—' }
  const percent = Math.round(((now - before) / before) * 1000) / 10
  const text = percent === 0 ? '持平' : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`
  return { now, before, percent, text }
}

/** A count with its 同比 and 环比. */
export interface Compared {
  value: number
  yoy: Change
  mom: Change
}

export function compared(value: number, yearEarlier: number, periodEarlier: number): Compared {
  return { value, yoy: change(value, yearEarlier), mom: change(value, periodEarlier) }
}

/** A share with its parts, so 97% is never shown without what it is 97% of. null rate when the denominator is 0. */
export interface Share {
  part: number
  whole: number
  rate: number | null
  text: string
}

export function share(part: number, whole: number): Share {
  if (whole <= 0) return { part, whole, rate: null, text: `— （${part}/${whole}）` }
  const rate = Math.round((part / whole) * 1000) / 10
  return { part, whole, rate, text: `${rate}%（${part}/${whole}）` }
}

// ---------------------------------------------------------------------------------------------------------------
// 入户走访 coverage: households visited in the period ÷ households, from the 社 counters (households, visited ever)
// and a count of the distinct households visited in the period.

export interface HouseholdTotals {
  /** Households registered now (the 社 counters hold today's number, not the number at the period's time). */
  households: number
  /** Households visited at least once ever. */
  everVisited: number
}

export interface VisitCoverage {
  households: number
  /** Distinct households visited in the period, at most `households`. */
  visited: number
  neverVisited: number
  coverage: Share
}

/** Coverage of a scope: its 社 totals summed, the period's visited households capped at the households there are. */
export function visitCoverage(groups: readonly HouseholdTotals[], visitedInPeriod: number): VisitCoverage {
  const households = groups.reduce((s, g) => s + Math.max(0, g.households), 0)
  const neverVisited = groups.reduce((s, g) => s + Math.max(0, Math.max(0, g.households) - Math.max(0, g.everVisited)), 0)
  const visited = Math.min(households, Math.max(0, visitedInPeriod))
  return { households, visited, neverVisited, coverage: share(visited, households) }
}

// ---------------------------------------------------------------------------------------------------------------
// Percentiles (nearest rank: the value at rank ⌈p/100 · n⌉ of the sorted list; null for an empty list).

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`)
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

export interface Durations {
  count: number
  medianHours: number | null
  p90Hours: number | null
}

/** Durations in ms → median and 90th percentile in hours (one decimal). */
export function durations(ms: readonly number[]): Durations {
  const valid = ms.filter((x) => Number.isFinite(x) && x >= 0)
  const hours = (x: number | null) => (x === null ? null : Math.round((x / 3_600_000) * 10) / 10)
  return { count: valid.length, medianHours: hours(percentile(valid, 50)), p90Hours: hours(percentile(valid, 90)) }
}

// ---------------------------------------------------------------------------------------------------------------
// 五零: five tiles, each backed by what the app knows, or "no data" where it knows nothing.

export type FiveZeroKey = 'homicide' | 'enforcement' | 'complaints' | 'discipline' | 'disputes'
export type TileState = 'met' | 'not_met' | 'no_data'

export interface FiveZeroTile {
  key: FiveZeroKey
  title: string
  state: TileState
  stateLabel: string
  /** The number behind it (open 不满意 tasks, disputes sent up), null when there is no data. */
  count: number | null
  /** What the tile is based on, in words. */
  basis: string
}

export interface FiveZeroInput {
  /** 不满意 follow-up tasks still open now; null when the follow-up mechanism holds no data. */
  openUnsatisfiedTasks: number | null
  /** Mediation cases closed in the period that were sent up (court, criminal case); null without mediation data. */
  disputesSentUp: number | null
  /** Mediation cases closed in the period, to say what 矛盾零上交 is out of. */
  disputesClosed: number | null
}

/** Route targets that count as sending a dispute up (矛盾上交): to court for a lawsuit, or into a criminal case. */
export const SENT_UP_TARGETS: readonly string[] = ['court', 'criminal_case']

const STATE_LABELS: Record<TileState, string> = { met: '做到了', not_met: '没做到', no_data: '没有数据' }

function tile(key: FiveZeroKey, title: string, state: TileState, count: number | null, basis: string): FiveZeroTile {
  return { key, title, state, stateLabel: STATE_LABELS[state], count, basis }
}

export function fiveZeroTiles(x: FiveZeroInput): FiveZeroTile[] {
  return [
    tile('homicide', '命案零发生', 'no_data', null, '命案不在本小程序里登记，这里不作判断，请以公安业务系统为准'),
    // Reports that were rejected or transferred are not 执法过错, and nothing in the app records a review that found
    // one (复议、诉讼、执法监督): saying "zero" would be a claim without data.
    tile('enforcement', '执法零过错', 'no_data', null, '执法过错由执法监督、复议和诉讼认定，本小程序没有这些记录，这里不作判断'),
    x.openUnsatisfiedTasks === null
      ? tile('complaints', '服务零投诉', 'no_data', null, '还没有回访数据')
      : tile(
          'complaints',
          '服务零投诉',
          x.openUnsatisfiedTasks === 0 ? 'met' : 'not_met',
          x.openUnsatisfiedTasks,
          x.openUnsatisfiedTasks === 0 ? '回访中的“不满意”都已处理完，没有留着没办的' : `还有 ${x.openUnsatisfiedTasks} 件“不满意”回访没有处理完`,
        ),
    tile('discipline', '民警零违纪', 'no_data', null, '民警违纪不在本小程序里登记，这里不作判断'),
    x.disputesSentUp === null
      ? tile('disputes', '矛盾零上交', 'no_data', null, '还没有调解数据')
      : tile(
          'disputes',
          '矛盾零上交',
          x.disputesSentUp === 0 ? 'met' : 'not_met',
          x.disputesSentUp,
          `本期结案的 ${x.disputesClosed ?? 0} 件纠纷中，${x.disputesSentUp} 件转到法院诉讼或刑事立案`,
        ),
  ]
}
