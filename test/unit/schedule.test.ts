import {
  DEFAULT_SCHEDULE,
  type ScheduleConfig,
  hoursFor,
  scheduleProblem,
} from '@domain/schedule'
import {
  addDays,
  daysBetween,
  isDayString,
  stationDay,
  stationInstant,
  stationTime,
  weekdayOf,
} from '@domain/station-time'

const config: ScheduleConfig = {
  ...DEFAULT_SCHEDULE,
  exceptions: [
    { date: '2025-06-12', closed: true, note: '端午节休息' },
    { date: '2025-06-14', closed: false, windows: [{ start: '09:00', end: '11:00' }], note: '周六加班' },
  ],
}

describe('station days in Asia/Shanghai (UTC+8, no DST)', () => {
  test.each([
    ['2025-06-09T15:59:59Z', '2025-06-09', '23:59'],
    ['2025-06-09T16:00:00Z', '2025-06-10', '00:00'],
    ['2025-01-01T00:30:00Z', '2025-01-01', '08:30'],
    // Dates where Europe/US change clocks make no difference here.
    ['2025-03-30T01:30:00Z', '2025-03-30', '09:30'],
    ['2025-11-02T06:00:00Z', '2025-11-02', '14:00'],
  ])('%s is %s %s at the station', (iso, day, time) => {
    expect(stationDay(new Date(iso))).toBe(day)
    expect(stationTime(new Date(iso))).toBe(time)
  })

  test('a station wall-clock time maps to the UTC instant 8 hours earlier', () => {
    expect(stationInstant('2025-06-10', '08:30').toISOString()).toBe('2025-06-10T00:30:00.000Z')
    expect(stationInstant('2025-12-31', '00:00').toISOString()).toBe('2025-12-30T16:00:00.000Z')
  })

  test.each([
    ['2025-06-10', 1, '2025-06-11'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
  ])('%s + %d day = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected)
    expect(daysBetween(day, expected)).toBe(n)
  })

  test.each([
    ['2025-06-08', 0],
    ['2025-06-10', 2],
    ['2025-06-14', 6],
  ])('%s is weekday %d', (day, wd) => expect(weekdayOf(day)).toBe(wd))

  test.each([
    ['2025-06-10', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-6-1', false],
  ])('isDayString(%s) = %s', (s, ok) => expect(isDayString(s)).toBe(ok))
})

describe('hours of a day', () => {
  test('a weekday has office hours plus the noon 错时 and evening 延时 windows', () => {
    const h = hoursFor(config, '2025-06-10')
    expect(h.open).toBe(true)
    expect(h.windows.filter((w) => w.afterHours).map((w) => [w.start, w.end, w.afterHours])).toEqual([
      ['12:00', '14:30', 'noon'],
      ['18:00', '20:00', 'evening'],
    ])
  })

  test('Sunday is closed, Saturday has a weekend morning', () => {
    expect(hoursFor(config, '2025-06-15').open).toBe(false)
    expect(hoursFor(config, '2025-06-21').windows).toEqual([{ start: '09:00', end: '12:00', afterHours: 'weekend' }])
  })

  test('a holiday closes a weekday and carries its note', () => {
    expect(hoursFor(config, '2025-06-12')).toEqual({ open: false, windows: [], note: '端午节休息' })
  })

  test('a one-day exception replaces the weekly hours', () => {
    expect(hoursFor(config, '2025-06-14')).toEqual({ open: true, windows: [{ start: '09:00', end: '11:00' }], note: '周六加班' })
  })
})

describe('checking a schedule an officer saves', () => {
  const weekly = DEFAULT_SCHEDULE.weekly
  test.each<[string, Partial<ScheduleConfig>, string | null]>([
    ['the default', {}, null],
    ['six days', { weekly: weekly.slice(0, 6) }, '每周要有7天的安排'],
    ['a bad time', { weekly: [[{ start: '8:30', end: '12:00' }], ...weekly.slice(1)] }, '周日的时间要写成 08:30 这样'],
    ['end before start', { weekly: [...weekly.slice(0, 1), [{ start: '12:00', end: '08:00' }], ...weekly.slice(2)] }, '周一的结束时间要晚于开始时间'],
    [
      'overlapping windows',
      { weekly: [...weekly.slice(0, 2), [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }], ...weekly.slice(3)] },
      '周二的时间段有重叠，请调整',
    ],
    ['a bad exception date', { exceptions: [{ date: '2025-02-30', closed: true, note: 'x' }] }, '特殊日期“2025-02-30”格式不对，要写成 2025-10-01 这样'],
    [
      'a duplicated exception',
      {
        exceptions: [
          { date: '2025-10-01', closed: true, note: '国庆' },
          { date: '2025-10-01', closed: true, note: '国庆' },
        ],
      },
      '2025-10-01 写了两次，请删掉一个',
    ],
    ['open exception without hours', { exceptions: [{ date: '2025-10-08', closed: false, note: '加班' }] }, '2025-10-08 不休息的话，请填写办公时间'],
    ['zero capacity', { capacity: 0 }, '每个时段的名额要在1到50之间'],
    ['5-minute slots', { slotMinutes: 5 }, '每个时段要在10到240分钟之间'],
  ])('%s', (_name, change, problem) => {
    expect(scheduleProblem({ ...DEFAULT_SCHEDULE, ...change })).toBe(problem)
  })
})
