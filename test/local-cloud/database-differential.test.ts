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

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
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

const modes = fc.record({ a: fc.constantFrom<Mode>('mixed', 'number', 'string', 'date'), b: fc.constantFrom<Mode>('mixed', 'number', 'string'), o: fc.constantFrom<Mode>('mixed', 'number', 'string') })

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
)
const pred = fc.tuple(fc.constantFrom(...PATHS), cond)
const queryArb = fc.record({
  preds: fc.array(pred, { maxLength: 2 }),
  order: fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom<1 | -1>(1, -1)), { maxLength: 2 }).map((o) => o.filter(([p], i) => o.findIndex(([q]) => q === p) === i)),
  bare: fc.boolean(), // an equality as `{ path: value }` instead of `{ path: { $eq: value } }`
})

function toMongo(preds: Array<[string, Cond]>, bare: boolean): Record<string, unknown> {
  const toOp = (c: Cond): Record<string, unknown> => ('values' in c ? { [c.op]: c.values } : { [c.op]: c.value })
  const parts = preds.map(([p, c]) => ({ [p]: bare && c.op === '$eq' ? c.value : toOp(c) }))
  if (parts.length === 0) return {}
  if (parts.length === 1) return parts[0]
  return { $and: parts }
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
}

function check(docs: RefDoc[], queries: Q[]): void {
  const svc: DatabaseService = createDatabaseService({ file: ':memory:', schema: SCHEMA })
  try {
    svc.insertMany('ix', docs)
    svc.insertMany('plain', docs)
    for (const q of queries) {
      counter++
      const query = toMongo(q.preds, q.bare)
      const expected = docs.filter((d) => q.preds.every(([p, c]) => matches(d, p, c))).map((d) => d._id).sort()
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
    fc.property(docsArb, fc.array(queryArb, { minLength: 1, maxLength: 6 }), (docs, queries) => check(docs, queries)),
    { numRuns: RUNS, seed: SEED },
  )
  // The run must have exercised push-down, or it proves nothing about the planner.
  expect(withPushDown).toBeGreaterThan(counter / 10)
  console.log(`database differential: ${RUNS} cases, ${counter} queries (${withPushDown} with push-down), no difference`)
}, 600_000)
