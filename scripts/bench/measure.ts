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
