// The runtime's core: one call in, one envelope out. Routing, identity, roles, validation,
// requestId idempotency and error mapping live here, free of wx-server-sdk so they can be tested
// with in-memory stores.
import { ERROR_MESSAGES, SYSTEM, type ActionSpec, type AppErrorBody, type FunctionName, type Result } from '@contract/core'
import { validatePayload } from '@contract/validate'
import { AppError, type CallerContext, type UserDoc } from './types'

/** The identity part of `cloud.getWXContext()`. */
export interface WxIdentity {
  OPENID?: string
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
}

/** Handlers as the runtime sees them; method syntax keeps parameter checks bivariant so typed handlers fit. */
export type LooseHandler<D> = {
  run(deps: D, ctx: CallerContext, payload: unknown): Promise<unknown>
}['run']

export interface Runtime<D> {
  fn: FunctionName
  specs: Readonly<Record<string, ActionSpec>>
  handlers: Readonly<Record<string, LooseHandler<D>>>
  deps: D
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

/** Builds the caller: system (no OPENID), or a user whose role comes from `users/<openid>` (first admin forced). */
async function resolveCaller<D>(rt: Runtime<D>, openid: string): Promise<CallerContext> {
  if (openid === '') return { openid: '', role: 'admin', user: null, system: true }
  const user = await rt.callers.find(openid)
  const role = rt.firstAdminOpenid && openid === rt.firstAdminOpenid ? 'admin' : (user?.role ?? 'resident')
  return { openid, role, user }
}

function isAllowed(spec: ActionSpec, ctx: CallerContext): boolean {
  return ctx.system ? spec.roles.includes(SYSTEM) : spec.roles.includes(ctx.role)
}

async function runHandler<D>(rt: Runtime<D>, key: string, handler: LooseHandler<D>, ctx: CallerContext, payload: unknown): Promise<Result<unknown>> {
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
  if (claim.state === 'claimed') {
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
  return failure('conflict', RUNTIME_MESSAGES.stillRunning)
}

/** Handles one invocation. Never throws: every outcome is an envelope. */
export async function dispatch<D>(rt: Runtime<D>, event: unknown, wx: WxIdentity): Promise<Result<unknown>> {
  const parsed = parseEvent(event)
  if ('code' in parsed) return { ok: false, error: parsed }
  const key = `${rt.fn}.${parsed.action}`
  const spec = Object.prototype.hasOwnProperty.call(rt.specs, key) ? rt.specs[key] : undefined
  const handler = Object.prototype.hasOwnProperty.call(rt.handlers, key) ? rt.handlers[key] : undefined
  if (!spec || !handler) return failure('invalid_argument', RUNTIME_MESSAGES.unknownAction, 'action')

  try {
    const openid = wx.OPENID ?? ''
    if (openid === '' && !spec.roles.includes(SYSTEM)) return failure('unauthenticated')
    // A system-only action needs no user lookup to refuse a user.
    if (openid !== '' && spec.roles.every((r) => r === SYSTEM)) return failure('forbidden')
    const ctx = await resolveCaller(rt, openid)
    if (!isAllowed(spec, ctx)) return failure('forbidden')

    const valid = validatePayload(spec, parsed.payload)
    if (!valid.ok) return valid

    const call = () => runHandler(rt, key, handler, { ...ctx, ...(parsed.requestId ? { requestId: parsed.requestId } : {}) }, valid.data)
    if (!spec.idempotent || !parsed.requestId) return await call()
    return await runOnce(rt, `${ctx.system ? SYSTEM : openid}:${key}:${parsed.requestId}`, call)
  } catch (err) {
    // Failures of the runtime's own stores (user lookup, request ledger).
    ;(rt.logError ?? defaultLogError)(`[${key}] runtime error`, err)
    return failure('internal')
  }
}
