// What the security layer asks of a running test cloud: the identities it plays, raw gateway calls, a fingerprint of
// everything stored (to prove a refused call wrote nothing), and the checks every refusal must pass.
import { createHash } from 'node:crypto'
import { contract, type ActionSpec, type ErrorCode } from '@contract'
import type { TestCloud } from '../support/localCloud'

/** Who calls: '' is a signed-out visitor; `unknown` has never been seen by the app. */
export const IDENTITIES = {
  none: '',
  unknown: 'sec-unknown-visitor',
  resident: 'dev-resident-1',
  otherResident: 'dev-resident-2',
  officer: 'dev-officer',
  admin: 'dev-admin',
} as const
export type Identity = keyof typeof IDENTITIES

/** The role the runtime gives each identity (an unknown caller is a resident until an admin says otherwise). */
export const ROLE_OF: Record<Identity, 'none' | 'resident' | 'officer' | 'admin'> = {
  none: 'none',
  unknown: 'resident',
  resident: 'resident',
  otherResident: 'resident',
  officer: 'officer',
  admin: 'admin',
}

export const ERROR_CODES: readonly ErrorCode[] = [
  'invalid_argument',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'expired',
  'slot_full',
  'transition_not_allowed',
  'content_risky',
  'rate_limited',
  'blocked',
  'network',
  'internal',
]

export const ACTIONS = Object.entries(contract as Record<string, ActionSpec>).map(([key, spec]) => {
  const [fn, name] = key.split('.')
  return { key, fn, name, spec }
})

/** The top-level request keys an action's schema declares (objects, and each option of a variant or union). */
export function requestKeys(schema: unknown): string[] {
  const s = schema as { entries?: Record<string, unknown>; options?: unknown[] }
  if (s.entries) return Object.keys(s.entries)
  if (Array.isArray(s.options)) return [...new Set(s.options.flatMap((o) => requestKeys(o)))]
  return []
}

export interface GatewayAnswer {
  status: number
  /** The function's envelope when the gateway delivered the call. */
  result?: { ok: boolean; data?: unknown; error?: { code: string; message: string; field?: string } }
  /** wx.cloud's failure shape when the gateway itself refused the call. */
  errMsg?: string
  text: string
}

/** Posts a raw body to the gateway, as a browser page of the app would. */
export async function gatewayRaw(t: TestCloud, openid: string, body: string): Promise<GatewayAnswer> {
  const res = await fetch(`${t.url}/gateway/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
    body,
  })
  const text = await res.text()
  let parsed: { result?: GatewayAnswer['result']; errMsg?: string } = {}
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    // left empty: the assertion on the answer reports the raw text
  }
  return { status: res.status, ...(parsed.result ? { result: parsed.result } : {}), ...(parsed.errMsg ? { errMsg: parsed.errMsg } : {}), text }
}

export function callBody(fn: string, action: string, payload: unknown, requestId?: string): string {
  return JSON.stringify({ name: fn, data: { action, payload, ...(requestId ? { requestId } : {}) } })
}

/** Collections whose changes are not the action's own writes: the request ledger claims and releases around a call. */
const TRANSIENT = new Set(['c_requests'])

/** A fingerprint of every stored document: equal before and after a call means the call wrote nothing that stays. */
export function storeFingerprint(t: TestCloud): string {
  const conn = t.store.engine.db
  const tables = (conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => !TRANSIENT.has(name))
  const hash = createHash('sha1')
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`)
    for (const row of conn.prepare(`SELECT _id, doc FROM "${table}" ORDER BY _id`).iterate() as Iterable<{ _id: string; doc: string }>) {
      hash.update(row._id).update('\u0001').update(row.doc).update('\u0002')
    }
  }
  return hash.digest('hex')
}

export function auditCount(t: TestCloud): number {
  return (t.store.engine.db.prepare(`SELECT count(*) AS n FROM "c_audit_log"`).get() as { n: number }).n
}

const CJK = /[\u4e00-\u9fff]/
/** Text a villager must never see: a library's or the runtime's English. */
const ENGLISH = /\b(Invalid|Expected|received|undefined|null|TypeError|RangeError|Error|Cannot|object|string|number|fail(ed)?)\b/

/** Why a message shown to a person is not acceptable, or null when it is plain Chinese. */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== 'string' || message.trim() === '') return 'no message'
  if (!CJK.test(message)) return `not Chinese: ${message}`
  if (ENGLISH.test(message)) return `English inside: ${message}`
  return null
}

/** Why an envelope is not a proper answer, or null. */
export function envelopeProblem(answer: GatewayAnswer): string | null {
  if (answer.result === undefined) {
    // The gateway may refuse a call it cannot deliver (too large, too deep); then wx.cloud's failure shape, in Chinese.
    if (answer.status < 400 || typeof answer.errMsg !== 'string') return `no envelope: ${answer.status} ${answer.text.slice(0, 200)}`
    return CJK.test(answer.errMsg) ? null : `gateway refusal not in Chinese: ${answer.errMsg}`
  }
  const r = answer.result
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return `not an envelope: ${answer.text.slice(0, 200)}`
  if (r.ok) return null
  if (!r.error || !ERROR_CODES.includes(r.error.code as ErrorCode)) return `unknown error code: ${JSON.stringify(r.error)}`
  return messageProblem(r.error.message)
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g

/** Full mobile numbers in an answer, other than the caller's own. */
export function unmaskedPhones(data: unknown, ownPhone: string | undefined): string[] {
  const text = JSON.stringify(data) ?? ''
  return [...new Set(text.match(MOBILE) ?? [])].filter((p) => p !== ownPhone)
}
