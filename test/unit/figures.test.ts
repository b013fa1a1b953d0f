// Pure figures rules: periods in Asia/Shanghai and their 同比/环比 ranges, honest percentages, percentiles, 五零 tiles.
import {
  change,
  compared,
  dayRange,
  durations,
  fiveZeroTiles,
  isPeriodProblem,
  monthsOf,
  percentile,
  resolvePeriod,
  share,
  shiftMonths,
  trendMonths,
  visitCoverage,
  type Period,
} from '@domain/figures'

/** An instant given in station time. */
const cst = (s: string) => new Date(`${s}+08:00`)

function period(kind: 'month' | 'quarter' | 'year' | 'custom', now: Date, from?: string, to?: string): Period {
  const p = resolvePeriod({ kind, from, to }, now)
  if (isPeriodProblem(p)) throw new Error(p.message)
  return p
}

describe('periods', () => {
  test('this month so far, in station time (00:30 on 1 March is March there, still February in UTC)', () => {
    const p = period('month', cst('2026-03-01T00:30:00'))
    expect([p.from, p.to]).toEqual(['2026-03-01', '2026-03-01'])
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z')
    expect(p.end.toISOString()).toBe('2026-03-01T16:00:00.000Z')
    expect(p.periodEarlier).toMatchObject({ from: '2026-02-01', to: '2026-02-01' })
    expect(p.yearEarlier).toMatchObject({ from: '2025-03-01', to: '2025-03-01' })
  })

  test('a month across the year boundary: January compares with December and last January', () => {
    const p = period('month', cst('2027-01-15T10:00:00'))
    expect(p.periodEarlier).toMatchObject({ from: '2026-12-01', to: '2026-12-15' })
    expect(p.yearEarlier).toMatchObject({ from: '2026-01-01', to: '2026-01-15' })
  })

  test('31 March a month back is the end of February (28 or 29 days)', () => {
    expect(period('month', cst('2026-03-31T09:00:00')).periodEarlier).toMatchObject({ from: '2026-02-01', to: '2026-02-28' })
    expect(period('month', cst('2028-03-31T09:00:00')).periodEarlier).toMatchObject({ from: '2028-02-01', to: '2028-02-29' })
    // A whole month moves to the whole month: April 1–30 a month back is March 1–31.
    expect(shiftMonths({ from: '2026-04-01', to: '2026-04-30' }, -1)).toMatchObject({ from: '2026-03-01', to: '2026-03-31' })
    // 29 February a year back is 28 February.
    expect(shiftMonths({ from: '2028-02-01', to: '2028-02-29' }, -12)).toMatchObject({ from: '2027-02-01', to: '2027-02-28' })
  })

  test('quarters and years', () => {
    const q = period('quarter', cst('2026-05-20T12:00:00'))
    expect([q.from, q.to]).toEqual(['2026-04-01', '2026-05-20'])
    expect(q.periodEarlier).toMatchObject({ from: '2026-01-01', to: '2026-02-20' })
    const q1 = period('quarter', cst('2026-02-10T12:00:00'))
    expect(q1.periodEarlier).toMatchObject({ from: '2025-10-01', to: '2025-11-10' })
    const y = period('year', cst('2026-12-31T23:59:00'))
    expect([y.from, y.to]).toEqual(['2026-01-01', '2026-12-31'])
    expect(y.yearEarlier).toMatchObject({ from: '2025-01-01', to: '2025-12-31' })
  })

  test('a custom range compares with an equally long range just before it', () => {
    const p = period('custom', cst('2026-06-01T08:00:00'), '2026-03-01', '2026-03-31')
    expect(p.periodEarlier).toMatchObject({ from: '2026-01-29', to: '2026-02-28' })
    expect(p.yearEarlier).toMatchObject({ from: '2025-03-01', to: '2025-03-31' })
    expect(p.label).toBe('2026-03-01 至 2026-03-31')
  })

  test.each([
    ['reversed', '2026-03-31', '2026-03-01', 'to'],
    ['in the future', '2026-05-01', '2026-06-02', 'to'],
    ['too long', '2025-01-01', '2026-01-02', 'to'],
    ['before the app', '1999-12-31', '2000-01-31', 'from'],
    ['not a day', '2026-02-30', '2026-03-01', 'from'],
    ['missing', undefined, '2026-03-01', 'from'],
  ])('%s custom range is refused', (_n, from, to, field) => {
    const p = resolvePeriod({ kind: 'custom', from, to }, cst('2026-06-01T08:00:00'))
    expect(isPeriodProblem(p) && p.field).toBe(field)
  })

  test('a leap year (366 days) is the longest range allowed', () => {
    expect(isPeriodProblem(resolvePeriod({ kind: 'custom', from: '2024-01-01', to: '2024-12-31' }, cst('2026-06-01T08:00:00')))).toBe(false)
  })

  test('months of a range and the 12-month trend, cut at the ends', () => {
    expect(monthsOf({ from: '2025-12-15', to: '2026-02-03' }).map((m) => [m.month, m.range.from, m.range.to])).toEqual([
      ['2025-12', '2025-12-15', '2025-12-31'],
      ['2026-01', '2026-01-01', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-03'],
    ])
    const t = trendMonths('2026-03-10')
    expect(t).toHaveLength(12)
    expect(t[0].month).toBe('2025-04')
    expect(t[11]).toMatchObject({ month: '2026-03', label: '3月', range: { from: '2026-03-01', to: '2026-03-10' } })
  })

  test('a day range ends at the next midnight in Asia/Shanghai', () => {
    const r = dayRange('2026-10-01', '2026-10-31')
    expect(r.end.getTime() - r.start.getTime()).toBe(31 * 24 * 3600_000)
  })
})

describe('同比 and 环比', () => {
  test.each([
    [12, 9, 33.3, '+33.3%'],
    [6, 9, -33.3, '−33.3%'],
    [5, 5, 0, '持平'],
    [0, 3, -100, '−100%'],
    [1, 2, -50, '−50%'],
    [3, 1, 200, '+200%'],
  ])('%i against %i', (now, before, percent, text) => {
    expect(change(now, before)).toEqual({ now, before, percent, text })
  })

  test('a zero base shows — and both counts, never ∞ or +100%', () => {
    expect(change(4, 0)).toEqual({ now: 4, before: 0, percent: null, text: '—' })
    expect(change(0, 0)).toEqual({ now: 0, before: 0, percent: null, text: '—' })
    expect(compared(2, 0, 1)).toEqual({ value: 2, yoy: { now: 2, before: 0, percent: null, text: '—' }, mom: { now: 2, before: 1, percent: 100, text: '+100%' } })
  })

  test('shares carry their parts; nothing over nothing is not 0%', () => {
    expect(share(97, 100)).toEqual({ part: 97, whole: 100, rate: 97, text: '97%（97/100）' })
    expect(share(2, 3).text).toBe('66.7%（2/3）')
    expect(share(0, 0)).toEqual({ part: 0, whole: 0, rate: null, text: '— （0/0）' })
  })
})

describe('入户走访 coverage', () => {
  test('visited ÷ households over the 社, never visited per 社, both counts shown', () => {
    const c = visitCoverage([{ households: 10, everVisited: 7 }, { households: 5, everVisited: 5 }, { households: 0, everVisited: 0 }], 6)
    expect(c).toEqual({ households: 15, visited: 6, neverVisited: 3, coverage: { part: 6, whole: 15, rate: 40, text: '40%（6/15）' } })
  })

  test('no households: no rate, and visits of households since removed never make more than 100%', () => {
    expect(visitCoverage([], 0).coverage).toEqual({ part: 0, whole: 0, rate: null, text: '— （0/0）' })
    expect(visitCoverage([{ households: 2, everVisited: 3 }], 5)).toMatchObject({ visited: 2, neverVisited: 0, coverage: { rate: 100 } })
    expect(visitCoverage([{ households: -1, everVisited: 0 }], 1)).toMatchObject({ households: 0, visited: 0 })
  })
})

describe('percentiles (nearest rank)', () => {
  test('median and 90th percentile of small lists', () => {
    expect(percentile([], 50)).toBeNull()
    expect(percentile([7], 50)).toBe(7)
    expect(percentile([7], 90)).toBe(7)
    expect(percentile([3, 1, 2], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10)
    expect(() => percentile([1], 0)).toThrow(RangeError)
  })

  test('durations in hours, ignoring the missing', () => {
    const h = 3_600_000
    expect(durations([h, 3 * h, 30 * h, Number.NaN, -5])).toEqual({ count: 3, medianHours: 3, p90Hours: 30 })
    expect(durations([])).toEqual({ count: 0, medianHours: null, p90Hours: null })
  })
})

describe('五零 tiles', () => {
  const tiles = (x: Parameters<typeof fiveZeroTiles>[0]) => Object.fromEntries(fiveZeroTiles(x).map((t) => [t.key, t]))

  test('命案, 违纪 and 执法过错 are not in this app: no data, never a faked zero', () => {
    const t = tiles({ openUnsatisfiedTasks: 0, disputesSentUp: 0, disputesClosed: 5 })
    for (const k of ['homicide', 'discipline', 'enforcement']) {
      expect(t[k]).toMatchObject({ state: 'no_data', count: null, stateLabel: '没有数据' })
      expect(t[k].basis).toContain('不作判断')
    }
  })

  test('服务零投诉: no 不满意 left open', () => {
    expect(tiles({ openUnsatisfiedTasks: 0, disputesSentUp: null, disputesClosed: null }).complaints).toMatchObject({ state: 'met', count: 0 })
    expect(tiles({ openUnsatisfiedTasks: 2, disputesSentUp: null, disputesClosed: null }).complaints).toMatchObject({ state: 'not_met', count: 2 })
    expect(tiles({ openUnsatisfiedTasks: null, disputesSentUp: null, disputesClosed: null }).complaints.state).toBe('no_data')
  })

  test('矛盾零上交: no dispute sent to court or into a criminal case in the period', () => {
    expect(tiles({ openUnsatisfiedTasks: null, disputesSentUp: 0, disputesClosed: 7 }).disputes).toMatchObject({ state: 'met', count: 0 })
    const t = tiles({ openUnsatisfiedTasks: null, disputesSentUp: 1, disputesClosed: 7 }).disputes
    expect(t).toMatchObject({ state: 'not_met', count: 1 })
    expect(t.basis).toContain('7 件')
    expect(tiles({ openUnsatisfiedTasks: null, disputesSentUp: null, disputesClosed: null }).disputes.state).toBe('no_data')
  })
})
