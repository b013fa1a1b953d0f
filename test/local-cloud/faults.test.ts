// Faults in functions: a throw, an endless loop, a crash, an uncaught async error, a bundle that does not load, an
// event too deep to hand over, a result too large. Each gives the caller CloudBase's error and other calls are
// unaffected; a crash, timeout or exit replaces the instance, a throw does not (CloudBase keeps it warm).
import { FunctionError, MAX_EVENT_DEPTH, MAX_RESULT_BYTES } from '../../local-cloud/src/functions'
import { gatewayCall, startFixtureCloud, type FixtureCloud } from './fixtures/cloud'

jest.setTimeout(60_000)

const client = { OPENID: 'dev-resident-1', SOURCE: 'wx_client' }

describe('function faults', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  it('a throw answers FUNCTIONS_EXECUTE_FAIL with the function’s message and the instance stays warm (module state survives)', async () => {
    const err = (await cloud.functions.invoke('throws', {}, client).catch((e: unknown) => e)) as FunctionError
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(err.errCode).toBe(-504002)
    expect(err.message).toMatch(/^Error: boom from fixture\n\s+at exports\.main/)
    expect(err.message).not.toContain('host.cjs')
    // CloudBase keeps the instance: the same one serves the next call, with its module state.
    expect(cloud.functions.stats('throws')).toMatchObject({ instances: 1, started: 1 })
    await expect(cloud.functions.invoke('throws', {}, client)).rejects.toBeInstanceOf(FunctionError)
    await expect(cloud.functions.invoke('throws', { count: true }, client)).resolves.toEqual({ calls: 3 })
    expect(cloud.functions.stats('throws').started).toBe(1)
  })

  it('an endless loop is killed at its config.json timeout while other calls keep being served', async () => {
    await cloud.functions.invoke('echo', {}, client) // warm
    const t0 = Date.now()
    const looping = cloud.functions.invoke('loop', {}, client).catch((e: unknown) => e)
    // While one instance spins, other functions and other instances answer.
    const during = Date.now()
    await expect(cloud.functions.invoke('echo', { action: 'during' }, client)).resolves.toMatchObject({ event: { action: 'during' } })
    expect(Date.now() - during).toBeLessThan(1000)
    const err = (await looping) as FunctionError
    const elapsed = Date.now() - t0
    expect(err).toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', errCode: -504002, message: 'Invoking task timed out after 1 seconds' })
    // timeout is 1 s; the cold start (loading the SDK) comes before the clock starts.
    expect(elapsed).toBeGreaterThanOrEqual(1000)
    expect(elapsed).toBeLessThan(6000)
    await expect(cloud.functions.invoke('loop', { quick: true }, client)).resolves.toEqual({ quick: true })
  })

  it('process.exit() in a function fails only that call; the next call gets a new instance', async () => {
    const alive = (await cloud.functions.invoke('crash', {}, client)) as { instance: string }
    const busy = cloud.functions.invoke('crash', { asyncThrow: false }, client)
    const err = (await cloud.functions.invoke('crash', { crash: true }, client).catch((e: unknown) => e)) as FunctionError
    expect(err).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('exit code 1') })
    await expect(busy).resolves.toMatchObject({ alive: true })
    const after = (await cloud.functions.invoke('crash', {}, client)) as { instance: string; alive: boolean }
    expect(after.alive).toBe(true)
    expect(cloud.functions.stats('crash').instances).toBeGreaterThanOrEqual(1)
    expect(typeof alive.instance).toBe('string')
  })

  it('an uncaught error thrown later in a timer fails the call and the instance is replaced', async () => {
    const err = (await cloud.functions.invoke('crash', { asyncThrow: true }, client).catch((e: unknown) => e)) as FunctionError
    expect(err).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('uncaught in a timer') })
    await expect(cloud.functions.invoke('crash', {}, client)).resolves.toMatchObject({ alive: true })
  })

  it('an unhandled rejection does not end the instance: the same instance keeps serving', async () => {
    const first = (await cloud.functions.invoke('crash', { reject: true }, client)) as { instance: string }
    await new Promise((r) => setTimeout(r, 50))
    const second = (await cloud.functions.invoke('crash', {}, client)) as { instance: string }
    expect(second.instance).toBe(first.instance)
  })

  it('a bundle that fails to load answers its load error on each call', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(cloud.functions.invoke('broken', {}, client)).rejects.toMatchObject({
        code: 'FUNCTIONS_EXECUTE_FAIL',
        message: expect.stringContaining('this bundle does not load'),
      })
    }
    expect(cloud.functions.stats('broken').instances).toBe(0)
  })

  it('the gateway answers a timeout as 504 with errCode -504002', async () => {
    const { status, body } = await gatewayCall(cloud.url, 'loop', {}, 'dev-resident-1')
    expect(status).toBe(504)
    expect(body).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('timed out after 1 seconds') })
  })

  it('a nested call to a crashing function makes only the caller’s callFunction fail', async () => {
    const r = (await cloud.functions.invoke('nested', { target: 'crash', data: { crash: true } }, client)) as { error: { errMsg: string } }
    expect(r.error.errMsg).toContain('exit code 1')
  })
})

/** `[[[…]]]` nested `levels` deep: about 2 bytes a level, so 10,000 levels is ~20 KB. */
function nested(levels: number): unknown {
  let v: unknown = []
  for (let i = 1; i < levels; i++) v = [v]
  return v
}

describe('payloads that cannot reach a worker', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  /** The reproduction, as raw JSON (JSON.stringify itself overflows at this depth): ~20 KB. */
  async function deepCall(): Promise<{ status: number; body: Record<string, unknown> }> {
    const body = `{"name":"echo","data":{"action":"mine","payload":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`
    const res = await fetch(`${cloud.url}/gateway/call`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': 'dev-resident-1' }, body })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  it('a 10,000-level payload to a function with no instance yet fails that call only (INVALID_PARAM) and the server keeps serving', async () => {
    expect(cloud.functions.stats('echo').instances).toBe(0)
    const { status, body } = await deepCall()
    expect(status).toBe(400)
    expect(body).toMatchObject({ errCode: -501007, errMsg: expect.stringMatching(/^cloud\.callFunction:fail errCode: -501007 \| errMsg: 参数嵌套太深/) })
    await expect(cloud.functions.invoke('echo', { action: 'after' }, client)).resolves.toMatchObject({ event: { action: 'after' } })
  })

  it('to a warm instance: answers at once, and 8+ such calls leave the function free', async () => {
    const warm = (await cloud.functions.invoke('echo', {}, client)) as { instanceId: string }
    const t0 = Date.now()
    const answers = await Promise.all(Array.from({ length: 12 }, () => deepCall()))
    for (const a of answers) expect(a.body).toMatchObject({ errCode: -501007 })
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(cloud.functions.stats('echo')).toMatchObject({ busy: 0, queued: 0 })
    const after = (await cloud.functions.invoke('echo', {}, client)) as { instanceId: string }
    expect(after.instanceId).toBe(warm.instanceId)
  })

  it('the same through functions.invokeFunction on /admin (a nested callFunction): only that callFunction fails', async () => {
    const r = (await cloud.functions.invoke('nested', { target: 'echo', deepLevels: 10_000 }, client)) as { error?: { errCode: number; errMsg: string } }
    expect(r.error).toMatchObject({ errMsg: expect.stringContaining('参数嵌套太深') })
    await expect(cloud.functions.invoke('nested', { data: { fine: true } }, client)).resolves.toMatchObject({ inner: { event: { fine: true } } })
  })

  it('invoke() refuses depth past MAX_EVENT_DEPTH and accepts it exactly', async () => {
    await expect(cloud.functions.invoke('echo', { v: nested(MAX_EVENT_DEPTH - 1) }, client)).resolves.toBeTruthy()
    await expect(cloud.functions.invoke('echo', { v: nested(MAX_EVENT_DEPTH) }, client)).rejects.toMatchObject({ code: 'INVALID_PARAM', errCode: -501007 })
  })

  it('a message postMessage cannot clone fails only that call; the instance carries on', async () => {
    const warm = (await cloud.functions.invoke('echo', {}, client)) as { instanceId: string }
    // A function value passes the JSON checks (JSON.stringify drops it) but cannot be structured-cloned.
    const err = await cloud.functions.invoke('echo', { fn: () => 1 }, client).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'INVALID_PARAM', errCode: -501007 })
    expect(cloud.functions.stats('echo').busy).toBe(0)
    const after = (await cloud.functions.invoke('echo', {}, client)) as { instanceId: string }
    expect(after.instanceId).toBe(warm.instanceId)
  })

  it('a result over 1 MB answers -604001 like CloudBase; the instance stays warm', async () => {
    const { status, body } = await gatewayCall(cloud.url, 'echo', { padBytes: MAX_RESULT_BYTES + 1 }, 'dev-resident-1')
    expect(status).toBe(502)
    expect(body).toMatchObject({ errCode: -604001, errMsg: expect.stringContaining('cloudfunction result size exceed limit (1MB)') })
    await expect(cloud.functions.invoke('echo', { padBytes: MAX_RESULT_BYTES - 20 }, client)).resolves.toMatchObject({ pad: expect.any(String) })
  })
})

describe('shutdown', () => {
  it('fails calls still running when the local cloud stops, instead of hanging', async () => {
    const cloud = await startFixtureCloud()
    const pending = cloud.functions.invoke('slow', { ms: 5000 }, client).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 100))
    await cloud.stop()
    await expect(pending).resolves.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'local cloud is shutting down' })
  })
})
