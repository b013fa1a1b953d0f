// CloudBase's manager SDK and miniprogram-ci are large (miniprogram-ci alone is 275 MB installed), so they are
// not in package.json: the deploy installs the exact version it was written against into
// node_modules/.cache/fengqiao-deploy/<name>@<version>/ (or $FENGQIAO_TOOLS_CACHE/<name>@<version>/) the first
// time it needs it, and loads it from there.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from './repo'

export const TOOLS_CACHE = process.env.FENGQIAO_TOOLS_CACHE || join(ROOT, 'node_modules', '.cache', 'fengqiao-deploy')

function installedVersion(dir: string, name: string): string | null {
  const pkg = join(dir, 'node_modules', ...name.split('/'), 'package.json')
  if (!existsSync(pkg)) return null
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? null
}

/** Installs `name@version` into the tools cache when it is not there yet, and returns the folder to require from. */
export function fetchTool(name: string, version: string, log: (line: string) => void = console.log): string {
  const dir = join(TOOLS_CACHE, `${name.replace('/', '+')}@${version}`)
  if (installedVersion(dir, name) === version) return dir
  mkdirSync(dir, { recursive: true })
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'fengqiao-deploy-tool', private: true }, null, 2)}\n`)
  log(`正在获取 fetching ${name}@${version} (once, into ${dir}) …`)
  const started = Date.now()
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel', 'error', `${name}@${version}`], { cwd: dir, stdio: 'inherit' })
  if (r.status !== 0 || installedVersion(dir, name) !== version) {
    throw new Error(`could not install ${name}@${version} (npm exit ${String(r.status)}): check the registry is reachable, or install it by hand in ${dir}`)
  }
  log(`✓ ${name}@${version} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  return dir
}

/** `require(name)` resolved from the tools cache. */
export function loadTool(name: string, version: string, log?: (line: string) => void): unknown {
  const dir = fetchTool(name, version, log)
  return createRequire(join(dir, 'package.json'))(name) as unknown
}
