// WeChat open APIs through the real wx-server-sdk (`cloud.openapi.*` → `wx.openApi`, multipart + protobuf).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createOpenApi, type MediaCheckEvent, type OpenApi } from '../../local-cloud/src/openapi'
import { startServer, type RunningServer } from '../../local-cloud/src/server'
import '../support/slow'
import { sdkAgainst, type SdkCore } from './support/sdkEnv'

process.on('unhandledRejection', (err) => {
  console.error('unhandled rejection in openapi.test', err)
})

const ENV = 'openapi-test'

type ApiFn = (data: Record<string, unknown>) => Promise<Record<string, unknown> & { errCode: number; errMsg: string }>
interface Sdk extends SdkCore {
  openapi: Record<string, Record<string, ApiFn>>
}

const PERMISSIONS: Record<string, string[]> = {
  reports: ['security.msgSecCheck', 'security.mediaCheckAsync', 'subscribeMessage.send', 'wxacode.getUnlimited', 'phonenumber.getPhoneNumber', 'security.imgSecCheck'],
  alerts: ['security.msgSecCheck'],
}

let dir: string
let server: RunningServer
let openapi: OpenApi
let cloud: Sdk
const mediaEvents: MediaCheckEvent[] = []

/** Calls from here on come from the cloud function `fn` (the local cloud learns it from the URL's `fn` query). */
function asFunction(fn: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${server.url}/admin?fn=${fn}&` })
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-openapi-'))
  openapi = createOpenApi({
    dataDir: dir,
    functionPermissions: (fn) => PERMISSIONS[fn] ?? [],
    baseUrl: () => 'http://127.0.0.1:7788',
    onMediaCheckResult: (event) => {
      mediaEvents.push(event)
    },
  })
  server = await startServer({ port: 0, services: [openapi], routes: [] })
  cloud = sdkAgainst<Sdk>(server, { env: ENV, fn: 'reports' })
})

beforeEach(() => asFunction('reports'))

afterAll(async () => {
  await server?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const check = (content: string) =>
  cloud.openapi.security.msgSecCheck({ openid: 'dev-resident-1', scene: 2, version: 2, content })

describe('security.msgSecCheck v2', () => {
  test('ordinary text passes', async () => {
    const res = await check('我家的三轮车昨晚在村口被偷了，请民警帮忙看看。')
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } })
    expect(typeof res.traceId).toBe('string')
    expect(res).not.toHaveProperty('errcode')
  })

  test('a review word asks for review, with the keyword in detail', async () => {
    const res = await check('有人打电话让我把钱转到安全账户')
    expect(res.result).toEqual({ suggest: 'review', label: 20008 })
    expect(res.detail).toEqual([expect.objectContaining({ strategy: 'keyword', suggest: 'review', keyword: '安全账户' })])
  })

  test('a risky word is risky even when split by spaces or punctuation, and outranks review words', async () => {
    const res = await check('加微信，带你玩网上赌 博，稳赚')
    expect(res.result).toEqual({ suggest: 'risky', label: 20006 })
    const detail = res.detail as Array<{ keyword: string; suggest: string }>
    expect(detail.map((d) => [d.keyword, d.suggest])).toEqual(
      expect.arrayContaining([
        ['赌博', 'risky'],
        ['加微信', 'review'],
      ]),
    )
  })

  test('the word list in the data directory decides, and edits apply on the next call', async () => {
    expect(fs.existsSync(openapi.files.secWords)).toBe(true)
    expect((await check('收购假农药')).result).toEqual({ suggest: 'pass', label: 100 })
    const file = JSON.parse(fs.readFileSync(openapi.files.secWords, 'utf8')) as { words: unknown[] }
    file.words.push({ word: '假农药', suggest: 'risky', label: 20006 })
    fs.writeFileSync(openapi.files.secWords, JSON.stringify(file))
    // Make sure the modification time moves even on coarse file systems.
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(openapi.files.secWords, later, later)
    expect((await check('收购假农药')).result).toEqual({ suggest: 'risky', label: 20006 })
  })

  test('v2 without an openid is a WeChat error the SDK throws', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ scene: 2, version: 2, content: '你好' })).rejects.toMatchObject({ errCode: 40003 })
  })

  test('v1 (no version) throws 87014 for risky content and passes the rest', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: '代开发票' })).rejects.toMatchObject({ errCode: 87014 })
    await expect(cloud.openapi.security.msgSecCheck({ content: '你好' })).resolves.toMatchObject({ errCode: 0 })
  })
})

describe('permissions.openapi', () => {
  test('an API missing from the calling function\'s config.json is denied with -604101', async () => {
    asFunction('alerts')
    const before = openapi.listOutbox().length
    const call = cloud.openapi.subscribeMessage.send({ touser: 'dev-resident-1', templateId: 'tpl-1', data: { thing1: { value: 'x' } } })
    await expect(call).rejects.toMatchObject({ errCode: -604101 })
    expect(openapi.listOutbox()).toHaveLength(before)
    // An API that is listed still works for the same function.
    await expect(check('你好')).resolves.toMatchObject({ errCode: 0 })
  })

  test('a function with no config is denied everything', async () => {
    asFunction('unknown-fn')
    await expect(check('你好')).rejects.toMatchObject({ errCode: -604101 })
  })

  test('a permitted API the local cloud does not emulate answers -604100 (API not found)', async () => {
    await expect(cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('png') } })).rejects.toMatchObject({
      errCode: -604100,
    })
  })
})

describe('subscribeMessage.send', () => {
  test('lands in the outbox with template, recipient, page, data and time', async () => {
    const before = Date.now()
    const res = await cloud.openapi.subscribeMessage.send({
      touser: 'dev-resident-2',
      page: 'packages/booking/detail/index?id=b1',
      templateId: 'booking-confirmed',
      miniprogramState: 'developer',
      data: { thing1: { value: '户籍业务办理' }, time2: { value: '2025-06-01 09:30' }, number3: { value: 3 } },
    })
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    const sent = openapi.listOutbox({ touser: 'dev-resident-2' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      msgid: res.msgid,
      functionName: 'reports',
      touser: 'dev-resident-2',
      templateId: 'booking-confirmed',
      page: 'packages/booking/detail/index?id=b1',
      miniprogramState: 'developer',
      lang: 'zh_CN',
      data: { thing1: { value: '户籍业务办理' }, time2: { value: '2025-06-01 09:30' }, number3: { value: '3' } },
    })
    expect(sent[0].sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  test('a data entry without a value is refused (47003) and not recorded', async () => {
    const before = openapi.listOutbox().length
    await expect(
      cloud.openapi.subscribeMessage.send({ touser: 'dev-resident-1', templateId: 't', data: { thing1: { text: 'no value' } } }),
    ).rejects.toMatchObject({ errCode: 47003 })
    expect(openapi.listOutbox()).toHaveLength(before)
  })

  test('the outbox survives a restart of the service', () => {
    const reopened = createOpenApi({ dataDir: dir, functionPermissions: () => [] })
    expect(reopened.listOutbox().map((m) => m.templateId)).toContain('booking-confirmed')
    void reopened.close?.()
  })
})

describe('wxacode.getUnlimited', () => {
  test('returns a PNG buffer of the requested width', async () => {
    const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'alert=a123', page: 'packages/alert/index', width: 300, checkPath: false })
    expect(res.contentType).toBe('image/png')
    const png = res.buffer as Buffer
    expect(Buffer.isBuffer(png)).toBe(true)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IHDR width (bytes 16..19).
    expect(png.readUInt32BE(16)).toBe(300)
  })

  test('a scene longer than 32 characters is refused (40169)', async () => {
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errCode: 40169 })
  })
})

describe('security.mediaCheckAsync', () => {
  test('returns a trace id; the result (pass) is kept and delivered as a wxa_media_check event', async () => {
    const res = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'http://127.0.0.1:7788/files/bucket/reports/photo.jpg?sign=x&t=1',
      mediaType: 2,
      version: 2,
      scene: 1,
      openid: 'dev-resident-1',
    })
    expect(res.errCode).toBe(0)
    expect(typeof res.traceId).toBe('string')
    const traceId = res.traceId as string
    expect(openapi.getMediaCheck(traceId)).toMatchObject({ traceId, openid: 'dev-resident-1', mediaType: 2, event: { result: { suggest: 'pass' } } })
    await waitFor(() => mediaEvents.some((e) => e.trace_id === traceId))
    expect(mediaEvents.find((e) => e.trace_id === traceId)).toMatchObject({ Event: 'wxa_media_check', MsgType: 'event', FromUserName: 'dev-resident-1' })
  })

  test('a file named in the risky media list is risky', async () => {
    const res = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'http://127.0.0.1:7788/files/bucket/reports/dev-risky-1.jpg',
      mediaType: 2,
      version: 2,
      scene: 1,
      openid: 'dev-resident-1',
    })
    expect(openapi.getMediaCheck(res.traceId as string)?.event.result).toEqual({ suggest: 'risky', label: 20002 })
  })
})

describe('phonenumber.getPhoneNumber', () => {
  test('a dev code maps to a phone number', async () => {
    const res = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'dev-phone-13912345678' })
    expect(res.phoneInfo).toMatchObject({ phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: '86' })
    const fromFile = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'dev-code-demo' })
    expect(fromFile.phoneInfo).toMatchObject({ phoneNumber: '13800000000' })
  })

  test('an unknown code is invalid (40029)', async () => {
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: 'nope' })).rejects.toMatchObject({ errCode: 40029 })
  })
})

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
