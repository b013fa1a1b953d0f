// Sums the .cpuprofile files `node --cpu-prof` wrote (one per thread) by where the time went, per call:
//   npx tsx scripts/bench/profile-split.ts <dir> <calls> [<from>-<to> µs window profile.ts printed] [--frames]
// Each sample is charged to the innermost frame of the stack that belongs to a known part (the SDK's request
// building, its signing, HTTP, the EJSON codec, mingo, SQLite, worker messaging, …); frames without a part of
// their own (V8 builtins such as JSON.parse, Node internals, GC) are charged to the part that called them.
import fs from 'node:fs'
import path from 'node:path'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  startTime: number
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}

const PARTS: Array<[RegExp, string]> = [
  [/@cloudbase\/signature-nodejs|node_modules\/(crypto-js|lodash\.)/, 'SDK signing (TC3-HMAC)'],
  [/node_modules\/bson|@cloudbase\/database\/.*(serializer|bson|ejson)|local-cloud\/src\/db\/codec/, 'EJSON codec'],
  [/node_modules\/(axios|request|follow-redirects|form-data|agentkeepalive)|node:_http|node:http|node:net|node:internal\/http|node:internal\/stream_base|node:internal\/streams|node:stream|node:_stream|node:internal\/url|undici|node:internal\/deps\/undici/, 'HTTP'],
  [/@cloudbase\/(node-sdk|database|utilities)|wx-server-sdk|tcb-admin-node/, 'SDK request building'],
  [/node_modules\/mingo/, 'mingo'],
  [/better-sqlite3/, 'SQLite'],
  [/local-cloud\/src\/db\//, 'database engine (planner, semantics)'],
  [/local-cloud\/src\/(server|auth|wire)\.ts/, '/admin server and signature check'],
  [/local-cloud\/src\/gateway/, 'gateway'],
  [/local-cloud\/src\/functions|node:internal\/worker|node:worker_threads|node:internal\/per_context\/messageport/, 'worker messaging'],
  [/dist\/cloudfunctions|cloudfunctions\//, 'function code (dispatch, valibot, handler)'],
  [/node_modules\/tsx|esbuild/, 'tsx loader'],
]

function partOf(url: string, fnName: string): string | undefined {
  if (fnName === '(garbage collector)') return undefined
  for (const [re, name] of PARTS) if (re.test(url)) return name
  return undefined
}

function split(file: string, window: [number, number]): { byPart: Map<string, number>; frames: Map<string, number>; idle: number; total: number } {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
  const parent = new Map<number, number>()
  const byId = new Map<number, Node>()
  for (const n of p.nodes) {
    byId.set(n.id, n)
    for (const c of n.children ?? []) parent.set(c, n.id)
  }
  const partCache = new Map<number, string>()
  const resolve = (id: number): string => {
    const cached = partCache.get(id)
    if (cached) return cached
    const n = byId.get(id) as Node
    const own = partOf(n.callFrame.url, n.callFrame.functionName)
    const up = parent.get(id)
    const part = own ?? (up !== undefined ? resolve(up) : 'other (Node internals, event loop)')
    partCache.set(id, part)
    return part
  }
  const byPart = new Map<string, number>()
  const frames = new Map<string, number>()
  let idle = 0
  let total = 0
  let at = p.startTime
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0
    at += us
    if (at < window[0] || at > window[1]) return
    const n = byId.get(id) as Node
    if (n.callFrame.functionName === '(idle)') {
      idle += us
      return
    }
    total += us
    const part = n.callFrame.functionName === '(garbage collector)' ? 'GC' : resolve(id)
    byPart.set(part, (byPart.get(part) ?? 0) + us)
    const f = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber}`
    frames.set(f, (frames.get(f) ?? 0) + us)
  })
  return { byPart, frames, idle, total }
}

function main(): void {
  const [dir, callsArg, windowArg] = process.argv.slice(2)
  const calls = Number(callsArg)
  const window: [number, number] = windowArg && /^\d+-\d+$/.test(windowArg) ? (windowArg.split('-').map(Number) as [number, number]) : [0, Infinity]
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
  const groups = new Map<string, { byPart: Map<string, number>; frames: Map<string, number>; total: number }>()
  for (const f of files) {
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
    const thread = Number(f.split('.')[4])
    const s = split(path.join(dir, f), window)
    // A thread that spent almost nothing is tsx's loader thread: leave it out.
    const group = thread === 0 ? 'main thread (server, gateway, database)' : s.byPart.has('function code (dispatch, valibot, handler)') ? 'function instances (worker threads)' : 'other threads'
    const g = groups.get(group) ?? { byPart: new Map(), frames: new Map(), total: 0 }
    for (const [k, v] of s.byPart) g.byPart.set(k, (g.byPart.get(k) ?? 0) + v)
    for (const [k, v] of s.frames) g.frames.set(k, (g.frames.get(k) ?? 0) + v)
    g.total += s.total
    groups.set(group, g)
  }
  for (const [group, g] of groups) {
    console.log(`\n${group}: ${(g.total / 1000 / calls).toFixed(2)} ms per call (${calls} calls)`)
    for (const [k, v] of [...g.byPart].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${(v / 1000 / calls).toFixed(3).padStart(7)} ms  ${((v / g.total) * 100).toFixed(0).padStart(3)}%  ${k}`)
    }
    if (process.argv.includes('--frames')) {
      console.log('  top frames (self time):')
      for (const [k, v] of [...g.frames].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(v / 1000 / calls).toFixed(3).padStart(7)} ms  ${k}`)
    }
  }
}

main()
