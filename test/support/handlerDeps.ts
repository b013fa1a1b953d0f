// What the function runtime gives a handler, over a real database: for calling handlers directly, past the
// gateway (to make calls truly simultaneous, or to fail one database write on purpose).
import type { DB } from 'wx-server-sdk'
import type { Deps } from '@server/types'

export function depsWith(db: DB.Database, now: () => Date = () => new Date()): Deps {
  return {
    db,
    now,
    openapi: {
      msgSecCheck: async () => ({ suggest: 'pass', label: 100 }),
      mediaCheckAsync: async () => ({ traceId: '' }),
      sendSubscribeMessage: async () => ({ errCode: 0, errMsg: 'ok' }),
      getUnlimitedQr: async () => Buffer.alloc(0),
    },
    config: { templates: {} },
    audit: async () => undefined,
    log: () => undefined,
    storage: { env: 'test', tempUrls: async () => ({}), upload: async () => '', download: async () => null, remove: async (ids) => ids },
  }
}
