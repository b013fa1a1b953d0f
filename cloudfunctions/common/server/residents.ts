// The residents-per-village counters (see @domain/residents): moved inside the transaction that writes the user,
// read by id for an alert's reach.
import type { DB } from 'wx-server-sdk'
import { residencyDelta, type Residency, type ResidentCountDoc } from '@domain/residents'
import { VILLAGE_RESIDENTS } from '@server/collections'
import { findMany, txFindById, type Tx } from './db'

/** Moves the counts for a user going from `before` to `after`, inside `t` (read, then write the new value). */
export async function txMoveResident(t: Tx, before: Residency | null, after: Residency | null): Promise<void> {
  for (const [villageId, by] of Object.entries(residencyDelta(before, after))) {
    const doc = await txFindById<ResidentCountDoc>(t, VILLAGE_RESIDENTS, villageId)
    const residents = Math.max(0, (doc?.residents ?? 0) + by)
    if (doc) await t.collection(VILLAGE_RESIDENTS).doc(villageId).update({ data: { residents } })
    else await t.collection(VILLAGE_RESIDENTS).add({ data: { _id: villageId, residents } })
  }
}

/** Residents of each village (0 for a village nobody lives in yet), one read whatever the population. */
export async function residentCounts(db: DB.Database, villageIds: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(villageIds.map((v) => [v, 0]))
  if (villageIds.length === 0) return out
  const _ = db.command
  const docs = await findMany<ResidentCountDoc>(db.collection(VILLAGE_RESIDENTS).where({ _id: _.in([...villageIds]) }).limit(Math.min(1000, villageIds.length)))
  for (const d of docs) out[d._id] = d.residents
  return out
}
