// Storage of the services function: collections, document shapes, the seat counters that keep slots within
// capacity under any concurrency, and subscription-message credits.
import type { Handover, MapPoint, ServiceInfo, SubscriptionPurpose } from '@contract/services'
import { type Actor, type BookingStatus, type HomeVisitStatus, type ErrandStatus, type Lifecycle, type TimelineEvent, BOOKING_LIFECYCLE, move } from '@domain/service-lifecycles'
import { type AfterHoursKind, type HomeVisitBasis, type ScheduleConfig, DEFAULT_SCHEDULE } from '@domain/schedule'
import { giveBack, increment, insertOnce } from '@server/atomic'
import { findById, findMany, removeById, updateWhere } from '@server/db'
import { fail, type Deps } from '@server/types'
import { BOOKINGS, BOOKING_HOLDS, SERVICE_CATALOG, SERVICE_CONFIG, SERVICE_SUBSCRIPTIONS, SLOT_SEATS } from '@server/collections'

export const SCHEDULE_ID = 'schedule'

/** Told when a record changed between reading it and moving it. */
export const MOVED = '这条记录刚刚被别人处理过了，请刷新后再看'

/** The statuses in which a booking holds its seat and its claim on the service. */
export const ACTIVE_BOOKING: BookingStatus[] = ['booked', 'checked_in']

export interface ServiceDoc extends ServiceInfo {
  _id: string
  updatedAt: Date
}

export interface ConfigDoc {
  _id: string
  schedule: ScheduleConfig
  updatedBy: string
  updatedAt: Date
}

export interface RatingDoc {
  score: number
  comment: string
  at: Date
}

interface RecordDoc {
  _id: string
  openid: string
  serviceId: string
  serviceName: string
  name: string
  phone: string
  /**
   * The resident's village (from their profile when the record is made; a home visit's is the village the visit is
   * in), so the figures count a village's bookings and errands. Records made before it was kept get it from the
   * `services.stampVillages` job.
   */
  villageId: string
  timeline: TimelineEvent[]
  rating: RatingDoc | null
  createdAt: Date
  /** ISO string of createdAt: a sortable, indexable key. */
  createdKey: string
  updatedAt: Date
}

export interface BookingDoc extends RecordDoc {
  status: BookingStatus
  slotKey: string
  day: string
  time: string
  endTime: string
  start: Date
  end: Date
  afterHours: AfterHoursKind | null
  code: string
  /** The evening-before reminder was tried. */
  reminded: boolean
  /** Id of the hold this booking keeps while active (see takeHold); missing on bookings made before holds. */
  hold?: string
}

export interface ErrandDoc extends RecordDoc {
  status: ErrandStatus
  materials: { id: string; name: string; checked: boolean }[]
  photos: string[]
  handover: Handover
  address: string
  note: string
  reason: string
}

export interface HomeVisitDoc extends RecordDoc {
  status: HomeVisitStatus
  /** The standard address (一标 hh_addresses id) when the request came from a doorplate scan. */
  addressId?: string
  reason: string
  basis: HomeVisitBasis
  age: number | null
  villageId: string
  address: string
  location: MapPoint | null
  preferredDays: string[]
  officer: string | null
  officerName: string
  day: string | null
  start: Date | null
  end: Date | null
  reminded: boolean
}

export interface SeatDoc {
  _id: string
  serviceId: string
  day: string
  slotKey: string
  taken: number
}

export interface SubscriptionDoc {
  _id: string
  openid: string
  purpose: SubscriptionPurpose
  credits: number
  updatedAt: Date
}

export async function loadSchedule(deps: Deps): Promise<ScheduleConfig> {
  const doc = await findById<ConfigDoc>(deps.db, SERVICE_CONFIG, SCHEDULE_ID)
  return doc?.schedule ?? DEFAULT_SCHEDULE
}

export async function loadService(deps: Deps, serviceId: string, kind?: ServiceInfo['kinds'][number]): Promise<ServiceDoc> {
  const doc = await findById<ServiceDoc>(deps.db, SERVICE_CATALOG, serviceId)
  if (!doc || !doc.active) fail('not_found', '没有这项业务，请回到办事页重新选择', 'serviceId')
  if (kind && !doc.kinds.includes(kind)) {
    const how = kind === 'booking' ? '预约' : kind === 'errand' ? '代办' : '上门办理'
    fail('invalid_argument', `“${doc.name}”不能${how}，请选择其他办理方式`, 'serviceId')
  }
  return doc
}

export function seatId(serviceId: string, slotKey: string): string {
  return `${serviceId}|${slotKey}`
}

/** Seats taken per slot key for one service and day (one indexed query, whatever the booking history). */
export async function seatsTaken(deps: Deps, serviceId: string, day: string): Promise<Record<string, number>> {
  const docs = await findMany<SeatDoc>(deps.db.collection(SLOT_SEATS).where({ serviceId, day }).limit(1000))
  const taken: Record<string, number> = {}
  for (const d of docs) taken[d.slotKey] = d.taken
  return taken
}

/** The seat counter of one slot of a service. */
export function seatCounter(serviceId: string, slotKey: string, day?: string) {
  return {
    collection: SLOT_SEATS,
    id: seatId(serviceId, slotKey),
    field: 'taken',
    create: () => ({ serviceId, day: day ?? slotKey.slice(0, 10), slotKey }),
  }
}

/**
 * One document per active booking of a person for a service, `_id` `<openid>:<serviceId>:<n>` with
 * n < maxActivePerService: the unique `_id` keeps a person within the limit however many bookings race.
 */
export interface HoldDoc {
  _id: string
  openid: string
  serviceId: string
  createdAt: Date
}

/** A hold no active booking names and older than any call could run was left by a failed call: it may be reused. */
const STALE_HOLD_MS = 10 * 60_000

/**
 * Takes one of the person's `max` holds for the service; null when all are held. `named` are the holds of the
 * person's active bookings as read before, so that a hold a failed call left behind is not kept forever.
 */
export async function takeHold(deps: Deps, openid: string, serviceId: string, max: number, named: ReadonlySet<string>): Promise<string | null> {
  const now = deps.now()
  for (let n = 0; n < max; n++) {
    const id = `${openid}:${serviceId}:${n}`
    const { created, doc: existing } = await insertOnce<HoldDoc>(deps.db, BOOKING_HOLDS, { _id: id, openid, serviceId, createdAt: now })
    if (created) return id
    const stale = !named.has(id) && now.getTime() - new Date(existing.createdAt).getTime() > STALE_HOLD_MS
    // Conditional on the time read, so of two callers reusing the same stale hold only one gets it.
    if (stale && (await updateWhere(deps.db.collection(BOOKING_HOLDS).where({ _id: id, createdAt: existing.createdAt }), { createdAt: now })) === 1) return id
  }
  return null
}

export async function releaseHold(deps: Deps, id: string | undefined): Promise<void> {
  if (id) await removeById(deps.db, BOOKING_HOLDS, id)
}

function creditCounter(openid: string, purpose: SubscriptionPurpose) {
  return { collection: SERVICE_SUBSCRIPTIONS, id: `${openid}:${purpose}`, field: 'credits', create: () => ({ openid, purpose }) }
}

export async function addCredits(deps: Deps, openid: string, purpose: SubscriptionPurpose): Promise<void> {
  await increment(deps.db, creditCounter(openid, purpose), 1, { updatedAt: deps.now() })
}

export async function creditsOf(deps: Deps, openid: string): Promise<Record<SubscriptionPurpose, number>> {
  const docs = await findMany<SubscriptionDoc>(deps.db.collection(SERVICE_SUBSCRIPTIONS).where({ openid }))
  const credits: Record<SubscriptionPurpose, number> = { reminder: 0, progress: 0 }
  for (const d of docs) credits[d.purpose] = d.credits
  return credits
}

/** Subscription messages allow 20 characters in a `thing` field and 5 in a `phrase`. */
function clip(s: string, max: number): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s
}

/**
 * Sends one subscription message if the resident holds a credit for it (each acceptance in the app
 * allows one message). Never throws: a reminder that cannot go out must not fail the action.
 */
export async function notify(
  deps: Deps,
  openid: string,
  purpose: SubscriptionPurpose,
  fields: { service: string; when: string; status: string; note: string },
  page: string,
): Promise<boolean> {
  const templateId = deps.config.templates[`service_${purpose}`]
  if (!templateId) return false
  try {
    if (!(await giveBack(deps.db, creditCounter(openid, purpose)))) return false
    const res = await deps.openapi.sendSubscribeMessage({
      touser: openid,
      templateId,
      page,
      data: {
        thing1: { value: clip(fields.service, 20) },
        time2: { value: fields.when },
        phrase3: { value: clip(fields.status, 5) },
        thing4: { value: clip(fields.note, 20) },
      },
    })
    if (res.errCode !== 0) deps.log('services.notify not delivered', { openid, purpose, errCode: res.errCode })
    return res.errCode === 0
  } catch (err) {
    deps.log('services.notify failed', { openid, purpose, error: err instanceof Error ? err.message : String(err) })
    return false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Moves through the lifecycles (the cron job marks no-shows with moveBooking too).

/**
 * Moves a stored record one step through its table, only if nobody moved it meanwhile (the update is
 * conditional on the status it was read with). Returns the record as now stored.
 */
export async function moveRecord<S extends string, D extends { _id: string; status: S; timeline: TimelineEvent[] }>(
  deps: Deps,
  collection: string,
  lc: Lifecycle<S>,
  doc: D,
  to: S,
  actor: { actor: Actor; by: string },
  note: string | undefined,
  extra: Record<string, unknown> = {},
): Promise<D> {
  const m = move(lc, doc.status, to, actor, deps.now(), note)
  if (!m.ok) fail(m.code, m.message, m.code === 'invalid_argument' ? 'note' : undefined)
  const _ = deps.db.command
  const updatedAt = deps.now()
  const changed = await updateWhere(deps.db.collection(collection).where({ _id: doc._id, status: doc.status }), {
    status: m.status,
    timeline: _.push({ each: [m.event] }),
    updatedAt,
    ...extra,
  })
  if (changed !== 1) fail('transition_not_allowed', MOVED)
  return { ...doc, ...extra, status: m.status, timeline: [...doc.timeline, m.event], updatedAt }
}

/** Moves a booking like moveRecord; one leaving the active states gives back its hold on the service. */
export async function moveBooking(deps: Deps, doc: BookingDoc, to: BookingDoc['status'], actor: { actor: Actor; by: string }, note: string | undefined): Promise<BookingDoc> {
  const moved = await moveRecord(deps, BOOKINGS, BOOKING_LIFECYCLE, doc, to, actor, note)
  if (!ACTIVE_BOOKING.includes(moved.status)) await releaseHold(deps, doc.hold)
  return moved
}
