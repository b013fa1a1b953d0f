// Home visits: who qualifies, and keeping enough travel time between one officer's visits.
import { type DoorstepBasis, type DoorstepRules, DOORSTEP_BASES } from './schedule'

export interface VisitWindow {
  id: string
  start: Date
  end: Date
}

/** The first of the officer's visits that would leave less than `bufferMinutes` between it and `candidate`. */
export function travelConflict(candidate: { start: Date; end: Date }, visits: readonly VisitWindow[], bufferMinutes: number): VisitWindow | null {
  const gap = bufferMinutes * 60_000
  for (const v of visits) {
    const clear = v.end.getTime() + gap <= candidate.start.getTime() || candidate.end.getTime() + gap <= v.start.getTime()
    if (!clear) return v
  }
  return null
}

/** Why a person may not ask for a home visit, in Chinese, or null if they may. */
export function doorstepRefusal(rules: DoorstepRules, serviceBases: readonly DoorstepBasis[], basis: DoorstepBasis, age?: number): string | null {
  const allowed = serviceBases.filter((b) => rules.bases.includes(b))
  if (!allowed.includes(basis)) {
    const who = allowed.map((b) => (b === 'elderly' ? `${rules.minAge}岁以上老人` : DOORSTEP_BASES[b])).join('、')
    return who ? `这项业务只为${who}上门办理，您可以预约到派出所办，或请家人代办` : '这项业务不能上门办理，请预约到派出所办'
  }
  if (basis === 'elderly' && (age === undefined || age < rules.minAge)) {
    return `上门办理要年满${rules.minAge}岁，请填写老人的年龄；不满${rules.minAge}岁的可以预约或代办`
  }
  return null
}
