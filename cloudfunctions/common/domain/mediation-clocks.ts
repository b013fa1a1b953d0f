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
  assessment: { needed: boolean; awaitingFrom?: string | null; doneDay: string | null }
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

/**
 * Where a case stands against its limits, enforced by the moves (not only shown): `open` — sessions may be booked up
 * to `dueDay`; `paused` — 治安调解 waiting for the 伤情鉴定, nothing may be booked until its result is recorded;
 * `expired` — the time or the session count is used up, so the case can only be closed as 调解不成 or routed
 * (人民调解 may also be extended when both parties consent). `message` says what to do, in the officer's words.
 */
export type LimitState = { state: 'open'; dueDay: string | null; message: string } | { state: 'paused' | 'expired'; dueDay: string | null; message: string }

function md(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

export const AFTER_LIMIT = '只能按“调解不成”结案，或转交村调委会、司法所、人民法院'

export function caseLimit(input: ClockInput, today: string, cal: WorkCalendar): LimitState {
  if (!input.acceptedDay) return { state: 'open', dueDay: null, message: '' }
  if (input.track === 'police' && input.sessionDays.length >= POLICE_MAX_SESSIONS) {
    return { state: 'expired', dueDay: null, message: `治安调解最多调解两次，已经调过两次了。${AFTER_LIMIT}` }
  }
  const clock = caseClock(input, today, cal)
  if (!clock) return { state: 'open', dueDay: null, message: '' }
  if (clock.paused) return { state: 'paused', dueDay: null, message: '在等伤情鉴定结果，期限暂停。结果出来后请先登记鉴定结果，再约调解' }
  if (clock.overdue && clock.dueDay) {
    const what =
      input.track === 'people'
        ? `人民调解要在一个月内调结，期限${md(clock.dueDay)}已过。双方都同意继续调解的，请记下双方同意后延长；否则${AFTER_LIMIT}`
        : `${clock.label}的期限${md(clock.dueDay)}已过（${clock.note}）。${AFTER_LIMIT}`
    return { state: 'expired', dueDay: clock.dueDay, message: what }
  }
  return { state: 'open', dueDay: clock.dueDay, message: '' }
}

/** A new session on `day` under the limit: null when allowed, else why not (the day is past the due day). */
export function sessionDayRefusal(limit: LimitState, day: string): string | null {
  if (limit.state !== 'open') return limit.message
  if (limit.dueDay && day > limit.dueDay) return `这次调解要在${md(limit.dueDay)}前进行（期限），请选${md(limit.dueDay)}或更早的日子`
  return null
}

/** 人民调解 continues past its month only when both parties' consent is recorded. */
export function extensionRefusal(track: Track | null, consents: { applicant: string; respondent: string }): { field: string; message: string } | null {
  if (track !== 'people') return { field: 'until', message: '治安调解有次数和期限，不能延长；调不成请按“调解不成”结案或转交' }
  if (!consents.applicant.trim()) return { field: 'consents.applicant', message: '请记下申请人同意继续调解（怎么同意的、什么时候）' }
  if (!consents.respondent.trim()) return { field: 'consents.respondent', message: '请记下对方同意继续调解（怎么同意的、什么时候）' }
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
