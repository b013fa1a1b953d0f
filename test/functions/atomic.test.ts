// The atomic toolkit (@server/atomic) through the real wx-server-sdk against a local cloud, under concurrency:
// bounds hold, numbers are never lost or repeated, a record is created once per request key.
import fc from 'fast-check'
import { createOnce, giveBack, increment, insertOnce, nextInSequence, recordOf, takeBounded, txMoveBounded } from '@server/atomic'
import { findById, transaction } from '@server/db'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ seed: false })
})

afterAll(async () => {
  await t?.stop()
})

const COUNTERS = 'report_counters'
let n = 0
const fresh = (label: string) => `atomic-${label}-${++n}`
const valueOf = async (id: string, field: string): Promise<number> => {
  const doc = await findById<{ _id: string } & Record<string, unknown>>(t.db, COUNTERS, id)
  return Number(doc?.[field] ?? 0)
}

describe('takeBounded / giveBack', () => {
  it('of 40 concurrent takes on a new counter bounded at 7, exactly 7 succeed', async () => {
    const id = fresh('take')
    const got = await Promise.all(Array.from({ length: 40 }, () => takeBounded(t.db, { collection: COUNTERS, id, field: 'n', max: 7, create: () => ({ kind: 'test' }) })))
    expect(got.filter(Boolean)).toHaveLength(7)
    expect(await valueOf(id, 'n')).toBe(7)
  })

  it('never goes below zero however many give back at once', async () => {
    const id = fresh('give')
    await increment(t.db, { collection: COUNTERS, id, field: 'n' }, 3)
    const gave = await Promise.all(Array.from({ length: 12 }, () => giveBack(t.db, { collection: COUNTERS, id, field: 'n' })))
    expect(gave.filter(Boolean)).toHaveLength(3)
    expect(await valueOf(id, 'n')).toBe(0)
  })

  it('random concurrent takes and gives keep 0 ≤ value ≤ max and value = takes − gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 5 }), async (ops, max) => {
        const id = fresh('prop')
        const c = { collection: COUNTERS, id, field: 'n' }
        const results = await Promise.all(ops.map((take) => (take ? takeBounded(t.db, { ...c, max }) : giveBack(t.db, c)).then((ok) => ({ take, ok }))))
        const value = await valueOf(id, 'n')
        const net = results.filter((r) => r.ok && r.take).length - results.filter((r) => r.ok && !r.take).length
        return value >= 0 && value <= max && value === net
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})

describe('nextInSequence', () => {
  it('gives 60 concurrent callers the distinct numbers 1..60', async () => {
    const id = fresh('seq')
    const got = await Promise.all(Array.from({ length: 60 }, () => nextInSequence(t.db, { collection: COUNTERS, id, field: 'seq', max: 9999 })))
    expect([...got].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
  })

  it('refuses only once the limit is really reached', async () => {
    const id = fresh('seq-limit')
    const got = await Promise.all(Array.from({ length: 30 }, () => nextInSequence(t.db, { collection: COUNTERS, id, field: 'seq', max: 20 })))
    expect(got.filter((x) => x === null)).toHaveLength(10)
    expect(got.filter((x): x is number => x !== null).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('continues after the numbers already used when its document is first made', async () => {
    const id = fresh('seq-start')
    expect(await nextInSequence(t.db, { collection: COUNTERS, id, field: 'seq', max: 9999, start: async () => 41 })).toBe(42)
    expect(await nextInSequence(t.db, { collection: COUNTERS, id, field: 'seq', max: 9999, start: async () => 41 })).toBe(43)
  })
})

describe('insertOnce / createOnce', () => {
  it('of concurrent inserts under one id, exactly one creates and all see the same document', async () => {
    const id = fresh('once')
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => insertOnce(t.db, COUNTERS, { _id: id, who: i })))
    expect(got.filter((g) => g.created)).toHaveLength(1)
    expect(new Set(got.map((g) => (g.doc as { who: number }).who)).size).toBe(1)
  })

  it('of concurrent creates under one request key, one record is stored and charged once; all answer its id', async () => {
    const key = `rk:${fresh('key')}`
    const quota = fresh('quota')
    const now = new Date()
    const got = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createOnce(t.db, {
          requestKey: key,
          collection: COUNTERS,
          doc: { _id: fresh(`record-${i}`) },
          now,
          attempts: 30,
          charge: async (tx) => {
            const doc = (await tx.collection(COUNTERS).doc(quota).get().catch(() => ({ data: null }))).data as { n?: number } | null
            if (doc) await tx.collection(COUNTERS).doc(quota).update({ data: { n: (doc.n ?? 0) + 1 } })
            else await tx.collection(COUNTERS).add({ data: { _id: quota, n: 1 } })
          },
        }),
      ),
    )
    expect(got.filter((g) => g.created)).toHaveLength(1)
    expect(new Set(got.map((g) => g.id)).size).toBe(1)
    expect(await recordOf(t.db, key, COUNTERS)).toBe(got[0].id)
    expect(await valueOf(quota, 'n')).toBe(1)
  })
})

describe('txMoveBounded', () => {
  it('moves one unit only when the target has room, both counters or neither', async () => {
    const from = fresh('from')
    const to = fresh('to')
    await increment(t.db, { collection: COUNTERS, id: from, field: 'n' }, 1)
    await increment(t.db, { collection: COUNTERS, id: to, field: 'n' }, 2)
    const move = () => transaction(t.db, (tx) => txMoveBounded(tx, { collection: COUNTERS, id: from, field: 'n' }, { collection: COUNTERS, id: to, field: 'n', max: 2 }))
    expect(await move()).toBe(false)
    expect([await valueOf(from, 'n'), await valueOf(to, 'n')]).toEqual([1, 2])
    await giveBack(t.db, { collection: COUNTERS, id: to, field: 'n' })
    expect(await move()).toBe(true)
    expect([await valueOf(from, 'n'), await valueOf(to, 'n')]).toEqual([0, 2])
  })
})
