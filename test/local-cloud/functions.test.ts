// The function runtime: warm instances running real wx-server-sdk bundles, per-invocation WX context,
// nested callFunction over the wire, instance limits and reaping, one log line per call.
import { FunctionError } from '../../local-cloud/src/functions'
import { credentialsOf, startFixtureCloud, type FixtureCloud } from './fixtures/cloud'
import { signWireCall } from '../../local-cloud/src/auth'

jest.setTimeout(60_000)

interface EchoResult {
  wx: Record<string, unknown>
  event: Record<string, unknown>
  envVar: string | null
  at: unknown
  instanceId: string
}

describe('function runtime', () => {
  let cloud: FixtureCloud

  beforeAll(async () => {
    cloud = await startFixtureCloud({ appid: 'wx-fixture-app' })
  })
  afterAll(() => cloud.stop())

  it('gives each of 20 concurrent calls its own OPENID through getWXContext()', async () => {
    const openids = Array.from({ length: 20 }, (_, i) => `user-${i}`)
    const results = (await Promise.all(
      openids.map((OPENID) => cloud.functions.invoke('echo', { action: 'who', delayMs: 30 }, { OPENID, APPID: 'wx-fixture-app', CLIENTIP: '10.0.0.1', SOURCE: 'wx_client' })),
    )) as EchoResult[]
    results.forEach((r, i) => {
      expect(r.wx).toEqual({ OPENID: openids[i], APPID: 'wx-fixture-app', CLIENTIP: '10.0.0.1', ENV: 'local', SOURCE: 'wx_client' })
      expect(r.event).toEqual({ action: 'who', delayMs: 30 })
    })
    // 20 overlapping calls, at most 8 instances: some instances served several callers, each with its own context.
    expect(new Set(results.map((r) => r.instanceId)).size).toBeLessThanOrEqual(8)
    expect(cloud.functions.stats('echo').instances).toBeLessThanOrEqual(8)
  })

  it('does not leak one call’s context into the next call on the same instance', async () => {
    const first = (await cloud.functions.invoke('echo', {}, { OPENID: 'someone', UNIONID: 'u-1', SOURCE: 'wx_client' })) as EchoResult
    const second = (await cloud.functions.invoke('echo', {}, { SOURCE: 'wx_trigger' })) as EchoResult
    expect(first.wx.UNIONID).toBe('u-1')
    expect(second.wx).toEqual({ ENV: 'local', SOURCE: 'wx_trigger' })
  })

  it('passes config.json envVariables to the function and answers JSON like CloudBase (Dates as strings, undefined as null)', async () => {
    const r = (await cloud.functions.invoke('echo', {}, { SOURCE: 'wx_client' })) as EchoResult
    expect(r.envVar).toBe('from-config')
    expect(r.at).toBe('1970-01-01T00:00:00.000Z')
    await expect(cloud.functions.invoke('echo', { nothing: true }, { SOURCE: 'wx_client' })).resolves.toBeNull()
  })

  it('keeps process.env’s rules in an instance: a value set becomes a string, is listed, and can be deleted', async () => {
    // The instance host swaps the worker's environment for a plain object (cheaper to read); the function must not
    // be able to tell.
    const r = await cloud.functions.invoke('echo', { envRules: true }, { SOURCE: 'wx_client' })
    expect(r).toMatchObject({ set: '5', type: 'string', listed: true, gone: true, sdkEnv: 'local' })
  })

  it('runs a nested cloud.callFunction over the wire with the caller’s user and a chained SOURCE', async () => {
    const r = (await cloud.functions.invoke('nested', { data: { hello: 'inner' } }, { OPENID: 'resident-9', APPID: 'wx-fixture-app', SOURCE: 'wx_client' })) as {
      mine: Record<string, unknown>
      inner: EchoResult
    }
    expect(r.mine.OPENID).toBe('resident-9')
    expect(r.inner.event).toEqual({ hello: 'inner' })
    expect(r.inner.wx).toMatchObject({ OPENID: 'resident-9', APPID: 'wx-fixture-app', SOURCE: 'wx_client,scf' })
  })

  it('makes the caller’s SDK throw when the nested function fails or does not exist', async () => {
    const failed = (await cloud.functions.invoke('nested', { target: 'throws' }, { OPENID: 'x', SOURCE: 'wx_client' })) as { error: { errCode: number; errMsg: string } }
    expect(failed.error.errMsg).toMatch(/^callFunction:fail Error: boom from fixture/)
    const missing = (await cloud.functions.invoke('nested', { target: 'no-such-function' }, { OPENID: 'x', SOURCE: 'wx_client' })) as { error: { errMsg: string } }
    expect(missing.error.errMsg).toContain('no-such-function')
  })

  /** A raw wire call signed with this cloud's per-run secret, as node-sdk signs it. */
  function wire(seqId: number, params: Record<string, unknown>): Promise<Response> {
    const url = `${cloud.url}/admin?env=local&seqId=${seqId}`
    return fetch(url, { method: 'POST', headers: signWireCall({ credentials: credentialsOf(cloud), url, params }), body: JSON.stringify(params) })
  }

  it('answers functions.invokeFunction on /admin in the shape node-sdk parses', async () => {
    const res = await wire(1, { action: 'functions.invokeFunction', function_name: 'echo', request_data: JSON.stringify({ action: 'wire' }) })
    const body = (await res.json()) as { data: { response_data: string }; requestId: string }
    expect(typeof body.requestId).toBe('string')
    const result = JSON.parse(body.data.response_data) as EchoResult
    expect(result.event).toEqual({ action: 'wire' })
    // Not from inside a function: no user, and the call counts as an HTTP API call.
    expect(result.wx).toEqual({ ENV: 'local', SOURCE: 'wx_http' })

    const missing = await wire(2, { action: 'functions.invokeFunction', function_name: 'nope', request_data: '{}' })
    expect(await missing.json()).toMatchObject({ code: 'ResourceNotFound.FunctionName' })
  })

  it('rejects a call to a function that is not built with FUNCTION_NOT_FOUND', async () => {
    await expect(cloud.functions.invoke('nope', {}, { SOURCE: 'wx_client' })).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND', errCode: -501000 })
    await expect(cloud.functions.invoke('../echo', {}, { SOURCE: 'wx_client' })).rejects.toBeInstanceOf(FunctionError)
  })
})

describe('instances', () => {
  it('starts more instances under concurrency up to the limit, queues the rest and reuses warm ones', async () => {
    const cloud = await startFixtureCloud({ maxInstances: 3 })
    try {
      const t0 = Date.now()
      const results = (await Promise.all(Array.from({ length: 7 }, () => cloud.functions.invoke('slow', { ms: 300 }, { SOURCE: 'wx_client' })))) as Array<{
        instanceId: string
      }>
      const elapsed = Date.now() - t0
      expect(new Set(results.map((r) => r.instanceId)).size).toBe(3)
      expect(cloud.functions.stats('slow')).toMatchObject({ instances: 3, busy: 0, queued: 0, started: 3 })
      // 7 calls of 300 ms on 3 instances take three rounds.
      expect(elapsed).toBeGreaterThanOrEqual(900)
      const again = (await cloud.functions.invoke('slow', { ms: 1 }, { SOURCE: 'wx_client' })) as { instanceId: string }
      expect(results.map((r) => r.instanceId)).toContain(again.instanceId)
      expect(cloud.functions.stats('slow').started).toBe(3)
    } finally {
      await cloud.stop()
    }
  })

  it('stops instances that stay idle', async () => {
    const cloud = await startFixtureCloud({ idleMs: 200 })
    try {
      await cloud.functions.invoke('echo', {}, { SOURCE: 'wx_client' })
      expect(cloud.functions.stats('echo').instances).toBe(1)
      const deadline = Date.now() + 3000
      while (cloud.functions.stats('echo').instances > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(cloud.functions.stats('echo').instances).toBe(0)
      // The next call starts a fresh one.
      await expect(cloud.functions.invoke('echo', {}, { SOURCE: 'wx_client' })).resolves.toMatchObject({ envVar: 'from-config' })
      expect(cloud.functions.stats('echo').started).toBe(2)
    } finally {
      await cloud.stop()
    }
  })
})

describe('call log', () => {
  it('prints one line per call with function, action, openid, duration and outcome', async () => {
    const lines: string[] = []
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '))
    })
    const cloud = await startFixtureCloud({ log: true })
    try {
      await cloud.functions.invoke('echo', { action: 'me' }, { OPENID: 'dev-admin', SOURCE: 'wx_client' })
      await cloud.functions.invoke('throws', { action: 'explode' }, { OPENID: 'dev-officer', SOURCE: 'wx_client' }).catch(() => undefined)
      await cloud.functions.invoke('envelope', { action: 'publish', code: 'slot_full' }, { SOURCE: 'wx_client' })
    } finally {
      await cloud.stop()
      spy.mockRestore()
    }
    const calls = lines.filter((l) => l.includes(' call '))
    expect(calls).toHaveLength(3)
    expect(calls[0]).toMatch(/call echo me openid=dev-admin \d+ms ok$/)
    expect(calls[1]).toMatch(/call throws explode openid=dev-officer \d+ms FUNCTIONS_EXECUTE_FAIL$/)
    // A handled failure is logged with the envelope's error code; an empty OPENID shows as '-'.
    expect(calls[2]).toMatch(/call envelope publish openid=- \d+ms slot_full$/)
  })
})
