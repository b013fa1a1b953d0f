// Query push-down: turns the indexable part of a MongoDB query into SQL over expression indexes.
//
// Correctness rule: the SQL predicate only ever narrows to a SUPERSET of the matching documents;
// mingo re-checks every candidate against the full query. A predicate is pushed only where the
// SQL comparison cannot drop a document that MongoDB semantics would match:
//  - the path is declared in an index of the collection (or is `_id`);
//  - no stored document has an array or object along the path (tracked per path in `profiles`,
//    because a MongoDB equality also matches array elements, which json_extract cannot see);
//  - equality/$in: the value is a string, finite number, boolean or Date;
//  - ranges: the value is a string, number or Date, and every stored value at the path has that
//    same kind (MongoDB compares across kinds by type order, SQL by storage class).
// ORDER BY is pushed only when every sort key is such a path holding a single kind of value; then
// SQL order equals MongoDB order (null/missing first ascending) and the cursor can stop early.
import type { Doc } from './codec'
import { isPlainObject } from './codec'

export type Kind = 'missing' | 'null' | 'number' | 'string' | 'bool' | 'date' | 'array' | 'object' | 'other'

const q = (s: string) => `"${s.replace(/"/g, '""')}"`

/** A JSON path for SQLite: `a.b` -> `$."a"."b"`. */
export function jsonPath(path: string): string {
  return '$' + path.split('.').map((seg) => '.' + q(seg)).join('')
}

/** The SQL expression an index on `path` is built on; Dates read as their epoch ms. */
export function pathExpr(path: string): string {
  if (path === '_id') return '_id'
  const p = jsonPath(path)
  return `coalesce(json_extract(doc, '${p}."$date"'), json_extract(doc, '${p}'))`
}

/** SQL giving the Kind of each stored document at `path` (used once at start). */
export function kindSql(path: string): string {
  const segs = path.split('.')
  const prefixes = segs.slice(0, -1).map((_, i) => jsonPath(segs.slice(0, i + 1).join('.')))
  const full = jsonPath(path)
  const arrayAlong = prefixes.map((p) => `json_type(doc, '${p}') = 'array'`)
  return `CASE
    ${arrayAlong.length ? `WHEN ${arrayAlong.join(' OR ')} THEN 'array'` : ''}
    WHEN json_type(doc, '${full}') = 'object' THEN
      CASE WHEN json_type(doc, '${full}."$date"') IN ('integer', 'real') THEN 'date'
           WHEN json_type(doc, '${full}."$oid"') IS NOT NULL OR json_type(doc, '${full}."$regularExpression"') IS NOT NULL
             OR json_type(doc, '${full}."$numberDouble"') IS NOT NULL THEN 'other'
           ELSE 'object' END
    WHEN json_type(doc, '${full}') = 'array' THEN 'array'
    WHEN json_type(doc, '${full}') IN ('integer', 'real') THEN 'number'
    WHEN json_type(doc, '${full}') = 'text' THEN 'string'
    WHEN json_type(doc, '${full}') IN ('true', 'false') THEN 'bool'
    WHEN json_type(doc, '${full}') = 'null' THEN 'null'
    ELSE 'missing' END`
}

export function kindOfValue(v: unknown): Kind {
  if (v === undefined) return 'missing'
  if (v === null) return 'null'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'other'
  if (typeof v === 'boolean') return 'bool'
  if (v instanceof Date) return 'date'
  if (Array.isArray(v)) return 'array'
  if (isPlainObject(v)) return 'object'
  return 'other'
}

/** Kind of a JS document at a dotted path (arrays along the way count as 'array'). */
export function kindAt(doc: Doc, path: string): Kind {
  let cur: unknown = doc
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) return 'array'
    if (!isPlainObject(cur)) return 'missing'
    cur = cur[seg]
  }
  return kindOfValue(cur)
}

export interface Plan {
  where: string
  params: Array<SqlParam>
  orderBy: string
  /** The SQL order equals the requested order: the cursor may stop after offset + limit matches. */
  sorted: boolean
  pushed: string[]
  /** The SQL WHERE is exactly the query (every predicate pushed, single value kind): a count can run in SQL. */
  exact: boolean
}

type Profiles = Map<string, Set<Kind>>

function valueKinds(profile: Set<Kind> | undefined): Set<Kind> | null {
  if (!profile) return null
  const out = new Set<Kind>()
  for (const k of profile) {
    if (k === 'array' || k === 'object' || k === 'other') return null
    if (k !== 'missing' && k !== 'null') out.add(k)
  }
  return out
}

/** A value bound to a SQL parameter. */
export type SqlParam = string | number | bigint

const TWO_53 = 2 ** 53
const TWO_63 = 2 ** 63

/**
 * The SQL value a document value is compared as. A stored number is its JSON text parsed by
 * SQLite: an integer-valued double in (2^53, 2^63) is written by JSON.stringify as its shortest
 * decimal (1733000000123456789 -> "1733000000123456800"), which SQLite reads as that exact INTEGER,
 * not as the double. Binding the same double as REAL would then compare unequal; so such a value is
 * bound as the INTEGER of its own JSON text. The map double -> SQL value is strictly increasing, so
 * equality and order agree with the doubles' (and with MongoDB's exact numeric comparison).
 */
function sqlNumber(v: number): SqlParam {
  if (Number.isInteger(v) && Math.abs(v) > TWO_53 && Math.abs(v) < TWO_63) return BigInt(JSON.stringify(v))
  return v
}

function sqlValue(v: unknown): SqlParam | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return sqlNumber(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v instanceof Date) return v.getTime()
  return null
}

export function planQuery(query: Doc, order: Array<[string, 1 | -1]>, indexedPaths: Set<string>, profiles: Profiles): Plan {
  const where: string[] = []
  const params: Array<SqlParam> = []
  const pushed: string[] = []
  let exact = true
  const single = (kinds: Set<Kind>, vals: unknown[]) => {
    const all = new Set<Kind>(kinds)
    for (const v of vals) all.add(kindOfValue(v))
    return all.size === 1
  }

  const pushable = (path: string): Set<Kind> | null => {
    if (path === '_id') return new Set<Kind>(['string'])
    if (!indexedPaths.has(path)) return null
    return valueKinds(profiles.get(path))
  }
  const eq = (path: string, v: unknown) => {
    if (path === '_id' && typeof v !== 'string') return void (exact = false)
    const sv = sqlValue(v)
    if (sv === null) return void (exact = false)
    if (!single(pushable(path) ?? new Set(), [v])) exact = false
    where.push(`${pathExpr(path)} = ?`)
    params.push(sv)
    pushed.push(`${path} =`)
  }
  const range = (path: string, op: string, v: unknown, kinds: Set<Kind>) => {
    exact = false
    const vk = kindOfValue(v)
    if (vk !== 'string' && vk !== 'number' && vk !== 'date') return
    for (const k of kinds) if (k !== vk) return
    const sv = sqlValue(v)
    if (sv === null) return
    exact = true
    const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]
    where.push(`${pathExpr(path)} ${sqlOp} ?`)
    params.push(sv)
    pushed.push(`${path} ${sqlOp}`)
  }
  const inList = (path: string, list: unknown) => {
    exact = false
    if (!Array.isArray(list) || list.length === 0 || list.length > 500) return
    const vals = list.map(sqlValue)
    if (vals.some((x) => x === null)) return
    if (path === '_id' && list.some((x) => typeof x !== 'string')) return
    exact = single(pushable(path) ?? new Set(), list)
    where.push(`${pathExpr(path)} IN (${vals.map(() => '?').join(', ')})`)
    params.push(...(vals as Array<SqlParam>))
    pushed.push(`${path} IN`)
  }

  const collect = (qq: Doc) => {
    for (const [key, cond] of Object.entries(qq)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) collect(sub)
        continue
      }
      const kinds = key.startsWith('$') ? null : pushable(key)
      if (!kinds) {
        exact = false
        continue
      }
      if (isPlainObject(cond)) {
        const ops = Object.keys(cond)
        if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) {
          exact = false
          continue
        }
        for (const op of ops) {
          const v = cond[op]
          const wasExact = exact
          if (op === '$eq') eq(key, v)
          else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') range(key, op, v, kinds)
          else if (op === '$in') inList(key, v)
          else exact = false
          if (!wasExact) exact = false
        }
      } else {
        const wasExact = exact
        eq(key, cond)
        if (!wasExact) exact = false
      }
    }
  }
  collect(query)

  let sorted = true
  const orderParts: string[] = []
  for (const [path, dir] of order) {
    const kinds = pushable(path)
    if (!kinds || kinds.size > 1) {
      sorted = false
      break
    }
    orderParts.push(`${pathExpr(path)} ${dir === -1 ? 'DESC' : 'ASC'}`)
  }
  return {
    where: where.length ? where.join(' AND ') : '1',
    params,
    orderBy: sorted && orderParts.length ? `ORDER BY ${orderParts.join(', ')}` : '',
    sorted,
    pushed,
    exact,
  }
}

/**
 * SQL giving the kind a unique index keys a value by: numbers together ('n'), booleans ('b'),
 * strings, Dates, objects, arrays apart; null and missing together ('z'), as MongoDB's index does.
 */
export function uniqueKindSql(path: string): string {
  const p = jsonPath(path)
  return `CASE json_type(doc, '${p}') WHEN 'integer' THEN 'n' WHEN 'real' THEN 'n' WHEN 'true' THEN 'b' WHEN 'false' THEN 'b'
    WHEN 'text' THEN 's' WHEN 'array' THEN 'a'
    WHEN 'object' THEN CASE WHEN json_type(doc, '${p}."$date"') IS NOT NULL THEN 'd' ELSE 'o' END
    ELSE 'z' END`
}
