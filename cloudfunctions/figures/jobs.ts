// Timer work of the figures function, run by the `cron` function: export files live EXPORT_TTL_MS, then their file
// is deleted from storage and their record from FIGURE_EXPORTS, in batches (oldest first, on the `expires` index).
// A file that could not be deleted keeps its record, so the next run tries it again.
import { findMany, removeWhere } from '@server/db'
import { registerJob } from '@server/jobs'
import { FIGURE_EXPORTS } from '@server/collections'
import type { Deps } from '@server/types'
import type { ExportDoc } from './store'

export const PRUNE_EXPORTS_JOB = 'figures.pruneExports'
const BATCH = 50
const MAX_BATCHES = 20

/** Deletes expired exports (file, then record); answers how many records went. */
export async function pruneExports(deps: Deps): Promise<number> {
  const _ = deps.db.command
  const now = deps.now()
  let removed = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const batch = await findMany<ExportDoc>(deps.db.collection(FIGURE_EXPORTS).where({ expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').limit(BATCH))
    if (batch.length === 0) break
    const gone = new Set(await deps.storage.remove(batch.map((d) => d.fileId)))
    const ids = batch.filter((d) => gone.has(d.fileId)).map((d) => d._id)
    if (ids.length > 0) removed += await removeWhere(deps.db.collection(FIGURE_EXPORTS).where({ _id: _.in(ids) }))
    // Files storage would not delete stay for the next run; stop rather than read the same batch again.
    if (ids.length < batch.length || batch.length < BATCH) break
  }
  if (removed > 0) deps.log(PRUNE_EXPORTS_JOB, { removed })
  return removed
}

registerJob(
  PRUNE_EXPORTS_JOB,
  async (deps) => {
    await pruneExports(deps)
  },
  { triggers: ['every5min'] },
)
