// When someone last read an alert, kept on the resident (`users.lastAlertReadAt`) and on their confirmed household
// (`hh_addresses.lastAlertReadAt`, indexed by village), so the figures count the households that read none since a
// day with one range count per village, never by reading the read marks. Each stamp only moves forward.
import type { DB } from 'wx-server-sdk'
import { findById, updateWhere } from './db'
import { HH_ADDRESSES, USERS } from './collections'
import type { Deps, UserDoc } from './types'

/** Sets `lastAlertReadAt` to `at` unless the document already has a later one. */
async function stampLater(db: DB.Database, collection: string, id: string, at: Date): Promise<void> {
  const _ = db.command
  await updateWhere(db.collection(collection).where({ _id: id, lastAlertReadAt: _.lt(at).or(_.eq(null)) }), { lastAlertReadAt: at })
}

/** A resident read an alert meant for their village at `at`: their own stamp, and their household's if they have one. */
export async function stampAlertRead(deps: Deps, user: Pick<UserDoc, '_id' | 'household'>, at: Date): Promise<void> {
  await stampLater(deps.db, USERS, user._id, at)
  if (user.household) await stampLater(deps.db, HH_ADDRESSES, user.household, at)
}

/** A resident's household was confirmed: the household takes the resident's last read, so earlier reads still count. */
export async function carryAlertReadToHousehold(deps: Deps, openid: string, addressId: string): Promise<void> {
  const user = await findById<UserDoc>(deps.db, USERS, openid)
  if (user?.lastAlertReadAt) await stampLater(deps.db, HH_ADDRESSES, addressId, new Date(user.lastAlertReadAt))
}

/** Stamps many reads at once (the backfill): the latest read per resident and per household, one update each. */
export async function stampAlertReads(deps: Deps, reads: readonly { user: Pick<UserDoc, '_id' | 'household'>; at: Date }[]): Promise<void> {
  const latest = (m: Map<string, Date>, id: string, at: Date) => {
    const was = m.get(id)
    if (!was || was < at) m.set(id, at)
  }
  const users = new Map<string, Date>()
  const households = new Map<string, Date>()
  for (const r of reads) {
    latest(users, r.user._id, r.at)
    if (r.user.household) latest(households, r.user.household, r.at)
  }
  for (const [id, at] of users) await stampLater(deps.db, USERS, id, at)
  for (const [id, at] of households) await stampLater(deps.db, HH_ADDRESSES, id, at)
}
