// The station's opening hours as data: weekly windows with after-hours marks, holidays and one-day
// exceptions, and the booking rules that go with them. Days are station days (./station-time).
import { WEEKDAY_LABELS, isDayString, isTimeString, minutesOf, weekdayOf } from './station-time'

export type AfterHoursKind = 'noon' | 'evening' | 'weekend'

/** One table for the after-hours marks: `mark` is the short tag on a slot, `label` the longer phrase. */
export const AFTER_HOURS: Record<AfterHoursKind, { mark: string; label: string }> = {
  noon: { mark: '错时', label: '午间错时服务' },
  evening: { mark: '延时', label: '晚间延时服务' },
  weekend: { mark: '周末', label: '周末错时服务' },
}

export interface TimeWindow {
  /** `HH:mm`, station time. */
  start: string
  /** `HH:mm`, station time, after `start`. */
  end: string
  /** Set on windows outside ordinary office hours; their slots carry the mark. */
  afterHours?: AfterHoursKind
}

export interface DayException {
  /** `YYYY-MM-DD`, station day. */
  date: string
  /** Closed all day (a holiday); otherwise `windows` replace the weekly hours for that day. */
  closed: boolean
  windows?: TimeWindow[]
  /** Shown to residents, e.g. 国庆节休息. */
  note: string
}

export interface NoShowRule {
  /** This many no-shows ... */
  limit: number
  /** ... within this many days ... */
  windowDays: number
  /** ... block new bookings for this many days from the last of them. */
  blockDays: number
}

export type HomeVisitBasis = 'elderly' | 'disabled' | 'seriously_ill'

export const HOME_VISIT_BASES: Record<HomeVisitBasis, string> = {
  elderly: '70岁以上老人',
  disabled: '残疾人',
  seriously_ill: '重病卧床',
}

export interface HomeVisitRules {
  /** Who may ask for a home visit. */
  bases: HomeVisitBasis[]
  /** Minimum age for the `elderly` basis. */
  minAge: number
  /** Free minutes an officer needs between two home visits (travel between villages). */
  bufferMinutes: number
}

export interface ScheduleConfig {
  /** Index 0 = Sunday ... 6 = Saturday, like `Date#getDay`. An empty list means closed. */
  weekly: TimeWindow[][]
  exceptions: DayException[]
  slotMinutes: number
  /** Seats per slot unless the service sets its own. */
  capacity: number
  /** Days that can be booked, today included. */
  horizonDays: number
  /** No booking, cancelling or rescheduling this close to a slot's start. */
  cutoffMinutes: number
  /** Active (booked or checked-in) bookings one person may hold for one service. */
  maxActivePerService: number
  /** Bookings one person may hold on one day, across services. */
  maxPerDay: number
  noShow: NoShowRule
  homeVisit: HomeVisitRules
}

const office: TimeWindow[] = [
  { start: '08:30', end: '12:00' },
  { start: '12:00', end: '14:30', afterHours: 'noon' },
  { start: '14:30', end: '18:00' },
  { start: '18:00', end: '20:00', afterHours: 'evening' },
]

/** The defaults the issue names: 7-day horizon, 1-hour cutoff, 2 no-shows in 30 days block for 30 days. */
export const DEFAULT_SCHEDULE: ScheduleConfig = {
  weekly: [[], office, office, office, office, office, [{ start: '09:00', end: '12:00', afterHours: 'weekend' }]],
  exceptions: [],
  slotMinutes: 30,
  capacity: 4,
  horizonDays: 7,
  cutoffMinutes: 60,
  maxActivePerService: 1,
  maxPerDay: 2,
  noShow: { limit: 2, windowDays: 30, blockDays: 30 },
  homeVisit: { bases: ['elderly', 'disabled', 'seriously_ill'], minAge: 70, bufferMinutes: 30 },
}

export interface DayHours {
  open: boolean
  windows: TimeWindow[]
  /** The exception's note when one applies (holiday name, special hours). */
  note?: string
}

/** Opening hours of one station day: a one-day exception wins over the weekly plan. */
export function hoursFor(config: ScheduleConfig, day: string): DayHours {
  const exception = config.exceptions.find((e) => e.date === day)
  if (exception) {
    if (exception.closed) return { open: false, windows: [], note: exception.note }
    const windows = exception.windows ?? []
    return { open: windows.length > 0, windows, note: exception.note }
  }
  const windows = config.weekly[weekdayOf(day)] ?? []
  return { open: windows.length > 0, windows }
}

function checkWindows(windows: TimeWindow[], where: string): string | null {
  for (const w of windows) {
    if (!isTimeString(w.start) || !isTimeString(w.end)) return `${where}的时间要写成 08:30 这样`
    if (minutesOf(w.end) <= minutesOf(w.start)) return `${where}的结束时间要晚于开始时间`
  }
  const sorted = [...windows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
  for (let i = 1; i < sorted.length; i++) {
    if (minutesOf(sorted[i].start) < minutesOf(sorted[i - 1].end)) return `${where}的时间段有重叠，请调整`
  }
  return null
}

/** Checks a schedule an officer saves; answers a Chinese message naming the problem, or null. */
export function scheduleProblem(config: ScheduleConfig): string | null {
  if (config.weekly.length !== 7) return '每周要有7天的安排'
  for (let d = 0; d < 7; d++) {
    const problem = checkWindows(config.weekly[d], WEEKDAY_LABELS[d])
    if (problem) return problem
  }
  const seen = new Set<string>()
  for (const e of config.exceptions) {
    if (!isDayString(e.date)) return `特殊日期“${e.date}”格式不对，要写成 2025-10-01 这样`
    if (seen.has(e.date)) return `${e.date} 写了两次，请删掉一个`
    seen.add(e.date)
    if (!e.closed) {
      if (!e.windows || e.windows.length === 0) return `${e.date} 不休息的话，请填写办公时间`
      const problem = checkWindows(e.windows, e.date)
      if (problem) return problem
    }
  }
  if (!Number.isInteger(config.slotMinutes) || config.slotMinutes < 10 || config.slotMinutes > 240) return '每个时段要在10到240分钟之间'
  if (!Number.isInteger(config.capacity) || config.capacity < 1 || config.capacity > 50) return '每个时段的名额要在1到50之间'
  if (!Number.isInteger(config.horizonDays) || config.horizonDays < 1 || config.horizonDays > 60) return '可预约天数要在1到60天之间'
  if (!Number.isInteger(config.cutoffMinutes) || config.cutoffMinutes < 0 || config.cutoffMinutes > 2880) return '提前截止时间要在0到2880分钟之间'
  if (config.maxActivePerService < 1 || config.maxPerDay < 1) return '每人预约次数至少为1'
  if (config.noShow.limit < 1 || config.noShow.windowDays < 1 || config.noShow.blockDays < 0) return '爽约规则的数字不对'
  return null
}
