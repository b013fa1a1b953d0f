// The local cloud, composed: the /admin wire API (database, storage, functions, openapi) for the real
// wx-server-sdk, the gateway and dev pages for the H5 build, timer triggers, and the H5 app itself at `/`.
import fs from 'node:fs'
import path from 'node:path'
import { startServer } from './server'
import type { DatabaseSchema, HttpRoute } from './wire'
import { createDatabaseService, type DatabaseService } from './db'
import { createStorage, type Storage, type StorageRules } from './storage'
import { createOpenApi, type OpenApi } from './openapi'
import { createFunctionsRuntime, type FunctionsRuntime } from './functions'
import { createGatewayRoutes } from './gateway'
import { createStaticRoute } from './gateway/static'
import { createTriggers, type Triggers } from './triggers'
import { createDevRoutes, type DevUser } from './devpages'
import { generateCredentials } from './auth'

export type { DatabaseService } from './db'

export interface LocalCloudOptions {
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Holds the database file, stored files and openapi state. Created when missing. */
  dataDir: string
  /** Built functions: `<functionsDir>/<fn>/{index.js,config.json}` (e.g. dist/cloudfunctions). */
  functionsDir: string
  /** The H5 build to serve at `/` (e.g. dist/h5). */
  h5Dir?: string
  /** Collections and indexes (cloudfunctions/database.json). */
  schema: DatabaseSchema
  /** Storage security rules for client writes (cloudfunctions/storage.json `rules`). Default: CloudBase's basic permission. */
  storageRules?: StorageRules
  /** CloudBase environment id the SDK sees. Default `local`. */
  env?: string
  /** The mini-program appid getWXContext() reports. Default `touristappid`. */
  appid?: string
  /** One line per function call on stdout. Default false. */
  log?: boolean
  /** Run timer triggers on their schedule. Default true (runTrigger works either way). */
  schedule?: boolean
  /** Warm instances per function before calls queue. Default 8. */
  maxInstances?: number
  /** Idle instances are stopped after this many ms. Default 5 minutes. */
  idleMs?: number
  /**
   * The function WeChat's message push delivers to (CloudBase console: 设置 → 消息推送 → 云函数), e.g. the
   * `wxa_media_check` result of `security.mediaCheckAsync`. Unset: pushes are only recorded.
   */
  messagePushFunction?: string
}

export interface LocalCloud {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string
  port: number
  db: DatabaseService
  storage: Storage
  openapi: OpenApi
  functions: FunctionsRuntime
  triggers: Triggers
  /** Runs a function's timer trigger now (its first one when no name is given); answers the function's result. */
  runTrigger(fn: string, name?: string): Promise<unknown>
  /**
   * Environment for running the real wx-server-sdk in another process against this local cloud (tests, scripts),
   * with this run's secret: /admin refuses wire calls not signed with it.
   */
  sdkEnv: Record<string, string>
  stop(): Promise<void>
}

/** The database file inside the data directory. */
export const DB_FILE = 'db.sqlite'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

function toDevUser(doc: Record<string, unknown>): DevUser {
  return { _id: String(doc._id), name: str(doc.name), role: str(doc.role), villageId: str(doc.villageId) }
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const env = opts.env ?? 'local'
  const appid = opts.appid ?? 'touristappid'
  // CloudBase runs functions in UTC. TZ is process-wide (a worker thread's own TZ variable does not change its
  // clock), so the process hosting the local cloud runs in UTC too: a time-zone bug in a function shows here.
  if (process.env.TZ !== 'UTC') process.env.TZ = 'UTC'
  // The per-run secret: /admin answers only callers signing with it (its own instances, sdkEnv).
  const credentials = generateCredentials()
  fs.mkdirSync(opts.dataDir, { recursive: true })
  let baseUrl = ''

  const db = createDatabaseService({ file: path.join(opts.dataDir, DB_FILE), schema: opts.schema })
  const storage = createStorage({ dir: path.join(opts.dataDir, 'storage'), baseUrl: () => baseUrl, env, rules: opts.storageRules })
  const functions = createFunctionsRuntime({
    functionsDir: opts.functionsDir,
    env,
    log: opts.log,
    maxInstances: opts.maxInstances,
    idleMs: opts.idleMs,
    credentials,
  })
  const openapi = createOpenApi({
    dataDir: opts.dataDir,
    appid,
    baseUrl: () => baseUrl,
    functionPermissions: (fn) => functions.config(fn)?.permissions?.openapi ?? [],
    onMediaCheckResult: opts.messagePushFunction
      ? async (event) => {
          // 云函数接收消息推送 (developers.weixin.qq.com … /wxcloud/guide/functions/openapi): the event is the push's own
          // JSON (`ToUserName`, `FromUserName`, `CreateTime`, `MsgType: 'event'`, `Event: 'wxa_media_check'`, `appid`,
          // `trace_id`, `version`, `result`, `detail`), with no `userInfo`. The docs show OPENID = the sender only for
          // customer-service messages and list no SOURCE for pushes; getWXContext's SOURCE table has `wx_unknown`
          // (微信未知来源调用) for WeChat-side calls that are not the client, which is what the local cloud reports:
          // never `wx_client`, so a client event imitating a push is told apart by SOURCE. OPENID is empty.
          await functions.invoke(opts.messagePushFunction as string, event, { OPENID: '', APPID: appid, SOURCE: 'wx_unknown' })
        }
      : undefined,
  })
  const triggers = createTriggers({ functions, log: opts.log })

  const routes: HttpRoute[] = [
    ...createGatewayRoutes({ functions, appid, env, put: (cloudPath, bytes, type, openid) => storage.clientPut(cloudPath, bytes, type, openid) }),
    ...createDevRoutes({
      triggers,
      listUsers: () => db.find('users', {}, { limit: 1000 }).map(toDevUser),
      listOutbox: () => openapi.listOutbox().map((entry) => ({ ...entry })),
    }),
    ...storage.routes,
    // Last: everything else is a file of the H5 build.
    createStaticRoute(opts.h5Dir),
  ]

  const server = await startServer({ port: opts.port ?? 0, services: [db, storage.service, functions, openapi], routes, credentials, env })
  baseUrl = server.url
  functions.setServerUrl(server.url)
  if (opts.schedule !== false) triggers.start()

  const sdkEnv: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${server.url}/admin?` }),
    TENCENTCLOUD_SECRETID: credentials.secretId,
    TENCENTCLOUD_SECRETKEY: credentials.secretKey,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: env,
    TCB_ENV: env,
  }

  let stopped: Promise<void> | undefined
  return {
    url: server.url,
    port: server.port,
    db,
    storage,
    openapi,
    functions,
    triggers,
    runTrigger: (fn, name) => triggers.run(fn, name),
    sdkEnv,
    stop() {
      stopped ??= (async () => {
        triggers.stop()
        // Functions first (their in-flight wire calls need the server), then the server closes every service.
        await functions.close()
        await server.close()
      })()
      return stopped
    },
  }
}
