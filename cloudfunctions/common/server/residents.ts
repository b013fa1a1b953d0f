// The residents-per-village and per-社 counters (see @domain/residents): moved inside the transaction that writes the
// user, read by id for an alert's reach.
import type { DB } from 'wx-server-sdk'
import { residencyDelta, type Residency, type ResidentCountDoc } from '@domain/residents'
import { SUBSCRIPTIONS, USERS, VILLAGE_RESIDENTS } from '@server/collections'
import { findMany, transaction, txFindById, updateWhere, type Tx } from './db'
import type { UserDoc } from './types'

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

/** A confirmed household: its address id and its 社 key (`<villageId>|<社>`). */
export interface HouseholdLink {
  addressId: string
  groupKey: string
}

/**
 * Points a user's profile at a confirmed household (or at none), moving the per-社 counter in the same transaction,
 * and carries the 社 onto the user's alert subscription so a 社 alert's push finds them. With `onlyFrom`, nothing
 * changes unless the profile still points at that address (a move-out never unlinks a newer household).
 * Answers whether the profile changed.
 */
export async function linkHousehold(db: DB.Database, openid: string, link: HouseholdLink | null, now: Date, onlyFrom?: string): Promise<boolean> {
  const household = link?.addressId ?? ''
  const householdGroup = link?.groupKey ?? ''
  const changed = await transaction(db, async (t) => {
    const user = await txFindById<UserDoc>(t, USERS, openid)
    if (!user) return false
    if (onlyFrom !== undefined && (user.household ?? '') !== onlyFrom) return false
    if ((user.household ?? '') === household && (user.householdGroup ?? '') === householdGroup) return false
    await t.collection(USERS).doc(openid).update({ data: { household, householdGroup, updatedAt: now } })
    await txMoveResident(t, user, { ...user, householdGroup })
    return true
  })
  if (changed) await updateWhere(db.collection(SUBSCRIPTIONS).where({ _id: openid }), { householdGroup })
  return changed
}
