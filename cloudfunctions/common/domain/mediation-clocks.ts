// The clocks of mediation, in station days: working days with the station's holidays and make-up workdays, the
// 治安调解 session deadlines (3 working days from acceptance or from the injury assessment, the second session
// within 7 working days of the first), the one-month limit of 人民调解, and the 7/30/90-day follow-ups.
import { addDays, daysBetween, stationDay, weekdayOf } from './station-time'
import type { Track } from './mediation'

export interface WorkCalendar {
  /** Public holidays (`YYYY-MM-DD`) that fall on weekdays or weekends. */
  holidays: readonly string[]
  /** Weekend days worked in exchange for a holiday (调休). */
  workdays: readonly string[]
}

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true
  if (cal.holidays.includes(day)) return false
  const wd = weekdayOf(day)
  return wd !== 0 && wd !== 6
}

/** The `n`th working day after `day` (day itself not counted). */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar): string {
  let d = day
  for (let left = n; left > 0; ) {
    d = addDays(d, 1)
    if (isWorkingDay(d, cal)) left--
  }
  return d
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  if (to === from) return 0
  const sign = to > from ? 1 : -1
  let n = 0
  for (let d = from; d !== to; ) {
    d = addDays(d, sign)
    if (isWorkingDay(d, cal)) n += sign
  }
  return n
}

/** Adds whole calendar months, keeping the day (clamped to the month's end): 1月31日 + 1 month = 2月28/29日. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export interface ClockInput {
  track: Track
  /** Station day the case was accepted. */
  acceptedDay: string | null
  /** 伤情鉴定 or 价值认定 needed: the clock starts when its result is out, and waits until then. */
  assessment: { needed: boolean; doneDay: string | null }
  /** Station days of sessions held, in order. */
  sessionDays: readonly string[]
  /** 人民调解 continued with both parties' consent: the new last day. */
  extendedTo: string | null
}

export interface Clock {
  label: string
  /** Null while paused. */
  dueDay: string | null
  /** Working days (治安调解) or calendar days (人民调解) left; negative when overdue; null while paused. */
  left: number | null
  unit: '工作日' | '天'
  overdue: boolean
  paused: boolean
  note: string
}

/** The clock that applies now, or null when none runs (not yet accepted). */
export function caseClock(input: ClockInput, today: string, cal: WorkCalendar): Clock | null {
  if (!input.acceptedDay) return null
  if (input.track === 'people') {
    const due = input.extendedTo ?? addMonths(input.acceptedDay, 1)
    const left = daysBetween(today, due)
    return {
      label: input.extendedTo ? '双方同意延长调解' : '一个月内调结',
      dueDay: due,
      left,
      unit: '天',
      overdue: left < 0,
      paused: false,
      note: input.extendedTo ? '已记录双方同意继续调解' : '',
    }
  }
  if (input.sessionDays.length === 0) {
    if (input.assessment.needed && !input.assessment.doneDay) {
      return { label: '第一次调解', dueDay: null, left: null, unit: '工作日', overdue: false, paused: true, note: '等待伤情鉴定结果，期限暂停' }
    }
    const start = input.assessment.needed && input.assessment.doneDay ? input.assessment.doneDay : input.acceptedDay
    const due = addWorkingDays(start, 3, cal)
    const left = workingDaysBetween(today, due, cal)
    return { label: '第一次调解', dueDay: due, left, unit: '工作日', overdue: today > due, paused: false, note: input.assessment.needed ? '从鉴定结果出来算起3个工作日' : '从受理算起3个工作日' }
  }
  if (input.sessionDays.length === 1) {
    const due = addWorkingDays(input.sessionDays[0], 7, cal)
    const left = workingDaysBetween(today, due, cal)
    return { label: '第二次调解（最后一次）', dueDay: due, left, unit: '工作日', overdue: today > due, paused: false, note: '第一次调解后7个工作日内' }
  }
  return null
}

/** 治安调解: normally one session, at most one more. 人民调解 has no count, only the month. */
export const POLICE_MAX_SESSIONS = 2

export function sessionRefusal(track: Track, held: number, planned: number): string | null {
  if (track === 'police' && held + planned >= POLICE_MAX_SESSIONS) return '治安调解最多调解两次，已经到次数了。调不成请结案并告知当事人可以起诉'
  return null
}

/** The follow-up rounds: days after the agreement is confirmed. */
export const FOLLOW_UP_ROUNDS = [7, 30, 90] as const
export type FollowUpRound = (typeof FOLLOW_UP_ROUNDS)[number]

export function followUpDays(confirmedAt: Date): { round: FollowUpRound; dueDay: string }[] {
  const day = stationDay(confirmedAt)
  return FOLLOW_UP_ROUNDS.map((round) => ({ round, dueDay: addDays(day, round) }))
}

/** A term is overdue once its due day has passed and it is not done. */
export function termOverdue(term: { dueDay: string; done: boolean }, today: string): boolean {
  return !term.done && today > term.dueDay
}
