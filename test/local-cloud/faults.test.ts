// Faults in functions: a throw, an endless loop, a crash, an uncaught async error, a bundle that does not load.
// Each gives the caller CloudBase's error, the instance is replaced, and other calls are unaffected.
import { FunctionError } from '../../local-cloud/src/functions'
import { gatewayCall, startFixtureCloud, type FixtureCloud } from './fixtures/cloud'

jest.setTimeout(60_000)

const client = { OPENID: 'dev-resident-1', SOURCE: 'wx_client' }

describe('function faults', () => {
  let cloud: FixtureCloud
  beforeAll(async () => {
    cloud = await startFixtureCloud()
  })
  afterAll(() => cloud.stop())

  it('a throw answers FUNCTIONS_EXECUTE_FAIL with the function’s message and a fresh instance serves the next call', async () => {
    const err = (await cloud.functions.invoke('throws', {}, client).catch((e: unknown) => e)) as FunctionError
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(err.errCode).toBe(-504002)
    expect(err.message).toMatch(/^Error: boom from fixture\n\s+at exports\.main/)
    expect(err.message).not.toContain('host.cjs')
    expect(cloud.functions.stats('throws')).toMatchObject({ instances: 0, started: 1 })
    await expect(cloud.functions.invoke('throws', {}, client)).rejects.toBeInstanceOf(FunctionError)
    expect(cloud.functions.stats('throws').started).toBe(2)
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

describe('shutdown', () => {
  it('fails calls still running when the local cloud stops, instead of hanging', async () => {
    const cloud = await startFixtureCloud()
    const pending = cloud.functions.invoke('slow', { ms: 5000 }, client).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 100))
    await cloud.stop()
    await expect(pending).resolves.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'local cloud is shutting down' })
  })
})
