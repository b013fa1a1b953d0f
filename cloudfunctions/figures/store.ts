// The figures function's reads: aggregation pipelines and counts on indexed fields (never a whole collection into
// the function), the station's villages and staff, and the export records.
import type { DB } from 'wx-server-sdk'
import { count, findById, findMany, insert } from '@server/db'
import type { Deps } from '@server/types'
import { FIGURE_EXPORTS, FIGURE_MEMO, MIGRATIONS, STATION, STATION_ID, USERS } from '@server/collections'

/** Export records (FIGURE_EXPORTS) and remembered counts of closed ranges (FIGURE_MEMO, see `memoCounts`). */
export { FIGURE_EXPORTS, FIGURE_MEMO }

/**
 * A range is remembered once it ended this long ago. Records are stamped with the time they happen (created,
 * published, answered, served on their day), so a closed range gains none later; statuses settle within days
 * (a booking's no-show is marked the next day, a report is accepted within 24 h), and five weeks leaves room.
 */
export const MEMO_AFTER_MS = 35 * 24 * 3600 * 1000
/** Villages, staff and residents per village are read at most this often by a warm instance. */
const DIRECTORY_TTL_MS = 60_000
/** An export can be fetched again for this long, by the person who made it only. */
export const EXPORT_TTL_MS = 60 * 60 * 1000

export interface Village {
  id: string
  name: string
}

export interface ExportDoc {
  _id: string
  owner: string
  fileId: string
  fileName: string
  format: 'xlsx' | 'csv'
  what: string
  rows: number
  full: boolean
  createdAt: Date
  expiresAt: Date
}

type Stage = Record<string, unknown>

/** The SDK's aggregation builder, as far as this module drives it (each stage method takes its raw argument). */
interface Pipeline {
  /** wx-server-sdk answers `{ list, errMsg }` (the node SDK underneath says `data`). */
  end(): Promise<{ list?: unknown[]; data?: unknown[] }>
  [stage: string]: unknown
}

/**
 * Runs an aggregation: `match` (a where object, db.command allowed) first so the database serves it from an index,
 * then raw MongoDB stages. Only the grouped rows come back to the function. A `$limit` of 1000 is added, since
 * CloudBase answers 20 rows without one.
 */
export async function aggregate<T>(db: DB.Database, collection: string, match: object, stages: Stage[]): Promise<T[]> {
  let p = db.collection(collection).aggregate() as unknown as Pipeline
  const call = (name: string, arg: unknown) => {
    const fn = p[name]
    if (typeof fn !== 'function') throw new Error(`aggregate stage not supported by the SDK: ${name}`)
    p = (fn as (a: unknown) => Pipeline).call(p, arg)
  }
  call('match', match)
  for (const stage of stages) {
    const [name] = Object.keys(stage)
    call(name.replace(/^\$/, ''), stage[name])
  }
  if (!stages.some((s) => '$limit' in s)) call('limit', 1000)
  const res = await p.end()
  return (res.list ?? res.data ?? []) as T[]
}

export function countOf(db: DB.Database, collection: string, where: object): Promise<number> {
  return count(db.collection(collection).where(where))
}

const directory = new Map<string, { at: number; value: Promise<unknown> }>()

/** A directory read shared by the views of one warm instance for DIRECTORY_TTL_MS (a failed read is not kept). */
function cached<T>(deps: Deps, key: string, read: () => Promise<T>): Promise<T> {
  const now = deps.now().getTime()
  const hit = directory.get(key)
  if (hit && now - hit.at < DIRECTORY_TTL_MS) return hit.value as Promise<T>
  const value = read()
  directory.set(key, { at: now, value })
  value.catch(() => directory.delete(key))
  return value
}

export function loadVillages(deps: Deps): Promise<Village[]> {
  return cached(deps, 'villages', async () => {
    const station = await findById<{ _id: string; villages?: Village[] }>(deps.db, STATION, STATION_ID)
    return station?.villages ?? []
  })
}

export function loadStaff(deps: Deps): Promise<{ id: string; name: string }[]> {
  return cached(deps, 'staff', async () => {
    const _ = deps.db.command
    const rows = await findMany<{ _id: string; name: string }>(deps.db.collection(USERS).where({ role: _.in(['officer', 'admin']) }).limit(200))
    return rows.map((u) => ({ id: u._id, name: u.name })).sort((a, b) => a.id.localeCompare(b.id))
  })
}

/** Whether a one-off migration (a MIGRATIONS document, e.g. `services.stampVillages`) has finished. */
export function migrationDone(deps: Deps, id: string): Promise<boolean> {
  return cached(deps, `migration:${id}`, async () => Boolean((await findById<{ _id: string; done?: boolean }>(deps.db, MIGRATIONS, id))?.done))
}

/** Residents (by account) of each village: one indexed count per village. */
export function residentsByVillage(deps: Deps, villages: readonly Village[]): Promise<Record<string, number>> {
  return cached(deps, `residents:${villages.map((v) => v.id).join(',')}`, async () => {
    const counts = await Promise.all(villages.map((v) => countOf(deps.db, USERS, { role: 'resident', villageId: v.id })))
    return Object.fromEntries(villages.map((v, i) => [v.id, counts[i]]))
  })
}

interface MemoDoc {
  _id: string
  count: number
  computedAt: Date
}

/**
 * Remembered counts of closed ranges, looked up in batches: every key asked for in the same turn of the event loop
 * is read with one query. `count(key, end, compute)` computes (and remembers) a range that ended MEMO_AFTER_MS ago
 * once; a newer range is always counted live.
 */
export function memoCounts(deps: Deps): (key: string, end: Date, compute: () => Promise<number>) => Promise<number> {
  const _ = deps.db.command
  let pending: Map<string, ((v: number | null) => void)[]> | null = null
  let failed: ((e: unknown) => void)[] = []
  const lookup = (key: string) =>
    new Promise<number | null>((resolve, reject) => {
      if (!pending) {
        pending = new Map()
        failed = []
        setTimeout(() => {
          const batch = pending ?? new Map<string, ((v: number | null) => void)[]>()
          const onError = failed
          pending = null
          void (async () => {
            const keys = [...batch.keys()]
            const found = new Map<string, number>()
            for (let i = 0; i < keys.length; i += 100) {
              const rows = await findMany<MemoDoc>(deps.db.collection(FIGURE_MEMO).where({ _id: _.in(keys.slice(i, i + 100)) }).limit(100))
              for (const r of rows) found.set(r._id, r.count)
            }
            for (const [k, waiters] of batch) for (const w of waiters) w(found.get(k) ?? null)
          })().catch((e) => onError.forEach((f) => f(e)))
        }, 0)
      }
      const list = pending.get(key) ?? []
      list.push(resolve)
      pending.set(key, list)
      failed.push(reject)
    })
  return async (key, end, compute) => {
    if (end.getTime() > deps.now().getTime() - MEMO_AFTER_MS) return compute()
    const known = await lookup(key)
    if (known !== null) return known
    const value = await compute()
    // Two views computing the same range store the same number: the second insert fails on the id and is ignored.
    await insert<MemoDoc>(deps.db, FIGURE_MEMO, { _id: key, count: value, computedAt: deps.now() }).catch(() => undefined)
    return value
  }
}

/** Reads every document of a query in pages of 1000, up to `max` (exports only; a page view never does this). */
export async function readAll<T extends { _id: string }>(query: () => DB.Query, max: number): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; out.length < max; skip += 1000) {
    const page = await findMany<T>(query().skip(skip).limit(Math.min(1000, max - out.length)))
    out.push(...page)
    if (page.length < 1000) break
  }
  return out
}

export async function usersByIds(deps: Deps, ids: readonly string[]): Promise<Map<string, { name: string; phone: string }>> {
  const _ = deps.db.command
  const out = new Map<string, { name: string; phone: string }>()
  const unique = [...new Set(ids.filter(Boolean))]
  for (let i = 0; i < unique.length; i += 100) {
    const rows = await findMany<{ _id: string; name: string; phone: string }>(deps.db.collection(USERS).where({ _id: _.in(unique.slice(i, i + 100)) }).limit(100))
    for (const u of rows) out.set(u._id, { name: u.name, phone: u.phone })
  }
  return out
}
