// The runtime core (dispatch): routing, identity, roles, validation, the envelope and requestId idempotency.
import * as v from 'valibot'
import { ADMIN_ONLY, defineAction, ERROR_MESSAGES, EVERYONE, SYSTEM, type ActionSpec, type Result } from '@contract/core'
import { personName } from '@contract/fields'
import { dispatch, RUNTIME_MESSAGES, type CallerDirectory, type Claim, type LooseHandler, type RequestLedger, type Runtime } from '@server/dispatch'
import { fail, type AnyCallerContext, type CallerContext, type UserDoc } from '@server/types'

/** What handlers in these tests get as deps: a record of what ran. */
interface TestDeps {
  /** An anyCaller action's ctx has no role or user. */
  calls: { action: string; ctx: AnyCallerContext & Partial<Pick<CallerContext, 'role' | 'user'>>; payload: unknown }[]
}

const specs: Record<string, ActionSpec> = {
  'account.hello': defineAction<{ greeting: string }>()({ roles: EVERYONE, request: v.object({ name: personName }) }),
  'account.adminOnly': defineAction<{ done: true }>()({ roles: ADMIN_ONLY, request: v.object({}) }),
  'account.create': defineAction<{ n: number }>()({ roles: EVERYONE, idempotent: true, request: v.object({}) }),
  'account.plainWrite': defineAction<{ n: number }>()({ roles: EVERYONE, request: v.object({}) }),
  'account.tick': defineAction<{ ticked: true }>()({ roles: [SYSTEM], request: v.object({}) }),
  'account.boom': defineAction<never>()({ roles: EVERYONE, request: v.object({}) }),
  'account.refuse': defineAction<never>()({ roles: EVERYONE, idempotent: true, request: v.object({}) }),
  'account.sameForAll': defineAction<{ station: string }>()({ roles: EVERYONE, request: v.object({}), anyCaller: true }),
}

class MemoryCallers implements CallerDirectory {
  /** Lookups made, by openid. */
  readonly lookups: string[] = []
  constructor(private readonly users: Record<string, UserDoc>) {}
  async find(openid: string): Promise<UserDoc | null> {
    this.lookups.push(openid)
    return this.users[openid] ?? null
  }
}

class MemoryLedger implements RequestLedger {
  readonly records = new Map<string, Claim>()
  async claim(key: string): Promise<Claim> {
    const existing = this.records.get(key)
    if (existing) return existing
    this.records.set(key, { state: 'pending' })
    return { state: 'claimed' }
  }
  async peek(key: string): Promise<Claim | null> {
    return this.records.get(key) ?? null
  }
  async complete(key: string, result: Result<unknown>): Promise<void> {
    this.records.set(key, { state: 'done', result })
  }
  async release(key: string): Promise<void> {
    this.records.delete(key)
  }
  async takeOver(key: string): Promise<boolean> {
    return this.records.get(key)?.state === 'pending'
  }
}

function user(openid: string, role: UserDoc['role']): UserDoc {
  const at = new Date('2025-03-01T08:00:00Z')
  return { _id: openid, role, name: '测试', phone: '13800000000', villageId: 'pingchuan', address: '', createdAt: at, updatedAt: at }
}

function setup(overrides: Partial<Runtime<TestDeps>> = {}) {
  const deps: TestDeps = { calls: [] }
  const errors: string[] = []
  let counter = 0
  const record = (action: string): LooseHandler<TestDeps> => async (d, ctx, payload) => {
    d.calls.push({ action, ctx, payload })
    return undefined
  }
  const handlers: Record<string, LooseHandler<TestDeps>> = {
    'account.hello': async (d, ctx, payload) => {
      await record('hello')(d, ctx, payload)
      return { greeting: `你好，${(payload as { name: string }).name}` }
    },
    'account.adminOnly': async (d, ctx, payload) => {
      await record('adminOnly')(d, ctx, payload)
      return { done: true }
    },
    'account.create': async (d, ctx, payload) => {
      await record('create')(d, ctx, payload)
      return { n: ++counter }
    },
    'account.plainWrite': async (d, ctx, payload) => {
      await record('plainWrite')(d, ctx, payload)
      return { n: ++counter }
    },
    'account.tick': async (d, ctx, payload) => {
      await record('tick')(d, ctx, payload)
      return { ticked: true }
    },
    'account.boom': async () => {
      throw new Error('database exploded at /srv/secret/path')
    },
    'account.refuse': async (d, ctx, payload) => {
      await record('refuse')(d, ctx, payload)
      fail('slot_full', '这个时段已经约满了', 'slotId')
    },
    'account.sameForAll': async (d, ctx, payload) => {
      await record('sameForAll')(d, ctx, payload)
      return { station: '平川派出所' }
    },
  }
  const ledger = new MemoryLedger()
  const callers = new MemoryCallers({ 'u-admin': user('u-admin', 'admin'), 'u-officer': user('u-officer', 'officer'), 'u-res': user('u-res', 'resident') })
  const rt: Runtime<TestDeps> = {
    fn: 'account',
    specs,
    handlers,
    deps,
    callers,
    requests: ledger,
    now: () => new Date('2025-03-01T08:00:00Z'),
    firstAdminOpenid: 'u-boss',
    logError: (message) => errors.push(message),
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    ...overrides,
  }
  const call = (event: unknown, openid = 'u-res', platform: { SOURCE?: string; TRIGGER_SRC?: string } = { SOURCE: 'wx_client' }) =>
    dispatch(rt, event, { OPENID: openid, ...platform })
  return { rt, deps, ledger, callers, errors, call }
}

describe('dispatch: routing and envelope', () => {
  it('runs the handler with the validated, trimmed payload and wraps its answer', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'hello', payload: { name: ' 张三 ' } })).resolves.toEqual({ ok: true, data: { greeting: '你好，张三' } })
    expect(deps.calls[0].payload).toEqual({ name: '张三' })
  })

  it.each([
    ['an unknown action', { action: 'nope', payload: {} }],
    ['an inherited property name', { action: 'constructor', payload: {} }],
    ['no action', { payload: {} }],
    ['a non-object event', 'hello'],
    ['null', null],
  ])('answers invalid_argument for %s', async (_label, event) => {
    const { call, deps } = setup()
    await expect(call(event)).resolves.toEqual({ ok: false, error: { code: 'invalid_argument', message: RUNTIME_MESSAGES.unknownAction, field: 'action' } })
    expect(deps.calls).toHaveLength(0)
  })

  it('names the bad field in Chinese and does not run the handler', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'hello', payload: { name: '张' } })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: '姓名至少2个字', field: 'name' },
    })
    expect(deps.calls).toHaveLength(0)
  })

  it('turns an AppError into its envelope, keeping the field', async () => {
    const { call } = setup()
    await expect(call({ action: 'refuse', payload: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'slot_full', message: '这个时段已经约满了', field: 'slotId' },
    })
  })

  it('answers internal with the plain message for an unexpected error and logs it, never leaking the cause', async () => {
    const { call, errors } = setup()
    const res = await call({ action: 'boom', payload: {} })
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } })
    expect(JSON.stringify(res)).not.toContain('secret')
    expect(errors).toEqual(['[account.boom] internal error'])
  })

  it('answers internal when its own stores fail, instead of throwing', async () => {
    const { call } = setup({
      callers: {
        find: async () => {
          throw new Error('users unavailable')
        },
      },
    })
    await expect(call({ action: 'hello', payload: { name: '张三' } })).resolves.toEqual({ ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } })
  })

  it('rejects a malformed requestId', async () => {
    const { call } = setup()
    const res = await call({ action: 'create', payload: {}, requestId: 'has spaces and 中文' })
    expect(res).toEqual({ ok: false, error: { code: 'invalid_argument', message: RUNTIME_MESSAGES.badRequestId, field: 'requestId' } })
  })
})

describe('dispatch: identity and roles', () => {
  it('treats a caller without a profile as a resident with no user', async () => {
    const { call, deps } = setup()
    await call({ action: 'hello', payload: { name: '张三' } }, 'new-person')
    expect(deps.calls[0].ctx).toEqual({ openid: 'new-person', role: 'resident', user: null })
  })

  it('takes the role from the stored profile', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'adminOnly', payload: {} }, 'u-admin')).resolves.toEqual({ ok: true, data: { done: true } })
    expect(deps.calls[0].ctx.role).toBe('admin')
    expect(deps.calls[0].ctx.user?._id).toBe('u-admin')
  })

  it.each(['u-res', 'u-officer', 'stranger'])('refuses %s an admin action without running it', async (openid) => {
    const { call, deps } = setup()
    await expect(call({ action: 'adminOnly', payload: {} }, openid)).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: ERROR_MESSAGES.forbidden } })
    expect(deps.calls).toHaveLength(0)
  })

  it('checks the role before the payload, so a resident learns nothing about an admin form', async () => {
    const { call } = setup()
    const res = await call({ action: 'adminOnly', payload: 'garbage' }, 'u-res')
    expect(res.ok === false && res.error.code).toBe('forbidden')
  })

  it('makes the configured first admin an admin even without a profile', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'adminOnly', payload: {} }, 'u-boss')).resolves.toEqual({ ok: true, data: { done: true } })
    expect(deps.calls[0].ctx).toMatchObject({ openid: 'u-boss', role: 'admin', user: null })
  })

  it('looks the caller up for an action whose answer depends on who asks', async () => {
    const { call, callers } = setup()
    await call({ action: 'hello', payload: { name: '张三' } }, 'u-officer')
    expect(callers.lookups).toEqual(['u-officer'])
  })

  it.each(['u-res', 'u-officer', 'u-admin', 'new-person'])('answers %s an anyCaller action without looking the caller up', async (openid) => {
    const { call, callers, deps } = setup()
    await expect(call({ action: 'sameForAll', payload: {} }, openid)).resolves.toEqual({ ok: true, data: { station: '平川派出所' } })
    expect(callers.lookups).toEqual([])
    // The handler is told who called, never a role or profile nobody looked up.
    expect(deps.calls[0].ctx).toEqual({ openid })
  })

  it('still refuses a signed-out visitor an anyCaller action', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'sameForAll', payload: {} }, '')).resolves.toEqual({ ok: false, error: { code: 'unauthenticated', message: ERROR_MESSAGES.unauthenticated } })
    expect(deps.calls).toHaveLength(0)
  })

  it('refuses to declare anyCaller for an action some role may not call (the skipped lookup could have refused them)', () => {
    expect(() => defineAction<never>()({ roles: ADMIN_ONLY, request: v.object({}), anyCaller: true })).toThrow(/anyCaller/)
  })

  it('looks the caller up after all when an anyCaller spec does not cover every role (a hand-built spec)', async () => {
    const { call, callers, rt } = setup()
    rt.specs = { ...specs, 'account.sameForAll': { ...specs['account.sameForAll'], roles: ['officer'] } }
    await expect(call({ action: 'sameForAll', payload: {} }, 'u-res')).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: ERROR_MESSAGES.forbidden } })
    expect(callers.lookups).toEqual(['u-res'])
  })

  const TIMER = { Type: 'Timer', TriggerName: 'every5min', Time: '2025-03-01T08:00:00Z' }
  const timerRoute = { timer: () => ({ action: 'tick', payload: {} }) }

  it('admits a timer trigger, recognised by its event shape and source, as the system to system actions', async () => {
    const { call, deps, rt } = setup()
    rt.platform = timerRoute
    await expect(call(TIMER, '', { SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' })).resolves.toEqual({ ok: true, data: { ticked: true } })
    expect(deps.calls[0].ctx).toEqual({ openid: '', role: 'admin', user: null, system: true })
  })

  it('treats a call without OPENID as a signed-out visitor, never the system', async () => {
    const { call, deps, rt } = setup()
    rt.platform = timerRoute
    const unauthenticated = { ok: false, error: { code: 'unauthenticated', message: ERROR_MESSAGES.unauthenticated } }
    await expect(call({ action: 'tick', payload: {} }, '')).resolves.toEqual(unauthenticated)
    await expect(call({ action: 'tick', payload: {} }, '', { SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' })).resolves.toEqual(unauthenticated)
    await expect(call({ action: 'hello', payload: { name: '张三' } }, '')).resolves.toEqual(unauthenticated)
    await expect(call({ action: 'adminOnly', payload: {} }, '')).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(deps.calls).toHaveLength(0)
  })

  it.each([
    ['from the mini-program', '', { SOURCE: 'wx_client' }, 'unauthenticated'],
    ['with no source at all', '', {}, 'unauthenticated'],
    ['relayed by a function', '', { SOURCE: 'wx_trigger,scf', TRIGGER_SRC: 'timer' }, 'unauthenticated'],
    ['with the timer source but not in a timer instance', '', { SOURCE: 'wx_trigger' }, 'unauthenticated'],
    ['from a signed-in user', 'u-admin', { SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' }, 'forbidden'],
  ])('refuses a timer-shaped event %s', async (_label, openid, platform, code) => {
    const { call, deps, rt } = setup()
    rt.platform = timerRoute
    await expect(call(TIMER, openid, platform)).resolves.toMatchObject({ ok: false, error: { code } })
    expect(deps.calls).toHaveLength(0)
  })

  it('refuses a timer event in a function that has no timer route', async () => {
    const { call, deps } = setup()
    await expect(call(TIMER, '', { SOURCE: 'wx_trigger', TRIGGER_SRC: 'timer' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(deps.calls).toHaveLength(0)
  })

  it('admits a media-check push only from a non-client source and for a trace id the function verified', async () => {
    const { call, deps, rt } = setup()
    const verified: string[] = []
    rt.platform = {
      mediaCheck: {
        verify: async (_d, traceId) => (verified.push(traceId), traceId === 'trace-pending'),
        route: () => ({ action: 'tick', payload: {} }),
      },
    }
    const push = (traceId: string) => ({ Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' } })
    await expect(call(push('trace-pending'), '', { SOURCE: 'wx_unknown' })).resolves.toEqual({ ok: true, data: { ticked: true } })
    await expect(call(push('trace-forged'), '', { SOURCE: 'wx_unknown' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    for (const SOURCE of ['wx_client', 'wx_devtools', 'wx_http', 'wx_client,scf']) {
      await expect(call(push('trace-pending'), '', { SOURCE })).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    }
    await expect(call(push('trace-pending'), 'u-res', { SOURCE: 'wx_unknown' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(verified).toEqual(['trace-pending', 'trace-forged'])
    expect(deps.calls).toHaveLength(1)
  })

  it('refuses a signed-in user, even an admin, a system-only action', async () => {
    const { call, deps } = setup()
    await expect(call({ action: 'tick', payload: {} }, 'u-admin')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(deps.calls).toHaveLength(0)
  })
})

describe('dispatch: requestId idempotency', () => {
  it('applies a retried request once and answers the first result again', async () => {
    const { call, deps } = setup()
    const first = await call({ action: 'create', payload: {}, requestId: 'r-1' })
    const retry = await call({ action: 'create', payload: {}, requestId: 'r-1' })
    expect(first).toEqual({ ok: true, data: { n: 1 } })
    expect(retry).toEqual(first)
    expect(deps.calls).toHaveLength(1)
    expect(deps.calls[0].ctx.requestId).toBe('r-1')
  })

  it('keeps requestIds apart per caller and per request', async () => {
    const { call, deps } = setup()
    await call({ action: 'create', payload: {}, requestId: 'r-1' }, 'u-res')
    const other = await call({ action: 'create', payload: {}, requestId: 'r-1' }, 'u-officer')
    const next = await call({ action: 'create', payload: {}, requestId: 'r-2' }, 'u-res')
    expect(other).toEqual({ ok: true, data: { n: 2 } })
    expect(next).toEqual({ ok: true, data: { n: 3 } })
    expect(deps.calls).toHaveLength(3)
  })

  it('stores under <openid>:<fn>.<action>:<requestId>', async () => {
    const { call, ledger } = setup()
    await call({ action: 'create', payload: {}, requestId: 'r-9' }, 'u-res')
    expect([...ledger.records.keys()]).toEqual(['u-res:account.create:r-9'])
  })

  it('runs a concurrent duplicate once; both callers get the same answer', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let runs = 0
    const { call, rt } = setup()
    const slow: LooseHandler<TestDeps> = async () => {
      runs++
      await gate
      return { n: 42 }
    }
    rt.handlers = { ...rt.handlers, 'account.create': slow }
    const a = call({ action: 'create', payload: {}, requestId: 'same' })
    const b = call({ action: 'create', payload: {}, requestId: 'same' })
    await new Promise((resolve) => setImmediate(resolve))
    release()
    const [ra, rb] = await Promise.all([a, b])
    expect(runs).toBe(1)
    expect(ra).toEqual({ ok: true, data: { n: 42 } })
    expect(rb).toEqual(ra)
  })

  it('takes over a claim still pending after the wait (its call died) and runs with the same request key', async () => {
    const { call, deps, ledger } = setup({ pendingWaitMs: 300 })
    ledger.records.set('u-res:account.create:stuck', { state: 'pending' })
    await expect(call({ action: 'create', payload: {}, requestId: 'stuck' })).resolves.toEqual({ ok: true, data: { n: 1 } })
    const first = deps.calls[0].ctx.requestKey
    expect(first).toMatch(/^rk:[0-9a-f]{40}$/)
    expect(ledger.records.get('u-res:account.create:stuck')).toEqual({ state: 'done', result: { ok: true, data: { n: 1 } } })
    // The key depends on caller, action and requestId only.
    await call({ action: 'create', payload: {}, requestId: 'other' })
    await call({ action: 'create', payload: {}, requestId: 'stuck' }, 'u-officer')
    expect(deps.calls.map((c) => c.ctx.requestKey)).toEqual([first, expect.not.stringMatching(first ?? ''), expect.not.stringMatching(first ?? '')])
  })

  it('answers conflict when a pending claim cannot be taken over and is still pending', async () => {
    const { call, ledger } = setup({ pendingWaitMs: 300 })
    ledger.takeOver = async () => false
    ledger.records.set('u-res:account.create:stuck', { state: 'pending' })
    await expect(call({ action: 'create', payload: {}, requestId: 'stuck' })).resolves.toEqual({
      ok: false,
      error: { code: 'conflict', message: RUNTIME_MESSAGES.stillRunning },
    })
  })

  it('does not remember a failure: a retry runs again', async () => {
    const { call, deps, ledger } = setup()
    await call({ action: 'refuse', payload: {}, requestId: 'r-f' })
    await call({ action: 'refuse', payload: {}, requestId: 'r-f' })
    expect(deps.calls).toHaveLength(2)
    expect(ledger.records.size).toBe(0)
  })

  it('ignores requestId for actions that are not idempotent', async () => {
    const { call, deps } = setup()
    await call({ action: 'plainWrite', payload: {}, requestId: 'r-1' })
    await call({ action: 'plainWrite', payload: {}, requestId: 'r-1' })
    expect(deps.calls).toHaveLength(2)
  })

  it('runs an idempotent action without requestId every time', async () => {
    const { call, deps } = setup()
    await call({ action: 'create', payload: {} })
    await call({ action: 'create', payload: {} })
    expect(deps.calls).toHaveLength(2)
  })
})
