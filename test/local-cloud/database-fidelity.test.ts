// Database fidelity: cases where the local cloud once answered differently from CloudBase/MongoDB
// (issue 10, R1–R9, unique indexes, positional updates), through the REAL wx-server-sdk. Queries run
// on an indexed twin (`ix`, push-down to SQLite) and an unindexed twin (`plain`, mingo only) holding
// the same documents; both must give MongoDB's answer.
import { createDatabaseService } from '../../local-cloud/src/db'
import type { DatabaseSchema } from '../../local-cloud/src/wire'
import { startDbCloud, sdkError, type AnyDoc, type DbCloud, type TestQuery } from './support/dbCloud'
import '../support/slow'

process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection in database-fidelity.test', err)
})

const SCHEMA: DatabaseSchema = {
  collections: {
    ix: { indexes: [{ name: 'v', fields: [['v', 1]] }, { name: 's', fields: [['s', 1]] }] },
    plain: {},
    uq: { indexes: [{ name: 'key', fields: [['key', 1]], unique: true }] },
    uqa: { indexes: [{ name: 'tags', fields: [['tags', 1]], unique: true }] },
    docs: {},
  },
}

let lc: DbCloud
beforeAll(async () => {
  lc = await startDbCloud({ schema: SCHEMA })
})
afterAll(async () => {
  await lc?.stop()
})

const TWINS = ['ix', 'plain'] as const
const clear = (coll: string) => lc.service.engine.db.prepare(`DELETE FROM "c_${coll}"`).run()

/** Puts the same documents (`_id` = their position) into both twins. */
async function twins(values: Array<Record<string, unknown>>) {
  for (const c of TWINS) {
    clear(c)
    for (const [i, v] of values.entries()) await lc.db.collection(c).add({ data: { _id: `d${i}`, ...v } })
  }
}

/** Runs a query on both twins; they must agree, and the answer (ids in order) is returned. */
async function onBoth(build: (q: TestQuery) => TestQuery, sorted = false): Promise<string[]> {
  const answers: string[][] = []
  for (const c of TWINS) {
    const { data } = await build(lc.db.collection(c)).get()
    const ids = data.map((d: AnyDoc) => d._id as string)
    answers.push(sorted ? ids : ids.sort())
  }
  expect(answers[1]).toEqual(answers[0])
  return answers[0]
}

async function countBoth(build: (q: TestQuery) => TestQuery): Promise<number> {
  const totals: number[] = []
  for (const c of TWINS) totals.push((await build(lc.db.collection(c)).count()).total)
  expect(totals[1]).toBe(totals[0])
  return totals[0]
}

describe('R1: integers beyond 2^53 on an indexed path', () => {
  test('equality, count and ranges find a big integer on both twins', async () => {
    const _ = lc.db.command
    const big = 1733000000123456789
    await twins([{ v: big }, { v: 5 }, { v: -big }, { v: 2 ** 62 }])
    expect(await onBoth((q) => q.where({ v: big }))).toEqual(['d0'])
    expect(await countBoth((q) => q.where({ v: big }))).toBe(1)
    expect(await onBoth((q) => q.where({ v: _.lte(big) }))).toEqual(['d0', 'd1', 'd2'])
    expect(await onBoth((q) => q.where({ v: _.gt(big) }))).toEqual(['d3'])
    expect(await onBoth((q) => q.where({ v: _.in([-big, 2 ** 62]) }))).toEqual(['d2', 'd3'])
    expect(await onBoth((q) => q.orderBy('v', 'asc'), true)).toEqual(['d2', 'd1', 'd0', 'd3'])
  })

  test('4,000 random doubles in [2^53, 2^63) are each found by equality on the indexed path', () => {
    const svc = lc.service
    clear('ix')
    const values = Array.from({ length: 4000 }, (_, i) => ({ _id: `b${i}`, v: 2 ** 53 + Math.random() * (2 ** 63 - 2 ** 53) }))
    svc.insertMany('ix', values)
    const missed = values.filter((d) => svc.find('ix', { v: d.v }).every((x) => x._id !== d._id))
    expect(missed).toEqual([])
    expect(svc.explain('ix', { v: values[0].v }).pushed).toEqual(['v ='])
  })
})

describe('R2: strings above U+FFFF compare by code point (UTF-8 byte order), as MongoDB does', () => {
  test('orderBy, lt and gt agree on both twins', async () => {
    const _ = lc.db.command
    await twins([{ s: '😀' }, { s: '！' }, { s: '𠮷' }, { s: 'a' }])
    expect(await onBoth((q) => q.orderBy('s', 'asc'), true)).toEqual(['d3', 'd1', 'd0', 'd2'])
    expect(await onBoth((q) => q.orderBy('s', 'desc'), true)).toEqual(['d2', 'd0', 'd1', 'd3'])
    expect(await onBoth((q) => q.where({ s: _.lt('！') }))).toEqual(['d3'])
    expect(await onBoth((q) => q.where({ s: _.gt('！') }))).toEqual(['d0', 'd2'])
    expect(await onBoth((q) => q.where({ s: _.gte('😀') }))).toEqual(['d0', 'd2'])
  })
})

describe('R3: arrays in $in/$nin and equality', () => {
  test('in/nin match a field equal to an array; equality does not descend into nested arrays', async () => {
    const _ = lc.db.command
    await twins([{ v: ['x', 'y'] }, { v: [['x', 'y'], 'z'] }, { v: 'x' }])
    expect(await onBoth((q) => q.where({ v: _.in([['x', 'y']]) }))).toEqual(['d0', 'd1'])
    expect(await onBoth((q) => q.where({ v: _.nin([['x', 'y']]) }))).toEqual(['d2'])
    expect(await onBoth((q) => q.where({ v: 'x' }))).toEqual(['d0', 'd2'])
    expect(await onBoth((q) => q.where({ v: ['x', 'y'] }))).toEqual(['d0', 'd1'])
  })
})

describe('R4: sorting on array fields', () => {
  test('ascending by the smallest element, descending by the largest', async () => {
    await twins([{ v: [1, 10] }, { v: 5 }, { v: [3] }])
    expect(await onBoth((q) => q.orderBy('v', 'asc'), true)).toEqual(['d0', 'd2', 'd1'])
    expect(await onBoth((q) => q.orderBy('v', 'desc'), true)).toEqual(['d0', 'd1', 'd2'])
  })
})

describe('R5: mod matches numbers only', () => {
  test('strings, booleans, null and empty strings never match', async () => {
    const _ = lc.db.command
    await twins([{ v: '5' }, { v: true }, { v: 5 }, { v: 4 }, { v: null }, { v: '' }, { v: 7.9 }, { v: [3, 'x'] }])
    expect(await onBoth((q) => q.where({ v: _.mod(2, 1) }))).toEqual(['d2', 'd6', 'd7'])
    expect(await onBoth((q) => q.where({ v: _.mod(2, 0) }))).toEqual(['d3'])
  })
})

describe('aggregate', () => {
  test('R6: $max/$min over strings', async () => {
    const $ = lc.db.command.aggregate as unknown as { max(v: string): object; min(v: string): object }
    clear('docs')
    for (const w of ['b', 'c', 'a']) await lc.db.collection('docs').add({ data: { w } })
    const { list } = await lc.db.collection('docs').aggregate().group({ _id: null, hi: $.max('$w'), lo: $.min('$w') }).end()
    expect(list).toEqual([{ _id: null, hi: 'c', lo: 'a' }])
  })

  test('R2/R4 in aggregation: $sort and $max/$min order strings by code point and arrays by their elements', async () => {
    const $ = lc.db.command.aggregate as unknown as { max(v: string): object; min(v: string): object }
    clear('docs')
    for (const [i, w] of ['😀', '！', '𠮷'].entries()) await lc.db.collection('docs').add({ data: { _id: `s${i}`, w } })
    const sorted = await lc.db.collection('docs').aggregate().sort({ w: 1 }).end()
    expect(sorted.list.map((d) => d.w)).toEqual(['！', '😀', '𠮷'])
    const { list } = await lc.db.collection('docs').aggregate().group({ _id: null, hi: $.max('$w'), lo: $.min('$w') }).end()
    expect(list).toEqual([{ _id: null, hi: '𠮷', lo: '！' }])
    clear('docs')
    for (const [i, v] of [[1, 10], 5, [3]].entries()) await lc.db.collection('docs').add({ data: { _id: `a${i}`, v } })
    expect((await lc.db.collection('docs').aggregate().sort({ v: -1 }).end()).list.map((d) => d._id)).toEqual(['a0', 'a1', 'a2'])
  })

  test('R7: without limit an aggregation returns 20 documents, like CloudBase; limit(n) returns n', async () => {
    clear('docs')
    await lc.db.collection('docs').add({ data: { k: 0 } })
    lc.service.insertMany('docs', Array.from({ length: 29 }, (_, i) => ({ k: i + 1 })))
    const agg = () => lc.db.collection('docs').aggregate() as unknown as { sort(v: object): { limit(n: number): { end(): Promise<{ list: AnyDoc[] }> }; end(): Promise<{ list: AnyDoc[] }> } }
    expect((await agg().sort({ k: 1 }).end()).list).toHaveLength(20)
    expect((await agg().sort({ k: 1 }).limit(25).end()).list).toHaveLength(25)
  })
})

describe('R8: updates MongoDB refuses are refused, and the document is unchanged', () => {
  const cases: Array<[string, Record<string, unknown>, (_: DbCloud['db']['command']) => Record<string, unknown>, RegExp]> = [
    ['inc with a string', { n: 1 }, (_) => ({ n: _.inc('1' as unknown as number) }), /Cannot increment with non-numeric argument/],
    ['mul on a string', { n: 'a' }, (_) => ({ n: _.mul(2) }), /Cannot apply \$mul to a value of non-numeric type/],
    ['mul with a string', { n: 2 }, (_) => ({ n: _.mul('3' as unknown as number) }), /Cannot multiply with non-numeric argument/],
    ['inc(null)', { n: 1 }, (_) => ({ n: _.inc(null as unknown as number) }), /Cannot increment with non-numeric argument/],
    ["{'a.b': 2} on a: 1", { a: 1 }, () => ({ 'a.b': 2 }), /Cannot create field 'b' in element \{a: 1\}/],
    ['rename into its own sub-path', { a: { b: 1 } }, (_) => ({ a: _.rename('a.c') }), /must not be on the same path/],
    ["a set() and 'a.y' together", { a: { z: 0 } }, (_) => ({ a: _.set({ x: 1 }), 'a.y': 2 }), /would create a conflict at 'a'/],
    ['push onto null', { a: null }, (_) => ({ a: _.push(1) }), /must be an array but is of type null/],
  ]
  test.each(cases)('%s', async (_name, start, update, message) => {
    const ref = lc.db.collection('docs').doc(`u-${_name}`)
    await ref.set({ data: start })
    const e = await sdkError(ref.update({ data: update(lc.db.command) }))
    expect(e.errMsg).toMatch(message)
    const { data } = await ref.get()
    expect(data).toEqual({ _id: `u-${_name}`, ...start })
  })

  test('pull and pop on a missing field succeed and change nothing', async () => {
    const _ = lc.db.command
    const ref = lc.db.collection('docs').doc('u-missing')
    await ref.set({ data: { other: 1 } })
    expect((await ref.update({ data: { a: _.pull(1) } })).stats.updated).toBe(0)
    expect((await ref.update({ data: { a: _.pop() } })).stats.updated).toBe(0)
    expect((await ref.get()).data).toEqual({ _id: 'u-missing', other: 1 })
  })
})

describe('R9: a second process writing the same data file', () => {
  test("its arrays on an indexed path are seen by the running cloud's push-down at once", async () => {
    await twins([{ v: 'x' }, { v: 'y' }])
    expect(await onBoth((q) => q.where({ v: 'x' }))).toEqual(['d0'])
    // Another connection to the same file (what `npm run seed` is while the cloud runs).
    const other = createDatabaseService({ file: lc.service.engine.db.name, schema: SCHEMA })
    try {
      other.insertMany('ix', [{ _id: 'seeded', v: ['x', 'z'] }])
      other.insertMany('plain', [{ _id: 'seeded', v: ['x', 'z'] }])
    } finally {
      other.close()
    }
    expect(await onBoth((q) => q.where({ v: 'x' }))).toEqual(['d0', 'seeded'])
  })


  test("a transaction's commit conflicts when another process changed a document it wrote", async () => {
    await lc.db.collection('docs').doc('shared').set({ data: { n: 1 } })
    const t = await lc.db.startTransaction()
    await t.collection('docs').doc('shared').update({ data: { n: 2 } })
    const other = createDatabaseService({ file: lc.service.engine.db.name, schema: SCHEMA })
    try {
      other.engine.modify(other.engine.coll('docs'), { _id: 'shared' }, { $set: { n: 10 } }, { multi: false, merge: true, upsert: false })
    } finally {
      other.close()
    }
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await lc.db.collection('docs').doc('shared').get()).data.n).toBe(10)
  })
})

describe('unique indexes', () => {
  test('true and 1, a Date and its epoch ms, are different keys; equal values still collide', async () => {
    clear('uq')
    const uq = lc.db.collection('uq')
    await uq.add({ data: { key: true } })
    await uq.add({ data: { key: 1 } })
    await uq.add({ data: { key: new Date(5) } })
    await uq.add({ data: { key: 5 } })
    expect((await sdkError(uq.add({ data: { key: 1 } }))).errMsg).toContain('E11000 duplicate key error collection: uq index: key')
    expect((await sdkError(uq.add({ data: { key: new Date(5) } }))).errMsg).toContain('E11000')
  })

  test('array values are keyed per element', async () => {
    clear('uqa')
    const uqa = lc.db.collection('uqa')
    await uqa.add({ data: { _id: 'one', tags: ['a', 'b'] } })
    expect((await sdkError(uqa.add({ data: { tags: ['b', 'c'] } }))).errMsg).toContain('E11000 duplicate key error collection: uqa index: tags')
    expect((await sdkError(uqa.add({ data: { tags: 'a' } }))).errMsg).toContain('E11000')
    await uqa.add({ data: { tags: ['c', 'c'] } }) // a document may repeat its own element
    expect((await sdkError(uqa.doc('one').update({ data: { tags: lc.db.command.push('c') } }))).errMsg).toContain('E11000')
  })
})

describe('positional arr.$', () => {
  test('updates the array element the query matched', async () => {
    clear('docs')
    await lc.db.collection('docs').add({ data: { _id: 'p', arr: [1, 2, 3] } })
    const r = await lc.db.collection('docs').where({ arr: 2 }).update({ data: { 'arr.$': 9 } })
    expect(r.stats.updated).toBe(1)
    expect((await lc.db.collection('docs').doc('p').get()).data.arr).toEqual([1, 9, 3])
  })

  test('every operator of an update applies, even when an earlier one makes the document stop matching the query', async () => {
    const _ = lc.db.command
    await lc.db.collection('docs').add({ data: { _id: 'q', status: 'open', n: 1, arr: [1, 2] } })
    await lc.db.collection('docs').where({ status: 'open' }).update({ data: { status: 'closed', n: _.inc(1) } })
    expect((await lc.db.collection('docs').doc('q').get()).data).toMatchObject({ status: 'closed', n: 2 })
    await lc.db.collection('docs').where({ status: 'closed', arr: 2 }).update({ data: { status: 'done', 'arr.$': 7, n: _.inc(1) } })
    expect((await lc.db.collection('docs').doc('q').get()).data).toMatchObject({ status: 'done', n: 3, arr: [1, 7] })
  })

  test('without the array in the query it is refused, naming the positional operator', async () => {
    const e = await sdkError(lc.db.collection('docs').doc('p').update({ data: { 'arr.$': 0 } }))
    expect(e.errMsg).toContain('positional operator')
    expect((await lc.db.collection('docs').doc('p').get()).data.arr).toEqual([1, 9, 3])
  })
})
