// Differential property test of the database engine (fast-check): random documents and random
// queries/sorts; every query runs on an indexed twin (push-down to SQLite expression indexes) and
// an unindexed twin (mingo only) of the same data, and both are checked against an independent
// model of MongoDB's semantics (support/mongoReference.ts). Any difference fails with the shrunk case.
//
// Bounded in the normal run; more cases with FUZZ_RUNS, e.g.
//   FUZZ_RUNS=5000 npx jest test/local-cloud/database-differential --selectProjects local-cloud --runInBand
import fc from 'fast-check'
import { createDatabaseService, type DatabaseService } from '../../local-cloud/src/db'
import type { DatabaseSchema } from '../../local-cloud/src/wire'
import { compareForSort, matches, type Cond, type RefDoc, type Value } from './support/mongoReference'
import { startDbCloud, type AnyDoc, type DbCloud, type TestQuery } from './support/dbCloud'
import '../support/slow'

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
/** Cases sent through the real wx-server-sdk (EJSON on the wire: $numberLong, $date, arrays). */
const SDK_RUNS = Number(process.env.FUZZ_SDK_RUNS ?? Math.max(20, Math.round(RUNS / 20)))
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

const PATHS = ['a', 'b', 'o.k'] as const
const SCHEMA: DatabaseSchema = {
  collections: {
    ix: {
      indexes: [
        { name: 'a', fields: [['a', 1]] },
        { name: 'b_a', fields: [['b', 1], ['a', -1]] },
        { name: 'ok', fields: [['o.k', 1]] },
      ],
    },
    plain: {},
  },
}

// ---------- values ----------

const DATES = [0, 1_700_000_000_000, 1_733_000_000_123].map((ms) => new Date(ms))
const num = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1, 2, 2.5, 7, 2 ** 53, 2 ** 53 + 2, 1733000000123456789, -1733000000123456789, 2 ** 62, 1e21, 9007199254740993),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }),
  fc.double({ noNaN: true, min: 2 ** 53, max: 2 ** 63 }),
)
const str = fc.array(fc.constantFrom('a', 'b', 'Z', '！', '😀', '𠮷', '中', '\uFFFD', 'é'), { maxLength: 3 }).map((xs) => xs.join(''))
const date = fc.constantFrom(...DATES)
const scalar: fc.Arbitrary<Value> = fc.oneof(num, str, fc.boolean(), fc.constant(null), date)

type Mode = 'mixed' | 'number' | 'string' | 'date'
const byMode = (m: Mode): fc.Arbitrary<Value> =>
  m === 'number'
    ? num
    : m === 'string'
      ? str
      : m === 'date'
        ? date
        : fc.oneof(
            { weight: 5, arbitrary: scalar },
            { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
            { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { minLength: 1, maxLength: 2 }) },
            { weight: 1, arbitrary: fc.record({ x: scalar }) },
          )

/** A field's value, or missing (undefined). */
const field = (m: Mode) => fc.option(byMode(m), { nil: undefined, freq: 5 })
const objectField = (m: Mode): fc.Arbitrary<Value | undefined> =>

  fc.oneof(
    { weight: 4, arbitrary: fc.option(byMode(m), { nil: undefined, freq: 5 }).map((k): Value => (k === undefined ? {} : { k })) },
    { weight: m === 'mixed' ? 1 : 0, arbitrary: fc.array(fc.oneof(fc.record({ k: byMode('mixed') }), scalar), { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: m === 'mixed' ? 1 : 0, arbitrary: scalar },
  )

// Mixed kinds on a path turn push-down off there; single kinds let the planner push (and be tested).
const mode = (...single: Mode[]) => fc.oneof({ weight: 1, arbitrary: fc.constant<Mode>('mixed') }, { weight: 2, arbitrary: fc.constantFrom<Mode>(...single) })
const modes = fc.record({ a: mode('number', 'string', 'date'), b: mode('number', 'string'), o: mode('number', 'string') })

const docsArb = modes.chain((m) =>
  fc.array(fc.record({ a: field(m.a), b: field(m.b), o: objectField(m.o) }), { minLength: 1, maxLength: 12 }).map((rows) =>
    rows.map((r, i) => {
      const d: RefDoc = { _id: `d${String(i).padStart(2, '0')}` }
      for (const [k, v] of Object.entries(r)) if (v !== undefined) d[k] = v as Value
      return d
    }),
  ),
)

// ---------- queries ----------

const literal = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }))
const rangeLit = fc.oneof(num, str, date, fc.boolean())
const cond: fc.Arbitrary<Cond> = fc.oneof(
  literal.map((value): Cond => ({ op: '$eq', value })),
  literal.map((value): Cond => ({ op: '$ne', value })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte' as const), rangeLit).map(([op, value]): Cond => ({ op, value })),
  fc.tuple(fc.constantFrom('$in', '$nin' as const), fc.array(literal, { minLength: 1, maxLength: 3 })).map(([op, values]): Cond => ({ op, values })),
  fc.boolean().map((value): Cond => ({ op: '$exists', value })),
)
const pred = fc.tuple(fc.constantFrom(...PATHS), cond)
const queryArb = fc.record({
  preds: fc.array(pred, { maxLength: 2 }),
  order: fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom<1 | -1>(1, -1)), { maxLength: 2 }).map((o) => o.filter(([p], i) => o.findIndex(([q]) => q === p) === i)),
  bare: fc.boolean(), // an equality as `{ path: value }` instead of `{ path: { $eq: value } }`
  or: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), // the predicates joined by $or (never pushed down)
})

/** A write between queries: `$set` or `$unset` of a top-level field on the documents a predicate matches. */
const updateArb = fc.record({
  pred: fc.option(pred, { nil: undefined }),
  // or select by the updated field's value in the first document: it stops matching once set
  byOwnValue: fc.boolean(),
  path: fc.constantFrom('a', 'b'),
  value: fc.option(byMode('mixed'), { nil: undefined }), // undefined: $unset
  alsoUnsetOther: fc.boolean(), // a second operator in the same update: $unset of the other field
})
type Update = { pred?: [string, Cond]; byOwnValue: boolean; path: string; value?: Value; alsoUnsetOther: boolean }
type Step = { q: Q } | { u: Update }
const stepsArb: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof({ weight: 4, arbitrary: queryArb.map((q): Step => ({ q })) }, { weight: 1, arbitrary: updateArb.map((u): Step => ({ u })) }),
  { minLength: 1, maxLength: 6 },
)

function toMongo(preds: Array<[string, Cond]>, bare: boolean, or = false): Record<string, unknown> {
  const toOp = (c: Cond): Record<string, unknown> => ('values' in c ? { [c.op]: c.values } : { [c.op]: c.value })
  const parts = preds.map(([p, c]) => ({ [p]: bare && c.op === '$eq' ? c.value : toOp(c) }))
  if (parts.length === 0) return {}
  if (parts.length === 1) return parts[0]
  return or ? { $or: parts } : { $and: parts }
}

// ---------- the property ----------

const show = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && Object.is(x, -0) ? '-0' : x))

function sortedOk(docs: RefDoc[], order: Array<[string, 1 | -1]>): string | null {
  for (let i = 1; i < docs.length; i++) {
    if (compareForSort(docs[i - 1], docs[i], order) > 0) return `${docs[i - 1]._id} sorted before ${docs[i]._id}`
  }
  return null
}

let counter = 0
let withPushDown = 0

interface Q {
  preds: Array<[string, Cond]>
  order: Array<[string, 1 | -1]>
  bare: boolean
  or: boolean
}

/** The reference answer: the documents every (or, for $or, some) predicate matches. */
const refMatch = (d: RefDoc, q: Q) => (q.or && q.preds.length > 1 ? q.preds.some(([p, c]) => matches(d, p, c)) : q.preds.every(([p, c]) => matches(d, p, c)))

function applyUpdate(svc: DatabaseService, docs: RefDoc[], given: Update): RefDoc[] {
  const own = docs[0]?.[given.path]
  const u: Update = given.byOwnValue && own !== undefined ? { ...given, pred: [given.path, { op: '$eq', value: own }] } : given
  const query = toMongo(u.pred ? [u.pred] : [], false)
  const other = u.path === 'a' ? 'b' : 'a'
  const data: Record<string, Record<string, unknown>> = u.value === undefined ? { $unset: { [u.path]: '' } } : { $set: { [u.path]: u.value } }
  if (u.alsoUnsetOther) data.$unset = { ...data.$unset, [other]: '' }
  for (const coll of ['ix', 'plain']) svc.engine.modify(svc.engine.coll(coll), query, data, { multi: true, merge: true, upsert: false })
  return docs.map((d) => {
    if (u.pred && !matches(d, u.pred[0], u.pred[1])) return d
    const next: RefDoc = { ...d }
    if (u.value === undefined) delete next[u.path]
    else next[u.path] = u.value
    if (u.alsoUnsetOther) delete next[other]
    return next
  })
}

function check(initial: RefDoc[], steps: Step[]): void {
  const svc: DatabaseService = createDatabaseService({ file: ':memory:', schema: SCHEMA })
  let docs = initial
  try {
    svc.insertMany('ix', docs)
    svc.insertMany('plain', docs)
    for (const step of steps) {
      if ('u' in step) {
        docs = applyUpdate(svc, docs, step.u)
        continue
      }
      const q = step.q
      counter++
      const query = toMongo(q.preds, q.bare, q.or)
      const expected = docs.filter((d) => refMatch(d, q)).map((d) => d._id).sort()
      const where = `query ${show(query)} order ${show(q.order)}`
      if (svc.explain('ix', query, q.order).pushed.length > 0) withPushDown++
      for (const coll of ['ix', 'plain']) {
        const got = svc.find(coll, query, { order: q.order }) as RefDoc[]
        const ids = got.map((d) => d._id)
        expect({ coll, where, ids: [...ids].sort() }).toEqual({ coll, where, ids: expected })
        expect({ coll, where, order: sortedOk(got, q.order) }).toEqual({ coll, where, order: null })
        expect({ coll, where, count: svc.engine.count(svc.engine.coll(coll), query) }).toEqual({ coll, where, count: expected.length })
        const page = svc.find(coll, query, { order: q.order, offset: 1, limit: 3 }) as RefDoc[]
        if (q.order.length) {
          // a page is the same documents as the full sorted answer, up to ties
          expect({ coll, where, page: page.length }).toEqual({ coll, where, page: Math.max(0, Math.min(3, expected.length - 1)) })
          expect({ coll, where, pageOrder: sortedOk(page, q.order) }).toEqual({ coll, where, pageOrder: null })
        }
      }
    }
  } finally {
    svc.close()
  }
}

test(`indexed and unindexed twins answer as MongoDB does (${RUNS} random cases)`, () => {
  fc.assert(
    fc.property(docsArb, stepsArb, (docs, steps) => check(docs, steps)),
    { numRuns: RUNS, seed: SEED },
  )
  // The run must have exercised push-down, or it proves nothing about the planner.
  expect(withPushDown).toBeGreaterThan(counter / 20)
  console.log(`database differential: ${RUNS} cases, ${counter} queries (${withPushDown} with push-down), no difference`)
}, 600_000)

describe('through the real wx-server-sdk', () => {
  let lc: DbCloud
  beforeAll(async () => {
    lc = await startDbCloud({ schema: SCHEMA })
  })
  afterAll(async () => {
    await lc?.stop()
  })

  /** The same predicates written with the SDK's query commands. */
  function sdkWhere(preds: Array<[string, Cond]>): object {
    const _ = lc.db.command as unknown as Record<string, (v: unknown) => object> & { and(xs: object[]): object }
    const cmd = (c: Cond): object => {
      switch (c.op) {
        case '$eq':
          return _.eq(c.value)
        case '$ne':
          return _.neq(c.value)
        case '$in':
          return _.in(c.values)
        case '$nin':
          return _.nin(c.values)
        case '$exists':
          return _.exists(c.value)
        default:
          return _[c.op.slice(1)](c.value)
      }
    }
    const parts = preds.map(([p, c]) => ({ [p]: cmd(c) }))
    return parts.length === 1 ? parts[0] : parts.length === 0 ? {} : _.and(parts)
  }

  test(`indexed and unindexed twins answer as MongoDB does over the wire (${SDK_RUNS} random cases)`, async () => {
    let queries = 0
    await fc.assert(
      fc.asyncProperty(docsArb, fc.array(queryArb, { minLength: 1, maxLength: 4 }), async (docs, qs) => {
        for (const coll of ['ix', 'plain']) {
          lc.service.engine.db.prepare(`DELETE FROM "c_${coll}"`).run()
          for (const d of docs) await lc.db.collection(coll).add({ data: d })
        }
        for (const q of qs) {
          queries++
          const expected = docs.filter((d) => refMatch(d, { ...q, or: false })).map((d) => d._id).sort()
          const where = `preds ${show(q.preds)} order ${show(q.order)}`
          for (const coll of ['ix', 'plain']) {
            let query: TestQuery = lc.db.collection(coll).where(sdkWhere(q.preds))
            for (const [p, dir] of q.order) query = query.orderBy(p, dir === 1 ? 'asc' : 'desc')
            const got = (await query.get()).data as AnyDoc[] as RefDoc[]
            expect({ coll, where, ids: got.map((d) => d._id).sort() }).toEqual({ coll, where, ids: expected })
            expect({ coll, where, order: sortedOk(got, q.order) }).toEqual({ coll, where, order: null })
            expect({ coll, where, count: (await lc.db.collection(coll).where(sdkWhere(q.preds)).count()).total }).toEqual({ coll, where, count: expected.length })
          }
        }
      }),
      { numRuns: SDK_RUNS, seed: SEED },
    )
    console.log(`database differential over the SDK: ${SDK_RUNS} cases, ${queries} queries, no difference`)
  }, 600_000)
})
