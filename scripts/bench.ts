// `npm run bench`: every figure named in the "Benchmark" sections of issues 2–6, each next to its budget.
// Budgets are reported (OK / OVER), not asserted; the exit code is non-zero only when something could not be
// measured. Runs in a few minutes on 2 cores:
//   1. package sizes: builds the functions (always) and the weapp (only when dist/weapp is missing; `--weapp`
//      rebuilds it), then sums dist/weapp by package and each dist/cloudfunctions/<fn>/index.js;
//   2. a local cloud in this process (fresh temp data dir, demo seed, no timers): cold starts and warm
//      callFunction latency through the H5 gateway (POST /gateway/call) and through the real wx-server-sdk;
//   3. the list queries of issues 2, 4, 5 and 6 at 1k documents, then topped up to 100k (older history at the
//      same density), with the rows SQLite handed back per call (a timing-free sign of whether an index served);
//   4. contended `services.book` calls on a few slots: throughput, and that no slot went past its capacity;
//   5. what a phone pays (issue 16): setData and WXML per page of dist/weapp in miniprogram-simulate, and the bytes its
//      first screen's calls download (scripts/bench/phone.ts);
//   6. weak networks (issue 16): a 12-megapixel photo through the app's H5 pipeline in Chromium (scripts/bench/photo.ts),
//      and what cold starts cost here and on CloudBase;
//   7. with --profile, where a call's CPU goes (see profileSplit and docs/performance.md).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { countMarks, type AlertCounters, type ReadMark } from '@domain/alerts'
import { residentCountDocs, type Residency } from '@domain/residents'
import { VILLAGE_RESIDENTS } from '@server/collections'
import type { AlertStatsView } from '@contract/alerts'
import type { AgendaView, SlotsView } from '@contract/services'
import type { Doc } from '../local-cloud/src/db'
import { startLocalCloud } from '../local-cloud/src'
import { ROOT } from '../local-cloud/src/main'
import { buildFunctions, type BuiltFunction } from './build-functions'
import { startBenchCloud, warmUp, WARMUP_CALLS, type BenchCloud } from './bench/cloud'
import {
  BOOKINGS_PER_DAY,
  historyAlert,
  historyBooking,
  historyErrand,
  historyReport,
  historyHomeVisit,
  readMark,
  resident,
  seatsFor,
} from './bench/data'
import { concurrently, loadFromAnotherProcess, measurePaired, median, nowMs, percentile, threadCpuMs, timed } from './bench/measure'
import { contendedBooking, WARM_ROUNDS } from './bench/booking'
import { kb, weappSizes } from './bench/sizes'
import { historyCase, mediationQueries } from './bench/mediation'
import { figuresQueries } from './bench/figures'
import { householdsQueries, loadHouseholds } from './bench/households'
import { measurePlates, plateFigures, plateStepCosts, PLATE_SAMPLE } from './bench/plates'
import { BATCH_BUDGET_MS, CALLS_PER_MINUTE, PARALLEL } from '../cloudfunctions/households/plates'
import { AUDIT_NOTE, measurePhone, phoneRows } from './bench/phone'
import { measurePhoto } from './bench/photo'
import { PHOTO_MAX_BYTES } from '../src/services/photoSize'

type Status = 'OK' | 'OVER' | 'info' | 'FAIL'
interface Row {
  figure: string
  value: string
  budget: string
  status: Status
}
interface Section {
  title: string
  rows: Row[]
}

const sections: Section[] = []
const notes: string[] = []
/** Query plans at 100k: of every figure over budget, or of all with --explain. */
const explained: Array<{ label: string; lines: string[] }> = []
let failed = false

function section(title: string): Section {
  const s: Section = { title, rows: [] }
  sections.push(s)
  return s
}
const within = (value: number, limit: number): Status => (value <= limit ? 'OK' : 'OVER')
const ms = (v: number): string => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`)
const sec = (v: number): string => `${(v / 1000).toFixed(1)} s`
const log = (line: string) => console.log(`[bench] ${line}`)

function failRow(s: Section, figure: string, err: unknown): void {
  failed = true
  const message = err instanceof Error ? err.message : String(err)
  s.rows.push({ figure, value: `not measured: ${message.split('\n')[0].slice(0, 160)}`, budget: '', status: 'FAIL' })
  console.error(`[bench] ${figure}:`, err)
}

const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
/** Where the functions are built and run from (BENCH_FUNCTIONS_DIR overrides, e.g. to leave dist/ alone). */
const FUNCTIONS_DIR = process.env.BENCH_FUNCTIONS_DIR ? path.resolve(process.env.BENCH_FUNCTIONS_DIR) : path.join(ROOT, 'dist', 'cloudfunctions')

const SMALL = 1_000
const LARGE = 100_000
const STATS_ALERT = 'seed-alert-gongjianfa'
const RESIDENT = 'dev-resident-1'
const OFFICER = 'dev-officer'

// ---------------------------------------------------------------------------------------------------------------
// 1. Sizes (issue 3)

async function sizes(): Promise<BuiltFunction[] | null> {
  const s = section('Issue 3 — package sizes')
  let built: BuiltFunction[] | null = null
  try {
    const t = nowMs()
    built = await buildFunctions({ outDir: FUNCTIONS_DIR, quiet: true })
    log(`built ${built.length} functions into ${path.relative(ROOT, FUNCTIONS_DIR) || FUNCTIONS_DIR} in ${ms(nowMs() - t)}`)
    for (const fn of built.sort((a, b) => a.name.localeCompare(b.name))) {
      s.rows.push({ figure: `function bundle ${fn.name}/index.js${Object.keys(fn.dependencies).length ? ` (without ${Object.keys(fn.dependencies).join(', ')})` : ''}`, value: kb(fn.bytes), budget: '≤ 150 KB', status: within(fn.bytes, 150 * 1024) })
    }
  } catch (err) {
    failRow(s, 'function bundles (npx tsx scripts/build-functions.ts)', err)
  }

  const appJson = path.join(WEAPP_DIR, 'app.json')
  if (process.argv.includes('--no-weapp')) {
    notes.push('weapp package sizes not measured (--no-weapp).')
    return built
  }
  const rebuild = process.argv.includes('--weapp')
  if (rebuild || !fs.existsSync(appJson)) {
    log(`${rebuild ? 'rebuilding' : 'dist/weapp is missing: building'} the weapp (npx taro build --type weapp)…`)
    const t = nowMs()
    const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 })
    if (r.status !== 0 || !fs.existsSync(appJson)) {
      const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
      failRow(s, 'weapp build (npx taro build --type weapp)', new Error(`exit ${r.status ?? r.signal}: ${tail}`))
      return built
    }
    log(`weapp built in ${ms(nowMs() - t)}`)
    notes.push('dist/weapp was built by this run.')
  } else {
    notes.push(`dist/weapp is an existing build from ${fs.statSync(appJson).mtime.toISOString()} (run \`npm run bench -- --weapp\` to rebuild it first).`)
  }
  try {
    const w = weappSizes(WEAPP_DIR)
    s.rows.unshift(
      { figure: 'weapp main package (all but subpackage roots)', value: kb(w.main), budget: '≤ 450 KB', status: within(w.main, 450 * 1024) },
      { figure: 'weapp main package vs WeChat hard limit', value: kb(w.main), budget: '≤ 2048 KB', status: within(w.main, 2 * 1024 * 1024) },
      ...Object.entries(w.subpackages).map(([root, bytes]): Row => ({ figure: `weapp subpackage ${root}`, value: kb(bytes), budget: '≤ 200 KB', status: within(bytes, 200 * 1024) })),
    )
  } catch (err) {
    failRow(s, 'weapp package sizes', err)
  }
  return built
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Cold start and warm callFunction latency (issue 2)

async function latency(bc: BenchCloud): Promise<void> {
  const s = section('Issue 2 — functions: cold start and warm callFunction latency')
  try {
    let first = true
    for (const [fn, action, openid] of [
      ['account', 'station', RESIDENT],
      ['alerts', 'list', RESIDENT],
      ['services', 'catalog', RESIDENT],
      ['reports', 'clusters', OFFICER],
    ] as const) {
      const { ms: t } = await timed(() => bc.call(openid, fn, action, {}))
      const what = first ? 'first call after the local cloud started' : 'local cloud already warm'
      s.rows.push({ figure: `cold start: first ${fn}.${action} (${what})`, value: ms(t), budget: '—', status: 'info' })
      first = false
    }
  } catch (err) {
    failRow(s, 'cold start', err)
  }

  const label = 'POST /gateway/call'
  const cpuPerCall: Record<number, number> = {}
  const threadSplit: Record<number, { main: number; others: number }> = {}
  const wirePerCall: Record<number, number> = {}
  try {
    // Steady state, as an instance that has been up for minutes (the cold starts are the rows above).
    await warmUp(bc, RESIDENT, 'account', 'station', 16)
    for (const c of [1, 16]) {
      const total = c === 1 ? 300 : 480
      const wire0 = Object.values(bc.cloud.db.calls).reduce((a, b) => a + b, 0)
      const cpu0 = process.cpuUsage()
      const threads0 = threadCpuMs()
      const { latencies, wallMs } = await loadFromAnotherProcess(`${bc.cloud.url}/gateway/call`, RESIDENT, { name: 'account', data: { action: 'station', payload: {} } }, c, total)
      const cpu = process.cpuUsage(cpu0)
      const threads1 = threadCpuMs()
      cpuPerCall[c] = (cpu.user + cpu.system) / 1000 / total
      wirePerCall[c] = (Object.values(bc.cloud.db.calls).reduce((a, b) => a + b, 0) - wire0) / total
      if (threads0 && threads1) threadSplit[c] = { main: (threads1.main - threads0.main) / total, others: (threads1.others - threads0.others) / total }
      const p50 = median(latencies)
      const p99 = percentile(latencies, 99)
      const rate = `${((total / wallMs) * 1000).toFixed(0)} calls/s`
      // Issue 16: p50 ≤ 20 ms / p99 ≤ 60 ms at 16 callers on 2 cores (a call's CPU makes 10 ms impossible there);
      // one caller keeps issue 2's ≤ 10 ms / ≤ 50 ms.
      const [b50, b99] = c === 1 ? [10, 50] : [20, 60]
      s.rows.push({ figure: `warm account.station via ${label}, ${c} caller${c > 1 ? 's' : ''}: p50`, value: ms(p50), budget: `≤ ${b50} ms`, status: within(p50, b50) })
      s.rows.push({ figure: `  … p99 (${total} calls, ${rate})`, value: ms(p99), budget: `≤ ${b99} ms`, status: within(p99, b99) })
    }
    const cores = os.cpus().length
    const ceiling = (cores * 1000) / cpuPerCall[16]
    s.rows.push({
      figure: '  … CPU per call at 16 callers (the local cloud: server, SQLite, function instances; callers in another process)',
      value: `${cpuPerCall[16].toFixed(2)} ms → ≤ ${ceiling.toFixed(0)} calls/s on ${cores} cores`,
      budget: '≤ 2 ms',
      status: within(cpuPerCall[16], 2),
    })
    const split = threadSplit[16]
    if (split) {
      s.rows.push({
        figure: '  … of which main thread (gateway, /admin, database) · other threads (instances: SDK, signing, HTTP)',
        value: `${split.main.toFixed(2)} ms · ${split.others.toFixed(2)} ms`,
        budget: '—',
        status: 'info',
      })
    }
    s.rows.push({
      figure: '  … database wire calls per account.station (the station; an anyCaller action skips the caller lookup)',
      value: wirePerCall[16].toFixed(2),
      budget: '—',
      status: 'info',
    })
    // The floor (scripts/bench/floor.ts): one wire call from the real SDK in a worker, one at a time, nothing else running.
    const floorRun = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'floor.ts'), '1000'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 })
    const floorLine = floorRun.stdout.trim().split('\n').pop() ?? ''
    if (floorRun.status === 0 && floorLine.startsWith('{')) {
      const floor = JSON.parse(floorLine) as { sdkClientMsPerCall: number; serverMsPerCall: number }
      s.rows.push({
        figure: '  … floor: one database wire call alone, SDK client side (build, sign, HTTP) · local cloud side',
        value: `${floor.sdkClientMsPerCall.toFixed(2)} ms · ${floor.serverMsPerCall.toFixed(2)} ms`,
        budget: '—',
        status: 'info',
      })
    }
    notes.push(
      `Warm account.station is measured at steady state: after ${WARMUP_CALLS} unmeasured calls of the same 16-caller load (BENCH_WARMUP), as an instance that has been up for minutes; a young instance's code is partly interpreted and costs about twice the CPU. ` +
      `16 callers on ${cores} cores: each call costs ${cpuPerCall[16].toFixed(1)} ms of the local cloud's CPU, so at best ${ceiling.toFixed(0)} calls/s ` +
        `and a p50 of at least 16 / ${ceiling.toFixed(0)} s ≈ ${((16 / ceiling) * 1000).toFixed(0)} ms even on an idle machine (Little's law); ` +
        `the ≤ 20 ms p50 at 16 callers needs a call of about 2 ms (16 × 2 ms / ${cores} cores = 16 ms); see docs/performance.md for where the CPU goes.`,
    )
  } catch (err) {
    failRow(s, `warm latency via ${label}`, err)
  }
  const st = bc.cloud.functions.stats('account')
  notes.push(
    `Latency is measured through the H5 gateway (POST /gateway/call with X-Local-Openid: ${RESIDENT}) from callers in a separate process ` +
      `(scripts/bench/loadgen.ts, keep-alive HTTP, like a browser), which runs the real function ` +
      `and its real wx-server-sdk wire calls. wx-server-sdk's cloud.callFunction from outside a function carries no OPENID ` +
      `(every action then answers unauthenticated), so it cannot time a user's call. account instances after the runs: ` +
      `${st.instances}; the runtime allows 8 per function, so 16 callers queue behind 8 instances sharing the machine's cores.`,
  )
}

/**
 * The local cloud's own cost of a call: a minimal function (it answers its WX context; no database) through the
 * same gateway and warm instances. This is the figure the ≤ 10 ms / ≤ 50 ms budget is about; account.station above
 * adds the real function's two database round trips through wx-server-sdk.
 */
async function platformLatency(): Promise<void> {
  const s = section('Issue 2 — the local cloud itself: a minimal function (test/local-cloud/fixtures/functions/echo)')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-echo-'))
  const cloud = await startLocalCloud({ port: 0, dataDir, functionsDir: path.join(ROOT, 'test', 'local-cloud', 'fixtures', 'functions'), schema: { collections: {} }, schedule: false })
  try {
    const call = async () => {
      const res = await fetch(`${cloud.url}/gateway/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': RESIDENT },
        body: JSON.stringify({ name: 'echo', data: {} }),
      })
      if (!res.ok) throw new Error(`echo answered ${res.status}`)
      await res.json()
    }
    await concurrently(16, 160, call)
    for (const c of [1, 16]) {
      const total = c === 1 ? 300 : 480
      const { latencies, wallMs } = await loadFromAnotherProcess(`${cloud.url}/gateway/call`, RESIDENT, { name: 'echo', data: {} }, c, total)
      const p50 = median(latencies)
      const p99 = percentile(latencies, 99)
      const rate = `${((total / wallMs) * 1000).toFixed(0)} calls/s`
      s.rows.push({ figure: `warm echo via POST /gateway/call, ${c} caller${c > 1 ? 's' : ''}: p50`, value: ms(p50), budget: '≤ 10 ms', status: within(p50, 10) })
      s.rows.push({ figure: `  … p99 (${total} calls, ${rate})`, value: ms(p99), budget: '≤ 50 ms', status: within(p99, 50) })
    }
  } catch (err) {
    failRow(s, 'warm echo latency', err)
  } finally {
    await cloud.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Data sets and list queries (issues 2, 4, 5, 6)

/** A database query an action makes, for EXPLAIN QUERY PLAN (printed for figures over budget, or all with --explain). */
interface Plan {
  coll: string
  query: Doc
  order?: Array<[string, 1 | -1]>
}

interface Query {
  issue: string
  label: string
  run: () => Promise<unknown>
  /** What the call answered, in a few words (shows the data set was really there). */
  describe: (data: unknown) => string
  plans: Plan[]
}

const itemsOf = (d: unknown): string => `${((d as { items?: unknown[] }).items ?? []).length} items`

/** Read mark counters per alert of one cloud, kept across its loads so the stored counters match the stored marks. */
const countersOf = new WeakMap<BenchCloud, Map<string, AlertCounters>>()

function addCounters(counters: Map<string, AlertCounters>, marks: readonly (ReadMark & { counted: boolean })[]): void {
  const byAlert = new Map<string, ReadMark[]>()
  for (const m of marks) if (m.counted) (byAlert.get(m.alertId) ?? byAlert.set(m.alertId, []).get(m.alertId)!).push(m)
  for (const [id, list] of byAlert) {
    const add = countMarks(list)
    const cur = counters.get(id) ?? { read: 0, acked: 0, byVillage: {} }
    cur.read += add.read
    cur.acked += add.acked
    for (const [v, c] of Object.entries(add.byVillage)) {
      const t = (cur.byVillage[v] ??= { read: 0, acked: 0 })
      t.read += c.read
      t.acked += c.acked
    }
    counters.set(id, cur)
  }
}

/** Loads documents [from, to) of every synthetic collection (see scripts/bench/data.ts). */
function loadRange(bc: BenchCloud, from: number, to: number): Record<string, number> {
  const { now } = bc
  const n = to - from
  let counters = countersOf.get(bc)
  if (!counters) {
    // Start from the counters the seed stored (its own demo marks).
    counters = new Map()
    for (const a of bc.cloud.db.find('alerts', {}) as Array<{ _id: string; counters?: AlertCounters }>) {
      if (a.counters) counters.set(a._id, structuredClone(a.counters))
    }
    countersOf.set(bc, counters)
  }
  const added: Record<string, number> = {}
  const put = (coll: string, docs: readonly object[]) => {
    if (docs.length === 0) return
    bc.cloud.db.insertMany(coll, docs.map((d) => ({ ...d }) as Doc))
    added[coll] = (added[coll] ?? 0) + docs.length
  }
  // Issue 4: residents, historical alerts (one per 100 residents), read marks.
  bc.load('users', n, (i) => resident(i, now), from)
  added.users = n
  // The residents-per-village counters account's writes keep (village_residents), for the residents just loaded.
  const residentsAdded = residentCountDocs(Array.from({ length: n }, (_, k) => resident(from + k, now) as unknown as Residency))
  const alertsFrom = from / 100
  const alertsTo = to / 100
  bc.load('alerts', alertsTo - alertsFrom, (j) => ({ ...historyAlert(j, now) }), alertsFrom)
  added.alerts = alertsTo - alertsFrom
  const CHUNK = 5000
  for (let start = from; start < to; start += CHUNK) {
    const marks = []
    for (let i = start; i < Math.min(to, start + CHUNK); i++) marks.push(readMark(i, now, STATS_ALERT, alertsTo))
    put('alert_reads', marks)
    addCounters(counters, marks)
  }
  // Issue 5: bookings (whole days per chunk, so each slot's seat counter is made once), errands, home visits.
  for (let start = from; start < to; start += CHUNK - (CHUNK % BOOKINGS_PER_DAY)) {
    const bookings = []
    for (let i = start; i < Math.min(to, start + CHUNK - (CHUNK % BOOKINGS_PER_DAY)); i++) bookings.push(historyBooking(i, now))
    put('bookings', bookings)
    put('slot_seats', seatsFor(bookings))
  }
  bc.load('errands', n / 10, (j) => ({ ...historyErrand(j, now) }), from / 10)
  bc.load('home_visits', n / 10, (j) => ({ ...historyHomeVisit(j, now) }), from / 10)
  added.errands = n / 10
  added.home_visits = n / 10
  // Issue 6: reports.
  bc.load('reports', n, (i) => ({ ...historyReport(i, now) }), from)
  added.reports = n
  // Issue 11: mediation cases (mostly closed history; the queue reads open ones, the figures one counter document).
  bc.load('mediation_cases', n, (i) => ({ ...historyCase(i, now) }), from)
  added.mediation_cases = n
  const engine = bc.cloud.db.engine
  for (const [id, c] of counters) engine.modify(engine.coll('alerts'), { _id: id }, { $set: { counters: c } }, { multi: false, merge: true, upsert: false })
  for (const d of residentsAdded) {
    engine.modify(engine.coll(VILLAGE_RESIDENTS), { _id: d._id }, { $inc: { residents: d.residents } }, { multi: false, merge: true, upsert: true })
  }
  return added
}

function queries(bc: BenchCloud, agendaDay: string): Query[] {
  const now = new Date()
  const day = (n: number) => new Date(now.getTime() - n * 86_400_000)
  return [
    {
      issue: 'Issue 2',
      label: "SDK reports.where({type:'theft'}).orderBy('createdAt','desc').limit(20).get()",
      run: async () => {
        const res = (await bc.sdk().database().collection('reports').where({ type: 'theft' }).orderBy('createdAt', 'desc').limit(20).get()) as { data?: unknown[] }
        if (res.data?.length !== 20) throw new Error(`expected 20 documents, got ${res.data?.length}`)
        return res.data
      },
      describe: (d) => `${(d as unknown[]).length} docs`,
      plans: [{ coll: 'reports', query: { type: 'theft' }, order: [['createdAt', -1]] }],
    },
    {
      issue: 'Issue 4',
      label: `alerts.list as resident (${RESIDENT}: the feed)`,
      run: () => bc.call(RESIDENT, 'alerts', 'list', {}),
      describe: itemsOf,
      plans: [
        { coll: 'alerts', query: { status: 'active', effectiveAt: { $lte: now }, expiresAt: { $gt: now }, audience: { $in: ['all', 'pingchuan'] } }, order: [['feedKey', -1]] },
        { coll: 'alert_reads', query: { _id: { $in: [`${STATS_ALERT}:${RESIDENT}`] } } },
      ],
    },
    {
      issue: 'Issue 4',
      label: `alerts.stats ${STATS_ALERT} as officer`,
      run: () => bc.call(OFFICER, 'alerts', 'stats', { id: STATS_ALERT }),
      describe: (d) => `reach ${(d as AlertStatsView).stats.reach}, read ${(d as AlertStatsView).stats.read}`,
      plans: [{ coll: 'village_residents', query: { _id: { $in: ['pingchuan', 'luwan'] } } }],
    },
    {
      issue: 'Issue 4',
      label: 'alerts.stats with followUp (first page of who has not acked)',
      run: () => bc.call(OFFICER, 'alerts', 'stats', { id: STATS_ALERT, followUp: true }),
      describe: (d) => `${(d as AlertStatsView).followUp?.items.length ?? 0} residents`,
      plans: [
        { coll: 'users', query: { role: 'resident', villageId: 'pingchuan' }, order: [['_id', 1]] },
        { coll: 'alert_reads', query: { _id: { $in: [`${STATS_ALERT}:${RESIDENT}`] } } },
      ],
    },
    {
      issue: 'Issue 5',
      label: `services.slots idcard ${agendaDay}`,
      run: () => bc.call(RESIDENT, 'services', 'slots', { serviceId: 'idcard', day: agendaDay }),
      describe: (d) => `${(d as SlotsView).slots.length} slots`,
      plans: [{ coll: 'slot_seats', query: { serviceId: 'idcard', day: agendaDay } }],
    },
    {
      issue: 'Issue 5',
      label: `services.agenda ${agendaDay} as officer`,
      run: () => bc.call(OFFICER, 'services', 'agenda', { day: agendaDay }),
      describe: (d) => `${(d as AgendaView).days.reduce((n, x) => n + x.bookings.length, 0)} bookings`,
      plans: [
        { coll: 'bookings', query: { day: agendaDay, status: { $in: ['booked', 'checked_in', 'completed', 'no_show'] } }, order: [['time', 1]] },
        { coll: 'home_visits', query: { day: agendaDay } },
        { coll: 'errands', query: { status: { $in: ['submitted', 'accepted', 'in_progress', 'ready'] } }, order: [['createdKey', 1]] },
        { coll: 'home_visits', query: { status: 'requested' }, order: [['createdKey', 1]] },
      ],
    },
    {
      issue: 'Issue 6',
      label: 'reports.list status=submitted as officer',
      run: () => bc.call(OFFICER, 'reports', 'list', { status: 'submitted' }),
      describe: itemsOf,
      plans: [
        { coll: 'reports', query: { status: 'submitted' }, order: [['_id', -1]] },
        { coll: 'reports', query: { clusterKey: { $in: ['t:pingchuan', 't:luwan'] }, createdAt: { $gte: day(90) } } },
      ],
    },
    {
      issue: 'Issue 6',
      label: 'reports.list type=fake_pesticide villageId=pingchuan',
      run: () => bc.call(OFFICER, 'reports', 'list', { type: 'fake_pesticide', villageId: 'pingchuan' }),
      describe: itemsOf,
      plans: [{ coll: 'reports', query: { type: 'fake_pesticide', villageId: 'pingchuan' }, order: [['_id', -1]] }],
    },
    {
      issue: 'Issue 6',
      label: 'reports.clusters as officer',
      run: () => bc.call(OFFICER, 'reports', 'clusters', {}),
      describe: (d) => `${(d as { clusters: unknown[] }).clusters.length} clusters`,
      plans: [{ coll: 'reports', query: { createdAt: { $gte: day(90) } }, order: [['createdAt', -1]] }],
    },
    ...mediationQueries(bc, OFFICER),
    ...figuresQueries(bc, OFFICER),
  ]
}

function explainLines(bc: BenchCloud, q: Query): string[] {
  return q.plans.map((p) => {
    const e = bc.cloud.db.explain(p.coll, p.query, p.order ?? [])
    const order = p.order?.length ? ` orderBy ${p.order.map(([k, d]) => `${k} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}` : ''
    return `${p.coll} where ${JSON.stringify(p.query)}${order}: ${e.plan.join('; ')}`
  })
}

const RUNS = 15

async function scaling(large: BenchCloud, functionsDir: string): Promise<void> {
  const demo = large.cloud.db.find('bookings', { _id: 'bk-demo-1' })[0] as { day?: string } | undefined
  const agendaDay = demo?.day
  if (!agendaDay) throw new Error('the demo seed has no booking bk-demo-1 to take the agenda day from')
  const small = await startBenchCloud(functionsDir, large.now)
  try {
    let t = nowMs()
    loadRange(small, 0, SMALL)
    const a = loadRange(large, 0, SMALL)
    log(`loaded the 1k set in ${ms(nowMs() - t)}: ${JSON.stringify(a)}`)
    t = nowMs()
    const b = loadRange(large, SMALL, LARGE)
    log(`topped the second cloud up to 100k in ${ms(nowMs() - t)}: ${JSON.stringify(b)}`)
    const qsSmall = queries(small, agendaDay)
    const qsLarge = queries(large, agendaDay)
    const results = await measurePaired(small, large, qsSmall.map((q, i) => ({ small: q, large: qsLarge[i] })), RUNS)
    notes.push(
      `Data sets: "1k" = 1,000 residents, read marks, historical bookings (20 a day, with seat counters) and reports (4 a day), ` +
        `plus 10 old alerts and 100 errands / home visits; "100k" = 100,000 of each (1,000 old alerts, 10,000 errands / visits), ` +
        `the extra being older history at the same density. Two local clouds hold the two sizes; each figure is the median of ` +
        `${RUNS} calls after warm-up, alternating between the clouds so both see the same machine load. "rows" = documents SQLite ` +
        `returned per call (engine.rowsRead): flat when an index serves the query (a count or a sort inside SQLite does not show there).`,
    )
    notes.push(
      'Scaling budget: every list and figure stays within 1.5× of its 1k time at 100k (issue 16; this supersedes the 2× of DESIGN.md and issues 2–6). ' +
        'The ratio is of medians taken on a shared machine; "rows" (SQLite rows handed back per call) is the timing-free check that an index or a counter serves the call.',
    )
    for (const issue of ['Issue 2', 'Issue 4', 'Issue 5', 'Issue 6', 'Issue 11', 'Issue 13']) {
      // Issue 16: every list within 1.5× from 1k to 100k (was 2× for issues 2–6; issues 11 and 13 always asked 1.5×).
      const budget = 1.5
      const s = section(`${issue} — list queries at 1k and at 100k documents`)
      for (const q of qsLarge.filter((x) => x.issue === issue)) {
        const r = results.get(q.label)
        if (!r || r instanceof Error) {
          failRow(s, q.label, r ?? new Error('no result'))
          continue
        }
        const ratio = r.large.median / r.small.median
        s.rows.push({ figure: q.label, value: `1k ${ms(r.small.median)} · 100k ${ms(r.large.median)} → ${ratio.toFixed(2)}×`, budget: `≤ ${budget}×`, status: within(ratio, budget) })
        s.rows.push({
          figure: '  … per call at 1k → 100k: rows SQLite returned; answer',
          value: `${r.small.rowsPerCall} → ${r.large.rowsPerCall}; ${r.small.answered} → ${r.large.answered}`,
          budget: '—',
          status: 'info',
        })
        if (ratio > budget || process.argv.includes('--explain')) explained.push({ label: q.label, lines: explainLines(large, q) })
      }
    }
  } finally {
    await small.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3b. 一标三实 (issue 12): the address book and coverage at 10k and 100k households, and 6,146 plates.

async function households(functionsDir: string): Promise<void> {
  const s = section('Issue 12 — address book and coverage at 10k and 100k households; plate generation')
  const now = new Date()
  const small = await startBenchCloud(functionsDir, now)
  const large = await startBenchCloud(functionsDir, now)
  try {
    const t = nowMs()
    loadHouseholds(small, 10_000, now)
    loadHouseholds(large, 100_000, now)
    log(`loaded 10k and 100k households (4 people each) in ${ms(nowMs() - t)}`)
    const qsSmall = householdsQueries(small, OFFICER)
    const qsLarge = householdsQueries(large, OFFICER)
    const results = await measurePaired(small, large, qsSmall.map((q, i) => ({ small: q, large: qsLarge[i] })), RUNS)
    for (const q of qsLarge) {
      const r = results.get(q.label)
      if (!r || r instanceof Error) {
        failRow(s, q.label, r ?? new Error('no result'))
        continue
      }
      const ratio = r.large.median / r.small.median
      s.rows.push({ figure: q.label, value: `10k ${ms(r.small.median)} · 100k ${ms(r.large.median)} → ${ratio.toFixed(2)}×`, budget: '≤ 1.5×', status: within(ratio, 1.5) })
      s.rows.push({ figure: '  … per call at 10k → 100k: rows SQLite returned; answer', value: `${r.small.rowsPerCall} → ${r.large.rowsPerCall}; ${r.small.answered} → ${r.large.answered}`, budget: '—', status: 'info' })
    }
  } finally {
    await small.stop()
    await large.stop()
  }
  const fresh = await startBenchCloud(functionsDir, now)
  try {
    const t = nowMs()
    const load = os.loadavg()[0]
    const steps = await plateStepCosts(fresh)
    const sample = await measurePlates(fresh, OFFICER, PLATE_SAMPLE)
    const perPlate = sample.ms / Math.max(1, sample.plates)
    const f = plateFigures(perPlate)
    s.rows.push({
      figure: `plate generation, sample of ${PLATE_SAMPLE} (generatePlates + continuePlates; the local cloud draws each code)`,
      value: `${sample.plates} plates in ${sec(sample.ms)} over ${sample.calls} calls = ${perPlate.toFixed(0)} ms a plate; job ${sample.job.status}, ${sample.job.failed} failed; load average ${load.toFixed(1)} on ${os.cpus().length} cores`,
      budget: '—',
      status: sample.plates === PLATE_SAMPLE && sample.job.failed === 0 ? 'info' : 'FAIL',
    })
    s.rows.push({
      figure: '  … where the time of one plate goes here: draw the code (qrcode, on the local cloud main thread) / getUnlimited over the wire / PNG upload / one db write',
      value: `${steps.drawMs.toFixed(0)} / ${steps.apiMs.toFixed(0)} / ${steps.uploadMs.toFixed(0)} / ${steps.dbWriteMs.toFixed(0)} ms (${steps.pngBytes} B a code; 3 db writes a plate)`,
      budget: '—',
      status: 'info',
    })
    s.rows.push({
      figure: '  … 6,146 plates on this machine, extrapolated from the sample (drawing is serial here: WeChat draws in production)',
      value: `${sec(f.localMs)} (${sec(f.local1kMs)} per 1,000)`,
      budget: '—',
      status: 'info',
    })
    s.rows.push({
      figure: `  … 6,146 plates in production: paced to ${CALLS_PER_MINUTE}/min with ${PARALLEL} codes in flight (0.4 s a plate assumed)`,
      value: `${sec(f.prodMs)} (${sec(f.prod1kMs)} per 1,000), ${f.prodCalls} function calls of ≤ ${BATCH_BUDGET_MS / 1000} s`,
      budget: `≤ 90 s (rate floor ${sec(f.floorMs)})`,
      status: within(f.prodMs, 90_000),
    })
    log(`plates measured in ${ms(nowMs() - t)}`)
  } finally {
    await fresh.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Contended bookings (issue 5)

async function contention(bc: BenchCloud): Promise<void> {
  const s = section('Issue 5 / 16 — contended services.book')
  try {
    const r = await contendedBooking(bc, RESIDENT)
    const rate = (r.attempts / r.wallMs) * 1000
    const other = [...r.outcomes].filter(([k]) => k !== 'booked' && k !== 'slot_full')
    const wire = Object.values(r.wireCalls).reduce((a, b) => a + b, 0)
    s.rows.push(
      {
        figure: `${r.attempts} residents book ${r.slots} slots of ${r.service} (capacity ${r.capacity}) at once, ${r.day} (${r.instances} instances, after ${WARM_ROUNDS} such rushes on other days)`,
        value: `${rate.toFixed(0)} attempts/s, ${((r.booked / r.wallMs) * 1000).toFixed(0)} bookings/s (${ms(r.wallMs)} wall)`,
        budget: '≥ 60 attempts/s',
        status: rate >= 60 ? 'OK' : 'OVER',
      },
      { figure: '  … outcomes', value: [...r.outcomes].map(([k, v]) => `${k} ${v}`).join(', '), budget: `booked = ${r.slots * r.capacity}`, status: r.booked === r.slots * r.capacity && other.length === 0 ? 'OK' : 'OVER' },
      { figure: '  … most bookings stored in one slot', value: String(r.maxBooked), budget: `≤ capacity ${r.capacity}`, status: within(r.maxBooked, r.capacity) },
      { figure: '  … highest seat counter; counters match bookings', value: `${r.maxTaken}; ${r.seatsMatch ? 'yes' : 'NO'}`, budget: `≤ ${r.capacity}; yes`, status: r.maxTaken <= r.capacity && r.seatsMatch ? 'OK' : 'OVER' },
      { figure: '  … transactions started; of them conflicted (run again)', value: `${r.txStarted}; ${r.txConflicts}`, budget: '—', status: 'info' },
      {
        figure: '  … database wire calls per attempt; local cloud CPU per attempt (main thread)',
        value: `${(wire / r.attempts).toFixed(1)}; ${r.cpuMsPerAttempt.toFixed(1)} ms${r.mainMsPerAttempt !== undefined ? ` (${r.mainMsPerAttempt.toFixed(1)} ms)` : ''}`,
        budget: '—',
        status: 'info',
      },
    )
    const cores = os.cpus().length
    const cpuBound = (cores * 1000) / r.cpuMsPerAttempt
    notes.push(
      `Contended booking: ${r.txStarted} transactions for ${r.attempts} attempts, ${r.txConflicts} conflicts: the residents who came too late are ` +
        `answered 满了 by the seat check before any transaction (services.book reads the seat counters first), and the few transactions per slot ` +
        `rarely overlap, so retries and conflicts cost nothing here. What limits it is CPU: ${(wire / r.attempts).toFixed(1)} database wire calls per attempt ` +
        `(${Object.entries(r.wireCalls).map(([k, v]) => `${k} ${v}`).join(', ')}) at ${r.cpuMsPerAttempt.toFixed(1)} ms of the local cloud's CPU per attempt, ` +
        `so at most ${cpuBound.toFixed(0)} attempts/s on ${cores} cores with nothing else running; ${r.instances} instances of services serve the ${r.attempts} callers ` +
        `(more instances would add no CPU on ${cores} cores). The wire calls are the caller lookup, the request ledger, the service, the schedule, the ` +
        `person's bookings, the hold, the seat counters and the booking code (issue 5's rules), each a signed HTTP round trip through wx-server-sdk.`,
    )
  } catch (err) {
    failRow(s, 'contended services.book', err)
  }
}

/** Issue 16 item 4: per page of the weapp build, setData volume and the WXML tree against WeChat's 体验评分 rules. */
async function phone(): Promise<void> {
  const s = section('Issue 16 — what a phone pays: setData and WXML per page (dist/weapp in miniprogram-simulate, demo seed)')
  if (process.argv.includes('--no-weapp')) {
    s.rows.push({ figure: 'phone figures', value: 'skipped (--no-weapp)', budget: '', status: 'info' })
    return
  }
  try {
    if (!fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) throw new Error('dist/weapp is missing: the weapp build did not run')
    s.rows.push(...phoneRows(await measurePhone()))
    notes.push(AUDIT_NOTE)
  } catch (err) {
    failRow(s, 'phone figures (scripts/bench/phone.ts)', err)
  }
}

/**
 * Weak networks (issue 16 item 5): what one photo costs to send after the app's own pipeline (H5 in Chromium:
 * scripts/bench/photo.ts), and what a cold start costs. The first screen's call bytes are rows of the phone section.
 */
async function weakNetworks(): Promise<void> {
  const s = section('Issue 16 — weak networks: a photo after the app\'s pipeline, and cold starts')
  try {
    const f = await measurePhoto()
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
    s.rows.push({
      figure: `12-megapixel photo (${f.original.width}×${f.original.height}, ${mb(f.original.bytes)} as a camera saves it) through the H5 pipeline`,
      value: `${f.sent.width}×${f.sent.height}, ${kb(f.sent.bytes)} (shrunk in ${ms(f.shrinkMs)} here)`,
      budget: `≤ ${kb(PHOTO_MAX_BYTES)}`,
      status: within(f.sent.bytes, PHOTO_MAX_BYTES),
    })
    // Real throughput of a village link: EDGE about 40 kbit/s, a weak 4G/3G cell about 1 Mbit/s.
    const secs = (bytes: number, kbitPerS: number) => `${((bytes * 8) / 1000 / kbitPerS).toFixed(0)} s`
    s.rows.push({
      figure: '  … time to upload on EDGE (40 kbit/s) · a weak 3G/4G cell (1 Mbit/s): as the camera saved it → as sent',
      value: `${secs(f.original.bytes, 40)} → ${secs(f.sent.bytes, 40)} · ${secs(f.original.bytes, 1000)} → ${secs(f.sent.bytes, 1000)}`,
      budget: '—',
      status: 'info',
    })
  } catch (err) {
    failRow(s, 'photo through the H5 pipeline (scripts/bench/photo.ts)', err)
  }
  notes.push(
    'Photos: the weapp takes the same path with WeChat\'s own encoder (Taro.compressImage at 1600 px on the long side, quality 80, after chooseMedia\'s ' +
      '"compressed"); that encoder runs only inside WeChat, so its output is not measured here; expect the same order as the H5 row (a 1600×1200 JPEG at quality 80). ' +
      'Either way the photo is re-encoded, which drops the camera\'s EXIF (model, often GPS) before it leaves the phone.',
    'Cold starts: the local cloud\'s first call of a function is the "cold start" rows above (a worker thread loading wx-server-sdk and the bundle). ' +
      'CloudBase\'s are of another order: a new container, commonly 1–2 s for Node.js, paid by the first caller after a quiet spell. A station\'s traffic is likely a few ' +
      'hundred calls a day, so many first screens meet one. Merging the 9 functions into one would share one warm container among all actions but ' +
      'put every action behind the largest bundle and one permission set; provisioned concurrency (预置并发) keeps instances warm but is paid for every hour it is kept, for ' +
      'little traffic. Neither is taken: every page shows a progress mark while its call runs and a way out when it fails, and the cron function\'s 5-minute timer ' +
      'keeps that one function warm. If 1–2 s on the first tap of the day proves to matter, one provisioned instance of account (every first screen calls it) is the cheapest step.',
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function printTable(totalMs: number): void {
  const all = sections.flatMap((s) => s.rows)
  const w1 = Math.min(92, Math.max(...all.map((r) => [...r.figure].length), 10))
  const w2 = Math.min(60, Math.max(...all.map((r) => [...r.value].length), 10))
  const w3 = Math.max(...all.map((r) => [...r.budget].length), 6)
  const pad = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s + ' '.repeat(w - [...s].length))
  const line = '─'.repeat(w1 + w2 + w3 + 14)
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ')
  console.log(`\n枫桥警民通 benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, load average ${load} (at start: ${loadAtStart})`)
  console.log(line)
  console.log(`${pad('Figure', w1)}  ${pad('Measured', w2)}  ${pad('Budget', w3)}  Status`)
  for (const s of sections) {
    console.log(line)
    console.log(s.title)
    for (const r of s.rows) console.log(`${pad(r.figure, w1)}  ${pad(r.value, w2)}  ${pad(r.budget, w3)}  ${r.status}`)
  }
  console.log(line)
  const over = all.filter((r) => r.status === 'OVER').length
  const fails = all.filter((r) => r.status === 'FAIL').length
  console.log(`${all.filter((r) => r.status === 'OK').length} OK, ${over} OVER, ${fails} not measured — ${(totalMs / 1000).toFixed(0)} s`)
  for (const n of notes) console.log(`• ${n}`)
  for (const e of explained) {
    console.log(`\nQuery plans at 100k for: ${e.label}`)
    for (const l of e.lines) console.log(`  ${l}`)
  }
}

const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' ')

/**
 * Where a call's CPU goes (`--profile`): the 16-caller account.station load under `node --cpu-prof` in a child
 * process (scripts/bench/profile.ts; workers inherit the flag, one profile per thread), split by part with
 * scripts/bench/profile-split.ts over the measured window. Percentages: the profiler samples running threads'
 * wall time, which a loaded machine inflates.
 */
function profileSplit(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-prof-'))
  try {
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const env = { ...process.env, BENCH_FUNCTIONS_DIR: FUNCTIONS_DIR }
    const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'profile.ts'), 'account', 'station', RESIDENT, '480'], { cwd: ROOT, encoding: 'utf8', env, timeout: 300_000 })
    const line = (run.stdout ?? '').trim().split('\n').pop() ?? ''
    const measured = JSON.parse(line) as { window: string; cpuMsPerCall: number; mainThreadMsPerCall: number; otherThreadsMsPerCall: number }
    const split = spawnSync(process.execPath, [tsx, path.join(ROOT, 'scripts', 'bench', 'profile-split.ts'), dir, '480', measured.window], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    notes.push(
      `Profile split of account.station at 16 callers (--profile: scripts/bench/profile.ts under node --cpu-prof, split by scripts/bench/profile-split.ts; ` +
        `CPU ${measured.cpuMsPerCall} ms per call = main ${measured.mainThreadMsPerCall} + other threads ${measured.otherThreadsMsPerCall}; see docs/performance.md):` +
        (split.stdout ?? '').replace(/\n\s*\n/g, '\n').replace(/^/gm, '    '),
    )
  } catch (err) {
    failRow(section('Profile'), 'profile split (--profile)', err)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const t0 = nowMs()
  const built = await sizes()
  if (built) {
    await platformLatency()
    let bc: BenchCloud | undefined
    try {
      bc = await startBenchCloud(FUNCTIONS_DIR)
      log(`local cloud at ${bc.cloud.url}`)
      await latency(bc)
      try {
        await scaling(bc, FUNCTIONS_DIR)
      } catch (err) {
        failRow(section('Issues 2, 4, 5, 6 — list queries'), 'loading or measuring the data sets', err)
      }
      await contention(bc)
      try {
        await households(FUNCTIONS_DIR)
      } catch (err) {
        failRow(section('Issue 12 — households'), 'loading or measuring the households', err)
      }
    } catch (err) {
      failRow(section('Local cloud'), 'starting the local cloud', err)
    } finally {
      await bc?.stop()
    }
    await phone()
    await weakNetworks()
  } else {
    failRow(section('Local cloud'), 'runtime figures', new Error('the functions did not build'))
  }
  if (built && process.argv.includes('--profile')) profileSplit()
  printTable(nowMs() - t0)
  process.exit(failed ? 1 : 0)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
