// The local cloud's boundary (issue 9, "Trust first"): only this server's Host, only same-origin browser calls to
// the gateway and dev pages, JSON-only function calls, /admin only for holders of the per-run secret, signed-out is
// a visitor and never the system, storage ownership under cloudfunctions/storage.json, safe downloads, Chinese
// rejections; and from issue 10 an unknown env refused and functions running in UTC.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { MAX_UPLOAD_BYTES } from '../../local-cloud/src/gateway'
import { loadStorageRules, ROOT } from '../../local-cloud/src/main'
import { compileStorageRules } from '../../local-cloud/src/storage'
import { signWireCall } from '../../local-cloud/src/auth'
import { credentialsOf, gatewayCall, startFixtureCloud, FIXTURE_TIMERS, type FixtureCloud } from './fixtures/cloud'

jest.setTimeout(60_000)

const HAN = /[\u4e00-\u9fff]/

/** A raw request, with headers fetch would not let us set (Host). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => {
        let json: Record<string, unknown> = {}
        try {
          json = JSON.parse(text) as Record<string, unknown>
        } catch {
          json = { text }
        }
        resolve({ status: res.statusCode ?? 0, json })
      })
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

const JSON_TYPE = { 'content-type': 'application/json' }
const callBody = JSON.stringify({ name: 'echo', data: { action: 'x' } })

describe('who may call (CSRF, DNS rebinding)', () => {
  // This cloud runs the timer fixture: `tick` records each run in `ticks`, so a refused request is seen not to run.
  const callBody = JSON.stringify({ name: 'tick', data: { TriggerName: 'called' } })
  const nightly = () => cloud.db.find('ticks', { name: 'nightly' }).length
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud({ functionsDir: FIXTURE_TIMERS })
  })
  afterAll(() => cloud.stop())

  it('refuses a foreign Host on every path, with a Chinese errMsg on the gateway', async () => {
    for (const host of ['evil.example', `evil.example:${cloud.port}`, `127.0.0.1:${cloud.port + 1}`, '127.0.0.1']) {
      const r = await raw(`${cloud.url}/gateway/call`, { headers: { ...JSON_TYPE, host }, body: callBody })
      expect(r.status).toBe(403)
      expect(r.json).toMatchObject({ errCode: -501008, errMsg: expect.stringMatching(/^cloud\.callFunction:fail errCode: -501008 \| errMsg: /) })
      expect(r.json.errMsg).toMatch(HAN)
    }
    expect((await raw(`${cloud.url}/dev/`, { method: 'GET', headers: { host: 'evil.example' } })).status).toBe(403)
    expect((await raw(`${cloud.url}/admin?env=local`, { headers: { ...JSON_TYPE, host: 'evil.example' }, body: '{}' })).status).toBe(403)
    // The names the server is reachable by all work.
    for (const host of [`127.0.0.1:${cloud.port}`, `localhost:${cloud.port}`, `[::1]:${cloud.port}`]) {
      expect((await raw(`${cloud.url}/gateway/call`, { headers: { ...JSON_TYPE, host }, body: callBody })).status).toBe(200)
    }
  })

  it('answers only same-origin browser requests on the gateway and the dev pages', async () => {
    const foreign = await raw(`${cloud.url}/gateway/call`, { headers: { ...JSON_TYPE, origin: 'https://evil.example' }, body: callBody })
    expect(foreign.status).toBe(403)
    expect(foreign.json.errMsg).toMatch(HAN)
    const crossSite = await raw(`${cloud.url}/gateway/upload`, { headers: { 'sec-fetch-site': 'cross-site' }, body: '' })
    expect(crossSite).toMatchObject({ status: 403, json: { errMsg: expect.stringMatching(/^cloud\.uploadFile:fail/) } })
    // A cross-site link cannot sign someone in.
    expect((await raw(`${cloud.url}/dev/login?openid=dev-admin`, { method: 'GET', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    expect((await raw(`${cloud.url}/dev/triggers/run`, { headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'fn=tick&name=nightly' })).status).toBe(403)
    expect((await raw(`${cloud.url}/dev/api/trigger`, { headers: { ...JSON_TYPE, 'sec-fetch-site': 'same-site' }, body: '{"fn":"tick"}' })).status).toBe(403)
    expect(nightly()).toBe(0)

    // Same origin (the app's own pages), a typed-in address, and local tools (no Origin at all) pass.
    const own = await raw(`${cloud.url}/gateway/call`, { headers: { ...JSON_TYPE, origin: cloud.url, 'sec-fetch-site': 'same-origin' }, body: callBody })
    expect(own.status).toBe(200)
    expect((await raw(`${cloud.url}/dev/`, { method: 'GET', headers: { 'sec-fetch-site': 'none' } })).status).toBe(200)
    expect((await raw(`${cloud.url}/dev/triggers/run`, { headers: { origin: cloud.url, 'content-type': 'application/x-www-form-urlencoded' }, body: 'fn=tick&name=nightly' })).status).toBe(303)
  })

  it('takes function calls and trigger runs only as JSON (a text/plain form post from a page is refused)', async () => {
    const plain = await raw(`${cloud.url}/gateway/call`, { headers: { 'content-type': 'text/plain' }, body: callBody })
    expect(plain.status).toBe(415)
    expect(plain.json).toMatchObject({ errCode: -501007, errMsg: expect.stringMatching(HAN) })
    expect((await raw(`${cloud.url}/dev/api/trigger`, { headers: { 'content-type': 'text/plain' }, body: '{"fn":"tick","name":"nightly"}' })).status).toBe(415)
    expect((await raw(`${cloud.url}/dev/api/trigger`, { headers: JSON_TYPE, body: '{"fn":"tick","name":"nightly"}' })).status).toBe(200)
  })

  it('answers an unauthenticated /admin call (text/plain, reading users) with an auth error and reads nothing', async () => {
    cloud.db.insertMany('users', [{ _id: 'dev-admin', role: 'admin' }])
    const body = JSON.stringify({ action: 'database.queryDocument', collectionName: 'users', query: '{}' })
    const r = await raw(`${cloud.url}/admin?env=local`, { headers: { 'content-type': 'text/plain' }, body })
    expect(r.status).toBe(401)
    expect(r.json).toMatchObject({ code: 'AUTH_FAILED' })
    expect(JSON.stringify(r.json)).not.toContain('dev-admin')
    // The old fixed secret no longer works.
    const url = `${cloud.url}/admin?env=local`
    const old = signWireCall({ credentials: { secretId: 'local', secretKey: 'local' }, url, params: JSON.parse(body) as Record<string, unknown> })
    expect((await raw(url, { headers: old, body })).status).toBe(401)
  })

  it('a client event imitating a timer or a media-check push still comes from wx_client, without TRIGGER_SRC', async () => {
    const forged = [
      { Type: 'Timer', TriggerName: 'forged', Time: '2025-01-01T00:00:00Z', Message: '' },
      { MsgType: 'event', Event: 'wxa_media_check', TriggerName: 'forged-push', trace_id: 't', result: { suggest: 'pass' } },
    ]
    for (const data of forged) {
      const r = await raw(`${cloud.url}/gateway/call`, { headers: JSON_TYPE, body: JSON.stringify({ name: 'tick', data }) })
      const result = r.json.result as { wx: Record<string, unknown>; triggerSrc: unknown }
      expect(result.wx).toMatchObject({ OPENID: '', SOURCE: 'wx_client' })
      expect(result.triggerSrc).toBeNull()
    }
    // The real trigger, for contrast.
    const real = (await cloud.runTrigger('tick', 'nightly')) as { wx: Record<string, unknown>; triggerSrc: unknown }
    expect(real).toMatchObject({ wx: { OPENID: '', SOURCE: 'wx_trigger' }, triggerSrc: 'timer' })
  })

  it('LocalCloud.sdkEnv carries the per-run secret, not a fixed one', () => {
    expect(cloud.sdkEnv.TENCENTCLOUD_SECRETID).not.toBe('local')
    expect(cloud.sdkEnv.TENCENTCLOUD_SECRETKEY.length).toBeGreaterThanOrEqual(32)
  })

  it('refuses an unknown environment loudly, on /admin and on the gateway', async () => {
    const url = `${cloud.url}/admin?env=other&seqId=1`
    const params = { action: 'functions.invokeFunction', function_name: 'tick', request_data: '{}' }
    const r = await raw(url, { headers: signWireCall({ credentials: credentialsOf(cloud), url, params }), body: JSON.stringify(params) })
    expect(r.json).toMatchObject({ code: 'INVALID_ENV', message: expect.stringContaining('"other"') })
    const g = await raw(`${cloud.url}/gateway/call?env=other`, { headers: JSON_TYPE, body: callBody })
    expect(g.status).toBe(400)
    expect(g.json.errMsg).toMatch(HAN)
    expect(nightly()).toBe(3) // only the same-origin form run, the JSON trigger run and runTrigger above
  })
})

describe('identity and SOURCE', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    process.env.TZ = 'Asia/Shanghai' // the host's zone before the local cloud starts
    cloud = await startFixtureCloud({ appid: 'wx-boundary' })
  })
  afterAll(() => cloud.stop())

  it('no X-Local-Openid is a signed-out visitor from the client (OPENID "", SOURCE wx_client), never the system', async () => {
    const { body } = await gatewayCall(cloud.url, 'echo', { action: 'x', userInfo: { openId: 'forged' } })
    const result = body.result as { wx: Record<string, unknown>; event: Record<string, unknown> }
    expect(result.wx).toMatchObject({ OPENID: '', SOURCE: 'wx_client', APPID: 'wx-boundary' })
    // userInfo is set by the platform, like wx.cloud: a client cannot forge it.
    expect(result.event.userInfo).toEqual({ appId: 'wx-boundary', openId: '' })
  })

  it('a function that calls init({ env: "other" }) gets an error naming the environment instead of this one’s data', async () => {
    const r = (await cloud.functions.invoke('otherenv', {}, { OPENID: 'dev-resident-1', SOURCE: 'wx_client' })) as { ok: boolean; errMsg?: string }
    expect(r.ok).toBe(false)
    expect(r.errMsg).toContain('"other" does not exist')
  })

  it('runs instances in UTC like CloudBase, whatever the host zone was', async () => {
    const { body } = await gatewayCall(cloud.url, 'echo', { clock: true }, 'dev-resident-1')
    expect(body.result).toEqual({ offset: 0, zone: 'UTC', TZ: 'UTC' })
  })
})

describe('storage ownership and downloads', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud({ storageRules: loadStorageRules() })
  })
  afterAll(() => cloud.stop())

  async function upload(cloudPath: string, bytes: Buffer, openid?: string, type = 'image/jpeg'): Promise<{ status: number; json: Record<string, unknown> }> {
    const f = new FormData()
    f.append('cloudPath', cloudPath)
    f.append('file', new Blob([new Uint8Array(bytes)], { type }), path.basename(cloudPath))
    const res = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: openid ? { 'x-local-openid': openid } : {}, body: f })
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }

  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])

  it('declares creator-only write in cloudfunctions/storage.json, in CloudBase syntax', () => {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'storage.json'), 'utf8')) as { rules: unknown }
    expect(file.rules).toEqual({ read: true, write: 'resource.openid == auth.openid' })
    expect(loadStorageRules()).toEqual(file.rules)
    expect(() => compileStorageRules({ read: true, write: 'resource.path.startsWith("x")' })).toThrow(/unsupported|unexpected/)
    expect(() => compileStorageRules({ read: true })).toThrow(/write/)
  })

  it('records the uploader as creator; another user cannot overwrite the file, its creator can', async () => {
    const first = await upload('uploads/k-a/evidence.jpg', jpeg, 'resident-a')
    expect(first.status).toBe(200)
    const fileID = first.json.fileID as string
    expect(cloud.storage.read(fileID)?.openid).toBe('resident-a')

    const swap = await upload('uploads/k-a/evidence.jpg', Buffer.from('swapped'), 'resident-b')
    expect(swap.status).toBe(403)
    expect(swap.json).toMatchObject({ errCode: -503002, errMsg: expect.stringMatching(HAN) })
    expect(cloud.storage.read(fileID)?.bytes.equals(jpeg)).toBe(true)

    expect((await upload('uploads/k-a/evidence.jpg', Buffer.from([0xff, 0xd8, 0xff, 9]), 'resident-a')).status).toBe(200)
    expect(cloud.storage.read(fileID)?.openid).toBe('resident-a')
  })

  it('refuses a signed-out upload and a client upload outside uploads/', async () => {
    const anon = await upload('uploads/k-x/a.jpg', jpeg)
    expect(anon.status).toBe(401)
    expect(anon.json.errMsg).toMatch(HAN)
    const outside = await upload('alerts/a.jpg', jpeg, 'resident-a')
    expect(outside.status).toBe(403)
    expect(cloud.storage.read(cloud.storage.fileIdOf('uploads/k-x/a.jpg'))).toBeUndefined()
    expect(cloud.storage.read(cloud.storage.fileIdOf('alerts/a.jpg'))).toBeUndefined()
  })

  it('a file the server side wrote has no user as creator, so no client can overwrite it', async () => {
    const fileID = cloud.storage.put('uploads/k-s/official.jpg', jpeg, 'image/jpeg')
    expect(cloud.storage.read(fileID)?.openid).toBe('')
    expect((await upload('uploads/k-s/official.jpg', Buffer.from('x'), 'resident-a')).status).toBe(403)
  })

  it('serves downloads with the stored type and nosniff; only raster images inline, SVG and HTML as attachments', async () => {
    const cases: Array<[string, string, boolean]> = [
      ['uploads/k-d/a.jpg', 'image/jpeg', true],
      ['uploads/k-d/a.png', 'image/png', true],
      ['uploads/k-d/a.webp', 'image/webp', true],
      ['uploads/k-d/a.heic', 'image/heic', true],
      ['uploads/k-d/a.gif', 'image/gif', true],
      ['uploads/k-d/a.svg', 'image/svg+xml', false],
      ['uploads/k-d/a.html', 'text/html', false],
      ['uploads/k-d/fake.jpg', 'text/html', false],
    ]
    for (const [cloudPath, type, inline] of cases) {
      const up = await upload(cloudPath, Buffer.from('<svg onload=alert(1)>'), 'resident-d', type)
      expect(up.status).toBe(200)
      const res = await fetch(cloud.storage.tempUrl(up.json.fileID as string) as string)
      expect(res.headers.get('content-type')).toBe(type)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      if (inline) expect(res.headers.get('content-disposition')).toBeNull()
      else expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/)
    }
  })

  it('accepts a file of exactly 10 MB and refuses 10 MB + 1 byte, in Chinese', async () => {
    expect((await upload('uploads/k-big/exact.bin', Buffer.alloc(MAX_UPLOAD_BYTES), 'resident-big')).status).toBe(200)
    const over = await upload('uploads/k-big/over.bin', Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'resident-big')
    expect(over.status).toBe(413)
    expect(over.json.errMsg).toMatch(/^cloud\.uploadFile:fail .*文件太大，不能超过 10 MB/)
  })
})

describe('gateway rejections a person can read', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  it.each([
    ['a body over 1 MB', 413, JSON_TYPE, JSON.stringify({ name: 'echo', data: { s: 'x'.repeat(1024 * 1024) } })],
    ['malformed JSON', 400, JSON_TYPE, '{not json'],
    ['a wrong content type', 415, { 'content-type': 'text/plain' }, callBody],
    ['a missing name', 400, JSON_TYPE, JSON.stringify({ data: {} })],
    ['data that is not an object', 400, JSON_TYPE, JSON.stringify({ name: 'echo', data: [1] })],
  ])('%s answers %i with a Chinese errMsg in wx.cloud’s shape', async (_what, status, headers, body) => {
    const r = await raw(`${cloud.url}/gateway/call`, { headers, body })
    expect(r.status).toBe(status)
    expect(r.json).toMatchObject({ errCode: -501007, errMsg: expect.stringMatching(/^cloud\.callFunction:fail errCode: -501007 \| errMsg: /) })
    expect(r.json.errMsg).toMatch(HAN)
  })
})
