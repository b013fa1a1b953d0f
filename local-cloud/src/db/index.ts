// The `database.*` actions of the CloudBase wire protocol, as @cloudbase/database 1.4.3 sends them.
// Reply shapes (verified against the SDK's code; the server adds `requestId`):
//   insertDocument      -> { data: { insertedIds: string[] } }
//   getDocument         -> { data: { list: string[] (relaxed EJSON docs), offset, limit } }
//   calculateDocument   -> { data: { total } }
//   modifyDocument      -> { data: { updated, upsert_id? } }
//   removeDocument      -> { data: { deleted } }
//   aggregateDocuments  -> { data: { list: string[] } }
//   startTransaction    -> { transactionId }          (top level, not in data)
//   commitTransaction / abortTransaction -> {}
import type { AdminReply, AdminRequest, AdminService, DatabaseSchema } from '../wire'
import { WireError } from '../wire'
import { isPlainObject, parseWire, parseWireObject, toWireString, type Doc } from './codec'
import type { SqlParam } from './planner'
import { DEFAULT_LIMIT, DocumentLocked, Engine, MAX_LIMIT, mingoError, type EngineOptions, type SelectOptions } from './engine'

export type { Doc } from './codec'
export { Engine } from './engine'

export interface DatabaseServiceOptions {
  file: string
  schema: DatabaseSchema
  now?: () => Date
  transactionTimeoutMs?: number
  synchronous?: EngineOptions['synchronous']
}

export interface DatabaseService extends AdminService {
  /** Direct access for seeding and tests (no wire, no limit cap). Throws WireError like the wire does. */
  insertMany(coll: string, docs: Doc[]): string[]
  find(coll: string, query?: Doc, opts?: SelectOptions): Doc[]
  /** The SQL and plan a `where(query).orderBy(...)` would run; tests use it with EXPLAIN QUERY PLAN. */
  explain(coll: string, query: Doc, order?: Array<[string, 1 | -1]>): { sql: string; params: SqlParam[]; plan: string[]; pushed: string[] }
  readonly engine: Engine
  /** Wire calls answered so far, by action (`getDocument`, `startTransaction`, …): for the benchmark. */
  readonly calls: Record<string, number>
  close(): void
}

const json = (body: Record<string, unknown>): AdminReply => ({ json: body })

function intParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new WireError('INVALID_PARAM', `${name} must be a non-negative integer`)
  return v
}

function parseOrder(text: unknown, now: Date): Array<[string, 1 | -1]> {
  if (text === undefined || text === null || text === '') return []
  const o = parseWireObject(text, 'order', now)
  return Object.entries(o).map(([k, v]) => {
    if (v !== 1 && v !== -1) throw new WireError('INVALID_PARAM', `order of ${k} must be 1 or -1`)
    return [k, v]
  })
}

function parseQuery(text: unknown, now: Date): Doc {
  if (text === undefined || text === null || text === '') return {}
  return parseWireObject(text, 'query', now)
}

/** The _id a DOC-type request addresses (`{"_id": "..."}`). */
function docId(query: Doc): string {
  const id = query._id
  if (typeof id !== 'string') throw new WireError('INVALID_PARAM', 'document operations need a string _id')
  return id
}

export function createDatabaseService(opts: DatabaseServiceOptions): DatabaseService {
  const engine = new Engine(opts)
  const now = () => engine.now()

  /**
   * Runs a write outside transactions; while it meets a document an open transaction locked, waits
   * for that transaction to end (as MongoDB does) and runs it again.
   */
  async function unlocked<T>(write: () => T): Promise<T> {
    const deadline = Date.now() + engine.lockWaitMs
    for (;;) {
      try {
        return write()
      } catch (e) {
        if (!(e instanceof DocumentLocked)) throw e
        const left = deadline - Date.now()
        if (left <= 0) {
          throw new WireError('DATABASE_TRANSACTION_CONFLICT', `[DATABASE_TRANSACTION_CONFLICT] ${e.message}, and it stayed locked for ${engine.lockWaitMs / 1000} s`)
        }
        await engine.waitForUnlock(left)
      }
    }
  }

  type Handler = (p: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>
  const handlers: Record<string, Handler> = {
    async insertDocument(p) {
      const c = engine.coll(p.collectionName)
      if (!Array.isArray(p.data) || p.data.length === 0) throw new WireError('INVALID_PARAM', 'data must be a non-empty array of EJSON documents')
      const t = now()
      const docs = p.data.map((d, i) => parseWireObject(d, `data[${i}]`, t))
      const ids = p.transactionId ? engine.txInsert(engine.tx(p.transactionId), c, docs) : await unlocked(() => engine.insert(c, docs))
      return { data: { insertedIds: ids } }
    },

    getDocument(p) {
      const c = engine.coll(p.collectionName)
      const t = now()
      const query = parseQuery(p.query, t)
      const offset = intParam(p.offset, 'offset') ?? 0
      const limit = Math.min(intParam(p.limit, 'limit') || DEFAULT_LIMIT, MAX_LIMIT)
      const projection = p.projection ? parseWireObject(p.projection, 'projection', t) : undefined
      const sel: SelectOptions = { order: parseOrder(p.order, t), offset, limit, projection, wireText: true }
      let docs: Doc[]
      if (p.transactionId) {
        const tx = engine.tx(p.transactionId)
        if (p.queryType === 'DOC') {
          const d = engine.txGet(tx, c, docId(query))
          docs = d ? engine.project([d], projection) : []
        } else {
          docs = engine.txSelect(tx, c, query, sel)
        }
      } else {
        docs = engine.select(c, query, sel)
      }
      return { data: { list: docs.map(toWireString), offset, limit } }
    },

    calculateDocument(p) {
      const c = engine.coll(p.collectionName)
      return { data: { total: engine.count(c, parseQuery(p.query, now())) } }
    },

    async modifyDocument(p) {
      const c = engine.coll(p.collectionName)
      const t = now()
      const query = parseQuery(p.query, t)
      const data = parseWireObject(p.data, 'data', t)
      const merge = p.merge !== false
      const upsert = p.upsert === true
      const r = p.transactionId
        ? engine.txModify(engine.tx(p.transactionId), c, docId(query), data, { merge, upsert })
        : await unlocked(() => engine.modify(c, query, data, { multi: p.multi !== false, merge, upsert }))
      return { data: r.upsertId === undefined ? { updated: r.updated } : { updated: r.updated, upsert_id: r.upsertId } }
    },

    async removeDocument(p) {
      const c = engine.coll(p.collectionName)
      const query = parseQuery(p.query, now())
      const deleted = p.transactionId ? engine.txRemove(engine.tx(p.transactionId), c, docId(query)) : await unlocked(() => engine.remove(c, query, p.multi !== false))
      return { data: { deleted } }
    },

    aggregateDocuments(p) {
      const c = engine.coll(p.collectionName)
      if (!Array.isArray(p.stages)) throw new WireError('INVALID_PARAM', 'stages must be an array')
      const t = now()
      const pipeline = p.stages.map((s, i) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw new WireError('INVALID_PARAM', `stages[${i}] needs stageKey and stageValue`)
        return { [s.stageKey]: parseWire(s.stageValue, `stages[${i}].stageValue`, t) }
      })
      return { data: { list: engine.aggregate(c, pipeline).map(toWireString) } }
    },

    startTransaction() {
      return { transactionId: engine.startTransaction() }
    },

    commitTransaction(p) {
      engine.commitTransaction(p.transactionId)
      return {}
    },

    abortTransaction(p) {
      engine.abortTransaction(p.transactionId)
      return {}
    },
  }

  const calls: Record<string, number> = {}
  return {
    prefixes: ['database.'],
    engine,
    calls,
    async handle(req: AdminRequest): Promise<AdminReply> {
      const name = req.action.slice('database.'.length)
      const h = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined
      if (!h) throw new WireError('ACTION_NOT_SUPPORTED', `database action ${req.action} is not supported by the local cloud`)
      calls[name] = (calls[name] ?? 0) + 1
      try {
        return json(await h(req.params))
      } catch (e) {
        if (e instanceof WireError) throw e
        throw mingoError(e)
      }
    },
    insertMany(coll, docs) {
      return engine.insert(engine.coll(coll), docs)
    },
    find(coll, query = {}, sel = {}) {
      return engine.select(engine.coll(coll), query, sel)
    },
    explain(coll, query, order = []) {
      const { sql, params, plan } = engine.planFor(coll, query, order)
      const rows = engine.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
      return { sql, params, plan: rows.map((r) => r.detail), pushed: plan.pushed }
    },
    close() {
      engine.close()
    },
  }
}
