// Runs the built cloud functions (`<functionsDir>/<fn>/index.js`) in warm instances, like CloudBase:
// one invocation at a time per instance, more instances under concurrency (up to a limit, then a queue),
// idle instances reaped, `config.json` timeout enforced, a failed instance replaced.
//
// Instances are worker threads, not child processes: a worker starts in a few milliseconds instead of a
// whole Node process, costs one V8 isolate instead of ~40 MB of process, and still isolates what matters
// here: each worker has its own `process.env` (the `env` option gives it a copy), so the WX context the SDK
// reads from `process.env` is per instance; `process.exit()` in a worker ends only that worker; and
// `worker.terminate()` stops even a synchronous endless loop. What a worker cannot emulate: a per-instance
// time zone (TZ is process-wide: a worker's own `TZ` variable does not change its clock) and a native crash,
// which would take the whole local cloud down. CloudBase runs functions in UTC, so startLocalCloud sets TZ=UTC
// for its whole process (see index.ts) and instances also see `TZ=UTC` in their environment.
//
// Every event is checked before it reaches a worker (nesting depth, size): a structured clone of a deeply nested
// value overflows the stack inside `postMessage`, so such an event would otherwise crash the local cloud. A
// message that still cannot be delivered fails only its own call; the instance stays warm.
import os from 'node:os'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { WireError, type AdminReply, type AdminRequest, type AdminService } from '../wire'

/** A function's `config.json` (CloudBase format); only the fields the local cloud reads. */
export interface FunctionConfig {
  /** Seconds; CloudBase's default is 3. */
  timeout?: number
  /** Extra environment variables of every instance (CloudBase console: 环境变量). */
  envVariables?: Record<string, string>
  permissions?: { openapi?: string[] }
  triggers?: Array<{ name: string; type: string; config: string }>
}

/** Where a call comes from, as `getWXContext()` will report it. Empty strings are reported as empty. */
export interface WxContextInput {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  CLIENTIP?: string
  /** CloudBase's SOURCE: `wx_client`, `wx_devtools`, `wx_http`, `wx_trigger`, `<caller's>,scf` for a nested call. */
  SOURCE: string
}

export interface InvokeOptions {
  /** Marks a timer trigger invocation (sets `TRIGGER_SRC=timer` like SCF). */
  trigger?: boolean
}

/** CloudBase error codes the runtime answers (the SDK maps them to errCode -504002 / -501001). */
export type FunctionErrorCode =
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  /** The event cannot be handed to the function (too deep, too large, not serialisable). */
  | 'INVALID_PARAM'
  /** The function answered more than 1 MB (wx-server-sdk: WX_CLOUDFUNCTION_RESULT_SIZE_EXCEED_LIMIT). */
  | 'RESULT_SIZE_EXCEED_LIMIT'

/**
 * Deepest nesting (objects and arrays) an event may have. CloudBase documents no figure; real payloads of this
 * app nest less than 10 levels, and 64 keeps every structured clone far from the stack limit.
 */
export const MAX_EVENT_DEPTH = 64
/** Largest event, as JSON (the gateway and /admin already refuse bodies over 1 MB). */
export const MAX_EVENT_BYTES = 1024 * 1024
/** CloudBase refuses a function result over 1 MB (errCode -604001 "cloudfunction result size exceed limit (1MB)"). */
export const MAX_RESULT_BYTES = 1024 * 1024

const ERR_CODES: Record<FunctionErrorCode, number> = {
  FUNCTIONS_EXECUTE_FAIL: -504002,
  FUNCTIONS_TIME_LIMIT_EXCEEDED: -504002,
  FUNCTION_NOT_FOUND: -501000,
  INVALID_PARAM: -501007,
  RESULT_SIZE_EXCEED_LIMIT: -604001,
}

/** A failed invocation: the function threw, timed out, crashed, or does not exist. */
export class FunctionError extends Error {
  constructor(
    readonly code: FunctionErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'FunctionError'
  }

  /** The numeric errCode wx.cloud / wx-server-sdk report for this failure. */
  get errCode(): number {
    return ERR_CODES[this.code]
  }
}

/**
 * Why an event cannot go to a function, or undefined. Walks the value without recursion (a 10,000-level payload
 * must not overflow the stack here either), then measures its JSON.
 */
export function eventProblem(event: unknown): string | undefined {
  const stack: Array<[unknown, number]> = [[event, 1]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (value === null || typeof value !== 'object') continue
    if (depth > MAX_EVENT_DEPTH) return `参数嵌套太深，超过 ${MAX_EVENT_DEPTH} 层 (event nested deeper than ${MAX_EVENT_DEPTH} levels)`
    for (const child of Object.values(value as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  let json: string | undefined
  try {
    json = JSON.stringify(event)
  } catch (err) {
    return `参数不是合法的 JSON 数据 (event is not JSON: ${(err as Error).message})`
  }
  if (json !== undefined && Buffer.byteLength(json) > MAX_EVENT_BYTES) {
    return `参数太大，超过 ${MAX_EVENT_BYTES / 1024 / 1024} MB (event larger than ${MAX_EVENT_BYTES} bytes)`
  }
  return undefined
}

/**
 * Instances per function for a local cloud people use (`npm start`) and the bench measure: as many as the machine
 * has cores, 2 to 8. Each instance is a worker thread running JavaScript; more busy ones than cores cannot run at
 * once, and on 2 cores 8 instances cost twice the CPU per call of 2 (their isolates and caches take turns:
 * account.station at 16 callers, 2.6 against 1.3 ms, docs/performance.md). The runtime's own default stays 8, so
 * the tests race more instances than a laptop would run.
 */
export function instancesForThisMachine(): number {
  return Math.min(8, Math.max(2, os.availableParallelism()))
}

export interface FunctionsOptions {
  /** Folder holding one folder per function with `index.js` and `config.json` (e.g. `dist/cloudfunctions`). */
  functionsDir: string
  /** The CloudBase environment id the SDK reports (`ENV`, `TCB_ENV`). */
  env?: string
  /** Instances per function before calls queue. */
  maxInstances?: number
  /** An instance idle this long (ms) is stopped. */
  idleMs?: number
  /** One log line per call on stdout. */
  log?: boolean
  /** The per-run secret instances sign their wire calls with (TENCENTCLOUD_SECRETID/SECRETKEY). */
  credentials: { secretId: string; secretKey: string }
}

export interface FunctionStats {
  instances: number
  busy: number
  queued: number
  started: number
}

export interface FunctionsRuntime extends AdminService {
  /** The base URL of the running server (`http://127.0.0.1:<port>`); instances started before it is set fail. */
  setServerUrl(url: string): void
  /** Runs `fn` with `event` and answers what it returned (after a JSON round trip, as CloudBase does). */
  invoke(fn: string, event: unknown, wx: WxContextInput, opts?: InvokeOptions): Promise<unknown>
  /** Names of the functions found in functionsDir. */
  list(): string[]
  /** The function's config.json, or undefined when the function does not exist. */
  config(fn: string): FunctionConfig | undefined
  stats(fn: string): FunctionStats
  close(): Promise<void>
}

const DEFAULT_TIMEOUT_S = 3
/** A bundle that takes longer than this to load (require) fails its first call. */
const LOAD_TIMEOUT_MS = 30_000
const HOST = path.join(__dirname, 'host.cjs')
/** Variables of the local cloud's own process an instance may see (everything else is CloudBase's). */
const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'NODE_ENV', 'SYSTEMROOT', 'TMPDIR']

/**
 * The local cloud's own Node flags minus module loaders (`--import tsx`, `--require …/preflight.cjs`, `--loader`):
 * a worker inherits execArgv, and a TypeScript loader hooked into every `require` of a plain-JS bundle tripled an
 * instance's start-up (measured in the 16-caller profile: 55% of the instances' CPU in the first seconds was tsx).
 * Other flags (`--cpu-prof`, `--inspect`, `--max-old-space-size`) still reach the instances.
 */
export function instanceExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const out: string[] = []
  const LOADERS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader'])
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]
    if (LOADERS.has(a)) {
      i++ // and its value
      continue
    }
    if (/^(--import|--require|--loader|--experimental-loader)=/.test(a)) continue
    out.push(a)
  }
  return out
}

interface Job {
  id: string
  event: unknown
  wx: WxContextInput
  opts: InvokeOptions
  /** The api token of the running invocation (see `running`). */
  token?: string
  /** When the call arrived (queue time counts in the logged duration). */
  t0: number
  resolve(value: unknown): void
  reject(err: FunctionError): void
}

type InstanceState = 'starting' | 'idle' | 'busy' | 'dead'

interface Instance {
  worker: Worker
  state: InstanceState
  job?: Job
  timer?: NodeJS.Timeout
  lastUsed: number
  /** The bundle version (mtimes) it runs. */
  version: string
  loadError?: string
}

interface Pool {
  fn: string
  dir: string
  config: FunctionConfig
  version: string
  instances: Set<Instance>
  queue: Job[]
  started: number
}

function readConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json')
  if (!fs.existsSync(file)) return {}
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig
}

function bundleVersion(dir: string): string | undefined {
  try {
    const main = fs.statSync(path.join(dir, 'index.js')).mtimeMs
    let cfg = 0
    try {
      cfg = fs.statSync(path.join(dir, 'config.json')).mtimeMs
    } catch {
      cfg = 0
    }
    return `${main}:${cfg}`
  } catch {
    return undefined
  }
}

function describeEvent(event: unknown): string {
  if (event && typeof event === 'object') {
    const e = event as Record<string, unknown>
    if (typeof e.action === 'string') return e.action
    if (e.Type === 'Timer' && typeof e.TriggerName === 'string') return `timer:${e.TriggerName}`
  }
  return '-'
}

/** `ok`, or the error code of an `{ ok: false, error: { code } }` envelope the function answered. */
function outcome(json: string): string {
  if (json.length > 4096 || !json.startsWith('{"ok":false')) return 'ok'
  try {
    const r = JSON.parse(json) as { error?: { code?: unknown } }
    return typeof r.error?.code === 'string' ? r.error.code : 'ok'
  } catch {
    return 'ok'
  }
}

export function createFunctionsRuntime(opts: FunctionsOptions): FunctionsRuntime {
  const envId = opts.env ?? 'local'
  const maxInstances = opts.maxInstances ?? 8
  const idleMs = opts.idleMs ?? 5 * 60_000
  const pools = new Map<string, Pool>()
  /** api token of a running invocation → who it runs for (a nested call inherits it). */
  const running = new Map<string, { fn: string; wx: WxContextInput }>()
  let serverUrl: string | undefined
  let closed = false

  const reaper = setInterval(
    () => {
      const now = Date.now()
      for (const pool of pools.values()) {
        for (const inst of pool.instances) {
          if (inst.state === 'idle' && now - inst.lastUsed >= idleMs) retire(pool, inst)
        }
      }
    },
    Math.max(50, Math.min(idleMs / 2, 30_000)),
  )
  reaper.unref()

  function logLine(fn: string, job: Job, ms: number, result: string): void {
    if (!opts.log) return
    const openid = job.wx.OPENID || '-'
    console.log(`[local-cloud] call ${fn} ${describeEvent(job.event)} openid=${openid} ${ms}ms ${result}`)
  }

  function fnDir(fn: string): string | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(fn)) return undefined
    const dir = path.join(opts.functionsDir, fn)
    return fs.existsSync(path.join(dir, 'index.js')) ? dir : undefined
  }

  function getPool(fn: string): Pool | undefined {
    const dir = fnDir(fn)
    if (!dir) return undefined
    const version = bundleVersion(dir) ?? ''
    let pool = pools.get(fn)
    if (!pool) {
      pool = { fn, dir, config: readConfig(dir), version, instances: new Set(), queue: [], started: 0 }
      pools.set(fn, pool)
    } else if (pool.version !== version) {
      // Rebuilt since the instances started: new calls get new instances; old ones finish and go.
      pool.version = version
      pool.config = readConfig(dir)
      for (const inst of pool.instances) if (inst.state === 'idle' || inst.state === 'starting') retire(pool, inst)
    }
    return pool
  }

  function baseEnv(pool: Pool): Record<string, string> {
    if (!serverUrl) throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'local cloud server is not listening yet')
    const env: Record<string, string> = {}
    for (const key of INHERITED_ENV) {
      const v = process.env[key]
      if (v !== undefined) env[key] = v
    }
    Object.assign(env, pool.config.envVariables ?? {}, {
      // The SDK appends `env=..&seqId=..` to a URL that already has '?' (utils/tcbapiendpoint.js buildUrl).
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${serverUrl}/admin?fn=${encodeURIComponent(pool.fn)}&` }),
      // The per-run secret: /admin answers only wire calls signed with it (server.ts).
      TENCENTCLOUD_SECRETID: opts.credentials.secretId,
      TENCENTCLOUD_SECRETKEY: opts.credentials.secretKey,
      TENCENTCLOUD_RUNENV: 'SCF',
      // CloudBase runs functions in UTC. Informational only: the clock of a worker follows the process's TZ.
      TZ: 'UTC',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: envId,
      TCB_ENV: envId,
      SCF_FUNCTIONNAME: pool.fn,
    })
    return env
  }

  function invocationEnv(job: Job, token: string): Record<string, string> {
    const env: Record<string, string> = {
      // wx-server-sdk getWXContext() reads the variables listed here and strips `WX_` (it skips WX_API_TOKEN, which
      // it blacklists); node-sdk's getCloudbaseContext() reads the same list, which is how WX_API_TOKEN reaches
      // node-sdk: it sends it as `wxCloudApiToken` with every wire call, so a nested callFunction is matched to this
      // invocation. SOURCE comes from TCB_SOURCE.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
      TCB_SOURCE: job.wx.SOURCE,
      WX_API_TOKEN: token,
    }
    if (job.wx.OPENID !== undefined) env.WX_OPENID = job.wx.OPENID
    if (job.wx.APPID !== undefined) env.WX_APPID = job.wx.APPID
    if (job.wx.UNIONID !== undefined) env.WX_UNIONID = job.wx.UNIONID
    if (job.wx.CLIENTIP !== undefined) env.WX_CLIENTIP = job.wx.CLIENTIP
    if (job.opts.trigger) env.TRIGGER_SRC = 'timer'
    return env
  }

  function retire(pool: Pool, inst: Instance): void {
    if (inst.state === 'dead') return
    inst.state = 'dead'
    if (inst.timer) clearTimeout(inst.timer)
    pool.instances.delete(inst)
    void inst.worker.terminate()
  }

  /** The instance failed (crash, timeout, load error): fail its call, drop it, keep the queue moving. */
  function fail(pool: Pool, inst: Instance, err: FunctionError): void {
    const job = inst.job
    inst.job = undefined
    retire(pool, inst)
    if (job) finish(pool, job, undefined, err)
    pump(pool)
  }

  function finish(pool: Pool, job: Job, json: string | undefined, err?: FunctionError): void {
    if (job.token) running.delete(job.token)
    const ms = Date.now() - job.t0
    if (err) {
      logLine(pool.fn, job, ms, err.code)
      job.reject(err)
      return
    }
    const text = json ?? 'null'
    logLine(pool.fn, job, ms, outcome(text))
    job.resolve(JSON.parse(text) as unknown)
  }

  function spawn(pool: Pool): Instance {
    const worker = new Worker(HOST, {
      env: baseEnv(pool),
      execArgv: instanceExecArgv(),
      workerData: { entry: path.join(pool.dir, 'index.js'), fn: pool.fn },
      // SCF gives a function 256 MB by default; a runaway allocation ends the instance, not the local cloud.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    })
    const inst: Instance = { worker, state: 'starting', lastUsed: Date.now(), version: pool.version }
    pool.instances.add(inst)
    pool.started++
    const loadTimer = setTimeout(() => {
      if (inst.state === 'starting') {
        inst.loadError = `function ${pool.fn} did not load within ${LOAD_TIMEOUT_MS / 1000}s`
        failStarting(pool, inst)
      }
    }, LOAD_TIMEOUT_MS)
    loadTimer.unref()
    worker.on('message', (msg: HostMessage) => {
      if (msg.type === 'ready') {
        clearTimeout(loadTimer)
        if (inst.state !== 'starting') return
        inst.state = 'idle'
        pump(pool)
      } else if (msg.type === 'load-error') {
        clearTimeout(loadTimer)
        inst.loadError = msg.error.message
        failStarting(pool, inst)
      } else if (msg.type === 'done') {
        if (inst.state !== 'busy' || !inst.job || inst.job.id !== msg.id) return
        if (inst.timer) clearTimeout(inst.timer)
        const job = inst.job
        inst.job = undefined
        inst.state = 'idle'
        inst.lastUsed = Date.now()
        // CloudBase keeps an instance whose handler threw (module state survives), and so do we: only a crash, a
        // timeout or an exit replaces an instance.
        if (!msg.ok) finish(pool, job, undefined, new FunctionError('FUNCTIONS_EXECUTE_FAIL', msg.error.message))
        else if (Buffer.byteLength(msg.json) > MAX_RESULT_BYTES) {
          finish(pool, job, undefined, new FunctionError('RESULT_SIZE_EXCEED_LIMIT', 'cloudfunction result size exceed limit (1MB)'))
        } else finish(pool, job, msg.json)
        pump(pool)
      }
    })
    worker.on('error', (err: Error) => {
      clearTimeout(loadTimer)
      if (inst.state === 'starting') {
        inst.loadError = err.stack ?? err.message
        failStarting(pool, inst)
      } else if (inst.state !== 'dead') {
        fail(pool, inst, new FunctionError('FUNCTIONS_EXECUTE_FAIL', `${err.stack ?? err.message}`))
      }
    })
    worker.on('exit', (code) => {
      clearTimeout(loadTimer)
      if (inst.state === 'dead') return
      if (inst.state === 'starting') {
        inst.loadError = `function ${pool.fn} exited while loading (exit code ${code})`
        failStarting(pool, inst)
      } else {
        fail(pool, inst, new FunctionError('FUNCTIONS_EXECUTE_FAIL', `Process exited before completing request (exit code ${code})`))
      }
    })
    return inst
  }

  /** A bundle that does not load fails one queued call (like a cold start failing) and the instance goes. */
  function failStarting(pool: Pool, inst: Instance): void {
    const message = inst.loadError ?? 'function failed to load'
    retire(pool, inst)
    const job = pool.queue.shift()
    if (job) {
      finish(pool, job, undefined, new FunctionError('FUNCTIONS_EXECUTE_FAIL', message))
    }
    pump(pool)
  }

  /** Hands `job` to an idle instance; false when the message could not be delivered (the job is failed then). */
  function run(pool: Pool, inst: Instance, job: Job): boolean {
    inst.state = 'busy'
    inst.job = job
    inst.lastUsed = Date.now()
    const token = randomUUID()
    job.token = token
    running.set(token, { fn: pool.fn, wx: job.wx })
    const timeoutS = pool.config.timeout ?? DEFAULT_TIMEOUT_S
    inst.timer = setTimeout(() => {
      if (inst.job !== job) return
      fail(pool, inst, new FunctionError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutS} seconds`))
    }, timeoutS * 1000)
    const env = invocationEnv(job, token)
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutS * 1000,
      request_id: job.id,
      function_name: pool.fn,
      function_version: '$LATEST',
      namespace: envId,
      environment: JSON.stringify(env),
    }
    try {
      inst.worker.postMessage({ type: 'invoke', id: job.id, event: job.event, context, env })
    } catch (err) {
      // The message never left (e.g. the clone overflowed the stack): only this call fails, the instance is
      // untouched and serves the next one. Called from pump(), so the caller's pump carries on with the queue.
      if (inst.timer) clearTimeout(inst.timer)
      inst.job = undefined
      inst.state = 'idle'
      finish(pool, job, undefined, new FunctionError('INVALID_PARAM', `无法把参数交给云函数 (event could not be delivered: ${(err as Error).message})`))
      return false
    }
    return true
  }

  /** Hands queued calls to idle instances and starts instances while calls wait and the limit allows. */
  function pump(pool: Pool): void {
    if (closed) return
    while (pool.queue.length > 0) {
      const idle = [...pool.instances].find((i) => i.state === 'idle' && i.version === pool.version)
      if (!idle) break
      run(pool, idle, pool.queue.shift() as Job)
    }
    // Idle instances of an old bundle version are not reused.
    for (const inst of pool.instances) if (inst.state === 'idle' && inst.version !== pool.version) retire(pool, inst)
    const starting = [...pool.instances].filter((i) => i.state === 'starting').length
    let toStart = Math.min(pool.queue.length - starting, maxInstances - pool.instances.size)
    while (toStart-- > 0) {
      try {
        spawn(pool)
      } catch (err) {
        const job = pool.queue.shift()
        if (job) job.reject(err instanceof FunctionError ? err : new FunctionError('FUNCTIONS_EXECUTE_FAIL', String(err)))
      }
    }
  }

  function invoke(fn: string, event: unknown, wx: WxContextInput, invokeOpts: InvokeOptions = {}): Promise<unknown> {
    if (closed) return Promise.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'local cloud is shutting down'))
    const pool = getPool(fn)
    if (!pool) return Promise.reject(new FunctionError('FUNCTION_NOT_FOUND', `FunctionName parameter could not be found: ${fn}`))
    const problem = eventProblem(event)
    if (problem) return Promise.reject(new FunctionError('INVALID_PARAM', problem))
    return new Promise((resolve, reject) => {
      const job: Job = { id: randomUUID(), event, wx, opts: invokeOpts, t0: Date.now(), resolve, reject }
      pool.queue.push(job)
      pump(pool)
    })
  }

  async function handle(req: AdminRequest): Promise<AdminReply> {
    if (req.action !== 'functions.invokeFunction') {
      throw new WireError('ACTION_NOT_SUPPORTED', `action ${req.action} is not supported by the local cloud`)
    }
    const name = req.params.function_name
    if (typeof name !== 'string' || !name) throw new WireError('INVALID_PARAM', 'function_name is required')
    const raw = req.params.request_data
    let data: unknown = {}
    if (typeof raw === 'string' && raw !== '') {
      try {
        data = JSON.parse(raw) as unknown
      } catch {
        throw new WireError('INVALID_PARAM', 'request_data is not valid JSON')
      }
    } else if (raw !== undefined && raw !== '' && typeof raw !== 'string') {
      throw new WireError('INVALID_PARAM', 'request_data must be a JSON string')
    }
    // A call from inside a function carries that invocation's api token: the callee sees the same user, and
    // SOURCE records the chain (`wx_client,scf`), as CloudBase documents for getWXContext().
    const token = typeof req.params.wxCloudApiToken === 'string' ? req.params.wxCloudApiToken : ''
    const parent = token ? running.get(token) : undefined
    // A caller holding the secret but no invocation's token (a script, a test) is the administrator's side, like
    // WeChat's HTTP API (invokeCloudFunction): SOURCE `wx_http`, no user.
    const wx: WxContextInput = parent ? { ...parent.wx, SOURCE: `${parent.wx.SOURCE},scf` } : { SOURCE: 'wx_http' }
    try {
      const result = await invoke(name, data, wx)
      return { json: { data: { response_data: JSON.stringify(result) } } }
    } catch (err) {
      if (err instanceof FunctionError) {
        // The SDK maps unknown codes to SYS_ERR (-501001), INVALID_PARAM to -501007, FUNCTIONS_EXECUTE_FAIL to -504002.
        const code =
          err.code === 'FUNCTION_NOT_FOUND' ? 'ResourceNotFound.FunctionName' : err.code === 'INVALID_PARAM' ? 'INVALID_PARAM' : 'FUNCTIONS_EXECUTE_FAIL'
        throw new WireError(code, err.message)
      }
      throw err
    }
  }

  return {
    prefixes: ['functions.'],
    handle,
    setServerUrl(url: string) {
      serverUrl = url.replace(/\/$/, '')
    },
    invoke,
    list() {
      if (!fs.existsSync(opts.functionsDir)) return []
      return fs
        .readdirSync(opts.functionsDir)
        .filter((name) => fnDir(name) !== undefined)
        .sort()
    },
    config(fn: string) {
      const dir = fnDir(fn)
      if (!dir) return undefined
      return getPool(fn)?.config ?? readConfig(dir)
    },
    stats(fn: string) {
      const pool = pools.get(fn)
      if (!pool) return { instances: 0, busy: 0, queued: 0, started: 0 }
      const all = [...pool.instances]
      return {
        instances: all.length,
        busy: all.filter((i) => i.state === 'busy').length,
        queued: pool.queue.length,
        started: pool.started,
      }
    },
    async close() {
      if (closed) return
      closed = true
      clearInterval(reaper)
      const stops: Array<Promise<number>> = []
      for (const pool of pools.values()) {
        for (const job of pool.queue.splice(0)) job.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'local cloud is shutting down'))
        for (const inst of [...pool.instances]) {
          const job = inst.job
          inst.job = undefined
          if (job) job.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'local cloud is shutting down'))
          inst.state = 'dead'
          if (inst.timer) clearTimeout(inst.timer)
          pool.instances.delete(inst)
          stops.push(inst.worker.terminate())
        }
      }
      await Promise.all(stops)
    },
  }
}

type HostMessage =
  | { type: 'ready' }
  | { type: 'load-error'; error: { message: string } }
  | { type: 'done'; id: string; ok: true; json: string }
  | { type: 'done'; id: string; ok: false; error: { message: string } }
