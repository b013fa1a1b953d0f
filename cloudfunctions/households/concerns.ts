// A concern raised on an officer's visit becomes a report or a dispute through that domain's own create action
// (`fromVisit` in reports.create / mediation.register). These two helpers are all those functions need of the visit:
// small, with no heavy imports, so their bundles stay lean.
import type { FromVisit } from '@contract/households-ref'
import { HH_VISITS } from '@server/collections'
import { findById, updateWhere } from '@server/db'
import { fail, type CallerContext, type Deps } from '@server/types'


interface VisitRef {
  _id: string
  addressId: string | null
  villageId: string
  concerns: { became: { kind: 'report' | 'mediation' | 'alert'; id: string } | null }[]
}

export interface ConcernSource {
  visitId: string
  concern: number
  addressId: string | null
  villageId: string
  /** The record this concern already became (a retry): answer it instead of making another. */
  existing: string | null
}

/** Checks that a staff caller names a real concern not yet turned into something else. */
export async function concernSource(deps: Deps, ctx: CallerContext, ref: NonNullable<FromVisit>, kind: 'report' | 'mediation'): Promise<ConcernSource> {
  if (ctx.role !== 'officer' && ctx.role !== 'admin') fail('forbidden', '只有民警能从走访记录转办', 'fromVisit')
  const visit = await findById<VisitRef>(deps.db, HH_VISITS, ref.visitId)
  if (!visit) fail('invalid_argument', '没有找到这次走访，请刷新后再看', 'fromVisit.visitId')
  const c = visit.concerns[ref.concern]
  if (!c) fail('invalid_argument', '没有这条反映的事，请刷新后再看', 'fromVisit.concern')
  if (c.became && c.became.kind !== kind) fail('conflict', '这条反映的事已经转办过了，请刷新后再看', 'fromVisit.concern')
  return { visitId: visit._id, concern: ref.concern, addressId: visit.addressId, villageId: visit.villageId, existing: c.became?.id ?? null }
}

/** Records what the concern became (once: a second caller does not overwrite the first). */
export async function markConcern(deps: Deps, src: ConcernSource, kind: 'report' | 'mediation', id: string): Promise<void> {
  const _ = deps.db.command
  await updateWhere(deps.db.collection(HH_VISITS).where({ _id: src.visitId, [`concerns.${src.concern}.became`]: null }), { [`concerns.${src.concern}.became`]: _.set({ kind, id }) })
}
