// The station's mediation figures from running counters: cases by level, kind, village and source, the success
// rate with its denominator (agreements reached and kept ÷ cases the station closed after mediating them),
// average days to close, outcomes by mediator kind, follow-up satisfaction and cases routed on.
import { DISPUTE_KINDS, MEDIATOR_KINDS, ROUTE_TARGETS, CASE_SOURCES, LEVELS } from './mediation'

/** Counters kept in one document, bumped by `_.inc` as cases move (keys are flat: `kind.land`, `closed.resolved`). */
export type FigureCounters = Record<string, number>

/** The counter increments a move causes. */
export function intakeIncrements(c: { kind: string; villageId: string; source: string }): FigureCounters {
  return { total: 1, [`kind.${c.kind}`]: 1, [`village.${c.villageId || 'none'}`]: 1, [`source.${c.source}`]: 1 }
}

export function gradeIncrements(level: number, previous: number | null): FigureCounters {
  const inc: FigureCounters = { [`level.${level}`]: 1 }
  if (previous !== null) inc[`level.${previous}`] = (inc[`level.${previous}`] ?? 0) - 1
  return inc
}

export type ClosedOutcome = 'resolved' | 'failed' | 'routed'

/** Closing counts once per case: a reopened case that closes again first takes back its earlier close. */
export function closeIncrements(outcome: ClosedOutcome, days: number, mediatorKinds: readonly string[], routeTarget: string | null): FigureCounters {
  const inc: FigureCounters = { [`closed.${outcome}`]: 1 }
  if (outcome !== 'routed') {
    inc['closeDays.sum'] = days
    inc['closeDays.count'] = 1
    for (const k of new Set(mediatorKinds)) inc[`mediatorKind.${k}.${outcome}`] = 1
  }
  if (routeTarget) inc[`routed.${routeTarget}`] = 1
  return inc
}

export function reopenIncrements(mediatorKinds: readonly string[], days: number): FigureCounters {
  const inc: FigureCounters = { 'closed.resolved': -1, 'closeDays.sum': -days, 'closeDays.count': -1, reopened: 1 }
  for (const k of new Set(mediatorKinds)) inc[`mediatorKind.${k}.resolved`] = -1
  return inc
}

export function followUpIncrements(satisfaction: number): FigureCounters {
  return { 'satisfaction.sum': satisfaction, 'satisfaction.count': 1 }
}

export interface CountRow {
  key: string
  label: string
  count: number
}

export interface FiguresView {
  total: number
  byLevel: CountRow[]
  byKind: CountRow[]
  byVillage: CountRow[]
  bySource: CountRow[]
  /** Success rate with its parts, so 97% is never shown without what it is 97% of. */
  success: { resolved: number; failed: number; denominator: number; rate: number | null; text: string }
  averageDaysToClose: number | null
  byMediatorKind: { kind: string; label: string; resolved: number; failed: number }[]
  satisfaction: { average: number | null; answers: number }
  routed: { total: number; byTarget: CountRow[] }
  reopened: number
}

const n = (c: FigureCounters, key: string) => Math.max(0, c[key] ?? 0)

export function figuresView(c: FigureCounters, villages: readonly { id: string; name: string }[]): FiguresView {
  const resolved = n(c, 'closed.resolved')
  const failed = n(c, 'closed.failed')
  const denominator = resolved + failed
  const rate = denominator > 0 ? Math.round((resolved / denominator) * 1000) / 10 : null
  const routedRows = ROUTE_TARGETS.map((r) => ({ key: r.value, label: r.label, count: n(c, `routed.${r.value}`) }))
  const closeCount = n(c, 'closeDays.count')
  const satCount = n(c, 'satisfaction.count')
  return {
    total: n(c, 'total'),
    byLevel: LEVELS.map((l) => ({ key: String(l.value), label: l.label, count: n(c, `level.${l.value}`) })),
    byKind: DISPUTE_KINDS.map((k) => ({ key: k.value, label: k.label, count: n(c, `kind.${k.value}`) })),
    byVillage: villages.map((v) => ({ key: v.id, label: v.name, count: n(c, `village.${v.id}`) })),
    bySource: CASE_SOURCES.map((s) => ({ key: s.value, label: s.label, count: n(c, `source.${s.value}`) })),
    success: {
      resolved,
      failed,
      denominator,
      rate,
      text: rate === null ? '还没有调解结案的案件' : `调解成功率 ${rate}%（调成并履行 ${resolved} 件 ÷ 调解结案 ${denominator} 件，不含转交和撤回）`,
    },
    averageDaysToClose: closeCount > 0 ? Math.round((n(c, 'closeDays.sum') / closeCount) * 10) / 10 : null,
    byMediatorKind: MEDIATOR_KINDS.map((k) => ({ kind: k.value, label: k.motto, resolved: n(c, `mediatorKind.${k.value}.resolved`), failed: n(c, `mediatorKind.${k.value}.failed`) })),
    satisfaction: { average: satCount > 0 ? Math.round((n(c, 'satisfaction.sum') / satCount) * 10) / 10 : null, answers: satCount },
    routed: { total: routedRows.reduce((s, r) => s + r.count, 0), byTarget: routedRows },
    reopened: n(c, 'reopened'),
  }
}
