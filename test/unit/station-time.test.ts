// The station-time module: days, times and how they read, in Beijing time whatever the process's zone.
import {
  dayLabel,
  formatDateTime,
  fullDateTime,
  monthDay,
  parseStationDateTime,
  stationDay,
  stationDayKey,
  stationDayStart,
  stationTime,
} from '@domain/station-time'

describe('station time', () => {
  const lateUtc = new Date('2026-11-27T16:30:00Z') // 00:30 on 28 November in Beijing

  it('reads an instant, as a Date or an ISO string, as Beijing day and time', () => {
    expect(stationDay(lateUtc)).toBe('2026-11-28')
    expect(stationDay(lateUtc.toISOString())).toBe('2026-11-28')
    expect(stationDayKey(lateUtc)).toBe('20261128')
    expect(stationTime(lateUtc)).toBe('00:30')
    expect(stationDayStart(lateUtc).toISOString()).toBe('2026-11-27T16:00:00.000Z')
  })

  it('formats month and day, with and without the year', () => {
    expect(monthDay('2025-06-03')).toBe('6月3日')
    expect(formatDateTime(lateUtc)).toBe('11月28日 00:30')
    expect(formatDateTime('2025-06-10T06:05:00Z')).toBe('6月10日 14:05')
    expect(fullDateTime(lateUtc)).toBe('2026年11月28日 00:30')
  })

  it.each([
    ['2025-06-10', '今天 6月10日 周二'],
    ['2025-06-11', '明天 6月11日 周三'],
    ['2025-06-12', '后天 6月12日 周四'],
    ['2025-06-13', '6月13日 周五'],
  ])('dayLabel(%s) = %s', (day, label) => {
    expect(dayLabel(day, new Date('2025-06-09T16:10:00Z'))).toBe(label)
  })

  it.each([
    ['2025-06-01', '08:30', '2025-06-01T00:30:00.000Z'],
    ['2025-6-1', '8:30', '2025-06-01T00:30:00.000Z'],
    ['2025-06-01', '00:00', '2025-05-31T16:00:00.000Z'],
    ['', '08:30', undefined],
    ['2025-06-01', 'soon', undefined],
    ['2025-02-30', '08:30', undefined],
  ])('parseStationDateTime(%s, %s) = %s', (date, time, iso) => {
    expect(parseStationDateTime(date, time)?.toISOString()).toBe(iso)
  })
})
