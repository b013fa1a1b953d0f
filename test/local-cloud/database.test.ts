// Database conformance: the REAL wx-server-sdk 4.0.2 against the local cloud's database service.
import { startDbCloud, sdkError, type DbCloud } from './support/dbCloud'
import '../support/slow'

process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection in database.test', err)
})

let lc: DbCloud
beforeAll(async () => {
  lc = await startDbCloud()
})
afterAll(async () => {
  await lc?.stop()
})

const items = () => lc.db.collection('items')
const fresh = (coll: string) => lc.service.engine.db.prepare(`DELETE FROM "c_${coll}"`).run()

describe('insert and read back', () => {
  test('add then doc().get() round-trips nested objects, numbers and Dates; _id is 32 hex chars; no _openid', async () => {
    const at = new Date('2025-02-03T04:05:06.789Z')
    const res = await items().add({ data: { villageId: 'pingchuan', a: { b: 1, c: [1, 'x'] }, n: 2.5, at, ok: true, none: null } })
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
    const got = await items().doc(res._id as string).get()
    expect(got.data).toEqual({ _id: res._id, villageId: 'pingchuan', a: { b: 1, c: [1, 'x'] }, n: 2.5, at, ok: true, none: null })
    expect(got.data.at).toBeInstanceOf(Date)
    expect(got.data).not.toHaveProperty('_openid')
  })

  test('db.serverDate() is stored as a Date (the server clock, plus offset)', async () => {
    const { _id } = await items().add({ data: { at: lc.db.serverDate(), later: lc.db.serverDate({ offset: 60_000 }) } })
    const { data } = await items().doc(_id as string).get()
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBe(lc.clock.now.getTime())
    expect(data.later.getTime()).toBe(lc.clock.now.getTime() + 60_000)
  })

  test('add with a given _id; adding it again is a duplicate-key error', async () => {
    await items().add({ data: { _id: 'fixed-1', v: 1 } })
    const e = await sdkError(items().add({ data: { _id: 'fixed-1', v: 2 } }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/E11000 duplicate key error collection: items index: _id_/)
  })

  test('a unique index declared in the schema rejects a duplicate with CloudBase\'s duplicate-key error', async () => {
    await lc.db.collection('people').add({ data: { phone: '13800000001' } })
    const e = await sdkError(lc.db.collection('people').add({ data: { phone: '13800000001' } }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toContain('E11000 duplicate key error collection: people index: phone')
    expect((await lc.db.collection('people').where({ phone: '13800000001' }).count()).total).toBe(1)
  })

  test('missing doc().get() throws errCode -1 "document with _id ... does not exist"', async () => {
    const e = await sdkError(items().doc('nope').get())
    expect(e.errCode).toBe(-1)
    expect(e.errMsg).toBe('document.get:fail document with _id nope does not exist')
  })

  test('an undeclared collection answers DATABASE_COLLECTION_NOT_EXIST (errCode -502005), for reads and writes', async () => {
    const read = await sdkError(lc.db.collection('ghosts').get())
    expect(read.errCode).toBe(-502005)
    expect(read.errMsg).toContain('Db or Table not exist: ghosts')
    const write = await sdkError(lc.db.collection('ghosts').add({ data: { a: 1 } }))
    expect(write.errCode).toBe(-502005)
  })
})

describe('limits and counting', () => {
  beforeAll(() => {
    fresh('bulk')
    lc.service.insertMany('bulk', Array.from({ length: 1200 }, (_, i) => ({ _id: `b${String(i).padStart(4, '0')}`, seq: i, even: i % 2 === 0 })))
  })

  test('get() without limit returns 100 documents (CloudBase default)', async () => {
    expect((await lc.db.collection('bulk').get()).data).toHaveLength(100)
  })

  test('limit is capped at 1000, by the SDK and by the server', async () => {
    expect((await lc.db.collection('bulk').limit(5000).get()).data).toHaveLength(1000)
    const raw = await lc.wire({ action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE', limit: 5000 })
    expect((raw.data as { list: string[] }).list).toHaveLength(1000)
  })

  test('count() ignores skip and limit', async () => {
    const res = await lc.db.collection('bulk').where({ even: true }).skip(10).limit(3).count()
    expect(res.total).toBe(600)
  })

  test('orderBy + skip + limit + field projection', async () => {
    const res = await lc.db.collection('bulk').where({ seq: lc.db.command.lt(50) }).orderBy('seq', 'desc').skip(5).limit(3).field({ seq: true }).get()
    expect(res.data).toEqual([
      { _id: 'b0044', seq: 44 },
      { _id: 'b0043', seq: 43 },
      { _id: 'b0042', seq: 42 },
    ])
  })

  test('field({ x: false }) excludes a field', async () => {
    const res = await lc.db.collection('bulk').where({ seq: 7 }).field({ even: false }).get()
    expect(res.data).toEqual([{ _id: 'b0007', seq: 7 }])
  })
})

describe('where', () => {
  beforeAll(async () => {
    fresh('items')
    lc.service.insertMany('items', [
      { _id: 'w1', villageId: 'pingchuan', n: 1, a: { b: 1, c: 'x' }, tag: 'fraud', title: '假冒农药', createdAt: new Date('2025-01-01T00:00:00Z') },
      { _id: 'w2', villageId: 'pingchuan', n: 5, a: { b: 2 }, tag: 'theft', title: '偷电动车', createdAt: new Date('2025-01-02T00:00:00Z') },
      { _id: 'w3', villageId: 'luwan', n: 9, a: { b: 3 }, title: 'Fake seeds', createdAt: new Date('2025-01-03T00:00:00Z') },
      { _id: 'w4', villageId: 'luwan', n: 12, tags: ['a', 'b'], createdAt: new Date('2025-01-04T00:00:00Z') },
    ])
  })
  const ids = async (q: Promise<{ data: Array<Record<string, unknown>> }>) => (await q).data.map((d) => d._id).sort()

  test('nested objects in where() match by dot path; "a.b" strings too', async () => {
    expect(await ids(items().where({ a: { b: 2 } }).get())).toEqual(['w2'])
    expect(await ids(items().where({ 'a.b': 3 }).get())).toEqual(['w3'])
  })

  test('_.gt / _.lte and chained and()', async () => {
    const _ = lc.db.command
    expect(await ids(items().where({ n: _.gt(1).and(_.lte(9)) }).get())).toEqual(['w2', 'w3'])
  })

  test('_.and / _.or across fields', async () => {
    const _ = lc.db.command
    expect(await ids(items().where(_.or([{ villageId: 'luwan', n: _.gt(10) }, { tag: 'fraud' }])).get())).toEqual(['w1', 'w4'])
    expect(await ids(items().where(_.and([{ villageId: 'pingchuan' }, { n: _.gte(5) }])).get())).toEqual(['w2'])
  })

  test('_.in / _.nin / _.neq', async () => {
    const _ = lc.db.command
    expect(await ids(items().where({ n: _.in([1, 12, 100]) }).get())).toEqual(['w1', 'w4'])
    expect(await ids(items().where({ n: _.nin([1, 12]) }).get())).toEqual(['w2', 'w3'])
    expect(await ids(items().where({ villageId: _.neq('pingchuan') }).get())).toEqual(['w3', 'w4'])
  })

  test('_.exists', async () => {
    const _ = lc.db.command
    expect(await ids(items().where({ tag: _.exists(false) }).get())).toEqual(['w3', 'w4'])
    expect(await ids(items().where({ 'a.c': _.exists(true) }).get())).toEqual(['w1'])
  })

  test('db.RegExp, with options, and on Chinese text', async () => {
    expect(await ids(items().where({ title: lc.db.RegExp({ regexp: '^fake', options: 'i' }) }).get())).toEqual(['w3'])
    expect(await ids(items().where({ title: lc.db.RegExp({ regexp: '农药' }) }).get())).toEqual(['w1'])
  })

  test('Date ranges compare as Dates', async () => {
    const _ = lc.db.command
    expect(await ids(items().where({ createdAt: _.gte(new Date('2025-01-02T00:00:00Z')).and(_.lt(new Date('2025-01-04T00:00:00Z'))) }).get())).toEqual(['w2', 'w3'])
  })

  test('equality on an array field matches an element', async () => {
    expect(await ids(items().where({ tags: 'b' }).get())).toEqual(['w4'])
  })
})

describe('update, set, remove', () => {
  const _ = () => lc.db.command
  test('doc().update() merges nested objects (a.b changes, a.c stays)', async () => {
    const { _id } = await items().add({ data: { a: { b: 1, c: 2 }, n: 1 } })
    const res = await items().doc(_id as string).update({ data: { a: { b: 5 } } })
    expect(res.stats.updated).toBe(1)
    expect((await items().doc(_id as string).get()).data).toEqual({ _id, a: { b: 5, c: 2 }, n: 1 })
  })

  test('update operators: _.set, _.inc, _.mul, _.push, _.pull, _.addToSet, _.remove, _.min, _.max', async () => {
    const { _id } = await items().add({ data: { obj: { x: 1, y: 2 }, n: 10, m: 3, list: ['a', 'b'], set: ['p'], gone: 1, lo: 5, hi: 5 } })
    const c = _()
    await items().doc(_id as string).update({
      data: {
        obj: c.set({ z: 9 }),
        n: c.inc(-3),
        m: c.mul(4),
        list: c.push(['c', 'd']),
        set: c.addToSet('p'),
        gone: c.remove(),
        lo: c.min(2),
        hi: c.max(8),
      },
    })
    await items().doc(_id as string).update({ data: { list: c.pull('a'), set: c.addToSet('q') } })
    expect((await items().doc(_id as string).get()).data).toEqual({ _id, obj: { z: 9 }, n: 7, m: 12, list: ['b', 'c', 'd'], set: ['p', 'q'], lo: 2, hi: 8 })
  })

  test('update of a missing doc updates 0 and creates nothing', async () => {
    const res = await items().doc('missing-doc').update({ data: { n: 1 } })
    expect(res.stats.updated).toBe(0)
    expect((await items().where({ _id: 'missing-doc' }).count()).total).toBe(0)
  })

  test('set() replaces the whole document; on a missing id it creates it (upsert)', async () => {
    const { _id } = await items().add({ data: { a: 1, b: 2 } })
    const replaced = await items().doc(_id as string).set({ data: { c: 3, at: lc.db.serverDate() } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect((await items().doc(_id as string).get()).data).toEqual({ _id, c: 3, at: lc.clock.now })
    const created = await items().doc('set-new').set({ data: { d: 4 } })
    expect(created.stats).toEqual({ updated: 0, created: 1 })
    expect((await items().doc('set-new').get()).data).toEqual({ _id: 'set-new', d: 4 })
  })

  test('_id in update data is rejected (by the SDK, and by the server for raw wire calls)', async () => {
    await expect(items().doc('set-new').update({ data: { _id: 'x' } })).rejects.toThrow(/_id/)
    const raw = await lc.wire({
      action: 'database.modifyDocument', collectionName: 'items', queryType: 'DOC', query: '{"_id":"set-new"}',
      data: '{"$set":{"_id":"other"}}', multi: false, merge: true, upsert: false,
    })
    expect(raw.code).toBe('INVALID_PARAM')
    expect((await items().doc('set-new').get()).data._id).toBe('set-new')
  })

  test('where().update() updates every match; where().remove() removes every match', async () => {
    lc.service.insertMany('items', [{ grp: 'u', k: 1 }, { grp: 'u', k: 2 }, { grp: 'v', k: 3 }])
    const up = await items().where({ grp: 'u' }).update({ data: { seen: true } })
    expect(up.stats.updated).toBe(2)
    expect((await items().where({ grp: 'u', seen: true }).count()).total).toBe(2)
    const rm = await items().where({ grp: 'u' }).remove()
    expect(rm.stats.removed).toBe(2)
    expect((await items().where({ grp: _().in(['u', 'v']) }).count()).total).toBe(1)
  })

  test('doc().remove() removes one; removing again removes 0', async () => {
    const { _id } = await items().add({ data: { x: 1 } })
    expect((await items().doc(_id as string).remove()).stats.removed).toBe(1)
    expect((await items().doc(_id as string).remove()).stats.removed).toBe(0)
  })

  test('_.inc under 50 concurrent calls ends exact', async () => {
    await lc.db.collection('counters').doc('c1').set({ data: { n: 0 } })
    await Promise.all(Array.from({ length: 50 }, () => lc.db.collection('counters').doc('c1').update({ data: { n: _().inc(1) } })))
    expect((await lc.db.collection('counters').doc('c1').get()).data.n).toBe(50)
  })
})

describe('aggregate', () => {
  test('match / group / sort / project', async () => {
    fresh('counters')
    lc.service.insertMany('counters', [
      { v: 'pingchuan', kind: 'report', w: 2 },
      { v: 'pingchuan', kind: 'report', w: 3 },
      { v: 'luwan', kind: 'report', w: 1 },
      { v: 'luwan', kind: 'booking', w: 9 },
    ])
    const $ = lc.db.command.aggregate
    const res = await lc.db
      .collection('counters')
      .aggregate()
      .match({ kind: 'report' })
      .group({ _id: '$v', total: $.sum('$w'), n: $.sum(1) })
      .sort({ total: -1 })
      .project({ _id: 0, village: '$_id', total: 1, n: 1 })
      .end()
    expect(res.list).toEqual([
      { village: 'pingchuan', total: 5, n: 2 },
      { village: 'luwan', total: 1, n: 1 },
    ])
  })
})

describe('errors that name what is wrong', () => {
  test('an unsupported query operator answers DATABASE_INVALID_OPERRATOR naming it', async () => {
    const _ = lc.db.command
    const e = await sdkError(items().where({ loc: _.geoNear({ geometry: new lc.db.Geo.Point(100, 39) }) }).get())
    expect(e.errCode).toBe(-502002)
    expect(e.errMsg).toContain('$nearSphere') // the SDK encodes _.geoNear as $nearSphere
  })

  test('an unsupported aggregation stage names it', async () => {
    const raw = await lc.wire({ action: 'database.aggregateDocuments', collectionName: 'items', stages: [{ stageKey: '$geoNear', stageValue: '{}' }] })
    expect(raw.code).toBe('DATABASE_INVALID_OPERRATOR')
    expect(raw.message).toContain('$geoNear')
  })

  test('broken EJSON answers INVALID_PARAM and the server keeps serving', async () => {
    const raw = await lc.wire({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{"a":' })
    expect(raw.code).toBe('INVALID_PARAM')
    expect((await items().limit(1).get()).data).toHaveLength(1)
  })
})
