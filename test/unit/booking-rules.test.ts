import { type BookingCheck, bookingRefusal, changeRefusal, checkInRefusal, noShowBlockedUntil, noShowRefusal } from '@domain/booking-rules'
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '@domain/schedule'
import { stationInstant } from '@domain/station-time'
import { daySlots, findSlot } from '@domain/slots'

const now = stationInstant('2025-06-10', '09:10')
const config: ScheduleConfig = { ...DEFAULT_SCHEDULE, capacity: 3, exceptions: [{ date: '2025-06-12', closed: true, note: '端午节休息' }] }
const day = (n: number) => new Date(now.getTime() - n * 86_400_000)

function check(over: Partial<BookingCheck> & { key?: string; taken?: number } = {}): ReturnType<typeof bookingRefusal> {
  const key = over.key ?? '2025-06-11T10:00'
  const d = key.slice(0, 10)
  const slot = findSlot({ config, day: d, now, afterHoursAllowed: true, taken: { [key]: over.taken ?? 0 } }, key)
  return bookingRefusal({ config, now, serviceId: 'hukou', day: d, slot, held: [], noShows: [], ...over })
}

describe('no-show rule: 2 no-shows within 30 days block booking for 30 days', () => {
  const rule = DEFAULT_SCHEDULE.noShow
  test.each<[string, Date[], Date | null]>([
    ['none', [], null],
    ['one', [day(3)], null],
    ['two within 30 days', [day(20), day(3)], new Date(day(3).getTime() + 30 * 86_400_000)],
    ['two 31 days apart', [day(40), day(9)], null],
    ['two, block already over', [day(70), day(45)], null],
    ['three, the latest pair counts', [day(50), day(29), day(2)], new Date(day(2).getTime() + 30 * 86_400_000)],
    ['unsorted input', [day(3), day(20)], new Date(day(3).getTime() + 30 * 86_400_000)],
  ])('%s', (_n, noShows, until) => {
    expect(noShowBlockedUntil(noShows, now, rule)).toEqual(until)
  })

  test('a blocked person is told until when and to phone', () => {
    const r = check({ noShows: [day(10), day(5)] })
    expect(r?.code).toBe('blocked')
    expect(r?.message).toContain('7月5日以前不能网上预约')
    expect(r?.message).toContain('打电话')
  })
})

describe('checking a booking', () => {
  test.each<[string, Partial<BookingCheck> & { key?: string; taken?: number }, string | null, string | undefined]>([
    ['a free slot tomorrow', {}, null, undefined],
    ['the last seat', { taken: 2 }, null, undefined],
    ['a full slot', { taken: 3 }, 'slot_full', undefined],
    ['yesterday', { key: '2025-06-09T10:00' }, 'invalid_argument', '这一天已经过去了'],
    ['beyond 7 days', { key: '2025-06-17T10:00' }, 'invalid_argument', '只能预约7天以内'],
    ['a holiday', { key: '2025-06-12T10:00', dayNote: '端午节休息' }, 'invalid_argument', '端午节休息，这一天派出所不办公'],
    ['a time not in the schedule', { key: '2025-06-11T10:10' }, 'invalid_argument', '没有这个时段'],
    ['a slot already started', { key: '2025-06-10T09:00' }, 'expired', '已经过去'],
    ['within the 1-hour cutoff', { key: '2025-06-10T10:00' }, 'expired', '不到1小时'],
    ['just after the cutoff', { key: '2025-06-10T10:30' }, null, undefined],
    ['a second active booking for the same service', { held: [{ serviceId: 'hukou', day: '2025-06-13' }] }, 'conflict', '已经有一个预约'],
    ['another service the same day', { held: [{ serviceId: 'idcard', day: '2025-06-11' }] }, null, undefined],
    [
      'a third booking on one day',
      { held: [{ serviceId: 'idcard', day: '2025-06-11' }, { serviceId: 'juzhu', day: '2025-06-11' }] },
      'conflict',
      '同一天最多预约2次',
    ],
  ])('%s', (_n, over, code, text) => {
    const r = check(over)
    expect(r?.code ?? null).toBe(code)
    if (text) expect(r?.message).toContain(text)
  })

  test('the day is checked before the slot: a closed day says closed, not "no such slot"', () => {
    const slot = daySlots({ config, day: '2025-06-12', now, afterHoursAllowed: true, taken: {} }).slots[0] ?? null
    expect(bookingRefusal({ config, now, serviceId: 'x', day: '2025-06-12', slot, held: [], noShows: [] })?.field).toBe('day')
  })
})

describe('cancel or reschedule until the cutoff', () => {
  test.each([
    ['10:30', null],
    ['10:10', null],
    ['10:00', 'expired'],
    ['09:00', 'expired'],
  ])('a 2025-06-10 %s booking at 09:10 → %s', (time, code) => {
    expect(changeRefusal(config, stationInstant('2025-06-10', time), now, '取消')?.code ?? null).toBe(code)
  })

  test('the message says to phone the station', () => {
    expect(changeRefusal(config, stationInstant('2025-06-10', '09:30'), now, '改约')?.message).toBe('离预约开始不到1小时，不能在网上改约了，请打电话给派出所')
  })
})

describe('no-shows and check-in', () => {
  test('a booking is a no-show only once it has begun', () => {
    expect(noShowRefusal({ status: 'booked', start: stationInstant('2025-06-10', '09:30') }, now)?.code).toBe('transition_not_allowed')
    expect(noShowRefusal({ status: 'booked', start: stationInstant('2025-06-10', '09:00') }, now)).toBeNull()
  })

  test('check-in happens once, on the booking day', () => {
    const b = { status: 'booked', day: '2025-06-10', time: '09:30', name: '王大爷' }
    expect(checkInRefusal(b, now)).toBeNull()
    expect(checkInRefusal({ ...b, status: 'checked_in' }, now)).toEqual({ code: 'conflict', message: '王大爷已经签到过了，不用再签' })
    expect(checkInRefusal({ ...b, day: '2025-06-11' }, now)).toEqual({ code: 'invalid_argument', message: '这个预约是6月11日 09:30的，不是今天的，请核对', field: 'code' })
  })
})
