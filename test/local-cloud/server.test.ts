// The /admin front answers bad wire requests in CloudBase's error shape and keeps serving, and answers only
// callers signing with the per-run secret.
import http from 'node:http'
import { startServer, MAX_ADMIN_BODY, type RunningServer } from '../../local-cloud/src/server'
import { WireError, type AdminService } from '../../local-cloud/src/wire'
import { signWireCall } from '../../local-cloud/src/auth'

let server: RunningServer
const seen: string[] = []

const echo: AdminService = {
  prefixes: ['echo.'],
  async handle(req) {
    seen.push(req.action)
    if (req.action === 'echo.fail') throw new WireError('DATABASE_COLLECTION_NOT_EXIST', 'no such collection')
    if (req.action === 'echo.crash') throw new Error('unexpected')
    return { json: { data: { action: req.action, env: req.env, fn: req.caller.functionName ?? null, size: JSON.stringify(req.params).length } } }
  },
}

beforeAll(async () => {
  server = await startServer({ port: 0, services: [echo], routes: [] })
})
afterAll(() => server.close())

/** Posts a wire call signed with the server's per-run secret (when the body is a JSON object, as the SDK sends). */
async function admin(body: string, query = 'env=local&seqId=1', type = 'application/json') {
  const url = `${server.url}/admin?${query}`
  let params: unknown
  try {
    params = JSON.parse(body)
  } catch {
    params = {}
  }
  const signed = signWireCall({ credentials: server.credentials, url, params: params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {} })
  const res = await fetch(url, { method: 'POST', headers: { ...signed, 'content-type': type }, body })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

it('serves an action to the service owning its prefix, with the env and the calling function', async () => {
  const r = await admin(JSON.stringify({ action: 'echo.ping' }), 'fn=account&env=local&seqId=2')
  expect(r.status).toBe(200)
  expect(r.body).toMatchObject({ data: { action: 'echo.ping', env: 'local', fn: 'account' }, requestId: expect.any(String) })
})

it.each([
  ['malformed JSON', '{"action": ', 'INVALID_PARAM'],
  ['a body that is not an object', '[1,2]', 'INVALID_PARAM'],
  ['a missing action', '{"collectionName":"x"}', 'INVALID_PARAM'],
  ['an unknown action', '{"action":"nosuch.thing"}', 'ACTION_NOT_SUPPORTED'],
])('answers %s with a code and message, not a crash', async (_what, body, code) => {
  const r = await admin(body)
  expect(r.body).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) })
})

it('refuses a body over 1 MB like CloudBase and keeps serving', async () => {
  const big = JSON.stringify({ action: 'echo.big', data: 'x'.repeat(MAX_ADMIN_BODY) })
  const r = await admin(big)
  expect(r.status).toBe(413)
  expect(r.body).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('exceeds') })
  expect(seen).not.toContain('echo.big')
  expect((await admin(JSON.stringify({ action: 'echo.after' }))).status).toBe(200)
})

it("passes a service's WireError through as { code, message } with status 200, as the SDK expects", async () => {
  const r = await admin(JSON.stringify({ action: 'echo.fail' }))
  expect(r).toEqual({ status: 200, body: { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'no such collection', requestId: expect.any(String) } })
})

it('turns an unexpected service error into SYS_ERR and keeps serving', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const r = await admin(JSON.stringify({ action: 'echo.crash' }))
  spy.mockRestore()
  expect(r.body).toMatchObject({ code: 'SYS_ERR' })
  expect((await admin(JSON.stringify({ action: 'echo.ok' }))).body).toMatchObject({ data: { action: 'echo.ok' } })
})

it('reads multipart bodies (wx.openApi) into fields', async () => {
  const form = new FormData()
  form.append('action', 'echo.form')
  form.append('requestData', new Blob([new Uint8Array([1, 2, 3])]))
  const url = `${server.url}/admin?env=local`
  const params = { action: 'echo.form', requestData: Buffer.from([1, 2, 3]) }
  // fetch sets the multipart boundary itself; the signature covers `multipart/form-data` without it, as node-sdk's does.
  const { 'content-type': _signedType, ...headers } = signWireCall({ credentials: server.credentials, url, params, contentType: 'multipart/form-data' })
  const res = await fetch(url, { method: 'POST', headers, body: form })
  expect(await res.json()).toMatchObject({ data: { action: 'echo.form' } })
})

it('answers 404 for paths it does not serve', async () => {
  const res = await fetch(`${server.url}/nothing-here`)
  expect(res.status).toBe(404)
})

describe('only callers holding the per-run secret', () => {
  it('answers an unsigned call (e.g. a text/plain body from a web page) with an auth error and runs nothing', async () => {
    const res = await fetch(`${server.url}/admin?env=local`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ action: 'echo.unsigned' }) })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('unauthenticated') })
    expect(seen).not.toContain('echo.unsigned')
  })

  it('refuses the old fixed secret, another secret, and a signed body that was changed afterwards', async () => {
    const url = `${server.url}/admin?env=local`
    const params = { action: 'echo.signed' }
    for (const credentials of [
      { secretId: 'local', secretKey: 'local' },
      { secretId: server.credentials.secretId, secretKey: 'guessed' },
    ]) {
      const res = await fetch(url, { method: 'POST', headers: signWireCall({ credentials, url, params }), body: JSON.stringify(params) })
      expect(res.status).toBe(401)
    }
    const headers = signWireCall({ credentials: server.credentials, url, params })
    const tampered = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ action: 'echo.tampered' }) })
    expect(tampered.status).toBe(401)
    expect(seen).not.toContain('echo.signed')
    expect(seen).not.toContain('echo.tampered')
    expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify(params) })).status).toBe(200)
  })

  it('refuses a request whose Host is not this server (DNS rebinding) before reading it', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/admin?env=local`, { method: 'POST', headers: { host: `evil.example:${server.port}`, 'content-type': 'application/json' } }, (r) => {
        let body = ''
        r.on('data', (c: Buffer) => (body += c.toString()))
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end(JSON.stringify({ action: 'echo.rebound' }))
    })
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_REQUEST_SOURCE' })
    expect(seen).not.toContain('echo.rebound')
  })
})
