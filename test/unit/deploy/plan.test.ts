// The plan generator on the repository's real declarations (database.json, storage.json, config.json).
import { EMPTY_STATE, makePlan, pending, type CloudState, type Desired } from '../../../scripts/deploy/plan'
import { readRepo, type RepoSpec } from '../../../scripts/deploy/repo'

const repo = readRepo()
const fingerprints = Object.fromEntries(repo.functions.map((f) => [f.name, `fp-${f.name}`]))
const secrets = Object.fromEntries([...new Set(repo.functions.flatMap((f) => f.envNames))].map((n) => [n, `value-of-${n}`]))

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/** The state a successful deploy of `r` leaves behind. */
function deployedState(r: RepoSpec): CloudState {
  const state: CloudState = { collections: {}, storage: r.storage ? { acl: 'CUSTOM', rules: r.storage.rules } : null, functions: {} }
  for (const [name, c] of Object.entries(r.database.collections)) {
    state.collections[name] = {
      indexes: [{ name: '_id_', fields: [['_id', 1]], unique: true }, ...c.indexes.map((i) => ({ name: i.name, fields: i.fields, unique: !!i.unique }))],
      rule: { aclTag: 'CUSTOM', rules: c.rules },
    }
  }
  for (const f of r.functions) {
    state.functions[f.name] = { runtime: f.runtime, timeout: f.timeout, memorySize: f.memorySize, env: Object.fromEntries(f.envNames.map((n) => [n, secrets[n]])), triggers: f.triggers, fingerprint: fingerprints[f.name] }
  }
  return state
}

const desired = (r: RepoSpec): Desired => ({ repo: r, secrets, fingerprints })

describe('plan on the repository configs', () => {
  test('a new environment: every collection, index, rule and function is created, nothing else', () => {
    const plan = makePlan({ repo, secrets: null, fingerprints }, EMPTY_STATE)
    const collections = Object.keys(repo.database.collections)
    const indexes = Object.values(repo.database.collections).reduce((n, c) => n + c.indexes.length, 0)
    expect(collections.length).toBeGreaterThan(10)
    expect(plan.every((s) => s.action === 'create')).toBe(true)
    expect(plan.filter((s) => s.kind === 'collection')).toHaveLength(collections.length)
    expect(plan.filter((s) => s.kind === 'index')).toHaveLength(indexes)
    expect(plan.filter((s) => s.kind === 'db-rule')).toHaveLength(collections.length)
    expect(plan.filter((s) => s.kind === 'function').map((s) => s.target)).toEqual(repo.functions.map((f) => f.name))
    expect(plan.filter((s) => s.kind === 'storage-rule')).toHaveLength(repo.storage ? 1 : 0)
    // Collections come first, each followed by its indexes and rule; functions last.
    const kinds = plan.map((s) => s.kind)
    expect(kinds.indexOf('function')).toBeGreaterThan(kinds.lastIndexOf('db-rule'))
    expect(plan[0]).toMatchObject({ kind: 'collection' })
  })

  test('an environment already as declared: nothing to do', () => {
    expect(pending(makePlan(desired(repo), deployedState(repo)))).toEqual([])
  })

  test('changing one index in database.json is exactly one planned change', () => {
    const changed = clone(repo)
    const [collName, coll] = Object.entries(changed.database.collections).find(([, c]) => c.indexes.length > 0) ?? []
    if (!collName || !coll) throw new Error('database.json has no index')
    const ix = coll.indexes[0]
    ix.fields = [...ix.fields, ['updatedAt', -1]]
    const todo = pending(makePlan(desired(changed), deployedState(repo)))
    expect(todo).toHaveLength(1)
    expect(todo[0]).toMatchObject({ kind: 'index', action: 'change', target: `${collName}.${ix.name}`, drop: ix.name })
  })

  test('making an index unique is a change; a new index is a create; an index only in the cloud is left', () => {
    const changed = clone(repo)
    const users = changed.database.collections.users
    users.indexes[0].unique = true
    users.indexes.push({ name: 'phone', fields: [['phone', 1]], unique: true })
    const state = deployedState(repo)
    state.collections.users.indexes.push({ name: 'console_made', fields: [['name', 1]], unique: false })
    const todo = pending(makePlan(desired(changed), state))
    expect(todo.map((s) => [s.kind, s.action, s.target])).toEqual([
      ['index', 'change', `users.${users.indexes[0].name}`],
      ['index', 'create', 'users.phone'],
    ])
    const kept = makePlan(desired(changed), state).find((s) => s.target === 'users.console_made')
    expect(kept).toMatchObject({ action: 'leave' })
  })

  test('a secret, a timeout, a trigger and a build each show up where they belong', () => {
    const state = deployedState(repo)
    const cron = repo.functions.find((f) => f.triggers.length > 0)
    if (!cron) throw new Error('no function with a timer trigger')
    state.functions[cron.name].env.TEMPLATE_ALERT = 'an-old-template'
    state.functions[cron.name].triggers = [{ ...cron.triggers[0], config: '0 0 * * * * *' }, { name: 'stale', type: 'timer', config: '0 0 1 * * * *' }]
    state.functions.account.timeout = 3
    state.functions.alerts.fingerprint = 'older-build'
    const todo = pending(makePlan(desired(repo), state)).map((s) => `${s.kind} ${s.action} ${s.target}`)
    expect(todo).toEqual([
      'function-config change account',
      'function-code change alerts',
      'function-config change alerts',
      `function-config change ${cron.name}`,
      `trigger change ${cron.name}.${cron.triggers[0].name}`,
      `trigger change ${cron.name}.stale`,
    ])
  })

  test('a rule set in the console (simple permission) is changed back to the declared CUSTOM rule', () => {
    const state = deployedState(repo)
    state.collections.users.rule = { aclTag: 'PRIVATE', rules: null }
    if (state.storage) state.storage = { acl: 'READONLY', rules: null }
    const todo = pending(makePlan(desired(repo), state)).map((s) => `${s.kind} ${s.action} ${s.target}`)
    expect(todo).toEqual(['db-rule change users', ...(repo.storage ? ['storage-rule change storage'] : [])])
  })
})

describe('rules as the service returns them', () => {
  test('key order does not matter; a different value does', () => {
    const state = deployedState(repo)
    state.collections.users.rule = { aclTag: 'CUSTOM', rules: JSON.parse('{"write":false,"read":false}') as { read: boolean; write: boolean } }
    expect(pending(makePlan(desired(repo), state))).toEqual([])
    state.collections.users.rule = { aclTag: 'CUSTOM', rules: { read: true, write: false } }
    expect(pending(makePlan(desired(repo), state)).map((s) => s.target)).toEqual(['users'])
  })
})

describe('a function made elsewhere with another runtime', () => {
  test('is reported, not planned: the plan can still be empty', () => {
    const state = deployedState(repo)
    state.functions.account.runtime = 'Nodejs16.13'
    const plan = makePlan(desired(repo), state)
    expect(pending(plan)).toEqual([])
    expect(plan.find((s) => s.kind === 'function-config' && s.target === 'account')?.detail).toMatch(/runtime Nodejs16.13, declared Nodejs18.15/)
  })
})
