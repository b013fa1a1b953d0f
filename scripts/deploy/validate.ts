// Offline checks of everything the deploy would send: database.json, storage.json, function configs and
// triggers, cloudbaserc.json, and the weapp build against WeChat's package limits.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { cloudbasercDrift, CLOUDBASERC, readCloudbaserc } from './cloudbaserc'
import { queryCoverage, type ScannedQuery } from './queries'
import { KNOWN_NODE_RUNTIMES, MEMORY_SIZES, type RepoSpec, type TriggerSpec, WEAPP_DIST } from './repo'
import { ruleProblems } from './rules'

/** CloudBase collection names: letters, digits, _ and -, starting with a letter, at most 32 characters. */
export const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/
/** Index names: letters, digits and _, starting with a letter or _, at most 64 characters; `_id_` is MongoDB's own. */
export const INDEX_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
/** Field paths: dot-separated names, none empty, none starting with $. */
export const FIELD_PATH = /^[^.$\s][^.\s]*(\.[^.$\s][^.\s]*)*$/
/** SCF names: letters, digits, - and _, starting with a letter, at most 60 characters (functions and triggers). */
export const SCF_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
export const ENV_NAME = /^[A-Za-z][A-Za-z0-9_]*$/

export function databaseProblems(repo: RepoSpec): string[] {
  const problems: string[] = []
  const collections = repo.database.collections
  if (typeof collections !== 'object' || collections === null) return ['database.json: "collections" must be an object']
  for (const [name, coll] of Object.entries(collections)) {
    const where = `database.json ${name}`
    if (!COLLECTION_NAME.test(name)) problems.push(`${where}: collection name must be letters, digits, _ or -, start with a letter, ≤ 32 characters`)
    if (!Array.isArray(coll.indexes)) {
      problems.push(`${where}: "indexes" must be an array`)
      continue
    }
    const seen = new Set<string>()
    const keys = new Set<string>()
    for (const ix of coll.indexes) {
      const at = `${where}.${ix.name}`
      if (!INDEX_NAME.test(ix.name ?? '') || ix.name === '_id_') problems.push(`${at}: index name must be letters, digits or _ (not _id_), ≤ 64 characters`)
      if (seen.has(ix.name)) problems.push(`${at}: index name used twice`)
      seen.add(ix.name)
      if (!Array.isArray(ix.fields) || ix.fields.length === 0) {
        problems.push(`${at}: "fields" must be a non-empty list of [path, 1 | -1]`)
        continue
      }
      const paths = new Set<string>()
      for (const field of ix.fields) {
        const [path, dir] = Array.isArray(field) ? field : [undefined, undefined]
        if (typeof path !== 'string' || !FIELD_PATH.test(path)) problems.push(`${at}: bad field path ${JSON.stringify(path)}`)
        else if (paths.has(path)) problems.push(`${at}: field ${path} appears twice`)
        else paths.add(path)
        if (dir !== 1 && dir !== -1) problems.push(`${at}: direction of ${String(path)} must be 1 or -1`)
      }
      if (ix.unique !== undefined && typeof ix.unique !== 'boolean') problems.push(`${at}: "unique" must be true or false`)
      const key = JSON.stringify([ix.fields, !!ix.unique])
      if (keys.has(key)) problems.push(`${at}: same fields as another index of ${name}`)
      keys.add(key)
    }
    problems.push(...ruleProblems(where, coll.rules, 'database'))
  }
  return problems
}

const CRON_FIELDS: Array<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
]

/**
 * Problems in a CloudBase timer expression: seven space-separated fields (second minute hour day month weekday
 * year), each a list of `*`, `n`, `a-b`, with an optional `/step` (docs: 定时触发器 Cron 表达式).
 */
export function cronProblems(expr: string): string[] {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) return [`"${expr}" has ${parts.length} fields; CloudBase timers take 7 (second minute hour day month weekday year)`]
  const problems: string[] = []
  parts.forEach((part, i) => {
    const f = CRON_FIELDS[i]
    const value = (s: string): number | null => {
      const byName = f.names?.indexOf(s.toUpperCase()) ?? -1
      if (byName >= 0) return f.name === 'month' ? byName + 1 : byName
      if (!/^\d+$/.test(s)) return null
      const n = Number(s)
      return n >= f.min && n <= f.max ? n : null
    }
    for (const item of part.split(',')) {
      const m = /^([^/]+)(?:\/(\d+))?$/.exec(item)
      if (!m) {
        problems.push(`${f.name} "${item}" is not *, n, a-b or x/step`)
        continue
      }
      const [, range, step] = m
      if (step !== undefined && Number(step) < 1) problems.push(`${f.name} step "${step}" must be ≥ 1`)
      if (range === '*') continue
      const bounds = range.split('-')
      if (bounds.length > 2 || bounds.some((b) => value(b) === null)) {
        problems.push(`${f.name} "${item}" is outside ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''}`)
        continue
      }
      if (bounds.length === 2 && (value(bounds[0]) ?? 0) > (value(bounds[1]) ?? 0)) problems.push(`${f.name} range "${range}" runs backwards`)
    }
  })
  return problems.map((p) => `"${expr}": ${p}`)
}

export function triggerProblems(fn: string, triggers: TriggerSpec[]): string[] {
  const problems: string[] = []
  // docs.cloudbase.net/cli-v1/functions/trigger-create: one trigger per function for now.
  if (triggers.length > 1) problems.push(`${fn}/config.json: ${triggers.length} triggers; CloudBase allows one timer trigger per function`)
  for (const t of triggers) {
    const at = `${fn}/config.json trigger ${t.name}`
    if (!SCF_NAME.test(t.name ?? '')) problems.push(`${at}: name must be letters, digits, - or _, start with a letter, ≤ 60 characters`)
    if (t.type !== 'timer') problems.push(`${at}: type "${t.type}"; only "timer" is supported`)
    problems.push(...cronProblems(t.config ?? '').map((p) => `${at}: ${p}`))
  }
  return problems
}

export function functionProblems(repo: RepoSpec): string[] {
  const problems: string[] = []
  for (const fn of repo.functions) {
    const at = `${fn.name}/config.json`
    if (!SCF_NAME.test(fn.name)) problems.push(`cloudfunctions/${fn.name}: function name must be letters, digits, - or _, start with a letter`)
    if (!Number.isInteger(fn.timeout) || fn.timeout < 1 || fn.timeout > 60) problems.push(`${at}: timeout ${fn.timeout} must be a whole number of seconds, 1-60`)
    if (!MEMORY_SIZES.includes(fn.memorySize)) problems.push(`${at}: memorySize ${fn.memorySize} must be one of ${MEMORY_SIZES.join(', ')}`)
    if (!KNOWN_NODE_RUNTIMES.includes(fn.runtime)) problems.push(`${fn.name}: runtime ${fn.runtime} is not one CloudBase lists`)
    for (const n of fn.envNames) if (!ENV_NAME.test(n)) problems.push(`${at}: environment variable name "${n}" must be letters, digits and _`)
    for (const api of fn.openapi) if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(api)) problems.push(`${at}: permissions.openapi "${api}" is not <module>.<method>`)
    problems.push(...triggerProblems(fn.name, fn.triggers))
  }
  return problems
}

export function storageProblems(repo: RepoSpec): string[] {
  return repo.storage === null ? [] : ruleProblems('storage.json', repo.storage.rules, 'storage')
}

export function cloudbasercProblems(repo: RepoSpec, file = CLOUDBASERC): string[] {
  if (!existsSync(file)) return ['cloudbaserc.json is missing: npx tsx scripts/deploy.ts --write-cloudbaserc']
  return cloudbasercDrift(repo, readCloudbaserc(file))
}

/** WeChat's limits (developers.weixin.qq.com 分包加载): main and each subpackage ≤ 2 MB, all together ≤ 20 MB. */
export const PACKAGE_LIMITS = { main: 2 * 1024 * 1024, subpackage: 2 * 1024 * 1024, total: 20 * 1024 * 1024 }

export interface PackageSizes {
  main: number
  subpackages: Record<string, number>
  total: number
}

function filesUnder(dir: string): Array<{ path: string; bytes: number }> {
  const out: Array<{ path: string; bytes: number }> = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) out.push(...filesUnder(p))
    else out.push({ path: p, bytes: st.size })
  }
  return out
}

/** Bytes of the main package and each subpackage of a weapp build (subpackage roots from its app.json). */
export function packageSizes(dist = WEAPP_DIST): PackageSizes {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+/, '').replace(/\/*$/, '/'))
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])), total: 0 }
  for (const f of filesUnder(dist)) {
    const rel = relative(dist, f.path).split('\\').join('/')
    // DevTools' own project file is not part of the uploaded package.
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue
    const root = roots.find((r) => rel.startsWith(r))
    if (root) sizes.subpackages[root] += f.bytes
    else sizes.main += f.bytes
    sizes.total += f.bytes
  }
  return sizes
}

export function packageProblems(sizes: PackageSizes): string[] {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`
  const problems: string[] = []
  if (sizes.main > PACKAGE_LIMITS.main) problems.push(`weapp main package ${kb(sizes.main)} > 2 MB`)
  for (const [root, bytes] of Object.entries(sizes.subpackages)) if (bytes > PACKAGE_LIMITS.subpackage) problems.push(`weapp subpackage ${root} ${kb(bytes)} > 2 MB`)
  if (sizes.total > PACKAGE_LIMITS.total) problems.push(`weapp total ${kb(sizes.total)} > 20 MB`)
  return problems
}

export interface Validation {
  problems: string[]
  /** null when dist/weapp does not exist (the check is skipped, and said so). */
  packages: PackageSizes | null
  queries: number
}

export function validateRepo(repo: RepoSpec, options: { weappDist?: string; scanned?: ScannedQuery[]; cloudbaserc?: string } = {}): Validation {
  const coverage = queryCoverage(repo.database, options.scanned)
  const dist = options.weappDist ?? WEAPP_DIST
  const packages = existsSync(join(dist, 'app.json')) ? packageSizes(dist) : null
  return {
    problems: [
      ...databaseProblems(repo),
      ...coverage.problems.map((p) => `${p.at}: ${p.message}`),
      ...storageProblems(repo),
      ...functionProblems(repo),
      ...cloudbasercProblems(repo, options.cloudbaserc),
      ...(packages ? packageProblems(packages) : []),
    ],
    packages,
    queries: coverage.shapes.length,
  }
}
