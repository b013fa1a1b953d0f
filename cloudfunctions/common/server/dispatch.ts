// The runtime's core: one call in, one envelope out. Routing, identity, roles, validation,
// requestId idempotency and error mapping live here, free of wx-server-sdk so they can be tested
// with in-memory stores.
import { createHash } from 'node:crypto'
import { ERROR_MESSAGES, ROLES, SYSTEM, type ActionSpec, type AppErrorBody, type FunctionName, type Result } from '@contract/core'
import { validatePayload } from '@contract/validate'
import { classifyInvocation, type MediaCheckEvent, type TimerEvent } from './platform'
import { AppError, type AnyCallerContext, type CallerContext, type UserDoc } from './types'

/** The identity part of `cloud.getWXContext()`, plus the instance's `TRIGGER_SRC` (set by SCF for a timer). */
export interface WxIdentity {
  OPENID?: string
  /** The invocation source chain, e.g. `wx_client`, `wx_trigger`, `wx_client,scf`. */
  SOURCE?: string
  TRIGGER_SRC?: string
}

/** A call as the runtime routes it. */
export interface RoutedCall {
  action: string
  payload: unknown
}

/**
 * The platform invocations a function accepts, and the system call each becomes. Only these make a caller the
 * system (see platform.ts); a function without a route refuses the invocation.
 */
export interface PlatformRoutes<D> {
  timer?: (event: TimerEvent) => RoutedCall
  mediaCheck?: {
    /** True only when the trace id is a check this function started and still waits for. */
    verify: (deps: D, traceId: string) => Promise<boolean>
    route: (event: MediaCheckEvent) => RoutedCall
  }
}

/** Where callers' profiles live (`users/<openid>`). */
export interface CallerDirectory {
  find(openid: string): Promise<UserDoc | null>
}

/** What a claim on a requestId found. */
export type Claim = { state: 'claimed' } | { state: 'pending' } | { state: 'done'; result: Result<unknown> }

/**
 * Remembers the outcome of idempotent calls by key. `claim` must be atomic: of two concurrent
 * claims on a new key exactly one gets `claimed` (the database's unique `_id` does this).
 */
export interface RequestLedger {
  claim(key: string, now: Date): Promise<Claim>
  /** Reads without claiming; null when no record exists (e.g. the first caller gave up). */
  peek(key: string): Promise<Claim | null>
  complete(key: string, result: Result<unknown>, now: Date): Promise<void>
  /** Forgets a claim so a retry runs again (used when the call failed). */
  release(key: string): Promise<void>
  /**
   * Takes over a claim still `pending` after the wait (its call may have died); false when it is pending no more.
   * Safe because idempotent creates are keyed by the request key: a takeover finds the first call's record.
   */
  takeOver(key: string, now: Date): Promise<boolean>
}

/**
 * Handlers as the runtime sees them; method syntax keeps parameter checks bivariant so typed handlers fit. An
 * `anyCaller` action's handler gets an AnyCallerContext, every other one a CallerContext.
 */
export type LooseHandler<D> = {
  run(deps: D, ctx: AnyCallerContext, payload: unknown): Promise<unknown>
}['run']

export interface Runtime<D> {
  fn: FunctionName
  specs: Readonly<Record<string, ActionSpec>>
  handlers: Readonly<Record<string, LooseHandler<D>>>
  deps: D
  /** Timer triggers and platform pushes this function accepts. */
  platform?: PlatformRoutes<D>
  callers: CallerDirectory
  requests: RequestLedger
  now: () => Date
  /** OPENID that is always admin (bootstraps the first admin). */
  firstAdminOpenid?: string
  /** How long a duplicate waits for the first call's result before answering `conflict`. Default 3000 ms. */
  pendingWaitMs?: number
  sleep?: (ms: number) => Promise<void>
  /** Logs unexpected failures; defaults to console.error. */
  logError?: (message: string, error: unknown) => void
}

const REQUEST_ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/
const POLL_MS = 100

export const RUNTIME_MESSAGES = {
  unknownAction: '小程序版本太旧或操作不存在，请更新小程序后再试',
  badRequestId: '请求编号格式不对，请重新打开小程序再试',
  stillRunning: '上一次提交还在处理中，请稍等一会儿再刷新看看',
} as const

/**
 * The key an idempotent call's records are created under (see `createOnce` in atomic.ts): derived from the caller,
 * the action and the requestId, so a retry of the same request meets the same key, and nobody else can.
 */
export function requestKeyOf(ledgerKey: string): string {
  return `rk:${createHash('sha256').update(ledgerKey).digest('hex').slice(0, 40)}`
}

interface ParsedEvent {
  action: string
  payload: unknown
  requestId?: string
}

function parseEvent(event: unknown): ParsedEvent | AppErrorBody {
  if (typeof event !== 'object' || event === null) return { code: 'invalid_argument', message: RUNTIME_MESSAGES.unknownAction, field: 'action' }
  const { action, payload, requestId } = event as Record<string, unknown>
  if (typeof action !== 'string' || action === '') return { code: 'invalid_argument', message: RUNTIME_MESSAGES.unknownAction, field: 'action' }
  if (requestId !== undefined && requestId !== null && (typeof requestId !== 'string' || !REQUEST_ID_RE.test(requestId))) {
    return { code: 'invalid_argument', message: RUNTIME_MESSAGES.badRequestId, field: 'requestId' }
  }
  return { action, payload, ...(typeof requestId === 'string' ? { requestId } : {}) }
}

function failure(code: AppErrorBody['code'], message: string = ERROR_MESSAGES[code], field?: string): Result<never> {
  return { ok: false, error: { code, message, ...(field ? { field } : {}) } }
}

/** Builds the caller: the system (only for a platform invocation), or a user whose role comes from `users/<openid>` (first admin forced). */
async function resolveCaller<D>(rt: Runtime<D>, openid: string, system: boolean): Promise<CallerContext> {
  if (system) return { openid: '', role: 'admin', user: null, system: true }
  const user = await rt.callers.find(openid)
  const role = rt.firstAdminOpenid && openid === rt.firstAdminOpenid ? 'admin' : (user?.role ?? 'resident')
  return { openid, role, user }
}

function isAllowed(spec: ActionSpec, ctx: CallerContext): boolean {
  return ctx.system ? spec.roles.includes(SYSTEM) : spec.roles.includes(ctx.role)
}

/**
 * The caller as the action needs it. An `anyCaller` action that every role may call gets no lookup: the lookup could
 * only find a role the action allows (no profile is a resident), and its handler reads neither role nor profile.
 * Any other action — or an `anyCaller` spec whose roles do not cover every role — is checked against the stored role.
 */
async function callerFor<D>(rt: Runtime<D>, spec: ActionSpec, openid: string, system: boolean): Promise<AnyCallerContext | undefined> {
  if (spec.anyCaller && !system && ROLES.every((r) => spec.roles.includes(r))) return { openid }
  const ctx = await resolveCaller(rt, openid, system)
  return isAllowed(spec, ctx) ? ctx : undefined
}

async function runHandler<D>(rt: Runtime<D>, key: string, handler: LooseHandler<D>, ctx: AnyCallerContext, payload: unknown): Promise<Result<unknown>> {
  try {
    const data = await handler(rt.deps, ctx, payload)
    return { ok: true, data }
  } catch (err) {
    if (err instanceof AppError) return failure(err.code, err.message, err.field)
    ;(rt.logError ?? defaultLogError)(`[${key}] internal error`, err)
    return failure('internal')
  }
}

function defaultLogError(message: string, error: unknown): void {
  console.error(message, error)
}

/**
 * Runs an idempotent call once per key. Only successes are remembered: a failed call released its
 * claim, so a retry (perhaps after the user fixed the form) runs again. Expected failures write
 * nothing, so running again is safe.
 */
async function runOnce<D>(rt: Runtime<D>, key: string, run: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  const claim = await rt.requests.claim(key, rt.now())
  if (claim.state === 'done') return claim.result
  if (claim.state === 'claimed') return settleRun(rt, key, run)
  // A duplicate is running right now: wait briefly for its result rather than run the handler twice.
  const sleep = rt.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const deadline = rt.pendingWaitMs ?? 3000
  for (let waited = 0; waited < deadline; waited += POLL_MS) {
    await sleep(POLL_MS)
    const seen = await rt.requests.peek(key)
    if (seen?.state === 'done') return seen.result
    // The first call failed and let go: take our turn.
    if (seen === null) return runOnce(rt, key, run)
  }
  // Still pending: the first call may have died (kill -9, timeout). Take the claim over and run; what the first call
  // created is found by the request key, so this returns that record rather than a second one.
  if (await rt.requests.takeOver(key, rt.now())) return settleRun(rt, key, run)
  const seen = await rt.requests.peek(key)
  if (seen?.state === 'done') return seen.result
  if (seen === null) return runOnce(rt, key, run)
  return failure('conflict', RUNTIME_MESSAGES.stillRunning)
}

/** Runs a claimed call and records its outcome: a success is remembered, a failure lets go of the claim. */
async function settleRun<D>(rt: Runtime<D>, key: string, run: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  const result = await run()
  try {
    if (result.ok) await rt.requests.complete(key, result, rt.now())
    else await rt.requests.release(key)
  } catch (err) {
    // The work is done (or nothing was written); the caller still gets its answer.
    ;(rt.logError ?? defaultLogError)(`[${key}] could not record the request outcome`, err)
  }
  return result
}

/**
 * Turns a platform invocation into the system call it stands for; refuses one the platform does not vouch for or
 * this function does not accept. Ordinary calls pass through unchanged.
 */
async function platformCall<D>(rt: Runtime<D>, event: unknown, wx: WxIdentity): Promise<{ event: unknown; system: boolean } | Result<never>> {
  const openid = wx.OPENID ?? ''
  const refused = (): Result<never> => failure(openid === '' ? 'unauthenticated' : 'forbidden')
  const seen = classifyInvocation(event, { openid, source: wx.SOURCE ?? '', triggerSrc: wx.TRIGGER_SRC ?? '' })
  if (seen.kind === 'call') return { event, system: false }
  if (seen.kind === 'timer' && rt.platform?.timer) return { event: rt.platform.timer(seen.event), system: true }
  if (seen.kind === 'media_check' && rt.platform?.mediaCheck) {
    const push = rt.platform.mediaCheck
    return (await push.verify(rt.deps, seen.event.trace_id)) ? { event: push.route(seen.event), system: true } : refused()
  }
  return refused()
}

/** Handles one invocation. Never throws: every outcome is an envelope. */
export async function dispatch<D>(rt: Runtime<D>, event: unknown, wx: WxIdentity): Promise<Result<unknown>> {
  let routed: { event: unknown; system: boolean } | Result<never>
  try {
    routed = await platformCall(rt, event, wx)
  } catch (err) {
    ;(rt.logError ?? defaultLogError)(`[${rt.fn}] platform event check failed`, err)
    return failure('internal')
  }
  if ('ok' in routed) return routed
  const system = routed.system
  const parsed = parseEvent(routed.event)
  if ('code' in parsed) return { ok: false, error: parsed }
  const key = `${rt.fn}.${parsed.action}`
  const spec = Object.prototype.hasOwnProperty.call(rt.specs, key) ? rt.specs[key] : undefined
  const handler = Object.prototype.hasOwnProperty.call(rt.handlers, key) ? rt.handlers[key] : undefined
  if (!spec || !handler) return failure('invalid_argument', RUNTIME_MESSAGES.unknownAction, 'action')

  try {
    // No OPENID and no platform invocation: a signed-out visitor, never the system.
    const openid = system ? '' : (wx.OPENID ?? '')
    if (!system && openid === '') return failure('unauthenticated')
    // A system-only action needs no user lookup to refuse a user.
    if (!system && spec.roles.every((r) => r === SYSTEM)) return failure('forbidden')
    const ctx = await callerFor(rt, spec, openid, system)
    if (!ctx) return failure('forbidden')

    const valid = validatePayload(spec, parsed.payload)
    if (!valid.ok) return valid

    if (!spec.idempotent || !parsed.requestId) return await runHandler(rt, key, handler, ctx, valid.data)
    const ledgerKey = `${ctx.system ? SYSTEM : openid}:${key}:${parsed.requestId}`
    const withRequest: AnyCallerContext = { ...ctx, requestId: parsed.requestId, requestKey: requestKeyOf(ledgerKey) }
    return await runOnce(rt, ledgerKey, () => runHandler(rt, key, handler, withRequest, valid.data))
  } catch (err) {
    // Failures of the runtime's own stores (user lookup, request ledger).
    ;(rt.logError ?? defaultLogError)(`[${key}] runtime error`, err)
    return failure('internal')
  }
}
