// Transactions through the REAL wx-server-sdk: snapshot reads, locks, conflicts, commit, rollback, timeout.
import { startDbCloud, sdkError, type DbCloud } from './support/dbCloud'
import '../support/slow'

process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection in transactions.test', err)
})

const TIMEOUT_MS = 1500
let lc: DbCloud
beforeAll(async () => {
  lc = await startDbCloud({ transactionTimeoutMs: TIMEOUT_MS })
})
afterAll(async () => {
  await lc?.stop()
})

const counters = () => lc.db.collection('counters')
const value = async (id: string) => (await counters().doc(id).get()).data

beforeEach(async () => {
  await counters().doc('a').set({ data: { n: 100 } })
  await counters().doc('b').set({ data: { n: 0 } })
})

test('runTransaction commits all writes together and returns the callback result', async () => {
  const _ = lc.db.command
  const result = await lc.db.runTransaction(async (t) => {
    const a = (await t.collection('counters').doc('a').get()).data
    await t.collection('counters').doc('a').update({ data: { n: _.inc(-30) } })
    await t.collection('counters').doc('b').update({ data: { n: _.inc(30) } })
    await t.collection('counters').add({ data: { _id: 'log-1', moved: 30, at: lc.db.serverDate() } })
    return a.n
  })
  expect(result).toBe(100)
  expect((await value('a')).n).toBe(70)
  expect((await value('b')).n).toBe(30)
  expect((await value('log-1')).at).toEqual(lc.clock.now)
})

test('rollback(reason) discards every write and runTransaction rejects with the reason', async () => {
  await expect(
    lc.db.runTransaction(async (t) => {
      await t.collection('counters').doc('a').update({ data: { n: 1 } })
      await t.collection('counters').doc('c').set({ data: { n: 1 } })
      await t.rollback('not enough')
    }),
  ).rejects.toBe('not enough')
  expect((await value('a')).n).toBe(100)
  expect(await sdkError(counters().doc('c').get())).toMatchObject({ errCode: -1 })
})

test('an error thrown in the callback rolls back', async () => {
  await expect(
    lc.db.runTransaction(async (t) => {
      await t.collection('counters').doc('a').remove()
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  expect((await value('a')).n).toBe(100)
})

test('reads see the snapshot at start plus the transaction\'s own writes', async () => {
  const t = await lc.db.startTransaction()
  expect((await t.collection('counters').doc('a').get()).data.n).toBe(100)
  await counters().doc('b').update({ data: { n: 55 } }) // committed outside, after the snapshot
  expect((await t.collection('counters').doc('b').get()).data.n).toBe(0)
  await t.collection('counters').doc('a').update({ data: { n: 1 } })
  expect((await t.collection('counters').doc('a').get()).data.n).toBe(1)
  const inTx = await t.collection('counters').where({ n: lc.db.command.lt(10) }).get()
  expect(inTx.data.map((d) => d._id).sort()).toEqual(['a', 'b'])
  expect((await value('a')).n).toBe(100) // not visible outside before commit
  await t.commit()
  expect((await value('a')).n).toBe(1)
  expect((await value('b')).n).toBe(55)
})

test('a second transaction writing a locked document: its commit answers DATABASE_TRANSACTION_CONFLICT, the shape runTransaction retries', async () => {
  const t1 = await lc.db.startTransaction()
  const t2 = await lc.db.startTransaction()
  await t1.collection('counters').doc('a').update({ data: { n: 1 } })
  // wx-server-sdk turns an error answered to a write into errCode -501001 without `code`, which
  // runTransaction does not retry; so the conflict is answered to the commit, as a raw
  // { code: 'DATABASE_TRANSACTION_CONFLICT' } (@cloudbase/database's runTransaction retries exactly that).
  await t2.collection('counters').doc('a').update({ data: { n: 2 } })
  await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  await t1.commit()
  expect((await value('a')).n).toBe(1)
})

test('runTransaction retries a write-write conflict with another open transaction', async () => {
  const holder = await lc.db.startTransaction()
  await holder.collection('counters').doc('a').update({ data: { n: lc.db.command.inc(1) } })
  let attempts = 0
  const done = lc.db.runTransaction(async (t) => {
    attempts++
    const a = (await t.collection('counters').doc('a').get()).data
    await t.collection('counters').doc('a').update({ data: { n: a.n + 10 } })
    if (attempts === 1) await holder.commit() // the holder finishes; the retry sees its write
  })
  await done
  expect(attempts).toBe(2)
  expect((await value('a')).n).toBe(111)
})

test('a document changed outside after the transaction read it: the write is doomed, commit conflicts, runTransaction retries', async () => {
  let attempts = 0
  await lc.db.runTransaction(async (t) => {
    attempts++
    const a = (await t.collection('counters').doc('a').get()).data
    if (attempts === 1) await counters().doc('a').update({ data: { n: lc.db.command.inc(10) } })
    await t.collection('counters').doc('a').update({ data: { n: a.n + 1 } })
  })
  expect(attempts).toBe(2)
  expect((await value('a')).n).toBe(111) // 100 + 10 outside + 1 on the retry: nothing lost
})

test('a write outside transactions to a locked document waits until the transaction ends (as in MongoDB)', async () => {
  const t = await lc.db.startTransaction()
  await t.collection('counters').doc('a').update({ data: { n: 5 } })
  let outsideDone = false
  const outside = counters()
    .doc('a')
    .update({ data: { n: lc.db.command.inc(1) } })
    .then(() => (outsideDone = true))
  await new Promise((r) => setTimeout(r, 200))
  expect(outsideDone).toBe(false) // still waiting for the lock
  await t.commit()
  await outside
  expect((await value('a')).n).toBe(6) // applied after the commit, not before it
})

test('code that deadlocks in production does not pass: a transaction awaiting a plain write to its own locked document', async () => {
  // The plain write waits for the transaction, which waits for the write: the transaction times out
  // (locks released), the write applies, and the commit fails loudly.
  const err = await lc.db
    .runTransaction(async (t) => {
      await t.collection('counters').doc('b').update({ data: { n: 1 } })
      await counters().doc('b').update({ data: { n: 2 } })
    })
    .then(
      () => null,
      (e: unknown) => e,
    )
  expect(err).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  expect((await value('b')).n).toBe(2)
})

test('an abandoned transaction times out: its locks are released and it can no longer commit', async () => {
  const t1 = await lc.db.startTransaction()
  await t1.collection('counters').doc('b').update({ data: { n: 1 } })
  await new Promise((r) => setTimeout(r, TIMEOUT_MS + 300))
  const t2 = await lc.db.startTransaction()
  await t2.collection('counters').doc('b').update({ data: { n: 2 } })
  await t2.commit()
  expect((await value('b')).n).toBe(2)
  await expect(t1.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
})

test('a unique-index violation at commit applies nothing', async () => {
  await lc.db.collection('people').doc('p1').set({ data: { phone: '13900000000' } })
  const t = await lc.db.startTransaction()
  await t.collection('counters').doc('a').update({ data: { n: 7 } })
  await t.collection('people').add({ data: { phone: '13900000000' } })
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  expect((await value('a')).n).toBe(100)
})

test('a write that changes nothing still releases its lock when the transaction ends', async () => {
  // n is already 100: the update is a no-op, but it locked the document all the same.
  await lc.db.runTransaction(async (t) => {
    await t.collection('counters').doc('a').update({ data: { n: 100 } })
  })
  // A missing document's remove locks too, and is released on abort.
  await expect(
    lc.db.runTransaction(async (t) => {
      await t.collection('counters').doc('nobody').remove()
      await t.rollback('done')
    }),
  ).rejects.toBe('done')
  await lc.db.runTransaction(async (t) => {
    await t.collection('counters').doc('a').update({ data: { n: 101 } })
    await t.collection('counters').doc('nobody').set({ data: { n: 1 } })
  })
  expect((await value('a')).n).toBe(101)
  expect((await value('nobody')).n).toBe(1)
})
