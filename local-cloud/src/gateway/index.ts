// The H5 build's stand-in for `wx.cloud`: call a function, upload a file.
//
// POST /gateway/call   {"name": "<fn>", "data": {...}}, header X-Local-Openid: <openid>
//   200 {"result": <what the function returned>}          (what wx.cloud.callFunction gives in `.result`)
//   4xx/5xx {"errCode": <number>, "errMsg": "cloud.callFunction:fail ..."}   (what wx.cloud's fail gives)
// POST /gateway/upload multipart: field `cloudPath`, then file field `file`
//   200 {"fileID": "cloud://..."} | 4xx {"errCode", "errMsg": "cloud.uploadFile:fail ..."}
//
// Identity: the header names the caller's OPENID. No header (or an empty one) runs the function with an empty
// OPENID, which the app's functions treat as a signed-out visitor. The gateway exists only on the loopback
// local cloud; in production the identity comes from WeChat itself.
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
  /** Stores an uploaded file and returns its fileID (H3's storage `put`). Without it, uploads answer 501. */
  put?: (cloudPath: string, bytes: Buffer, contentType?: string) => string
  /** The APPID getWXContext() reports. */
  appid: string
  maxUploadBytes?: number
}

/** wx.cloud's failure shape. */
export interface GatewayFailure {
  errCode: number
  errMsg: string
}

function failure(res: ServerResponse, status: number, api: string, errCode: number, detail: string): void {
  const body: GatewayFailure = { errCode, errMsg: `cloud.${api}:fail errCode: ${errCode} | errMsg: ${detail}` }
  sendJson(res, status, body)
}

/** The caller's OPENID from X-Local-Openid ('' when absent). */
export function callerOpenid(req: IncomingMessage): string {
  const raw = req.headers['x-local-openid']
  const value = Array.isArray(raw) ? raw[0] : raw
  return (value ?? '').trim()
}

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
}

export function createGatewayRoutes(opts: GatewayOptions): HttpRoute[] {
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES

  async function call(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown
    try {
      const raw = await readBody(req, MAX_CALL_BODY)
      body = JSON.parse(raw.toString('utf8')) as unknown
    } catch (err) {
      if (err instanceof WireError && err.status === 413) return failure(res, 413, 'callFunction', -501007, `request body exceeds ${MAX_CALL_BODY} bytes`)
      return failure(res, 400, 'callFunction', -501007, 'request body must be JSON: {"name": "<function>", "data": {...}}')
    }
    const { name, data } = (body && typeof body === 'object' ? body : {}) as { name?: unknown; data?: unknown }
    if (typeof name !== 'string' || name === '') return failure(res, 400, 'callFunction', -501007, 'name must be the function name')
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      return failure(res, 400, 'callFunction', -501007, 'data must be an object')
    }
    try {
      // The H5 app stands in for the mini-program, so the call's SOURCE is the mini-program client's.
      const result = await opts.functions.invoke(name, data ?? {}, {
        OPENID: callerOpenid(req),
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

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const put = opts.put
    if (!put) return failure(res, 501, 'uploadFile', -503001, 'storage is not available')
    let parsed: { cloudPath?: string; bytes?: Buffer; mime?: string }
    try {
      parsed = await readUpload(req, maxUpload)
    } catch (err) {
      const e = err as Error & { status?: number }
      return failure(res, e.status ?? 400, 'uploadFile', -503001, e.message)
    }
    if (!parsed.cloudPath) return failure(res, 400, 'uploadFile', -501007, 'cloudPath is required')
    if (!parsed.bytes) return failure(res, 400, 'uploadFile', -501007, 'file is required')
    try {
      const fileID = put(parsed.cloudPath, parsed.bytes, parsed.mime && parsed.mime !== 'application/octet-stream' ? parsed.mime : undefined)
      sendJson(res, 200, { fileID })
    } catch (err) {
      if (err instanceof WireError) return failure(res, 400, 'uploadFile', -503001, err.message)
      throw err
    }
  }

  return [
    { method: 'POST', path: '/gateway/call', handle: (req, res) => call(req, res) },
    { method: 'POST', path: '/gateway/upload', handle: (req, res) => upload(req, res) },
  ]
}

function httpError(status: number, message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status })
}

function readUpload(req: IncomingMessage, limit: number): Promise<{ cloudPath?: string; bytes?: Buffer; mime?: string }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 4096 } })
    } catch {
      reject(httpError(400, 'upload must be multipart/form-data with fields cloudPath and file'))
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
      stream.on('limit', () => fail(httpError(413, `file is larger than ${Math.round(limit / 1024 / 1024)} MB`)))
      stream.on('end', () => {
        out.bytes = Buffer.concat(chunks)
        out.mime = info.mimeType
      })
    })
    bb.on('close', () => {
      if (!failed) resolve(out)
    })
    bb.on('error', (err: Error) => fail(httpError(400, `malformed upload: ${err.message}`)))
    req.pipe(bb)
  })
}
