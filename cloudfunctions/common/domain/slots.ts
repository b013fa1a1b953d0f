// Booking slots of one day, computed from the schedule, the seats already taken and `now`.
import { type AfterHoursKind, type ScheduleConfig, hoursFor } from './schedule'
import {
  addDays,
  daysBetween,
  hhmmOf,
  isDayString,
  minutesOf,
  stationDay,
  stationInstant,
} from './station-time'

export type SlotState = 'open' | 'full' | 'past' | 'cutoff'

export interface Slot {
  /** `YYYY-MM-DDTHH:mm` in station time: stable, readable and sortable. */
  key: string
  start: Date
  end: Date
  afterHours: AfterHoursKind | null
  capacity: number
  seatsLeft: number
  state: SlotState
}

/** Why a whole day cannot be booked. */
export type DayBlock = 'past' | 'beyond_horizon' | 'closed'

export interface DaySlots {
  day: string
  open: boolean
  note?: string
  block: DayBlock | null
  slots: Slot[]
}

const SLOT_KEY = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

export function slotKey(day: string, hhmm: string): string {
  return `${day}T${hhmm}`
}

export function parseSlotKey(key: string): { day: string; time: string } | null {
  const m = SLOT_KEY.exec(key)
  if (!m || !isDayString(m[1])) return null
  try {
    minutesOf(m[2])
  } catch {
    return null
  }
  return { day: m[1], time: m[2] }
}

/** The last bookable day: the horizon counts today as its first day. */
export function lastBookableDay(config: ScheduleConfig, now: Date): string {
  return addDays(stationDay(now), config.horizonDays - 1)
}

/** Whether a day can be booked at all (before looking at its slots). */
export function dayBlock(config: ScheduleConfig, day: string, now: Date): DayBlock | null {
  const ahead = daysBetween(stationDay(now), day)
  if (ahead < 0) return 'past'
  if (ahead > config.horizonDays - 1) return 'beyond_horizon'
  if (!hoursFor(config, day).open) return 'closed'
  return null
}

export interface SlotQuery {
  config: ScheduleConfig
  day: string
  now: Date
  /** Seats per slot for this service; defaults to the schedule's. */
  capacity?: number
  /** Services without after-hours service get no 错时/延时/周末 slots. */
  afterHoursAllowed: boolean
  /** Seats already taken, by slot key. */
  taken: Readonly<Record<string, number>>
}

/** Every slot of a day, each with its seats left and whether it can still be booked. */
export function daySlots(q: SlotQuery): DaySlots {
  const hours = hoursFor(q.config, q.day)
  const block = dayBlock(q.config, q.day, q.now)
  const capacity = q.capacity ?? q.config.capacity
  const slots: Slot[] = []
  const step = q.config.slotMinutes
  const windows = [...hours.windows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
  for (const w of windows) {
    if (w.afterHours && !q.afterHoursAllowed) continue
    const end = minutesOf(w.end)
    for (let t = minutesOf(w.start); t + step <= end; t += step) {
      const time = hhmmOf(t)
      const key = slotKey(q.day, time)
      const start = stationInstant(q.day, time)
      const taken = q.taken[key] ?? 0
      const seatsLeft = Math.max(0, capacity - taken)
      slots.push({
        key,
        start,
        end: new Date(start.getTime() + step * 60_000),
        afterHours: w.afterHours ?? null,
        capacity,
        seatsLeft,
        state: slotState(start, seatsLeft, q.now, q.config.cutoffMinutes),
      })
    }
  }
  return { day: q.day, open: hours.open, ...(hours.note ? { note: hours.note } : {}), block, slots }
}

function slotState(start: Date, seatsLeft: number, now: Date, cutoffMinutes: number): SlotState {
  if (start.getTime() <= now.getTime()) return 'past'
  if (start.getTime() - cutoffMinutes * 60_000 < now.getTime()) return 'cutoff'
  if (seatsLeft <= 0) return 'full'
  return 'open'
}

/** The slot a key names, if the schedule has it (and the service may use it). */
export function findSlot(q: SlotQuery, key: string): Slot | null {
  const parsed = parseSlotKey(key)
  if (!parsed || parsed.day !== q.day) return null
  return daySlots(q).slots.find((s) => s.key === key) ?? null
}

export interface DaySummary {
  day: string
  open: boolean
  note?: string
}

/** The days a resident can pick from: today through the horizon, closed days included and marked. */
export function bookableDays(config: ScheduleConfig, now: Date): DaySummary[] {
  const today = stationDay(now)
  const days: DaySummary[] = []
  for (let i = 0; i < config.horizonDays; i++) {
    const day = addDays(today, i)
    const hours = hoursFor(config, day)
    days.push({ day, open: hours.open, ...(hours.note ? { note: hours.note } : {}) })
  }
  return days
}
