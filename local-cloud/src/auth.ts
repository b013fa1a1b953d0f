// Who may talk to the local cloud. Binding to 127.0.0.1 is not enough: a web page the developer visits can post
// to loopback (CSRF), and a rebinding DNS name can point at it. So:
// - every request must name the server itself in `Host` (127.0.0.1, localhost or [::1], with the port);
// - the gateway and the dev pages answer only same-origin browser requests (`Origin`, `Sec-Fetch-Site`);
// - `/admin` (the wire API) answers only callers holding the per-run secret the local cloud gives its own function
//   instances (TENCENTCLOUD_SECRETID/SECRETKEY) and `LocalCloud.sdkEnv`.
//
// The secret is checked the way CloudBase checks it: @cloudbase/node-sdk 3.17.2 signs every wire call with
// @cloudbase/signature-nodejs 2.2.0 (TC3-HMAC-SHA256, service `tcb`, `withSignedParams`; see
// node-sdk dist/utils/tcbapirequester.js getHeaders and signature-nodejs lib/signer.js tc3sign), sending
// `Authorization: TC3-HMAC-SHA256 Credential=<id>/<date>/tcb/tc3_request, SignedParams=.., SignedHeaders=..,
// Signature=<hex>` and `X-Timestamp`. The server recomputes that signature over the request it received.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export interface Credentials {
  secretId: string
  secretKey: string
}

/** A fresh per-run secret. */
export function generateCredentials(): Credentials {
  return { secretId: `local-${randomBytes(6).toString('hex')}`, secretKey: randomBytes(24).toString('hex') }
}

/** node-sdk sends `X-Signature-Expires: 600`; a little clock skew is allowed on top. */
const SIGNATURE_TTL_S = 600 + 60

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Hosts this server answers to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

/** Why the request's Host is refused (DNS rebinding), or undefined. */
export function hostProblem(req: IncomingMessage, port: number): string | undefined {
  const host = (header(req, 'host') ?? '').toLowerCase()
  if (allowedHosts(port).has(host)) return undefined
  return `请求的主机名不对：本地云只接受 127.0.0.1:${port}、localhost:${port} 或 [::1]:${port} (Host ${JSON.stringify(host)} refused)`
}

/** Why a browser request is not same-origin, or undefined. Requests from local tools carry neither header. */
export function originProblem(req: IncomingMessage): string | undefined {
  const origin = header(req, 'origin')
  if (origin !== undefined && origin !== `http://${(header(req, 'host') ?? '').toLowerCase()}`) {
    return `只接受本地云自己页面发出的请求 (Origin ${JSON.stringify(origin)} refused)`
  }
  const site = header(req, 'sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `只接受本地云自己页面发出的请求 (Sec-Fetch-Site ${JSON.stringify(site)} refused)`
  }
  return undefined
}

// --- TC3-HMAC-SHA256 as @cloudbase/signature-nodejs computes it -------------------------------------------------

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (data: string, key: string | Buffer) => createHmac('sha256', key).update(data).digest()

function camSafeUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A')
}

const stringify = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))

/** Signer.formatKeyAndValue for the request parameters. */
function formatParams(params: Record<string, unknown>, multipart: boolean): Record<string, string | Buffer> {
  const kv: Record<string, string | Buffer> = {}
  for (const key of Object.keys(params)) {
    const value = params[key]
    if (!key || value === undefined) continue
    const k = camSafeUrlEncode(key.toLowerCase().trim())
    kv[k] = Buffer.isBuffer(value) && multipart ? value : stringify(Buffer.isBuffer(value) ? value.toString() : value).trim()
  }
  return kv
}

const sortKeys = (obj: object) => Object.keys(obj).sort((l, r) => l.localeCompare(r))

/** Signer.calcParamsHash (keys sorted, empty values skipped). */
function paramsHash(kv: Record<string, string | Buffer>): string {
  const hash = createHash('sha256')
  for (const key of sortKeys(kv)) {
    const value = kv[key]
    if (!value || value.length === 0) continue
    hash.update(`&${key}=`)
    hash.update(value)
    hash.update('\r\n')
  }
  return hash.digest('hex')
}

export interface SignInput {
  secretKey: string
  /** As node-sdk passes it to the signer (`post`). */
  method: string
  /** `//<host><path>`: the URL without scheme and query. */
  signedUrl: string
  /** The raw query string (without `?`). */
  query: string
  /** Signed header names (lowercase) → values as sent. */
  headers: Record<string, string>
  params: Record<string, unknown>
  timestamp: number
}

/** The day's TC3 signing key (three HMACs; the same for every call of a secret on a given UTC day). */
const signingKeys = new Map<string, Buffer>()
function signingKey(secretKey: string, date: string): Buffer {
  const id = `${date}\n${secretKey}`
  let key = signingKeys.get(id)
  if (!key) {
    if (signingKeys.size > 16) signingKeys.clear()
    key = hmac('tc3_request', hmac('tcb', hmac(date, `TC3${secretKey}`)))
    signingKeys.set(id, key)
  }
  return key
}

/** The hex signature of a wire call. */
export function tc3Signature(input: SignInput): string {
  const formatted: Record<string, string> = {}
  for (const [k, v] of Object.entries(input.headers)) {
    const key = camSafeUrlEncode(k.toLowerCase().trim())
    formatted[key] = key === 'content-type' ? (v.startsWith('multipart/form-data') ? 'multipart/form-data' : v) : v.trim().toLowerCase()
  }
  const names = sortKeys(formatted)
  const canonicalHeaders = `${names.map((k) => `${k}:${formatted[k]}`).join('\n')}\n`
  const multipart = (formatted['content-type'] ?? '').startsWith('multipart/form-data')
  const payload = paramsHash(formatParams(input.params, multipart))
  const canonicalRequest = `${input.method}\n${input.signedUrl}\n${input.query}\n${canonicalHeaders}\n${names.join(';')}\n${payload}`
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10)
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${date}/tcb/tc3_request\n${sha256hex(canonicalRequest)}`
  const signing = signingKey(input.secretKey, date)
  return createHmac('sha256', signing).update(stringToSign).digest('hex')
}

/** Signs a raw wire call the way node-sdk does (tests and tools that post to /admin without the SDK). */
export function signWireCall(opts: {
  credentials: Credentials
  url: string
  params: Record<string, unknown>
  contentType?: string
  now?: Date
}): Record<string, string> {
  const url = new URL(opts.url)
  const timestamp = Math.floor((opts.now ?? new Date()).getTime() / 1000) - 1
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json', host: url.host }
  const signature = tc3Signature({
    secretKey: opts.credentials.secretKey,
    method: 'post',
    signedUrl: `//${url.host}${url.pathname}`,
    query: url.search.replace(/^\?/, ''),
    headers,
    params: opts.params,
    timestamp,
  })
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  return {
    ...headers,
    authorization: `TC3-HMAC-SHA256 Credential=${opts.credentials.secretId}/${date}/tcb/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
    'x-timestamp': String(timestamp),
  }
}

const AUTH_RE = /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([^,\s]*), Signature=([0-9a-f]{64})$/

/** Why a wire call is not signed with `credentials`, or undefined when it is. */
export function wireAuthProblem(req: IncomingMessage, params: Record<string, unknown>, credentials: Credentials, now = new Date()): string | undefined {
  const auth = header(req, 'authorization') ?? ''
  const m = AUTH_RE.exec(auth)
  if (!m) return 'missing or malformed TC3-HMAC-SHA256 Authorization: /admin answers only the local cloud’s own callers'
  const [, secretId, date, signedHeaders, signature] = m
  if (secretId !== credentials.secretId) return 'unknown secretId: use the per-run secret of this local cloud (LocalCloud.sdkEnv)'
  const timestamp = Number(header(req, 'x-timestamp'))
  if (!Number.isInteger(timestamp) || new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'X-Timestamp is missing or does not match the credential date'
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TTL_S) return 'signature expired'
  const headers: Record<string, string> = {}
  for (const name of signedHeaders.split(';').filter(Boolean)) {
    const value = header(req, name)
    if (value === undefined) return `signed header ${name} is missing`
    headers[name] = value
  }
  if (!('host' in headers)) return 'host must be a signed header'
  const raw = req.url ?? '/'
  const q = raw.indexOf('?')
  const base = {
    secretKey: credentials.secretKey,
    signedUrl: `//${headers.host}${q === -1 ? raw : raw.slice(0, q)}`,
    query: q === -1 ? '' : raw.slice(q + 1),
    headers,
    params,
    timestamp,
  }
  const expected = Buffer.from(signature, 'hex')
  // node-sdk signs with the method in lower case (`post`); other signers use upper case.
  for (const method of ['post', 'POST']) {
    const actual = Buffer.from(tc3Signature({ ...base, method }), 'hex')
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return undefined
  }
  return 'signature does not match'
}
