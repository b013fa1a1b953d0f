// The dry run's offline checks, on the repository's real files and on small broken variants of them.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cloudbasercDrift, expectedCloudbaserc, readCloudbaserc } from '../../../scripts/deploy/cloudbaserc'
import { queryCoverage, scanQueries, servedBy } from '../../../scripts/deploy/queries'
import { functionSpec, readFunctionConfig, readRepo, type RepoSpec } from '../../../scripts/deploy/repo'
import { parseRuleExpression, ruleProblems } from '../../../scripts/deploy/rules'
import { cronProblems, databaseProblems, functionProblems, packageProblems, packageSizes, validateRepo } from '../../../scripts/deploy/validate'

const repo = readRepo()
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

describe('cloudbaserc.json agrees with every function config.json', () => {
  test('the committed file is what the configs generate', () => {
    expect(cloudbasercDrift(repo, readCloudbaserc())).toEqual([])
  })

  test('each function: name, runtime, timeout, memory, variable names and timers', () => {
    const rc = readCloudbaserc()
    expect(rc.functions.map((f) => f.name)).toEqual(repo.functions.map((f) => f.name))
    for (const f of rc.functions) {
      const config = readFunctionConfig(f.name)
      expect(f.timeout).toBe(config.timeout)
      expect(f.triggers ?? []).toEqual(config.triggers ?? [])
      for (const n of Object.keys(config.envVariables ?? {})) expect(f.envVariables[n]).toBe(`{{env.${n}}}`)
      expect(f.envVariables.FIRST_ADMIN_OPENID).toBe('{{env.FIRST_ADMIN_OPENID}}')
    }
  })

  test('a config.json that changes (timeout, trigger, variable) makes the check fail', () => {
    const rc = readCloudbaserc()
    const changed = clone(repo)
    const cron = changed.functions.find((f) => f.triggers.length > 0)
    if (!cron) throw new Error('no timer')
    cron.timeout = 30
    cron.triggers = [{ ...cron.triggers[0], config: '0 0 * * * * *' }]
    changed.functions[0] = functionSpec(changed.functions[0].name, { ...readFunctionConfig(changed.functions[0].name), envVariables: { TEMPLATE_NEW: 'x' } })
    const drift = cloudbasercDrift(changed, rc)
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${cron.name}.timeout`),
        expect.stringContaining(`${cron.name}.triggers`),
        expect.stringContaining(`${changed.functions[0].name}.envVariables`),
      ]),
    )
    expect(cloudbasercDrift(repo, { ...rc, functions: rc.functions.slice(1) })).toEqual([`cloudbaserc.json: function ${rc.functions[0].name} is missing`])
  })

  test('it is in the CLI format: version 2.0 with {{env.*}} variables and functionRoot at the build', () => {
    expect(expectedCloudbaserc(repo)).toMatchObject({ version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: './dist/cloudfunctions' })
  })
})

describe('the repository passes every offline check', () => {
  test('database.json, storage.json, functions, cloudbaserc.json, indexes for queries', () => {
    const v = validateRepo(repo, { weappDist: join(tmpdir(), 'no-such-weapp') })
    expect(v.problems).toEqual([])
    expect(v.packages).toBeNull()
    expect(v.queries).toBeGreaterThan(10)
  })
})

describe('database.json checks', () => {
  test('bad names, fields, directions and duplicates are reported', () => {
    const bad = clone(repo)
    bad.database.collections['9lives'] = { indexes: [], rules: { read: false, write: false } }
    bad.database.collections.users.indexes.push({ name: 'bad-name', fields: [['$role', 1]] })
    bad.database.collections.users.indexes.push({ name: 'dup', fields: [['a', 1], ['a', -1]] })
    bad.database.collections.users.indexes.push({ name: 'dir', fields: [['a', 2 as 1]] })
    bad.database.collections.users.indexes.push({ ...bad.database.collections.users.indexes[0] })
    const problems = databaseProblems(bad)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('database.json 9lives: collection name'),
        expect.stringContaining('users.bad-name: index name'),
        expect.stringContaining('bad field path "$role"'),
        expect.stringContaining('field a appears twice'),
        expect.stringContaining('direction of a must be 1 or -1'),
        expect.stringContaining('index name used twice'),
      ]),
    )
  })

  test('a sorted query without a serving index is named with its file and line', () => {
    const db = clone(repo.database)
    db.collections.bookings.indexes = db.collections.bookings.indexes.filter((i) => !i.fields.some(([f]) => f === 'openid'))
    const { problems } = queryCoverage(db)
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('bookings: no index in database.json serves where(openid) orderBy(createdKey)'))
    expect(problems[0].at).toMatch(/^cloudfunctions\/services\/handlers\.ts:\d+$/)
  })

  test('the scanner reads literal filters and refuses to guess a filter built at run time', () => {
    const scanned = scanQueries()
    const literal = scanned.find((q) => q.collection === 'alert_jobs')
    expect(literal).toMatchObject({ equality: ['status'], sort: 'createdAt' })
    const dynamic = { at: 'cloudfunctions/x/handlers.ts:1', file: 'cloudfunctions/x/handlers.ts', collection: 'reports', equality: null, sort: 'status' }
    expect(queryCoverage(repo.database, [dynamic]).problems[0].message).toMatch(/built at run time: describe it in DECLARED_SHAPES/)
    const dynamicSort = { ...dynamic, equality: ['status'], sort: '<p.sortBy>' }
    expect(queryCoverage(repo.database, [dynamicSort]).problems[0].message).toMatch(/orderBy\(p.sortBy\) sorts by a field chosen at run time/)
  })

  test('every orderBy in the functions is found', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
    const sources = walk(join(__dirname, '..', '..', '..', 'cloudfunctions')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    const count = sources.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/\.orderBy\(/g) ?? []).length, 0)
    expect(scanQueries()).toHaveLength(count)
    expect(scanQueries().every((q) => q.collection !== null)).toBe(true)
  })

  test('an index serves a query when it leads with equality fields, or with the sort field', () => {
    const ix = (fields: string[]): { name: string; fields: Array<[string, 1]> } => ({ name: 'i', fields: fields.map((f) => [f, 1]) })
    expect(servedBy({ equality: ['openid'], sort: 'createdKey' }, ix(['openid', 'status']))).toBe(true)
    expect(servedBy({ equality: ['status', 'type'], sort: '_id' }, ix(['type', 'status', '_id']))).toBe(true)
    expect(servedBy({ equality: [], sort: 'createdKey' }, ix(['createdKey']))).toBe(true)
    expect(servedBy({ equality: ['openid'], sort: 'createdKey' }, ix(['status', 'openid']))).toBe(false)
    expect(servedBy({ equality: [], sort: 'createdKey' }, ix(['status', 'createdKey']))).toBe(false)
  })
})

describe('timer cron syntax (7 fields)', () => {
  test.each(['0 */5 * * * * *', '0 0 2 1 * * *', '0 15 10 * * MON-FRI *', '0 0 10,14,16 * * * *', '0 */30 9-17 * * * *', '0 0 12 * * WED *', '1/10 * * * JAN-JUN * 2026'])('%s is valid', (expr) => {
    expect(cronProblems(expr)).toEqual([])
  })
  test.each([
    ['*/5 * * * *', /has 5 fields/],
    ['0 */5 * * * *', /has 6 fields/],
    ['60 * * * * * *', /second "60"/],
    ['0 0 24 * * * *', /hour "24"/],
    ['0 0 0 0 * * *', /day "0"/],
    ['0 0 0 * 13 * *', /month "13"/],
    ['0 0 0 * * 7 *', /weekday "7"/],
    ['0 0 0 * * * 2100', /year "2100"/],
    ['0 */0 * * * * *', /step "0"/],
    ['0 30-10 * * * * *', /runs backwards/],
    ['0 ? * * * * *', /minute "\?"/],
  ])('%s is rejected', (expr, message) => {
    expect(cronProblems(expr).join('\n')).toMatch(message)
  })

  test('a function config with two timers, a non-timer or a bad name is rejected', () => {
    const bad: RepoSpec = clone(repo)
    bad.functions[0].triggers = [
      { name: '1st', type: 'timer', config: '0 0 * * * * *' },
      { name: 'ok', type: 'cos', config: '0 0 * * * * *' },
    ]
    bad.functions[1].timeout = 61
    bad.functions[1].memorySize = 300
    const problems = functionProblems(bad).join('\n')
    expect(problems).toMatch(/2 triggers; CloudBase allows one/)
    expect(problems).toMatch(/trigger 1st: name/)
    expect(problems).toMatch(/type "cos"/)
    expect(problems).toMatch(/timeout 61/)
    expect(problems).toMatch(/memorySize 300/)
  })
})

describe('security rule syntax', () => {
  test.each(['doc._openid == auth.openid', 'auth != null', "doc.role in ['a', 'b'] && auth.openid != null", '!(resource.openid == auth.openid) || now > 0', "get('database.users.x').role == 'admin'"])('%s parses', (expr) => {
    expect(() => parseRuleExpression(expr, ['auth', 'doc', 'resource', 'now', 'get'])).not.toThrow()
  })
  test.each([
    ['doc._openid ==', /unexpected "end"/],
    ['doc._openid = auth.openid', /unexpected "="/],
    ['user.openid == auth.openid', /unknown name "user"/],
    ["doc.x == 'open", /unterminated string/],
    ['(auth != null', /expected "\)"/],
  ])('%s is rejected', (expr, message) => {
    expect(() => parseRuleExpression(expr, ['auth', 'doc'])).toThrow(message)
  })
  test('rules objects: operations per kind, booleans or expressions', () => {
    expect(ruleProblems('storage.json', { read: true, write: 'resource.openid == auth.openid' }, 'storage')).toEqual([])
    expect(ruleProblems('storage.json', { read: true, write: 'doc._openid == auth.openid' }, 'storage').join()).toMatch(/unknown name "doc"/)
    expect(ruleProblems('storage.json', { read: true, delete: false }, 'storage').join()).toMatch(/rules.write is missing.*|rules.delete is not a storage/)
    expect(ruleProblems('database.json x', { read: 1, write: false }, 'database')).toEqual(['database.json x: rules.read must be true, false or an expression string'])
  })
})

describe('weapp package limits', () => {
  function fakeBuild(sizes: Record<string, number>): string {
    const dir = mkdtempSync(join(tmpdir(), 'weapp-'))
    writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'packages/a' }, { root: 'packages/b/' }] }))
    for (const [file, bytes] of Object.entries(sizes)) {
      mkdirSync(join(dir, file, '..'), { recursive: true })
      writeFileSync(join(dir, file), Buffer.alloc(bytes))
    }
    return dir
  }

  test('main and subpackages are counted apart; DevTools project files are not counted', () => {
    const dir = fakeBuild({ 'app.js': 1000, 'pages/home/index.js': 500, 'packages/a/x.js': 300, 'packages/b/y.js': 200, 'project.config.json': 99 })
    const sizes = packageSizes(dir)
    expect(sizes.subpackages).toEqual({ 'packages/a/': 300, 'packages/b/': 200 })
    expect(sizes.main).toBe(1000 + 500 + Buffer.byteLength(JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'packages/a' }, { root: 'packages/b/' }] })))
    expect(packageProblems(sizes)).toEqual([])
  })

  test('over 2 MB in the main package or a subpackage, or 20 MB in total, fails', () => {
    const mb = 1024 * 1024
    expect(packageProblems({ main: 2 * mb + 1, subpackages: { 'packages/a/': 2 * mb + 1 }, total: 21 * mb })).toEqual([
      expect.stringContaining('main package'),
      expect.stringContaining('subpackage packages/a/'),
      expect.stringContaining('total'),
    ])
  })
})
