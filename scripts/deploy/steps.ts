// The deploy's steps as ordinary functions of a DeployClient: read the environment's state, then apply a plan.
import type { CloudFunctionParam, DeployClient, FunctionDetail, IndexInfo, SafeRuleReply } from './client'
import { makePlan, pending, type CloudCollection, type CloudFunctionState, type CloudState, type Desired, envFor, type Step } from './plan'
import { describeBuild, type Direction, fingerprintOf, type FunctionSpec, type RepoSpec, type Rules, type TriggerSpec } from './repo'

export interface DeployContext {
  envId: string
  /** The mini-program's AppID: DescribeSafeRule wants WxAppId for WeChat environments. */
  appId?: string
  /** dist/cloudfunctions: the SDK zips <functionRootPath>/<name>. */
  functionRootPath: string
  log: (line: string) => void
}

function indexFromCloud(info: IndexInfo): { name: string; fields: Array<[string, Direction]>; unique: boolean } {
  return {
    name: info.Name,
    fields: (info.Keys ?? []).map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1] as [string, Direction]),
    unique: !!info.Unique,
  }
}

function parseRules(raw: string | null | undefined): Rules | null {
  if (!raw) return null
  try {
    const r = JSON.parse(raw) as Partial<Rules>
    return r.read !== undefined && r.write !== undefined ? (r as Rules) : null
  } catch {
    return null
  }
}

/** A timer's schedule as GetFunction reports it: TriggerDesc is the cron itself or JSON {"cron": "..."}. */
export function triggerFromCloud(t: NonNullable<FunctionDetail['Triggers']>[number]): TriggerSpec {
  const raw = t.TriggerDesc ?? t.Config ?? ''
  let config = raw
  try {
    const parsed = JSON.parse(raw) as { cron?: string }
    if (typeof parsed.cron === 'string') config = parsed.cron
  } catch {
    // a plain cron string
  }
  return { name: t.TriggerName ?? t.Name ?? '', type: t.Type ?? 'timer', config }
}

export function functionFromCloud(d: FunctionDetail): CloudFunctionState {
  return {
    runtime: d.Runtime,
    timeout: d.Timeout,
    memorySize: d.MemorySize,
    env: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
    triggers: (d.Triggers ?? []).filter((t) => (t.Type ?? 'timer') === 'timer').map(triggerFromCloud),
    fingerprint: fingerprintOf(d.Description),
  }
}

/** Reads what the environment has of what the repository declares. Read-only calls. */
export async function readState(client: DeployClient, repo: RepoSpec, ctx: DeployContext): Promise<CloudState> {
  const state: CloudState = { collections: {}, storage: null, functions: {} }
  const tcb = client.commonService()
  const declared = Object.keys(repo.database.collections)
  const existing = new Set<string>()
  if (declared.length > 0) {
    for (let offset = 0; ; offset += 100) {
      const page = await client.database.listCollections({ MgoLimit: 100, MgoOffset: offset })
      for (const c of page.Collections) existing.add(c.CollectionName)
      if (page.Collections.length < 100) break
    }
  }
  for (const name of declared) {
    if (!existing.has(name)) continue
    const described = await client.database.describeCollection(name)
    const reply = (await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: ctx.envId, CollectionName: name, ...(ctx.appId ? { WxAppId: ctx.appId } : {}) } })) as SafeRuleReply
    const coll: CloudCollection = {
      indexes: (described.Indexes ?? []).map(indexFromCloud),
      rule: reply.AclTag ? { aclTag: reply.AclTag, rules: parseRules(reply.Rule) } : null,
    }
    state.collections[name] = coll
  }
  if (repo.storage) {
    const acl = await client.storage.getStorageAcl({ withRule: true })
    state.storage = { acl: acl.acl, rules: acl.rule ?? null }
  }
  const listed = await client.functions.listFunctions(100, 0)
  const names = new Set(listed.map((f) => f.FunctionName))
  for (const fn of repo.functions) {
    if (!names.has(fn.name)) continue
    state.functions[fn.name] = functionFromCloud(await client.functions.getFunctionDetail(fn.name))
  }
  return state
}

export function functionParam(fn: FunctionSpec, secrets: Record<string, string>, fingerprint: string, withTriggers: boolean): CloudFunctionParam {
  return {
    name: fn.name,
    description: describeBuild(fingerprint),
    runtime: fn.runtime,
    handler: 'index.main',
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    installDependency: true,
    ignore: ['node_modules', 'node_modules/**/*'],
    envVariables: envFor(fn, secrets),
    ...(withTriggers && fn.triggers.length > 0 ? { triggers: fn.triggers } : {}),
  }
}

function needBuild(step: { target: string; fingerprint: string | null }): string {
  if (!step.fingerprint) throw new Error(`dist/cloudfunctions/${step.target} is not built: npm run build:functions`)
  return step.fingerprint
}

/** Applies one step. `leave` steps make no call. */
export async function applyStep(client: DeployClient, step: Step, secrets: Record<string, string>, ctx: DeployContext): Promise<void> {
  if (step.action === 'leave') return
  switch (step.kind) {
    case 'collection':
      await client.database.createCollection(step.collection)
      return
    case 'index':
      // An index cannot be altered in place: drop the old definition first, then create the declared one.
      if (step.drop) await client.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.drop }] })
      await client.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: { MgoIndexKeys: step.index.fields.map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: !!step.index.unique },
          },
        ],
      })
      return
    case 'db-rule':
      await client.commonService().call({ Action: 'ModifySafeRule', Param: { EnvId: ctx.envId, CollectionName: step.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(step.rules) } })
      return
    case 'storage-rule':
      await client.storage.setStorageAcl('CUSTOM', step.rules)
      return
    case 'function':
      // createFunction also creates the triggers it is given (manager SDK lib/function/index.js retryCreateTrigger).
      await client.functions.createFunction({ func: functionParam(step.fn, secrets, needBuild(step), true), functionRootPath: ctx.functionRootPath })
      return
    case 'function-code':
      await client.functions.updateFunctionCode({ func: functionParam(step.fn, secrets, needBuild(step), false), functionRootPath: ctx.functionRootPath })
      // UpdateFunctionConfiguration is refused while the code update (and its npm install) is still running;
      // the SDK's own createFunction(force) waits at this point too (lib/function/index.js).
      await client.functions.waitFunctionActive(step.fn.name)
      return
    case 'function-config':
      // Without triggers: updateFunctionConfig would (re)create them and only warn on failure; they are steps of their own.
      await client.functions.updateFunctionConfig(functionParam(step.fn, secrets, needBuild(step), false))
      await client.functions.waitFunctionActive(step.fn.name)
      return
    case 'trigger':
      if (step.drop) await client.functions.deleteFunctionTrigger(step.fn, step.drop)
      if (step.trigger) await client.functions.createFunctionTriggers(step.fn, [step.trigger])
      return
  }
}

export class MissingSecrets extends Error {
  constructor(readonly names: string[]) {
    super(`缺少部署密钥 missing in .env.deploy: ${names.join(', ')} — add them (see docs/wechat.md) and run again. Nothing was changed.`)
  }
}

/** Values for every name the functions need; throws MissingSecrets (before any call) when one is absent or a local placeholder. */
export function requireSecrets(repo: RepoSpec, env: Record<string, string | undefined>): Record<string, string> {
  const names = [...new Set(repo.functions.flatMap((f) => f.envNames))].sort()
  const missing = names.filter((n) => {
    const v = env[n]?.trim()
    return !v || v.startsWith('local-')
  })
  if (missing.length > 0) throw new MissingSecrets(missing)
  return Object.fromEntries(names.map((n) => [n, (env[n] ?? '').trim()]))
}

export interface DeployResult {
  plan: Step[]
  applied: Step[]
}

/**
 * The whole environment deploy: secrets first (nothing is read or written without them), then the current
 * state, the plan, and each pending step in order. Running it twice changes nothing the second time.
 */
export async function deployEnvironment(
  client: DeployClient,
  desired: Omit<Desired, 'secrets'>,
  env: Record<string, string | undefined>,
  ctx: DeployContext,
): Promise<DeployResult> {
  const secrets = requireSecrets(desired.repo, env)
  for (const fn of desired.repo.functions) needBuild({ target: fn.name, fingerprint: desired.fingerprints[fn.name] ?? null })
  const state = await readState(client, desired.repo, ctx)
  const plan = makePlan({ ...desired, secrets }, state)
  const todo = pending(plan)
  for (const step of todo) {
    ctx.log(`→ ${step.action} ${step.kind} ${step.target}: ${step.detail}`)
    await applyStep(client, step, secrets, ctx)
  }
  return { plan, applied: todo }
}
