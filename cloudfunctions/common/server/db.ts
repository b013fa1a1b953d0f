// Typed helpers over wx-server-sdk's database calls, whose declared returns (`Promise<T> | void | string`) are awkward.
import type { DB } from 'wx-server-sdk'

/** A stored document: always keyed by a string `_id` in this project. */
export interface Doc {
  _id: string
}

/** Awaits an SDK call that is declared as `Promise<T> | void | string` (the void/string forms are callback and test modes we never use). */
export async function settle<T>(call: Promise<T> | void | string): Promise<T> {
  if (call === undefined || typeof call === 'string') throw new Error('database call did not return a promise')
  return call
}

/**
 * Reads one document by id, or null. Uses a query rather than `doc(id).get()`, which throws on a missing
 * document in CloudBase.
 */
export async function findById<T extends Doc>(db: DB.Database, collection: string, id: string): Promise<T | null> {
  const res = await settle(db.collection(collection).where({ _id: id }).limit(1).get())
  const [first] = res.data as T[]
  return first ?? null
}

/** Runs a query; `T` is what the caller stored in that collection. */
export async function findMany<T extends Doc>(query: DB.Query): Promise<T[]> {
  const res = await settle(query.get())
  return res.data as T[]
}

export async function count(query: DB.Query): Promise<number> {
  const res = await settle(query.count())
  return res.total
}

/** Inserts a document; with an `_id` it fails if that id exists (the database's unique key). Returns the id. */
export async function insert<T extends object>(db: DB.Database, collection: string, data: T): Promise<string> {
  const res = await settle(db.collection(collection).add({ data }))
  return String(res._id)
}

/** Updates every document the query matches; returns how many changed. A conditional update is atomic per document. */
export async function updateWhere(query: DB.Query, data: DB.IUpdateCondition): Promise<number> {
  const call = query.update({ data })
  if (call === undefined) throw new Error('database call did not return a promise')
  const res = await call
  return res.stats.updated
}

/** Updates one document by id; returns 1 if it changed, 0 if it was missing or unchanged. */
export async function updateById(db: DB.Database, collection: string, id: string, data: DB.IUpdateCondition): Promise<number> {
  return updateWhere(db.collection(collection).where({ _id: id }), data)
}

export async function removeById(db: DB.Database, collection: string, id: string): Promise<number> {
  return removeWhere(db.collection(collection).where({ _id: id }))
}

export async function removeWhere(query: DB.Query): Promise<number> {
  const call = query.remove()
  if (call === undefined) throw new Error('database call did not return a promise')
  const res = await call
  return res.stats.removed
}

/** One document inside a transaction: reads see the transaction's snapshot plus its own writes. */
export interface TxDocRef {
  get(): Promise<{ data: unknown }>
  set(options: { data: object }): Promise<unknown>
  update(options: { data: object }): Promise<unknown>
  remove(): Promise<unknown>
}

/** The handle a transaction callback gets (wx-server-sdk types it as `any`). Only document-level calls, as CloudBase allows. */
export interface Tx {
  collection(name: string): { doc(id: string): TxDocRef; add(options: { data: object }): Promise<unknown> }
}

/** A write-write conflict with another transaction: the whole transaction may simply be run again. */
export function isTxConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const e = err as { code?: unknown; errMsg?: unknown; message?: unknown }
  return [e.code, e.errMsg, e.message].some((v) => typeof v === 'string' && v.includes('DATABASE_TRANSACTION_CONFLICT'))
}

/**
 * Runs `run` in one transaction: all its writes commit together or none do; an error thrown in it rolls back
 * and is rethrown as is. A conflict with another transaction (at a write or at commit) runs it again, up to
 * `attempts` times with a short random pause; the last conflict is rethrown (check it with `isTxConflict`).
 * The SDK's own retry only catches conflicts found at commit, so it is turned off here.
 */
export async function transaction<R>(db: DB.Database, run: (t: Tx) => Promise<R>, attempts = 8): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((t: Tx) => run(t), 0)) as R
    } catch (err) {
      if (!isTxConflict(err) || attempt >= attempts) throw err
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}

/** Reads one document inside a transaction, or null when it does not exist (CloudBase throws for a missing id). */
export async function txFindById<T extends Doc>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res.data as T | null | undefined) ?? null
  } catch (err) {
    const msg = typeof err === 'object' && err !== null ? (err as { errMsg?: unknown }).errMsg : undefined
    if (typeof msg === 'string' && msg.includes('does not exist')) return null
    throw err
  }
}
