// Forgets idempotency records older than a week: clients retry within minutes, not days.
import { removeWhere } from '@server/db'
import type { Deps } from '@server/types'
import { REQUESTS } from '@server/collections'

export const KEEP_REQUESTS_MS = 7 * 24 * 3600_000

export async function pruneRequests(deps: Deps): Promise<void> {
  const cutoff = new Date(deps.now().getTime() - KEEP_REQUESTS_MS)
  const removed = await removeWhere(deps.db.collection(REQUESTS).where({ createdAt: deps.db.command.lt(cutoff) }))
  if (removed > 0) deps.log('requests.prune', { removed })
}
