// The H5 build's stand-in for `wx.cloud`: call a function, upload a file.
//
// POST /gateway/call   {"name": "<fn>", "data": {...}}, header X-Local-Openid: <openid>
//   200 {"result": <what the function returned>}          (what wx.cloud.callFunction gives in `.result`)
//   4xx/5xx {"errCode": <number>, "errMsg": "cloud.callFunction:fail ..."}   (what wx.cloud's fail gives)
// POST /gateway/upload multipart: field `cloudPath`, then file field `file`
//   200 {"fileID": "cloud://..."} | 4xx {"errCode", "errMsg": "cloud.uploadFile:fail ..."}
//
// Identity: the header names the caller's OPENID. No header (or an empty one) is a signed-out visitor: the function
// runs with an empty OPENID and SOURCE `wx_client`, never as the system. The event gets `userInfo: { appId, openId }`
// as wx.cloud adds it. Uploads need an identity, go only under `uploads/`, and obey the storage security rules
// (cloudfunctions/storage.json: a client cannot overwrite a file someone else created). Only same-origin requests
// with this server's Host reach these routes (server.ts), and /gateway/call takes only a JSON content type.
// Rejections answer wx.cloud's shape with a Chinese errMsg. The gateway exists only on the loopback local cloud;
// in production the identity comes from WeChat itself.
import type { IncomingMessage, ServerResponse } from 'node:http'
import busboy from 'busboy'
import { readBody, sendJson } from '../server'
import { WireError, type HttpRoute } from '../wire'
import { FunctionError, type FunctionErrorCode, type FunctionsRuntime } from '../functions'

const GATEWAY_STATUS: Record<FunctionErrorCode, number> = {
  FUNCTION_NOT_FOUND: 404,
  FUNCTIONS_TIME_LIMIT_EXCEEDED: 504,
  FUNCTIONS_EXECUTE_FAIL: 502,
  INVALID_PARAM: 400,
  RESULT_SIZE_EXCEED_LIMIT: 502,
}

export const MAX_CALL_BODY = 1024 * 1024
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export interface GatewayOptions {
  functions: Pick<FunctionsRuntime, 'invoke'>
  /**
   * Stores a client's upload under the storage security rules (storage `clientPut`) and returns its fileID; throws a
   * WireError (StorageDeniedError) when refused. Without it, uploads answer 501.
   */
  put?: (cloudPath: string, bytes: Buffer, contentType: string | undefined, openid: string) => string
  /** The APPID getWXContext() reports. */
  appid: string
  /** The CloudBase environment id; a call naming another `?env` is refused. */
  env?: string
  maxUploadBytes?: number
}

/** wx.cloud's failure shape. */
export interface GatewayFailure {
  errCode: number
  errMsg: string
}

/** Client uploads go only here (the app's upload area; see cloudfunctions/storage.json). */
export const CLIENT_UPLOAD_PREFIX = 'uploads/'

function failure(res: ServerResponse, status: number, api: string, errCode: number, detail: string): void {
  const body: GatewayFailure = { errCode, errMsg: `cloud.${api}:fail errCode: ${errCode} | errMsg: ${detail}` }
  sendJson(res, status, body)
}

/** The caller's OPENID from X-Local-Openid ('' when absent: a signed-out visitor, never the system). */
export function callerOpenid(req: IncomingMessage): string {
  const raw = req.headers['x-local-openid']
  const value = Array.isArray(raw) ? raw[0] : raw
  return (value ?? '').trim()
}

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
}

const isJson = (req: IncomingMessage) => /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')

export function createGatewayRoutes(opts: GatewayOptions): HttpRoute[] {
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

  /** Why the call names another environment, or undefined. */
  function envProblem(url: URL): string | undefined {
    const env = url.searchParams.get('env')
    if (env === null || opts.env === undefined || env === opts.env) return undefined
    return `云开发环境 ${JSON.stringify(env)} 不存在，本地云只有 ${JSON.stringify(opts.env)} (unknown env)`
  }

  async function call(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const wrongEnv = envProblem(url)
    if (wrongEnv) {
      req.resume()
      return failure(res, 400, 'callFunction', -501005, wrongEnv)
    }
    if (!isJson(req)) {
      req.resume()
      return failure(res, 415, 'callFunction', -501007, '请求格式不对：要用 Content-Type: application/json 发送 (JSON content type required)')
    }
    let body: unknown
    try {
      const raw = await readBody(req, MAX_CALL_BODY)
      body = JSON.parse(raw.toString('utf8')) as unknown
    } catch (err) {
      if (err instanceof WireError && err.status === 413) return failure(res, 413, 'callFunction', -501007, `请求内容太大，不能超过 ${mb(MAX_CALL_BODY)}`)
      return failure(res, 400, 'callFunction', -501007, '请求内容不是有效的 JSON，应为 {"name": "云函数名", "data": {...}}')
    }
    const { name, data } = (body && typeof body === 'object' ? body : {}) as { name?: unknown; data?: unknown }
    if (typeof name !== 'string' || name === '') return failure(res, 400, 'callFunction', -501007, '缺少要调用的云函数名 (name)')
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      return failure(res, 400, 'callFunction', -501007, '参数 data 必须是一个对象')
    }
    const openid = callerOpenid(req)
    try {
      // The H5 app stands in for the mini-program, so the call's SOURCE is the mini-program client's, and the event
      // carries `userInfo` as wx.cloud.callFunction adds it (set by the platform: a client cannot forge it).
      const event = { ...(data as Record<string, unknown> | undefined), userInfo: { appId: opts.appid, openId: openid } }
      const result = await opts.functions.invoke(name, event, {
        OPENID: openid,
        APPID: opts.appid,
        CLIENTIP: clientIp(req),
        SOURCE: 'wx_client',
      })
      sendJson(res, 200, { result })
    } catch (err) {
      if (err instanceof FunctionError) {
        const status = GATEWAY_STATUS[err.code]
        const label = err.code === 'FUNCTIONS_EXECUTE_FAIL' || err.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED' ? 'functions execute fail | ' : ''
        return failure(res, status, 'callFunction', err.errCode, `${label}${err.message}`)
      }
      throw err
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const put = opts.put
    if (!put) {
      req.resume()
      return failure(res, 501, 'uploadFile', -503001, '本地云没有开启文件存储')
    }
    const wrongEnv = envProblem(url)
    if (wrongEnv) {
      req.resume()
      return failure(res, 400, 'uploadFile', -501005, wrongEnv)
    }
    const openid = callerOpenid(req)
    if (!openid) {
      req.resume()
      return failure(res, 401, 'uploadFile', -503002, '请先登录再上传文件')
    }
    let parsed: { cloudPath?: string; bytes?: Buffer; mime?: string }
    try {
      parsed = await readUpload(req, maxUpload)
    } catch (err) {
      const e = err as Error & { status?: number }
      return failure(res, e.status ?? 400, 'uploadFile', -503001, e.message)
    }
    if (!parsed.cloudPath) return failure(res, 400, 'uploadFile', -501007, '缺少存放路径 (cloudPath)')
    if (!parsed.bytes) return failure(res, 400, 'uploadFile', -501007, '缺少要上传的文件 (file)')
    if (!parsed.cloudPath.startsWith(CLIENT_UPLOAD_PREFIX)) {
      return failure(res, 403, 'uploadFile', -503002, `只能上传到 ${CLIENT_UPLOAD_PREFIX} 目录下`)
    }
    try {
      const fileID = put(parsed.cloudPath, parsed.bytes, parsed.mime && parsed.mime !== 'application/octet-stream' ? parsed.mime : undefined, openid)
      sendJson(res, 200, { fileID })
    } catch (err) {
      if (err instanceof WireError && err.status === 403) return failure(res, 403, 'uploadFile', -503002, err.message)
      if (err instanceof WireError) return failure(res, 400, 'uploadFile', -503001, `存放路径不对：${err.message}`)
      throw err
    }
  }

  return [
    { method: 'POST', path: '/gateway/call', handle: (req, res, url) => call(req, res, url) },
    { method: 'POST', path: '/gateway/upload', handle: (req, res, url) => upload(req, res, url) },
  ]
}

function httpError(status: number, message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status })
}

function readUpload(req: IncomingMessage, limit: number): Promise<{ cloudPath?: string; bytes?: Buffer; mime?: string }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy
    try {
      // busboy truncates at fileSize and reports `limit` once a file reaches it, so a file of exactly `limit` bytes
      // would be refused: allow one byte more and check the real size at the end.
      bb = busboy({ headers: req.headers, limits: { fileSize: limit + 1, files: 1, fields: 10, fieldSize: 4096 } })
    } catch {
      reject(httpError(400, '上传格式不对：要用 multipart/form-data，带 cloudPath 和 file 两项'))
      return
    }
    const out: { cloudPath?: string; bytes?: Buffer; mime?: string } = {}
    let failed = false
    const fail = (err: Error) => {
      if (failed) return
      failed = true
      req.unpipe(bb)
      req.resume()
      reject(err)
    }
    bb.on('field', (name, value) => {
      if (name === 'cloudPath') out.cloudPath = value
    })
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume()
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      const tooLarge = () => httpError(413, `文件太大，不能超过 ${Math.round(limit / 1024 / 1024)} MB`)
      stream.on('limit', () => fail(tooLarge()))
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks)
        if (bytes.length > limit) return fail(tooLarge())
        out.bytes = bytes
        out.mime = info.mimeType
      })
    })
    bb.on('close', () => {
      if (!failed) resolve(out)
    })
    bb.on('error', (err: Error) => fail(httpError(400, `上传内容不完整或格式不对 (${err.message})`)))
    req.pipe(bb)
  })
}
