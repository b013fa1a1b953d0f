// The local cloud's HTTP front: parses `/admin` wire calls for the services and hands other paths to routes.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import busboy from 'busboy'
import { WireError, type AdminReply, type AdminRequest, type AdminService, type HttpRoute } from './wire'
import { generateCredentials, hostProblem, originProblem, wireAuthProblem, type Credentials } from './auth'

/** CloudBase refuses request bodies over 1 MB; so do we. */
export const MAX_ADMIN_BODY = 1024 * 1024

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number
  services: AdminService[]
  routes: HttpRoute[]
  /** The per-run secret /admin callers must sign with. Default: a fresh one (see `RunningServer.credentials`). */
  credentials?: Credentials
  /** The CloudBase environment id; a wire call for another `env` is refused. Unset: any env is served. */
  env?: string
}

export interface RunningServer {
  url: string
  port: number
  /** The secret /admin answers to (give it to the SDK as TENCENTCLOUD_SECRETID/SECRETKEY). */
  credentials: Credentials
  close(): Promise<void>
}

/** Paths only the local cloud's own pages may call from a browser (same-origin checks). */
const BROWSER_PATHS = ['/gateway/', '/dev']

/**
 * How a refused request is answered: wx.cloud's failure shape on the gateway (errCode -501008, INVALID_REQUEST_SOURCE),
 * `{ code, message }` elsewhere.
 */
function refuse(res: http.ServerResponse, pathname: string, status: number, detail: string): void {
  const api = pathname.startsWith('/gateway/upload') ? 'uploadFile' : pathname.startsWith('/gateway/') ? 'callFunction' : undefined
  if (api) return sendJson(res, status, { errCode: -501008, errMsg: `cloud.${api}:fail errCode: -501008 | errMsg: ${detail}` })
  if (pathname.startsWith('/dev')) return sendJson(res, status, { errCode: -501008, errMsg: detail })
  sendJson(res, status, { code: 'INVALID_REQUEST_SOURCE', message: detail })
}

const JSON_TYPE = 'application/json; charset=utf-8'

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** Reads a whole body, refusing more than `limit` bytes with a WireError. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (refused) {
        // Drain (so the client reads our 413) but not forever.
        if (size > limit * 16) req.destroy()
        return
      }
      if (size > limit) {
        refused = true
        chunks.length = 0
        reject(new WireError('INVALID_PARAM', `request body exceeds ${limit} bytes`, 413))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

function parseMultipart(req: http.IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {}
    let size = 0
    let failed = false
    const fail = (err: Error) => {
      if (failed) return
      failed = true
      reject(err)
      req.unpipe()
      req.resume()
    }
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: req.headers, limits: { fieldSize: limit, fileSize: limit } })
    } catch (err) {
      reject(new WireError('INVALID_PARAM', `malformed multipart request: ${(err as Error).message}`, 400))
      return
    }
    bb.on('field', (name, value) => {
      size += value.length
      if (size > limit) fail(new WireError('INVALID_PARAM', `request body exceeds ${limit} bytes`, 413))
      fields[name] = value
    })
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => {
        size += c.length
        if (size > limit) fail(new WireError('INVALID_PARAM', `request body exceeds ${limit} bytes`, 413))
        else chunks.push(c)
      })
      stream.on('end', () => {
        fields[name] = Buffer.concat(chunks)
      })
    })
    bb.on('close', () => {
      if (!failed) resolve(fields)
    })
    bb.on('error', (err: Error) => fail(new WireError('INVALID_PARAM', `malformed multipart request: ${err.message}`, 400)))
    req.pipe(bb)
  })
}

async function parseAdmin(req: http.IncomingMessage, url: URL): Promise<AdminRequest> {
  const type = req.headers['content-type'] ?? ''
  let params: Record<string, unknown>
  if (type.startsWith('multipart/form-data')) {
    params = await parseMultipart(req, MAX_ADMIN_BODY)
  } else {
    const raw = await readBody(req, MAX_ADMIN_BODY)
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8') || 'null')
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body is not an object')
      params = parsed as Record<string, unknown>
    } catch (err) {
      throw new WireError('INVALID_PARAM', `malformed JSON body: ${(err as Error).message}`, 400)
    }
  }
  const action = params.action
  if (typeof action !== 'string' || !action) throw new WireError('INVALID_PARAM', 'missing action', 400)
  const fn = url.searchParams.get('fn')
  return { action, params, env: url.searchParams.get('env') ?? '', caller: fn ? { functionName: fn } : {} }
}

function sendReply(res: http.ServerResponse, reply: AdminReply, requestId: string): void {
  if ('raw' in reply) {
    res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.raw.length, ...reply.headers })
    res.end(reply.raw)
    return
  }
  sendJson(res, 200, { ...reply.json, requestId })
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const byPrefix = (action: string) => opts.services.find((s) => s.prefixes.some((p) => action.startsWith(p)))
  const credentials = opts.credentials ?? generateCredentials()
  let port = 0

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID()
    try {
      // Cheap refusal before reading a body; the signature itself is checked over the parsed parameters.
      if (!req.headers.authorization) {
        req.resume()
        throw new WireError('AUTH_FAILED', 'unauthenticated: /admin answers only wire calls signed with this local cloud’s per-run secret', 401)
      }
      const call = await parseAdmin(req, url)
      const authProblem = wireAuthProblem(req, call.params, credentials)
      if (authProblem) throw new WireError('AUTH_FAILED', `unauthenticated: ${authProblem}`, 401)
      if (opts.env !== undefined && call.env !== opts.env) {
        throw new WireError('INVALID_ENV', `environment ${JSON.stringify(call.env)} does not exist: this local cloud serves only ${JSON.stringify(opts.env)}`)
      }
      const service = byPrefix(call.action)
      if (!service) throw new WireError('ACTION_NOT_SUPPORTED', `action ${call.action} is not supported by the local cloud`)
      sendReply(res, await service.handle(call), requestId)
    } catch (err) {
      if (err instanceof WireError) {
        sendJson(res, err.status, { code: err.code, message: err.message, requestId })
      } else {
        console.error('[local-cloud] /admin failed', err)
        sendJson(res, 500, { code: 'SYS_ERR', message: (err as Error).message, requestId })
      }
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const foreignHost = hostProblem(req, port)
    const foreignOrigin = foreignHost ?? (BROWSER_PATHS.some((p) => url.pathname.startsWith(p)) ? originProblem(req) : undefined)
    if (foreignOrigin) {
      req.resume()
      return refuse(res, url.pathname, 403, foreignOrigin)
    }
    const handled = (async () => {
      if (req.method === 'POST' && url.pathname === '/admin') return admin(req, res, url)
      const route = opts.routes.find((r) => r.method === req.method && url.pathname.startsWith(r.path))
      if (!route) return sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` })
      return route.handle(req, res, url)
    })()
    handled.catch((err: unknown) => {
      if (err instanceof WireError) return sendJson(res, err.status === 200 ? 400 : err.status, { code: err.code, message: err.message })
      console.error('[local-cloud] request failed', err)
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: (err as Error).message })
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // Loopback only: the dev identity header must never be reachable from another machine.
    server.listen(opts.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        credentials,
        close: async () => {
          await new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
          for (const s of opts.services) await s.close?.()
        },
      })
    })
  })
}
