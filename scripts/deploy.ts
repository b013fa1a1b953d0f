// `npm run deploy -- --env <envId> [--dry-run]`: takes a CloudBase environment to what the repository declares
// — collections, indexes, database and storage rules, functions with their variables and timers — then uploads
// the weapp build as a version. `--dry-run` validates everything and prints the plan offline (what CI runs).
//
//   --env <id>            CloudBase environment id (required)
//   --dry-run             no credentials, no network: validate and print the plan for a new environment
//   --plan-only           read the environment (credentials needed), print the plan, change nothing
//   --quality             also run miniprogram-ci's code-quality check on dist/weapp (offline; fetched on demand)
//   --skip-weapp          deploy the environment only, no mini-program upload
//   --only <fn,fn>        only these functions (no collections, rules or upload): for rolling one function back
//   --version <v>         version to upload (default: package.json version)
//   --desc <text>         upload description (default: "<version> <git commit>")
//   --secrets <file>      default .env.deploy
//   --write-cloudbaserc   regenerate cloudbaserc.json from the function configs and exit
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { writeCloudbaserc } from './deploy/cloudbaserc'
import { MANAGER_PACKAGE, MANAGER_VERSION, type DeployClient } from './deploy/client'
import { EMPTY_STATE, formatPlan, makePlan, pending } from './deploy/plan'
import { BUILT_FUNCTIONS, codeFingerprint, readRepo, ROOT, secretNames, WEAPP_DIST } from './deploy/repo'
import { CREDENTIALS, readSecrets, SECRETS_FILE, WEAPP_KEYS } from './deploy/secrets'
import { deployEnvironment, MissingSecrets, readState, requireSecrets, type DeployContext } from './deploy/steps'
import { loadTool } from './deploy/tools'
import { validateRepo } from './deploy/validate'
import { builtForEnv, CI_PACKAGE, CI_VERSION, type MiniprogramCi, qualityCheck, uploadWeapp } from './deploy/weapp'

interface Args {
  env: string
  dryRun: boolean
  planOnly: boolean
  quality: boolean
  skipWeapp: boolean
  version?: string
  desc?: string
  secrets: string
  writeRc: boolean
  only: string[] | null
}

function parseArgs(argv: string[]): Args {
  const args: Args = { env: '', dryRun: false, planOnly: false, quality: false, skipWeapp: false, secrets: SECRETS_FILE, writeRc: false, only: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`)
      return v
    }
    if (a === '--env') args.env = value()
    else if (a === '--dry-run') args.dryRun = true
    else if (a === '--plan-only') args.planOnly = true
    else if (a === '--quality') args.quality = true
    else if (a === '--skip-weapp') args.skipWeapp = true
    else if (a === '--version') args.version = value()
    else if (a === '--desc') args.desc = value()
    else if (a === '--secrets') args.secrets = resolve(value())
    else if (a === '--write-cloudbaserc') args.writeRc = true
    else if (a === '--only') args.only = value().split(',').map((n) => n.trim()).filter(Boolean)
    else fail(`unknown option ${a} (see the top of scripts/deploy.ts)`)
  }
  return args
}

function fail(message: string): never {
  console.error(`✗ ${message}`)
  process.exit(1)
}

const log = (line: string): void => console.log(line)

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const repo = readRepo()
  if (args.writeRc) {
    writeCloudbaserc(repo)
    log('✓ cloudbaserc.json written from cloudfunctions/<fn>/config.json')
    return
  }
  if (!args.env) fail('--env <envId> is required (the CloudBase environment id, e.g. fengqiao-prod-1a2b3c)')
  if (!/^[a-z0-9][a-z0-9-]{2,}$/i.test(args.env)) fail(`--env "${args.env}" does not look like a CloudBase environment id`)

  log(`▶ 校验 validate: database.json, storage.json, config.json × ${repo.functions.length}, cloudbaserc.json, dist/weapp`)
  const validation = validateRepo(repo)
  log(`  ${Object.keys(repo.database.collections).length} collections, ${Object.values(repo.database.collections).reduce((n, c) => n + c.indexes.length, 0)} indexes, ${validation.queries} sorted query shapes served by an index`)
  if (repo.storage === null) log('  · cloudfunctions/storage.json absent: storage rules are left as they are')
  if (validation.packages) {
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`
    log(`  weapp: main ${kb(validation.packages.main)} (≤ 2 MB), total ${kb(validation.packages.total)} (≤ 20 MB)`)
    for (const [root, bytes] of Object.entries(validation.packages.subpackages)) log(`         ${root.padEnd(26)} ${kb(bytes)} (≤ 2 MB)`)
  } else log('  · dist/weapp not built: package limits not checked (npm run build:weapp)')
  if (validation.problems.length > 0) {
    for (const p of validation.problems) console.error(`  ✗ ${p}`)
    fail(`${validation.problems.length} problem(s); nothing was deployed`)
  }
  log('✓ valid')

  if (args.quality) {
    log(`▶ 代码质量 miniprogram-ci ${CI_VERSION} checkCodeQuality (offline)`)
    const ci = loadTool(CI_PACKAGE, CI_VERSION, log) as MiniprogramCi
    const problems = await qualityCheck(ci, log)
    if (problems.length > 0) {
      for (const p of problems) console.error(`  ✗ ${p}`)
      fail('WeChat code-quality check failed')
    }
    log('✓ code quality')
  }

  if (args.only) {
    const unknown = args.only.filter((n) => !repo.functions.some((f) => f.name === n))
    if (unknown.length) fail(`--only: no function ${unknown.join(', ')} (functions: ${repo.functions.map((f) => f.name).join(', ')})`)
    // Functions only: collections, rules and the mini-program stay as they are.
    repo.database = { collections: {} }
    repo.storage = null
    repo.functions = repo.functions.filter((f) => args.only?.includes(f.name))
    args.skipWeapp = true
    log(`  · --only ${args.only.join(',')}: functions only; collections, rules and the mini-program are not touched`)
  }
  const fingerprints = Object.fromEntries(repo.functions.map((f) => [f.name, codeFingerprint(join(BUILT_FUNCTIONS, f.name))]))
  const secrets = readSecrets(args.secrets)
  const version = args.version ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  const desc = args.desc ?? `${version} ${gitCommit()}`

  if (args.dryRun) {
    log(`\n▶ 计划 plan for ${args.env} — 离线 dry run: the environment is not read, so this is the plan for a new environment`)
    log(formatPlan(makePlan({ repo, secrets: null, fingerprints }, EMPTY_STATE)))
    const names = secretNames(repo)
    if (!secrets.fileFound) log(`  · ${args.secrets} not found (fine for a dry run); a deploy needs: ${[...CREDENTIALS, ...names, ...(args.skipWeapp ? ['WX_APPID'] : WEAPP_KEYS)].join(', ')}`)
    else {
      const missing = [...CREDENTIALS, ...names, ...(args.skipWeapp ? ['WX_APPID'] : WEAPP_KEYS)].filter((n) => !secrets.values[n] || secrets.values[n]?.startsWith('local-'))
      log(missing.length ? `  ✗ ${args.secrets} lacks ${missing.join(', ')}: a deploy would stop` : `  ✓ ${args.secrets} has every value the deploy needs`)
    }
    log(args.skipWeapp ? '  · weapp upload skipped (--skip-weapp)' : `  + upload   weapp version ${version} "${desc}"${existsSync(WEAPP_DIST) ? '' : ' (dist/weapp not built yet)'}`)
    log('✓ dry run: nothing was sent anywhere')
    return
  }

  // Everything a real deploy needs is checked before the first network call.
  const values = secrets.values
  try {
    requireSecrets(repo, values)
  } catch (err) {
    if (err instanceof MissingSecrets) fail(err.message)
    throw err
  }
  const missingCreds = CREDENTIALS.filter((n) => !values[n])
  if (missingCreds.length) fail(`缺少云开发密钥 missing ${missingCreds.join(', ')} in ${args.secrets} (a CAM API key with TCB access: console.cloud.tencent.com/cam/capi)`)
  for (const [name, fp] of Object.entries(fingerprints)) if (!fp) fail(`dist/cloudfunctions/${name} is not built: npm run build:functions`)
  // DescribeSafeRule wants the AppID for a WeChat environment (WxAppId, "微信必传"), so it is needed even without an upload.
  if (!values.WX_APPID) fail(`missing WX_APPID in ${args.secrets}: the mini-program's AppID (mp.weixin.qq.com 开发 → 开发管理 → 开发设置)`)
  const uploadWanted = !args.skipWeapp && !args.planOnly
  if (uploadWanted) {
    const missing = WEAPP_KEYS.filter((n) => !values[n])
    if (missing.length) fail(`missing ${missing.join(', ')} in ${args.secrets}: the AppID and the path of the code-upload key (mp.weixin.qq.com 开发 → 开发设置 → 小程序代码上传), or pass --skip-weapp`)
    if (!existsSync(resolve(ROOT, values.WX_PRIVATE_KEY_PATH ?? ''))) fail(`WX_PRIVATE_KEY_PATH ${values.WX_PRIVATE_KEY_PATH ?? ''}: no such file`)
    if (!existsSync(join(WEAPP_DIST, 'app.json'))) fail('dist/weapp is not built: TARO_APP_CLOUD_ENV=<envId> npm run build:weapp')
    if (!builtForEnv(args.env)) log(`  ! dist/weapp was not built with TARO_APP_CLOUD_ENV=${args.env}: the app will call the mini-program's default environment`)
  }

  const CloudBase = loadTool(MANAGER_PACKAGE, MANAGER_VERSION, log) as new (config: { secretId: string; secretKey: string; envId: string }) => DeployClient
  const client = new CloudBase({ secretId: values.TENCENTCLOUD_SECRETID ?? '', secretKey: values.TENCENTCLOUD_SECRETKEY ?? '', envId: args.env })
  const ctx: DeployContext = { envId: args.env, ...(values.WX_APPID ? { appId: values.WX_APPID } : {}), functionRootPath: BUILT_FUNCTIONS, log }

  if (args.planOnly) {
    log(`\n▶ 计划 plan for ${args.env} (read from the environment; nothing will be changed)`)
    const state = await readState(client, repo, ctx)
    log(formatPlan(makePlan({ repo, secrets: requireSecrets(repo, values), fingerprints }, state)))
    return
  }

  log(`\n▶ 部署 deploy to ${args.env}`)
  const result = await deployEnvironment(client, { repo, fingerprints }, values, ctx)
  log(formatPlan(result.plan))
  log(result.applied.length ? `✓ environment: ${result.applied.length} step(s) applied` : '✓ environment already as declared: nothing to do')
  if (pending(result.plan).length !== result.applied.length) fail('internal: not every pending step ran')

  if (uploadWanted) {
    log(`\n▶ 上传 upload weapp version ${version} "${desc}"`)
    const ci = loadTool(CI_PACKAGE, CI_VERSION, log) as MiniprogramCi
    await uploadWeapp(ci, { appid: values.WX_APPID ?? '', privateKeyPath: resolve(ROOT, values.WX_PRIVATE_KEY_PATH ?? ''), version, desc }, log)
    log('✓ uploaded: set it as 体验版 or submit it for review at mp.weixin.qq.com → 版本管理')
  }
}

main()
  .then(() => process.exit(0)) // miniprogram-ci keeps the process alive (TOOLCHAIN.md)
  .catch((err: unknown) => {
    console.error(`✗ ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  })
