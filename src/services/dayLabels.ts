// How days read on the booking pages: the station-time formats, with the phone's clock as the default `now`.
import { dayLabel as stationDayLabel } from '@domain/station-time'

/** `今天 6月10日 周二`, `明天 …`, or `6月12日 周四`. */
export function dayLabel(day: string, now: Date = new Date()): string {
  return stationDayLabel(day, now)
}
