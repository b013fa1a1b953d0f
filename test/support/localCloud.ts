// Starts a real local cloud for a test file: built functions, a fresh data directory, the demo seed, a random port.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from '@contract'
import type { DB } from 'wx-server-sdk'
import { startLocalCloud, type DatabaseService, type LocalCloud } from '../../local-cloud/src'
import { loadSchema, loadStorageRules, ROOT } from '../../local-cloud/src/main'
import { buildFunctions, functionNames } from '../../scripts/build-functions'
import { seedDatabase } from '../../scripts/seed'

export interface TestCloud {
  url: string
  cloud: LocalCloud
  /** The real wx-server-sdk database, pointed at this local cloud: arrangements and assertions no action exposes. */
  db: DB.Database
  /** The local cloud's database service itself (bulk inserts, query plans). */
  store: DatabaseService
  /** Calls a function through the H5 gateway as `openid` (empty: signed out), answering the envelope it returned. */
  call<T = unknown>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<Result<T>>
  /** Like `call`, but fails the test unless the answer is ok, and gives the data. */
  ok<T = unknown>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string): Promise<T>
  stop(): Promise<void>
}

export interface TestCloudOptions {
  /** Load the demo seed (default true). */
  seed?: boolean
  /** The time the seed is computed from (default now). */
  now?: Date
  /** Serve dist/h5 at `/` (browser tests). */
  h5?: boolean
  /** Push media-check results to the reports function as they come, like `npm start` (default true); off, a test delivers them itself. */
  mediaCheckPush?: boolean
}

// Without this, a stray SDK rejection would kill the jest worker (TOOLCHAIN.md).
const logRejection = (reason: unknown) => console.error('[test cloud] unhandled rejection:', reason)

const FUNCTIONS_DIR = path.join(ROOT, 'dist', 'cloudfunctions')

/** `npm test` builds the functions first; a single test file run by hand builds them when missing or stale. */
async function ensureFunctionsBuilt(): Promise<void> {
  const stale = functionNames().some((fn) => !fs.existsSync(path.join(FUNCTIONS_DIR, fn, 'index.js')))
  if (stale) await buildFunctions({ quiet: true })
}

export async function startTestCloud(opts: TestCloudOptions = {}): Promise<TestCloud> {
  await ensureFunctionsBuilt()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-cloud-'))
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: FUNCTIONS_DIR,
    h5Dir: opts.h5 ? path.join(ROOT, 'dist', 'h5') : undefined,
    schema: loadSchema(),
    storageRules: loadStorageRules(),
    schedule: false,
    // As `npm start` does: media-check results are pushed to the reports function.
    messagePushFunction: opts.mediaCheckPush === false ? undefined : 'reports',
  })
  if (opts.seed !== false) seedDatabase(cloud.db, opts.now ?? new Date())

  // The SDK reads its endpoint from the environment, like a function instance does.
  Object.assign(process.env, cloud.sdkEnv)
  process.on('unhandledRejection', logRejection)
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk')
  sdk.init({ env: cloud.sdkEnv.TCB_ENV })

  async function call<T>(openid: string, name: string, action: string, payload?: unknown, requestId?: string): Promise<Result<T>> {
    const res = await fetch(`${cloud.url}/gateway/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
      body: JSON.stringify({ name, data: { action, payload: payload ?? {}, ...(requestId ? { requestId } : {}) } }),
    })
    const body = (await res.json()) as { result?: Result<T>; errMsg?: string }
    if (!body.result) throw new Error(`gateway call ${name}.${action} failed: ${res.status} ${JSON.stringify(body)}`)
    return body.result
  }

  return {
    url: cloud.url,
    cloud,
    db: sdk.database(),
    store: cloud.db,
    call,
    async ok<T>(openid: string, fn: string, action: string, payload?: unknown, requestId?: string) {
      const r = await call<T>(openid, fn, action, payload, requestId)
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid || '(signed out)'} failed: ${r.error.code} ${r.error.message}${r.error.field ? ` [${r.error.field}]` : ''}`)
      return r.data
    },
    async stop() {
      process.off('unhandledRejection', logRejection)
      await cloud.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
