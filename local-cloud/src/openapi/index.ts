// WeChat open APIs (`cloud.openapi.*`) for the local cloud: the `wx.openApi` wire action.
//
// Wire facts (verified in wx-server-sdk 4.0.2 index.js, `callWXOpenAPI` in src/api/openapi/namespace/generic.ts and
// `callGeneralOpenAPI` in src/api/cloud/provider/tcb/api/callWXOpenAPI.ts, and @cloudbase/node-sdk 3.17.2 wx/index.js):
// - `cloud.openapi.<a>.<b>(data)` converts data's keys to snake_case and POSTs multipart/form-data to /admin with
//   fields action='wx.openApi', apiName='<a>.<b>', requestData=<protobuf CommApiData> (an application/octet-stream
//   part), plus envName, wxCloudApiToken, tcb_sessionToken ... `cgiName` is 'commrpcv2' only for
//   `cloud.openapi({ version: 'v2' })`. CommApiData.openapiData.pairs holds one {key, value} per top-level key, the
//   value being that key's JSON text (media values carry raw bytes and a content type).
// - The reply body is a protobuf CommOpenApiResp {respData, contentType, errorCode}, sent with any content type but
//   exactly 'application/json; charset=utf-8' (that one makes the SDK parse the body as a CloudBase JSON error).
//   - errorCode ≠ 0 → the caller gets errCode = errorCode, errMsg 'system error: error code: <n>' (-604101 = no
//     permission, -604100 = API not found).
//   - contentType application/json or text/plain → respData is WeChat's JSON: a truthy errcode throws
//     {errCode: errcode, errMsg: 'openapi.<api>:fail <errmsg>'}; otherwise the caller gets the JSON, keys converted to
//     camelCase, without errcode/errmsg, plus errCode: 0 and errMsg 'openapi.<api>:ok'.
//   - any other contentType → the caller gets { contentType, buffer: <Buffer respData>, errCode: 0, errMsg }.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import QRCode from 'qrcode'
import { WireError, type AdminReply, type AdminRequest, type AdminService } from '../wire'
import { decodeCommApiData, encodeCommOpenApiResp, ProtobufError } from './protobuf'
import { DEFAULT_SEC_WORDS, judge, LABEL_NORMAL, wordListLoader, type Suggest } from './secCheck'

export { DEFAULT_SEC_WORDS, judge, normalize } from './secCheck'
export type { SecWord, SecWordFile, Suggest } from './secCheck'

/** WeChat's `errorCode` values the SDK knows (wx-server-sdk src/config/error.config.ts). */
export const OPENAPI_NOT_FOUND = -604100
export const OPENAPI_NO_PERMISSION = -604101

export interface OpenApiOptions {
  /** The local cloud's data directory; this service keeps its files in `<dataDir>/openapi/`. */
  dataDir: string
  /** `permissions.openapi` from that function's config.json (an unknown function has none). */
  functionPermissions: (fn: string) => string[]
  /** The mini-program appid that watermarks and events carry. */
  appid?: string
  /** When given, QR codes from `wxacode.getUnlimited` encode `<baseUrl>/#/<page>?scene=<scene>` (the H5 app). */
  baseUrl?: () => string
  /**
   * Called with the `wxa_media_check` event for each `security.mediaCheckAsync`, like WeChat's message push to a
   * cloud function. The result is also kept: `getMediaCheck(traceId)`.
   */
  onMediaCheckResult?: (event: MediaCheckEvent) => void | Promise<void>
}

export interface OutboxEntry {
  msgid: number
  /** The function that sent it; null for a call from outside any function. */
  functionName: string | null
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
  miniprogramState: string
  lang: string
  sentAt: Date
}

/** The event WeChat pushes when an async media check finishes (MsgType event, Event wxa_media_check, version 2). */
export interface MediaCheckEvent {
  ToUserName: string
  FromUserName: string
  CreateTime: number
  MsgType: 'event'
  Event: 'wxa_media_check'
  appid: string
  trace_id: string
  version: 2
  detail: Array<{ strategy: string; errcode: number; suggest: Suggest; label: number; prob: number }>
  errcode: 0
  errmsg: 'ok'
  result: { suggest: Suggest; label: number }
}

export interface MediaCheckRecord {
  traceId: string
  functionName: string | null
  openid: string | null
  mediaUrl: string
  mediaType: 1 | 2
  scene: number | null
  requestedAt: Date
  event: MediaCheckEvent
}

export interface OpenApi extends AdminService {
  /** Subscription messages sent so far, oldest first; optionally only those to one user. */
  listOutbox(filter?: { touser?: string }): OutboxEntry[]
  getMediaCheck(traceId: string): MediaCheckRecord | undefined
  listMediaChecks(): MediaCheckRecord[]
  /** The editable files: word list, risky media list, phone codes. */
  files: { secWords: string; riskyMedia: string; phoneCodes: string }
}

/** A WeChat JSON answer or raw bytes (images). */
type ApiResult = { json: Record<string, unknown> } | { bytes: Buffer; contentType: string }

interface ApiCall {
  api: string
  /** Top-level keys (snake_case) → parsed JSON values; media values stay Buffers. */
  params: Record<string, unknown>
  functionName: string | null
  appid: string
}

/** A WeChat errcode answer: the SDK throws it to the caller as `{ errCode: errcode, errMsg }`. */
class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg)
  }
}

const traceId = () => {
  const h = randomBytes(12).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`
}

const DEFAULT_RISKY_MEDIA = {
  _help:
    'Local mediaCheckAsync: a media_url containing any of these strings (a file name, a cloudPath, a fileID\'s path) ' +
    'is judged risky (label 20002); everything else passes. Edits apply on the next call.',
  risky: ['dev-risky'],
}

const DEFAULT_PHONE_CODES = {
  _help:
    'Local phonenumber.getPhoneNumber: code → phone number. A code of the form "dev-phone-<11 digits>" also works ' +
    'without an entry here. Unknown codes answer errcode 40029 (invalid code).',
  codes: { 'dev-code-demo': '13800000000' } as Record<string, string>,
}

function writeDefault(file: string, content: unknown): void {
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`)
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v)

function requireOpenid(p: Record<string, unknown>): string {
  if (typeof p.openid !== 'string' || p.openid === '') throw new WxApiError(40003, 'invalid openid')
  return p.openid
}

function requireScene(p: Record<string, unknown>, allowed: number[]): number {
  const scene = Number(p.scene)
  if (!allowed.includes(scene)) throw new WxApiError(47001, `data format error: scene must be one of ${allowed.join(', ')}`)
  return scene
}

function colorHex(c: unknown): string | undefined {
  if (!isRecord(c)) return undefined
  const channel = (v: unknown) => Math.max(0, Math.min(255, Number(v) || 0)).toString(16).padStart(2, '0')
  return `#${channel(c.r)}${channel(c.g)}${channel(c.b)}`
}

export function createOpenApi(opts: OpenApiOptions): OpenApi {
  const dir = path.join(opts.dataDir, 'openapi')
  fs.mkdirSync(dir, { recursive: true })
  const files = {
    secWords: path.join(dir, 'sec-words.json'),
    riskyMedia: path.join(dir, 'risky-media.json'),
    phoneCodes: path.join(dir, 'phone-codes.json'),
  }
  writeDefault(files.secWords, DEFAULT_SEC_WORDS)
  writeDefault(files.riskyMedia, DEFAULT_RISKY_MEDIA)
  writeDefault(files.phoneCodes, DEFAULT_PHONE_CODES)
  const secWords = wordListLoader(files.secWords)
  const appidDefault = opts.appid ?? 'wx0000000000000000'

  // Records live in their own SQLite file, apart from the user database.
  const db = new Database(path.join(dir, 'openapi.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS outbox (
      msgid INTEGER PRIMARY KEY AUTOINCREMENT,
      function_name TEXT, touser TEXT NOT NULL, template_id TEXT NOT NULL, page TEXT,
      data TEXT NOT NULL, miniprogram_state TEXT NOT NULL, lang TEXT NOT NULL, sent_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS outbox_touser ON outbox (touser, msgid);
    CREATE TABLE IF NOT EXISTS media_checks (
      trace_id TEXT PRIMARY KEY, function_name TEXT, openid TEXT, media_url TEXT NOT NULL, media_type INTEGER NOT NULL,
      scene INTEGER, requested_at TEXT NOT NULL, event TEXT NOT NULL
    );
  `)
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (function_name, touser, template_id, page, data, miniprogram_state, lang, sent_at)
     VALUES (@functionName, @touser, @templateId, @page, @data, @miniprogramState, @lang, @sentAt)`,
  )
  const insertMediaCheck = db.prepare(
    `INSERT INTO media_checks (trace_id, function_name, openid, media_url, media_type, scene, requested_at, event)
     VALUES (@traceId, @functionName, @openid, @mediaUrl, @mediaType, @scene, @requestedAt, @event)`,
  )

  interface OutboxRow {
    msgid: number
    function_name: string | null
    touser: string
    template_id: string
    page: string | null
    data: string
    miniprogram_state: string
    lang: string
    sent_at: string
  }
  interface MediaRow {
    trace_id: string
    function_name: string | null
    openid: string | null
    media_url: string
    media_type: 1 | 2
    scene: number | null
    requested_at: string
    event: string
  }
  const outboxEntry = (r: OutboxRow): OutboxEntry => ({
    msgid: r.msgid,
    functionName: r.function_name,
    touser: r.touser,
    templateId: r.template_id,
    page: r.page,
    data: JSON.parse(r.data) as OutboxEntry['data'],
    miniprogramState: r.miniprogram_state,
    lang: r.lang,
    sentAt: new Date(r.sent_at),
  })
  const mediaRecord = (r: MediaRow): MediaCheckRecord => ({
    traceId: r.trace_id,
    functionName: r.function_name,
    openid: r.openid,
    mediaUrl: r.media_url,
    mediaType: r.media_type,
    scene: r.scene,
    requestedAt: new Date(r.requested_at),
    event: JSON.parse(r.event) as MediaCheckEvent,
  })

  // ---- the APIs -----------------------------------------------------------------------------------------------

  function msgSecCheck({ params: p }: ApiCall): ApiResult {
    if (typeof p.content !== 'string' || p.content === '') throw new WxApiError(47001, 'data format error: content is required')
    const verdict = judge(p.content, secWords())
    if (Number(p.version) !== 2) {
      // v1: only a yes/no; risky content is errcode 87014.
      if (verdict.suggest === 'risky') throw new WxApiError(87014, 'risky content')
      return { json: { errcode: 0, errmsg: 'ok' } }
    }
    requireOpenid(p)
    requireScene(p, [1, 2, 3, 4])
    const detail =
      verdict.hits.length > 0
        ? verdict.hits.map((h) => ({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, level: h.suggest === 'risky' ? 90 : 60, keyword: h.word }))
        : [{ strategy: 'keyword', errcode: 0, suggest: 'pass', label: LABEL_NORMAL }]
    return {
      json: { errcode: 0, errmsg: 'ok', result: { suggest: verdict.suggest, label: verdict.label }, detail, trace_id: traceId() },
    }
  }

  function mediaCheckAsync(call: ApiCall): ApiResult {
    const p = call.params
    if (typeof p.media_url !== 'string' || !/^https?:\/\//.test(p.media_url)) {
      throw new WxApiError(47001, 'data format error: media_url must be an http(s) URL')
    }
    const mediaType = Number(p.media_type)
    if (mediaType !== 1 && mediaType !== 2) throw new WxApiError(47001, 'data format error: media_type must be 1 (audio) or 2 (image)')
    const v2 = Number(p.version) === 2
    const openid = v2 ? requireOpenid(p) : null
    const scene = v2 ? requireScene(p, [1, 2, 3, 4]) : null
    const risky = readJson<{ risky?: unknown }>(files.riskyMedia).risky
    let url = p.media_url
    try {
      url = decodeURI(p.media_url)
    } catch {
      // keep the raw URL
    }
    const isRisky = Array.isArray(risky) && risky.some((r) => typeof r === 'string' && r !== '' && url.includes(r))
    const result = isRisky ? { suggest: 'risky' as const, label: 20002 } : { suggest: 'pass' as const, label: LABEL_NORMAL }
    const id = traceId()
    const now = new Date()
    const event: MediaCheckEvent = {
      ToUserName: 'gh_local_cloud',
      FromUserName: openid ?? '',
      CreateTime: Math.floor(now.getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: call.appid,
      trace_id: id,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: isRisky ? 90 : 0 }],
      errcode: 0,
      errmsg: 'ok',
      result,
    }
    insertMediaCheck.run({
      traceId: id,
      functionName: call.functionName,
      openid,
      mediaUrl: p.media_url,
      mediaType,
      scene,
      requestedAt: now.toISOString(),
      event: JSON.stringify(event),
    })
    if (opts.onMediaCheckResult) {
      const deliver = opts.onMediaCheckResult
      // Asynchronous like WeChat: the event arrives after the call has answered.
      setTimeout(() => {
        Promise.resolve()
          .then(() => deliver(event))
          .catch((err: unknown) => console.error('[local-cloud] delivering wxa_media_check failed', err))
      }, 10)
    }
    return { json: { errcode: 0, errmsg: 'ok', trace_id: id } }
  }

  function subscribeMessageSend(call: ApiCall): ApiResult {
    const p = call.params
    if (typeof p.touser !== 'string' || p.touser === '') throw new WxApiError(40003, 'invalid openid')
    if (typeof p.template_id !== 'string' || p.template_id === '') throw new WxApiError(40037, 'invalid template_id')
    if (!isRecord(p.data)) throw new WxApiError(47003, 'argument invalid! data is required')
    const data: Record<string, { value: string }> = {}
    for (const [key, entry] of Object.entries(p.data)) {
      const value = isRecord(entry) ? entry.value : undefined
      if (typeof value !== 'string' && typeof value !== 'number') throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`)
      data[key] = { value: String(value) }
    }
    if (p.page !== undefined && typeof p.page !== 'string') throw new WxApiError(47001, 'data format error: page must be a string')
    const state = p.miniprogram_state ?? 'formal'
    if (state !== 'developer' && state !== 'trial' && state !== 'formal') {
      throw new WxApiError(47001, 'data format error: miniprogram_state must be developer, trial or formal')
    }
    const info = insertOutbox.run({
      functionName: call.functionName,
      touser: p.touser,
      templateId: p.template_id,
      page: typeof p.page === 'string' ? p.page : null,
      data: JSON.stringify(data),
      miniprogramState: state,
      lang: typeof p.lang === 'string' ? p.lang : 'zh_CN',
      sentAt: new Date().toISOString(),
    })
    return { json: { errcode: 0, errmsg: 'ok', msgid: Number(info.lastInsertRowid) } }
  }

  async function getUnlimited({ params: p }: ApiCall): Promise<ApiResult> {
    const scene = p.scene === undefined ? undefined : String(p.scene)
    if (!scene || scene.length > 32 || !/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) {
      throw new WxApiError(40169, 'invalid length for scene, or the data is not json string')
    }
    const page = typeof p.page === 'string' ? p.page : ''
    if (page.startsWith('/')) throw new WxApiError(41030, 'invalid page hint: page must not start with /')
    const width = Math.max(280, Math.min(1280, Number(p.width) || 430))
    const target = `${page}?scene=${encodeURIComponent(scene)}`
    const text = opts.baseUrl ? `${opts.baseUrl()}/#/${target}` : target
    const png = await QRCode.toBuffer(text, {
      type: 'png',
      width,
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: colorHex(p.line_color) ?? '#000000', light: p.is_hyaline === true ? '#ffffff00' : '#ffffff' },
    })
    return { bytes: png, contentType: 'image/png' }
  }

  function getPhoneNumber(call: ApiCall): ApiResult {
    const code = call.params.code
    if (typeof code !== 'string' || code === '') throw new WxApiError(47001, 'data format error: code is required')
    const codes = readJson<{ codes?: Record<string, unknown> }>(files.phoneCodes).codes ?? {}
    const mapped = codes[code]
    const phone = typeof mapped === 'string' ? mapped : /^dev-phone-(\d{11})$/.exec(code)?.[1]
    if (!phone) throw new WxApiError(40029, 'invalid code')
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: call.appid },
        },
      },
    }
  }

  const apis: Record<string, (call: ApiCall) => ApiResult | Promise<ApiResult>> = {
    'security.msgSecCheck': msgSecCheck,
    'security.mediaCheckAsync': mediaCheckAsync,
    'subscribeMessage.send': subscribeMessageSend,
    'wxacode.getUnlimited': getUnlimited,
    'phonenumber.getPhoneNumber': getPhoneNumber,
  }

  // ---- the wire -----------------------------------------------------------------------------------------------

  const respond = (resp: Parameters<typeof encodeCommOpenApiResp>[0]): AdminReply => ({
    raw: encodeCommOpenApiResp(resp),
    contentType: 'application/octet-stream',
  })

  async function handle(req: AdminRequest): Promise<AdminReply> {
    if (req.action !== 'wx.openApi') {
      throw new WireError('ACTION_NOT_SUPPORTED', `action ${req.action} is not supported by the local cloud`)
    }
    const api = req.params.apiName
    if (typeof api !== 'string' || api === '') throw new WireError('INVALID_PARAM', 'apiName is required')
    const body = req.params.requestData
    if (!Buffer.isBuffer(body)) throw new WireError('INVALID_PARAM', 'requestData must be a protobuf (application/octet-stream) part')
    let decoded
    try {
      decoded = decodeCommApiData(body)
    } catch (err) {
      if (err instanceof ProtobufError) throw new WireError('INVALID_PARAM', `requestData is not a valid CommApiData: ${err.message}`)
      throw err
    }

    const functionName = req.caller.functionName ?? null
    // Calls from a function need the API in its config.json permissions.openapi; calls from outside any function
    // (local tools, tests with admin credentials) are not restricted.
    if (functionName !== null) {
      let allowed: string[] = []
      try {
        allowed = opts.functionPermissions(functionName)
      } catch {
        allowed = []
      }
      if (!allowed.includes(api)) return respond({ errorCode: OPENAPI_NO_PERMISSION })
    }
    const impl = apis[api]
    if (!impl) return respond({ errorCode: OPENAPI_NOT_FOUND })

    const params: Record<string, unknown> = {}
    for (const pair of decoded.pairs) {
      if (pair.contentType !== undefined) {
        params[pair.key] = pair.value
        continue
      }
      const text = pair.value.toString('utf8')
      try {
        params[pair.key] = JSON.parse(text)
      } catch {
        params[pair.key] = text
      }
    }

    let result: ApiResult
    try {
      result = await impl({ api, params, functionName, appid: decoded.appid || appidDefault })
    } catch (err) {
      if (!(err instanceof WxApiError)) throw err
      result = { json: { errcode: err.errcode, errmsg: err.errmsg } }
    }
    if ('bytes' in result) return respond({ respData: result.bytes, contentType: result.contentType, httpCode: 200 })
    return respond({ respData: Buffer.from(JSON.stringify(result.json)), contentType: 'application/json; charset=utf-8', httpCode: 200 })
  }

  return {
    prefixes: ['wx.openApi'],
    handle,
    close() {
      db.close()
    },
    listOutbox(filter) {
      const rows = filter?.touser
        ? db.prepare('SELECT * FROM outbox WHERE touser = ? ORDER BY msgid').all(filter.touser)
        : db.prepare('SELECT * FROM outbox ORDER BY msgid').all()
      return (rows as OutboxRow[]).map(outboxEntry)
    },
    getMediaCheck(id) {
      const row = db.prepare('SELECT * FROM media_checks WHERE trace_id = ?').get(id) as MediaRow | undefined
      return row ? mediaRecord(row) : undefined
    },
    listMediaChecks() {
      return (db.prepare('SELECT * FROM media_checks ORDER BY requested_at, rowid').all() as MediaRow[]).map(mediaRecord)
    },
    files,
  }
}
