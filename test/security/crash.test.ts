// kill -9 in the middle of `reports.create`, then a retry with the same requestId: exactly one report, the daily
// quota charged once. The local cloud runs in its own process on a data directory that survives the kill.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cloudUrlOf } from '../support/cloudUrl'
import Database from 'better-sqlite3'
import type { Result } from '@contract'
import { stationDayKey } from '@domain/station-time'
import { requestKeyOf } from '@server/dispatch'
import { buildFunctions } from '../../scripts/build-functions'

const ROOT = path.resolve(__dirname, '..', '..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-crash-'))
const dbFile = path.join(dataDir, 'db.sqlite')

interface Running {
  child: ChildProcess
  url: string
}

const running = new Set<ChildProcess>()

/** Starts the cloud on the shared data directory; `crashAt` arms its self-kill (see crashCloud.ts). */
async function startCloud(crashAt?: 'claim' | 'commit', action = 'reports.create', collection = 'reports'): Promise<Running> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'crashCloud.ts'), dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CRASH_AT: crashAt ?? '', CRASH_ACTION: action, CRASH_COLLECTION: collection },
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const url = await cloudUrlOf(child, 'the crash cloud')
  child.stdout?.resume()
  return { child, url }
}

async function stopCloud(r: Running): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    r.child.once('exit', () => resolve())
    r.child.kill('SIGTERM')
  })
}

/** Resolves when the process died of SIGKILL (tsx's wrapper reports its child's kill as exit code 137). */
function killed(r: Running): Promise<boolean> {
  const byKill = (code: number | null, signal: NodeJS.Signals | null) => signal === 'SIGKILL' || code === 137
  if (r.child.exitCode !== null || r.child.signalCode !== null) return Promise.resolve(byKill(r.child.exitCode, r.child.signalCode))
  return new Promise((resolve) => r.child.once('exit', (code, signal) => resolve(byKill(code, signal))))
}

async function call<T>(url: string, openid: string, name: string, action: string, payload: unknown, requestId?: string): Promise<Result<T>> {
  const res = await fetch(`${url}/gateway/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': openid },
    body: JSON.stringify({ name, data: { action, payload, ...(requestId ? { requestId } : {}) } }),
  })
  const body = (await res.json()) as { result?: Result<T> }
  if (!body.result) throw new Error(`gateway call ${name}.${action} failed: ${res.status}`)
  return body.result
}

/** Reads the data directory as the cloud left it (WAL readers see every committed write). */
function onDisk<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const docOf = (db: Database.Database, collection: string, id: string): Record<string, unknown> | null => {
  const row = db.prepare(`SELECT doc FROM "c_${collection}" WHERE _id = ?`).get(id) as { doc: string } | undefined
  return row ? (JSON.parse(row.doc) as Record<string, unknown>) : null
}

function theft() {
  const from = new Date(Date.now() - 6 * 3600_000).toISOString()
  const to = new Date(Date.now() - 3600_000).toISOString()
  return { type: 'theft', anonymous: true, villageId: 'pingchuan', items: [{ name: '电动车电瓶', value: 300 }], from, to, place: '村口', photos: [] }
}

beforeAll(async () => {
  await buildFunctions({ quiet: true })
})

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('kill -9 during reports.create, then a retry with the same requestId: one report, quota charged once', async () => {
  const ROUNDS = 8
  const figures = { rounds: 0, killedAfterClaim: 0, killedAfterCommit: 0, pendingAtRestart: 0, duplicates: 0, quotaOvercharged: 0 }
  const day = stationDayKey(new Date())
  for (let round = 0; round < ROUNDS; round++) {
    const openid = `crash-reporter-${round}`
    const requestId = `crash-${round}-${Date.now().toString(36)}`
    const ledgerKey = `${openid}:reports.create:${requestId}`
    const markKey = requestKeyOf(ledgerKey)
    // Even rounds die as soon as the call has claimed its requestId; odd rounds just after the report committed.
    const killAt = round % 2 === 0 ? 'claim' : 'commit'

    let cloud = await startCloud(killAt)
    // A warm instance, so the kill lands inside create rather than in the instance's start-up.
    expect(await call(cloud.url, openid, 'reports', 'mine', { pageSize: 5 })).toMatchObject({ ok: true })
    const inflight = call(cloud.url, openid, 'reports', 'create', theft(), requestId).catch(() => 'killed' as const)
    expect(await killed(cloud)).toBe(true)
    expect(await inflight).toBe('killed')
    const atKill = onDisk((db) => ({ claim: docOf(db, 'requests', ledgerKey), mark: docOf(db, 'requests', markKey) }))
    if (atKill.mark) figures.killedAfterCommit++
    else figures.killedAfterClaim++
    if (atKill.claim?.status === 'pending') figures.pendingAtRestart++

    cloud = await startCloud()
    const retry = await call<{ caseNo: string }>(cloud.url, openid, 'reports', 'create', theft(), requestId)
    expect(retry).toMatchObject({ ok: true })
    const again = await call<{ caseNo: string }>(cloud.url, openid, 'reports', 'create', theft(), requestId)
    expect(again).toEqual(retry)
    await stopCloud(cloud)

    const after = onDisk((db) => ({
      reports: db.prepare(`SELECT _id FROM "c_reports" WHERE json_extract(doc, '$.reporter') = ?`).all(openid) as { _id: string }[],
      quota: docOf(db, 'report_counters', `quota:${openid}:${day}`),
    }))
    if (after.reports.length > 1) figures.duplicates += after.reports.length - 1
    if (Number(after.quota?.count ?? 0) !== after.reports.length) figures.quotaOvercharged++
    expect(after.reports.map((r) => r._id)).toEqual([retry.ok ? retry.data.caseNo : ''])
    expect(after.quota).toMatchObject({ count: 1 })
    figures.rounds++
  }
  console.log(JSON.stringify(figures))
  expect(figures.killedAfterCommit).toBeGreaterThan(0)
  expect(figures.pendingAtRestart).toBeGreaterThan(0)
}, 600_000)

test('kill -9 during services.book, then a retry with the same requestId: one booking, one seat', async () => {
  const ROUNDS = 4
  const figures = { rounds: 0, killedAfterClaim: 0, killedAfterCommit: 0, duplicates: 0, seatsOff: 0 }
  /** A day within the booking horizon, station time, with enough open slots (the seed has holidays). */
  const dayAhead = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10)
  let bookDay = ''
  for (let round = 0; round < ROUNDS; round++) {
    const openid = `crash-booker-${round}`
    const requestId = `crash-book-${round}-${Date.now().toString(36)}`
    const ledgerKey = `${openid}:services.book:${requestId}`
    const killAt = round % 2 === 0 ? 'claim' : 'commit'
    let cloud = await startCloud(killAt, 'services.book', 'bookings')
    const openOn = async (d: string) => {
      const r = await call<{ slots: { key: string; state: string }[] }>(cloud.url, openid, 'services', 'slots', { serviceId: 'juzhu', day: d })
      return r.ok ? r.data.slots.filter((s) => s.state === 'open').map((s) => s.key) : []
    }
    for (let n = 2; !bookDay && n <= 6; n++) if ((await openOn(dayAhead(n))).length >= ROUNDS * 2) bookDay = dayAhead(n)
    const slot = (await openOn(bookDay))[round]
    if (!slot) throw new Error(`no open slot on ${bookDay}`)
    const payload = { serviceId: 'juzhu', slot, name: '测试村民', phone: '13700000002' }
    const inflight = call(cloud.url, openid, 'services', 'book', payload, requestId).catch(() => 'killed' as const)
    expect(await killed(cloud)).toBe(true)
    expect(await inflight).toBe('killed')
    if (onDisk((db) => docOf(db, 'requests', requestKeyOf(ledgerKey)))) figures.killedAfterCommit++
    else figures.killedAfterClaim++

    cloud = await startCloud()
    const retry = await call<{ id: string }>(cloud.url, openid, 'services', 'book', payload, requestId)
    expect(retry).toMatchObject({ ok: true })
    await stopCloud(cloud)

    const after = onDisk((db) => ({
      bookings: db.prepare(`SELECT _id FROM "c_bookings" WHERE json_extract(doc, '$.openid') = ?`).all(openid) as { _id: string }[],
      active: (db.prepare(`SELECT count(*) AS n FROM "c_bookings" WHERE json_extract(doc, '$.serviceId') = 'juzhu' AND json_extract(doc, '$.slotKey') = ? AND json_extract(doc, '$.status') IN ('booked', 'checked_in')`).get(slot) as { n: number }).n,
      seat: docOf(db, 'slot_seats', `juzhu|${slot}`),
    }))
    if (after.bookings.length > 1) figures.duplicates += after.bookings.length - 1
    if (Number(after.seat?.taken ?? 0) !== after.active) figures.seatsOff++
    expect(after.bookings.map((b) => b._id)).toEqual([retry.ok ? retry.data.id : ''])
    expect(after.seat).toMatchObject({ taken: after.active })
    figures.rounds++
  }
  console.log(JSON.stringify(figures))
  expect(figures.killedAfterCommit).toBeGreaterThan(0)
}, 600_000)
