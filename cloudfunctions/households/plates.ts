// Doorplate generation as a resumable job: each call takes the job's lease, works through addresses in sortKey order
// from the job's cursor (a plate for each address without a live one, a 小程序码 for each plate without an image),
// and saves its progress after every chunk. A timeout, a crash or WeChat's rate limit loses at most one chunk, which
// the next call redoes without duplicates (plates and images already made are skipped).
import { sceneOf } from '@domain/households'
import { count, findById, findMany, insert, updateById, updateWhere } from '@server/db'
import type { CallerContext, Deps } from '@server/types'
import { HH_ADDRESSES, HH_PLATES, HH_PLATE_JOBS } from '@server/collections'
import { DOORPLATE_PAGE, insertPlate, newRecordId, type AddressDoc, type PlateDoc, type PlateJobDoc } from './store'

/** Work per call, under the function's timeout (config.json) with room to answer. */
export const BATCH_BUDGET_MS = 40_000
/** WeChat allows 5,000 getUnlimited calls a minute; stay under it. */
export const CALLS_PER_MINUTE = 4_800
/**
 * Codes requested at once, and addresses read per page. The rate limit is reached only with enough calls in flight:
 * a plate costs about 0.4 s of waiting in production (getUnlimited, the PNG upload, three database writes), so
 * 80 calls a second (4,800 a minute) need about 32 at once; the pacer keeps them under the limit.
 */
export const PARALLEL = 32
const PAGE = 96
const LEASE_SLACK_MS = 15_000
/** errcodes meaning "too many calls" or "try again" (busy, timed out): stop the batch and let the next call resume. */
const TRANSIENT = new Set([45009, 45011, -1, -501001, -501000])
/** Tries in a row that met a transient error without progress before the job is given up. */
const MAX_STALLS = 10

/**
 * How long to wait before trying a chunk again after the n-th transient error in a row: 1, 2, 4, 8 then 15 s, so ten
 * tries span about two minutes, more than WeChat's one-minute rate window.
 */
export function backoffMs(stalls: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, stalls - 1))
}

function scopeWhere(job: Pick<PlateJobDoc, 'villageId' | 'group'>): Record<string, unknown> {
  return job.group ? { villageId: job.villageId, group: job.group } : { villageId: job.villageId }
}

export async function startPlateJob(deps: Deps, ctx: CallerContext, villageId: string, group: string | null): Promise<PlateJobDoc> {
  const running = await findMany<PlateJobDoc>(deps.db.collection(HH_PLATE_JOBS).where({ villageId, group, status: 'running' }).limit(1))
  if (running[0]) return running[0]
  const now = deps.now()
  const total = await count(deps.db.collection(HH_ADDRESSES).where(scopeWhere({ villageId, group })))
  const job: PlateJobDoc = { _id: newRecordId('pj'), villageId, group, status: total ? 'running' : 'done', total, done: 0, failed: 0, lastError: '', by: ctx.openid, cursor: '', stalls: 0, leaseUntil: new Date(0), startedAt: now, updatedAt: now }
  await insert(deps.db, HH_PLATE_JOBS, job)
  return job
}

function errCodeOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null
  const e = err as { errCode?: unknown; errcode?: unknown }
  const c = e.errCode ?? e.errcode
  if (typeof c === 'number') return c
  const m = /fail (-?\d+)/.exec(err instanceof Error ? err.message : '')
  return m ? Number(m[1]) : null
}

/** Paces calls to CALLS_PER_MINUTE across the parallel requests of one batch. */
function pacer(): () => Promise<void> {
  const gap = 60_000 / CALLS_PER_MINUTE
  let next = Date.now()
  return async () => {
    const at = Math.max(next, Date.now())
    next = at + gap
    const wait = at - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  }
}

/** One address: its live plate (made if missing) and that plate's image (made if missing). */
async function plateFor(deps: Deps, a: AddressDoc, existing: PlateDoc | undefined, pace: () => Promise<void>): Promise<void> {
  const now = deps.now()
  let plate = existing && existing.state !== 'void' && existing.addressId === a._id ? existing : undefined
  if (!plate) {
    const fresh: Omit<PlateDoc, '_id'> = { addressId: a._id, villageId: a.villageId, group: a.group, sortKey: a.sortKey, state: 'active', imageFileId: null, pendingJob: '', problems: [], createdAt: now, updatedAt: now }
    const id = await insertPlate(deps.db, fresh)
    const linked = await updateWhere(deps.db.collection(HH_ADDRESSES).where({ _id: a._id, plateId: a.plateId }), { plateId: id, updatedAt: now })
    if (linked !== 1) {
      // Another plate was linked meanwhile (another call, or an earlier try of this one whose answer was lost): this
      // one is not needed, but the linked one still owes its image.
      await updateById(deps.db, HH_PLATES, id, { state: 'void', addressId: null, updatedAt: now })
      const current = await findById<AddressDoc>(deps.db, HH_ADDRESSES, a._id)
      const linkedPlate = current?.plateId ? await findById<PlateDoc>(deps.db, HH_PLATES, current.plateId) : null
      if (!linkedPlate || linkedPlate.state === 'void' || linkedPlate.addressId !== a._id) return
      plate = linkedPlate
    } else {
      plate = { ...fresh, _id: id }
    }
  }
  if (plate.imageFileId) return
  await pace()
  const png = await deps.openapi.getUnlimitedQr({ scene: sceneOf(plate._id), page: DOORPLATE_PAGE, width: 430 })
  const fileId = await deps.storage.upload(`plates/${a.villageId}/${plate._id}.png`, png)
  await updateById(deps.db, HH_PLATES, plate._id, { imageFileId: fileId, updatedAt: deps.now() })
}

/** Runs one batch of a job (if no other call holds it) and answers the job as it now stands. */
export async function runPlateBatch(deps: Deps, jobId: string): Promise<PlateJobDoc> {
  const _ = deps.db.command
  const startedAt = Date.now()
  const now = deps.now()
  const leased = await updateWhere(deps.db.collection(HH_PLATE_JOBS).where({ _id: jobId, status: 'running', leaseUntil: _.lt(now) }), {
    leaseUntil: new Date(now.getTime() + BATCH_BUDGET_MS + LEASE_SLACK_MS),
  })
  const job = await findById<PlateJobDoc>(deps.db, HH_PLATE_JOBS, jobId)
  if (!job) throw new Error(`plate job ${jobId} vanished`)
  if (leased !== 1) return job
  const pace = pacer()
  let { cursor, done, failed, lastError } = job
  let stalls = job.stalls ?? 0
  let finished = false
  try {
    while (Date.now() - startedAt < BATCH_BUDGET_MS) {
      const where = { ...scopeWhere(job), ...(cursor ? { sortKey: _.gt(cursor) } : {}) }
      const page = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where(where).orderBy('sortKey', 'asc').limit(PAGE))
      if (page.length === 0) {
        finished = true
        break
      }
      const plateIds = page.flatMap((a) => (a.plateId ? [a.plateId] : []))
      const plates = plateIds.length ? await findMany<PlateDoc>(deps.db.collection(HH_PLATES).where({ _id: _.in(plateIds) }).limit(plateIds.length)) : []
      const byId = new Map(plates.map((p) => [p._id, p]))
      let stop = false
      let retry = false
      for (let i = 0; i < page.length && !stop; i += PARALLEL) {
        const chunk = page.slice(i, i + PARALLEL)
        const results = await Promise.allSettled(chunk.map((a) => plateFor(deps, a, a.plateId ? byId.get(a.plateId) : undefined, pace)))
        const transient = results.some((r) => r.status === 'rejected' && TRANSIENT.has(errCodeOf(r.reason) ?? 0))
        if (transient) {
          // Nothing of this chunk is counted: it is tried again after a pause (what was made is skipped), in this
          // call while its time lasts, else by the next call.
          lastError = '微信接口太忙或调用太频繁，正在等一会儿再接着生成'
          stalls++
          const wait = backoffMs(stalls)
          if (stalls > MAX_STALLS || Date.now() - startedAt + wait >= BATCH_BUDGET_MS) {
            stop = true
            break
          }
          await new Promise((r) => setTimeout(r, wait))
          // Read the page again from the cursor: the failed try may have linked plates this copy does not know of.
          retry = true
          break
        }
        stalls = 0
        lastError = lastError.startsWith('微信接口太忙') ? '' : lastError
        for (const r of results) {
          if (r.status === 'rejected') {
            failed++
            lastError = r.reason instanceof Error ? r.reason.message.slice(0, 200) : String(r.reason).slice(0, 200)
            deps.log('plate generation failed for one address', { jobId, error: lastError })
          }
        }
        done += chunk.length
        cursor = chunk[chunk.length - 1].sortKey
        await updateById(deps.db, HH_PLATE_JOBS, jobId, { cursor, done, failed, lastError, updatedAt: deps.now() })
        if (Date.now() - startedAt >= BATCH_BUDGET_MS) {
          stop = true
          break
        }
      }
      if (stop) break
      if (retry) continue
      if (page.length < PAGE) {
        finished = true
        break
      }
    }
  } finally {
    const status = finished ? 'done' : stalls > MAX_STALLS ? 'failed' : 'running'
    Object.assign(job, { cursor, done, failed, lastError, stalls, status, total: Math.max(job.total, done), leaseUntil: new Date(0), updatedAt: deps.now() })
    await updateById(deps.db, HH_PLATE_JOBS, jobId, { cursor, done, failed, lastError, stalls, status, total: job.total, leaseUntil: job.leaseUntil, updatedAt: job.updatedAt })
  }
  return job
}
