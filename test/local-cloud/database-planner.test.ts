// Query push-down: indexed predicates and sorts run in SQLite through expression indexes, and only
// where that cannot change the answer. Pure engine tests (no SDK), checked with EXPLAIN QUERY PLAN and
// by counting the rows a query reads.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDatabaseService, type DatabaseService } from '../../local-cloud/src/db'
import type { DatabaseSchema } from '../../local-cloud/src/wire'

const schema: DatabaseSchema = {
  collections: {
    reports: {
      indexes: [
        { name: 'village_created', fields: [['villageId', 1], ['createdAt', -1]] },
        { name: 'status', fields: [['status', 1]] },
        { name: 'score', fields: [['score', 1]] },
        { name: 'nested', fields: [['meta.kind', 1]] },
      ],
    },
  },
}

let dir: string
let file: string
let db: DatabaseService
const t0 = Date.UTC(2025, 0, 1)

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-plan-'))
  file = path.join(dir, 'db.sqlite')
  db = createDatabaseService({ file, schema })
  db.insertMany(
    'reports',
    Array.from({ length: 5000 }, (_, i) => ({
      _id: `r${i}`,
      villageId: ['pingchuan', 'luwan', 'xinhua', 'shuangquan', 'lanbao'][i % 5],
      status: i % 7 === 0 ? 'open' : 'closed',
      score: i,
      meta: { kind: i % 2 ? 'theft' : 'fraud' },
      createdAt: new Date(t0 + i * 60_000),
    })),
  )
})
afterAll(() => {
  db?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const usesIndex = (plan: string[], index: string) => plan.some((d) => d.includes(`USING INDEX ${index}`))
const scans = (plan: string[]) => plan.some((d) => /^SCAN c_reports\b/.test(d) && !d.includes('USING'))

test('equality + sort on a compound index: SQLite uses the index for both, no full scan, no temp sort', () => {
  const ex = db.explain('reports', { villageId: 'luwan' }, [['createdAt', -1]])
  expect(usesIndex(ex.plan, 'ix_reports_village_created')).toBe(true)
  expect(scans(ex.plan)).toBe(false)
  expect(ex.plan.join('\n')).not.toContain('TEMP B-TREE')
  expect(ex.pushed).toEqual(['villageId ='])
})

test('an indexed where().orderBy().limit(20) reads exactly 20 rows out of 5000 (timing-free)', () => {
  const before = db.engine.rowsRead
  const docs = db.find('reports', { villageId: 'luwan' }, { order: [['createdAt', -1]], limit: 20 })
  expect(db.engine.rowsRead - before).toBe(20)
  expect(docs).toHaveLength(20)
  expect(docs[0]._id).toBe('r4996')
  expect((docs[0].createdAt as Date).getTime()).toBeGreaterThan((docs[1].createdAt as Date).getTime())
})

test('Date ranges, number ranges, $in and nested paths are pushed down and use their indexes', () => {
  const dates = db.explain('reports', { villageId: 'xinhua', createdAt: { $gte: new Date(t0 + 1000 * 60_000), $lt: new Date(t0 + 1100 * 60_000) } })
  expect(dates.pushed).toEqual(['villageId =', 'createdAt >=', 'createdAt <'])
  expect(usesIndex(dates.plan, 'ix_reports_village_created')).toBe(true)
  expect(db.find('reports', { villageId: 'xinhua', createdAt: { $gte: new Date(t0 + 1000 * 60_000), $lt: new Date(t0 + 1100 * 60_000) } })).toHaveLength(20)

  const range = db.explain('reports', { score: { $gt: 4990 } })
  expect(usesIndex(range.plan, 'ix_reports_score')).toBe(true)
  const inList = db.explain('reports', { status: { $in: ['open', 'pending'] } })
  expect(inList.pushed).toEqual(['status IN'])
  expect(usesIndex(inList.plan, 'ix_reports_status')).toBe(true)
  const nested = db.explain('reports', { 'meta.kind': 'theft' })
  expect(usesIndex(nested.plan, 'ix_reports_nested')).toBe(true)
  const ids = db.explain('reports', { _id: { $in: ['r1', 'r2'] } })
  expect(ids.plan.join('\n')).toMatch(/USING INDEX sqlite_autoindex_c_reports_1|USING PRIMARY KEY/)
})

test('a predicate under $and is pushed; $or and non-indexed fields are left to mingo', () => {
  expect(db.explain('reports', { $and: [{ status: 'open' }, { score: { $lt: 10 } }] }).pushed).toEqual(['status =', 'score <'])
  expect(db.explain('reports', { $or: [{ status: 'open' }, { score: 1 }] }).pushed).toEqual([])
  expect(db.explain('reports', { title: 'x' }).pushed).toEqual([])
})

test('an array on an indexed path turns push-down off for that path, and the answer stays right', () => {
  db.insertMany('reports', [{ _id: 'arr', status: ['open', 'urgent'], score: -1 }])
  expect(db.explain('reports', { status: 'urgent' }).pushed).toEqual([])
  expect(db.find('reports', { status: 'urgent' }).map((d) => d._id)).toEqual(['arr'])
  expect(db.find('reports', { status: 'open' })).toHaveLength(715 + 1)
})

test('mixed value kinds on a path keep equality push-down but not ranges or sorts (type order differs)', () => {
  db.insertMany('reports', [{ _id: 'str-score', score: 'high' }])
  expect(db.explain('reports', { score: 3 }).pushed).toEqual(['score ='])
  expect(db.explain('reports', { score: { $gt: 4998 } }).pushed).toEqual([])
  expect(db.find('reports', { score: { $gt: 4998 } }).map((d) => d._id)).toEqual(['r4999'])
  expect(db.find('reports', {}, { order: [['score', -1]], limit: 1 })[0]._id).toBe('str-score') // strings sort after numbers
})

test('what push-down may use is recomputed from the data when the database is reopened', () => {
  db.close()
  db = createDatabaseService({ file, schema })
  expect(db.explain('reports', { status: 'urgent' }).pushed).toEqual([])
  expect(db.explain('reports', { villageId: 'luwan' }).pushed).toEqual(['villageId ='])
  expect(db.find('reports', { villageId: 'luwan' })).toHaveLength(1000)
})

test('the app\'s cloudfunctions/database.json creates every declared collection and index', () => {
  const appSchema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/database.json'), 'utf8')) as DatabaseSchema
  const app = createDatabaseService({ file: path.join(dir, 'app.sqlite'), schema: appSchema })
  try {
    const names = (app.engine.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name)
    for (const coll of Object.keys(appSchema.collections)) expect(names).toContain(`c_${coll}`)
    const indexCount = Object.values(appSchema.collections).reduce((n, c) => n + (c.indexes?.length ?? 0) + (c.indexes?.filter((i) => i.unique).length ?? 0), 0)
    const made = app.engine.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND (name LIKE 'ix\\_%' ESCAPE '\\' OR name LIKE 'ux\\_%' ESCAPE '\\')`).get() as { n: number }
    expect(made.n).toBe(indexCount)
  } finally {
    app.close()
  }
})

test('a count whose query is fully pushed down runs in SQL without reading documents; others fall back to mingo', () => {
  const c = db.engine.coll('reports')
  let before = db.engine.rowsRead
  expect(db.engine.count(c, { villageId: 'pingchuan' })).toBe(1000)
  expect(db.engine.count(c, { villageId: 'pingchuan', createdAt: { $gte: new Date(t0 + 2500 * 60_000) } })).toBe(500)
  expect(db.engine.rowsRead).toBe(before)
  before = db.engine.rowsRead
  expect(db.engine.count(c, { villageId: 'pingchuan', 'meta.kind': 'fraud', title: { $exists: false } })).toBe(500)
  expect(db.engine.rowsRead).toBeGreaterThan(before)
  expect(db.engine.count(c, { score: 3 })).toBe(1) // 'score' holds numbers and a string: not exact, mingo decides
})
