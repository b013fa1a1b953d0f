// The deploy steps driven by a recording client that implements the manager SDK's interface. No network.
import { readRepo } from '../../../scripts/deploy/repo'
import { deployEnvironment, MissingSecrets, triggerFromCloud, type DeployContext } from '../../../scripts/deploy/steps'
import { RecordingClient } from './recordingClient'

const repo = readRepo()
const fingerprints = Object.fromEntries(repo.functions.map((f) => [f.name, `fp-${f.name}`]))
const names = [...new Set(repo.functions.flatMap((f) => f.envNames))].sort()
const secrets: Record<string, string> = Object.fromEntries(names.map((n) => [n, `real-${n.toLowerCase()}`]))
const ctx: DeployContext = { envId: 'test-env-1a2b', appId: 'wx0123456789abcdef', functionRootPath: '/repo/dist/cloudfunctions', log: () => undefined }
const collections = Object.keys(repo.database.collections)

describe('deploy steps against a recording client', () => {
  test('a new environment: reads first, then creates in order — collections, indexes, rules, storage, functions', async () => {
    const client = new RecordingClient()
    const result = await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    const writes = client.writes()
    expect(result.applied.length).toBe(writes.length)

    // Nothing is written before every read is done.
    const firstWrite = client.calls.findIndex((c) => c.method === writes[0].method)
    expect(client.calls.slice(firstWrite).every((c) => writes.includes(c))).toBe(true)
    expect(client.calls.slice(0, firstWrite).map((c) => c.method)).toEqual(['database.listCollections', ...(repo.storage ? ['storage.getStorageAcl'] : []), 'functions.listFunctions'])

    // Per collection: create it, its indexes one by one, then its rule.
    const users = repo.database.collections.users
    expect(writes.slice(0, 2 + users.indexes.length).map((c) => c.method)).toEqual(['database.createCollection', ...users.indexes.map(() => 'database.updateCollection'), 'tcb.ModifySafeRule'])
    expect(writes[1].args).toEqual(['users', { CreateIndexes: [{ IndexName: users.indexes[0].name, MgoKeySchema: { MgoIndexKeys: users.indexes[0].fields.map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: false } }] }])
    expect(writes[1 + users.indexes.length].args).toEqual([{ EnvId: ctx.envId, CollectionName: 'users', AclTag: 'CUSTOM', Rule: JSON.stringify(users.rules) }])

    const methods = writes.map((c) => c.method)
    expect(methods.filter((m) => m === 'database.createCollection')).toHaveLength(collections.length)
    const lastDb = methods.lastIndexOf('tcb.ModifySafeRule')
    if (repo.storage) {
      expect(methods.indexOf('storage.setStorageAcl')).toBe(lastDb + 1)
      expect(writes[lastDb + 1].args).toEqual(['CUSTOM', repo.storage.rules])
    }
    expect(methods.slice(lastDb + (repo.storage ? 2 : 1))).toEqual(repo.functions.map(() => 'functions.createFunction'))

    // Functions: runtime, limits, every variable from the secrets, the build in the description, timers with them.
    const cron = repo.functions.find((f) => f.triggers.length > 0)
    const created = writes.filter((c) => c.method === 'functions.createFunction').map((c) => c.args[0] as { func: Record<string, unknown>; functionRootPath: string })
    for (const [i, fn] of repo.functions.entries()) {
      expect(created[i].functionRootPath).toBe(ctx.functionRootPath)
      expect(created[i].func).toMatchObject({ name: fn.name, runtime: fn.runtime, timeout: fn.timeout, memorySize: fn.memorySize, description: `fengqiao build fp-${fn.name}`, envVariables: Object.fromEntries(fn.envNames.map((n) => [n, secrets[n]])) })
      expect(created[i].func.triggers).toEqual(fn.triggers.length ? fn.triggers : undefined)
    }
    expect(cron).toBeDefined()
    expect(client.fns.get(cron?.name ?? '')?.detail.Triggers).toEqual(cron?.triggers.map((t) => ({ TriggerName: t.name, Type: 'timer', TriggerDesc: JSON.stringify({ cron: t.config }) })))
  })

  test('idempotent: a second run reads, plans nothing and writes nothing', async () => {
    const client = new RecordingClient()
    await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    const before = client.calls.length
    const again = await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    expect(again.applied).toEqual([])
    expect(again.plan.every((s) => s.action === 'leave')).toBe(true)
    expect(client.calls.slice(before).filter((c) => client.writes().includes(c))).toEqual([])
    // Only reads, in this order.
    expect(client.calls.slice(before).map((c) => c.method)).toEqual([
      'database.listCollections',
      ...collections.flatMap(() => ['database.describeCollection', 'tcb.DescribeSafeRule']),
      ...(repo.storage ? ['storage.getStorageAcl'] : []),
      'functions.listFunctions',
      ...repo.functions.map(() => 'functions.getFunctionDetail'),
    ])
    expect(client.calls.find((c) => c.method === 'tcb.DescribeSafeRule')?.args).toEqual([{ EnvId: ctx.envId, CollectionName: collections[0], WxAppId: ctx.appId }])
  })

  test('a new build, a changed secret and a changed timer are updated, then the next run is quiet', async () => {
    const client = new RecordingClient()
    await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    const cron = repo.functions.find((f) => f.triggers.length > 0)
    if (!cron) throw new Error('no timer')
    const changedRepo = JSON.parse(JSON.stringify(repo)) as typeof repo
    const changedCron = changedRepo.functions.find((f) => f.name === cron.name)
    if (!changedCron) throw new Error('no timer')
    changedCron.triggers = [{ ...cron.triggers[0], config: '0 */10 * * * * *' }]
    const before = client.calls.length
    await deployEnvironment(client, { repo: changedRepo, fingerprints: { ...fingerprints, alerts: 'fp-new' } }, { ...secrets, TEMPLATE_REPORT_STATUS: 'new-template' }, ctx)
    const writes = client.calls.slice(before).filter((c) => client.writes().includes(c))
    expect(writes.map((c) => `${c.method} ${JSON.stringify(c.args[0]).slice(0, 40)}`)).toEqual([
      expect.stringMatching(/^functions.updateFunctionCode .*"alerts"/),
      expect.stringMatching(/^functions.updateFunctionConfig .*"alerts"/),
      `functions.deleteFunctionTrigger "${cron.name}"`,
      `functions.createFunctionTriggers "${cron.name}"`,
      expect.stringMatching(/^functions.updateFunctionConfig .*"reports"/),
    ])
    const alertsCalls = client.calls.slice(before).filter((c) => JSON.stringify(c.args).includes('"alerts"')).map((c) => c.method)
    expect(alertsCalls.slice(-4)).toEqual(['functions.updateFunctionCode', 'functions.waitFunctionActive', 'functions.updateFunctionConfig', 'functions.waitFunctionActive'])
    expect(client.fns.get('alerts')?.detail.Description).toBe('fengqiao build fp-new')
    expect(client.fns.get('reports')?.detail.Environment?.Variables).toContainEqual({ Key: 'TEMPLATE_REPORT_STATUS', Value: 'new-template' })
    const quiet = await deployEnvironment(client, { repo: changedRepo, fingerprints: { ...fingerprints, alerts: 'fp-new' } }, { ...secrets, TEMPLATE_REPORT_STATUS: 'new-template' }, ctx)
    expect(quiet.applied).toEqual([])
  })

  test('an index changed in the console is dropped and created again as declared', async () => {
    const client = new RecordingClient()
    await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    const users = client.collections.get('users')
    const name = repo.database.collections.users.indexes[0].name
    const ix = users?.indexes.find((i) => i.Name === name)
    if (!ix) throw new Error('index missing')
    ix.Keys = [{ Name: 'role', Direction: '-1' }]
    const before = client.calls.length
    await deployEnvironment(client, { repo, fingerprints }, secrets, ctx)
    expect(client.calls.slice(before).filter((c) => c.method === 'database.updateCollection').map((c) => c.args)).toEqual([
      ['users', { DropIndexes: [{ IndexName: name }] }],
      ['users', { CreateIndexes: [expect.objectContaining({ IndexName: name })] }],
    ])
  })

  test('a missing secret stops the deploy before any call, naming it', async () => {
    const client = new RecordingClient()
    const { TEMPLATE_ALERT: _dropped, ...partial } = secrets
    await expect(deployEnvironment(client, { repo, fingerprints }, partial, ctx)).rejects.toThrow(MissingSecrets)
    await expect(deployEnvironment(client, { repo, fingerprints }, partial, ctx)).rejects.toThrow(/TEMPLATE_ALERT/)
    expect(client.calls).toEqual([])
  })

  test('a local placeholder from config.json counts as missing', async () => {
    const client = new RecordingClient()
    await expect(deployEnvironment(client, { repo, fingerprints }, { ...secrets, TEMPLATE_ALERT: 'local-template-alert' }, ctx)).rejects.toThrow(/TEMPLATE_ALERT/)
    expect(client.calls).toEqual([])
  })

  test('an unbuilt function stops the deploy before any call', async () => {
    const client = new RecordingClient()
    await expect(deployEnvironment(client, { repo, fingerprints: { ...fingerprints, account: null } }, secrets, ctx)).rejects.toThrow(/dist\/cloudfunctions\/account is not built/)
    expect(client.calls).toEqual([])
  })

  test("GetFunction's timer description is read as JSON or as a plain cron", () => {
    expect(triggerFromCloud({ TriggerName: 't', Type: 'timer', TriggerDesc: '{"cron":"0 */5 * * * * *"}' })).toEqual({ name: 't', type: 'timer', config: '0 */5 * * * * *' })
    expect(triggerFromCloud({ TriggerName: 't', Type: 'timer', TriggerDesc: '0 */5 * * * * *' })).toEqual({ name: 't', type: 'timer', config: '0 */5 * * * * *' })
  })
})
