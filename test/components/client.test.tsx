// The one client: what a page gets back from call() for each kind of answer.
import Taro from '@tarojs/taro'
import { createClient, CallError, TransportError, type Transport, type CallRequest } from '@/services/client'
import { gatewayTransport } from '@/services/transport'
import { clearDevOpenid, setDevOpenid } from '@/services/devIdentity'

const noSleep = { sleep: () => Promise.resolve() }

function recording(answers: Array<unknown | Error>): { transport: Transport; seen: CallRequest[] } {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(JSON.parse(JSON.stringify(req)) as CallRequest)
    const next = answers.shift()
    if (next instanceof Error) throw next
    return next
  }
  return { transport, seen }
}

const profile = {
  openid: 'dev-resident-1',
  role: 'resident' as const,
  name: '张建国',
  phone: '13800138000',
  villageId: 'pingchuan',
  villageName: '平川村',
  address: '',
  profileComplete: true,
}

describe('call()', () => {
  it('sends the action to its function and returns the data of an ok envelope', async () => {
    const { transport, seen } = recording([{ ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    await expect(call('account.me', {})).resolves.toEqual(profile)
    expect(seen).toHaveLength(1)
    expect(seen[0].name).toBe('account')
    expect(seen[0].data.action).toBe('me')
    expect(seen[0].data.payload).toEqual({})
    expect(typeof seen[0].data.requestId).toBe('string')
  })

  it('turns {ok:false} into a CallError with the code, message and field, without retrying', async () => {
    const { transport, seen } = recording([
      { ok: false, error: { code: 'invalid_argument', message: '手机号要11位数字，以1开头，请检查', field: 'phone' } },
    ])
    const call = createClient(transport, noSleep)
    const err = await call('account.updateProfile', { name: '张建国', phone: '123', villageId: 'pingchuan' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CallError)
    expect(err).toMatchObject({ code: 'invalid_argument', message: '手机号要11位数字，以1开头，请检查', field: 'phone' })
    expect(seen).toHaveLength(1)
  })

  it('retries a transport failure with the SAME requestId, and returns the answer when one arrives', async () => {
    const { transport, seen } = recording([new Error('timeout'), { ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    await expect(call('account.updateProfile', { name: '张建国', phone: '13800138000', villageId: 'pingchuan' })).resolves.toEqual(profile)
    expect(seen).toHaveLength(2)
    expect(seen[1].data.requestId).toBe(seen[0].data.requestId)
  })

  it('gives up after two retries and reports `network` with a message saying what to do', async () => {
    const { transport, seen } = recording([new Error('a'), new Error('b'), new Error('c'), { ok: true, data: profile }])
    const waits: number[] = []
    const call = createClient(transport, { sleep: (ms) => (waits.push(ms), Promise.resolve()) })
    const err = await call('account.me', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CallError)
    expect((err as CallError).code).toBe('network')
    expect((err as CallError).message).toContain('网络不好')
    expect(seen).toHaveLength(3)
    expect(new Set(seen.map((s) => s.data.requestId)).size).toBe(1)
    expect(waits).toHaveLength(2)
    expect(waits[1]).toBeGreaterThan(waits[0])
  })

  it('uses the caller’s requestId so a second tap of 保存 after a failure is the same intent', async () => {
    const { transport, seen } = recording([{ ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    await call('account.me', {}, { requestId: 'intent-1' })
    expect(seen[0].data.requestId).toBe('intent-1')
  })

  it('gives each new call a new requestId', async () => {
    const { transport, seen } = recording([{ ok: true, data: profile }, { ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    await call('account.me', {})
    await call('account.me', {})
    expect(seen[0].data.requestId).not.toBe(seen[1].data.requestId)
  })

  it('treats an answer that is not an envelope as `internal`', async () => {
    const { transport } = recording([{ errMsg: '暂时不支持 API' }])
    const call = createClient(transport, noSleep)
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'internal' })
  })

  it('asks once when the same question is asked again before its answer came, and again once it has come', async () => {
    const { transport, seen } = recording([{ ok: true, data: profile }, { ok: true, data: { count: 2 } }, { ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    const [a, b, c] = await Promise.all([call('account.me', {}), call('account.me', {}), call('alerts.unreadCount', {})])
    expect([a, b]).toEqual([profile, profile])
    expect(c).toEqual({ count: 2 })
    expect(seen.map((s) => `${s.name}.${s.data.action}`)).toEqual(['account.me', 'alerts.unreadCount'])
    await call('account.me', {})
    expect(seen).toHaveLength(3)
  })

  it('never shares a call that carries its own intent (a requestId), nor one with other arguments', async () => {
    const { transport, seen } = recording([{ ok: true, data: profile }, { ok: true, data: profile }, { ok: true, data: { items: [] } }, { ok: true, data: { items: [] } }])
    const call = createClient(transport, noSleep)
    await Promise.all([
      call('account.me', {}, { requestId: 'intent-1' }),
      call('account.me', {}, { requestId: 'intent-1' }),
      call('alerts.list', {}),
      call('alerts.list', { cursor: 'next' }),
    ])
    expect(seen).toHaveLength(4)
  })

  it('a shared question that fails fails for each asker, and the next ask goes out again', async () => {
    const refused = new CallError({ code: 'unauthenticated', message: '请先登录后再试' })
    const { transport, seen } = recording([refused, { ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    const both = await Promise.allSettled([call('account.me', {}), call('account.me', {})])
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await expect(call('account.me', {})).resolves.toEqual(profile)
    expect(seen).toHaveLength(2)
  })

  it('does not retry when the transport itself answers with a CallError (no identity yet)', async () => {
    const refused = new CallError({ code: 'unauthenticated', message: '请先登录后再试' })
    const { transport, seen } = recording([refused, { ok: true, data: profile }])
    const call = createClient(transport, noSleep)
    await expect(call('account.station', {})).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(seen).toHaveLength(1)
  })
})

describe('the h5 gateway transport', () => {
  const station: CallRequest = { name: 'account', data: { action: 'station', payload: {}, requestId: 'r1' } }

  afterEach(() => {
    clearDevOpenid()
    jest.restoreAllMocks()
  })

  it('sends nothing before a dev identity is chosen, and answers unauthenticated', async () => {
    const request = jest.spyOn(Taro, 'request')
    clearDevOpenid()
    const err = await gatewayTransport(station).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CallError)
    expect(err).toMatchObject({ code: 'unauthenticated' })
    expect(request).not.toHaveBeenCalled()
  })

  it('reads the identity on every call, so switching it on the sign-in page needs no reload', async () => {
    const request = jest.spyOn(Taro, 'request').mockRejectedValue(new Error('offline'))
    setDevOpenid('dev-resident-1')
    await expect(gatewayTransport(station)).rejects.toBeInstanceOf(TransportError)
    setDevOpenid('dev-officer')
    await expect(gatewayTransport(station)).rejects.toBeInstanceOf(TransportError)
    expect(request.mock.calls.map(([opts]) => opts.header)).toEqual([
      { 'Content-Type': 'application/json', 'X-Local-Openid': 'dev-resident-1' },
      { 'Content-Type': 'application/json', 'X-Local-Openid': 'dev-officer' },
    ])
  })
})
