// Home visits: who qualifies, and keeping enough travel time between one officer's visits.
import { type HomeVisitBasis, type HomeVisitRules, HOME_VISIT_BASES } from './schedule'
import { daysBetween, isDayString, minutesOf, monthDay, stationDay, stationInstant, stationTime } from './station-time'

/** How far ahead a home visit may be asked for. */
export const HOME_VISIT_HORIZON_DAYS = 30

/** A refusal of a home-visit request or schedule: what to say, and the field it is about. */
export interface HomeVisitRefusal {
  message: string
  field: string
}

export interface HomeVisitWindow {
  id: string
  start: Date
  end: Date
}

/** The first of the officer's visits that would leave less than `bufferMinutes` between it and `candidate`. */
export function travelConflict(candidate: { start: Date; end: Date }, visits: readonly HomeVisitWindow[], bufferMinutes: number): HomeVisitWindow | null {
  const gap = bufferMinutes * 60_000
  for (const v of visits) {
    const clear = v.end.getTime() + gap <= candidate.start.getTime() || candidate.end.getTime() + gap <= v.start.getTime()
    if (!clear) return v
  }
  return null
}

/** Why a person may not ask for a home visit, in Chinese, or null if they may. */
export function homeVisitRefusal(rules: HomeVisitRules, serviceBases: readonly HomeVisitBasis[], basis: HomeVisitBasis, age?: number): string | null {
  const allowed = serviceBases.filter((b) => rules.bases.includes(b))
  if (!allowed.includes(basis)) {
    const who = allowed.map((b) => (b === 'elderly' ? `${rules.minAge}岁以上老人` : HOME_VISIT_BASES[b])).join('、')
    return who ? `这项业务只为${who}上门办理，您可以预约到派出所办，或请家人代办` : '这项业务不能上门办理，请预约到派出所办'
  }
  if (basis === 'elderly' && (age === undefined || age < rules.minAge)) {
    return `上门办理要年满${rules.minAge}岁，请填写老人的年龄；不满${rules.minAge}岁的可以预约或代办`
  }
  return null
}

/** The preferred days of a request, each a station day from today to HOME_VISIT_HORIZON_DAYS ahead; the first one out of line refuses. */
export function preferredDaysRefusal(days: readonly string[], now: Date): HomeVisitRefusal | null {
  const today = stationDay(now)
  for (const day of days) {
    if (!isDayString(day)) return { message: '希望上门的日子不对，请重新选择', field: 'preferredDays' }
    const ahead = daysBetween(today, day)
    if (ahead < 0) return { message: `${monthDay(day)}已经过去了，请选今天以后的日子`, field: 'preferredDays' }
    if (ahead > HOME_VISIT_HORIZON_DAYS) return { message: `只能选${HOME_VISIT_HORIZON_DAYS}天以内的日子，请选近一点的`, field: 'preferredDays' }
  }
  return null
}

/** The window an officer schedules a visit for (`HH:mm` on a station day), or why it cannot be: past, or ending before it starts. */
export function homeVisitWindow(day: string, start: string, end: string, now: Date): { ok: true; start: Date; end: Date } | ({ ok: false } & HomeVisitRefusal) {
  if (!isDayString(day)) return { ok: false, message: '上门日期不对，请重新选择', field: 'day' }
  if (daysBetween(stationDay(now), day) < 0) return { ok: false, message: '上门日期已经过去了，请选今天以后的日子', field: 'day' }
  if (minutesOf(end) <= minutesOf(start)) return { ok: false, message: '结束时间要晚于开始时间', field: 'end' }
  const from = stationInstant(day, start)
  if (from.getTime() <= now.getTime()) return { ok: false, message: '这个时间已经过去了，请选晚一点的时间', field: 'start' }
  return { ok: true, start: from, end: stationInstant(day, end) }
}

/** What an officer is told when a visit leaves too little travel time around `clash` (at `place`, when known). */
export function travelConflictMessage(clash: HomeVisitWindow, place: string | null, bufferMinutes: number): string {
  return `这位民警${stationTime(clash.start)}-${stationTime(clash.end)}还有一次上门${place ? `（${place}）` : ''}，前后要留${bufferMinutes}分钟路上时间，请换个时间`
}
