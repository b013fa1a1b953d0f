// The plan: what the repository declares compared with what the environment has, as an ordered list of steps,
// each `create`, `change` or `leave`. Pure: the state comes from readState (steps.ts) or, offline, is empty.
import type { CollectionSpec, Direction, FunctionSpec, IndexSpec, RepoSpec, Rules, TriggerSpec } from './repo'

export type Action = 'create' | 'change' | 'leave'

export interface CloudIndex {
  name: string
  fields: Array<[string, Direction]>
  unique: boolean
}
export interface CloudCollection {
  indexes: CloudIndex[]
  /** The collection's security rule: AclTag and, when CUSTOM, the rule object. */
  rule: { aclTag: string; rules: Rules | null } | null
}
export interface CloudFunctionState {
  runtime: string
  timeout: number
  memorySize: number
  env: Record<string, string>
  triggers: TriggerSpec[]
  /** From the description the deploy writes (see repo.ts describeBuild). */
  fingerprint: string | null
}
export interface CloudState {
  collections: Record<string, CloudCollection>
  storage: { acl: string; rules: Rules | null } | null
  functions: Record<string, CloudFunctionState>
}

export const EMPTY_STATE: CloudState = { collections: {}, storage: null, functions: {} }

export type Step =
  | { kind: 'collection'; action: Action; target: string; detail: string; collection: string }
  | { kind: 'index'; action: Action; target: string; detail: string; collection: string; index: IndexSpec; drop: string | null }
  | { kind: 'db-rule'; action: Action; target: string; detail: string; collection: string; rules: Rules }
  | { kind: 'storage-rule'; action: Action; target: string; detail: string; rules: Rules }
  | { kind: 'function'; action: Action; target: string; detail: string; fn: FunctionSpec; fingerprint: string | null }
  | { kind: 'function-code'; action: Action; target: string; detail: string; fn: FunctionSpec; fingerprint: string | null }
  | { kind: 'function-config'; action: Action; target: string; detail: string; fn: FunctionSpec; fingerprint: string | null }
  | { kind: 'trigger'; action: Action; target: string; detail: string; fn: string; trigger: TriggerSpec | null; drop: string | null }

export interface Desired {
  repo: RepoSpec
  /** Values of the functions' environment variables (from .env.deploy); null offline, where only names are known. */
  secrets: Record<string, string> | null
  /** Build fingerprint per function (null when dist/cloudfunctions/<fn> is not built). */
  fingerprints: Record<string, string | null>
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export function sameIndex(want: IndexSpec, got: CloudIndex): boolean {
  return sameJson(want.fields, got.fields) && !!want.unique === got.unique
}

function showFields(fields: Array<[string, Direction]>, unique?: boolean): string {
  return `(${fields.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')})${unique ? ' unique' : ''}`
}

function showRules(r: Rules): string {
  return JSON.stringify({ read: r.read, write: r.write })
}

/** Same operations with the same values, whatever order the service returns the keys in. */
export function sameRules(a: Rules, b: Rules): boolean {
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  const ra = a as unknown as Record<string, unknown>
  const rb = b as unknown as Record<string, unknown>
  return sameJson(ka, kb) && ka.every((k) => ra[k] === rb[k])
}

/** Desired rule for a collection as CloudBase stores it: always CUSTOM with the declared object. */
export function sameRule(want: Rules, got: CloudCollection['rule']): boolean {
  return !!got && got.aclTag === 'CUSTOM' && !!got.rules && sameRules(got.rules, want)
}

function collectionSteps(name: string, spec: CollectionSpec, got: CloudCollection | undefined): Step[] {
  const steps: Step[] = []
  steps.push({ kind: 'collection', action: got ? 'leave' : 'create', target: name, detail: got ? 'exists' : 'new collection', collection: name })
  for (const ix of spec.indexes) {
    const have = got?.indexes.find((i) => i.name === ix.name)
    const target = `${name}.${ix.name}`
    if (!have) steps.push({ kind: 'index', action: 'create', target, detail: showFields(ix.fields, ix.unique), collection: name, index: ix, drop: null })
    else if (sameIndex(ix, have)) steps.push({ kind: 'index', action: 'leave', target, detail: showFields(ix.fields, ix.unique), collection: name, index: ix, drop: null })
    else steps.push({ kind: 'index', action: 'change', target, detail: `${showFields(have.fields, have.unique)} → ${showFields(ix.fields, ix.unique)} (drop, then create)`, collection: name, index: ix, drop: have.name })
  }
  for (const extra of got?.indexes ?? []) {
    if (extra.name === '_id_' || spec.indexes.some((i) => i.name === extra.name)) continue
    // Not ours to drop: a console-made index may be in use. Reported, left in place.
    steps.push({ kind: 'index', action: 'leave', target: `${name}.${extra.name}`, detail: `${showFields(extra.fields, extra.unique)} not in database.json (kept)`, collection: name, index: { name: extra.name, fields: extra.fields, unique: extra.unique }, drop: null })
  }
  const ruleSame = sameRule(spec.rules, got?.rule ?? null)
  steps.push({
    kind: 'db-rule',
    action: ruleSame ? 'leave' : got ? 'change' : 'create',
    target: name,
    detail: ruleSame ? showRules(spec.rules) : `${got?.rule ? `${got.rule.aclTag}${got.rule.rules ? ` ${showRules(got.rule.rules)}` : ''} → ` : ''}CUSTOM ${showRules(spec.rules)}`,
    collection: name,
    rules: spec.rules,
  })
  return steps
}

/** The environment variables a function should have (names always; values when known). */
export function envFor(fn: FunctionSpec, secrets: Record<string, string> | null): Record<string, string> {
  return Object.fromEntries(fn.envNames.map((n) => [n, secrets?.[n] ?? `<${n}>`]))
}

function functionSteps(fn: FunctionSpec, desired: Desired, got: CloudFunctionState | undefined): Step[] {
  const fingerprint = desired.fingerprints[fn.name] ?? null
  const build = fingerprint ? `build ${fingerprint}` : 'not built yet'
  if (!got) {
    const triggers = fn.triggers.map((t) => `${t.name} "${t.config}"`).join(', ')
    return [
      {
        kind: 'function',
        action: 'create',
        target: fn.name,
        detail: `${fn.runtime}, ${fn.timeout}s, ${fn.memorySize} MB, env ${fn.envNames.join(' ')}${triggers ? `, trigger ${triggers}` : ''}, ${build}`,
        fn,
        fingerprint,
      },
    ]
  }
  const steps: Step[] = []
  const codeSame = fingerprint !== null && got.fingerprint === fingerprint
  steps.push({ kind: 'function-code', action: codeSame ? 'leave' : 'change', target: fn.name, detail: codeSame ? build : `${got.fingerprint ?? 'unknown build'} → ${build}`, fn, fingerprint })
  const changes: string[] = []
  if (got.timeout !== fn.timeout) changes.push(`timeout ${got.timeout}s → ${fn.timeout}s`)
  if (got.memorySize !== fn.memorySize) changes.push(`memory ${got.memorySize} → ${fn.memorySize} MB`)
  const wantEnv = envFor(fn, desired.secrets)
  const names = [...new Set([...Object.keys(wantEnv), ...Object.keys(got.env)])].sort()
  for (const n of names) {
    if (!(n in got.env)) changes.push(`env +${n}`)
    else if (!(n in wantEnv)) changes.push(`env -${n}`)
    // Offline (no secrets) a value cannot be compared; online it is the real value.
    else if (desired.secrets && got.env[n] !== wantEnv[n]) changes.push(`env ${n} changed`)
  }
  // The description carries the build fingerprint, so a code update also rewrites it.
  if (!codeSame && changes.length === 0) changes.push('description (build fingerprint)')
  // Runtime is fixed at creation (UpdateFunctionConfiguration cannot change it): said, not planned, so a function
  // first made in DevTools with another runtime does not keep the plan from ever being empty.
  const note = got.runtime !== fn.runtime ? ` (runtime ${got.runtime}, declared ${fn.runtime}: only a delete and re-create changes it)` : ''
  steps.push({ kind: 'function-config', action: changes.length ? 'change' : 'leave', target: fn.name, detail: `${changes.length ? changes.join('; ') : `${fn.timeout}s, ${fn.memorySize} MB, env ${fn.envNames.join(' ')}`}${note}`, fn, fingerprint })
  for (const t of fn.triggers) {
    const have = got.triggers.find((x) => x.name === t.name)
    const target = `${fn.name}.${t.name}`
    if (!have) steps.push({ kind: 'trigger', action: 'create', target, detail: `timer "${t.config}"`, fn: fn.name, trigger: t, drop: null })
    else if (have.config.trim() === t.config.trim() && have.type === t.type) steps.push({ kind: 'trigger', action: 'leave', target, detail: `timer "${t.config}"`, fn: fn.name, trigger: t, drop: null })
    else steps.push({ kind: 'trigger', action: 'change', target, detail: `"${have.config}" → "${t.config}" (delete, then create)`, fn: fn.name, trigger: t, drop: have.name })
  }
  for (const extra of got.triggers) {
    if (fn.triggers.some((t) => t.name === extra.name)) continue
    // A timer left behind keeps invoking the function: triggers are the repo's to decide.
    steps.push({ kind: 'trigger', action: 'change', target: `${fn.name}.${extra.name}`, detail: `"${extra.config}" not in config.json: delete`, fn: fn.name, trigger: null, drop: extra.name })
  }
  return steps
}

/** Every step, in the order the deploy applies them: collections, indexes and rules, storage, functions. */
export function makePlan(desired: Desired, state: CloudState): Step[] {
  const steps: Step[] = []
  for (const [name, spec] of Object.entries(desired.repo.database.collections)) steps.push(...collectionSteps(name, spec, state.collections[name]))
  const storage = desired.repo.storage
  if (storage) {
    const got = state.storage
    const same = !!got && got.acl === 'CUSTOM' && !!got.rules && sameRules(got.rules, storage.rules)
    steps.push({
      kind: 'storage-rule',
      action: same ? 'leave' : got ? 'change' : 'create',
      target: 'storage',
      detail: same ? showRules(storage.rules) : `${got ? `${got.acl}${got.rules ? ` ${showRules(got.rules)}` : ''} → ` : ''}CUSTOM ${showRules(storage.rules)}`,
      rules: storage.rules,
    })
  }
  for (const fn of desired.repo.functions) steps.push(...functionSteps(fn, desired, state.functions[fn.name]))
  return steps
}

export function pending(plan: Step[]): Step[] {
  return plan.filter((s) => s.action !== 'leave')
}

export function formatPlan(plan: Step[]): string {
  const mark: Record<Action, string> = { create: '+ create', change: '~ change', leave: '  leave ' }
  const lines = plan.map((s) => `${mark[s.action]}  ${s.kind.padEnd(15)} ${s.target.padEnd(34)} ${s.detail}`)
  const count = (a: Action): number => plan.filter((s) => s.action === a).length
  lines.push(`计划 plan: ${count('create')} create, ${count('change')} change, ${count('leave')} leave`)
  return lines.join('\n')
}
