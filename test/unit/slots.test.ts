import { DEFAULT_SCHEDULE, type ScheduleConfig } from '@domain/schedule'
import { stationInstant } from '@domain/station-time'
import { bookableDays, dayBlock, daySlots, findSlot, lastBookableDay, parseSlotKey } from '@domain/slots'

// Tuesday 2025-06-10, 09:10 at the station.
const now = stationInstant('2025-06-10', '09:10')
const config: ScheduleConfig = {
  ...DEFAULT_SCHEDULE,
  capacity: 3,
  exceptions: [
    { date: '2025-06-12', closed: true, note: '端午节休息' },
    { date: '2025-06-13', closed: false, windows: [{ start: '09:00', end: '10:00' }, { start: '18:00', end: '19:00', afterHours: 'evening' }], note: '只开半天' },
  ],
}

function times(day: string, afterHoursAllowed = true, taken: Record<string, number> = {}) {
  return daySlots({ config, day, now, afterHoursAllowed, taken }).slots
}

describe('slots of a day', () => {
  test('a weekday runs 08:30–20:00 in 30-minute slots: 23 slots, 5 noon 错时 and 4 evening 延时', () => {
    const slots = times('2025-06-11')
    expect(slots).toHaveLength(23)
    expect(slots[0].key).toBe('2025-06-11T08:30')
    expect(slots[0].start.toISOString()).toBe('2025-06-11T00:30:00.000Z')
    expect(slots[0].end.toISOString()).toBe('2025-06-11T01:00:00.000Z')
    expect(slots.filter((s) => s.afterHours === 'noon').map((s) => s.key.slice(11))).toEqual(['12:00', '12:30', '13:00', '13:30', '14:00'])
    expect(slots.filter((s) => s.afterHours === 'evening').map((s) => s.key.slice(11))).toEqual(['18:00', '18:30', '19:00', '19:30'])
    expect(slots.at(-1)?.key).toBe('2025-06-11T19:30')
  })

  test('a service without after-hours service gets office hours only', () => {
    const slots = times('2025-06-11', false)
    expect(slots).toHaveLength(14)
    expect(slots.every((s) => s.afterHours === null)).toBe(true)
  })

  test('Saturday morning slots are marked weekend; without after-hours service Saturday is empty', () => {
    expect(times('2025-06-14').map((s) => [s.key.slice(11), s.afterHours])).toEqual([
      ['09:00', 'weekend'],
      ['09:30', 'weekend'],
      ['10:00', 'weekend'],
      ['10:30', 'weekend'],
      ['11:00', 'weekend'],
      ['11:30', 'weekend'],
    ])
    expect(times('2025-06-14', false)).toEqual([])
  })

  test('a slot that does not fit the window is not offered', () => {
    const c = { ...config, slotMinutes: 45, weekly: config.weekly.map(() => [{ start: '09:00', end: '10:00' }]) }
    expect(daySlots({ config: c, day: '2025-06-11', now, afterHoursAllowed: true, taken: {} }).slots.map((s) => s.key)).toEqual(['2025-06-11T09:00'])
  })

  test('holidays and Sundays are closed with no slots; special hours replace the week', () => {
    const holiday = daySlots({ config, day: '2025-06-12', now, afterHoursAllowed: true, taken: {} })
    expect(holiday).toMatchObject({ open: false, note: '端午节休息', block: 'closed', slots: [] })
    expect(daySlots({ config, day: '2025-06-15', now, afterHoursAllowed: true, taken: {} }).block).toBe('closed')
    expect(times('2025-06-13').map((s) => `${s.key.slice(11)}${s.afterHours ? '*' : ''}`)).toEqual(['09:00', '09:30', '18:00*', '18:30*'])
  })

  test.each([
    // key, taken, expected state, seats left
    ['2025-06-10T09:00', 0, 'past', 3],
    ['2025-06-10T09:30', 0, 'cutoff', 3],
    ['2025-06-10T10:00', 0, 'cutoff', 3],
    ['2025-06-10T10:30', 0, 'open', 3],
    ['2025-06-10T10:30', 2, 'open', 1],
    ['2025-06-10T10:30', 3, 'full', 0],
    ['2025-06-10T10:30', 7, 'full', 0],
  ])('today %s with %d taken is %s with %d seats left', (key, taken, state, seatsLeft) => {
    const slot = times('2025-06-10', true, { [key]: taken }).find((s) => s.key === key)
    expect(slot).toMatchObject({ state, seatsLeft })
  })

  test('the service can set its own capacity', () => {
    const slots = daySlots({ config, day: '2025-06-11', now, capacity: 5, afterHoursAllowed: true, taken: { '2025-06-11T08:30': 1 } }).slots
    expect(slots[0]).toMatchObject({ capacity: 5, seatsLeft: 4 })
  })

  test('findSlot answers only keys of the schedule on that day', () => {
    const q = { config, day: '2025-06-11', now, afterHoursAllowed: false, taken: {} }
    expect(findSlot(q, '2025-06-11T09:00')?.key).toBe('2025-06-11T09:00')
    expect(findSlot(q, '2025-06-11T09:10')).toBeNull()
    expect(findSlot(q, '2025-06-11T12:00')).toBeNull() // after-hours, not offered for this service
    expect(findSlot(q, '2025-06-12T09:00')).toBeNull()
    expect(findSlot(q, 'nonsense')).toBeNull()
  })
})

describe('which days can be booked', () => {
  test.each([
    ['2025-06-09', 'past'],
    ['2025-06-10', null],
    ['2025-06-12', 'closed'],
    ['2025-06-15', 'closed'],
    ['2025-06-16', null],
    ['2025-06-17', 'beyond_horizon'],
  ])('%s → %s', (day, block) => expect(dayBlock(config, day, now)).toBe(block))

  test('the horizon of 7 days counts today', () => {
    expect(lastBookableDay(config, now)).toBe('2025-06-16')
    const late = stationInstant('2025-06-10', '23:59')
    expect(lastBookableDay(config, late)).toBe('2025-06-16')
    expect(lastBookableDay(config, stationInstant('2025-06-11', '00:00'))).toBe('2025-06-17')
  })

  test('bookableDays lists the horizon with closed days marked', () => {
    expect(bookableDays(config, now)).toEqual([
      { day: '2025-06-10', open: true },
      { day: '2025-06-11', open: true },
      { day: '2025-06-12', open: false, note: '端午节休息' },
      { day: '2025-06-13', open: true, note: '只开半天' },
      { day: '2025-06-14', open: true },
      { day: '2025-06-15', open: false },
      { day: '2025-06-16', open: true },
    ])
  })

  test.each([
    ['2025-06-10T09:00', { day: '2025-06-10', time: '09:00' }],
    ['2025-06-10T25:00', null],
    ['2025-02-30T09:00', null],
    ['2025-06-10 09:00', null],
  ])('parseSlotKey(%s)', (key, parsed) => expect(parseSlotKey(key)).toEqual(parsed))
})
