import { addMonths, addWorkingDays, caseClock, type ClockInput, followUpDays, isWorkingDay, sessionRefusal, termOverdue, workingDaysBetween, type WorkCalendar } from '@domain/mediation-clocks'

// 2026: 元旦 Jan 1 (Thu)–Jan 3 (Sat) off, Jan 4 (Sun) worked.
const cal: WorkCalendar = { holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: ['2026-01-04'] }

describe('working days with the station holidays', () => {
  test.each([
    ['2025-12-29', true], // Mon
    ['2026-01-01', false], // holiday
    ['2026-01-03', false], // Sat holiday
    ['2026-01-04', true], // Sunday worked (调休)
    ['2026-01-10', false], // Sat
  ])('%s working: %s', (day, working) => expect(isWorkingDay(day, cal)).toBe(working))

  test.each([
    ['2025-12-30', 3, '2026-01-05'], // Wed 31, (Jan 1–3 off), Sun 4, Mon 5
    ['2025-12-26', 1, '2025-12-29'], // Fri → Mon
    ['2025-12-22', 7, '2025-12-31'],
  ])('%s + %i working days = %s', (day, n, expected) => expect(addWorkingDays(day, n, cal)).toBe(expected))

  test('between counts working days both ways', () => {
    expect(workingDaysBetween('2025-12-30', '2026-01-05', cal)).toBe(3)
    expect(workingDaysBetween('2026-01-05', '2025-12-30', cal)).toBe(-3)
  })

  test('months clamp to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15')
  })
})

describe('case clocks', () => {
  const police: ClockInput = { track: 'police', acceptedDay: '2025-12-30', assessment: { needed: false, doneDay: null }, sessionDays: [], extendedTo: null }

  test('治安调解: first session within 3 working days of acceptance', () => {
    expect(caseClock(police, '2025-12-31', cal)).toMatchObject({ label: '第一次调解', dueDay: '2026-01-05', left: 2, unit: '工作日', overdue: false })
    expect(caseClock(police, '2026-01-06', cal)).toMatchObject({ overdue: true, left: -1 })
  })

  test('the clock pauses while the injury assessment is awaited, then runs from its result', () => {
    const waiting = { ...police, assessment: { needed: true, doneDay: null } }
    expect(caseClock(waiting, '2026-02-01', cal)).toMatchObject({ paused: true, dueDay: null, overdue: false })
    const done = { ...police, assessment: { needed: true, doneDay: '2026-01-12' } }
    expect(caseClock(done, '2026-01-12', cal)).toMatchObject({ dueDay: '2026-01-15', left: 3 })
  })

  test('the second session within 7 working days of the first; none after it', () => {
    expect(caseClock({ ...police, sessionDays: ['2025-12-31'] }, '2025-12-31', cal)).toMatchObject({ label: '第二次调解（最后一次）', dueDay: '2026-01-12' })
    expect(caseClock({ ...police, sessionDays: ['2025-12-31', '2026-01-06'] }, '2026-01-06', cal)).toBeNull()
  })

  test('人民调解: one month, or as long as both parties agreed', () => {
    const people: ClockInput = { ...police, track: 'people', acceptedDay: '2026-01-31' }
    expect(caseClock(people, '2026-02-20', cal)).toMatchObject({ dueDay: '2026-02-28', left: 8, unit: '天' })
    expect(caseClock({ ...people, extendedTo: '2026-03-31' }, '2026-03-01', cal)).toMatchObject({ label: '双方同意延长调解', dueDay: '2026-03-31', overdue: false })
  })

  test('no clock before acceptance', () => expect(caseClock({ ...police, acceptedDay: null }, '2026-01-01', cal)).toBeNull())
})

test('治安调解 allows two sessions, 人民调解 any number', () => {
  expect(sessionRefusal('police', 0, 1)).toBeNull()
  expect(sessionRefusal('police', 1, 0)).toBeNull()
  expect(sessionRefusal('police', 1, 1)).toMatch('最多调解两次')
  expect(sessionRefusal('police', 2, 0)).toMatch('最多调解两次')
  expect(sessionRefusal('people', 5, 1)).toBeNull()
})

test('follow-ups at 7, 30 and 90 days after confirmation (station days)', () => {
  // 2026-12-01 23:30 Shanghai is still Dec 1 there.
  expect(followUpDays(new Date('2026-12-01T15:30:00Z'))).toEqual([
    { round: 7, dueDay: '2026-12-08' },
    { round: 30, dueDay: '2026-12-31' },
    { round: 90, dueDay: '2027-03-01' },
  ])
})

test('a term is overdue the day after its due day, unless done', () => {
  expect(termOverdue({ dueDay: '2026-12-10', done: false }, '2026-12-10')).toBe(false)
  expect(termOverdue({ dueDay: '2026-12-10', done: false }, '2026-12-11')).toBe(true)
  expect(termOverdue({ dueDay: '2026-12-10', done: true }, '2026-12-11')).toBe(false)
})
