// Who may book, cancel or move which slot: horizon, cutoff, per-person limits and the no-show rule.
import type { ErrorCode } from '@contract/core'
import type { NoShowRule, ScheduleConfig } from './schedule'
import { monthDay, stationDay } from './station-time'
import { type DayBlock, type Slot, dayBlock } from './slots'

export interface Refusal {
  code: ErrorCode
  /** Plain Chinese: what happened and what to do. */
  message: string
  field?: string
}

const DAY_MS = 86_400_000

export function dayRefusal(block: DayBlock, config: ScheduleConfig, note?: string): Refusal {
  switch (block) {
    case 'past':
      return { code: 'invalid_argument', message: '这一天已经过去了，请选今天或以后的日子', field: 'day' }
    case 'beyond_horizon':
      return { code: 'invalid_argument', message: `只能预约${config.horizonDays}天以内的日子，请选近一点的日子`, field: 'day' }
    case 'closed':
      return { code: 'invalid_argument', message: `${note ? `${note}，` : ''}这一天派出所不办公，请换一天`, field: 'day' }
  }
}

/**
 * The last no-show-triggered block still running at `now`, if any: whenever `limit` no-shows fall within
 * `windowDays`, bookings are blocked for `blockDays` from the latest of them.
 */
export function noShowBlockedUntil(noShows: readonly Date[], now: Date, rule: NoShowRule): Date | null {
  const times = noShows.map((d) => d.getTime()).sort((a, b) => a - b)
  let until: number | null = null
  for (let i = rule.limit - 1; i < times.length; i++) {
    if (times[i] - times[i - rule.limit + 1] <= rule.windowDays * DAY_MS) {
      const end = times[i] + rule.blockDays * DAY_MS
      if (end > now.getTime() && (until === null || end > until)) until = end
    }
  }
  return until === null ? null : new Date(until)
}

/** A booking the person already holds, as far as the limits care. */
export interface HeldBooking {
  serviceId: string
  day: string
}

export interface BookingCheck {
  config: ScheduleConfig
  now: Date
  serviceId: string
  day: string
  /** The slot as computed for that day, or null when the key names no slot of the schedule. */
  slot: Slot | null
  /** The person's active (booked or checked-in) bookings, excluding the one being moved. */
  held: readonly HeldBooking[]
  /** Slot start times of the person's no-shows. */
  noShows: readonly Date[]
  dayNote?: string
}

/** Checks a new booking (or the target of a reschedule) before any seat is taken. Null means allowed. */
export function bookingRefusal(c: BookingCheck): Refusal | null {
  const blockedUntil = noShowBlockedUntil(c.noShows, c.now, c.config.noShow)
  if (blockedUntil) {
    return {
      code: 'blocked',
      message: `您${c.config.noShow.windowDays}天内有${c.config.noShow.limit}次预约没来，${monthDay(stationDay(blockedUntil))}以前不能网上预约。急事请打电话给派出所`,
    }
  }
  const block = dayBlock(c.config, c.day, c.now)
  if (block) return dayRefusal(block, c.config, c.dayNote)
  if (!c.slot) return { code: 'invalid_argument', message: '没有这个时段，请重新选择时段', field: 'slot' }
  if (c.slot.state === 'past') return { code: 'expired', message: '这个时段已经过去了，请选晚一点的时段', field: 'slot' }
  if (c.slot.state === 'cutoff') {
    return { code: 'expired', message: `离开始不到${cutoffText(c.config.cutoffMinutes)}，不能再约这个时段了，请选晚一点的时段`, field: 'slot' }
  }
  if (c.held.filter((h) => h.serviceId === c.serviceId).length >= c.config.maxActivePerService) {
    return { code: 'conflict', message: '这项业务您已经有一个预约了。要换时间，请在“我的办事”里改约' }
  }
  if (c.held.filter((h) => h.day === c.day).length >= c.config.maxPerDay) {
    return { code: 'conflict', message: `同一天最多预约${c.config.maxPerDay}次，请换一天` }
  }
  if (c.slot.state === 'full') return { code: 'slot_full', message: '这个时段已经约满了，请换一个时段' }
  return null
}

export function cutoffText(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60}小时`
  return `${minutes}分钟`
}

/** Cancelling or moving a booking is allowed until the cutoff before its start. */
export function changeRefusal(config: ScheduleConfig, slotStart: Date, now: Date, verb: '取消' | '改约'): Refusal | null {
  if (slotStart.getTime() - config.cutoffMinutes * 60_000 < now.getTime()) {
    return {
      code: 'expired',
      message: `离预约开始不到${cutoffText(config.cutoffMinutes)}，不能在网上${verb}了，请打电话给派出所`,
    }
  }
  return null
}

/** A booking is marked a no-show only once its time has begun. */
export function noShowRefusal(booking: { status: string; start: Date }, now: Date): Refusal | null {
  if (booking.status === 'booked' && booking.start.getTime() > now.getTime()) {
    return { code: 'transition_not_allowed', message: '预约时间还没到，现在不能记为未到场' }
  }
  return null
}

/** An officer checks a person in on the booking's own day, once. */
export function checkInRefusal(booking: { status: string; day: string; time: string; name: string }, now: Date): Refusal | null {
  if (booking.status === 'checked_in') return { code: 'conflict', message: `${booking.name}已经签到过了，不用再签` }
  if (booking.status === 'booked' && booking.day !== stationDay(now)) {
    return { code: 'invalid_argument', message: `这个预约是${monthDay(booking.day)} ${booking.time}的，不是今天的，请核对`, field: 'code' }
  }
  return null
}
