import { homeVisitRefusal, preferredDaysRefusal, travelConflict, travelConflictMessage, homeVisitWindow } from '@domain/home-visits'
import { DEFAULT_SCHEDULE } from '@domain/schedule'
import { stationInstant } from '@domain/station-time'

const at = (hhmm: string) => stationInstant('2025-06-11', hhmm)
const visits = [
  { id: 'a', start: at('09:00'), end: at('10:00') },
  { id: 'b', start: at('14:00'), end: at('15:00') },
]

describe('travel buffer between one officer’s home visits (30 minutes)', () => {
  test.each([
    ['10:30', '11:30', null],
    ['10:00', '11:00', 'a'],
    ['10:29', '11:00', 'a'],
    ['08:00', '08:30', null],
    ['08:00', '08:31', 'a'],
    ['12:00', '13:30', null],
    ['12:00', '13:31', 'b'],
    ['09:30', '09:45', 'a'],
    ['15:30', '16:00', null],
  ])('%s–%s conflicts with %s', (start, end, id) => {
    expect(travelConflict({ start: at(start), end: at(end) }, visits, 30)?.id ?? null).toBe(id)
  })

  test('no buffer means back-to-back is fine', () => {
    expect(travelConflict({ start: at('10:00'), end: at('11:00') }, visits, 0)).toBeNull()
  })
})

describe('who may ask for a home visit', () => {
  const rules = DEFAULT_SCHEDULE.homeVisit
  test.each<[string, Parameters<typeof homeVisitRefusal>[1], Parameters<typeof homeVisitRefusal>[2], number | undefined, string | null]>([
    ['an 80-year-old', ['elderly', 'disabled'], 'elderly', 80, null],
    ['exactly 70', ['elderly'], 'elderly', 70, null],
    ['69', ['elderly'], 'elderly', 69, '上门办理要年满70岁'],
    ['elderly without age', ['elderly'], 'elderly', undefined, '请填写老人的年龄'],
    ['disabled', ['elderly', 'disabled'], 'disabled', undefined, null],
    ['seriously ill where the service does not cover it', ['elderly', 'disabled'], 'seriously_ill', undefined, '这项业务只为70岁以上老人、残疾人上门办理'],
    ['a service with no home visits', [], 'disabled', undefined, '这项业务不能上门办理'],
  ])('%s', (_n, serviceBases, basis, age, text) => {
    const r = homeVisitRefusal(rules, serviceBases, basis, age)
    if (text === null) expect(r).toBeNull()
    else expect(r).toContain(text)
  })

  test('the station can switch a basis off for every service', () => {
    expect(homeVisitRefusal({ ...rules, bases: ['elderly'] }, ['elderly', 'disabled'], 'disabled')).toContain('只为70岁以上老人上门办理')
  })
})

describe('the days and the window of a home visit', () => {
  const now = stationInstant('2025-06-10', '09:10')
  test.each<[string, string[], string | null]>([
    ['today and later', ['2025-06-10', '2025-06-20'], null],
    ['the last day of the horizon', ['2025-07-10'], null],
    ['one day past the horizon', ['2025-07-11'], '只能选30天以内的日子'],
    ['yesterday', ['2025-06-09'], '6月9日已经过去了'],
    ['not a day', ['2025-02-30'], '希望上门的日子不对'],
  ])('preferred days: %s', (_n, days, text) => {
    const r = preferredDaysRefusal(days, now)
    if (text === null) expect(r).toBeNull()
    else expect(r).toEqual({ message: expect.stringContaining(text), field: 'preferredDays' })
  })

  test.each<[string, string, string, string, string | null]>([
    ['later today', '2025-06-10', '10:00', '11:00', null],
    ['already begun', '2025-06-10', '09:00', '10:00', 'start'],
    ['ends before it starts', '2025-06-11', '10:00', '10:00', 'end'],
    ['a past day', '2025-06-09', '10:00', '11:00', 'day'],
    ['not a day', '2025-13-01', '10:00', '11:00', 'day'],
  ])('window: %s', (_n, day, start, end, field) => {
    const w = homeVisitWindow(day, start, end, now)
    if (field === null) expect(w).toEqual({ ok: true, start: stationInstant(day, start), end: stationInstant(day, end) })
    else expect(w).toMatchObject({ ok: false, field })
  })

  test('a clash names the other visit and the travel time', () => {
    expect(travelConflictMessage({ id: 'v', start: at('14:00'), end: at('15:00') }, '平川村3组', 30)).toBe('这位民警14:00-15:00还有一次上门（平川村3组），前后要留30分钟路上时间，请换个时间')
  })
})
