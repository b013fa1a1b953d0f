// The floor under a function call's CPU: what one database wire call costs when nothing else runs. The real
// wx-server-sdk runs in a worker thread of this process (as in a function instance) and reads the station document
// (`db.collection('station').doc('main').get()`, the wire call `account.station` makes) one call at a time; the
// worker's own CPU is the SDK's client side (request building, TC3 signing, Node's HTTP client, EJSON of the
// answer), the main thread's is the local cloud's side (HTTP server, /admin parsing and signature check, database).
//   npx tsx scripts/bench/floor.ts [calls]
// No function instance and no gateway are involved: add the echo figure (profile.ts on the echo fixture) for what
// every invocation costs on top.
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { ROOT } from '../../local-cloud/src/main'
import { startBenchCloud } from './cloud'
import { threadCpuMs } from './measure'

// Plain CommonJS in the worker (no TypeScript loader, as in instances): the SDK from this repo's node_modules.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const cpuMs = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8'); const s = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(s[11]) + Number(s[12])) * 10 }
const cloud = require(workerData.sdk)
cloud.init({ env: process.env.TCB_ENV })
const doc = cloud.database().collection('station').doc('main')
;(async () => {
  for (let i = 0; i < 300; i++) await doc.get()
  parentPort.postMessage({ type: 'start' })
  const c0 = cpuMs()
  for (let i = 0; i < workerData.calls; i++) await doc.get()
  parentPort.postMessage({ type: 'done', cpuMs: cpuMs() - c0 })
})().catch((err) => parentPort.postMessage({ type: 'error', message: String(err && err.stack || err) }))
`

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 3000)
  const bc = await startBenchCloud(path.join(ROOT, 'dist', 'cloudfunctions'))
  try {
    const sdk = require.resolve('wx-server-sdk')
    const worker = new Worker(WORKER, { eval: true, env: { ...bc.cloud.sdkEnv, PATH: process.env.PATH ?? '' }, execArgv: [], workerData: { sdk, calls } })
    const result = await new Promise<{ client: number; server: number; wallMs: number }>((resolve, reject) => {
      let main0 = 0
      let t0 = 0
      worker.on('message', (m: { type: string; cpuMs?: number; message?: string }) => {
        if (m.type === 'start') {
          main0 = threadCpuMs()?.main ?? 0
          t0 = performance.now()
        } else if (m.type === 'done') {
          resolve({ client: m.cpuMs ?? 0, server: (threadCpuMs()?.main ?? 0) - main0, wallMs: performance.now() - t0 })
        } else reject(new Error(m.message))
      })
      worker.on('error', reject)
    })
    await worker.terminate()
    console.log(
      JSON.stringify({
        wireCall: 'database.getDocument station/main',
        calls,
        sdkClientMsPerCall: Number((result.client / calls).toFixed(3)),
        serverMsPerCall: Number((result.server / calls).toFixed(3)),
        wallMsPerCall: Number((result.wallMs / calls).toFixed(3)),
      }),
    )
  } finally {
    await bc.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
