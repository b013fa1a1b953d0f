// Registers the alerts feature's timer work with the cron function (imported from cloudfunctions/cron/jobs.ts): the
// subscription messages, and the one-off backfill of the last alert read onto residents and households.
import { findById, findMany, insert, updateById } from '@server/db'
import { stampAlertReads } from '@server/alertReach'
import { registerJob } from '@server/jobs'
import { ALERT_READS, MIGRATIONS, USERS } from '@server/collections'
import type { Deps, UserDoc } from '@server/types'
import { sendAlertMessages } from './notify'
import type { ReadMarkDoc } from './store'

export const ALERT_NOTIFY_JOB = 'alerts.notify'
export const STAMP_READS_JOB = 'alerts.stampLastReads'
const BATCH = 100
const MAX_BATCHES = 50

interface MigrationDoc {
  _id: string
  cursor: string
  done: boolean
  at: Date
}

/**
 * Read marks made before residents and households kept their last read (`lastAlertReadAt`) give it to them: the
 * marks are walked in `_id` order from a cursor kept in MIGRATIONS, a bounded number of batches per run, each stamp
 * moving only forward, so a rerun or a crash half-way changes nothing twice. Reads made since are stamped as they come.
 */
export async function stampLastReads(deps: Deps): Promise<number> {
  const _ = deps.db.command
  const progress = await findById<MigrationDoc>(deps.db, MIGRATIONS, STAMP_READS_JOB)
  if (progress?.done) return 0
  if (!progress) await insert<MigrationDoc>(deps.db, MIGRATIONS, { _id: STAMP_READS_JOB, cursor: '', done: false, at: deps.now() }).catch(() => undefined)
  let cursor = progress?.cursor ?? ''
  let stamped = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const marks = await findMany<ReadMarkDoc>(deps.db.collection(ALERT_READS).where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(BATCH))
    const counted = marks.filter((m) => m.counted)
    const people = [...new Set(counted.map((m) => m.openid))]
    const users = people.length ? await findMany<UserDoc>(deps.db.collection(USERS).where({ _id: _.in(people) }).limit(people.length)) : []
    const byId = new Map(users.map((u) => [u._id, u]))
    const reads = counted.flatMap((m) => {
      const user = byId.get(m.openid)
      return user ? [{ user, at: new Date(m.readAt) }] : []
    })
    await stampAlertReads(deps, reads)
    stamped += reads.length
    if (marks.length > 0) cursor = marks[marks.length - 1]._id
    const done = marks.length < BATCH
    await updateById(deps.db, MIGRATIONS, STAMP_READS_JOB, { cursor, done, at: deps.now() })
    if (done) break
  }
  if (stamped > 0) deps.log(STAMP_READS_JOB, { stamped, cursor })
  return stamped
}

registerJob(ALERT_NOTIFY_JOB, sendAlertMessages, { triggers: ['every5min'] })
registerJob(
  STAMP_READS_JOB,
  async (deps) => {
    await stampLastReads(deps)
  },
  { triggers: ['every5min'] },
)
