// One warm instance of a cloud function, run inside a worker thread (see runtime.ts).
// Plain CommonJS on purpose: a worker thread is started by Node itself, outside tsx/jest transforms,
// and the bundles it loads are plain CommonJS too (`require('wx-server-sdk')`, unmodified).
//
// Protocol (parentPort messages):
//   -> { type: 'ready' } | { type: 'load-error', error }       once, after the bundle is required
//   <- { type: 'invoke', id, event, context, env }              one at a time (the runtime guarantees it)
//   -> { type: 'done', id, ok: true, json } | { type: 'done', id, ok: false, error }
'use strict'
const { parentPort, workerData } = require('node:worker_threads')

// The SDK rejects promises nobody awaits (e.g. a fire-and-forget db call); CloudBase logs them and keeps the
// instance alive, so do we.
process.on('unhandledRejection', (reason) => {
  console.error(`[local-cloud:${workerData.fn}] unhandled rejection:`, reason)
})

// A worker's `process.env` is already its own copy, not the OS environment (the runtime passes it with the `env`
// option; a native getenv() never sees it). Node keeps that copy in C++, and every read crosses into it: about
// 0.2 µs, and node-sdk reads the environment a few hundred times per wire call (getCloudbaseContext, on every
// request). A JavaScript object with the same rules (a value set becomes a string, as Node does; delete and
// enumeration as usual) gives the function the same view for a tenth of that.
process.env = new Proxy(
  { ...process.env },
  {
    set(target, key, value) {
      target[key] = String(value)
      return true
    },
    defineProperty(target, key, desc) {
      if (!('value' in desc) || desc.configurable === false || desc.writable === false || desc.enumerable === false) {
        throw new TypeError(`'process.env' only accepts a configurable, writable, and enumerable data descriptor`)
      }
      target[key] = String(desc.value)
      return true
    },
  },
)

/** The per-invocation variables (WX context, source, api token); removed again before the next call. */
let invocationKeys = []

function describe(err) {
  if (err instanceof Error) {
    // The caller sees the function's own frames, not this host's or Node's.
    const stack = (err.stack || `${err.name}: ${err.message}`)
      .split('\n')
      .filter((line) => !line.includes(__filename) && !line.includes('node:internal'))
      .join('\n')
    return { message: stack }
  }
  if (err && typeof err === 'object') {
    try {
      return { message: JSON.stringify(err) }
    } catch {
      return { message: String(err) }
    }
  }
  return { message: String(err) }
}

let main
try {
  const mod = require(workerData.entry)
  main = mod && typeof mod.main === 'function' ? mod.main : undefined
  if (!main) throw new Error(`${workerData.entry} does not export a main function`)
  parentPort.postMessage({ type: 'ready' })
} catch (err) {
  parentPort.postMessage({ type: 'load-error', error: describe(err) })
}

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke' || !main) return
  for (const key of invocationKeys) delete process.env[key]
  invocationKeys = Object.keys(msg.env)
  Object.assign(process.env, msg.env)
  let reply
  try {
    const result = await main(msg.event, msg.context)
    // CloudBase serialises the return value as JSON (Dates become strings, undefined becomes null).
    const json = JSON.stringify(result === undefined ? null : result)
    reply = { type: 'done', id: msg.id, ok: true, json: json === undefined ? 'null' : json }
  } catch (err) {
    reply = { type: 'done', id: msg.id, ok: false, error: describe(err) }
  }
  parentPort.postMessage(reply)
})
