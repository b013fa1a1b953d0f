// Binds the runtime to wx-server-sdk: initialises the SDK once and builds `Deps` from it.
import cloud from 'wx-server-sdk'
import type { DB } from 'wx-server-sdk'
import { insert } from './db'
import type { AppConfig, Deps, MsgSecCheckResult, OpenApi } from './types'
import { AUDIT_LOG } from '@server/collections'

let initialised = false

/** The SDK, initialised on first use with the environment the function runs in. */
export function sdk(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV is a symbol the SDK accepts, though its typings only allow a string here.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

/** The slice of `cloud.openapi` we call (the SDK types it as `Record<string, any>`); keys are camelCase as the SDK converts them. */
interface OpenApiSdk {
  security: {
    msgSecCheck(input: { openid: string; scene: number; version: 2; content: string; title?: string }): Promise<{ result?: { suggest?: string; label?: number } }>
    mediaCheckAsync(input: { openid: string; scene: number; version: 2; mediaUrl: string; mediaType: number }): Promise<{ traceId?: string }>
  }
  subscribeMessage: {
    send(input: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<{ errCode?: number; errMsg?: string }>
  }
  wxacode: {
    getUnlimited(input: { scene: string; page?: string; width?: number; checkPath?: boolean }): Promise<{ buffer: Buffer; contentType?: string }>
  }
}

/** An error the SDK throws for a WeChat errcode. */
function errorCodeOf(err: unknown): { errCode: number; errMsg: string } | null {
  if (typeof err !== 'object' || err === null) return null
  const { errCode, errMsg } = err as { errCode?: unknown; errMsg?: unknown }
  return typeof errCode === 'number' ? { errCode, errMsg: typeof errMsg === 'string' ? errMsg : String(errCode) } : null
}

const SUGGESTIONS: readonly MsgSecCheckResult['suggest'][] = ['pass', 'review', 'risky']

export function openApi(api: OpenApiSdk): OpenApi {
  return {
    async msgSecCheck({ openid, content, scene, title }) {
      const res = await api.security.msgSecCheck({ openid, scene, version: 2, content, ...(title ? { title } : {}) })
      const suggest = SUGGESTIONS.find((s) => s === res.result?.suggest) ?? 'review'
      return { suggest, label: res.result?.label ?? 0 }
    },
    async mediaCheckAsync({ openid, mediaUrl, mediaType, scene }) {
      const res = await api.security.mediaCheckAsync({ openid, scene, version: 2, mediaUrl, mediaType })
      return { traceId: res.traceId ?? '' }
    },
    async sendSubscribeMessage(input) {
      // A user who did not subscribe makes WeChat answer an errcode (43101), which the SDK throws; callers decide.
      try {
        const res = await api.subscribeMessage.send(input)
        return { errCode: res.errCode ?? 0, errMsg: res.errMsg ?? 'ok' }
      } catch (err) {
        const coded = errorCodeOf(err)
        if (coded) return coded
        throw err
      }
    },
    async getUnlimitedQr({ scene, page, width }) {
      const res = await api.wxacode.getUnlimited({ scene, ...(page ? { page, checkPath: false } : {}), ...(width ? { width } : {}) })
      return res.buffer
    },
  }
}

/** Reads configuration from the function's environment variables. `TEMPLATE_ALERT` becomes `templates.alert`. */
export function configFromEnv(env: NodeJS.ProcessEnv): AppConfig {
  const templates: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('TEMPLATE_') && value) templates[name.slice('TEMPLATE_'.length).toLowerCase()] = value
  }
  const firstAdmin = env.FIRST_ADMIN_OPENID?.trim()
  return { ...(firstAdmin ? { firstAdminOpenid: firstAdmin } : {}), templates }
}


export function buildDeps(): Deps {
  const c = sdk()
  const db: DB.Database = c.database()
  const now = () => new Date()
  return {
    db,
    now,
    openapi: openApi(c.openapi as OpenApiSdk),
    config: configFromEnv(process.env),
    async audit(entry) {
      await insert(db, AUDIT_LOG, { ...entry, at: now() })
    },
    log(message, detail) {
      console.log(JSON.stringify({ message, ...detail }))
    },
    storage: {
      // TCB_ENV (or SCF_NAMESPACE), as CloudBase sets it for every function instance.
      env: c.getWXContext().ENV ?? '',
      async tempUrls(fileIds, maxAgeSeconds) {
        if (fileIds.length === 0) return {}
        const res = await c.getTempFileURL({ fileList: maxAgeSeconds ? fileIds.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) : fileIds })
        if (!res) throw new Error('getTempFileURL did not return a promise')
        const urls: Record<string, string> = {}
        for (const item of res.fileList) if (item.tempFileURL) urls[item.fileID] = item.tempFileURL
        return urls
      },
      async upload(cloudPath, content) {
        const res = await c.uploadFile({ cloudPath, fileContent: content })
        return res.fileID
      },
      async download(fileId) {
        try {
          const res = await c.downloadFile({ fileID: fileId })
          return Buffer.isBuffer(res.fileContent) ? res.fileContent : Buffer.from(res.fileContent ?? [])
        } catch (err) {
          // The SDK throws both for a missing file and for a failed transfer: ask whether the file is there.
          const found = await c.getTempFileURL({ fileList: [fileId] })
          if (!found?.fileList.some((f) => f.fileID === fileId && f.tempFileURL)) return null
          throw err
        }
      },
      async remove(fileIds) {
        if (fileIds.length === 0) return []
        const res = await c.deleteFile({ fileList: fileIds })
        if (!res) throw new Error('deleteFile did not return a promise')
        // -503003: no such file; it is gone either way. Other failures keep the id, to be tried again.
        return (res.fileList ?? []).filter((f) => f.status === 0 || f.status === -503003).map((f) => f.fileID)
      },
    },
  }
}
