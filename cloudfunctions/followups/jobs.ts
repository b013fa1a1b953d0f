// Timer work of follow-ups, run by the `cron` function: the one-off move of the old 1–5 star service ratings
// (`service_ratings`) into 回访 surveys, each kept with its stars. Idempotent: a migrated rating is marked, and a
// survey id is fixed per record, so a second run (or a crash half-way) changes nothing twice.
import { answerOfScore, type FollowUpKind } from '@domain/followups'
import { insertOnce } from '@server/atomic'
import { findById, findMany, updateWhere } from '@server/db'
import { FOLLOWUPS, newSurvey, storeFirstAnswer } from '@server/followups'
import { registerJob } from '@server/jobs'
import { LEGACY_KINDS, type LegacyKind } from '@server/legacy-names'
import { SERVICE_CATALOG as CATALOG, SERVICE_RATINGS as RATINGS, USERS } from '@server/collections'
import type { Deps, UserDoc } from '@server/types'

export const MIGRATE_RATINGS_JOB = 'followups.migrateRatings'
const BATCH = 100
const MAX_BATCHES = 50

/** A rating as `services.rate` stored it. */
export interface LegacyRatingDoc {
  _id: string
  /** Ratings keep the kinds stored before the names change (see LEGACY_KINDS). */
  kind: LegacyKind
  recordId: string
  serviceId: string
  openid: string
  score: number
  comment: string
  createdAt: Date
  migrated?: boolean
}

export async function migrateRatings(deps: Deps): Promise<number> {
  const _ = deps.db.command
  const names = new Map<string, string>()
  const villages = new Map<string, string>()
  let moved = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const batch = await findMany<LegacyRatingDoc>(deps.db.collection(RATINGS).where({ migrated: _.neq(true) }).limit(BATCH))
    for (const r of batch) {
      if (!names.has(r.serviceId)) names.set(r.serviceId, (await findById<{ _id: string; name: string }>(deps.db, CATALOG, r.serviceId))?.name ?? '办事')
      if (!villages.has(r.openid)) villages.set(r.openid, (await findById<UserDoc>(deps.db, USERS, r.openid))?.villageId ?? '')
      const at = new Date(r.createdAt)
      const kind: FollowUpKind = LEGACY_KINDS[r.kind] // LEGACY_KINDS: the old kind's name today
      const opening = { kind, recordId: r.recordId, stage: 'done' as const, owner: r.openid, anonymous: false, villageId: villages.get(r.openid) ?? '', title: names.get(r.serviceId) ?? '办事' }
      const { doc } = await insertOnce(deps.db, FOLLOWUPS, newSurvey(opening, at))
      if (!doc.answerKey) {
        await storeFirstAnswer(deps, doc, { answer: answerOfScore(r.score), words: r.comment, attempts: null, via: 'app', recordedBy: null, legacyScore: r.score }, at)
        moved++
      }
      await updateWhere(deps.db.collection(RATINGS).where({ _id: r._id }), { migrated: true })
    }
    if (batch.length < BATCH) break
  }
  if (moved > 0) deps.log(MIGRATE_RATINGS_JOB, { moved })
  return moved
}

registerJob(
  MIGRATE_RATINGS_JOB,
  async (deps) => {
    await migrateRatings(deps)
  },
  { triggers: ['every5min'] },
)
