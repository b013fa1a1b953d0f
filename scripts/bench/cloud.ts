// A local cloud for the benchmark: fresh data directory, demo seed, no timers; calls through the H5 gateway and
// through the real wx-server-sdk, and bulk loading straight into the database service.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from '@contract'
import { startLocalCloud, type LocalCloud } from '../../local-cloud/src'
import { instancesForThisMachine } from '../../local-cloud/src/functions'
import { loadSchema, ROOT } from '../../local-cloud/src/main'
import { seedDatabase } from '../seed'
import { concurrently, loadFromAnotherProcess, measurePaired, nowMs, pairedLine, type PairedQuery } from './measure'

export type Sdk = typeof import('wx-server-sdk')

export interface BenchCloud {
  cloud: LocalCloud
  now: Date
  /** `POST /gateway/call` as `openid`; throws unless the envelope is ok (a failed call means nothing was measured). */
  call<T = unknown>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<T>
  /** Like `call` but answers the envelope, ok or not. */
  callRaw<T = unknown>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<Result<T>>
  /** The real wx-server-sdk in this process, pointed at the local cloud. */
  sdk(): Sdk
  /** Inserts documents in chunks through the database service (no wire). */
  load(collection: string, count: number, make: (i: number) => Record<string, unknown>, from?: number): void
  stop(): Promise<void>
}

const logRejection = (reason: unknown) => console.error('[bench] unhandled rejection:', reason)

/** `now` is the seed's clock (two clouds compared side by side get the same one). */
export async function startBenchCloud(functionsDir: string, now: Date = new Date(), opts: { maxInstances?: number } = {}): Promise<BenchCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-'))
  // As many instances as `npm start` runs on this machine, unless a run asks otherwise (BENCH_MAX_INSTANCES).
  const cloud = await startLocalCloud({ port: 0, dataDir, functionsDir, schema: loadSchema(), schedule: false, maxInstances: instancesForThisMachine(), ...opts })
  seedDatabase(cloud.db, now)
  process.on('unhandledRejection', logRejection)
  let sdk: Sdk | undefined

  async function callRaw<T>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<Result<T>> {
    const res = await fetch(`${cloud.url}/gateway/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
      body: JSON.stringify({ name: fn, data: { action, payload: payload ?? {}, ...(requestId ? { requestId } : {}) } }),
    })
    const body = (await res.json()) as { result?: Result<T>; errMsg?: string }
    if (!body.result) throw new Error(`gateway call ${fn}.${action} failed: ${res.status} ${JSON.stringify(body)}`)
    return body.result
  }

  return {
    cloud,
    now,
    callRaw,
    async call<T>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<T> {
      const r = await callRaw<T>(openid, fn, action, payload, requestId)
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid || '(signed out)'} failed: ${r.error.code} ${r.error.message}`)
      return r.data
    },
    sdk() {
      // The SDK reads its endpoint from the environment on every request (node-sdk getTcbContextConfig), as a
      // function instance does; pointing it here before each use lets two clouds share the one SDK module,
      // as long as their SDK calls do not overlap.
      Object.assign(process.env, cloud.sdkEnv)
      if (!sdk) {
        sdk = require('wx-server-sdk') as Sdk
        sdk.init({ env: cloud.sdkEnv.TCB_ENV })
      }
      return sdk
    },
    load(collection, count, make, from = 0) {
      const CHUNK = 5000
      for (let start = from; start < from + count; start += CHUNK) {
        const docs: Record<string, unknown>[] = []
        for (let i = start; i < Math.min(from + count, start + CHUNK); i++) docs.push(make(i))
        cloud.db.insertMany(collection, docs)
      }
    },
    async stop() {
      process.off('unhandledRejection', logRejection)
      await cloud.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Unmeasured calls before a steady-state measurement: `BENCH_WARMUP` (0 measures young instances). */
export const WARMUP_CALLS = Number(process.env.BENCH_WARMUP ?? 2000)

/**
 * Brings a function to steady state before its latency or CPU is measured, as in an instance that has been up for
 * minutes: first 160 calls from here, 16 at a time, so every instance the runtime allows has started (a cold start
 * that times out on a loaded machine fails only its call; gives up after 60 s with the last error), then
 * WARMUP_CALLS of the very load to be measured, from another process, so each instance's code is optimised (with
 * 160 calls over 8 instances, 20 each, it is still partly interpreted and a call costs twice the CPU).
 */
export async function warmUp(bc: BenchCloud, openid: string, fn: string, action: string, callers: number): Promise<void> {
  const until = Date.now() + 60_000
  let lastError: unknown
  for (let ok = 0; ok < 160; ) {
    if (Date.now() > until) throw new Error(`${fn}.${action} did not answer 160 warm-up calls within 60 s: ${String(lastError)}`)
    await concurrently(16, 16, async () => {
      ok += await bc.callRaw(openid, fn, action, {}).then(
        () => 1,
        (err: unknown) => {
          lastError = err
          return 0
        },
      )
    })
  }
  if (WARMUP_CALLS > 0) await loadFromAnotherProcess(`${bc.cloud.url}/gateway/call`, openid, { name: fn, data: { action, payload: {} } }, callers, WARMUP_CALLS)
}

/**
 * The standalone form of a 1k-vs-100k comparison (`npx tsx scripts/bench/<domain>.ts`): two fresh clouds, each
 * loaded, the same queries measured on both side by side and printed next to the ratio budget, both stopped.
 */
export async function runScaleBench(opts: {
  what: string
  sizes: [string, string]
  load: (cloud: BenchCloud, size: 'small' | 'large', now: Date) => void
  queries: (cloud: BenchCloud) => readonly PairedQuery[]
  runs?: number
}): Promise<void> {
  const functionsDir = path.join(ROOT, 'dist', 'cloudfunctions')
  const now = new Date()
  const small = await startBenchCloud(functionsDir, now)
  const large = await startBenchCloud(functionsDir, now)
  try {
    const t = nowMs()
    opts.load(small, 'small', now)
    opts.load(large, 'large', now)
    console.log(`[bench] loaded ${opts.sizes[0]} and ${opts.sizes[1]} ${opts.what} in ${(nowMs() - t).toFixed(0)} ms`)
    const largeQueries = opts.queries(large)
    const qs = opts.queries(small).map((q, k) => ({ small: q, large: largeQueries[k] }))
    for (const [label, r] of await measurePaired(small, large, qs, opts.runs)) console.log(pairedLine(label, r, opts.sizes))
  } finally {
    await small.stop()
    await large.stop()
  }
}
