// The one-off move of what a station stored before the services' names were settled (README, "Names"): the kinds
// `appointment` / `proxy` / `doorstep` of surveys, 所长 tasks and the catalog become `booking` / `errand` / `home_visit`,
// 上门回访 answers `via: 'doorstep'` become `in_person`, the catalog's `doorstepFor` and the schedule's `doorstep` rules
// become `homeVisitFor` and `homeVisit`, and the `doorstep_visits` collection is copied into `home_visits`.
// Run by `cron` on its 5-minute timer (and by hand with `cron.run`); idempotent and batched: each step finds only
// documents still carrying an old name, a copied home visit keeps its `_id` (so it is copied once whatever happens) and
// its old document is marked, so a rerun, or a run stopped half-way, changes nothing twice and nothing written since.
import { insertOnce } from '@server/atomic'
import { findMany, updateWhere, type Doc } from '@server/db'
import { registerJob } from '@server/jobs'
import { FOLLOWUPS, FOLLOWUP_TASKS, HOME_VISITS, LEGACY_DOORSTEP_VISITS, SERVICE_CATALOG, SERVICE_CONFIG } from '@server/collections'
import { LEGACY_KIND_NAMES, LEGACY_KINDS, LEGACY_VIA, kindNow } from '@server/legacy-names'
import type { Deps } from '@server/types'
import { SCHEDULE_ID } from './store'

export const MIGRATE_NAMES_JOB = 'services.migrateNames'
const BATCH = 100
/** Per step and run: 5 000 documents; whatever is left waits for the next run. */
const MAX_BATCHES = 50

export interface NamesMoved {
  /** Home visits copied from `doorstep_visits` into `home_visits`. */
  homeVisits: number
  surveys: number
  tasks: number
  /** 上门回访 answers whose `via` was renamed. */
  vias: number
  services: number
  schedules: number
}

interface LegacyVisitDoc extends Doc {
  /** Set on the old document once it is in HOME_VISITS. */
  movedTo?: string
}

interface LegacyServiceDoc extends Doc {
  kinds?: string[]
  doorstepFor?: string[]
  homeVisitFor?: string[]
}

interface LegacyConfigDoc extends Doc {
  schedule?: { doorstep?: unknown; homeVisit?: unknown }
}

/** A station deployed after the rename may not have the old collection: nothing to move then. */
function missingCollection(err: unknown): boolean {
  return /COLLECTION_NOT_EXIST|not exist/i.test(err instanceof Error ? err.message : String(err))
}

async function copyHomeVisits(deps: Deps): Promise<number> {
  const _ = deps.db.command
  let copied = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    let batch: LegacyVisitDoc[]
    try {
      batch = await findMany<LegacyVisitDoc>(deps.db.collection(LEGACY_DOORSTEP_VISITS).where({ movedTo: _.neq(HOME_VISITS) }).limit(BATCH))
    } catch (err) {
      if (missingCollection(err)) return copied
      throw err
    }
    for (const old of batch) {
      // A document already in HOME_VISITS (an earlier run, or changed there since) is kept as it is.
      const { created } = await insertOnce(deps.db, HOME_VISITS, old)
      if (created) copied++
      await updateWhere(deps.db.collection(LEGACY_DOORSTEP_VISITS).where({ _id: old._id }), { movedTo: HOME_VISITS })
    }
    if (batch.length < BATCH) break
  }
  return copied
}

/** Sets `field` from each old value to its new one, a batch of documents at a time. */
async function renameValues(deps: Deps, collection: string, field: 'kind' | 'via', renames: Record<string, string>): Promise<number> {
  const _ = deps.db.command
  let renamed = 0
  for (const [old, now] of Object.entries(renames)) {
    for (let round = 0; round < MAX_BATCHES; round++) {
      const batch = await findMany<Doc>(deps.db.collection(collection).where({ [field]: old }).limit(BATCH))
      if (batch.length === 0) break
      renamed += await updateWhere(deps.db.collection(collection).where({ _id: _.in(batch.map((d) => d._id)), [field]: old }), { [field]: now })
      if (batch.length < BATCH) break
    }
  }
  return renamed
}

async function renameCatalog(deps: Deps): Promise<number> {
  const _ = deps.db.command
  let renamed = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const batch = await findMany<LegacyServiceDoc>(
      deps.db.collection(SERVICE_CATALOG).where(_.or([{ kinds: _.in(LEGACY_KIND_NAMES) }, { doorstepFor: _.exists(true) }])).limit(BATCH),
    )
    for (const s of batch) {
      const kinds = [...new Set((s.kinds ?? []).map(kindNow))]
      renamed += await updateWhere(deps.db.collection(SERVICE_CATALOG).where({ _id: s._id }), {
        kinds,
        homeVisitFor: s.homeVisitFor ?? s.doorstepFor ?? [],
        doorstepFor: _.remove(),
      })
    }
    if (batch.length < BATCH) break
  }
  return renamed
}

async function renameSchedule(deps: Deps): Promise<number> {
  const _ = deps.db.command
  const [doc] = await findMany<LegacyConfigDoc>(deps.db.collection(SERVICE_CONFIG).where({ _id: SCHEDULE_ID, 'schedule.doorstep': _.exists(true) }).limit(1))
  if (!doc?.schedule) return 0
  return updateWhere(deps.db.collection(SERVICE_CONFIG).where({ _id: doc._id }), {
    schedule: { homeVisit: doc.schedule.homeVisit ?? doc.schedule.doorstep, doorstep: _.remove() },
  })
}

export async function migrateNames(deps: Deps): Promise<NamesMoved> {
  const moved: NamesMoved = {
    homeVisits: await copyHomeVisits(deps),
    surveys: await renameValues(deps, FOLLOWUPS, 'kind', LEGACY_KINDS),
    tasks: await renameValues(deps, FOLLOWUP_TASKS, 'kind', LEGACY_KINDS),
    vias: await renameValues(deps, FOLLOWUPS, 'via', LEGACY_VIA),
    services: await renameCatalog(deps),
    schedules: await renameSchedule(deps),
  }
  if (Object.values(moved).some((n) => n > 0)) deps.log(MIGRATE_NAMES_JOB, { ...moved })
  return moved
}

registerJob(
  MIGRATE_NAMES_JOB,
  async (deps) => {
    await migrateNames(deps)
  },
  { triggers: ['every5min'] },
)
