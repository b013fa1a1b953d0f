// The `account` function's actions: profiles, the station card, and staff onboarding by invite code.
import { randomInt } from 'node:crypto'
import { toIso, type Role } from '@contract/core'
import type { Colleague, Invite, Profile, Station, StaffMember, Village } from '@contract/account'
import { maskPhone } from '@domain/privacy'
import { createOnce, insertOnce, recordOf } from '@server/atomic'
import { count, findById, findMany, isTxConflict, transaction, txFindById, updateById } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { txMoveResident } from '@server/residents'
import { fail, type CallerContext, type Deps, type UserDoc } from '@server/types'
import { issueUploadFolder } from '@server/uploads'
import { INVITES, LOCKS, STATION, STATION_ID, USERS } from '@server/collections'

/** The LOCKS guard document that makes competing role changes conflict (see setRole). */
const ADMINS_LOCK = 'admins'

export interface StationDoc extends Station {
  _id: string
}

export interface InviteDoc {
  _id: string // the code itself, so the database keeps codes unique
  note: string
  status: 'open' | 'used'
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

/** No 0/O, 1/I/L: codes are read aloud and typed by older officers. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newInviteCode(pick: (n: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)]
  return code
}

async function loadStation(deps: Deps): Promise<StationDoc | null> {
  return findById<StationDoc>(deps.db, STATION, STATION_ID)
}

function toProfile(openid: string, role: Role, user: UserDoc | null, villages: readonly Village[]): Profile {
  const villageId = user?.villageId ?? ''
  const name = user?.name ?? ''
  const phone = user?.phone ?? ''
  return {
    openid,
    role,
    name,
    phone,
    villageId,
    villageName: villages.find((v) => v.id === villageId)?.name ?? '',
    address: user?.address ?? '',
    badgeNo: user?.badgeNo ?? '',
    profileComplete: name !== '' && phone !== '' && (villageId !== '' || role !== 'resident'),
    ...(user?.household ? { householdId: user.household } : {}),
  }
}

function emptyProfile(openid: string, role: Role, now: Date): UserDoc {
  return { _id: openid, role, name: '', phone: '', villageId: '', address: '', createdAt: now, updatedAt: now }
}

/** Creates the caller's profile if missing and returns the stored one (concurrent first calls both end with one document). */
async function ensureUser(deps: Deps, ctx: CallerContext, role: Role = ctx.role): Promise<UserDoc> {
  if (ctx.user) return ctx.user
  return (await insertOnce(deps.db, USERS, emptyProfile(ctx.openid, role, deps.now()))).doc
}

/** A stored role, except that the configured first admin is always an admin (as the runtime resolves it). */
function effectiveRole(deps: Deps, openid: string, stored: Role): Role {
  return deps.config.firstAdminOpenid === openid ? 'admin' : stored
}

async function countAdmins(deps: Deps): Promise<number> {
  return count(deps.db.collection(USERS).where({ role: 'admin' }))
}

/** Officers and admins, oldest first. */
async function findStaff(deps: Deps): Promise<UserDoc[]> {
  const _ = deps.db.command
  return findMany<UserDoc>(deps.db.collection(USERS).where({ role: _.in(['officer', 'admin']) }).orderBy('createdAt', 'asc').limit(200))
}

/**
 * Writes profile fields. A first-time caller's profile is written whole in one insert, so no failure leaves an empty
 * one behind; a concurrent first call (e.g. account.me) that made the document meanwhile is updated instead.
 */
async function saveProfile(deps: Deps, ctx: CallerContext, villages: readonly Village[], fields: Partial<UserDoc>): Promise<Profile> {
  const changes = { ...fields, updatedAt: deps.now() }
  if ('villageId' in fields) {
    // A village change moves the resident counters (village_residents) in the same transaction as the profile.
    try {
      const saved = await transaction(deps.db, async (t) => {
        const current = await txFindById<UserDoc>(t, USERS, ctx.openid)
        const next: UserDoc = current ? { ...current, ...changes } : { ...emptyProfile(ctx.openid, ctx.role, changes.updatedAt), ...changes }
        if (current) await t.collection(USERS).doc(ctx.openid).update({ data: changes })
        else {
          const { _id: _omit, ...fresh } = next
          await t.collection(USERS).doc(ctx.openid).set({ data: fresh })
        }
        await txMoveResident(t, current, next)
        return next
      })
      return toProfile(ctx.openid, ctx.role, saved, villages)
    } catch (err) {
      if (isTxConflict(err)) fail('conflict', '资料正在别处同时保存，请稍等一下再保存一次')
      throw err
    }
  }
  if (ctx.user) {
    await updateById(deps.db, USERS, ctx.openid, changes)
    return toProfile(ctx.openid, ctx.role, { ...ctx.user, ...changes }, villages)
  }
  const fresh: UserDoc = { ...emptyProfile(ctx.openid, ctx.role, changes.updatedAt), ...changes }
  const stored = await insertOnce(deps.db, USERS, fresh)
  if (stored.created) return toProfile(ctx.openid, ctx.role, fresh, villages)
  await updateById(deps.db, USERS, ctx.openid, changes)
  return toProfile(ctx.openid, ctx.role, { ...stored.doc, ...changes }, villages)
}

export const handlers: FunctionHandlers<'account'> = {
  async 'account.me'(deps, ctx) {
    const [user, station] = await Promise.all([ensureUser(deps, ctx), loadStation(deps)])
    return toProfile(ctx.openid, ctx.role, user, station?.villages ?? [])
  },

  async 'account.updateProfile'(deps, ctx, payload) {
    const station = await loadStation(deps)
    const villages = station?.villages ?? []
    const staff = ctx.role !== 'resident'
    if (!payload.villageId && !staff) fail('invalid_argument', '请选择您所在的村', 'villageId')
    if (payload.villageId && !villages.some((v) => v.id === payload.villageId)) fail('invalid_argument', '请从列表里选择您所在的村', 'villageId')
    return saveProfile(deps, ctx, villages, {
      name: payload.name,
      phone: payload.phone,
      villageId: payload.villageId,
      address: payload.address,
      ...(staff ? { badgeNo: payload.badgeNo } : {}),
    })
  },

  async 'account.setVillage'(deps, ctx, payload) {
    const station = await loadStation(deps)
    const villages = station?.villages ?? []
    if (!villages.some((v) => v.id === payload.villageId)) fail('invalid_argument', '请从列表里选择您所在的村', 'villageId')
    return saveProfile(deps, ctx, villages, { villageId: payload.villageId })
  },

  async 'account.station'(deps) {
    const station = await loadStation(deps)
    if (!station) fail('not_found', '派出所信息还没有设置好，请直接拨打110或到派出所咨询')
    const { name, address, phone, hours, villages, location } = station
    return { name, address, phone, hours, villages, ...(location ? { location } : {}) }
  },

  async 'account.uploadPrefix'(deps, ctx) {
    return { prefix: await issueUploadFolder(deps, ctx) }
  },

  async 'account.createInvite'(deps, ctx, payload) {
    const toInvite = (doc: InviteDoc): Invite => ({ code: doc._id, note: doc.note, createdAt: toIso(doc.createdAt), expiresAt: toIso(doc.expiresAt) })
    // A retry of a request whose first call stored the invite (and died before answering) gets that invite.
    const earlier = await recordOf(deps.db, ctx.requestKey, INVITES)
    const found = earlier ? await findById<InviteDoc>(deps.db, INVITES, earlier) : null
    if (found) return toInvite(found)
    const now = deps.now()
    const expiresAt = new Date(now.getTime() + payload.expiresInHours * 3600_000)
    // A clash with an existing code is rare (31^6 codes); the unique _id catches it and we draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newInviteCode()
      const doc: InviteDoc = { _id: code, note: payload.note ?? '', status: 'open', createdBy: ctx.openid, createdAt: now, expiresAt, usedBy: null, usedAt: null }
      let stored: { created: boolean; id: string }
      try {
        stored = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: INVITES, doc, now })
      } catch (err) {
        if (await findById<InviteDoc>(deps.db, INVITES, code)) continue
        throw err
      }
      if (!stored.created) {
        const first = await findById<InviteDoc>(deps.db, INVITES, stored.id)
        if (first) return toInvite(first)
      }
      await deps.audit({ actor: ctx.openid, action: 'account.createInvite', target: `invites/${code}` })
      return toInvite(doc)
    }
    throw new Error('could not find a free invite code after 5 attempts')
  },

  async 'account.redeemInvite'(deps, ctx, payload) {
    if (ctx.role !== 'resident') fail('conflict', ctx.role === 'admin' ? '您已经是管理员了，不需要邀请码' : '您已经是民警账号了，不需要再输入邀请码')
    const now = deps.now()
    // Marking the code used and making the caller an officer commit together: a failure leaves neither done, and a
    // wrong code writes nothing at all (not even the empty profile a first-time caller would otherwise get).
    // Of concurrent redeemers one writes the invite first; the others conflict, run again and find it used.
    let outcome: UserDoc | 'staff' | 'missing' | 'used' | 'expired'
    try {
      outcome = await transaction(deps.db, async (t): Promise<typeof outcome> => {
        const me = await txFindById<UserDoc>(t, USERS, ctx.openid)
        if (me && me.role !== 'resident') return 'staff'
        const invite = await txFindById<InviteDoc>(t, INVITES, payload.code)
        if (!invite) return 'missing'
        if (invite.status === 'used') return 'used'
        if (new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired'
        await t.collection(INVITES).doc(payload.code).update({ data: { status: 'used', usedBy: ctx.openid, usedAt: now } })
        if (me) {
          await t.collection(USERS).doc(ctx.openid).update({ data: { role: 'officer', updatedAt: now } })
          await txMoveResident(t, me, { ...me, role: 'officer' })
          return { ...me, role: 'officer', updatedAt: now }
        }
        const { _id: _omit, ...fresh } = emptyProfile(ctx.openid, 'officer', now)
        await t.collection(USERS).doc(ctx.openid).set({ data: fresh })
        return { _id: ctx.openid, ...fresh }
      })
    } catch (err) {
      if (isTxConflict(err)) fail('conflict', '刚才有人同时在用这个邀请码，请稍等一下再试')
      throw err
    }
    if (outcome === 'staff') fail('conflict', '您已经是民警账号了，不需要再输入邀请码')
    if (outcome === 'missing') fail('not_found', '邀请码不对，请核对后再输入', 'code')
    if (outcome === 'used') fail('not_found', '这个邀请码已经用过了，请向管理员要一个新的', 'code')
    if (outcome === 'expired') fail('expired', '邀请码已经过期了，请向管理员要一个新的', 'code')
    const user = outcome
    await deps.audit({ actor: ctx.openid, action: 'account.redeemInvite', target: `users/${ctx.openid}`, detail: { code: payload.code, role: 'officer' } })
    const station = await loadStation(deps)
    return toProfile(ctx.openid, 'officer', user, station?.villages ?? [])
  },

  async 'account.listStaff'(deps, ctx) {
    const staff = await findStaff(deps)
    await deps.audit({ actor: ctx.openid, action: 'account.listStaff', target: USERS, detail: { count: staff.length } })
    return staff.map(
      (u): StaffMember => ({ openid: u._id, name: u.name, phone: maskPhone(u.phone), role: effectiveRole(deps, u._id, u.role) }),
    )
  },

  // Names and roles only (no phone, village or address), so unlike listStaff this is not an access to personal data to audit.
  async 'account.colleagues'(deps) {
    const staff = await findStaff(deps)
    return staff.map((u): Colleague => ({ openid: u._id, name: u.name, role: effectiveRole(deps, u._id, u.role) }))
  },

  async 'account.setRole'(deps, ctx, payload) {
    if (payload.openid === deps.config.firstAdminOpenid && payload.role !== 'admin') {
      fail('conflict', '这是系统设定的管理员，不能在这里修改')
    }
    // The configured first admin is always an admin, so with one configured nobody is ever the last.
    const anotherAdminIsConfigured = !!deps.config.firstAdminOpenid && deps.config.firstAdminOpenid !== payload.openid
    const now = deps.now()
    let from: Role
    try {
      from = await transaction(deps.db, async (t) => {
        const current = await txFindById<UserDoc>(t, USERS, payload.openid)
        if (!current) fail('not_found', '没有找到这个用户，请刷新后再试', 'openid')
        if (current.role === 'admin' && payload.role !== 'admin' && !anotherAdminIsConfigured) {
          // Every demotion of an admin writes this one guard document first, so two never overlap: a second
          // one conflicts, runs again after the first committed and then counts the admins that are left.
          await t.collection(LOCKS).doc(ADMINS_LOCK).set({ data: { by: ctx.openid, at: now } })
          if ((await countAdmins(deps)) <= 1) {
            fail('conflict', payload.openid === ctx.openid ? '您是最后一位管理员，不能取消自己的管理员身份。请先设置另一位管理员' : '这是最后一位管理员，不能取消')
          }
        }
        if (current.role !== payload.role) {
          await t.collection(USERS).doc(payload.openid).update({ data: { role: payload.role, updatedAt: now } })
          await txMoveResident(t, current, { ...current, role: payload.role })
        }
        return current.role
      })
    } catch (err) {
      if (isTxConflict(err)) fail('conflict', '刚才有别人同时在修改身份，请刷新后再试')
      throw err
    }
    await deps.audit({ actor: ctx.openid, action: 'account.setRole', target: `users/${payload.openid}`, detail: { from, to: payload.role } })
    return { openid: payload.openid, role: payload.role }
  },
}
