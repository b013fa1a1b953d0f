// The H5 app's gateway (call, upload), the dev pages, static files and the openapi permission a function's
// config.json grants.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MAX_UPLOAD_BYTES } from '../../local-cloud/src/gateway'
import { gatewayCall, startFixtureCloud, FIXTURE_TIMERS, type FixtureCloud } from './fixtures/cloud'

jest.setTimeout(60_000)

describe('POST /gateway/call', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud({ appid: 'wx-gateway-app' })
  })
  afterAll(() => cloud.stop())

  it('answers { result } with the function running as the X-Local-Openid user from the mini-program client', async () => {
    const { status, body } = await gatewayCall(cloud.url, 'echo', { action: 'me', payload: { a: 1 } }, 'dev-resident-1')
    expect(status).toBe(200)
    expect(Object.keys(body)).toEqual(['result'])
    const result = body.result as { wx: Record<string, unknown>; event: unknown }
    // wx.cloud adds userInfo to the event of a client call.
    expect(result.event).toEqual({ action: 'me', payload: { a: 1 }, userInfo: { appId: 'wx-gateway-app', openId: 'dev-resident-1' } })
    expect(result.wx).toEqual({ OPENID: 'dev-resident-1', APPID: 'wx-gateway-app', CLIENTIP: '127.0.0.1', ENV: 'local', SOURCE: 'wx_client' })
  })

  it('runs the function with an empty OPENID when there is no identity header', async () => {
    const { status, body } = await gatewayCall(cloud.url, 'echo', {})
    expect(status).toBe(200)
    expect((body.result as { wx: { OPENID: unknown } }).wx.OPENID).toBe('')
  })

  it('passes a function’s own failure envelope through as its result', async () => {
    const { status, body } = await gatewayCall(cloud.url, 'envelope', { code: 'forbidden' }, 'dev-resident-2')
    expect(status).toBe(200)
    expect(body).toEqual({ result: { ok: false, error: { code: 'forbidden', message: '没有权限' } } })
  })

  it('answers wx.cloud-style { errCode, errMsg } failures the client can tell from results', async () => {
    const thrown = await gatewayCall(cloud.url, 'throws', {}, 'dev-admin')
    expect(thrown.status).toBe(502)
    expect(thrown.body).not.toHaveProperty('result')
    expect(thrown.body.errCode).toBe(-504002)
    expect(thrown.body.errMsg).toMatch(/^cloud\.callFunction:fail .*boom from fixture/s)

    const missing = await gatewayCall(cloud.url, 'no-such-function', {})
    expect(missing).toMatchObject({ status: 404, body: { errCode: -501000 } })

    const badJson = await fetch(`${cloud.url}/gateway/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ errCode: -501007 })

    const noName = await fetch(`${cloud.url}/gateway/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: {} }) })
    expect(noName.status).toBe(400)
    const badData = await fetch(`${cloud.url}/gateway/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'echo', data: [1] }) })
    expect(badData.status).toBe(400)
  })
})

describe('POST /gateway/upload', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  function form(cloudPath: string | undefined, bytes: Buffer | undefined, type = 'image/png'): FormData {
    const f = new FormData()
    if (cloudPath !== undefined) f.append('cloudPath', cloudPath)
    if (bytes) f.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo.png')
    return f
  }

  it('stores the file and answers its fileID, which storage serves back byte for byte', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5])
    const res = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: { 'x-local-openid': 'dev-resident-1' }, body: form('uploads/k1/a.png', bytes) })
    expect(res.status).toBe(200)
    const { fileID } = (await res.json()) as { fileID: string }
    expect(fileID).toMatch(/^cloud:\/\/.+\/uploads\/k1\/a\.png$/)
    expect(cloud.storage.read(fileID)?.bytes.equals(bytes)).toBe(true)
    const url = cloud.storage.tempUrl(fileID) as string
    const download = await fetch(url)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('refuses a file over the size limit, a missing file or cloudPath, and an unsafe cloudPath', async () => {
    const me = { 'x-local-openid': 'dev-resident-1' }
    const big = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: me, body: form('uploads/k1/big.bin', Buffer.alloc(MAX_UPLOAD_BYTES + 1)) })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ errCode: -503001, errMsg: expect.stringContaining('10 MB') })

    const noFile = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: me, body: form('uploads/k1/x.png', undefined) })
    expect(noFile.status).toBe(400)
    const noPath = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: me, body: form(undefined, Buffer.from('x')) })
    expect(noPath.status).toBe(400)
    const escape = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: me, body: form('uploads/../../outside.png', Buffer.from('x')) })
    expect(escape.status).toBe(400)
    const notMultipart = await fetch(`${cloud.url}/gateway/upload`, { method: 'POST', headers: me, body: 'plain text' })
    expect(notMultipart.status).toBe(400)
  })
})

describe('openapi permissions from config.json', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  it('lets a function with permissions.openapi send a subscription message into the outbox', async () => {
    await expect(cloud.functions.invoke('notify', { touser: 'dev-resident-1' }, { SOURCE: 'wx_client' })).resolves.toEqual({ ok: true, errCode: 0 })
    expect(cloud.openapi.listOutbox()).toEqual([expect.objectContaining({ functionName: 'notify', touser: 'dev-resident-1', templateId: 'fixture-template' })])
    const page = await (await fetch(`${cloud.url}/dev/outbox`)).text()
    expect(page).toContain('fixture-template')
    expect(page).toContain('测试消息')
  })

  it('denies the same call from a function without the permission (-604101)', async () => {
    await expect(cloud.functions.invoke('nopermission', { touser: 'dev-resident-1' }, { SOURCE: 'wx_client' })).resolves.toMatchObject({
      ok: false,
      errCode: -604101,
    })
  })
})

describe('message push', () => {
  it('delivers the wxa_media_check result of security.mediaCheckAsync to the message-push function', async () => {
    const cloud = await startFixtureCloud({ messagePushFunction: 'pushsink' })
    try {
      const { traceId } = (await cloud.functions.invoke('media', { mediaUrl: 'https://example.com/a.jpg', openid: 'dev-resident-1' }, { OPENID: 'dev-resident-1', SOURCE: 'wx_client' })) as {
        traceId: string
      }
      expect(typeof traceId).toBe('string')
      const deadline = Date.now() + 5000
      while (cloud.db.find('ticks', { name: 'push' }).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      const [push] = cloud.db.find('ticks', { name: 'push' }) as Array<{ event: Record<string, unknown>; wx: Record<string, unknown> }>
      expect(push.event).toMatchObject({ Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' } })
      expect(push.wx).toMatchObject({ OPENID: '', SOURCE: 'wx_unknown' })
    } finally {
      await cloud.stop()
    }
  })
})

describe('dev pages', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud({ functionsDir: FIXTURE_TIMERS })
    cloud.db.insertMany('users', [
      { _id: 'dev-admin', role: 'admin', name: '李所长' },
      { _id: 'dev-resident-1', role: 'resident', name: '张桂兰', villageId: 'pingchuan' },
    ])
  })
  afterAll(() => cloud.stop())

  it('lists the users to sign in as, and the login link stores the identity where the H5 app reads it', async () => {
    const res = await fetch(`${cloud.url}/dev/`)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toContain('李所长')
    expect(html).toContain('管理员')
    expect(html).toContain('/dev/login?openid=dev-resident-1')
    const login = await (await fetch(`${cloud.url}/dev/login?openid=dev-resident-1`)).text()
    expect(login).toContain('localStorage.setItem("fq_dev_openid", "dev-resident-1")')
    const logout = await (await fetch(`${cloud.url}/dev/login`)).text()
    expect(logout).toContain('localStorage.removeItem("fq_dev_openid")')
  })

  it('escapes what it shows', async () => {
    const login = await (await fetch(`${cloud.url}/dev/login?openid=${encodeURIComponent('</script><b>x')}`)).text()
    expect(login).not.toContain('</script><b>')
  })

  it('lists timer triggers and runs one from the form and from the JSON endpoint', async () => {
    const html = await (await fetch(`${cloud.url}/dev/triggers`)).text()
    expect(html).toContain('everySecond')
    expect(html).toContain('0 0 2 * * * *')
    const form = await fetch(`${cloud.url}/dev/triggers/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'fn=tick&name=nightly',
      redirect: 'manual',
    })
    expect(form.status).toBe(303)
    expect(decodeURIComponent(form.headers.get('location') ?? '')).toContain('已运行 tick / nightly')
    const api = await fetch(`${cloud.url}/dev/api/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: 'tick', name: 'nightly' }) })
    expect(api.status).toBe(200)
    expect(((await api.json()) as { result: { event: { TriggerName: string } } }).result.event.TriggerName).toBe('nightly')
    const unknown = await fetch(`${cloud.url}/dev/api/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: 'tick', name: 'nope' }) })
    expect(unknown.status).toBe(404)
    expect(cloud.db.find('ticks', { name: 'nightly' })).toHaveLength(2)
  })

  it('`npm run trigger -- <fn> <name>` runs a trigger on the running local cloud', async () => {
    const root = path.resolve(__dirname, '..', '..')
    // Asynchronous on purpose: the local cloud answering the script runs in this very process.
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/trigger.ts', 'tick', 'nightly'], {
        cwd: root,
        env: { ...process.env, PORT: String(cloud.port) },
        encoding: 'utf8',
      }, (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }))
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ event: { Type: 'Timer', TriggerName: 'nightly' }, triggerSrc: 'timer' })
  })
})

describe('static H5 files', () => {
  it('serves dist/h5 at / with content types and nothing outside it', async () => {
    const h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-h5-'))
    fs.mkdirSync(path.join(h5, 'js'))
    fs.writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>app</title>')
    fs.writeFileSync(path.join(h5, 'js', 'app.12345678.js'), 'console.log(1)')
    const cloud = await startFixtureCloud({ h5Dir: h5 })
    try {
      const index = await fetch(`${cloud.url}/`)
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await index.text()).toContain('<title>app</title>')
      const js = await fetch(`${cloud.url}/js/app.12345678.js`)
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect((await fetch(`${cloud.url}/js/missing.js`)).status).toBe(404)
      expect((await fetch(`${cloud.url}/%2e%2e/%2e%2e/etc/passwd`)).status).not.toBe(200)
    } finally {
      await cloud.stop()
      fs.rmSync(h5, { recursive: true, force: true })
    }
  })

  it('explains how to build when dist/h5 is missing', async () => {
    const cloud = await startFixtureCloud({ h5Dir: path.join(os.tmpdir(), 'no-such-h5-dir') })
    try {
      const html = await (await fetch(`${cloud.url}/`)).text()
      expect(html).toContain('npm run build:h5')
    } finally {
      await cloud.stop()
    }
  })
})
