// Residents per village, kept as counters (VILLAGE_RESIDENTS/<villageId>, see @server/collections): the reach of an alert is read from
// them instead of counting `users` (a count walks every matching index entry, so it grew with the population:
// issue 16). Every write that changes a user's role or village moves the count in the same transaction.
// The same collection counts the residents of each 社 (VILLAGE_RESIDENTS/<villageId>|<社>) whose household an officer
// confirmed (`householdGroup` on the user), for alerts sent to a 社; confirming and moving out move it.
import type { Role } from '@contract/core'

export interface ResidentCountDoc {
  _id: string // the village id
  residents: number
}

/** The part of a user that decides where (if anywhere) it counts. */
export interface Residency {
  role: Role | string
  villageId?: string | null
  /** The 社 key (`<villageId>|<社>`) of the user's confirmed household. */
  householdGroup?: string | null
}

/** The village a user counts in: residents with a village; staff and residents without one count nowhere. */
export function residentVillage(u: Residency | null | undefined): string | null {
  return u && u.role === 'resident' && u.villageId ? u.villageId : null
}

/** The 社 a user counts in: residents whose household is confirmed; everyone else counts in none. */
export function residentGroup(u: Residency | null | undefined): string | null {
  return u && u.role === 'resident' && u.householdGroup ? u.householdGroup : null
}

/** Every counter a user counts in: their village and their household's 社. */
export function residentPlaces(u: Residency | null | undefined): string[] {
  return [residentVillage(u), residentGroup(u)].filter((p): p is string => p !== null)
}

/** How the counts move when a user goes from `before` to `after` (null: no document): village or 社 → +1 / −1. */
export function residencyDelta(before: Residency | null | undefined, after: Residency | null | undefined): Record<string, number> {
  const delta: Record<string, number> = {}
  for (const p of residentPlaces(before)) delta[p] = (delta[p] ?? 0) - 1
  for (const p of residentPlaces(after)) delta[p] = (delta[p] ?? 0) + 1
  for (const [p, n] of Object.entries(delta)) if (n === 0) delete delta[p]
  return delta
}

/** The counter documents for a set of users (seeding, bulk loads). */
export function residentCountDocs(users: readonly Residency[]): ResidentCountDoc[] {
  const n = new Map<string, number>()
  for (const u of users) for (const p of residentPlaces(u)) n.set(p, (n.get(p) ?? 0) + 1)
  return [...n].map(([_id, residents]) => ({ _id, residents }))
}
