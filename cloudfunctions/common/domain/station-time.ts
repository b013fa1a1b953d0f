// Station time, the one place it is computed: days, wall-clock times and how they read, in Asia/Shanghai
// (UTC+8). Used by the functions and the app alike; nothing else does offset arithmetic. Pure: `now` is passed in.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * China Standard Time has had no daylight saving since 1991, so a fixed offset is exact — and needs no Intl
 * time-zone data, which some WeChat clients lack.
 */
export const STATION_UTC_OFFSET_MINUTES = 480

/** An instant as a Date or as the ISO string the wire carries. */
export type Instant = Date | string

function station(at: Instant) {
  return dayjs(at).utcOffset(STATION_UTC_OFFSET_MINUTES)
}

/** A station day at noon: safe to step by days and to read a weekday from. */
function noonOf(day: string) {
  return station(`${day}T12:00:00+08:00`)
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/
const YMD = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

// ---------------------------------------------------------------------------------------------------------------
// Days and times of day.

/** The station day (`YYYY-MM-DD`) an instant falls on. */
export function stationDay(at: Instant): string {
  return station(at).format('YYYY-MM-DD')
}

/** The station day as a compact key (`YYYYMMDD`), for per-day counters and case numbers. */
export function stationDayKey(at: Instant): string {
  return station(at).format('YYYYMMDD')
}

/** `HH:mm` of an instant in station time. */
export function stationTime(at: Instant): string {
  return station(at).format('HH:mm')
}

/** The instant of a station wall-clock time on a station day. */
export function stationInstant(day: string, hhmm = '00:00'): Date {
  return new Date(`${day}T${hhmm}:00+08:00`)
}

/** Start (00:00 station time) of the station day containing `at`. */
export function stationDayStart(at: Instant): Date {
  return stationInstant(stationDay(at))
}

export function isDayString(s: string): boolean {
  return YMD.test(s) && noonOf(s).format('YYYY-MM-DD') === s
}

export function isTimeString(s: string): boolean {
  return HHMM.test(s)
}

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm)
  if (!m) throw new Error(`not a time of day: ${hhmm}`)
  return Number(m[1]) * 60 + Number(m[2])
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function addDays(day: string, n: number): string {
  return noonOf(day).add(n, 'day').format('YYYY-MM-DD')
}

/** Whole days from `from` to `to` (both station days). */
export function daysBetween(from: string, to: string): number {
  return Math.round((stationInstant(to, '12:00').getTime() - stationInstant(from, '12:00').getTime()) / 86_400_000)
}

/** 0 = Sunday ... 6 = Saturday, like `Date#getDay`. */
export function weekdayOf(day: string): number {
  return noonOf(day).day()
}

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

// ---------------------------------------------------------------------------------------------------------------
// Parsing what a phone's pickers give.

/**
 * A date (`2025-06-01`, month and day may be one digit) and a time (`8:30` or `08:30`) picked on the phone, read
 * as station time. Undefined when either piece is unreadable.
 */
export function parseStationDateTime(date: string, time = '00:00'): Date | undefined {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date)
  const t = /^(\d{1,2}):(\d{2})$/.exec(time)
  if (!d || !t) return undefined
  const pad = (s: string) => s.padStart(2, '0')
  const day = `${d[1]}-${pad(d[2])}-${pad(d[3])}`
  const hhmm = `${pad(t[1])}:${t[2]}`
  return isDayString(day) && isTimeString(hhmm) ? stationInstant(day, hhmm) : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// How times read.

/** `6月10日` of a station day (`YYYY-MM-DD`). */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}

/** `6月10日 14:30` of an instant. */
export function formatDateTime(at: Instant): string {
  return station(at).format('M月D日 HH:mm')
}

/** `2025年6月10日 14:30` of an instant, where the year matters (a warning's dates, a timeline). */
export function fullDateTime(at: Instant): string {
  return station(at).format('YYYY年M月D日 HH:mm')
}

/** `今天 6月10日 周二`, `明天 …`, `后天 …` or `6月12日 周四`. */
export function dayLabel(day: string, now: Date): string {
  const today = stationDay(now)
  const rel = day === today ? '今天 ' : day === addDays(today, 1) ? '明天 ' : day === addDays(today, 2) ? '后天 ' : ''
  return `${rel}${monthDay(day)} ${WEEKDAY_LABELS[weekdayOf(day)]}`
}

/** "刚刚", "5分钟前", "3小时前", "昨天 14:20", "4天前", "6月3日", "2023年6月3日". */
export function relativeTime(at: Date, now: Date): string {
  const diffMs = now.getTime() - at.getTime()
  const minutes = Math.floor(diffMs / 60_000)
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes}分钟前`
  const t = station(at)
  const n = station(now)
  const days = daysBetween(stationDay(at), stationDay(now))
  if (days === 0) return `${Math.floor(minutes / 60)}小时前`
  if (days === 1) return `昨天 ${t.format('HH:mm')}`
  if (days < 7) return `${days}天前`
  if (t.year() === n.year()) return t.format('M月D日')
  return t.format('YYYY年M月D日')
}

/** "还有3天到期" / "今天 23:59 到期" / "明天 … 到期" / "已过期". */
export function expiryText(expiresAt: Date, now: Date): string {
  if (now.getTime() >= expiresAt.getTime()) return '已过期'
  const days = daysBetween(stationDay(now), stationDay(expiresAt))
  if (days === 0) return `今天 ${stationTime(expiresAt)} 到期`
  if (days === 1) return `明天 ${stationTime(expiresAt)} 到期`
  return `还有${days}天到期`
}
