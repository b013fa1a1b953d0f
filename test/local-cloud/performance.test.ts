// The local cloud's shortcuts for speed (issue 16) must not change what the SDK sees: compiled queries are reused
// only for the same query (types included), stored documents answered as stored text read back as the same values,
// pooled transaction snapshots are still snapshots, and function instances do not inherit module loaders.
import { ObjectId } from 'bson'
import { instanceExecArgv } from '../../local-cloud/src/functions/runtime'
import { startDbCloud, type DbCloud } from './support/dbCloud'

let lc: DbCloud
beforeAll(async () => {
  lc = await startDbCloud()
})
afterAll(async () => {
  await lc?.stop()
})

const items = () => lc.db.collection('items')

test('a query compiled once is reused only for the same values and types', async () => {
  const at = new Date('2025-01-01T00:00:00.000Z')
  await items().add({ data: { _id: 'qc-date', key: 'qc', v: at } })
  await items().add({ data: { _id: 'qc-text', key: 'qc', v: at.toISOString() } })
  await items().add({ data: { _id: 'qc-re', key: 'qc', v: 'abc' } })
  const ids = async (where: object) => (await items().where(where).get()).data.map((d) => d._id).sort()
  // The same query twice (the second from the cache), then queries whose plain JSON would be the same.
  expect(await ids({ key: 'qc', v: at })).toEqual(['qc-date'])
  expect(await ids({ key: 'qc', v: at })).toEqual(['qc-date'])
  expect(await ids({ key: 'qc', v: at.toISOString() })).toEqual(['qc-text'])
  expect(await ids({ key: 'qc', v: lc.db.RegExp({ regexp: '^ab' }) })).toEqual(['qc-re'])
  expect(await ids({ key: 'qc', v: lc.db.RegExp({ regexp: '^AB', options: 'i' }) })).toEqual(['qc-re'])
  expect(await ids({ key: 'qc', v: lc.db.RegExp({ regexp: '^AB' }) })).toEqual([])
})

test('documents answered from their stored text read back with the same values as before', async () => {
  const doc = {
    _id: 'wire-text',
    at: new Date('2025-02-03T04:05:06.789Z'),
    old: new Date(-86_400_000),
    far: new Date('9999-12-31T23:59:59.999Z'),
    big: 2 ** 40 + 1,
    neg: -3.25,
    nested: { list: [1, 'two', { three: new Date(0) }, null], empty: {} },
    oid: new ObjectId('0123456789abcdef01234567'),
    re: /a.c/i,
    text: '引号 " 反斜杠 \\ 换行 \n',
  }
  lc.service.insertMany('items', [doc])
  const [viaQuery] = (await items().where({ _id: 'wire-text' }).get()).data
  const viaDoc = (await items().doc('wire-text').get()).data
  // A projection naming every field makes the local cloud encode the documents again (EJSON.stringify): the
  // reference for what the SDK read before stored text was answered as is.
  const every = Object.fromEntries(Object.keys(doc).map((k) => [k, true]))
  const [encoded] = (await items().where({ _id: 'wire-text' }).field(every).get()).data
  expect(viaQuery).toEqual(encoded)
  expect(viaDoc).toEqual(encoded)
  expect(viaQuery.at).toEqual(doc.at)
  expect(viaQuery.old).toEqual(doc.old)
  expect(viaQuery.far).toEqual(doc.far)
  expect(viaQuery.big).toBe(doc.big)
  expect(viaQuery.nested).toEqual(doc.nested)
  expect(viaQuery.text).toBe(doc.text)
})

test('pooled snapshot connections still give each transaction its own snapshot', async () => {
  const counters = () => lc.db.collection('counters')
  await counters().doc('pool').set({ data: { n: 1 } })
  for (let round = 0; round < 20; round++) {
    // Many short transactions (their connections go back to the pool) interleaved with plain writes.
    const seen = await lc.db.runTransaction(async (t) => {
      const before = (await t.collection('counters').doc('pool').get()).data.n as number
      await counters().doc('pool').update({ data: { n: before + 100 } }) // outside: not visible in the snapshot
      const again = (await t.collection('counters').doc('pool').get()).data.n as number
      return [before, again]
    })
    expect(seen[0]).toBe(seen[1])
    const now = (await counters().doc('pool').get()).data.n as number
    expect(now).toBe(seen[0] + 100)
  }
  expect(lc.service.engine.txStarted).toBeGreaterThanOrEqual(20)
})

test('function instances get the local cloud’s Node flags without its module loaders', () => {
  expect(
    instanceExecArgv(['--require', '/x/tsx/dist/preflight.cjs', '--import', 'file:///x/tsx/dist/loader.mjs', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--loader=ts-node/esm', '-r', 'dotenv/config', '--max-old-space-size=512']),
  ).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--max-old-space-size=512'])
})
