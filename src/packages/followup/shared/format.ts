// Short Chinese dates for follow-up pages (station time).
import { stationDay } from '@domain/station-time'

/** `2026-03-05` → `3月5日`. */
export function monthDay(day: string): string {
  const [, m, d] = day.split('-')
  return `${Number(m)}月${Number(d)}日`
}

export function monthDayOf(iso: string): string {
  return monthDay(stationDay(new Date(iso)))
}
