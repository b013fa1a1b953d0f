// Turns stored records into the views the app shows: labels from the status tables, ISO dates, masked
// personal data for staff lists, and what the viewer may do next.
import { toIso } from '@contract/core'
import type { BookingView, HomeVisitView, ErrandView, SlotView, TimelineEntry } from '@contract/services'
import { changeRefusal } from '@domain/booking-rules'
import {
  type Actor,
  type Lifecycle,
  BOOKING_LIFECYCLE,
  HOME_VISIT_LIFECYCLE,
  ERRAND_LIFECYCLE,
  type TimelineEvent,
  nextStatuses,
  statusLabel,
} from '@domain/service-lifecycles'
import { maskPhone } from '@domain/privacy'
import { AFTER_HOURS, type ScheduleConfig } from '@domain/schedule'
import { stationTime } from '@domain/station-time'
import type { Slot } from '@domain/slots'
import type { BookingDoc, ErrandDoc, HomeVisitDoc } from './store'

export interface Viewer {
  actor: Actor
  /** Staff lists mask phone numbers; owners see their own. */
  mask: boolean
  now: Date
  schedule: ScheduleConfig
}

function timeline<S extends string>(lc: Lifecycle<S>, events: readonly TimelineEvent[]): TimelineEntry[] {
  return events.map((e) => ({
    at: toIso(e.at),
    from: e.from,
    to: e.to,
    label: statusLabel(lc, e.to as S),
    actor: e.actor,
    ...(e.note ? { note: e.note } : {}),
  }))
}

type RecordFields = Pick<BookingDoc, '_id' | 'serviceId' | 'serviceName' | 'name' | 'phone' | 'timeline' | 'createdAt'>

/** The fields every record view shares, labelled through the record's own lifecycle. */
function recordFields<S extends string>(lc: Lifecycle<S>, d: RecordFields & { status: S }, v: Viewer) {
  return {
    id: d._id,
    serviceId: d.serviceId,
    serviceName: d.serviceName,
    status: d.status,
    statusLabel: statusLabel(lc, d.status),
    statusType: lc.statuses[d.status].type,
    name: d.name,
    phone: v.mask ? maskPhone(d.phone) : d.phone,
    timeline: timeline(lc, d.timeline),
    createdAt: toIso(d.createdAt),
  }
}

export function slotView(s: Slot): SlotView {
  return {
    key: s.key,
    time: s.key.slice(11),
    endTime: stationTime(s.end),
    start: toIso(s.start),
    end: toIso(s.end),
    afterHours: s.afterHours,
    mark: s.afterHours ? AFTER_HOURS[s.afterHours].mark : null,
    capacity: s.capacity,
    seatsLeft: s.seatsLeft,
    state: s.state,
  }
}

export function bookingView(d: BookingDoc, v: Viewer): BookingView {
  const changeable = d.status === 'booked' && (v.actor !== 'resident' || changeRefusal(v.schedule, new Date(d.start), v.now, '取消') === null)
  const next = nextStatuses(BOOKING_LIFECYCLE, d.status, v.actor).filter((s) => s !== 'cancelled' || changeable)
  return {
    kind: 'booking',
    ...recordFields(BOOKING_LIFECYCLE, d, v),
    next,
    day: d.day,
    time: d.time,
    endTime: d.endTime,
    start: toIso(d.start),
    afterHours: d.afterHours,
    mark: d.afterHours ? AFTER_HOURS[d.afterHours].mark : null,
    code: d.code,
    canChange: changeable,
  }
}

export function errandView(d: ErrandDoc, v: Viewer, photoUrls: Record<string, string> = {}): ErrandView {
  return {
    kind: 'errand',
    ...recordFields(ERRAND_LIFECYCLE, d, v),
    next: nextStatuses(ERRAND_LIFECYCLE, d.status, v.actor),
    materials: d.materials,
    photos: d.photos,
    photoUrls: d.photos.map((id) => photoUrls[id]).filter((u): u is string => typeof u === 'string'),
    handover: d.handover,
    address: d.address,
    note: d.note,
    reason: d.reason,
  }
}

export function homeVisitView(d: HomeVisitDoc, v: Viewer): HomeVisitView {
  return {
    kind: 'home_visit',
    ...recordFields(HOME_VISIT_LIFECYCLE, d, v),
    // Confirming needs an officer and a time: that is `scheduleHomeVisit`, not a bare status move.
    next: nextStatuses(HOME_VISIT_LIFECYCLE, d.status, v.actor).filter((s) => s !== 'confirmed'),
    reason: d.reason,
    basis: d.basis,
    age: d.age,
    villageId: d.villageId,
    address: d.address,
    location: d.location,
    preferredDays: d.preferredDays,
    plan:
      d.officer && d.day && d.start && d.end
        ? {
            officer: d.officer,
            officerName: d.officerName,
            day: d.day,
            start: toIso(d.start),
            end: toIso(d.end),
            window: `${stationTime(new Date(d.start))}-${stationTime(new Date(d.end))}`,
          }
        : null,
  }
}
