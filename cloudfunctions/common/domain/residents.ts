// Residents per village, kept as counters (VILLAGE_RESIDENTS/<villageId>, see @server/collections): the reach of an alert is read from
// them instead of counting `users` (a count walks every matching index entry, so it grew with the population:
// issue 16). Every write that changes a user's role or village moves the count in the same transaction.
import type { Role } from '@contract/core'

export interface ResidentCountDoc {
  _id: string // the village id
  residents: number
}

/** The part of a user that decides where (if anywhere) it counts. */
export interface Residency {
  role: Role | string
  villageId?: string | null
}

/** The village a user counts in: residents with a village; staff and residents without one count nowhere. */
export function residentVillage(u: Residency | null | undefined): string | null {
  return u && u.role === 'resident' && u.villageId ? u.villageId : null
}

/** How the counts move when a user goes from `before` to `after` (null: no document): village → +1 / −1. */
export function residencyDelta(before: Residency | null | undefined, after: Residency | null | undefined): Record<string, number> {
  const from = residentVillage(before)
  const to = residentVillage(after)
  if (from === to) return {}
  const delta: Record<string, number> = {}
  if (from) delta[from] = -1
  if (to) delta[to] = (delta[to] ?? 0) + 1
  return delta
}

/** The counter documents for a set of users (seeding, bulk loads). */
export function residentCountDocs(users: readonly Residency[]): ResidentCountDoc[] {
  const n = new Map<string, number>()
  for (const u of users) {
    const v = residentVillage(u)
    if (v) n.set(v, (n.get(v) ?? 0) + 1)
  }
  return [...n].map(([_id, residents]) => ({ _id, residents }))
}
