// Cloud storage for the local cloud: files on disk, CloudBase's wire actions, COS-like upload and download URLs.
//
// Wire facts (verified in @cloudbase/node-sdk 3.17.2 dist/storage/index.js, wrapped by wx-server-sdk 4.0.2):
// - uploadFile = `storage.getUploadMetadata {path, method:'put'}` → reply `data: {url, token, authorization, fileId,
//   cosFileId}`; then the SDK PUTs the raw bytes to `url` with headers Signature/authorization (= authorization),
//   x-cos-security-token (= token), x-cos-meta-fileid (= cosFileId), key. An empty 200 body is success; a COS XML
//   `<Error><Code/><Message/><RequestId/><TraceId/></Error>` body makes the SDK fail (errCode -503001).
// - getTempFileURL = `storage.batchGetDownloadUrl {file_list:[{fileid, max_age?}]}` → `data.download_list:
//   [{fileID, tempFileURL, code:'SUCCESS'|'STORAGE_FILE_NONEXIST'|..., maxAge}]`; the SDK encodeURI()s the URL.
// - deleteFile = `storage.batchDeleteFile {fileid_list}` → `data.delete_list: [{fileID, code}]`.
// - downloadFile = batchGetDownloadUrl, then a GET of the URL; any status other than 200 fails.
//
// Ownership, like CloudBase: every file records its creator (`resource.openid`): the signed-in client for a client
// upload (the H5 gateway), '' for a file written by the server side (a function through the SDK). Client writes
// obey the storage security rules (cloudfunctions/storage.json); server-side writes bypass them, as on CloudBase.
// Downloads carry the stored type with `X-Content-Type-Options: nosniff`; anything but a raster image is served
// as an attachment, so an uploaded page or SVG never runs on the local cloud's origin.
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { WireError, type AdminReply, type AdminRequest, type AdminService, type HttpRoute } from '../wire'
import { compileStorageRules, DEFAULT_STORAGE_RULES, type StorageRules } from './rules'

export { DEFAULT_STORAGE_RULES, compileStorageRules, type StorageRules } from './rules'

export interface StorageOptions {
  /** Where files live (`<dir>/objects/<cloudPath>`) with their metadata (`<dir>/meta/<cloudPath>.json`). */
  dir: string
  /** The local cloud's own base URL (`http://127.0.0.1:7788`), read when a URL is made. */
  baseUrl: () => string
  env: string
  /** The storage security rules client writes obey (cloudfunctions/storage.json). Default: CloudBase's basic permission. */
  rules?: StorageRules
}

export interface StoredFile {
  fileID: string
  cloudPath: string
  bytes: Buffer
  contentType: string
  /** The creator (`resource.openid`): a client's OPENID, or '' for a file the server side wrote. */
  openid: string
}

/** A client write the storage security rules refuse (wx.cloud: errCode -503002 STORAGE_EXCEED_AUTHORITY). */
export class StorageDeniedError extends WireError {
  constructor(message: string) {
    super('STORAGE_EXCEED_AUTHORITY', message, 403)
    this.name = 'StorageDeniedError'
  }
}

/** Types served inline: raster images a page may show. Everything else (SVG included) downloads as an attachment. */
export const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/gif'])

export interface Storage {
  service: AdminService
  /** `PUT /files/…` (SDK uploads) and `GET /files/…` (download URLs). */
  routes: HttpRoute[]
  /** Stores bytes as the server side (no user: bypasses the rules); returns the fileID. */
  put(cloudPath: string, bytes: Buffer, contentType?: string): string
  /**
   * Stores bytes for a client (the H5 gateway's upload route) under the storage security rules: `openid` is the
   * signed-in caller ('' when signed out). Throws StorageDeniedError when the rules refuse the write.
   */
  clientPut(cloudPath: string, bytes: Buffer, contentType: string | undefined, openid: string): string
  /** Reads a file by fileID; undefined when it does not exist. */
  read(fileID: string): StoredFile | undefined
  /** A signed download URL, like `getTempFileURL` gives (default 2 hours). */
  tempUrl(fileID: string, maxAgeSeconds?: number): string | undefined
  fileIdOf(cloudPath: string): string
}

/** Upload URLs stay valid this long after `getUploadMetadata`, like COS's signed PUT URLs. */
const UPLOAD_TTL_MS = 10 * 60 * 1000
const DEFAULT_MAX_AGE = 2 * 60 * 60
const MAX_FILE_BYTES = 50 * 1024 * 1024

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.silk': 'audio/silk',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
}

export function guessContentType(cloudPath: string): string {
  return TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
}

/** Why a cloudPath is refused, or undefined when it is fine. Keeps every file inside the storage directory. */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string'
  if (cloudPath.length > 850) return 'cloudPath is longer than 850 characters'
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /'
  if (/[\\?#%\u0000-\u001f\u007f]/.test(cloudPath)) return 'cloudPath must not contain \\ ? # % or control characters'
  const segments = cloudPath.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath must not contain empty, . or .. segments'
  return undefined
}

export function createStorage(opts: StorageOptions): Storage {
  const objectsDir = path.resolve(opts.dir, 'objects')
  const metaDir = path.resolve(opts.dir, 'meta')
  fs.mkdirSync(objectsDir, { recursive: true })
  fs.mkdirSync(metaDir, { recursive: true })
  // The signing secret survives restarts so a temp URL stays valid for its whole max age.
  const secretFile = path.join(opts.dir, 'url-secret')
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'))
  const secret = fs.readFileSync(secretFile, 'utf8').trim()
  const rules = compileStorageRules(opts.rules ?? DEFAULT_STORAGE_RULES)

  // Like a real bucket id `<hex>-<env>-<appid>`: the part after `cloud://<env>.`.
  const bucket = `6c6f-${opts.env}-local`
  const prefix = `cloud://${opts.env}.${bucket}/`
  const pendingUploads = new Map<string, { cloudPath: string; expires: number; problem?: string }>()

  const fileIdOf = (cloudPath: string) => `${prefix}${cloudPath}`

  /** The cloudPath a fileID names, or undefined when the fileID is not one of ours or not a safe path. */
  function cloudPathOf(fileID: unknown): string | undefined {
    if (typeof fileID !== 'string' || !fileID.startsWith(prefix)) return undefined
    const cloudPath = fileID.slice(prefix.length)
    return cloudPathProblem(cloudPath) ? undefined : cloudPath
  }

  function objectFile(cloudPath: string): string {
    const file = path.resolve(objectsDir, cloudPath)
    // cloudPathProblem already refuses `..`; this is the last guard against escaping the directory.
    if (!file.startsWith(objectsDir + path.sep)) throw new WireError('INVALID_PARAM', `unsafe cloudPath ${cloudPath}`)
    return file
  }
  const metaFile = (cloudPath: string) => path.resolve(metaDir, `${cloudPath}.json`)

  function exists(cloudPath: string): boolean {
    try {
      return fs.statSync(objectFile(cloudPath)).isFile()
    } catch {
      return false
    }
  }

  /** The creator recorded for a file ('' for server-written files and files stored before owners were kept). */
  function creatorOf(cloudPath: string): string {
    try {
      const meta = JSON.parse(fs.readFileSync(metaFile(cloudPath), 'utf8')) as { openid?: unknown }
      return typeof meta.openid === 'string' ? meta.openid : ''
    } catch {
      return ''
    }
  }

  /** Writes a file; an overwrite keeps the original creator, as `resource.openid` names who created it. */
  function write(cloudPath: string, bytes: Buffer, contentType: string | undefined, creator: string): void {
    const owner = exists(cloudPath) ? creatorOf(cloudPath) : creator
    const file = objectFile(cloudPath)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${randomUUID()}.uploading`
    fs.writeFileSync(tmp, bytes)
    fs.renameSync(tmp, file)
    const meta = metaFile(cloudPath)
    fs.mkdirSync(path.dirname(meta), { recursive: true })
    fs.writeFileSync(
      meta,
      JSON.stringify({ contentType: contentType ?? guessContentType(cloudPath), size: bytes.length, openid: owner, updatedAt: new Date().toISOString() }),
    )
  }

  function contentTypeOf(cloudPath: string): string {
    try {
      const meta = JSON.parse(fs.readFileSync(metaFile(cloudPath), 'utf8')) as { contentType?: unknown }
      if (typeof meta.contentType === 'string') return meta.contentType
    } catch {
      // no metadata: fall back to the extension
    }
    return guessContentType(cloudPath)
  }

  function remove(cloudPath: string): boolean {
    if (!exists(cloudPath)) return false
    fs.rmSync(objectFile(cloudPath), { force: true })
    fs.rmSync(metaFile(cloudPath), { force: true })
    return true
  }

  const sign = (cloudPath: string, expires: number) =>
    createHmac('sha256', secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32)

  /** A download URL with the cloudPath left unencoded: the SDK calls encodeURI() on it before fetching. */
  function tempUrl(cloudPath: string, maxAge: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAge
    return `${opts.baseUrl()}/files/${bucket}/${cloudPath}?sign=${sign(cloudPath, expires)}&t=${expires}`
  }

  function cosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
    const id = randomUUID()
    const xml =
      `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${escapeXml(message)}</Message>\n` +
      `<Resource>${escapeXml(resource)}</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>`
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) })
    res.end(xml)
  }

  /** `/files/<bucket>/<cloudPath>` → cloudPath (decoded), or undefined. */
  function pathFromUrl(url: URL): string | undefined {
    const rest = url.pathname.slice('/files/'.length)
    if (!rest.startsWith(`${bucket}/`)) return undefined
    let cloudPath: string
    try {
      cloudPath = decodeURIComponent(rest.slice(bucket.length + 1))
    } catch {
      return undefined
    }
    return cloudPathProblem(cloudPath) ? undefined : cloudPath
  }

  async function handlePut(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = url.searchParams.get('token') ?? ''
    const pending = pendingUploads.get(token)
    if (pending?.problem) {
      pendingUploads.delete(token)
      req.resume()
      return cosError(res, 400, 'InvalidObjectName', `cloudPath ${JSON.stringify(pending.cloudPath)} is not allowed: ${pending.problem}`, url.pathname)
    }
    const cloudPath = pathFromUrl(url)
    if (!cloudPath || !pending || pending.cloudPath !== cloudPath) {
      req.resume()
      return cosError(res, 403, 'AccessDenied', 'upload URL is not valid; call getUploadMetadata first', url.pathname)
    }
    if (pending.expires < Date.now()) {
      pendingUploads.delete(token)
      req.resume()
      return cosError(res, 403, 'RequestTimeTooSkewed', 'upload URL expired', url.pathname)
    }
    if (req.headers['x-cos-security-token'] !== token) {
      req.resume()
      return cosError(res, 403, 'SignatureDoesNotMatch', 'x-cos-security-token does not match the upload URL', url.pathname)
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_FILE_BYTES) return cosError(res, 400, 'EntityTooLarge', `file exceeds ${MAX_FILE_BYTES} bytes`, url.pathname)
      chunks.push(chunk as Buffer)
    }
    pendingUploads.delete(token)
    const type = req.headers['content-type']
    // The SDK's upload is the server side (a function or a tool holding the secret): no user is the creator.
    write(cloudPath, Buffer.concat(chunks), type && type !== 'application/octet-stream' ? type : undefined, '')
    res.writeHead(200, { 'content-length': 0, etag: `"${randomUUID()}"` })
    res.end()
  }

  async function handleGet(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cloudPath = pathFromUrl(url)
    const expires = Number(url.searchParams.get('t'))
    const signature = url.searchParams.get('sign') ?? ''
    if (!cloudPath || !Number.isFinite(expires) || signature !== sign(cloudPath, expires)) {
      return cosError(res, 403, 'AccessDenied', 'download URL signature is not valid', url.pathname)
    }
    if (expires < Date.now() / 1000) return cosError(res, 403, 'AccessDenied', 'download URL expired', url.pathname)
    if (!exists(cloudPath)) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname)
    const bytes = fs.readFileSync(objectFile(cloudPath))
    const type = contentTypeOf(cloudPath)
    const inline = INLINE_TYPES.has(type.split(';')[0].trim().toLowerCase())
    const name = path.basename(cloudPath)
    res.writeHead(200, {
      'content-type': type,
      'content-length': bytes.length,
      'cache-control': 'private, max-age=60',
      'x-content-type-options': 'nosniff',
      ...(inline ? {} : { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` }),
    })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  }

  async function handle(req: AdminRequest): Promise<AdminReply> {
    const p = req.params
    switch (req.action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = p.path
        if (typeof cloudPath !== 'string' || cloudPath === '') throw new WireError('INVALID_PARAM', 'path must be a non-empty string')
        // A bad path still gets an upload URL: its PUT answers a COS error, which the SDK reports as a failed upload
        // (the SDK cannot report an error from this step: it destructures `data` without checking `code`).
        const token = randomBytes(16).toString('hex')
        const problem = cloudPathProblem(cloudPath)
        for (const [t, u] of pendingUploads) if (u.expires < Date.now()) pendingUploads.delete(t)
        pendingUploads.set(token, { cloudPath, expires: Date.now() + UPLOAD_TTL_MS, problem })
        const urlPath = problem ? '.invalid' : encodePath(cloudPath)
        return {
          json: {
            data: {
              url: `${opts.baseUrl()}/files/${bucket}/${urlPath}?token=${token}`,
              token,
              authorization: `q-sign-algorithm=sha1&q-ak=local&q-sign-time=${Math.floor(Date.now() / 1000)}&q-signature=${token}`,
              fileId: fileIdOf(cloudPath),
              cosFileId: `local-${token}`,
              download_url: problem ? '' : tempUrl(cloudPath, DEFAULT_MAX_AGE),
            },
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = p.file_list
        if (!Array.isArray(list)) throw new WireError('INVALID_PARAM', 'file_list must be an array')
        const download_list = list.map((item: unknown) => {
          const entry = (item ?? {}) as { fileid?: unknown; max_age?: unknown }
          const fileID = typeof entry.fileid === 'string' ? entry.fileid : String(entry.fileid)
          const maxAge = typeof entry.max_age === 'number' && entry.max_age > 0 ? Math.floor(entry.max_age) : DEFAULT_MAX_AGE
          const cloudPath = cloudPathOf(entry.fileid)
          if (!cloudPath || !exists(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file does not exist', maxAge }
          return { fileID, tempFileURL: tempUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
        })
        return { json: { data: { download_list } } }
      }
      case 'storage.batchDeleteFile': {
        const list = p.fileid_list
        if (!Array.isArray(list)) throw new WireError('INVALID_PARAM', 'fileid_list must be an array')
        const delete_list = list.map((fileID: unknown) => {
          const cloudPath = cloudPathOf(fileID)
          if (cloudPath && remove(cloudPath)) return { fileID, code: 'SUCCESS' }
          return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file does not exist' }
        })
        return { json: { data: { delete_list } } }
      }
      default:
        throw new WireError('ACTION_NOT_SUPPORTED', `storage action ${req.action} is not supported by the local cloud`)
    }
  }

  return {
    service: { prefixes: ['storage.'], handle },
    routes: [
      { method: 'PUT', path: '/files/', handle: handlePut },
      { method: 'GET', path: '/files/', handle: handleGet },
    ],
    put(cloudPath, bytes, contentType) {
      const problem = cloudPathProblem(cloudPath)
      if (problem) throw new WireError('INVALID_PARAM', problem)
      write(cloudPath, bytes, contentType, '')
      return fileIdOf(cloudPath)
    },
    clientPut(cloudPath, bytes, contentType, openid) {
      const problem = cloudPathProblem(cloudPath)
      if (problem) throw new WireError('INVALID_PARAM', problem)
      const auth = openid ? { openid, uid: openid, loginType: 'WECHAT-OPEN' } : null
      // A new file is judged as it would be created (its creator = this client); an existing one by its creator.
      const resource = { openid: exists(cloudPath) ? creatorOf(cloudPath) : openid, path: cloudPath }
      if (!rules.allows('write', { auth, resource, now: Date.now() })) {
        throw new StorageDeniedError(
          auth ? `没有权限写这个文件：它是别人上传的 (storage rules refuse writing ${cloudPath})` : '请先登录再上传文件 (storage rules refuse a signed-out upload)',
        )
      }
      write(cloudPath, bytes, contentType, openid)
      return fileIdOf(cloudPath)
    },
    read(fileID) {
      const cloudPath = cloudPathOf(fileID)
      if (!cloudPath || !exists(cloudPath)) return undefined
      return {
        fileID: fileIdOf(cloudPath),
        cloudPath,
        bytes: fs.readFileSync(objectFile(cloudPath)),
        contentType: contentTypeOf(cloudPath),
        openid: creatorOf(cloudPath),
      }
    },
    tempUrl(fileID, maxAgeSeconds = DEFAULT_MAX_AGE) {
      const cloudPath = cloudPathOf(fileID)
      return cloudPath && exists(cloudPath) ? tempUrl(cloudPath, maxAgeSeconds) : undefined
    },
    fileIdOf,
  }
}

function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}
