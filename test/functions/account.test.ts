// The `account` function against a local cloud, through the real wx-server-sdk and the seeded demo data.
import type { Result } from '@contract'
import { count, findById, settle } from '@server/db'
import type { CallerContext, UserDoc } from '@server/types'
import type { DB } from 'wx-server-sdk'
import { handlers } from '../../cloudfunctions/account/handlers'
import { depsWith } from '../support/handlerDeps'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud } from '../support/localCloud'

type TestCloud = Awaited<ReturnType<typeof startTestCloud>>

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})

afterAll(async () => {
  await cloud?.stop()
})

const { call } = contractCalls(() => cloud)

/** Input below the contract, on purpose (the function must refuse it): sent as it is, untyped. */
const unchecked = (openid: string, action: string, payload: unknown, requestId?: string) => cloud.call(openid, 'account', action, payload, requestId)

async function userDoc(openid: string): Promise<Record<string, unknown> | null> {
  return findById<{ _id: string }>(cloud.db, 'users', openid)
}

async function inviteCount(): Promise<number> {
  return count(cloud.db.collection('invites'))
}


const validProfile = { name: '韩春花', phone: '13900001111', villageId: 'pingchuan', address: '平川村二社6号' }

describe('account.me', () => {
  it('creates an empty resident profile on the first call', async () => {
    const res = await call('fn-new-1', 'account.me', {})
    expect(res).toEqual({
      ok: true,
      data: { openid: 'fn-new-1', role: 'resident', name: '', phone: '', villageId: '', villageName: '', address: '', badgeNo: '', profileComplete: false },
    })
    expect(await userDoc('fn-new-1')).toMatchObject({ role: 'resident', name: '' })
  })

  it('returns a seeded resident with the village name', async () => {
    const res = await call('dev-resident-1', 'account.me', {})
    expect(res).toMatchObject({ ok: true, data: { role: 'resident', villageId: 'pingchuan', villageName: '平川村', profileComplete: true } })
  })
})

describe('account.updateProfile', () => {
  it('refuses a bad phone number and stores nothing', async () => {
    await call('fn-new-2', 'account.me', {})
    const res = await call('fn-new-2', 'account.updateProfile', { ...validProfile, phone: '12345' }, 'up-bad-phone')
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'phone' } })
    expect(await userDoc('fn-new-2')).toMatchObject({ name: '', phone: '' })
  })

  it('refuses a one-character name', async () => {
    const res = await call('fn-new-2', 'account.updateProfile', { ...validProfile, name: '韩' }, 'up-bad-name')
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'name', message: '姓名至少2个字' } })
    expect(await userDoc('fn-new-2')).toMatchObject({ name: '' })
  })

  it('refuses a village that is not in the jurisdiction and stores nothing', async () => {
    const res = await call('fn-new-2', 'account.updateProfile', { ...validProfile, villageId: 'atlantis' }, 'up-bad-village')
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'villageId' } })
    expect(await userDoc('fn-new-2')).toMatchObject({ villageId: '' })
  })

  it('saves a valid profile, which is then complete', async () => {
    const res = await call('fn-new-2', 'account.updateProfile', validProfile, 'up-ok')
    expect(res).toEqual({ ok: true, data: { openid: 'fn-new-2', role: 'resident', ...validProfile, villageName: '平川村', badgeNo: '', profileComplete: true } })
    expect(await userDoc('fn-new-2')).toMatchObject(validProfile)
    expect(await call('fn-new-2', 'account.me', {})).toMatchObject({ ok: true, data: { profileComplete: true, name: '韩春花' } })
  })

  it('creates the profile when the caller never called me', async () => {
    const res = await call('fn-new-3', 'account.updateProfile', { ...validProfile, villageId: 'luwan' }, 'up-first')
    expect(res).toMatchObject({ ok: true, data: { role: 'resident', villageName: '芦湾村' } })
    expect(await userDoc('fn-new-3')).toMatchObject({ role: 'resident', villageId: 'luwan' })
  })
})

describe('first run and staff profiles', () => {
  it('a newcomer chooses a village in one step; the rest of the profile comes later', async () => {
    await call('fn-first-run', 'account.me', {})
    expect(await call('fn-first-run', 'account.setVillage', { villageId: 'atlantis' }, 'sv-bad')).toMatchObject({ ok: false, error: { field: 'villageId' } })
    const res = await call('fn-first-run', 'account.setVillage', { villageId: 'luwan' }, 'sv-ok')
    expect(res).toMatchObject({ ok: true, data: { villageId: 'luwan', villageName: '芦湾村', profileComplete: false } })
    expect(await userDoc('fn-first-run')).toMatchObject({ villageId: 'luwan', name: '' })
  })

  it('a resident still has to give a village', async () => {
    const res = await call('fn-new-3', 'account.updateProfile', { ...validProfile, villageId: '' }, 'up-no-village')
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'villageId' } })
  })

  it('an officer saves name, phone and 警号 without a village and is complete', async () => {
    const res = await call('dev-officer-2', 'account.updateProfile', { name: '赵警官', phone: '13800000003', badgeNo: '620123' }, 'up-staff')
    expect(res).toMatchObject({ ok: true, data: { role: 'officer', villageId: '', badgeNo: '620123', profileComplete: true } })
    expect(await call('dev-officer-2', 'account.updateProfile', { name: '赵警官', phone: '13800000003', badgeNo: '62-01' }, 'up-staff-bad')).toMatchObject({
      ok: false,
      error: { field: 'badgeNo' },
    })
  })
})

describe('account.station', () => {
  it('gives the station card with its villages', async () => {
    const res = await call('dev-resident-2', 'account.station', {})
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data).toMatchObject({ name: expect.stringContaining('平川派出所'), phone: expect.any(String) })
    expect((res.data as { villages: { id: string }[] }).villages.map((v) => v.id)).toEqual(
      expect.arrayContaining(['pingchuan', 'luwan', 'wulidun', 'sanyi', 'siba', 'huangjiapu', 'yigongcheng', 'beitan']),
    )
  })
})

describe('staff actions are admin only', () => {
  it.each([
    ['createInvite', {}],
    ['setRole', { openid: 'dev-resident-1', role: 'admin' }],
    ['listStaff', {}],
  ])('a resident cannot %s', async (action, payload) => {
    expect(await unchecked('dev-resident-1', action, payload, `forbidden-${action}`)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('an officer cannot make invites', async () => {
    expect(await call('dev-officer', 'account.createInvite', {}, 'officer-invite')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('a resident who asks to become admin stays a resident', async () => {
    await call('dev-resident-1', 'account.setRole', { openid: 'dev-resident-1', role: 'admin' }, 'self-promote')
    expect(await userDoc('dev-resident-1')).toMatchObject({ role: 'resident' })
  })
})

describe('invites', () => {
  it('a retried createInvite with the same requestId gives the same code and one invite', async () => {
    const before = await inviteCount()
    const first = await call('dev-admin', 'account.createInvite', { note: '新来的辅警' }, 'invite-retry-1')
    const retry = await call('dev-admin', 'account.createInvite', { note: '新来的辅警' }, 'invite-retry-1')
    expect(first).toMatchObject({ ok: true, data: { code: expect.stringMatching(/^[A-Z0-9]{6}$/), note: '新来的辅警' } })
    expect(retry).toEqual(first)
    expect(await inviteCount()).toBe(before + 1)
  })

  it('runs concurrent duplicates of one createInvite once', async () => {
    const before = await inviteCount()
    const results = await Promise.all([1, 2, 3].map(() => call('dev-admin', 'account.createInvite', {}, 'invite-dup-burst')))
    const codes = results.map((r) => (r.ok ? (r.data as { code: string }).code : r.error.code))
    expect(new Set(codes).size).toBe(1)
    expect(codes[0]).toMatch(/^[A-Z0-9]{6}$/)
    expect(await inviteCount()).toBe(before + 1)
  })

  it('expires 72 hours after it is made by default', async () => {
    const res = await call('dev-admin', 'account.createInvite', {}, 'invite-expiry')
    if (!res.ok) throw new Error(res.error.message)
    const { createdAt, expiresAt } = res.data as { createdAt: string; expiresAt: string }
    expect(Date.parse(expiresAt) - Date.parse(createdAt)).toBe(72 * 3600_000)
  })

  it('makes the redeemer an officer, once', async () => {
    const made = await call('dev-admin', 'account.createInvite', {}, 'invite-once')
    if (!made.ok) throw new Error(made.error.message)
    const { code } = made.data as { code: string }

    const redeemed = await call('fn-officer-1', 'account.redeemInvite', { code: code.toLowerCase() }, 'redeem-1')
    expect(redeemed).toMatchObject({ ok: true, data: { openid: 'fn-officer-1', role: 'officer' } })
    expect(await userDoc('fn-officer-1')).toMatchObject({ role: 'officer' })
    expect(await call('fn-officer-1', 'account.me', {})).toMatchObject({ ok: true, data: { role: 'officer' } })

    const again = await call('fn-officer-2', 'account.redeemInvite', { code }, 'redeem-2')
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('用过') } })
    expect(await call('fn-officer-2', 'account.me', {})).toMatchObject({ ok: true, data: { role: 'resident' } })
  })

  it('gives the code to exactly one of two people redeeming at the same moment', async () => {
    const made = await call('dev-admin', 'account.createInvite', {}, 'invite-race')
    if (!made.ok) throw new Error(made.error.message)
    const { code } = made.data as { code: string }
    const results: Result<unknown>[] = await Promise.all(['fn-race-a', 'fn-race-b', 'fn-race-c'].map((openid) => call(openid, 'account.redeemInvite', { code }, `race-${openid}`)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const officers = await count(cloud.db.collection('users').where({ _id: cloud.db.command.in(['fn-race-a', 'fn-race-b', 'fn-race-c']), role: 'officer' }))
    expect(officers).toBe(1)
  })

  it('refuses an unknown code', async () => {
    expect(await call('fn-officer-3', 'account.redeemInvite', { code: 'ZZZZZZ' }, 'redeem-unknown')).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'code' },
    })
  })

  it('refuses an expired code and leaves it unused', async () => {
    const past = new Date(Date.now() - 3600_000)
    await settle(cloud.db.collection('invites').add({
      data: { _id: 'OLD234', note: '', status: 'open', createdBy: 'dev-admin', createdAt: new Date(past.getTime() - 72 * 3600_000), expiresAt: past, usedBy: null, usedAt: null },
    }))
    const res = await call('fn-officer-3', 'account.redeemInvite', { code: 'OLD234' }, 'redeem-expired')
    expect(res).toMatchObject({ ok: false, error: { code: 'expired', message: expect.stringContaining('过期') } })
    expect(await call('fn-officer-3', 'account.me', {})).toMatchObject({ ok: true, data: { role: 'resident' } })
  })
})

describe('a failed redeemInvite writes nothing', () => {
  async function snapshot(openid: string) {
    return {
      user: await userDoc(openid),
      invites: await inviteCount(),
      audit: await count(cloud.db.collection('audit_log').where({ actor: openid })),
    }
  }

  it.each<[string, string, string]>([
    ['an unknown code', 'ZZZZZ9', 'not_found'],
    ['a code that is not six letters', 'ZZ', 'invalid_argument'],
  ])('%s from a first-time caller leaves no users document', async (_name, code, errorCode) => {
    const openid = `fn-nowrite-${code}`
    expect(await snapshot(openid)).toEqual({ user: null, invites: await inviteCount(), audit: 0 })
    const res = await call(openid, 'account.redeemInvite', { code }, `redeem-nowrite-${code}`)
    expect(res).toMatchObject({ ok: false, error: { code: errorCode, field: 'code' } })
    expect(await snapshot(openid)).toEqual({ user: null, invites: await inviteCount(), audit: 0 })
  })

  it('a used or expired code from a first-time caller leaves no users document either', async () => {
    const past = new Date(Date.now() - 3600_000)
    await settle(cloud.db.collection('invites').add({
      data: { _id: 'OLD567', note: '', status: 'open', createdBy: 'dev-admin', createdAt: new Date(past.getTime() - 72 * 3600_000), expiresAt: past, usedBy: null, usedAt: null },
    }))
    const made = await call('dev-admin', 'account.createInvite', {}, 'invite-nowrite-used')
    if (!made.ok) throw new Error(made.error.message)
    const { code } = made.data as { code: string }
    expect(await call('fn-nowrite-first', 'account.redeemInvite', { code }, 'redeem-nowrite-first')).toMatchObject({ ok: true })

    for (const [openid, c, errorCode] of [['fn-nowrite-used', code, 'not_found'], ['fn-nowrite-expired', 'OLD567', 'expired']] as const) {
      const res = await call(openid, 'account.redeemInvite', { code: c }, `redeem-${openid}`)
      expect(res).toMatchObject({ ok: false, error: { code: errorCode, field: 'code' } })
      expect(await userDoc(openid)).toBeNull()
    }
    expect(await findById(cloud.db, 'invites', 'OLD567')).toMatchObject({ status: 'open', usedBy: null })
  })

  it('a refused updateProfile from a first-time caller leaves no users document either', async () => {
    for (const [over, field] of [[{ villageId: 'atlantis' }, 'villageId'], [{ phone: '12345' }, 'phone'], [{ name: '\u200b\u200b' }, 'name']] as const) {
      const res = await call('fn-nowrite-profile', 'account.updateProfile', { ...validProfile, ...over }, `up-nowrite-${field}`)
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
    }
    expect(await userDoc('fn-nowrite-profile')).toBeNull()
  })

  it('a first-time caller with a good code gets one profile, already an officer', async () => {
    const made = await call('dev-admin', 'account.createInvite', {}, 'invite-nowrite-fresh')
    if (!made.ok) throw new Error(made.error.message)
    const { code } = made.data as { code: string }
    const res = await call('fn-fresh-officer', 'account.redeemInvite', { code }, 'redeem-fresh')
    expect(res).toEqual({
      ok: true,
      data: { openid: 'fn-fresh-officer', role: 'officer', name: '', phone: '', villageId: '', villageName: '', address: '', badgeNo: '', profileComplete: false },
    })
    expect(await userDoc('fn-fresh-officer')).toMatchObject({ _id: 'fn-fresh-officer', role: 'officer', name: '' })
  })
})

describe('invites: marking the code used and making the officer are one step', () => {
  const WRITES = new Set(['add', 'set', 'update', 'remove'])
  const injected = new Error('injected: writing users failed')

  /** Wraps an SDK object so that every write reached through it rejects (queries and doc refs included). */
  function brokenWrites<T extends object>(ref: T): T {
    return new Proxy(ref, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target)
        if (typeof value !== 'function') return value
        if (WRITES.has(String(key))) return () => Promise.reject(injected)
        return (...args: unknown[]) => {
          const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args)
          return out !== null && typeof out === 'object' && !(out instanceof Promise) ? brokenWrites(out) : out
        }
      },
    })
  }

  /** The real database (and its transactions), except that writes to `users` fail. */
  function failingUsers<T extends object>(db: T): T {
    return new Proxy(db, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target)
        if (key === 'collection') return (name: string) => (name === 'users' ? brokenWrites((value as (n: string) => object).call(target, name)) : (value as (n: string) => object).call(target, name))
        if (key === 'runTransaction') {
          return (run: (t: object) => Promise<unknown>, times?: number) => (value as (r: (t: object) => Promise<unknown>, n?: number) => Promise<unknown>).call(target, (t: object) => run(failingUsers(t)), times)
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }

  it('leaves the code unused and the person a resident when writing the new role fails', async () => {
    const made = await call('dev-admin', 'account.createInvite', {}, 'invite-atomic')
    if (!made.ok) throw new Error(made.error.message)
    const { code } = made.data as { code: string }
    await call('fn-atomic-1', 'account.me', {})
    const user = await findById<UserDoc>(cloud.db, 'users', 'fn-atomic-1')
    const deps = depsWith(failingUsers(cloud.db) as DB.Database)
    const ctx: CallerContext = { openid: 'fn-atomic-1', role: 'resident', user }
    await expect(handlers['account.redeemInvite'](deps, ctx, { code })).rejects.toBe(injected)
    expect(await findById(cloud.db, 'invites', code)).toMatchObject({ status: 'open', usedBy: null })
    expect(await userDoc('fn-atomic-1')).toMatchObject({ role: 'resident' })

    // Nothing was burned: the same person can use the code once things work again.
    expect(await call('fn-atomic-1', 'account.redeemInvite', { code }, 'redeem-atomic')).toMatchObject({ ok: true, data: { role: 'officer' } })
    expect(await findById(cloud.db, 'invites', code)).toMatchObject({ status: 'used', usedBy: 'fn-atomic-1' })
  })
})

describe('account.listStaff', () => {
  it('lists officers and admins with masked phones, and writes the access to the audit log', async () => {
    const res = await call('dev-admin', 'account.listStaff', {})
    if (!res.ok) throw new Error(res.error.message)
    const staff = res.data as { openid: string; phone: string; role: string }[]
    expect(staff.map((s) => s.openid)).toEqual(expect.arrayContaining(['dev-admin', 'dev-officer', 'dev-officer-2']))
    expect(staff.every((s) => s.role === 'officer' || s.role === 'admin')).toBe(true)
    expect(staff.find((s) => s.openid === 'dev-officer')?.phone).toBe('138****0002')
    expect(await count(cloud.db.collection('audit_log').where({ actor: 'dev-admin', action: 'account.listStaff' }))).toBeGreaterThanOrEqual(1)
  })
})

describe('account.colleagues', () => {
  it('is for staff only: a resident is refused', async () => {
    expect(await call('dev-resident-1', 'account.colleagues', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('gives an officer the names and roles of all staff, with no phone or other personal data, and audits nothing', async () => {
    const audited = () => count(cloud.db.collection('audit_log').where({ actor: 'dev-officer' }))
    const before = await audited()
    const res = await call('dev-officer', 'account.colleagues', {})
    if (!res.ok) throw new Error(res.error.message)
    const staff = res.data
    expect(staff).toEqual(
      expect.arrayContaining([
        { openid: 'dev-officer', name: '王警官', role: 'officer' },
        { openid: 'dev-officer-2', name: '赵警官', role: 'officer' },
        expect.objectContaining({ openid: 'dev-admin', role: 'admin' }),
      ]),
    )
    expect(staff.every((s) => Object.keys(s).sort().join() === 'name,openid,role')).toBe(true)
    expect(staff.some((s) => String(s.openid).startsWith('dev-resident'))).toBe(false)
    expect(await audited()).toBe(before)
  })

  it('leaves listStaff, with phones, to admins', async () => {
    expect(await call('dev-officer', 'account.listStaff', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('account.setRole', () => {
  it('lets an admin promote and demote an officer', async () => {
    expect(await call('dev-admin', 'account.setRole', { openid: 'dev-officer-2', role: 'admin' }, 'promote-2')).toEqual({
      ok: true,
      data: { openid: 'dev-officer-2', role: 'admin' },
    })
    expect(await userDoc('dev-officer-2')).toMatchObject({ role: 'admin' })
    expect(await call('dev-officer-2', 'account.setRole', { openid: 'dev-officer-2', role: 'officer' }, 'demote-2')).toMatchObject({ ok: true })
    expect(await userDoc('dev-officer-2')).toMatchObject({ role: 'officer' })
  })

  it('does not let the last admin demote themself', async () => {
    const res = await call('dev-admin', 'account.setRole', { openid: 'dev-admin', role: 'resident' }, 'demote-last')
    expect(res).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('最后一位管理员') } })
    expect(await userDoc('dev-admin')).toMatchObject({ role: 'admin' })
  })

  it('of the only two admins demoting each other at the same moment, one succeeds and one admin remains', async () => {
    const admins = () => count(cloud.db.collection('users').where({ _id: cloud.db.command.in(['dev-admin', 'dev-officer-2']), role: 'admin' }))
    for (let round = 1; round <= 3; round++) {
      await call('dev-admin', 'account.setRole', { openid: 'dev-officer-2', role: 'admin' }, `both-admins-${round}`)
      expect(await admins()).toBe(2)
      // Straight into the handler, both at once (the gateway may run one call after the other).
      const admin = async (openid: string): Promise<CallerContext> => ({ openid, role: 'admin', user: await findById<UserDoc>(cloud.db, 'users', openid) })
      const demote = async (by: string, openid: string) => handlers['account.setRole'](depsWith(cloud.db), await admin(by), { openid, role: 'officer' })
      const results = await Promise.allSettled([demote('dev-admin', 'dev-officer-2'), demote('dev-officer-2', 'dev-admin')])
      expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1)
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' })
      expect(await admins()).toBe(1)
      // Back to the seeded roles: dev-admin the only admin, dev-officer-2 an officer.
      const actor = (await userDoc('dev-admin'))?.role === 'admin' ? 'dev-admin' : 'dev-officer-2'
      await call(actor, 'account.setRole', { openid: 'dev-admin', role: 'admin' }, `restore-admin-${round}`)
      await call('dev-admin', 'account.setRole', { openid: 'dev-officer-2', role: 'officer' }, `restore-officer-${round}`)
      expect(await userDoc('dev-admin')).toMatchObject({ role: 'admin' })
      expect(await userDoc('dev-officer-2')).toMatchObject({ role: 'officer' })
    }
  })

  it('answers not_found for an unknown user', async () => {
    expect(await call('dev-admin', 'account.setRole', { openid: 'nobody-here', role: 'officer' }, 'set-unknown')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})

describe('cron', () => {
  it('lets staff run a job by hand and refuses residents', async () => {
    const run = await cloud.call('dev-officer', 'cron', 'run', { job: 'requests.prune' })
    expect(run).toMatchObject({ ok: true, data: { ran: [{ job: 'requests.prune', ok: true }] } })
    expect(await cloud.call('dev-resident-1', 'cron', 'run', { job: 'requests.prune' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await cloud.call('dev-officer', 'cron', 'run', { job: 'no.such' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('runs the timer trigger as the system, with no user', async () => {
    const res = await cloud.cloud.runTrigger('cron', 'every5min')
    expect(res).toMatchObject({ ok: true, data: { ran: expect.arrayContaining([expect.objectContaining({ job: 'requests.prune', ok: true })]) } })
  })

  it('refuses a user who sends a fake timer event', async () => {
    const res = await cloud.call('dev-admin', 'cron', 'tick', { trigger: 'every5min' })
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  /** Sends `data` as the raw event through the H5 gateway, signed out when `openid` is empty. */
  async function rawCall(openid: string, name: string, data: unknown): Promise<unknown> {
    const res = await fetch(`${cloud.url}/gateway/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) },
      body: JSON.stringify({ name, data }),
    })
    return ((await res.json()) as { result?: unknown }).result
  }

  it('treats a signed-out caller as a visitor, never the system: no job runs', async () => {
    expect(await cloud.call('', 'cron', 'run', { job: 'requests.prune' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await cloud.call('', 'cron', 'tick', { trigger: 'every5min' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  it.each([
    ['signed out', '', 'unauthenticated'],
    ['signed in as admin', 'dev-admin', 'forbidden'],
  ])('refuses a timer-shaped event from a client (%s)', async (_label, openid, code) => {
    const timer = { Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString() }
    expect(await rawCall(openid, 'cron', timer)).toMatchObject({ ok: false, error: { code } })
  })

  it.each([
    ['signed out', '', 'unauthenticated'],
    ['signed in', 'dev-resident-1', 'forbidden'],
  ])('refuses a forged media-check push from a client (%s)', async (_label, openid, code) => {
    const push = { Event: 'wxa_media_check', trace_id: 'forged-trace', result: { suggest: 'pass' } }
    expect(await rawCall(openid, 'reports', push)).toMatchObject({ ok: false, error: { code } })
  })

  it('refuses a media-check push whose trace id is no check the reports function started', async () => {
    const push = { Event: 'wxa_media_check', trace_id: 'never-started', result: { suggest: 'pass' } }
    expect(await cloud.cloud.functions.invoke('reports', push, { OPENID: '', SOURCE: 'wx_unknown' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(cloud.store.find('media_checks', { _id: 'never-started' })).toHaveLength(0)
  })
})
