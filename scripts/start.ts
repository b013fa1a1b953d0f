// `npm start`: builds the functions and the H5 app, seeds an empty data directory, and serves everything on the
// local cloud (http://127.0.0.1:7788/). Works offline once dependencies are installed.
//   --no-build   use dist/ as it is (no function or H5 build)
//   PORT, LOCAL_CLOUD_DATA as for the local cloud (local-cloud/src/main.ts)
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions } from './build-functions'
import { cliSettings, ROOT, runLocalCloud } from '../local-cloud/src/main'
import { needsSeed, seedDataDir } from './seed'

/** What the H5 build depends on; a change in any of them makes dist/h5 stale. */
const H5_INPUTS = ['src', 'config', 'cloudfunctions/common/contract', 'package.json', 'babel.config.js', 'tsconfig.json', 'project.config.json']

function newestMtime(p: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(p)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}

export function h5IsStale(root = ROOT): boolean {
  const index = path.join(root, 'dist', 'h5', 'index.html')
  if (!fs.existsSync(index)) return true
  const built = fs.statSync(index).mtimeMs
  return H5_INPUTS.some((input) => newestMtime(path.join(root, input)) > built)
}

function buildH5(): void {
  console.log('构建 H5 应用 building the H5 app (taro build --type h5)…')
  const taro = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro')
  const r = spawnSync(taro, ['build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`taro build --type h5 failed (exit ${r.status ?? r.signal})`)
}

async function main(): Promise<void> {
  const noBuild = process.argv.includes('--no-build')
  const settings = cliSettings()
  if (!noBuild) {
    const t0 = Date.now()
    const built = await buildFunctions({ quiet: true })
    console.log(`云函数已构建 built ${built.length} functions in ${Date.now() - t0} ms: ${built.map((f) => f.name).join(', ')}`)
    if (h5IsStale()) buildH5()
    else console.log('H5 应用没有变化，跳过构建 dist/h5 is up to date')
  }
  if (needsSeed(settings.dataDir)) {
    const counts = seedDataDir(settings.dataDir)
    console.log(`新的数据目录，已载入演示数据 seeded ${Object.values(counts).reduce((a, b) => a + b, 0)} documents`)
  }
  await runLocalCloud(settings)
}

main().catch((err: unknown) => {
  console.error('启动失败 start failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
