// Seed data for the demo jurisdiction (平川镇): each domain contributes documents by collection.
import { seed as account } from './account'
import { seed as alerts } from './alerts'
import { seed as reports } from './reports'
import { seed as services } from './services'
import { seed as mediation } from './mediation'
import { seed as followups } from './followups'
import { seed as history } from './history'
import { residentCountDocs } from '@domain/residents'
import { VILLAGE_RESIDENTS } from '@server/collections'
import { seed as households } from './households'

/** A seeded document; `_id` is fixed so seeding twice gives the same data and tests can name records. */
export interface SeedDoc {
  _id: string
  [field: string]: unknown
}

export interface SeedContext {
  /** Seeding time; relative dates (bookings next week, an alert from yesterday) are computed from it. */
  now: Date
}

/** Documents to insert, by collection name. */
export type SeedModule = (ctx: SeedContext) => Record<string, SeedDoc[]>

export const seedModules: Record<string, SeedModule> = { account, alerts, services, reports, mediation, followups, history, households }

/** All seed documents merged by collection; a duplicate `_id` in one collection is a mistake and throws. */
export function seedData(ctx: SeedContext): Record<string, SeedDoc[]> {
  const merged: Record<string, SeedDoc[]> = {}
  for (const [domain, module] of Object.entries(seedModules)) {
    for (const [collection, docs] of Object.entries(module(ctx))) {
      const list = (merged[collection] ??= [])
      for (const doc of docs) {
        if (list.some((d) => d._id === doc._id)) throw new Error(`seed ${domain}: duplicate ${collection}/${doc._id}`)
        list.push(doc)
      }
    }
  }
  // The residents-per-village and per-社 counters match the seeded users (what account's and households' writes keep them at).
  merged[VILLAGE_RESIDENTS] = residentCountDocs((merged.users ?? []) as Array<SeedDoc & { role: string; villageId?: string; householdGroup?: string }>).map((d) => ({ ...d }))
  return merged
}
