// Timing helpers for the benchmark: a monotonic clock, percentiles, and a fixed number of concurrent callers.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = nowMs()
  const value = await fn()
  return { ms: nowMs() - t, value }
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]
}

export const median = (values: readonly number[]): number => percentile(values, 50)

/**
 * Runs `total` calls of `fn` with `concurrency` callers, each starting its next call when the previous one ends.
 * Answers every call's latency and the wall time.
 */
export async function concurrently(concurrency: number, total: number, fn: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = []
  let next = 0
  const t0 = nowMs()
  const caller = async () => {
    while (next < total) {
      const i = next++
      const t = nowMs()
      await fn(i)
      latencies.push(nowMs() - t)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, caller))
  return { latencies, wallMs: nowMs() - t0 }
}

/**
 * Runs `total` gateway calls from `concurrency` callers in a separate process (scripts/bench/loadgen.ts), so the
 * callers' HTTP client does not take CPU from the local cloud's event loop, as real callers would not.
 */
export function loadFromAnotherProcess(gatewayUrl: string, openid: string, call: { name: string; data: unknown }, concurrency: number, total: number): Promise<{ latencies: number[]; wallMs: number }> {
  const root = path.resolve(__dirname, '..', '..')
  const args = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'loadgen.ts'), gatewayUrl, openid, JSON.stringify(call), String(concurrency), String(total)]
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`load generator failed: ${stderr || err.message}`))
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { latencies: number[]; wallMs: number })
    })
  })
}

/**
 * CPU time (ms) this process has used, split into its main thread (the local cloud's server, gateway and database)
 * and all other threads (function instances in worker threads, V8's GC helpers, libuv's pool), from
 * /proc/self/task/<tid>/stat (Linux; clock ticks, 10 ms resolution: meaningful over hundreds of calls).
 * Answers undefined where /proc is not there.
 */
export function threadCpuMs(): { main: number; others: number } | undefined {
  const tasks = '/proc/self/task'
  if (!fs.existsSync(tasks)) return undefined
  const tick = 1000 / 100 // USER_HZ is 100 on every Linux this runs on
  let main = 0
  let others = 0
  for (const tid of fs.readdirSync(tasks)) {
    let stat: string
    try {
      stat = fs.readFileSync(`${tasks}/${tid}/stat`, 'utf8')
    } catch {
      continue // the thread ended meanwhile
    }
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ms = (Number(f[11]) + Number(f[12])) * tick
    if (Number(tid) === process.pid) main += ms
    else others += ms
  }
  return { main, others }
}

/** A query measured on two clouds of different sizes: what it is called, how to run it, what its answer says. */
export interface PairedQuery {
  label: string
  run: () => Promise<unknown>
  describe: (data: unknown) => string
}

/** One size's figures for a paired query. */
export interface Measured {
  median: number
  max: number
  /** Documents SQLite handed back per call (flat when an index serves the query). */
  rowsPerCall: number
  answered: string
}

/** What measurePaired reads of a cloud: the rows its SQLite engine has handed back so far. */
export interface RowCounting {
  cloud: { db: { engine: { rowsRead: number } } }
}

export type PairedResults = Map<string, { small: Measured; large: Measured } | Error>

/**
 * Times each query on the small and the large cloud alternately (warm-up first, then `runs` calls each, the order
 * swapped every round), so both sizes are measured under the same machine load; answers the medians, the worst call
 * and the rows SQLite returned per call on each, keyed by the small query's label (an Error where a call failed).
 */
export async function measurePaired(small: RowCounting, large: RowCounting, qs: readonly { small: PairedQuery; large: PairedQuery }[], runs = 15, warmups = 3): Promise<PairedResults> {
  // A bulk load blocked the event loop; let the servers close the keep-alive sockets they timed out meanwhile
  // before a client reuses one (else the SDK's next request fails with ECONNRESET).
  await new Promise((resolve) => setTimeout(resolve, 300))
  const out: PairedResults = new Map()
  const clouds = { small, large }
  for (const q of qs) {
    try {
      for (let i = 0; i < warmups; i++) {
        await q.small.run()
        await q.large.run()
      }
      const times = { small: [] as number[], large: [] as number[] }
      const last: { small: unknown; large: unknown } = { small: undefined, large: undefined }
      const rows0 = { small: small.cloud.db.engine.rowsRead, large: large.cloud.db.engine.rowsRead }
      for (let i = 0; i < runs; i++) {
        const order = i % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const)
        for (const which of order) {
          const r = await timed(q[which].run)
          times[which].push(r.ms)
          last[which] = r.value
        }
      }
      const result = (which: 'small' | 'large'): Measured => ({
        median: median(times[which]),
        max: Math.max(...times[which]),
        rowsPerCall: Math.round((clouds[which].cloud.db.engine.rowsRead - rows0[which]) / runs),
        answered: q[which].describe(last[which]),
      })
      out.set(q.small.label, { small: result('small'), large: result('large') })
    } catch (err) {
      out.set(q.small.label, err instanceof Error ? err : new Error(String(err)))
    }
  }
  return out
}

/** The standalone scripts' line for one paired query. */
export function pairedLine(label: string, r: { small: Measured; large: Measured } | Error | undefined, sizes: [string, string], budget = 1.5): string {
  if (!r || r instanceof Error) return `${label}: FAILED ${r instanceof Error ? r.message : 'no result'}`
  const ratio = r.large.median / r.small.median
  return `${label}: ${sizes[0]} ${r.small.median.toFixed(1)} ms · ${sizes[1]} ${r.large.median.toFixed(1)} ms → ${ratio.toFixed(2)}× (budget ≤ ${budget}×) rows ${r.small.rowsPerCall} → ${r.large.rowsPerCall}; ${r.small.answered} → ${r.large.answered}`
}
