// How days, times and records read on the phone: 6月10日 周二, 今天/明天, Beijing time.
import { WEEKDAY_LABELS, addDays, stationDay, stationTime, weekdayOf } from '@domain/schedule'

/** `6月10日` of a station day. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}

/** `今天 6月10日 周二`, `明天 …`, or `6月12日 周四`. */
export function dayLabel(day: string, now: Date = new Date()): string {
  const today = stationDay(now)
  const rel = day === today ? '今天 ' : day === addDays(today, 1) ? '明天 ' : day === addDays(today, 2) ? '后天 ' : ''
  return `${rel}${monthDay(day)} ${WEEKDAY_LABELS[weekdayOf(day)]}`
}

/** `6月10日 14:30` of an ISO instant, Beijing time. */
export function whenLabel(iso: string): string {
  const at = new Date(iso)
  return `${monthDay(stationDay(at))} ${stationTime(at)}`
}
