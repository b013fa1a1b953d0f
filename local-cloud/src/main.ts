// The local cloud as a command: `tsx local-cloud/src/main.ts` (npm start builds first, then calls runLocalCloud).
// PORT (default 7788), LOCAL_CLOUD_DATA (default .local-cloud/), LOCAL_CLOUD_ENV (default local). Loopback only.
import fs from 'node:fs'
import path from 'node:path'
import { instancesForThisMachine } from './functions'
import { startLocalCloud, type LocalCloud } from './index'
import type { DatabaseSchema } from './wire'
import type { StorageRules } from './storage'

export const ROOT = path.resolve(__dirname, '..', '..')
export const DEFAULT_PORT = 7788

export interface CliSettings {
  port: number
  dataDir: string
  env: string
}

export function cliSettings(environ: NodeJS.ProcessEnv = process.env): CliSettings {
  const port = environ.PORT ? Number(environ.PORT) : DEFAULT_PORT
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${environ.PORT}`)
  return {
    port,
    dataDir: path.resolve(ROOT, environ.LOCAL_CLOUD_DATA || '.local-cloud'),
    env: environ.LOCAL_CLOUD_ENV || 'local',
  }
}

export function loadSchema(): DatabaseSchema {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'database.json'), 'utf8')) as DatabaseSchema
}

/** The storage security rules we set in the console (`cloudfunctions/storage.json`, top-level `rules`). */
export function loadStorageRules(): StorageRules {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'storage.json'), 'utf8')) as { rules?: StorageRules }
  if (!file.rules) throw new Error('cloudfunctions/storage.json has no "rules"')
  return file.rules
}

/** Starts the local cloud with the CLI settings, prints where it is, and stops it cleanly on SIGINT/SIGTERM. */
export async function runLocalCloud(settings: CliSettings = cliSettings()): Promise<LocalCloud> {
  const cloud = await startLocalCloud({
    port: settings.port,
    dataDir: settings.dataDir,
    functionsDir: path.join(ROOT, 'dist', 'cloudfunctions'),
    maxInstances: instancesForThisMachine(),
    h5Dir: path.join(ROOT, 'dist', 'h5'),
    schema: loadSchema(),
    storageRules: loadStorageRules(),
    env: settings.env,
    log: true,
    // reports handles the `wxa_media_check` push of its photo checks.
    messagePushFunction: 'reports',
  })
  console.log(`本地云已启动 local cloud running`)
  console.log(`  应用 app (村民 dev-resident-1): ${cloud.url}/dev/login?openid=dev-resident-1`)
  console.log(`  民警 officer:                   ${cloud.url}/dev/login?openid=dev-officer`)
  console.log(`  选择身份 dev sign-in:           ${cloud.url}/dev/`)
  console.log(`  数据 data:           ${settings.dataDir}`)
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the local cloud…`)
    cloud.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  return cloud
}

if (require.main === module) {
  // A stray rejection in a route must not take the whole local cloud down; log it and keep serving.
  process.on('unhandledRejection', (reason) => console.error('[local-cloud] unhandled rejection:', reason))
  runLocalCloud().catch((err: unknown) => {
    console.error('本地云启动失败 local cloud failed to start:', err)
    process.exit(1)
  })
}
