// What the repository declares for a CloudBase environment: collections, indexes, rules, functions.
// Read from cloudfunctions/database.json, cloudfunctions/storage.json and cloudfunctions/<fn>/config.json.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')
export const SOURCE = join(ROOT, 'cloudfunctions')
export const BUILT_FUNCTIONS = join(ROOT, 'dist', 'cloudfunctions')
export const WEAPP_DIST = join(ROOT, 'dist', 'weapp')

/**
 * The Node runtime every function is created with. CloudBase lists Nodejs16.13, 18.15, 20.19, 22.21, 24.11
 * (docs.cloudbase.net/cloud-function/runtime-support); 18.15 is the CLI's documented default and is at
 * least the `node16` target scripts/build-functions.ts compiles for. Runtime can only be chosen at creation.
 */
export const RUNTIME = 'Nodejs18.15'
export const KNOWN_NODE_RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19', 'Nodejs22.21', 'Nodejs24.11']
/** Memory (MB) for every function unless its config.json says `memorySize`; the CLI's and manager SDK's default. */
export const DEFAULT_MEMORY = 256
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048]
/**
 * Variables every function needs although no config.json lists them: the shared dispatcher
 * (cloudfunctions/common/server/dispatch.ts, via sdk.ts configFromEnv) reads FIRST_ADMIN_OPENID in every function.
 */
export const SHARED_SECRETS = ['FIRST_ADMIN_OPENID']

export type Rule = boolean | string
export interface Rules {
  read: Rule
  write: Rule
}
export type Direction = 1 | -1
export interface IndexSpec {
  name: string
  fields: Array<[string, Direction]>
  unique?: boolean
}
export interface CollectionSpec {
  indexes: IndexSpec[]
  rules: Rules
}
export interface DatabaseSpec {
  collections: Record<string, CollectionSpec>
}
export interface StorageSpec {
  rules: Rules
}
export interface TriggerSpec {
  name: string
  type: string
  config: string
}
export interface FunctionConfigFile {
  timeout?: number
  memorySize?: number
  envVariables?: Record<string, string>
  permissions?: { openapi?: string[] }
  triggers?: TriggerSpec[]
}
export interface FunctionSpec {
  name: string
  runtime: string
  timeout: number
  memorySize: number
  /** Names only: the values are secrets from .env.deploy (config.json values are local placeholders). */
  envNames: string[]
  triggers: TriggerSpec[]
  openapi: string[]
}
export interface RepoSpec {
  database: DatabaseSpec
  /** null when cloudfunctions/storage.json is absent (then storage rules are not touched). */
  storage: StorageSpec | null
  functions: FunctionSpec[]
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`)
  }
}

/** Function folders: every cloudfunctions/<fn>/ with an index.ts, except `common` (same rule as the build). */
export function functionNames(root = ROOT): string[] {
  const src = join(root, 'cloudfunctions')
  return readdirSync(src)
    .filter((name) => name !== 'common' && statSync(join(src, name)).isDirectory() && existsSync(join(src, name, 'index.ts')))
    .sort()
}

export function readFunctionConfig(name: string, root = ROOT): FunctionConfigFile {
  const file = join(root, 'cloudfunctions', name, 'config.json')
  // The build writes this default when a function has no config.json.
  if (!existsSync(file)) return { timeout: 10, permissions: { openapi: [] } }
  return readJson(file) as FunctionConfigFile
}

export function functionSpec(name: string, config: FunctionConfigFile): FunctionSpec {
  const own = Object.keys(config.envVariables ?? {})
  return {
    name,
    runtime: RUNTIME,
    timeout: config.timeout ?? 10,
    memorySize: config.memorySize ?? DEFAULT_MEMORY,
    envNames: [...new Set([...SHARED_SECRETS, ...own])].sort(),
    triggers: config.triggers ?? [],
    openapi: config.permissions?.openapi ?? [],
  }
}

export function readRepo(root = ROOT): RepoSpec {
  const database = readJson(join(root, 'cloudfunctions', 'database.json')) as DatabaseSpec
  const storageFile = join(root, 'cloudfunctions', 'storage.json')
  const storage = existsSync(storageFile) ? (readJson(storageFile) as StorageSpec) : null
  const functions = functionNames(root).map((name) => functionSpec(name, readFunctionConfig(name, root)))
  return { database, storage, functions }
}

/** Every secret name the deployment needs, across functions. */
export function secretNames(repo: RepoSpec): string[] {
  return [...new Set(repo.functions.flatMap((f) => f.envNames))].sort()
}

/**
 * A short fingerprint of a built function (index.js, package.json, config.json). The deploy writes it into the
 * function's description, so a second run can tell that the code in the cloud is this build.
 */
export function codeFingerprint(dir: string): string | null {
  const files = ['index.js', 'package.json', 'config.json']
  if (!files.every((f) => existsSync(join(dir, f)))) return null
  const hash = createHash('sha256')
  for (const f of files) {
    hash.update(f)
    hash.update(readFileSync(join(dir, f)))
  }
  return hash.digest('hex').slice(0, 16)
}

export const FINGERPRINT_PREFIX = 'fengqiao build '

export function describeBuild(fingerprint: string): string {
  return `${FINGERPRINT_PREFIX}${fingerprint}`
}

export function fingerprintOf(description: string | undefined): string | null {
  if (!description) return null
  const at = description.indexOf(FINGERPRINT_PREFIX)
  return at < 0 ? null : description.slice(at + FINGERPRINT_PREFIX.length).split(/\s/)[0] ?? null
}
