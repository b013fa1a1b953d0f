// The `services` function's actions: catalog and schedule, bookings on a shared seat counter, errands and
// home visits through their transition tables, the officer console and reminder credits (回访 lives in `followups`).
import { randomInt } from 'node:crypto'
import type { AgendaDay, HomeVisitView, ErrandView, MaterialItem, ServiceInfo } from '@contract/services'
import { checkInCode, codeFromScan, codeProblem } from '@domain/booking-codes'
import { homeVisitRefusal, preferredDaysRefusal, travelConflict, travelConflictMessage, homeVisitWindow } from '@domain/home-visits'
import {
  type Actor,
  BOOKING_LIFECYCLE,
  HOME_VISIT_LIFECYCLE,
  ERRAND_LIFECYCLE,
  type TimelineEvent,
  actorOf,
  createdEvent,
  isStatus,
  move,
  openStatuses,
} from '@domain/service-lifecycles'
import { type HeldBooking, bookingRefusal, changeRefusal, checkInRefusal, noShowRefusal } from '@domain/booking-rules'
import { hoursFor, scheduleProblem } from '@domain/schedule'
import { addDays, isDayString, monthDay, stationDay, stationTime } from '@domain/station-time'
import { type Slot, bookableDays, daySlots, findSlot, parseSlotKey } from '@domain/slots'
import { createOnce, newId, recordOf, txGiveBack, txMoveBounded, txTakeBounded } from '@server/atomic'
import { findById, findMany, insert, isTxConflict, transaction, txFindById, updateById, type Tx } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { type CallerContext, type Deps, type UserDoc, fail } from '@server/types'
import { assertOwnUploads } from '@server/uploads'
import { openSurvey } from '@server/followups'
import {
  type BookingDoc,
  type ConfigDoc,
  type ErrandDoc,
  SCHEDULE_ID,
  type ServiceDoc,
  type HomeVisitDoc,
  addCredits,
  creditsOf,
  loadSchedule,
  ACTIVE_BOOKING,
  MOVED,
  loadService,
  moveBooking,
  moveRecord,
  notify,
  releaseHold,
  seatCounter,
  seatsTaken,
  takeHold,
} from './store'
import { type Viewer, bookingView, errandView, slotView, homeVisitView } from './views'
import { BOOKINGS, HH_ADDRESSES, HOME_VISITS, ERRANDS, SERVICE_CATALOG, SERVICE_CONFIG, STATION, STATION_ID, USERS } from '@server/collections'

const NOT_FOUND = '没有找到这条办事记录，请回到“我的办事”刷新后再看'
const MINE_PAGE = 'packages/booking/mine/index'
/** As bookingRefusal says it when the person's bookings, as read, already reach the limit. */
const ONE_PER_SERVICE = '这项业务您已经有一个预约了。要换时间，请在“我的办事”里改约'

type Kind = 'booking' | 'errand' | 'home_visit'
type RecordDoc = BookingDoc | ErrandDoc | HomeVisitDoc


function who(ctx: CallerContext): { actor: Actor; by: string } {
  return ctx.system ? { actor: 'system', by: 'cron' } : { actor: actorOf(ctx.role), by: ctx.openid }
}

function viewer(deps: Deps, ctx: CallerContext, schedule: Viewer['schedule'], owner?: string): Viewer {
  return { actor: who(ctx).actor, mask: ctx.role !== 'resident' && owner !== ctx.openid, now: deps.now(), schedule }
}

/** A record the caller may see: their own, or any for staff. Another resident's record is simply not found. */
async function visible<T extends RecordDoc>(deps: Deps, ctx: CallerContext, collection: string, id: string): Promise<T> {
  const doc = await findById<T>(deps.db, collection, id)
  if (!doc || (ctx.role === 'resident' && doc.openid !== ctx.openid)) fail('not_found', NOT_FOUND)
  return doc
}

async function personBookings(deps: Deps, openid: string): Promise<BookingDoc[]> {
  const _ = deps.db.command
  return findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ openid, status: _.in([...ACTIVE_BOOKING, 'no_show']) }).limit(1000))
}

function held(bookings: readonly BookingDoc[], except?: string): HeldBooking[] {
  return bookings.filter((b) => b._id !== except && ACTIVE_BOOKING.includes(b.status)).map((b) => ({ serviceId: b.serviceId, day: b.day }))
}

function noShows(bookings: readonly BookingDoc[]): Date[] {
  return bookings.filter((b) => b.status === 'no_show').map((b) => new Date(b.start))
}

async function slotOf(deps: Deps, service: ServiceDoc, schedule: Viewer['schedule'], key: string, now: Date): Promise<{ day: string; slot: Slot | null }> {
  const parsed = parseSlotKey(key)
  if (!parsed) fail('invalid_argument', '没有这个时段，请重新选择时段', 'slot')
  const taken = await seatsTaken(deps, service._id, parsed.day)
  const q = { config: schedule, day: parsed.day, now, afterHoursAllowed: service.afterHours, taken, ...(service.capacity ? { capacity: service.capacity } : {}) }
  return { day: parsed.day, slot: findSlot(q, key) }
}

const SLOT_FULL = '这个时段刚刚被约满了，请换一个时段'
/** A transaction that kept meeting others on the same booking or seat (rare): the person simply tries again. */
const BUSY = '刚才有人同时在办理这个预约，请刷新后再试'

/**
 * Checks the booking rules for the slot a person asked for; fails with the reason when it cannot be booked.
 * `mine` are that person's bookings; `except` is the booking being moved (it holds no claim on the day).
 */
async function checkSlot(
  deps: Deps,
  service: ServiceDoc,
  schedule: Viewer['schedule'],
  key: string,
  now: Date,
  mine: readonly BookingDoc[],
  except?: string,
): Promise<{ day: string; slot: Slot }> {
  const { day, slot } = await slotOf(deps, service, schedule, key, now)
  const dayNote = hoursFor(schedule, day).note
  const refusal = bookingRefusal({
    config: schedule,
    now,
    serviceId: service._id,
    day,
    slot,
    held: held(mine, except),
    noShows: noShows(mine),
    ...(dayNote ? { dayNote } : {}),
  })
  if (refusal || !slot) fail(refusal?.code ?? 'invalid_argument', refusal?.message ?? '没有这个时段，请重新选择时段', refusal?.field)
  return { day, slot }
}

/** Runs a booking transaction; one that kept conflicting answers `conflict` rather than an internal error. */
async function bookingTransaction<R>(deps: Deps, run: (t: Tx) => Promise<R>): Promise<R> {
  try {
    return await transaction(deps.db, run)
  } catch (err) {
    if (isTxConflict(err)) fail('conflict', BUSY)
    throw err
  }
}

async function uniqueCode(deps: Deps): Promise<string> {
  const _ = deps.db.command
  for (let i = 0; i < 8; i++) {
    const code = checkInCode(() => randomInt(0, 1_000_000_000) / 1_000_000_000)
    const clash = await findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ code, status: _.in(ACTIVE_BOOKING) }).limit(1))
    if (clash.length === 0) return code
  }
  throw new Error('could not find a free check-in code')
}

/**
 * Cancels a booking and gives back the seat it holds at that moment, in one transaction with the booking's own
 * update: a reschedule running at the same time either moved it first (then the seat given back is the new one) or
 * meets this transaction and runs again, so the seat counters always equal the active bookings.
 */
async function cancelBooking(deps: Deps, ctx: CallerContext, doc: BookingDoc, schedule: Viewer['schedule'], note: string | undefined): Promise<BookingDoc> {
  const actor = who(ctx)
  if (doc.status === 'booked' && actor.actor === 'resident') {
    const refusal = changeRefusal(schedule, new Date(doc.start), deps.now(), '取消')
    if (refusal) fail(refusal.code, refusal.message)
  }
  const m = move(BOOKING_LIFECYCLE, doc.status, 'cancelled', actor, deps.now(), note)
  if (!m.ok) fail(m.code, m.message, m.code === 'invalid_argument' ? 'note' : undefined)
  const _ = deps.db.command
  const updatedAt = deps.now()
  const moved = await bookingTransaction(deps, async (t) => {
    const current = await txFindById<BookingDoc>(t, BOOKINGS, doc._id)
    if (!current || current.status !== doc.status) fail('transition_not_allowed', MOVED)
    await t.collection(BOOKINGS).doc(doc._id).update({ data: { status: m.status, timeline: _.push({ each: [m.event] }), updatedAt } })
    await txGiveBack(t, seatCounter(current.serviceId, current.slotKey))
    return { ...current, status: m.status, timeline: [...current.timeline, m.event], updatedAt }
  })
  await releaseHold(deps, moved.hold)
  return moved
}

async function checkInBooking(deps: Deps, ctx: CallerContext, doc: BookingDoc): Promise<BookingDoc> {
  const refusal = checkInRefusal(doc, deps.now())
  if (refusal) fail(refusal.code, refusal.message, refusal.field)
  return moveBooking(deps, doc, 'checked_in', who(ctx), undefined)
}

/**
 * A served booking, a done errand or home visit opens its 回访 survey; the "how did it go" message (a progress credit
 * the resident accepted) replaces the plain step message.
 */
async function openServiceSurvey(deps: Deps, kind: Kind, doc: BookingDoc | ErrandDoc | HomeVisitDoc): Promise<void> {
  const villageId = 'villageId' in doc && doc.villageId ? doc.villageId : ((await findById<UserDoc>(deps.db, USERS, doc.openid))?.villageId ?? '')
  await openSurvey(deps, { kind, recordId: doc._id, stage: 'done', owner: doc.openid, anonymous: false, villageId, title: doc.serviceName }, (owner, page) =>
    notify(deps, owner, 'progress', { service: doc.serviceName, when: stationDay(deps.now()), status: '已办结', note: '办得怎么样？请点开评价' }, page),
  )
}

async function notifyStep(deps: Deps, doc: ErrandDoc | HomeVisitDoc, label: string, note: string): Promise<void> {
  await notify(deps, doc.openid, 'progress', { service: doc.serviceName, when: stationDay(deps.now()), status: label, note }, MINE_PAGE)
}

async function photoUrlsOf(deps: Deps, errands: readonly ErrandDoc[]): Promise<Record<string, string>> {
  const ids = errands.flatMap((e) => e.photos)
  if (ids.length === 0) return {}
  try {
    return await deps.storage.tempUrls(ids)
  } catch (err) {
    deps.log('services.photoUrls failed', { error: err instanceof Error ? err.message : String(err) })
    return {}
  }
}

function stripMaterial(m: MaterialItem): MaterialItem {
  return { id: m.id, name: m.name, required: m.required, ...(m.note ? { note: m.note } : {}) }
}

function toServiceInfo(d: ServiceDoc): ServiceInfo {
  return {
    id: d._id,
    name: d.name,
    summary: d.summary ?? '',
    kinds: d.kinds,
    materials: (d.materials ?? []).map(stripMaterial),
    durationMinutes: d.durationMinutes,
    afterHours: d.afterHours,
    homeVisitFor: d.homeVisitFor ?? [],
    ...(d.capacity ? { capacity: d.capacity } : {}),
    active: d.active,
    order: d.order,
  }
}

export const handlers: FunctionHandlers<'services'> = {
  async 'services.catalog'(deps, ctx) {
    const all = ctx.role !== 'resident'
    const query = all ? deps.db.collection(SERVICE_CATALOG).orderBy('order', 'asc') : deps.db.collection(SERVICE_CATALOG).where({ active: true }).orderBy('order', 'asc')
    const docs = await findMany<ServiceDoc>(query.limit(100))
    const templates: Record<string, string> = {}
    for (const purpose of ['reminder', 'progress'] as const) {
      const id = deps.config.templates[`service_${purpose}`]
      if (id) templates[purpose] = id
    }
    return { services: docs.map(toServiceInfo), templates }
  },

  async 'services.saveService'(deps, _ctx, p) {
    const _ = deps.db.command
    const materials = p.materials.map(stripMaterial)
    const ids = new Set(materials.map((m) => m.id))
    if (ids.size !== materials.length) fail('invalid_argument', '材料编号有重复，请改一下', 'materials')
    const info: ServiceInfo = {
      id: p.id,
      name: p.name,
      summary: p.summary,
      kinds: [...new Set(p.kinds)],
      materials,
      durationMinutes: p.durationMinutes,
      afterHours: p.afterHours,
      homeVisitFor: [...new Set(p.homeVisitFor)],
      ...(p.capacity ? { capacity: p.capacity } : {}),
      active: p.active,
      order: p.order,
    }
    const now = deps.now()
    const existing = await findById<ServiceDoc>(deps.db, SERVICE_CATALOG, p.id)
    if (existing) {
      await updateById(deps.db, SERVICE_CATALOG, p.id, {
        ...info,
        kinds: _.set(info.kinds),
        materials: _.set(info.materials),
        homeVisitFor: _.set(info.homeVisitFor),
        capacity: info.capacity ?? _.remove(),
        updatedAt: now,
      })
    } else {
      await insert<ServiceDoc>(deps.db, SERVICE_CATALOG, { _id: p.id, ...info, updatedAt: now })
    }
    return info
  },

  async 'services.schedule'(deps) {
    const schedule = await loadSchedule(deps)
    return { schedule, days: bookableDays(schedule, deps.now()) }
  },

  async 'services.saveSchedule'(deps, ctx, p) {
    const schedule = {
      ...p,
      weekly: p.weekly.map((day) => day.map((w) => ({ start: w.start, end: w.end, ...(w.afterHours ? { afterHours: w.afterHours } : {}) }))),
      exceptions: [...p.exceptions]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((e) => ({
          date: e.date,
          closed: e.closed,
          note: e.note,
          ...(!e.closed && e.windows ? { windows: e.windows.map((w) => ({ start: w.start, end: w.end, ...(w.afterHours ? { afterHours: w.afterHours } : {}) })) } : {}),
        })),
    }
    const problem = scheduleProblem(schedule)
    if (problem) fail('invalid_argument', problem)
    const _ = deps.db.command
    const now = deps.now()
    const changed = await updateById(deps.db, SERVICE_CONFIG, SCHEDULE_ID, { schedule: _.set(schedule), updatedBy: ctx.openid, updatedAt: now })
    if (changed === 0 && !(await findById<ConfigDoc>(deps.db, SERVICE_CONFIG, SCHEDULE_ID))) {
      await insert<ConfigDoc>(deps.db, SERVICE_CONFIG, { _id: SCHEDULE_ID, schedule, updatedBy: ctx.openid, updatedAt: now })
    }
    return { schedule, days: bookableDays(schedule, now) }
  },

  async 'services.slots'(deps, _ctx, p) {
    if (!isDayString(p.day)) fail('invalid_argument', '日期不对，请重新选择日子', 'day')
    const [service, schedule] = await Promise.all([loadService(deps, p.serviceId, 'booking'), loadSchedule(deps)])
    const taken = await seatsTaken(deps, service._id, p.day)
    const day = daySlots({
      config: schedule,
      day: p.day,
      now: deps.now(),
      afterHoursAllowed: service.afterHours,
      taken,
      ...(service.capacity ? { capacity: service.capacity } : {}),
    })
    // Days outside the horizon show no slots: nothing there can be booked.
    const slots = day.block === 'past' || day.block === 'beyond_horizon' ? [] : day.slots
    return { serviceId: service._id, day: p.day, open: day.open, ...(day.note ? { note: day.note } : {}), block: day.block, slots: slots.map(slotView) }
  },

  async 'services.book'(deps, ctx, p) {
    // A retry of a request whose first call stored the booking (and died before answering) gets that booking.
    const earlier = await recordOf(deps.db, ctx.requestKey, BOOKINGS)
    if (earlier) return bookingView(await visible<BookingDoc>(deps, ctx, BOOKINGS, earlier), viewer(deps, ctx, await loadSchedule(deps), ctx.openid))
    const now = deps.now()
    const [service, schedule, mine] = await Promise.all([loadService(deps, p.serviceId, 'booking'), loadSchedule(deps), personBookings(deps, ctx.openid)])
    const { day, slot } = await checkSlot(deps, service, schedule, p.slot, now, mine)
    // The rules above read the person's bookings with a query; the hold makes the per-service limit hold
    // when several bookings of one person race (each passed the query before any was stored).
    const named = new Set(mine.filter((b) => ACTIVE_BOOKING.includes(b.status) && b.hold).map((b) => b.hold ?? ''))
    const hold = await takeHold(deps, ctx.openid, service._id, schedule.maxActivePerService, named)
    if (!hold) fail('conflict', ONE_PER_SERVICE)
    try {
      // A slot already full answers at once, without a transaction that could only find it full.
      if (((await seatsTaken(deps, service._id, day))[slot.key] ?? 0) >= slot.capacity) fail('slot_full', SLOT_FULL)
      const code = await uniqueCode(deps)
      const time = stationTime(slot.start)
      const data: Omit<BookingDoc, '_id'> = {
        openid: ctx.openid,
        serviceId: service._id,
        serviceName: service.name,
        name: p.name,
        phone: p.phone,
        villageId: ctx.user?.villageId ?? '',
        status: 'booked',
        slotKey: slot.key,
        day,
        time,
        endTime: stationTime(slot.end),
        start: slot.start,
        end: slot.end,
        afterHours: slot.afterHours,
        code,
        reminded: false,
        hold,
        timeline: [createdEvent(BOOKING_LIFECYCLE, who(ctx), now, `预约${monthDay(day)} ${time}`)],
        rating: null,
        createdAt: now,
        createdKey: now.toISOString(),
        updatedAt: now,
      }
      // The seat is taken in the same transaction that stores the booking: a crash leaves both or neither, so the
      // seat counters always equal the active bookings.
      const seat = { ...seatCounter(service._id, slot.key, day), max: slot.capacity }
      const stored = await createOnce(deps.db, {
        requestKey: ctx.requestKey,
        collection: BOOKINGS,
        doc: { _id: newId(), ...data },
        now,
        attempts: 24,
        charge: async (t) => {
          if (!(await txTakeBounded(t, seat))) fail('slot_full', SLOT_FULL)
        },
      })
      if (!stored.created) {
        // A duplicate of this request stored its booking first: this call's hold goes back.
        await releaseHold(deps, hold)
        return bookingView(await visible<BookingDoc>(deps, ctx, BOOKINGS, stored.id), viewer(deps, ctx, schedule, ctx.openid))
      }
      return bookingView({ ...data, _id: stored.id }, viewer(deps, ctx, schedule, ctx.openid))
    } catch (err) {
      await releaseHold(deps, hold)
      if (isTxConflict(err)) fail('conflict', BUSY)
      throw err
    }
  },

  async 'services.cancel'(deps, ctx, p) {
    const [doc, schedule] = await Promise.all([visible<BookingDoc>(deps, ctx, BOOKINGS, p.id), loadSchedule(deps)])
    const moved = await cancelBooking(deps, ctx, doc, schedule, p.note)
    return bookingView(moved, viewer(deps, ctx, schedule, doc.openid))
  },

  async 'services.reschedule'(deps, ctx, p) {
    const now = deps.now()
    const doc = await visible<BookingDoc>(deps, ctx, BOOKINGS, p.id)
    if (doc.status !== 'booked') fail('transition_not_allowed', '这个预约已经签到或结束了，不能改约')
    const schedule = await loadSchedule(deps)
    if (ctx.role === 'resident') {
      const refusal = changeRefusal(schedule, new Date(doc.start), now, '改约')
      if (refusal) fail(refusal.code, refusal.message)
    }
    if (p.slot === doc.slotKey) fail('invalid_argument', '这就是您现在约的时段，请选另一个时段', 'slot')
    const [service, mine] = await Promise.all([loadService(deps, doc.serviceId, 'booking'), personBookings(deps, doc.openid)])
    const { day, slot } = await checkSlot(deps, service, schedule, p.slot, now, mine, doc._id)
    const _ = deps.db.command
    const time = stationTime(slot.start)
    const event: TimelineEvent = { at: now, from: 'booked', to: 'booked', ...who(ctx), note: `改约到${monthDay(day)} ${time}` }
    const fields = { slotKey: slot.key, day, time, endTime: stationTime(slot.end), start: slot.start, end: slot.end, afterHours: slot.afterHours, reminded: false, updatedAt: now }
    // The seat moves and the booking moves in one transaction, and only if the booking is still booked in the slot
    // it was read in: a cancel at the same time cannot give back the seat this one no longer holds.
    const moved = await bookingTransaction(deps, async (t) => {
      const current = await txFindById<BookingDoc>(t, BOOKINGS, doc._id)
      if (!current || current.status !== 'booked' || current.slotKey !== doc.slotKey) fail('transition_not_allowed', MOVED)
      const to = { ...seatCounter(service._id, slot.key, day), max: slot.capacity }
      if (!(await txMoveBounded(t, seatCounter(current.serviceId, current.slotKey), to))) fail('slot_full', SLOT_FULL)
      await t.collection(BOOKINGS).doc(doc._id).update({ data: { ...fields, timeline: _.push({ each: [event] }) } })
      return { ...current, ...fields, timeline: [...current.timeline, event] }
    })
    return bookingView(moved, viewer(deps, ctx, schedule, doc.openid))
  },

  async 'services.mine'(deps, ctx) {
    const [schedule, bookings, errands, visits] = await Promise.all([
      loadSchedule(deps),
      findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ openid: ctx.openid }).orderBy('createdKey', 'desc').limit(100)),
      findMany<ErrandDoc>(deps.db.collection(ERRANDS).where({ openid: ctx.openid }).orderBy('createdKey', 'desc').limit(100)),
      findMany<HomeVisitDoc>(deps.db.collection(HOME_VISITS).where({ openid: ctx.openid }).orderBy('createdKey', 'desc').limit(100)),
    ])
    const v = viewer(deps, ctx, schedule, ctx.openid)
    const urls = await photoUrlsOf(deps, errands)
    const items = [
      ...bookings.map((d) => ({ key: d.createdKey, item: bookingView(d, v) })),
      ...errands.map((d) => ({ key: d.createdKey, item: errandView(d, v, urls) })),
      ...visits.map((d) => ({ key: d.createdKey, item: homeVisitView(d, v) })),
    ]
    // Open records first (what the resident still has to do), newest first within each group.
    items.sort((a, b) => Number(b.item.statusType === 'open') - Number(a.item.statusType === 'open') || b.key.localeCompare(a.key))
    return { items: items.map((x) => x.item) }
  },

  async 'services.checkInQr'(deps, ctx, p) {
    const doc = await visible<BookingDoc>(deps, ctx, BOOKINGS, p.id)
    if (doc.status !== 'booked') fail('transition_not_allowed', '这个预约已经签到或结束了，不需要签到码了')
    const png = await deps.openapi.getUnlimitedQr({ scene: `checkin=${doc.code}`, page: 'packages/officer-services/checkin/index', width: 280 })
    return { code: doc.code, image: `data:image/png;base64,${png.toString('base64')}` }
  },

  async 'services.requestErrand'(deps, ctx, p) {
    const now = deps.now()
    const [service, schedule] = await Promise.all([loadService(deps, p.serviceId, 'errand'), loadSchedule(deps)])
    const earlier = await recordOf(deps.db, ctx.requestKey, ERRANDS)
    if (earlier) {
      const doc = await visible<ErrandDoc>(deps, ctx, ERRANDS, earlier)
      return errandView(doc, viewer(deps, ctx, schedule, ctx.openid), await photoUrlsOf(deps, [doc]))
    }
    const ticked = new Set(p.materials)
    const missing = service.materials.filter((m) => m.required && !ticked.has(m.id))
    if (missing.length > 0) fail('invalid_argument', `还缺：${missing.map((m) => m.name).join('、')}。请准备好、勾选后再提交`, 'materials')
    if (p.handover === 'delivery' && !p.address) fail('invalid_argument', '送到家的话，请填写详细地址', 'address')
    // Only the caller's own uploads: staff and the owner later get download URLs for every photo of the errand.
    const photos = await assertOwnUploads(deps, ctx, p.photos, 'photos')
    const _ = deps.db.command
    const open = await findMany<ErrandDoc>(
      deps.db.collection(ERRANDS).where({ openid: ctx.openid, serviceId: service._id, status: _.in(openStatuses(ERRAND_LIFECYCLE)) }).limit(1),
    )
    if (open.length > 0) fail('conflict', `“${service.name}”您已经有一件代办在办理中，请在“我的办事”里查看`)
    const data: Omit<ErrandDoc, '_id'> = {
      openid: ctx.openid,
      serviceId: service._id,
      serviceName: service.name,
      name: p.name,
      phone: p.phone,
      villageId: ctx.user?.villageId ?? '',
      status: 'submitted',
      materials: service.materials.map((m) => ({ id: m.id, name: m.name, checked: ticked.has(m.id) })),
      photos,
      handover: p.handover,
      address: p.address,
      note: p.note ?? '',
      reason: '',
      timeline: [createdEvent(ERRAND_LIFECYCLE, who(ctx), now)],
      rating: null,
      createdAt: now,
      createdKey: now.toISOString(),
      updatedAt: now,
    }
    const stored = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: ERRANDS, doc: { _id: newId(), ...data }, now })
    const doc = stored.created ? { ...data, _id: stored.id } : await visible<ErrandDoc>(deps, ctx, ERRANDS, stored.id)
    return errandView(doc, viewer(deps, ctx, schedule, ctx.openid), await photoUrlsOf(deps, [doc]))
  },

  async 'services.requestHomeVisit'(deps, ctx, p) {
    const now = deps.now()
    const [service, schedule] = await Promise.all([loadService(deps, p.serviceId, 'home_visit'), loadSchedule(deps)])
    const earlier = await recordOf(deps.db, ctx.requestKey, HOME_VISITS)
    if (earlier) return homeVisitView(await visible<HomeVisitDoc>(deps, ctx, HOME_VISITS, earlier), viewer(deps, ctx, schedule, ctx.openid))
    const refusal = homeVisitRefusal(schedule.homeVisit, service.homeVisitFor, p.basis, p.age)
    if (refusal) fail('invalid_argument', refusal, p.basis === 'elderly' && service.homeVisitFor.includes('elderly') ? 'age' : 'basis')
    if (!p.address && !p.location) fail('invalid_argument', '请填写详细地址，或在地图上选一下您家的位置', 'address')
    const days = [...new Set(p.preferredDays)].sort()
    const dayRefusal = preferredDaysRefusal(days, now)
    if (dayRefusal) fail('invalid_argument', dayRefusal.message, dayRefusal.field)
    const station = await findById<{ _id: string; villages?: { id: string; name: string }[] }>(deps.db, STATION, STATION_ID)
    if (station?.villages && !station.villages.some((v) => v.id === p.villageId)) fail('invalid_argument', '请从列表里选择您所在的村', 'villageId')
    if (p.addressId && !(await findById(deps.db, HH_ADDRESSES, p.addressId))) fail('invalid_argument', '没有找到这个门牌地址，请重新扫码或手写住址', 'addressId')
    const _ = deps.db.command
    const open = await findMany<HomeVisitDoc>(
      deps.db.collection(HOME_VISITS).where({ openid: ctx.openid, serviceId: service._id, status: _.in(openStatuses(HOME_VISIT_LIFECYCLE)) }).limit(1),
    )
    if (open.length > 0) fail('conflict', `“${service.name}”您已经申请过上门了，请在“我的办事”里查看`)
    const data: Omit<HomeVisitDoc, '_id'> = {
      openid: ctx.openid,
      serviceId: service._id,
      serviceName: service.name,
      name: p.name,
      phone: p.phone,
      status: 'requested',
      reason: p.reason,
      basis: p.basis,
      age: p.age ?? null,
      villageId: p.villageId,
      address: p.address,
      ...(p.addressId ? { addressId: p.addressId } : {}),
      location: p.location ?? null,
      preferredDays: days,
      officer: null,
      officerName: '',
      day: null,
      start: null,
      end: null,
      reminded: false,
      timeline: [createdEvent(HOME_VISIT_LIFECYCLE, who(ctx), now)],
      rating: null,
      createdAt: now,
      createdKey: now.toISOString(),
      updatedAt: now,
    }
    const stored = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HOME_VISITS, doc: { _id: newId(), ...data }, now })
    const doc = stored.created ? { ...data, _id: stored.id } : await visible<HomeVisitDoc>(deps, ctx, HOME_VISITS, stored.id)
    return homeVisitView(doc, viewer(deps, ctx, schedule, ctx.openid))
  },

  async 'services.agenda'(deps, ctx, p) {
    const now = deps.now()
    const _ = deps.db.command
    const first = p.day ?? stationDay(now)
    if (!isDayString(first)) fail('invalid_argument', '日期不对，请重新选择', 'day')
    const days = [first, addDays(first, 1)]
    const schedule = await loadSchedule(deps)
    const v = viewer(deps, ctx, schedule)
    const shown: BookingDoc['status'][] = ['booked', 'checked_in', 'completed', 'no_show']
    const agendaDays: AgendaDay[] = await Promise.all(
      days.map(async (day) => {
        const [bookings, visits] = await Promise.all([
          findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ day, status: _.in(shown) }).orderBy('time', 'asc').limit(1000)),
          findMany<HomeVisitDoc>(deps.db.collection(HOME_VISITS).where({ day }).limit(200)),
        ])
        visits.sort((a, b) => new Date(a.start ?? 0).getTime() - new Date(b.start ?? 0).getTime())
        return { day, bookings: bookings.map((b) => bookingView(b, v)), homeVisits: visits.filter((x) => x.status !== 'cancelled').map((x) => homeVisitView(x, v)) }
      }),
    )
    const [errands, requests] = await Promise.all([
      findMany<ErrandDoc>(deps.db.collection(ERRANDS).where({ status: _.in(openStatuses(ERRAND_LIFECYCLE)) }).orderBy('createdKey', 'asc').limit(100)),
      findMany<HomeVisitDoc>(deps.db.collection(HOME_VISITS).where({ status: 'requested' }).orderBy('createdKey', 'asc').limit(100)),
    ])
    const urls = await photoUrlsOf(deps, errands)
    const errandViews: ErrandView[] = errands.map((e) => errandView(e, v, urls))
    const requestViews: HomeVisitView[] = requests.map((r) => homeVisitView(r, v))
    await deps.audit({
      actor: ctx.openid,
      action: 'services.agenda',
      target: first,
      detail: { bookings: agendaDays.reduce((n, d) => n + d.bookings.length, 0), errands: errands.length, requests: requests.length },
    })
    return { days: agendaDays, errands: errandViews, requests: requestViews }
  },

  async 'services.checkIn'(deps, ctx, p) {
    const code = codeFromScan(p.code)
    if (!code) {
      const scanned = /(?:^|[?&])(?:checkin|scene)=/.test(p.code)
      fail('invalid_argument', scanned ? '这个码读不出签到码。请让村民打开“我的办事”里的签到码，再扫一次或输入' : codeProblem(p.code), 'code')
    }
    const _ = deps.db.command
    const found = await findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ code, status: _.in(ACTIVE_BOOKING) }).limit(1))
    if (found.length === 0) fail('not_found', '没有找到这个签到码的预约，请核对，或在今天的预约里找')
    const moved = await checkInBooking(deps, ctx, found[0])
    return bookingView(moved, viewer(deps, ctx, await loadSchedule(deps), moved.openid))
  },

  async 'services.transition'(deps, ctx, p) {
    const actor = who(ctx)
    const schedule = await loadSchedule(deps)
    const badStatus = (): never => fail('invalid_argument', '要改成的状态不对，请刷新后再试', 'to')
    if (p.kind === 'booking') {
      const doc = await visible<BookingDoc>(deps, ctx, BOOKINGS, p.id)
      if (!isStatus(BOOKING_LIFECYCLE, p.to)) return badStatus()
      let moved: BookingDoc
      if (p.to === 'cancelled') moved = await cancelBooking(deps, ctx, doc, schedule, p.note)
      else if (p.to === 'checked_in' && actor.actor === 'officer') moved = await checkInBooking(deps, ctx, doc)
      else {
        const refusal = p.to === 'no_show' ? noShowRefusal({ status: doc.status, start: new Date(doc.start) }, deps.now()) : null
        if (refusal) fail(refusal.code, refusal.message)
        moved = await moveBooking(deps, doc, p.to, actor, p.note)
      }
      if (BOOKING_LIFECYCLE.statuses[moved.status].type === 'done') await openServiceSurvey(deps, 'booking', moved)
      return bookingView(moved, viewer(deps, ctx, schedule, doc.openid))
    }
    if (p.kind === 'errand') {
      const doc = await visible<ErrandDoc>(deps, ctx, ERRANDS, p.id)
      if (!isStatus(ERRAND_LIFECYCLE, p.to)) return badStatus()
      const moved = await moveRecord(deps, ERRANDS, ERRAND_LIFECYCLE, doc, p.to, actor, p.note, p.to === 'rejected' ? { reason: p.note ?? '' } : {})
      if (ERRAND_LIFECYCLE.statuses[moved.status].type === 'done') await openServiceSurvey(deps, 'errand', moved)
      else if (actor.actor !== 'resident') await notifyStep(deps, moved, ERRAND_LIFECYCLE.statuses[moved.status].label, p.note ?? '请在“我的办事”里查看')
      return errandView(moved, viewer(deps, ctx, schedule, doc.openid), await photoUrlsOf(deps, [moved]))
    }
    const doc = await visible<HomeVisitDoc>(deps, ctx, HOME_VISITS, p.id)
    if (!isStatus(HOME_VISIT_LIFECYCLE, p.to)) return badStatus()
    if (p.to === 'confirmed') fail('invalid_argument', '安排上门请用“安排上门”，选好民警和时间', 'to')
    const moved = await moveRecord(deps, HOME_VISITS, HOME_VISIT_LIFECYCLE, doc, p.to, actor, p.note)
    if (HOME_VISIT_LIFECYCLE.statuses[moved.status].type === 'done') await openServiceSurvey(deps, 'home_visit', moved)
    else if (actor.actor !== 'resident') await notifyStep(deps, moved, HOME_VISIT_LIFECYCLE.statuses[moved.status].label, p.note ?? '请在“我的办事”里查看')
    return homeVisitView(moved, viewer(deps, ctx, schedule, doc.openid))
  },

  async 'services.scheduleHomeVisit'(deps, ctx, p) {
    const now = deps.now()
    const doc = await findById<HomeVisitDoc>(deps.db, HOME_VISITS, p.id)
    if (!doc) fail('not_found', NOT_FOUND)
    const officerId = p.officer ?? ctx.openid
    let officerName = ctx.user?.name ?? ''
    if (officerId !== ctx.openid) {
      const officer = await findById<UserDoc>(deps.db, USERS, officerId)
      if (!officer || officer.role === 'resident') fail('invalid_argument', '请选择一位民警', 'officer')
      officerName = officer.name
    }
    const window = homeVisitWindow(p.day, p.start, p.end, now)
    if (!window.ok) fail('invalid_argument', window.message, window.field)
    const { start, end } = window
    const schedule = await loadSchedule(deps)
    const others = await findMany<HomeVisitDoc>(deps.db.collection(HOME_VISITS).where({ day: p.day, officer: officerId, status: 'confirmed' }).limit(200))
    const clash = travelConflict(
      { start, end },
      others.filter((o) => o._id !== doc._id && o.start && o.end).map((o) => ({ id: o._id, start: new Date(o.start ?? 0), end: new Date(o.end ?? 0) })),
      schedule.homeVisit.bufferMinutes,
    )
    if (clash) {
      const other = others.find((o) => o._id === clash.id)
      fail('conflict', travelConflictMessage(clash, other ? other.address || other.villageId : null, schedule.homeVisit.bufferMinutes))
    }
    const note = p.note ?? `安排在${monthDay(p.day)} ${p.start}-${p.end}上门`
    const moved = await moveRecord(deps, HOME_VISITS, HOME_VISIT_LIFECYCLE, doc, 'confirmed', who(ctx), note, {
      officer: officerId,
      officerName: officerName || '民警',
      day: p.day,
      start,
      end,
      reminded: false,
    })
    await notifyStep(deps, moved, '已安排', `${monthDay(p.day)} ${p.start}-${p.end}上门`)
    return homeVisitView(moved, viewer(deps, ctx, schedule, doc.openid))
  },

  async 'services.subscribe'(deps, ctx, p) {
    for (const purpose of new Set(p.accepted)) await addCredits(deps, ctx.openid, purpose)
    return { credits: await creditsOf(deps, ctx.openid) }
  },
}

/** Exposed for the cron jobs, which move records as the system. */
