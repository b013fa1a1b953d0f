// Lifecycles of bookings, errands (代办) and home visits (上门) as transition tables; every move is
// checked against the table and the actor's role and yields one timeline event.
import type { Role } from '@contract/core'
import { findMove, movesFrom, type Move, type StateInfo } from './lifecycle'
import type { ServiceKind } from './service-kinds'

// The kinds' table lives in its own small module so the 办事 tab can show it without bundling these lifecycles.
export { SERVICE_KINDS, type ServiceKind } from './service-kinds'

/** Who moves a record: the resident who owns it, an officer (or admin), or the timer (`cron`). */
export type Actor = 'resident' | 'officer' | 'system'

export function actorOf(role: Role): Actor {
  return role === 'resident' ? 'resident' : 'officer'
}

/** A state's type lets code ask questions (is it still open?) instead of listing states. */
export type StatusType = 'open' | 'done' | 'closed'

export type StatusInfo = StateInfo<StatusType>

/** A move of the lifecycle shape (./lifecycle); `notifies`: the resident is told (officers' moves of errands and visits). */
export interface Transition<S extends string> extends Move<S, Actor> {
  /** The move must say why (shown to the resident). */
  needsReason?: boolean
}

export interface Lifecycle<S extends string> {
  kind: ServiceKind
  initial: S
  statuses: Record<S, StatusInfo>
  moves: readonly Transition<S>[]
}

export type BookingStatus = 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled'
export type ErrandStatus = 'submitted' | 'accepted' | 'in_progress' | 'ready' | 'completed' | 'rejected' | 'cancelled'
export type HomeVisitStatus = 'requested' | 'confirmed' | 'completed' | 'no_show' | 'cancelled'

export const BOOKING_LIFECYCLE: Lifecycle<BookingStatus> = {
  kind: 'booking',
  initial: 'booked',
  statuses: {
    booked: { label: '已预约', type: 'open' },
    checked_in: { label: '已签到', type: 'open' },
    completed: { label: '已办结', type: 'done' },
    no_show: { label: '未到场', type: 'closed' },
    cancelled: { label: '已取消', type: 'closed' },
  },
  moves: [
    { from: ['booked'], to: 'checked_in', by: ['officer'] },
    { from: ['booked'], to: 'cancelled', by: ['resident', 'officer'] },
    { from: ['booked'], to: 'no_show', by: ['officer', 'system'] },
    { from: ['checked_in'], to: 'completed', by: ['officer'] },
  ],
}

export const ERRAND_LIFECYCLE: Lifecycle<ErrandStatus> = {
  kind: 'errand',
  initial: 'submitted',
  statuses: {
    submitted: { label: '已提交', type: 'open' },
    accepted: { label: '已受理', type: 'open' },
    in_progress: { label: '办理中', type: 'open' },
    ready: { label: '已办好', type: 'open' },
    completed: { label: '已完成', type: 'done' },
    rejected: { label: '未受理', type: 'closed' },
    cancelled: { label: '已取消', type: 'closed' },
  },
  moves: [
    { from: ['submitted'], to: 'accepted', by: ['officer'], notifies: true },
    { from: ['submitted', 'accepted', 'in_progress'], to: 'rejected', by: ['officer'], needsReason: true, writes: ['reason'], notifies: true },
    { from: ['submitted', 'accepted'], to: 'cancelled', by: ['resident', 'officer'], notifies: true },
    { from: ['accepted'], to: 'in_progress', by: ['officer'], notifies: true },
    { from: ['in_progress'], to: 'ready', by: ['officer'], notifies: true },
    { from: ['ready'], to: 'completed', by: ['officer', 'resident'], notifies: true },
  ],
}

export const HOME_VISIT_LIFECYCLE: Lifecycle<HomeVisitStatus> = {
  kind: 'home_visit',
  initial: 'requested',
  statuses: {
    requested: { label: '待安排', type: 'open' },
    confirmed: { label: '已安排', type: 'open' },
    completed: { label: '已办结', type: 'done' },
    no_show: { label: '上门未遇', type: 'closed' },
    cancelled: { label: '已取消', type: 'closed' },
  },
  moves: [
    // Scheduling (and an officer moving a confirmed visit to another time) writes who goes and when.
    { from: ['requested', 'confirmed'], to: 'confirmed', by: ['officer'], writes: ['officer', 'officerName', 'day', 'start', 'end', 'reminded'], notifies: true },
    { from: ['requested', 'confirmed'], to: 'cancelled', by: ['resident', 'officer'], notifies: true },
    { from: ['confirmed'], to: 'completed', by: ['officer'], notifies: true },
    { from: ['confirmed'], to: 'no_show', by: ['officer'], notifies: true },
  ],
}

export const LIFECYCLES = {
  booking: BOOKING_LIFECYCLE,
  errand: ERRAND_LIFECYCLE,
  home_visit: HOME_VISIT_LIFECYCLE,
} as const

export type AnyStatus = BookingStatus | ErrandStatus | HomeVisitStatus

export interface TimelineEvent {
  at: Date
  /** Null for the event that created the record. */
  from: string | null
  to: string
  actor: Actor
  /** OPENID of the person who acted, or `cron`. */
  by: string
  note?: string
}

export type MoveResult<S extends string> =
  | { ok: true; status: S; event: TimelineEvent }
  | { ok: false; code: 'transition_not_allowed' | 'invalid_argument'; message: string }

export function statusLabel<S extends string>(lc: Lifecycle<S>, status: S): string {
  return lc.statuses[status]?.label ?? status
}

export function isOpen<S extends string>(lc: Lifecycle<S>, status: S): boolean {
  return lc.statuses[status]?.type === 'open'
}

export function openStatuses<S extends string>(lc: Lifecycle<S>): S[] {
  return (Object.keys(lc.statuses) as S[]).filter((s) => lc.statuses[s].type === 'open')
}

/** The statuses an actor can move a record to from `from`. */
export function nextStatuses<S extends string>(lc: Lifecycle<S>, from: S, actor: Actor): S[] {
  return movesFrom(lc.moves, from, actor).map((t) => t.to)
}

export function isStatus<S extends string>(lc: Lifecycle<S>, s: string): s is S {
  return Object.prototype.hasOwnProperty.call(lc.statuses, s)
}

/** Moves a record one step, or says why it cannot move. Pure: the caller stores the status and event. */
export function move<S extends string>(
  lc: Lifecycle<S>,
  from: S,
  to: S,
  who: { actor: Actor; by: string },
  at: Date,
  note?: string,
): MoveResult<S> {
  const t = findMove(lc.moves, from, to, who.actor)
  if (!t) {
    return {
      ok: false,
      code: 'transition_not_allowed',
      message: `现在是“${statusLabel(lc, from)}”，不能改成“${statusLabel(lc, to)}”，请刷新后再看`,
    }
  }
  const trimmed = note?.trim()
  if (t.needsReason && !trimmed) return { ok: false, code: 'invalid_argument', message: '请写明原因，群众能看到' }
  return { ok: true, status: to, event: { at, from, to, actor: who.actor, by: who.by, ...(trimmed ? { note: trimmed } : {}) } }
}

/** The first event of a record's timeline. */
export function createdEvent<S extends string>(lc: Lifecycle<S>, who: { actor: Actor; by: string }, at: Date, note?: string): TimelineEvent {
  return { at, from: null, to: lc.initial, actor: who.actor, by: who.by, ...(note ? { note } : {}) }
}
