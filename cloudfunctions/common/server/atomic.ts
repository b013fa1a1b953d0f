// The atomic toolkit: bounded counters, insert-once, sequences, and records created once per request key with
// whatever they charge, in one transaction. Every caller that counts seats, credits, quotas, case numbers or
// marks uses these, so each race is settled in one place.
import type { DB } from 'wx-server-sdk'
import { randomBytes } from 'node:crypto'
import { findById, insert, transaction, txFindById, updateWhere, type Doc, type Tx } from './db'
import { REQUESTS } from '@server/collections'

/** A new document id like the ones CloudBase makes (32 hex digits), for records created by `createOnce`. */
export function newId(): string {
  return randomBytes(16).toString('hex')
}

/** One numeric field of one document. */
export interface Counter {
  collection: string
  id: string
  field: string
}

/** A counter that may be created on first use: `create` gives the other fields of a new document. */
export interface CreatableCounter extends Counter {
  create?: () => Record<string, unknown>
}

/** What an insert-once found: the document now stored under that id, and whether this call stored it. */
export interface InsertOnce<T> {
  created: boolean
  doc: T
}

function valueOf(doc: Doc | null, field: string): number {
  const v = doc ? (doc as unknown as Record<string, unknown>)[field] : undefined
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

/**
 * Inserts `doc` under its fixed `_id` unless a document with that id exists; answers which document is stored.
 * The database's unique `_id` decides between concurrent callers: exactly one gets `created: true`.
 */
export async function insertOnce<T extends Doc>(db: DB.Database, collection: string, doc: T): Promise<InsertOnce<T>> {
  try {
    await insert(db, collection, doc)
    return { created: true, doc }
  } catch (err) {
    // The insert fails when the id exists; anything else (no such id afterwards) is a real failure.
    const existing = await findById<T>(db, collection, doc._id)
    if (!existing) throw err
    return { created: false, doc: existing }
  }
}

/**
 * Adds `by` (default 1) to a counter only if the result stays within `max`; false when it would not. A missing
 * counter is created (from `create`) holding `by`. One conditional update per attempt, so any number of concurrent
 * callers never push the counter past `max`.
 */
export async function takeBounded(db: DB.Database, c: CreatableCounter & { max: number; by?: number }): Promise<boolean> {
  const by = c.by ?? 1
  if (by > c.max) return false
  const _ = db.command
  const tryTake = async () => (await updateWhere(db.collection(c.collection).where({ _id: c.id, [c.field]: _.lte(c.max - by) }), { [c.field]: _.inc(by) })) === 1
  // A failed take means "full" only if the counter exists and is full when read: it may have been created or given
  // back just after the update looked. The database answers each attempt atomically, so a few rounds settle it.
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await tryTake()) return true
    const doc = await findById(db, c.collection, c.id)
    if (!doc) {
      const made = await insertOnce(db, c.collection, { ...(c.create?.() ?? {}), _id: c.id, [c.field]: by })
      if (made.created) return true
    } else if (valueOf(doc, c.field) + by > c.max) {
      return false
    }
  }
  return false
}

/** Gives `by` (default 1) back to a counter, never below zero; false when there was nothing to give back. */
export async function giveBack(db: DB.Database, c: Counter, by = 1): Promise<boolean> {
  const _ = db.command
  return (await updateWhere(db.collection(c.collection).where({ _id: c.id, [c.field]: _.gte(by) }), { [c.field]: _.inc(-by) })) === 1
}

/** Adds `by` to a counter without a bound, creating it (from `create`) when missing. */
export async function increment(db: DB.Database, c: CreatableCounter, by: number, extra: Record<string, unknown> = {}): Promise<void> {
  const _ = db.command
  const bump = async () => (await updateWhere(db.collection(c.collection).where({ _id: c.id }), { ...extra, [c.field]: _.inc(by) })) === 1
  if (await bump()) return
  const made = await insertOnce(db, c.collection, { ...(c.create?.() ?? {}), ...extra, _id: c.id, [c.field]: by })
  if (!made.created) await bump()
}

/**
 * Takes the next number of a sequence (1, 2, 3, …) up to `max`; null only when `max` is really reached. Each
 * attempt is a compare-and-set on the value read: an attempt fails only because another caller took that number,
 * so the sequence moved on and the loop ends after at most `max` attempts, never by giving up early.
 */
export async function nextInSequence(
  db: DB.Database,
  c: CreatableCounter & { max: number; /** The last number already used when the sequence document is first made (default 0). */ start?: () => Promise<number> },
): Promise<number | null> {
  for (let attempt = 0; attempt <= c.max + 1; attempt++) {
    const doc = await findById(db, c.collection, c.id)
    if (!doc) {
      const first = (c.start ? await c.start() : 0) + 1
      if (first > c.max) return null
      const made = await insertOnce(db, c.collection, { ...(c.create?.() ?? {}), _id: c.id, [c.field]: first })
      if (made.created) return first
      continue
    }
    const n = valueOf(doc, c.field)
    if (n >= c.max) return null
    if ((await updateWhere(db.collection(c.collection).where({ _id: c.id, [c.field]: n }), { [c.field]: n + 1 })) === 1) return n + 1
    // Lost to another caller: a short random pause spreads the next round instead of every loser retrying at once.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * Math.min(attempt + 1, 8)))
  }
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// Inside a transaction (see `transaction` in db.ts): plain reads and writes of the snapshot; a concurrent writer of
// the same document makes the transaction conflict and run again, so a bound checked here holds.

/** Like takeBounded, inside a transaction. */
export async function txTakeBounded(t: Tx, c: CreatableCounter & { max: number; by?: number }): Promise<boolean> {
  const by = c.by ?? 1
  const doc = await txFindById(t, c.collection, c.id)
  if (!doc) {
    if (by > c.max) return false
    await t.collection(c.collection).add({ data: { ...(c.create?.() ?? {}), _id: c.id, [c.field]: by } })
    return true
  }
  const n = valueOf(doc, c.field)
  if (n + by > c.max) return false
  await t.collection(c.collection).doc(c.id).update({ data: { [c.field]: n + by } })
  return true
}

/** Like giveBack, inside a transaction. */
export async function txGiveBack(t: Tx, c: Counter, by = 1): Promise<boolean> {
  const doc = await txFindById(t, c.collection, c.id)
  const n = valueOf(doc, c.field)
  if (!doc || n < by) return false
  await t.collection(c.collection).doc(c.id).update({ data: { [c.field]: n - by } })
  return true
}

/**
 * Moves one unit from `from` to `to` (bounded by `max`) inside a transaction: both or neither. False when `to` is
 * full; then nothing changed. Moving a booking between slots is this plus the booking's own update in the same
 * transaction, so a cancel running at the same time cannot give back the seat it no longer holds.
 */
export async function txMoveBounded(t: Tx, from: Counter, to: CreatableCounter & { max: number }): Promise<boolean> {
  if (!(await txTakeBounded(t, to))) return false
  await txGiveBack(t, from)
  return true
}

// ---------------------------------------------------------------------------------------------------------------
// Records created once per request key (see `CallerContext.requestKey`): a retry of a call that died half-way finds
// the record the first call stored, instead of waiting for it or storing a second one.

/** Where request keys point at the record they created: kept in REQUESTS, pruned with the request ledger. */
export interface RequestMarkDoc {
  _id: string // the request key
  kind: 'record'
  collection: string
  recordId: string
  createdAt: Date
  updatedAt: Date
}

/** The id of the record created under `requestKey`, or null. */
export async function recordOf(db: DB.Database, requestKey: string | undefined, collection: string): Promise<string | null> {
  if (!requestKey) return null
  const mark = await findById<RequestMarkDoc>(db, REQUESTS, requestKey)
  return mark && mark.collection === collection ? mark.recordId : null
}

export interface CreateOnce<T extends Doc> {
  /** The caller's request key; without one the record is simply created. */
  requestKey: string | undefined
  collection: string
  doc: T
  now: Date
  /** What the record charges (quotas, seats…), written in the same transaction; throwing here stores nothing. */
  charge?: (t: Tx) => Promise<void>
  /** Runs of the transaction when it conflicts with others on a hot document (default 8, see `transaction`). */
  attempts?: number
}

/**
 * Stores `doc` and its charges in one transaction, together with a mark under the request key; when a record was
 * already created under that key (a retry, or a duplicate running at the same time), stores nothing and answers
 * that record's id with `created: false`. A failure inside rolls everything back and is rethrown.
 */
export async function createOnce<T extends Doc>(db: DB.Database, o: CreateOnce<T>): Promise<{ created: boolean; id: string }> {
  return transaction(db, async (t) => {
    if (o.requestKey) {
      const mark = await txFindById<RequestMarkDoc>(t, REQUESTS, o.requestKey)
      if (mark) return { created: false, id: mark.recordId }
    }
    if (o.charge) await o.charge(t)
    await t.collection(o.collection).add({ data: o.doc })
    if (o.requestKey) {
      const mark: RequestMarkDoc = { _id: o.requestKey, kind: 'record', collection: o.collection, recordId: o.doc._id, createdAt: o.now, updatedAt: o.now }
      await t.collection(REQUESTS).add({ data: mark })
    }
    return { created: true, id: o.doc._id }
  }, o.attempts)
}
