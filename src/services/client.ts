// The one request funnel: `call('<fn>.<action>', payload)` → the action's data, or a CallError with a Chinese message.
import type { ActionKey, ActionRequest, ActionResponse } from '@contract'
import { ERROR_MESSAGES, type AppErrorBody, type ErrorCode, type FunctionName } from '@contract/core'
import { CallError, TransportError } from './errors'
import { newRequestId } from './requestId'
import { defaultTransport, type Transport } from './transport'

export { CallError } from './errors'
export type { Transport, CallRequest } from './transport'

export interface CallOptions {
  /** Reuse the id of an earlier attempt of the same user intent (e.g. pressing 重试 after a failure). */
  requestId?: string
}

export type Call = <K extends ActionKey>(key: K, payload: ActionRequest<K>, opts?: CallOptions) => Promise<ActionResponse<K>>

export interface ClientOptions {
  /** Extra attempts after a transport failure (not after an answer from the function). */
  retries?: number
  /** Wait before retry n (1-based). */
  backoffMs?: (attempt: number) => number
  sleep?: (ms: number) => Promise<void>
}

const KNOWN_CODES = new Set<string>(Object.keys(ERROR_MESSAGES))

function isErrorBody(x: unknown): x is AppErrorBody {
  if (!x || typeof x !== 'object') return false
  const o = x as Record<string, unknown>
  return typeof o.code === 'string' && typeof o.message === 'string'
}

/** Turns the function's answer into data or a CallError. */
function unwrap(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    const env = raw as { ok: unknown; data?: unknown; error?: unknown }
    if (env.ok === true) return env.data
    if (env.ok === false && isErrorBody(env.error)) {
      const code: ErrorCode = KNOWN_CODES.has(env.error.code) ? env.error.code : 'internal'
      throw new CallError({ code, message: env.error.message || ERROR_MESSAGES[code], field: env.error.field })
    }
  }
  throw new CallError({ code: 'internal', message: ERROR_MESSAGES.internal })
}

export function splitKey(key: string): { fn: FunctionName; action: string } {
  const dot = key.indexOf('.')
  return { fn: key.slice(0, dot) as FunctionName, action: key.slice(dot + 1) }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createClient(transport: Transport, options: ClientOptions = {}): Call {
  const retries = options.retries ?? 2
  const backoff = options.backoffMs ?? ((n: number) => 600 * 2 ** (n - 1))
  const sleep = options.sleep ?? defaultSleep

  async function send<K extends ActionKey>(key: K, payload: ActionRequest<K>, opts: CallOptions): Promise<ActionResponse<K>> {
    const { fn, action } = splitKey(key)
    // Sent on every call; the runtime only uses it for idempotent (write) actions. Retries reuse it.
    const requestId = opts.requestId ?? newRequestId()
    for (let attempt = 0; ; attempt++) {
      let raw: unknown
      try {
        raw = await transport({ name: fn, data: { action, payload, requestId } })
      } catch (e) {
        // A transport that answers with a CallError has its answer; only a failed delivery is worth another try.
        if (e instanceof CallError) throw e
        if (attempt < retries) {
          await sleep(backoff(attempt + 1))
          continue
        }
        throw new CallError({ code: 'network', message: ERROR_MESSAGES.network })
      }
      return unwrap(raw) as ActionResponse<K>
    }
  }

  // The same question asked again while its answer is on the way (the app, the page and the tab bar all want
  // account.me at launch) shares that answer: on a village network each call is a round trip of its own. Only
  // calls without an intent of their own (a requestId) are shared, and only while in flight: nothing is cached.
  const inFlight = new Map<string, Promise<unknown>>()
  return function call<K extends ActionKey>(key: K, payload: ActionRequest<K>, opts: CallOptions = {}): Promise<ActionResponse<K>> {
    if (opts.requestId) return send(key, payload, opts)
    const same = `${key} ${JSON.stringify(payload)}`
    const pending = inFlight.get(same)
    if (pending) return pending as Promise<ActionResponse<K>>
    const done = () => void inFlight.delete(same)
    const answer = send(key, payload, opts).then(
      (data) => (done(), data),
      (err: unknown) => {
        done()
        throw err
      },
    )
    inFlight.set(same, answer)
    return answer
  }
}

let current: Call | undefined

/** The app's client; the transport is chosen once, on first use, from TARO_ENV. */
export const call: Call = (key, payload, opts) => {
  current ??= createClient(defaultTransport())
  return current(key, payload, opts)
}

/** Points the app's client at another transport (component tests, a harness); undefined restores the default. */
export function installTransport(transport: Transport | undefined, options?: ClientOptions): void {
  current = transport ? createClient(transport, options) : undefined
}

export { TransportError }
