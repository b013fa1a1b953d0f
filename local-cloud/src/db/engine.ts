// The database engine: SQLite storage, mingo semantics, push-down, transactions.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { Aggregator } from 'mingo/aggregator'
import { Query } from 'mingo/query'
import { update as mingoUpdate } from 'mingo/updater'
import { WireError, type DatabaseSchema } from '../wire'
import { ObjectId } from 'bson'
import { decodeDoc, encodeDoc, isPlainObject, rememberWireText, type Doc } from './codec'
import { kindAt, kindSql, pathExpr, planQuery, uniqueKindSql, type Kind, type Plan, type SqlParam } from './planner'
import { checkUpdate, MINGO_OPTIONS, sortDocs, uniqueKeys } from './semantics'

type Conn = Database.Database
type Stmt = Database.Statement

/** Idle snapshot connections kept for the next transactions (more concurrent ones open and close their own). */
const SNAPSHOT_POOL = 16
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/** CloudBase's answer size for an aggregation that has no $limit stage. */
export const DEFAULT_AGGREGATE_LIMIT = 20

const SUPPORTED_UPDATE_OPS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$rename', '$bit', '$currentDate',
])

interface IndexDef {
  name: string
  sqlName: string
  unique: boolean
  sql: string
}

interface Coll {
  name: string
  table: string
  indexes: IndexDef[]
  indexedPaths: Set<string>
  profiles: Map<string, Set<Kind>>
  uniqueIndexes: Array<{ name: string; paths: string[] }>
}

interface TxWrite {
  coll: Coll
  id: string
  doc: Doc | null
  insert: boolean
}

interface Tx {
  id: string
  conn: Conn
  startSeq: number
  /** data_version of the main connection when the snapshot was taken (changes on other processes' commits). */
  startDataVersion: number
  writes: Map<string, TxWrite>
  /** Every document this transaction locked, written or not (a no-op update or a missing remove still locks). */
  locked: Set<string>
  timer: NodeJS.Timeout
  /** A write met another transaction's lock or a newer commit: the commit will answer the conflict. */
  doomed?: WireError
}

export interface SelectOptions {
  order?: Array<[string, 1 | -1]>
  offset?: number
  limit?: number
  projection?: Doc
  /**
   * Remember each document's stored text (codec.wireText), for a caller that answers the documents as they are
   * (getDocument): the stored JSON is already relaxed EJSON, so it need not be encoded again.
   */
  wireText?: boolean
}

export interface EngineOptions {
  file: string
  schema: DatabaseSchema
  now?: () => Date
  /** Abandoned transactions are aborted (and their locks released) after this long. Default 30 s. */
  transactionTimeoutMs?: number
  /** SQLite `synchronous` in WAL mode. NORMAL (default): a commit survives kill -9 of the process (the WAL is written before the call returns) but the last commits may be lost on power loss; ~0.1 ms per write. FULL also fsyncs each commit (survives power loss); ~3.5 ms per write here. */
  synchronous?: 'FULL' | 'NORMAL'
}

export interface ModifyResult {
  updated: number
  upsertId?: string
}

const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`
const docKey = (coll: string, id: string) => `${coll}\u0000${id}`

/** A write outside transactions met a document locked by an open transaction (see Engine.assertUnlocked). */
export class DocumentLocked extends Error {
  constructor(
    readonly coll: string,
    readonly id: string,
    readonly holder: string,
  ) {
    super(`document ${coll}/${id} is locked by open transaction ${holder}`)
  }
}

export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

/** Maps an error thrown by mingo to the wire error that names the unsupported operator. */
export function mingoError(e: unknown): WireError {
  if (e instanceof WireError) return e
  const msg = e instanceof Error ? e.message : String(e)
  const op = /unknown|unregistered|not registered|not supported|requires 'scriptEnabled'/i.test(msg) ? /\$\w+/.exec(msg)?.[0] : undefined
  if (op) return new WireError('DATABASE_INVALID_OPERRATOR', `operator ${op} is not supported by the local cloud (${msg})`)
  return new WireError('DATABASE_REQUEST_FAILED', msg)
}

/**
 * A key that tells apart every query mingo would compile differently: JSON with Dates, RegExps, ObjectIds,
 * non-finite numbers and undefined tagged (plain JSON would make a Date and its ISO string, or /a/ and {}, collide).
 * Key order is kept (it matters to MongoDB's equality on embedded documents).
 */
function queryKey(query: Doc): string {
  return JSON.stringify(query, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k]
    if (raw instanceof Date) return { '\u0000date': raw.getTime() }
    if (raw instanceof RegExp) return { '\u0000re': [raw.source, raw.flags] }
    if (raw instanceof ObjectId) return { '\u0000oid': raw.toHexString() }
    if (typeof v === 'number' && !Number.isFinite(v)) return { '\u0000num': String(v) }
    if (v === undefined) return { '\u0000undefined': 1 }
    return v
  })
}

/**
 * Compiled mingo queries by queryKey. An action sends the same few query shapes with the same values again and
 * again (a caller's profile, the station, a day's slots), and compiling is a good part of a small read's cost.
 * A compiled Query holds no state between test() calls, so one serves every caller.
 */
const compiled = new Map<string, Query>()
const COMPILED_MAX = 2000
/** Longer queries (a big `$in`) are compiled each time rather than kept. */
const COMPILED_KEY_MAX = 4096

function compileQuery(query: Doc): Query {
  const key = queryKey(query)
  const hit = key.length <= COMPILED_KEY_MAX ? compiled.get(key) : undefined
  if (hit) return hit
  let q: Query
  try {
    q = new Query(query, MINGO_OPTIONS)
  } catch (e) {
    throw mingoError(e)
  }
  if (key.length <= COMPILED_KEY_MAX) {
    // Oldest first out (a Map iterates in insertion order).
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value as string)
    compiled.set(key, q)
  }
  return q
}

export class Engine {
  readonly db: Conn
  private readonly colls = new Map<string, Coll>()
  private readonly stmts = new WeakMap<Conn, Map<string, Stmt>>()
  private readonly txs = new Map<string, Tx>()
  private readonly locks = new Map<string, string>()
  /** Sequence number of the last committed write per document, kept while transactions are open. */
  private readonly lastWrite = new Map<string, number>()
  private seq = 0
  private dataVersion = 0
  /** `PRAGMA data_version`, prepared once: it runs before every operation (db.pragma() prepares it each time). */
  private readonly dataVersionStmt: Stmt
  /**
   * Idle read-only connections for transaction snapshots. Opening one per transaction (file, WAL index, schema)
   * was a good part of a short transaction's cost; a pooled one only runs BEGIN/ROLLBACK.
   */
  private readonly snapshotConns: Conn[] = []
  /** Writers waiting for a transaction to release its locks. */
  private unlockWaiters: Array<() => void> = []
  /** Rows read from SQLite and decoded by queries (a timing-free measure of push-down, for tests). */
  rowsRead = 0
  /** Transactions started, and those that ended in a conflict (the SDK runs them again): for the benchmark. */
  txStarted = 0
  txConflicts = 0
  readonly now: () => Date
  private readonly txTimeoutMs: number

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? (() => new Date())
    this.txTimeoutMs = opts.transactionTimeoutMs ?? 30_000
    mkdirSync(dirname(opts.file), { recursive: true })
    this.db = new Database(opts.file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`)
    this.db.pragma('busy_timeout = 5000')
    this.dataVersionStmt = this.db.prepare('PRAGMA data_version').pluck()
    for (const [name, spec] of Object.entries(opts.schema.collections)) this.createCollection(name, spec.indexes ?? [])
    this.dataVersion = this.readDataVersion()
  }

  // ---------- other writers ----------

  /** SQLite's `data_version`: changes when ANOTHER connection (another process: `npm run seed`) commits. */
  private readDataVersion(): number {
    return this.dataVersionStmt.get() as number
  }

  /**
   * The push-down profiles describe what this process wrote; a write by another process can add
   * kinds (an array on an indexed path) they do not know. Checked before every operation: when the
   * file changed under us, the profiles are read again from the data.
   */
  private syncExternalWrites() {
    const v = this.readDataVersion()
    if (v === this.dataVersion) return
    this.dataVersion = v
    for (const c of this.colls.values()) this.loadProfiles(c)
  }

  private loadProfiles(c: Coll) {
    for (const path of c.indexedPaths) {
      const rows = this.db.prepare(`SELECT DISTINCT ${kindSql(path)} AS k FROM ${c.table}`).all() as Array<{ k: Kind }>
      c.profiles.set(path, new Set(rows.map((r) => r.k)))
    }
  }

  // ---------- schema ----------

  private createCollection(name: string, indexes: NonNullable<DatabaseSchema['collections'][string]['indexes']>) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`database.json: collection name "${name}" must use letters, digits, _ . -`)
    const table = quoteId(`c_${name}`)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
    const coll: Coll = { name, table, indexes: [], indexedPaths: new Set(), profiles: new Map(), uniqueIndexes: [] }
    const safe = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_')
    for (const ix of indexes) {
      for (const [path] of ix.fields) {
        if (!/^[^.$"'][^"']*$/.test(path)) throw new Error(`database.json: ${name}.${ix.name}: bad field path "${path}"`)
        if (path !== '_id') coll.indexedPaths.add(path)
      }
      const cols = ix.fields.map(([p, dir]) => `${pathExpr(p)} ${dir === -1 ? 'DESC' : 'ASC'}`)
      const plain = `ix_${safe(name)}_${safe(ix.name)}`
      coll.indexes.push({ name: ix.name, sqlName: plain, unique: false, sql: `CREATE INDEX ${quoteId(plain)} ON ${table} (${cols.join(', ')})` })
      if (ix.unique) {
        // MongoDB treats a missing field as null in a unique index (two documents without it collide);
        // SQLite treats NULLs as distinct, so the unique index maps NULL to a sentinel blob.
        // The value alone would make true and 1, or a Date and its epoch ms, collide: each field is
        // keyed by (kind, value). Arrays are keyed per element by checkUniqueArrays.
        const ucols = ix.fields.map(([p]) => (p === '_id' ? '_id' : `${uniqueKindSql(p)}, ifnull(${pathExpr(p)}, X'00')`))
        const uname = `ux_${safe(name)}_${safe(ix.name)}`
        coll.uniqueIndexes.push({ name: ix.name, paths: ix.fields.map(([p]) => p) })
        coll.indexes.push({ name: ix.name, sqlName: uname, unique: true, sql: `CREATE UNIQUE INDEX ${quoteId(uname)} ON ${table} (${ucols.join(', ')})` })
      }
    }
    const existing = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(`c_${name}`) as Array<{ name: string; sql: string }>
    const wanted = new Map(coll.indexes.map((i) => [i.sqlName, i.sql]))
    for (const ex of existing) {
      if (wanted.get(ex.name) !== ex.sql) this.db.exec(`DROP INDEX ${quoteId(ex.name)}`)
    }
    const have = new Set(existing.filter((ex) => wanted.get(ex.name) === ex.sql).map((ex) => ex.name))
    for (const ix of coll.indexes) {
      if (have.has(ix.sqlName)) continue
      try {
        this.db.exec(ix.sql)
      } catch (e) {
        throw new Error(`database.json: cannot create index ${name}.${ix.name}: ${(e as Error).message}`)
      }
    }
    this.loadProfiles(coll)
    this.colls.set(name, coll)
  }

  coll(name: unknown): Coll {
    if (typeof name !== 'string' || !name) throw new WireError('INVALID_PARAM', 'collectionName is required')
    const c = this.colls.get(name)
    if (!c) throw new WireError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}. Declare it in cloudfunctions/database.json.`)
    this.syncExternalWrites()
    return c
  }

  private stmt(conn: Conn, sql: string): Stmt {
    let m = this.stmts.get(conn)
    if (!m) this.stmts.set(conn, (m = new Map()))
    let s = m.get(sql)
    if (!s) m.set(sql, (s = conn.prepare(sql)))
    return s
  }

  // ---------- reads ----------

  /** The SQL a query runs (for EXPLAIN QUERY PLAN in tests and for diagnostics). */
  planFor(collName: string, query: Doc, order: Array<[string, 1 | -1]> = []): { sql: string; params: SqlParam[]; plan: Plan } {
    const c = this.coll(collName)
    const plan = planQuery(query, order, c.indexedPaths, c.profiles)
    return { sql: `SELECT _id, doc FROM ${c.table} WHERE ${plan.where} ${plan.orderBy}`, params: plan.params, plan }
  }

  /** Runs a query on `conn` (the main connection, or a transaction's snapshot with its own writes overlaid). */
  select(c: Coll, query: Doc, opts: SelectOptions, tx?: Tx): Doc[] {
    const conn = tx?.conn ?? this.db
    const order = opts.order ?? []
    const offset = opts.offset ?? 0
    const limit = opts.limit ?? Number.POSITIVE_INFINITY
    const mq = compileQuery(query)
    const plan = planQuery(query, order, c.indexedPaths, c.profiles)
    const sql = `SELECT _id, doc FROM ${c.table} WHERE ${plan.where} ${plan.orderBy}`
    let out: Doc[] = []
    const overlay = tx ? [...tx.writes.values()].filter((w) => w.coll === c) : []
    if (plan.sorted && overlay.length === 0) {
      if (limit > 0) {
        let skipped = 0
        for (const row of this.stmt(conn, sql).iterate(...plan.params) as IterableIterator<{ doc: string }>) {
          this.rowsRead++
          const doc = decodeDoc(row.doc)
          if (opts.wireText) rememberWireText(doc, row.doc)
          if (!mq.test(doc)) continue
          if (skipped < offset) {
            skipped++
            continue
          }
          out.push(doc)
          if (out.length >= limit) break
        }
      }
    } else {
      const rows = this.stmt(conn, sql).all(...plan.params) as Array<{ _id: string; doc: string }>
      this.rowsRead += rows.length
      const shadowed = new Set(overlay.map((w) => w.id))
      const docs = rows
        .filter((r) => !shadowed.has(r._id))
        .map((r) => {
          const doc = decodeDoc(r.doc)
          if (opts.wireText) rememberWireText(doc, r.doc)
          return doc
        })
      for (const w of overlay) if (w.doc) docs.push(structuredCloneDoc(w.doc))
      try {
        const matched = sortDocs(mq.find<Doc>(docs).all(), order)
        out = matched.slice(offset, Number.isFinite(limit) ? offset + limit : undefined)
      } catch (e) {
        throw mingoError(e)
      }
    }
    return this.project(out, opts.projection)
  }

  project(docs: Doc[], projection: Doc | undefined): Doc[] {
    if (!projection || Object.keys(projection).length === 0) return docs
    try {
      return new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all()
    } catch (e) {
      throw mingoError(e)
    }
  }

  count(c: Coll, query: Doc): number {
    compileQuery(query) // reject unsupported operators even when SQL could answer
    const plan = planQuery(query, [], c.indexedPaths, c.profiles)
    if (plan.exact) return (this.stmt(this.db, `SELECT count(*) AS n FROM ${c.table} WHERE ${plan.where}`).get(...plan.params) as { n: number }).n
    return this.select(c, query, {}).length
  }

  aggregate(c: Coll, pipeline: Doc[]): Doc[] {
    let source: Doc[]
    let rest = pipeline
    const first = pipeline[0]
    if (first && isPlainObject(first.$match)) {
      source = this.select(c, first.$match, {})
      rest = pipeline.slice(1)
    } else {
      source = this.select(c, {}, {})
    }
    // CloudBase returns 20 results from an aggregation without a $limit stage.
    if (!pipeline.some((s) => isPlainObject(s) && '$limit' in s)) rest = [...rest, { $limit: DEFAULT_AGGREGATE_LIMIT }]
    try {
      const agg = new Aggregator(rest, {
        ...MINGO_OPTIONS,
        collectionResolver: (name: string) => this.select(this.coll(name), {}, {}),
      })
      return agg.run(source) as Doc[]
    } catch (e) {
      throw mingoError(e)
    }
  }

  // ---------- writes (outside transactions) ----------

  private noteWrite(c: Coll, id: string, doc: Doc | null) {
    this.seq++
    if (this.txs.size) this.lastWrite.set(docKey(c.name, id), this.seq)
    if (doc) for (const [path, set] of c.profiles) set.add(kindAt(doc, path))
  }

  private sqlInsert(c: Coll, doc: Doc) {
    const id = doc._id as string
    this.checkUniqueArrays(c, doc)
    try {
      this.stmt(this.db, `INSERT INTO ${c.table} (_id, doc) VALUES (?, ?)`).run(id, encodeDoc(doc))
    } catch (e) {
      throw this.constraintError(c, e, doc)
    }
    this.noteWrite(c, id, doc)
  }

  private sqlUpsert(c: Coll, doc: Doc) {
    const id = doc._id as string
    this.checkUniqueArrays(c, doc)
    try {
      this.stmt(this.db, `INSERT INTO ${c.table} (_id, doc) VALUES (?, ?) ON CONFLICT(_id) DO UPDATE SET doc = excluded.doc`).run(id, encodeDoc(doc))
    } catch (e) {
      throw this.constraintError(c, e, doc)
    }
    this.noteWrite(c, id, doc)
  }

  private sqlDelete(c: Coll, id: string) {
    this.stmt(this.db, `DELETE FROM ${c.table} WHERE _id = ?`).run(id)
    this.noteWrite(c, id, null)
  }

  /**
   * MongoDB keys a unique index on an array field by each element: two documents sharing an element
   * collide. The SQLite index sees the array as one value, so when an array is (or may be) on a
   * unique path, the keys are compared here, over the collection.
   */
  private checkUniqueArrays(c: Coll, doc: Doc) {
    for (const ix of c.uniqueIndexes) {
      if (!ix.paths.some((p) => kindAt(doc, p) === 'array' || c.profiles.get(p)?.has('array'))) continue
      const mine = new Set(uniqueKeys(doc, ix.paths))
      for (const row of this.stmt(this.db, `SELECT doc FROM ${c.table} WHERE _id != ?`).iterate(doc._id) as IterableIterator<{ doc: string }>) {
        const other = decodeDoc(row.doc)
        const dup = uniqueKeys(other, ix.paths).find((k) => mine.has(k))
        if (dup !== undefined) throw new WireError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c.name} index: ${ix.name} (an array element is already in the index)`)
      }
    }
  }

  private constraintError(c: Coll, e: unknown, doc: Doc): unknown {
    const err = e as { code?: string; message?: string }
    if (!err.code?.startsWith('SQLITE_CONSTRAINT')) return e
    const m = /index '([^']+)'/.exec(err.message ?? '')
    const ix = m ? c.indexes.find((i) => i.sqlName === m[1]) : undefined
    const name = ix ? ix.name : '_id_'
    const key = ix ? '' : ` dup key: { _id: ${JSON.stringify(doc._id)} }`
    return new WireError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c.name} index: ${name}${key}`)
  }

  private prepareNewDoc(raw: Doc): Doc {
    const doc = { ...raw }
    if (doc._id === undefined) doc._id = newDocId()
    if (typeof doc._id !== 'string' || doc._id === '') throw new WireError('INVALID_PARAM', 'the local cloud supports only non-empty string _id values')
    return doc
  }

  insert(c: Coll, docs: Doc[]): string[] {
    const prepared = docs.map((d) => this.prepareNewDoc(d))
    this.assertUnlocked(c, prepared.map((d) => d._id as string))
    this.db.transaction(() => {
      for (const d of prepared) this.sqlInsert(c, d)
    })()
    return prepared.map((d) => d._id as string)
  }

  modify(c: Coll, query: Doc, data: Doc, o: { multi: boolean; merge: boolean; upsert: boolean }): ModifyResult {
    checkUpdateData(data, o.merge)
    return this.db.transaction((): ModifyResult => {
      const targets = this.select(c, query, { limit: o.multi ? undefined : 1 })
      this.assertUnlocked(c, targets.map((t) => t._id as string))
      if (targets.length === 0) {
        if (!o.upsert) return { updated: 0 }
        const base = upsertBase(query)
        const doc = o.merge ? applyUpdate(base, data).doc : { ...data, _id: base._id }
        const fresh = this.prepareNewDoc(doc)
        this.assertUnlocked(c, [fresh._id as string])
        this.sqlInsert(c, fresh)
        return { updated: 0, upsertId: fresh._id as string }
      }
      let updated = 0
      for (const cur of targets) {
        if (o.merge) {
          const r = applyUpdate(cur, data, query)
          if (!r.changed) continue
          this.sqlUpsert(c, r.doc)
        } else {
          this.sqlUpsert(c, { ...data, _id: cur._id })
        }
        updated++
      }
      return { updated }
    })()
  }

  remove(c: Coll, query: Doc, multi: boolean): number {
    return this.db.transaction((): number => {
      const targets = this.select(c, query, { limit: multi ? undefined : 1 })
      this.assertUnlocked(c, targets.map((t) => t._id as string))
      for (const t of targets) this.sqlDelete(c, t._id as string)
      return targets.length
    })()
  }

  // ---------- transactions ----------

  startTransaction(): string {
    const id = `tx-${newDocId()}`
    const startDataVersion = this.readDataVersion() // before the snapshot: a commit in between only makes commit compare rows
    this.txStarted++
    const conn = this.snapshotConns.pop() ?? this.openSnapshotConn()
    conn.exec('BEGIN')
    conn.prepare('SELECT count(*) FROM sqlite_master').get() // takes the WAL read snapshot now
    const timer = setTimeout(() => this.endTransaction(id), this.txTimeoutMs)
    timer.unref()
    this.txs.set(id, { id, conn, startSeq: this.seq, startDataVersion, writes: new Map(), locked: new Set(), timer })
    return id
  }

  private openSnapshotConn(): Conn {
    const conn = new Database(this.opts.file, { readonly: true })
    conn.pragma('busy_timeout = 5000')
    return conn
  }

  tx(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx) {
      throw new WireError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${String(id)} does not exist: it was committed, aborted, or expired after ${this.txTimeoutMs / 1000} s. Start a new transaction.`,
      )
    }
    return tx
  }

  private endTransaction(id: string) {
    const tx = this.txs.get(id)
    if (!tx) return
    clearTimeout(tx.timer)
    for (const key of tx.locked) if (this.locks.get(key) === id) this.locks.delete(key)
    let reusable = true
    try {
      tx.conn.exec('ROLLBACK')
    } catch {
      reusable = false // the snapshot may already be closed
    }
    // The connection goes back to the pool (its prepared statements with it); only the extra ones are closed.
    if (reusable && tx.conn.open && this.snapshotConns.length < SNAPSHOT_POOL) this.snapshotConns.push(tx.conn)
    else if (tx.conn.open) tx.conn.close()
    this.txs.delete(id)
    if (this.txs.size === 0) this.lastWrite.clear()
    const waiters = this.unlockWaiters
    this.unlockWaiters = []
    for (const w of waiters) w()
  }

  abortTransaction(id: unknown) {
    this.endTransaction(this.tx(id).id)
  }

  private conflict(tx: Tx, c: Coll, id: string): WireError {
    this.txConflicts++
    return new WireError('DATABASE_TRANSACTION_CONFLICT', `[DATABASE_TRANSACTION_CONFLICT] document ${c.name}/${id} is being written by another transaction or changed after transaction ${tx.id} started; retry the transaction`)
  }

  /**
   * Locks a document for `tx`. A write-write conflict does not fail the write itself: wx-server-sdk
   * turns an error answered to a write into a plain SDK error (errCode -501001) that `runTransaction`
   * does not retry; it retries only a `{ code: 'DATABASE_TRANSACTION_CONFLICT' }` answered to
   * commit (@cloudbase/database 1.4.3, transaction/index.js). So the transaction is marked doomed,
   * keeps its own view, and its commit answers the conflict (and `runTransaction` retries).
   */
  private lock(tx: Tx, c: Coll, id: string) {
    const key = docKey(c.name, id)
    const holder = this.locks.get(key)
    if ((holder && holder !== tx.id) || (this.lastWrite.get(key) ?? 0) > tx.startSeq) {
      tx.doomed ??= this.conflict(tx, c, id)
      return
    }
    this.locks.set(key, tx.id)
    tx.locked.add(key)
  }

  /**
   * A write outside transactions to a document an open transaction has locked waits, as in MongoDB,
   * until that transaction ends (commit, abort or timeout). The engine is synchronous: it throws
   * `DocumentLocked` and the wire handler waits (`waitForUnlock`) and runs the write again.
   */
  private assertUnlocked(c: Coll, ids: Iterable<string>) {
    if (this.locks.size === 0) return
    for (const id of ids) {
      const holder = this.locks.get(docKey(c.name, id))
      if (holder) throw new DocumentLocked(c.name, id, holder)
    }
  }

  /** Resolves when any transaction ends, or after `ms`. */
  waitForUnlock(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.unlockWaiters.push(done)
    })
  }

  /** How long a plain write may wait for a transaction: its whole lifetime, plus a margin. */
  get lockWaitMs(): number {
    return this.txTimeoutMs + 1000
  }

  txGet(tx: Tx, c: Coll, id: string): Doc | null {
    const w = tx.writes.get(docKey(c.name, id))
    if (w) return w.doc ? structuredCloneDoc(w.doc) : null
    const row = this.stmt(tx.conn, `SELECT doc FROM ${c.table} WHERE _id = ?`).get(id) as { doc: string } | undefined
    return row ? decodeDoc(row.doc) : null
  }

  txSelect(tx: Tx, c: Coll, query: Doc, opts: SelectOptions): Doc[] {
    return this.select(c, query, opts, tx)
  }

  txInsert(tx: Tx, c: Coll, docs: Doc[]): string[] {
    const prepared = docs.map((d) => this.prepareNewDoc(d))
    for (const d of prepared) {
      const id = d._id as string
      this.lock(tx, c, id)
      if (this.txGet(tx, c, id)) throw new WireError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)
      tx.writes.set(docKey(c.name, id), { coll: c, id, doc: d, insert: true })
    }
    return prepared.map((d) => d._id as string)
  }

  txModify(tx: Tx, c: Coll, id: string, data: Doc, o: { merge: boolean; upsert: boolean }): ModifyResult {
    checkUpdateData(data, o.merge)
    this.lock(tx, c, id)
    const key = docKey(c.name, id)
    const cur = this.txGet(tx, c, id)
    const insert = tx.writes.get(key)?.insert ?? false
    if (!cur) {
      if (!o.upsert) return { updated: 0 }
      const doc = o.merge ? applyUpdate({ _id: id }, data).doc : { ...data, _id: id }
      tx.writes.set(key, { coll: c, id, doc, insert: false })
      return { updated: 0, upsertId: id }
    }
    if (o.merge) {
      const r = applyUpdate(cur, data)
      if (!r.changed) return { updated: 0 }
      tx.writes.set(key, { coll: c, id, doc: r.doc, insert })
    } else {
      tx.writes.set(key, { coll: c, id, doc: { ...data, _id: id }, insert })
    }
    return { updated: 1 }
  }

  txRemove(tx: Tx, c: Coll, id: string): number {
    this.lock(tx, c, id)
    const cur = this.txGet(tx, c, id)
    if (!cur) return 0
    tx.writes.set(docKey(c.name, id), { coll: c, id, doc: null, insert: false })
    return 1
  }

  commitTransaction(id: unknown) {
    const tx = this.tx(id)
    try {
      if (tx.doomed) throw tx.doomed
      for (const [key, w] of tx.writes) if ((this.lastWrite.get(key) ?? 0) > tx.startSeq) throw this.conflict(tx, w.coll, w.id)
      // A document another process changed since the snapshot (not in lastWrite): compare the rows.
      if (this.readDataVersion() !== tx.startDataVersion) {
        for (const w of tx.writes.values()) {
          const sql = `SELECT doc FROM ${w.coll.table} WHERE _id = ?`
          const then = this.stmt(tx.conn, sql).get(w.id) as { doc: string } | undefined
          const cur = this.stmt(this.db, sql).get(w.id) as { doc: string } | undefined
          if (then?.doc !== cur?.doc) throw this.conflict(tx, w.coll, w.id)
        }
      }
      this.db.transaction(() => {
        for (const w of tx.writes.values()) {
          if (!w.doc) this.sqlDelete(w.coll, w.id)
          else if (w.insert) this.sqlInsert(w.coll, w.doc)
          else this.sqlUpsert(w.coll, w.doc)
        }
      })()
    } finally {
      this.endTransaction(tx.id)
    }
  }

  close() {
    for (const id of [...this.txs.keys()]) this.endTransaction(id)
    for (const conn of this.snapshotConns.splice(0)) conn.close()
    this.db.close()
  }
}

function structuredCloneDoc(doc: Doc): Doc {
  return decodeDoc(encodeDoc(doc))
}

function touchesId(path: string) {
  return path === '_id' || path.startsWith('_id.')
}

/** Rejects update data the engine would otherwise misapply: _id changes, unknown operators, mixed forms. */
function checkUpdateData(data: Doc, merge: boolean) {
  const keys = Object.keys(data)
  if (merge) {
    for (const k of keys) {
      if (!k.startsWith('$')) throw new WireError('INVALID_PARAM', `update data must use update operators ($set, $inc, ...); got field "${k}"`)
      if (!SUPPORTED_UPDATE_OPS.has(k)) throw new WireError('DATABASE_INVALID_OPERRATOR', `update operator ${k} is not supported by the local cloud`)
      const spec = data[k]
      if (!isPlainObject(spec)) throw new WireError('INVALID_PARAM', `${k} needs an object of field paths`)
      for (const p of Object.keys(spec)) {
        if (touchesId(p) || (k === '$rename' && typeof spec[p] === 'string' && touchesId(spec[p] as string))) throw new WireError('INVALID_PARAM', '不能更新_id的值 (the _id of a document cannot be changed)')
      }
    }
  } else {
    for (const k of keys) if (k.startsWith('$')) throw new WireError('INVALID_PARAM', `set() data cannot contain operator ${k}`)
    if ('_id' in data) throw new WireError('INVALID_PARAM', '不能更新_id的值 (the _id of a document cannot be changed)')
  }
}

/**
 * Applies MongoDB update operators with mingo to a copy of `doc`, after the
 * checks MongoDB makes (`checkUpdate`). `condition` is the query that selected the document: the
 * positional `arr.$` update resolves against it, as in MongoDB.
 */
export function applyUpdate(doc: Doc, data: Doc, condition: Doc = {}): { doc: Doc; changed: boolean } {
  const copy = structuredCloneDoc(doc)
  try {
    checkUpdate(copy, data)
  } catch (e) {
    throw new WireError('DATABASE_REQUEST_FAILED', (e as Error).message)
  }
  // All operators in one call: mingo checks `condition` before applying, so applying them one at a
  // time would skip the later ones once an earlier one made the document stop matching the query.
  // The condition is needed only by the positional `arr.$`.
  const positional = Object.values(data).some((spec) => isPlainObject(spec) && Object.keys(spec).some((p) => /\.\$(\.|$)/.test(p)))
  let changed = false
  try {
    const modified = mingoUpdate(copy, data as Parameters<typeof mingoUpdate>[1], undefined, positional ? condition : undefined, { queryOptions: MINGO_OPTIONS })
    changed = modified.length > 0
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    if (msg.includes("'.$'")) throw new WireError('DATABASE_REQUEST_FAILED', `The positional operator did not find the match needed from the query: use where() on the array field with the positional update (${msg})`)
    throw mingoError(e)
  }
  return { doc: copy, changed }
}

/** The fields an upsert starts from: the equality fields of the query (MongoDB does the same). */
function upsertBase(query: Doc): Doc {
  const base: Doc = {}
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) base[k] = v.$eq
      continue
    }
    base[k] = v
  }
  return base
}
