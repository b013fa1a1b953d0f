// The REAL wx-server-sdk of this test process, pointed at a bare local-cloud server through the environment a
// function instance gets (DESIGN.md "The local cloud"), as if called from the cloud function `fn`.

/** What every test's own view of the SDK has. */
export interface SdkCore {
  init(opts: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
}

import type { RunningServer } from '../../../local-cloud/src/server'

/**
 * `T` is the caller's view of the SDK (its own typed subset, or the SDK's declared types). The SDK signs with the
 * server's per-run secret, as a function instance does.
 */
export function sdkAgainst<T>(server: Pick<RunningServer, 'url' | 'credentials'>, opts: { env: string; fn: string; extra?: Record<string, string> }): T {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${server.url}/admin?fn=${opts.fn}&` }),
    TENCENTCLOUD_SECRETID: server.credentials.secretId,
    TENCENTCLOUD_SECRETKEY: server.credentials.secretKey,
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: opts.env,
    TCB_ENV: opts.env,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: 'dev-resident-1',
    WX_APPID: 'wx-local',
    ...opts.extra,
  })
  // The SDK must load after the env vars are set.
  const cloud: T & SdkCore = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}
