// Values on the wire (EJSON strings from @cloudbase/database) and in SQLite (our JSON form).
//
// Storage form (documented choice): a document is stored as plain JSON where
//   Date      -> {"$date": <epoch ms number>}          (sortable by json_extract(doc,'$.p."$date"'))
//   RegExp    -> {"$regularExpression": {"pattern", "options"}}
//   ObjectId  -> {"$oid": "<hex>"}
//   NaN/±Inf  -> {"$numberDouble": "NaN" | "Infinity" | "-Infinity"}
// Everything else is ordinary JSON. Numbers lose the int/double distinction, as in the SDK's
// relaxed EJSON parse.
import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { WireError } from '../wire'

export type Doc = Record<string, unknown>

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

function toRegExp(pattern: string, options: string): RegExp {
  for (const f of options) {
    if (!JS_REGEX_FLAGS.has(f)) throw new WireError('INVALID_PARAM', `regular expression option "${f}" is not supported by the local cloud (use i, m, s or u)`)
  }
  try {
    return new RegExp(pattern, options)
  } catch (e) {
    throw new WireError('INVALID_PARAM', `invalid regular expression /${pattern}/: ${(e as Error).message}`)
  }
}

/**
 * Turns a parsed EJSON value into the plain JS value the engine works on: BSONRegExp -> RegExp,
 * `{"$tcb_server_date":{"offset":n}}` (db.serverDate()) -> Date(now + offset). Rejects BSON types we
 * cannot store faithfully, naming them.
 */
export function toPlain(v: unknown, now: Date): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint') throw new WireError('INVALID_PARAM', 'integers beyond 2^53 are not supported by the local cloud')
    return v
  }
  if (Array.isArray(v)) return v.map((x) => toPlain(x, now))
  if (v instanceof Date || v instanceof RegExp || v instanceof ObjectId) return v
  if (v instanceof BSONRegExp) return toRegExp(v.pattern, v.options)
  if (!isPlainObject(v)) {
    const type = (v as { _bsontype?: string })._bsontype ?? (v as object).constructor?.name ?? 'unknown'
    throw new WireError('INVALID_PARAM', `BSON type ${type} is not supported by the local cloud`)
  }
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = v.$tcb_server_date
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0
    return new Date(now.getTime() + offset)
  }
  const out: Doc = {}
  for (const k of keys) out[k] = toPlain(v[k], now)
  return out
}

/** Parses one EJSON string from the SDK (query, data, order, projection, stage). */
export function parseWire(text: unknown, what: string, now: Date): unknown {
  if (typeof text !== 'string') throw new WireError('INVALID_PARAM', `${what} must be an EJSON string`)
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw new WireError('INVALID_PARAM', `${what} is not valid EJSON: ${(e as Error).message}`)
  }
  return toPlain(parsed, now)
}

export function parseWireObject(text: unknown, what: string, now: Date): Doc {
  const v = parseWire(text, what, now)
  if (!isPlainObject(v)) throw new WireError('INVALID_PARAM', `${what} must be an object`)
  return v
}

/** A document as the SDK reads it back: relaxed EJSON (Dates as {"$date": ...}, which the SDK parses into Dates). */
export function toWireString(doc: Doc): string {
  return wireTexts.get(doc) ?? EJSON.stringify(doc, { relaxed: true })
}

/**
 * The stored text of documents just read, for answering them unchanged. The storage form below is relaxed EJSON
 * already: `{"$date": <ms>}` (bson's relaxed parse takes a number, as the SDK's EJSON.parse does),
 * `{"$oid"}`, `{"$regularExpression"}`, `{"$numberDouble"}`, the rest plain JSON. So the SDK parses the stored
 * text into the same values as EJSON.stringify of the decoded document, without a second encoding per document.
 * Only for documents nobody changes after reading (the engine sets it for getDocument's reads, never for
 * aggregation sources or writes).
 */
const wireTexts = new WeakMap<Doc, string>()

export function rememberWireText(doc: Doc, stored: string): void {
  wireTexts.set(doc, stored)
}

function encodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $numberDouble: String(v) }
    if (v === undefined) return undefined
    return v
  }
  if (v instanceof Date) return { $date: v.getTime() }
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags } }
  if (v instanceof ObjectId) return { $oid: v.toHexString() }
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : encodeValue(x)))
  const out: Doc = {}
  for (const [k, x] of Object.entries(v)) {
    if (x !== undefined) out[k] = encodeValue(x)
  }
  return out
}

/** Document -> stored JSON text. */
export function encodeDoc(doc: Doc): string {
  return JSON.stringify(encodeValue(doc))
}

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = decodeValue(v[i])
    return v
  }
  const o = v as Doc
  const keys = Object.keys(o)
  if (keys.length === 1) {
    const k = keys[0]
    if (k === '$date' && typeof o.$date === 'number') return new Date(o.$date)
    if (k === '$oid' && typeof o.$oid === 'string') return new ObjectId(o.$oid)
    if (k === '$numberDouble' && typeof o.$numberDouble === 'string') return Number(o.$numberDouble)
    if (k === '$regularExpression' && isPlainObject(o.$regularExpression)) {
      const r = o.$regularExpression
      return new RegExp(String(r.pattern), String(r.options))
    }
  }
  for (const k of keys) o[k] = decodeValue(o[k])
  return o
}

/** Stored JSON text -> document (fresh objects every call, safe to mutate). */
export function decodeDoc(text: string): Doc {
  return decodeValue(JSON.parse(text)) as Doc
}
