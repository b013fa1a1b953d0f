// The shape every action shares: names, roles, the error envelope and how an action is declared.
import * as v from 'valibot'

export type Role = 'resident' | 'officer' | 'admin'
export const ROLES: readonly Role[] = ['resident', 'officer', 'admin']
export const STAFF: readonly Role[] = ['officer', 'admin']
export const EVERYONE: readonly Role[] = ROLES
export const ADMIN_ONLY: readonly Role[] = ['admin']

/**
 * Marker for calls without a user: timer triggers and function-to-function calls arrive with an
 * empty OPENID. Only actions whose `roles` include SYSTEM accept them; such a caller gets
 * `ctx.system === true`, `openid: ''` and acts with admin authority. A mini-program user always
 * has an OPENID, so no client can pose as the system.
 */
export const SYSTEM = 'system'
export type Access = Role | typeof SYSTEM

/** Cloud functions, one per domain. */
export type FunctionName = 'account' | 'alerts' | 'services' | 'reports' | 'cron' | 'mediation' | 'followups' | 'figures' | 'households'

/** Stable, snake_case error codes. `network` and `internal` are produced by the client / runtime. */
export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'expired'
  | 'slot_full'
  | 'transition_not_allowed'
  | 'content_risky'
  | 'rate_limited'
  | 'blocked'
  | 'network'
  | 'internal'

export interface AppErrorBody {
  code: ErrorCode
  /** Plain Chinese a villager understands: what happened and what to do next. */
  message: string
  /** For invalid_argument: the payload path of the offending field, e.g. `phone` or `items.0.name`. */
  field?: string
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody }

/** What the app sends as `data` to `callFunction`. */
export interface CallEnvelope<P = unknown> {
  action: string
  payload: P
  /** Set by the client once per user intent; a retry reuses it so a write is applied once. */
  requestId?: string
}

/** One action. Its key in the contract, `<function>.<action>`, names the function that serves it and the action. */
export interface ActionSpec<S extends v.GenericSchema = v.GenericSchema, Res = unknown, AnyCaller extends boolean = boolean> {
  roles: readonly Access[]
  /** Validates and normalises the payload. Messages are Chinese and name the field. */
  request: S
  /** Writes honour `requestId`: a retried call returns the first call's result. */
  idempotent: boolean
  /**
   * Every signed-in person gets the same answer: the handler reads neither the caller's role nor profile (its `ctx`
   * has neither), so the runtime does not look the caller up — one database call less. Only for `roles: EVERYONE`,
   * where the lookup could not refuse anyone (a caller without a profile is a resident).
   */
  anyCaller: AnyCaller
  /** Phantom: carries the response type only. */
  readonly response?: Res
}

/**
 * Declares an action. Curried so the response type can be named while the request type is inferred:
 * `defineAction<Profile>()({ roles: EVERYONE, request: v.object({}) })`.
 */
export function defineAction<Res>() {
  return <S extends v.GenericSchema, AnyCaller extends boolean = false>(spec: {
    roles: readonly Access[]
    request: S
    idempotent?: boolean
    anyCaller?: AnyCaller
  }): ActionSpec<S, Res, AnyCaller> => {
    const anyCaller = (spec.anyCaller ?? false) as AnyCaller
    if (anyCaller && !ROLES.every((r) => spec.roles.includes(r))) {
      throw new Error('anyCaller is only for actions every role may call: the role lookup it skips could refuse someone')
    }
    return { ...spec, idempotent: spec.idempotent ?? false, anyCaller }
  }
}

/** What the client may send (before the schema's transforms). */
export type RequestIn<A> = A extends ActionSpec<infer S, unknown> ? v.InferInput<S> : never
/** What the handler receives (after validation and transforms). */
export type RequestOut<A> = A extends ActionSpec<infer S, unknown> ? v.InferOutput<S> : never
export type ResponseOf<A> = A extends ActionSpec<v.GenericSchema, infer R> ? R : never

/**
 * Dates in responses. The database stores Dates and wx-server-sdk reads them back as Dates, but a
 * response reaches the app through JSON, so response types never say `Date`: every date in a
 * response is an ISO 8601 string (`IsoDate`, made with `toIso`). Requests may send ISO strings or
 * epoch ms; `fields.date` turns them into Dates for the handler.
 */
export type IsoDate = string

export function toIso(d: Date | string | number): IsoDate {
  return (d instanceof Date ? d : new Date(d)).toISOString()
}

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_argument: '填写的内容有误，请检查后再试',
  unauthenticated: '请先登录后再试',
  forbidden: '您没有权限做这件事，如有疑问请联系派出所',
  not_found: '没有找到这条记录，它可能已被删除',
  conflict: '这件事已经有人处理了，请刷新后再看',
  expired: '已经过期了，请重新获取',
  slot_full: '这个时段已经约满了，请换一个时段',
  transition_not_allowed: '当前状态不能这样操作，请刷新后再看',
  content_risky: '内容里有不合适的字词，请修改后再提交',
  rate_limited: '今天提交次数太多了，请明天再试，急事请打电话',
  blocked: '您暂时不能预约，请打电话给派出所',
  network: '网络不好，没有连上。请到信号好的地方再试',
  internal: '系统出了点问题，请稍后再试，急事请打电话',
}
