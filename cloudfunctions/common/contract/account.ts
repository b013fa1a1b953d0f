// Actions of the `account` function: the caller's profile, the station, and staff onboarding by invite code.
import * as v from 'valibot'
import { ADMIN_ONLY, defineAction, EVERYONE, ROLES, STAFF, type IsoDate, type Role } from './core'
import { id, mobile, optionalText, personName, textOrEmpty } from './fields'

export interface Village {
  id: string
  name: string
}

export interface Profile {
  openid: string
  role: Role
  name: string
  phone: string
  villageId: string
  /** '' when no village is chosen yet. */
  villageName: string
  address: string
  /** 警号, for staff; '' when not given (it is optional). */
  badgeNo?: string
  /** Name and phone are filled in, and a resident's village (staff need no village). */
  profileComplete: boolean
  /** The household (一标 address id) an officer confirmed the user lives at or owns; absent until then (see 我的家). */
  householdId?: string
}

export interface Station {
  name: string
  address: string
  /** Station desk phone, dialled by the one-tap call button. */
  phone: string
  /** Opening hours, one line each, ready to show (e.g. `周一至周五 8:30-12:00 14:30-18:00`). */
  hours: string[]
  /** Where the station is, for the map point on booking pages; absent until the station sets it. */
  location?: { latitude: number; longitude: number }
  villages: Village[]
}

export interface Invite {
  code: string
  note: string
  createdAt: IsoDate
  expiresAt: IsoDate
}

export interface StaffMember {
  openid: string
  name: string
  /** Masked, e.g. `138****8000`. */
  phone: string
  role: Role
}

/** A member of staff as officers see one another when picking who does a job: no personal data. */
export interface Colleague {
  openid: string
  name: string
  role: Role
}

export const INVITE_CODE_RE = /^[A-Z0-9]{6}$/
export const INVITE_DEFAULT_HOURS = 72

export const inviteCode = v.pipe(
  v.string('请输入邀请码'),
  v.trim(),
  v.toUpperCase(),
  v.regex(INVITE_CODE_RE, '邀请码是6位字母或数字，请核对后再输入'),
)

export const accountActions = {
  /** The caller's profile; the first call creates an empty resident profile. */
  'account.me': defineAction<Profile>()({ roles: EVERYONE, request: v.object({}) }),
  'account.updateProfile': defineAction<Profile>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      name: personName,
      phone: mobile,
      // Residents must give one (checked by the handler); staff work for the whole jurisdiction and may leave it ''.
      villageId: v.optional(v.union([v.literal(''), id('所在村')], '请从列表里选择您所在的村'), ''),
      address: textOrEmpty('住址', 100),
      badgeNo: v.optional(v.pipe(v.string('警号格式不对'), v.trim(), v.regex(/^[0-9A-Za-z]{0,12}$/, '警号是数字或字母，最多12位，可不填')), ''),
    }),
  }),
  /** The first-run card on 首页: a resident says which village they live in, before filling in the rest. */
  'account.setVillage': defineAction<Profile>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ villageId: id('所在村') }),
  }),
  'account.station': defineAction<Station>()({ roles: EVERYONE, request: v.object({}), anyCaller: true }),
  /**
   * A new upload folder for one draft, e.g. `uploads/3f9a…(32 hex)/`, recorded as the caller's: random and new on every
   * call (a draft keeps the one it got), usable for 30 days, at most 40 a day. Actions that take file ids accept only
   * files in folders the caller was given; alert images only from folders given to staff.
   */
  'account.uploadPrefix': defineAction<{ prefix: string }>()({ roles: EVERYONE, request: v.object({}) }),
  /** Admin makes a one-time code an officer enters to join. */
  'account.createInvite': defineAction<Invite>()({
    roles: ADMIN_ONLY,
    idempotent: true,
    request: v.object({
      note: optionalText('备注', 50),
      expiresInHours: v.optional(
        v.pipe(v.number('有效时间不对'), v.integer('有效时间要填整数小时'), v.minValue(1, '有效时间至少1小时'), v.maxValue(720, '有效时间最多30天')),
        INVITE_DEFAULT_HOURS,
      ),
    }),
  }),
  /** Any signed-in user redeems a code and becomes an officer. */
  'account.redeemInvite': defineAction<Profile>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ code: inviteCode }),
  }),
  'account.listStaff': defineAction<StaffMember[]>()({ roles: ADMIN_ONLY, request: v.object({}) }),
  /** Officers and admins, for picking who does a visit or a report; names and roles only, so any officer may ask. */
  'account.colleagues': defineAction<Colleague[]>()({ roles: STAFF, request: v.object({}) }),
  'account.setRole': defineAction<{ openid: string; role: Role }>()({
    roles: ADMIN_ONLY,
    idempotent: true,
    request: v.object({ openid: id('用户'), role: v.picklist(ROLES, '请选择身份') }),
  }),
} as const
