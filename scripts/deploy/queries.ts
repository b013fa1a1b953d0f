// Which indexes the code relies on. Every sorted query (`.collection(X)...where({...})...orderBy('f', dir)`) in the
// cloud functions is found by a scanner; a query whose `where` is a literal object gets its equality fields from
// it, and one whose `where` is built at run time must be described in DECLARED_SHAPES (the scanner refuses to
// guess). Each shape must then be served by an index in database.json: see `servedBy`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import type { DatabaseSpec, IndexSpec } from './repo'
import { ROOT } from './repo'

export interface QueryShape {
  collection: string
  /** Fields the query pins with equality or `_.in` (order does not matter). */
  equality: string[]
  sort: string
  /** Where it is: file:line for a scanned query, or the file for a declared one. */
  at: string
}

export interface ScannedQuery {
  at: string
  file: string
  collection: string | null
  /** null when the where argument is not an object literal (built at run time). */
  equality: string[] | null
  sort: string
}

/**
 * Queries whose filter is built at run time, described by hand: `file` and `sort` identify the scanned query,
 * `equality` lists the fields every variant of the filter pins (the index must lead with some of them).
 */
export const DECLARED_SHAPES: Array<{ file: string; collection: string; sort: string; equality: string[][]; why: string }> = [
  {
    file: 'cloudfunctions/alerts/notify.ts',
    collection: 'subscriptions',
    sort: '_id',
    equality: [['villageId'], ['householdGroup']],
    why: 'an alert job reads subscribers with a credit in its villages, or (an alert sent to 社) in its 社, by id',
  },
  {
    file: 'cloudfunctions/alerts/handlers.ts',
    collection: 'users',
    sort: '_id',
    equality: [['role', 'villageId'], ['role', 'householdGroup']],
    why: 'the follow-up list reads the residents of one targeted village, or of one 社 by confirmed household, by id',
  },
  {
    file: 'cloudfunctions/figures/exports.ts',
    collection: 'reports',
    sort: 'createdAt',
    equality: [[], ['villageId'], ['assignee'], ['villageId', 'assignee']],
    why: 'the reports export reads a createdAt window, optionally of one village and/or one officer, oldest first',
  },
  {
    file: 'cloudfunctions/figures/exports.ts',
    collection: 'bookings',
    sort: 'day',
    equality: [[]],
    why: 'the bookings export reads a range of days, oldest first',
  },
  {
    file: 'cloudfunctions/figures/exports.ts',
    collection: 'followups',
    sort: 'answerKey',
    equality: [[]],
    why: 'the 回访 export reads answers in a time range (answerKey), oldest first',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_terms',
    sort: '_id',
    equality: [[], ['villageId']],
    why: 'households.searchAddresses: a prefix range over the term ids, optionally within one village',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_addresses',
    sort: 'sortKey',
    equality: [[], ['villageId'], ['villageId', 'group']],
    why: 'the address book pages by sortKey, all villages, one village or one 社',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_orgs',
    sort: '_id',
    equality: [[], ['villageId'], ['kind'], ['kind', 'villageId']],
    why: 'households.organisations filters by village and/or kind, paging by _id',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_plates',
    sort: 'sortKey',
    equality: [['villageId'], ['villageId', 'group']],
    why: 'the print sheet pages the plates of a village or one 社',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_claims',
    sort: 'createdAt',
    equality: [['status'], ['status', 'villageId']],
    why: 'pending declarations, all or of one village, oldest first',
  },
  {
    file: 'cloudfunctions/households/handlers.ts',
    collection: 'hh_visits',
    sort: 'at',
    equality: [[], ['addressId'], ['organisationId'], ['officer'], ['villageId']],
    why: 'visits of a household, an organisation, an officer, a village or all, newest first',
  },
  {
    file: 'cloudfunctions/households/plates.ts',
    collection: 'hh_addresses',
    sort: 'sortKey',
    equality: [['villageId'], ['villageId', 'group']],
    why: 'plate generation walks the addresses of a village or one 社 from the job cursor',
  },
  {
    file: 'cloudfunctions/households/sheets.ts',
    collection: 'hh_addresses',
    sort: 'sortKey',
    equality: [['villageId'], ['villageId', 'group']],
    why: 'the export walks the addresses of a village or one 社',
  },
  {
    file: 'cloudfunctions/reports/store.ts',
    collection: 'reports',
    sort: '_id',
    equality: [[], ['type'], ['status'], ['type', 'status'], ['villageId'], ['assignee'], ['reporter']],
    why: 'reports.list filters by any of type/status/villageId/assignee (or none) and reports.mine by reporter, then page by _id',
  },
  {
    file: 'cloudfunctions/reports/store.ts',
    collection: 'reports',
    sort: 'createdAt',
    equality: [[], ['type']],
    why: 'reports.clusters reads a createdAt window, optionally of one type, newest first',
  },
  {
    file: 'cloudfunctions/alerts/handlers.ts',
    collection: 'alerts',
    sort: 'feedKey',
    equality: [['status']],
    why: 'the feed filters published alerts (plus an optional keyword regex) and pages by feedKey',
  },
  {
    file: 'cloudfunctions/alerts/handlers.ts',
    collection: 'alerts',
    sort: 'createdKey',
    equality: [[]],
    why: 'the officer list filters by phase/category/village (all optional, ranges), newest first',
  },
  {
    file: 'cloudfunctions/mediation/handlers.ts',
    collection: 'mediation_cases',
    sort: 'createdKey',
    equality: [['applicant.openid'], ['respondent.openid']],
    why: 'mediation.mine reads one side at a time (applicant.openid or respondent.openid), newest first',
  },
  {
    file: 'cloudfunctions/mediation/handlers.ts',
    collection: 'mediation_cases',
    sort: 'queueKey',
    equality: [['open'], ['open', 'riskFlag'], ['status']],
    why: 'mediation.queue: open cases, open cases at risk, the 排查 screening list, or closed ones, by queueKey',
  },
  {
    file: 'cloudfunctions/followups/store.ts',
    collection: 'followups',
    sort: 'openedKey',
    equality: [['answerKey'], ['answerKey', 'kind']],
    why: 'followups.list waiting: unanswered surveys (answerKey \'\'), optionally of one kind, newest first',
  },
  {
    file: 'cloudfunctions/followups/store.ts',
    collection: 'followups',
    sort: 'answerKey',
    equality: [[], ['kind'], ['answer'], ['answer', 'kind']],
    why: 'followups.list answered / unsatisfied: answered surveys (answerKey > \'\'), optionally of one kind or answer, newest answer first',
  },
  {
    file: 'cloudfunctions/followups/store.ts',
    collection: 'followup_tasks',
    sort: 'openedKey',
    equality: [['status']],
    why: 'followups.tasks: open or closed tasks, newest first, paged by openedKey',
  },
]

/**
 * Collections small by nature (one document per service or per station), where a sort without an index is
 * a sort of a handful of documents.
 */
export const SMALL_COLLECTIONS: Record<string, string> = {
  station: 'one document',
  service_catalog: 'one document per service the station offers (under 20)',
  service_config: 'one document per service',
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p))
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts')) out.push(p)
  }
  return out.sort()
}

/** `const USERS = 'users'` and the like, defined in one file. */
function ownConstants(file: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const m of readFileSync(file, 'utf8').matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*['"]([A-Za-z0-9_-]+)['"]/g)) names.set(m[1], m[2])
  return names
}

const ALIASES: Record<string, string> = {
  '@server/': 'cloudfunctions/common/server/',
  '@domain/': 'cloudfunctions/common/domain/',
  '@contract/': 'cloudfunctions/common/contract/',
}

function importTarget(root: string, from: string, spec: string): string | null {
  let base: string | null = null
  if (spec.startsWith('.')) base = join(dirname(from), spec)
  for (const [alias, dir] of Object.entries(ALIASES)) if (spec.startsWith(alias)) base = join(root, dir, spec.slice(alias.length))
  if (!base) return null
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate
  return null
}

/** The collection name a constant stands for in `file`: defined there, or imported (one hop) from a module. */
export function resolveConstant(root: string, file: string, ident: string): string | null {
  const own = ownConstants(file).get(ident)
  if (own) return own
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const names = m[1].split(',').map((n) => n.trim().replace(/^type\s+/, ''))
    const hit = names.find((n) => n === ident || n.endsWith(` as ${ident}`))
    if (!hit) continue
    const target = importTarget(root, file, m[2])
    if (!target) return null
    return ownConstants(target).get(hit.split(/\s+as\s+/)[0]) ?? null
  }
  return null
}

/** The text between the parenthesis at `open` and its match. */
function balanced(text: string, open: number): string | null {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' }
  const stack: string[] = []
  let quote: string | null = null
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if (pairs[c]) stack.push(pairs[c])
    else if (c === stack[stack.length - 1]) {
      stack.pop()
      if (stack.length === 0) return text.slice(open + 1, i)
    }
  }
  return null
}

/** Top-level keys of an object literal's body (`{ a: 1, b, 'c.d': x, ...extra }` → a, b, c.d; null if unreadable). */
function literalKeys(body: string): string[] | null {
  const keys: string[] = []
  let depth = 0
  let quote: string | null = null
  let start = 0
  const parts: string[] = []
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i))
      start = i + 1
    }
  }
  parts.push(body.slice(start))
  for (const raw of parts) {
    const part = raw.trim()
    if (!part) continue
    // A spread adds fields only sometimes: the fields always pinned are the others.
    if (part.startsWith('...')) continue
    const m = /^(?:['"]([^'"]+)['"]|([A-Za-z_$][\w$]*))\s*(?::|$)/.exec(part)
    if (!m) return null
    keys.push(m[1] ?? m[2])
  }
  return keys
}

/** Every `.orderBy(...)` in the functions' sources, with the collection and filter of its chain. */
export function scanQueries(root = ROOT): ScannedQuery[] {
  const files = sourceFiles(join(root, 'cloudfunctions'))
  const found: ScannedQuery[] = []
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const rel = relative(root, file)
    for (const m of text.matchAll(/\.orderBy\(\s*(?:['"]([^'"]+)['"]|([^,)]+))/g)) {
      const at = m.index ?? 0
      const line = text.slice(0, at).split('\n').length
      // The chain's start: the nearest `.collection(` before this orderBy.
      const head = text.lastIndexOf('.collection(', at)
      let collection: string | null = null
      let equality: string[] | null = []
      if (head >= 0 && at - head < 600) {
        const arg = balanced(text, head + '.collection'.length)?.trim() ?? ''
        const quoted = /^['"]([^'"]+)['"]$/.exec(arg)
        collection = quoted ? quoted[1] : resolveConstant(root, file, arg)
        const chain = text.slice(head, at)
        const w = chain.indexOf('.where(')
        if (w >= 0) {
          const whereArg = balanced(chain, w + '.where'.length)?.trim() ?? ''
          equality = whereArg.startsWith('{') ? literalKeys(whereArg.slice(1, -1)) : null
        }
      }
      // A sort field held in a variable is kept as its expression, so that it cannot match an index by accident.
      found.push({ at: `${rel}:${line}`, file: rel, collection, equality, sort: m[1] ?? `<${(m[2] ?? '').trim()}>` })
    }
  }
  return found
}

/**
 * An index serves a sorted query when it starts with some of the query's equality fields (in any order) and
 * possibly the sort field next, and matches at least one field; with no equality fields it must start with the
 * sort field. MongoDB then reads only the matching range, and sorts in the index or in a small result.
 */
export function servedBy(shape: { equality: string[]; sort: string }, index: IndexSpec): boolean {
  if (index.fields.length === 0) return false
  const fields = index.fields.map(([f]) => f)
  let i = 0
  while (i < fields.length && shape.equality.includes(fields[i])) i++
  if (i > 0) return true
  return fields[0] === shape.sort
}

export interface CoverageProblem {
  at: string
  message: string
}

/** Shapes the code relies on (scanned, with declared ones substituted where the filter is dynamic), and problems. */
export function queryCoverage(db: DatabaseSpec, scanned = scanQueries()): { shapes: QueryShape[]; problems: CoverageProblem[] } {
  const shapes: QueryShape[] = []
  const problems: CoverageProblem[] = []
  for (const q of scanned) {
    if (!q.collection) {
      problems.push({ at: q.at, message: `orderBy('${q.sort}'): cannot tell which collection this query reads` })
      continue
    }
    if (q.sort.startsWith('<') && !DECLARED_SHAPES.some((d) => d.file === q.file && d.sort === q.sort)) {
      problems.push({ at: q.at, message: `${q.collection}.orderBy(${q.sort.slice(1, -1)}) sorts by a field chosen at run time: describe it in DECLARED_SHAPES (scripts/deploy/queries.ts)` })
      continue
    }
    if (q.equality) {
      shapes.push({ collection: q.collection, equality: q.equality, sort: q.sort, at: q.at })
      continue
    }
    const declared = DECLARED_SHAPES.find((d) => d.file === q.file && d.collection === q.collection && d.sort === q.sort)
    if (!declared) {
      problems.push({ at: q.at, message: `${q.collection}.orderBy('${q.sort}') filters with a value built at run time: describe it in DECLARED_SHAPES (scripts/deploy/queries.ts)` })
      continue
    }
    for (const eq of declared.equality) shapes.push({ collection: q.collection, equality: eq, sort: q.sort, at: `${q.at} (declared)` })
  }
  for (const s of shapes) {
    const coll = db.collections[s.collection]
    if (!coll) {
      problems.push({ at: s.at, message: `collection ${s.collection} is not declared in database.json` })
      continue
    }
    if (SMALL_COLLECTIONS[s.collection]) continue
    // Every collection has MongoDB's own index on _id: it serves a query that filters and sorts by _id alone.
    if (s.sort === '_id' && s.equality.every((f) => f === '_id')) continue
    if (!coll.indexes.some((ix) => servedBy(s, ix))) {
      const want = [...s.equality, s.sort].join(', ')
      problems.push({ at: s.at, message: `${s.collection}: no index in database.json serves where(${s.equality.join(', ') || '—'}) orderBy(${s.sort}); add one on (${want})` })
    }
  }
  return { shapes, problems }
}
