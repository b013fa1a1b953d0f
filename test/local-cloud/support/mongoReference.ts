// Reference semantics for the differential database test: a small, independent model of how
// MongoDB matches and sorts the query shapes the fuzzer generates (written from MongoDB's manual,
// "Comparison/Sort Order" and "Query an Array"; no mingo, no SQLite). Values: numbers, strings,
// booleans, null, Dates, arrays and plain objects; missing is `undefined`.

export type Value = number | string | boolean | null | Date | Value[] | { [k: string]: Value }
export type RefDoc = { _id: string; [k: string]: Value | undefined }

/** BSON type order for comparisons and sorts (null and missing share a rank). */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  return 4 // object
}

/** Strings by code point, which is UTF-8 byte order. */
function compareStrings(a: string, b: string): number {
  const xs = Array.from(a)
  const ys = Array.from(b)
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = (xs[i].codePointAt(0) as number) - (ys[i].codePointAt(0) as number)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return Math.sign(xs.length - ys.length)
}

/** Total order of two values as MongoDB compares them (arrays element-wise, objects field by field). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (ra === 1) return 0
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime())
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = compareValues(a[i], b[i])
      if (d !== 0) return d
    }
    return Math.sign(a.length - b.length)
  }
  const ea = Object.entries(a as object)
  const eb = Object.entries(b as object)
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const d = rank(ea[i][1]) - rank(eb[i][1]) || compareStrings(ea[i][0], eb[i][0]) || compareValues(ea[i][1], eb[i][1])
    if (d !== 0) return Math.sign(d)
  }
  return Math.sign(ea.length - eb.length)
}

const equal = (a: unknown, b: unknown) => rank(a) === rank(b) && a !== undefined && b !== undefined && compareValues(a, b) === 0

/**
 * The values a query on `path` looks at: the value at the path and, where it is an array, each of
 * its elements (one level); through an array along the path, the values below each element.
 * `missing` tells whether no value exists at all.
 */
function candidates(doc: unknown, segs: string[]): { values: unknown[]; missing: boolean } {
  if (segs.length === 0) {
    if (doc === undefined) return { values: [], missing: true }
    return { values: Array.isArray(doc) ? [doc, ...doc] : [doc], missing: false }
  }
  if (Array.isArray(doc)) {
    const out: unknown[] = []
    let missing = true
    for (const el of doc) {
      if (el === null || typeof el !== 'object' || Array.isArray(el) || el instanceof Date) continue
      const c = candidates((el as Record<string, unknown>)[segs[0]], segs.slice(1))
      out.push(...c.values)
      if (!c.missing) missing = false
    }
    return { values: out, missing }
  }
  if (doc === null || typeof doc !== 'object' || doc instanceof Date) return { values: [], missing: true }
  return candidates((doc as Record<string, unknown>)[segs[0]], segs.slice(1))
}

export type Cond =
  | { op: '$eq' | '$ne'; value: Value }
  | { op: '$gt' | '$gte' | '$lt' | '$lte'; value: number | string | boolean | Date }
  | { op: '$in' | '$nin'; values: Value[] }
  | { op: '$exists'; value: boolean }

function eqMatch(doc: RefDoc, path: string, value: Value): boolean {
  const c = candidates(doc, path.split('.'))
  if (value === null) return c.missing || c.values.some((v) => v === null)
  return c.values.some((v) => equal(v, value))
}

/** Range operators compare only within the literal's type bracket, never across types. */
function rangeMatch(doc: RefDoc, path: string, op: string, lit: number | string | boolean | Date): boolean {
  const c = candidates(doc, path.split('.'))
  return c.values.some((v) => {
    if (Array.isArray(v) || rank(v) !== rank(lit)) return false
    const d = compareValues(v, lit)
    return op === '$gt' ? d > 0 : op === '$gte' ? d >= 0 : op === '$lt' ? d < 0 : d <= 0
  })
}

export function matches(doc: RefDoc, path: string, cond: Cond): boolean {
  switch (cond.op) {
    case '$eq':
      return eqMatch(doc, path, cond.value)
    case '$ne':
      return !eqMatch(doc, path, cond.value)
    case '$in':
      return cond.values.some((v) => eqMatch(doc, path, v))
    case '$nin':
      return !cond.values.some((v) => eqMatch(doc, path, v))
    case '$exists':
      return candidates(doc, path.split('.')).missing !== cond.value
    default:
      return rangeMatch(doc, path, cond.op, cond.value)
  }
}

/** The values a sort looks at for `path`: array elements (not the array), through arrays along the path. */
function sortValues(doc: unknown, segs: string[]): { values: unknown[]; missing: boolean } {
  if (segs.length === 0) {
    if (doc === undefined) return { values: [], missing: true }
    return { values: Array.isArray(doc) ? doc : [doc], missing: false }
  }
  if (Array.isArray(doc)) {
    const out: unknown[] = []
    let missing = true
    for (const el of doc) {
      if (el === null || typeof el !== 'object' || Array.isArray(el) || el instanceof Date) continue
      const c = sortValues((el as Record<string, unknown>)[segs[0]], segs.slice(1))
      out.push(...c.values)
      if (!c.missing) missing = false
    }
    return { values: out, missing }
  }
  if (doc === null || typeof doc !== 'object' || doc instanceof Date) return { values: [], missing: true }
  return sortValues((doc as Record<string, unknown>)[segs[0]], segs.slice(1))
}

/** MongoDB's sort key for one field: smallest element ascending, largest descending; [] first. */
export function sortKey(doc: RefDoc, path: string, dir: 1 | -1): { empty: boolean; value: unknown } {
  const c = sortValues(doc, path.split('.'))
  if (c.missing) return { empty: false, value: null }
  if (c.values.length === 0) return { empty: true, value: undefined }
  const vals = [...c.values].sort(compareValues)
  return { empty: false, value: dir === 1 ? vals[0] : vals[vals.length - 1] }
}

/** Compares two documents' sort keys under `order` (0: MongoDB leaves their order open). */
export function compareForSort(a: RefDoc, b: RefDoc, order: Array<[string, 1 | -1]>): number {
  for (const [path, dir] of order) {
    const ka = sortKey(a, path, dir)
    const kb = sortKey(b, path, dir)
    let d: number
    if (ka.empty || kb.empty) d = ka.empty === kb.empty ? 0 : ka.empty ? -1 : 1
    else d = compareValues(ka.value, kb.value)
    if (d !== 0) return d * dir
  }
  return 0
}
