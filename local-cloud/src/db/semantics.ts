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
import { Query } from 'mingo/query'
import type { Any, AnyObject, Options, QueryOperator } from 'mingo/types'
import { compare, ensureArray, resolve } from 'mingo/util'
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

const inOp: QueryOp = (selector, value, options) => {
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

const OVERRIDES = { $lt: codePointRange($lt), $lte: codePointRange($lte), $gt: codePointRange($gt), $gte: codePointRange($gte), $in: inOp, $nin: ninOp, $mod: modOp }

/**
 * Options every mingo call of the engine uses: all of mingo's operators, ours in place of its own.
 * (The classes of mingo's main module put its own operators first, ahead of any given context; the
 * engine uses the classes of `mingo/query`, `mingo/aggregator` and `mingo/updater`, which take this
 * context as it is.)
 */
export const MINGO_OPTIONS: Partial<Options> = {
  scriptEnabled: false,
  context: Context.init({
    accumulator: accumulatorOps,
    expression: expressionOps,
    pipeline: pipelineOps,
    projection: projectionOps,
    // mingo's QueryOperator type is an intersection of all its operators' signatures; ours share the general one.
    query: { ...queryOps, ...OVERRIDES } as unknown as Record<`$${string}`, QueryOperator>,
    window: windowOps,
  }),
}

// ---------- sort ----------

/**
 * The value MongoDB sorts a document by for one key: for an array (or a path through arrays) its
 * smallest element ascending, its largest descending; an empty array sorts before null and missing
 * (which sort as equals); strings mapped to code-point order.
 */
function sortKey(v: unknown, dir: 1 | -1): unknown {
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined
    let best = v[0]
    for (const x of v) if (compare(x, best) * dir < 0) best = x
    v = best
  }
  if (v === undefined) return null
  return hasHighUnits(v) ? codePointValue(v) : v
}

/** Sorts documents the MongoDB way (mingo's order between types and values, on MongoDB's sort keys). Stable. */
export function sortDocs(docs: Doc[], order: Array<[string, 1 | -1]>): Doc[] {
  if (order.length === 0 || docs.length < 2) return docs
  const spec = Object.fromEntries(order.map(([, dir], i) => [`k${i}`, dir]))
  const keyed = docs.map((d) => {
    const keys: Doc = {}
    order.forEach(([p, dir], i) => {
      const k = sortKey(resolve(d, p), dir)
      if (k !== undefined) keys[`k${i}`] = k
    })
    return { d, keys }
  })
  const back = new Map(keyed.map((x) => [x.keys, x.d]))
  const sorted = new Query({}, MINGO_OPTIONS).find<Doc>(keyed.map((x) => x.keys)).sort(spec).all()
  return sorted.map((k) => back.get(k) as Doc)
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
