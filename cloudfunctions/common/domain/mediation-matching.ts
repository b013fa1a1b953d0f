// Recommends a mediation team for a case from the roster, explaining each pick, and applies 回避: a mediator
// related to a party or living in the same 社 is flagged and never recommended; a mediator a party objected to
// is left out.
import { levelInfo, mediatorKindInfo, roleLabel, type DisputeKind, type Level, type MediatorKind, type MediatorRole } from './mediation'

export interface RosterEntry {
  id: string
  name: string
  kind: MediatorKind
  role: MediatorRole
  villageId: string
  /** 社 (village group) the mediator lives in, e.g. 三社; '' when not in a village. */
  group: string
  specialties: readonly DisputeKind[]
  /** Names of relatives living in the jurisdiction, for 回避. */
  relatives: readonly string[]
  activeCases: number
  closedCases: number
  successfulCases: number
  active: boolean
}

export interface PartyRef {
  name: string
  villageId: string
  group: string
}

export interface MatchCase {
  level: Level
  kind: DisputeKind
  villageId: string
  risk: boolean
  parties: readonly PartyRef[]
  /** Mediators a party objected to. */
  objected: readonly string[]
}

/** A busy mediator is still possible but ranked lower from this many open cases. */
export const BUSY_FROM = 4

/** Why a mediator must stand aside, or null. */
export function recusal(m: RosterEntry, parties: readonly PartyRef[]): string | null {
  for (const p of parties) {
    if (m.relatives.includes(p.name)) return `与当事人${p.name}是亲属`
    if (m.group && m.villageId === p.villageId && m.group === p.group) return `与当事人${p.name}同村同社`
  }
  return null
}

export interface Pick {
  mediatorId: string
  name: string
  role: MediatorRole
  kind: MediatorKind
  /** The role the level needs that this pick fills, if any. */
  fills: MediatorRole | null
  score: number
  reasons: string[]
}

export interface Recommendation {
  team: Pick[]
  /** Roles the level needs that nobody on the roster can fill now. */
  missing: MediatorRole[]
  /** Mediators left out and why (回避, objection). */
  excluded: { mediatorId: string; name: string; reason: string }[]
}

function scoreFor(m: RosterEntry, c: MatchCase): { score: number; reasons: string[] } {
  const reasons: string[] = []
  let score = 0
  const info = mediatorKindInfo(m.kind)
  if (m.specialties.includes(c.kind)) {
    score += 3
    reasons.push('擅长这类纠纷')
  }
  if (info.suits.includes(c.kind)) {
    score += 2
    reasons.push(`${info.motto}，适合这类纠纷`)
  }
  if (c.risk && m.kind === 'iron') {
    score += 3
    reasons.push('铁舌善稳，有激化风险时稳住局面')
  }
  if (m.villageId && m.villageId === c.villageId) {
    score += 1
    reasons.push('本村人，熟悉情况')
  }
  if (m.closedCases >= 5) {
    const rate = m.successfulCases / m.closedCases
    if (rate >= 0.9) {
      score += 1
      reasons.push(`调成${m.successfulCases}件，成功率高`)
    }
  }
  if (m.activeCases >= BUSY_FROM) {
    score -= 2
    reasons.push(`手上已有${m.activeCases}件`)
  }
  return { score, reasons }
}

/** The team a case needs: one mediator for each role its level names, then the best fit for the kind of dispute. */
export function recommendTeam(roster: readonly RosterEntry[], c: MatchCase): Recommendation {
  const excluded: Recommendation['excluded'] = []
  const candidates: (RosterEntry & { score: number; reasons: string[] })[] = []
  for (const m of roster) {
    if (!m.active) continue
    const why = c.objected.includes(m.id) ? '当事人提出回避' : recusal(m, c.parties)
    if (why) {
      excluded.push({ mediatorId: m.id, name: m.name, reason: why })
      continue
    }
    candidates.push({ ...m, ...scoreFor(m, c) })
  }
  const byScore = (a: { score: number; name: string }, b: { score: number; name: string }) => b.score - a.score || a.name.localeCompare(b.name)
  const team: Pick[] = []
  const missing: MediatorRole[] = []
  const taken = new Set<string>()
  for (const role of levelInfo(c.level).needs) {
    const best = candidates.filter((m) => m.role === role && !taken.has(m.id)).sort(byScore)[0]
    if (!best) {
      missing.push(role)
      continue
    }
    taken.add(best.id)
    team.push({ mediatorId: best.id, name: best.name, role: best.role, kind: best.kind, fills: role, score: best.score, reasons: [`${levelInfo(c.level).label}需要${roleLabel(role)}`, ...best.reasons] })
  }
  // One more who fits the dispute best, unless the team already has someone who specialises in it.
  const add = (m: (typeof candidates)[number]) => {
    taken.add(m.id)
    team.push({ mediatorId: m.id, name: m.name, role: m.role, kind: m.kind, fills: null, score: m.score, reasons: m.reasons })
  }
  const fitted = team.some((p) => candidates.find((m) => m.id === p.mediatorId)?.specialties.includes(c.kind))
  const extra = candidates.filter((m) => !taken.has(m.id) && m.score >= 3).sort(byScore)[0]
  if (extra && !fitted) add(extra)
  // A case at risk of turning criminal always has an 铁舌 to keep it steady.
  if (c.risk && !team.some((p) => p.kind === 'iron')) {
    const iron = candidates.filter((m) => !taken.has(m.id) && m.kind === 'iron').sort(byScore)[0]
    if (iron) add(iron)
  }
  return { team, missing, excluded }
}
