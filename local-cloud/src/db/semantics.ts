// MongoDB semantics where mingo 7 still differs from MongoDB, as small wrappers around mingo's own
// operators (mingo stays the implementation; these only correct the cases named below).
//
//  - String order: MongoDB compares strings by UTF-8 bytes, i.e. by code point; mingo (JavaScript)
//    by UTF-16 code units. The two differ only when a surrogate (U+D800–DFFF, i.e. a character above
//    U+FFFF) meets a code unit in U+E000–FFFF (e.g. fullwidth "！"). `codePointKey` maps a string to
//    one whose UTF-16 order is the code-point order of the original (the ICU "fix-up" rotation), so
//    mingo compares mapped values correctly; range operators and sorts use it when a string with
//    such code units is involved.
//  - `$in`/`$nin` with an array among the values: MongoDB matches a field EQUAL to that array too
//    (mingo only matches an element of the field).
//  - `$mod`: MongoDB matches numbers only (mingo also matches "5", true, null and "").
//  - Update operators: operand and target checks MongoDB makes and mingo does not (`checkUpdate`).
import { Context } from 'mingo/core'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineOps from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import { $eq, $gt, $gte, $in, $lt, $lte, $mod } from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import { $sort } from 'mingo/operators/pipeline'
import { Lazy, type Iterator } from 'mingo/lazy'
import type { Any, AnyObject, Options, QueryOperator } from 'mingo/types'
import { compare, ensureArray, isEqual, resolve } from 'mingo/util'
import { isPlainObject, type Doc } from './codec'

// ---------- string order ----------

const HIGH = /[\uD800-\uFFFF]/

/** True if `v` (deeply) holds a string whose UTF-16 order can differ from its code-point order. */
export function hasHighUnits(v: unknown): boolean {
  if (typeof v === 'string') return HIGH.test(v)
  if (Array.isArray(v)) return v.some(hasHighUnits)
  if (isPlainObject(v)) return Object.values(v).some(hasHighUnits)
  return false
}

/** Maps a string to one whose UTF-16 code-unit order equals the code-point order of `s` (bijective). */
export function codePointKey(s: string): string {
  if (!HIGH.test(s)) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    // surrogates (code points above U+FFFF) move above U+E000–FFFF, which move down
    out += String.fromCharCode(u >= 0xe000 ? u - 0x800 : u >= 0xd800 ? u + 0x2000 : u)
  }
  return out
}

/** The inverse of `codePointKey`. */
function fromCodePointKey(s: string): string {
  if (!/[\uD800-\uFFFF]/.test(s)) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    out += String.fromCharCode(u >= 0xf800 ? u - 0x2000 : u >= 0xd800 ? u + 0x800 : u)
  }
  return out
}

function fromCodePointValue(v: unknown): unknown {
  if (typeof v === 'string') return fromCodePointKey(v)
  if (Array.isArray(v)) return v.map(fromCodePointValue)
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const [k, x] of Object.entries(v)) out[fromCodePointKey(k)] = fromCodePointValue(x)
    return out
  }
  return v
}

/** `v` with every string (deeply, keys included) mapped by `codePointKey`. */
export function codePointValue(v: unknown): unknown {
  if (typeof v === 'string') return codePointKey(v)
  if (Array.isArray(v)) return v.map(codePointValue)
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const [k, x] of Object.entries(v)) out[codePointKey(k)] = codePointValue(x)
    return out
  }
  return v
}

type QueryOp = (selector: string, value: Any, options: Options) => (o: AnyObject) => boolean

function codePointRange(base: QueryOp): QueryOp {
  return (selector, value, options) => {
    // A literal without such code units orders the same against any string in both orders.
    if (!hasHighUnits(value)) return base(selector, value, options)
    const inner = base(selector, codePointValue(value), options)
    return (o: AnyObject) => inner(codePointValue(o) as AnyObject)
  }
}

// ---------- $in / $nin / $mod ----------

/**
 * The values an equality on a dotted path looks at, MongoDB's way: through an array along the path,
 * the values below each of its object elements (an index segment `arr.0` also picks that element);
 * at the end, the value and, if it is an array, its elements (only its elements when `whole` is
 * false, as a sort looks at them). `missing`: no value at all. (mingo
 * resolves a path through an empty array to `[]`, which then equals `[]`.)
 */
function pathValues(doc: unknown, segs: string[], whole = true): { values: unknown[]; missing: boolean } {
  if (segs.length === 0) {
    if (doc === undefined) return { values: [], missing: true }
    if (!Array.isArray(doc)) return { values: [doc], missing: false }
    return { values: whole ? [doc, ...doc] : doc, missing: false }
  }
  const [seg, ...rest] = segs
  if (Array.isArray(doc)) {
    const values: unknown[] = []
    let missing = true
    const add = (r: { values: unknown[]; missing: boolean }) => {
      values.push(...r.values)
      if (!r.missing) missing = false
    }
    if (/^\d+$/.test(seg)) add(pathValues(doc[Number(seg)], rest, whole))
    for (const el of doc) if (isPlainObject(el)) add(pathValues(el[seg], rest, whole))
    return { values, missing }
  }
  if (!isPlainObject(doc)) return { values: [], missing: true }
  return pathValues(doc[seg], rest, whole)
}

/** `{path: value}` equality for a dotted path (top-level paths stay mingo's). */
function dottedEquals(selector: string, value: unknown): (o: AnyObject) => boolean {
  const segs = selector.split('.')
  return (o: AnyObject) => {
    const c = pathValues(o, segs)
    if (value === null || value === undefined) return c.missing || c.values.some((v) => v === null)
    if (value instanceof RegExp) return c.values.some((v) => typeof v === 'string' && value.test(v))
    return c.values.some((v) => isEqual(v, value))
  }
}

const eqOp: QueryOp = (selector, value, options) => (selector.includes('.') ? dottedEquals(selector, value) : $eq(selector, value, options))

const neOp: QueryOp = (selector, value, options) => {
  const p = eqOp(selector, value, options)
  return (o: AnyObject) => !p(o)
}

const inOp: QueryOp = (selector, value, options) => {
  if (selector.includes('.') && Array.isArray(value)) {
    const each = value.map((v) => dottedEquals(selector, v))
    return (o: AnyObject) => each.some((p) => p(o))
  }
  const base = $in(selector, value, options)
  const arrays = Array.isArray(value) ? value.filter(Array.isArray) : []
  if (arrays.length === 0) return base
  const whole = arrays.map((a) => $eq(selector, a, options))
  return (o: AnyObject) => base(o) || whole.some((p) => p(o))
}

const ninOp: QueryOp = (selector, value, options) => {
  const p = inOp(selector, value, options)
  return (o: AnyObject) => !p(o)
}

const modOp: QueryOp = (selector, value) => {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new Error('malformed mod: $mod needs an array of two numbers [divisor, remainder]')
  }
  const divisor = Math.trunc(value[0] as number)
  const remainder = Math.trunc(value[1] as number)
  if (divisor === 0) throw new Error('divisor cannot be 0 in $mod')
  void $mod // mingo's own $mod also matches non-numbers; MongoDB truncates numbers and skips the rest
  return (o: AnyObject) =>
    ensureArray(resolve(o, selector, { unwrapArray: true })).some(
      (x) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % divisor === remainder,
    )
}

/**
 * A range operator: on a top-level path mingo's (strings by code point); on a dotted path over
 * `pathValues`, comparing only values of the literal's type (mingo misses an array at the end of a
 * path through an array: `{o: [{k: [d]}]}` for `o.k <= d`).
 */
function rangeOp(base: QueryOp, test: (d: number) => boolean): QueryOp {
  const top = codePointRange(base)
  return (selector, value, options) => {
    if (!selector.includes('.')) return top(selector, value, options)
    const segs = selector.split('.')
    const rank = bsonRank(value)
    return (o: AnyObject) =>
      pathValues(o, segs).values.some((v) => bsonRank(v) === rank && rank !== 1 && (Array.isArray(value) || !Array.isArray(v)) && test(compareBson(v, value)))
  }
}

const OVERRIDES = {
  $eq: eqOp,
  $ne: neOp,
  $lt: rangeOp($lt, (d) => d < 0),
  $lte: rangeOp($lte, (d) => d <= 0),
  $gt: rangeOp($gt, (d) => d > 0),
  $gte: rangeOp($gte, (d) => d >= 0),
  $in: inOp,
  $nin: ninOp,
  $mod: modOp,
}

/**
 * Options every mingo call of the engine uses: all of mingo's operators, ours in place of its own.
 * (The classes of mingo's main module put its own operators first, ahead of any given context; the
 * engine uses the classes of `mingo/query`, `mingo/aggregator` and `mingo/updater`, which take this
 * context as it is.)
 */
/** The aggregation `$sort` stage with MongoDB's order (sortDocs); `$meta` sorts and collations stay mingo's. */
function sortStage(coll: Iterator, spec: Record<string, unknown>, options: Options): Iterator {
  const order = isPlainObject(spec) ? Object.entries(spec) : []
  if (options.collation || order.length === 0 || !order.every(([, d]) => d === 1 || d === -1)) return $sort(coll, spec as Record<string, 1 | -1>, options)
  return Lazy(sortDocs(coll.collect<Doc>(), order as Array<[string, 1 | -1]>))
}

type Accumulator = (coll: AnyObject[], expr: Any, options: Options) => Any

/** `$max`/`$min` accumulators comparing strings by code point (on mapped documents, mapped back). */
function codePointAccumulator(base: Accumulator): Accumulator {
  return (coll, expr, options) => {
    if (!coll.some(hasHighUnits)) return base(coll, expr, options)
    return fromCodePointValue(base(coll.map((d) => codePointValue(d) as AnyObject), codePointValue(expr), options))
  }
}

export const MINGO_OPTIONS: Partial<Options> = {
  scriptEnabled: false,
  context: Context.init({
    accumulator: { ...accumulatorOps, $max: codePointAccumulator(accumulatorOps.$max), $min: codePointAccumulator(accumulatorOps.$min) } as unknown as typeof accumulatorOps,
    expression: expressionOps,
    pipeline: { ...pipelineOps, $sort: sortStage } as unknown as typeof pipelineOps,
    projection: projectionOps,
    // mingo's QueryOperator type is an intersection of all its operators' signatures; ours share the general one.
    query: { ...queryOps, ...OVERRIDES } as unknown as Record<`$${string}`, QueryOperator>,
    window: windowOps,
  }),
}

// ---------- sort ----------

/** BSON type order (MongoDB "Comparison/Sort Order"); null and missing share a rank. */
function bsonRank(v: unknown): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  if (v instanceof RegExp) return 11
  if (isPlainObject(v)) return 4
  return 6
}

/**
 * MongoDB's total order of two values: by type, then numbers numerically, strings by code point,
 * arrays element by element in order, objects field by field (type, name, value). mingo's compare
 * differs for arrays (it sorts their elements first, and descends into nested arrays).
 */
export function compareBson(a: unknown, b: unknown): number {
  const ra = bsonRank(a)
  const rb = bsonRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (ra === 1) return 0
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string') {
    const x = codePointKey(a)
    const y = codePointKey(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime())
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = compareBson(a[i], b[i])
      if (d !== 0) return d
    }
    return Math.sign(a.length - b.length)
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ea = Object.entries(a)
    const eb = Object.entries(b)
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const d = bsonRank(ea[i][1]) - bsonRank(eb[i][1]) || compareBson(ea[i][0], eb[i][0]) || compareBson(ea[i][1], eb[i][1])
      if (d !== 0) return Math.sign(d)
    }
    return Math.sign(ea.length - eb.length)
  }
  return compare(a, b) // other types: mingo's order
}

const EMPTY_ARRAY = Symbol('empty array')

/**
 * The value MongoDB sorts a document by for one key: the values at the path (through arrays along
 * it, as for equality), an array at the end counting as its elements; the smallest ascending, the
 * largest descending (an element that is an array counts as one value). An empty array sorts before
 * null and missing, which sort as equals.
 */
function sortKey(doc: Doc, path: string, dir: 1 | -1): unknown {
  const c = pathValues(doc, path.split('.'), false)
  if (c.missing) return null
  if (c.values.length === 0) return EMPTY_ARRAY
  let best = c.values[0]
  for (const x of c.values) if (compareBson(x, best) * dir < 0) best = x
  return best
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1
  return compareBson(a, b)
}

/** Sorts documents the MongoDB way, on MongoDB's sort keys. Stable. */
export function sortDocs(docs: Doc[], order: Array<[string, 1 | -1]>): Doc[] {
  if (order.length === 0 || docs.length < 2) return docs
  const keyed = docs.map((d) => ({ d, keys: order.map(([p, dir]) => sortKey(d, p, dir)) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < order.length; i++) {
      const d = compareKeys(x.keys[i], y.keys[i])
      if (d !== 0) return d * order[i][1]
    }
    return 0
  })
  return keyed.map((x) => x.d)
}

// ---------- update checks ----------

/** A MongoDB-ish type name for messages. */
function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (v === undefined) return 'missing'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  if (Array.isArray(v)) return 'array'
  if (v instanceof Date) return 'date'
  if (v instanceof RegExp) return 'regex'
  return 'object'
}

function show(v: unknown): string {
  if (v instanceof Date) return `new Date(${v.getTime()})`
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}

type Walk = { blocked: false; exists: boolean; value: unknown } | { blocked: true; at: string; seg: string; value: unknown } | { positional: true }

/** Follows a dotted path through `doc` the way MongoDB's update does. */
function walk(doc: Doc, path: string): Walk {
  const segs = path.split('.')
  let cur: unknown = doc
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]
    if (seg.startsWith('$')) return { positional: true }
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return { blocked: true, at: segs.slice(0, i).join('.'), seg, value: cur }
      const idx = Number(seg)
      if (idx >= cur.length) return { blocked: false, exists: false, value: undefined }
      cur = cur[idx]
    } else if (isPlainObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { blocked: false, exists: false, value: undefined }
      cur = cur[seg]
    } else {
      return { blocked: true, at: segs.slice(0, i).join('.'), seg, value: cur }
    }
  }
  return { blocked: false, exists: true, value: cur }
}

const CREATES = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit'])

/**
 * Throws MongoDB's refusal (as an Error with its message) for an update MongoDB would not apply to
 * `doc`; returns quietly otherwise. `data` is `{ $op: { path: operand } }`.
 */
export function checkUpdate(doc: Doc, data: Doc): void {
  const paths: string[] = []
  const id = show(doc._id)
  for (const [op, spec] of Object.entries(data)) {
    if (!isPlainObject(spec)) continue
    for (const [path, arg] of Object.entries(spec)) {
      paths.push(path)
      if (op === '$rename') {
        if (typeof arg !== 'string' || arg === '') throw new Error(`The 'to' field for $rename must be a string: ${path}: ${show(arg)}`)
        if (arg === path || arg.startsWith(path + '.') || path.startsWith(arg + '.')) {
          throw new Error(`The source and target field for $rename must not be on the same path: ${path}: ${show(arg)}`)
        }
        paths.push(arg)
        const to = walk(doc, arg)
        if ('blocked' in to && to.blocked) throw new Error(`Cannot create field '${to.seg}' in element {${to.at}: ${show(to.value)}}`)
        continue
      }
      if ((op === '$inc' || op === '$mul') && typeof arg !== 'number') {
        throw new Error(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${show(arg)}}`)
      }
      const w = walk(doc, path)
      if ('positional' in w) continue
      if (w.blocked) {
        if (CREATES.has(op)) throw new Error(`Cannot create field '${w.seg}' in element {${w.at}: ${show(w.value)}}`)
        continue // $unset, $pull, $pullAll, $pop: nothing to do there
      }
      if (!w.exists) continue
      const v = w.value
      if ((op === '$inc' || op === '$mul') && typeof v !== 'number') {
        throw new Error(`Cannot apply ${op} to a value of non-numeric type. {_id: ${id}} has the field '${path.split('.').pop()}' of non-numeric type ${typeName(v)}`)
      }
      if (op === '$push' && !Array.isArray(v)) throw new Error(`The field '${path}' must be an array but is of type ${typeName(v)} in document {_id: ${id}}`)
      if (op === '$addToSet' && !Array.isArray(v)) throw new Error(`Cannot apply $addToSet to non-array field. Field named '${path}' has non-array type ${typeName(v)}`)
      if ((op === '$pull' || op === '$pullAll') && !Array.isArray(v)) throw new Error(`Cannot apply ${op} to a non-array value`)
      if (op === '$pop' && !Array.isArray(v)) throw new Error(`Path '${path}' contains an element of non-array type '${typeName(v)}'`)
    }
  }
  // Two operations on one path, or on a path and a part of it, conflict (MongoDB refuses the update).
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      const a = paths[i]
      const b = paths[j]
      if (i !== j && (a === b || b.startsWith(a + '.'))) throw new Error(`Updating the path '${b}' would create a conflict at '${a}'`)
    }
  }
}

// ---------- unique index keys ----------

/** The values a MongoDB index holds for `path`: array elements one by one, missing as null. */
function indexValues(v: unknown, segs: string[]): unknown[] {
  if (segs.length === 0) {
    if (Array.isArray(v)) return v.length === 0 ? [undefined] : v
    return [v === undefined ? null : v]
  }
  if (Array.isArray(v)) {
    const out = v.flatMap((x) => (isPlainObject(x) ? indexValues(x, segs) : []))
    return out.length ? out : [null]
  }
  if (!isPlainObject(v)) return [null]
  return indexValues(v[segs[0]], segs.slice(1))
}

function keyOf(v: unknown): string {
  if (v === undefined) return 'u' // an empty array
  if (v === null) return 'z'
  if (typeof v === 'number') return `n${v === 0 ? 0 : v}`
  if (typeof v === 'boolean') return `b${v}`
  if (typeof v === 'string') return `s${v}`
  if (v instanceof Date) return `d${v.getTime()}`
  return `o${JSON.stringify(v)}`
}

/** Every key a document has in a unique index over `paths` (compound: one per combination). */
export function uniqueKeys(doc: Doc, paths: string[]): string[] {
  let keys = ['']
  for (const p of paths) {
    const vals = [...new Set(indexValues(doc, p.split('.')).map(keyOf))]
    keys = keys.flatMap((k) => vals.map((v) => `${k}\u0001${v}`))
  }
  return keys
}
