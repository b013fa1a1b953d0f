import { addMonths, addWorkingDays, caseClock, caseLimit, extensionRefusal, sessionDayRefusal, type ClockInput, followUpDays, isWorkingDay, sessionRefusal, termOverdue, workingDaysBetween, type WorkCalendar } from '@domain/mediation-clocks'

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

describe('the limits, as the moves enforce them (2026 元旦 off Jan 1–3, Jan 4 worked)', () => {
  const police: ClockInput = { track: 'police', acceptedDay: '2025-12-30', assessment: { needed: false, doneDay: null }, sessionDays: [], extendedTo: null }
  const people: ClockInput = { ...police, track: 'people' }

  test.each<[string, ClockInput, string, 'open' | 'paused' | 'expired', string | null]>([
    ['first session, in time', police, '2026-01-05', 'open', '2026-01-05'],
    ['first session, the holiday does not count', police, '2026-01-02', 'open', '2026-01-05'],
    ['first session, a day late', police, '2026-01-06', 'expired', '2026-01-05'],
    ['waiting for the 伤情鉴定, however long', { ...police, assessment: { needed: true, awaitingFrom: '2025-12-30', doneDay: null } }, '2026-03-01', 'paused', null],
    ['3 working days from the 鉴定 result', { ...police, assessment: { needed: true, awaitingFrom: '2025-12-30', doneDay: '2026-01-09' } }, '2026-01-14', 'open', '2026-01-14'],
    ['… and expired the day after', { ...police, assessment: { needed: true, awaitingFrom: '2025-12-30', doneDay: '2026-01-09' } }, '2026-01-15', 'expired', '2026-01-14'],
    ['second session within 7 working days of the first', { ...police, sessionDays: ['2025-12-31'] }, '2026-01-12', 'open', '2026-01-12'],
    ['second session too late', { ...police, sessionDays: ['2025-12-31'] }, '2026-01-13', 'expired', '2026-01-12'],
    ['two sessions held: the count is used up', { ...police, sessionDays: ['2025-12-31', '2026-01-05'] }, '2026-01-05', 'expired', null],
    ['人民调解 within its month', people, '2026-01-30', 'open', '2026-01-30'],
    ['人民调解 past its month', people, '2026-01-31', 'expired', '2026-01-30'],
    ['人民调解 extended with both consents', { ...people, extendedTo: '2026-02-20' }, '2026-02-10', 'open', '2026-02-20'],
  ])('%s', (_name, input, today, state, dueDay) => {
    const limit = caseLimit(input, today, cal)
    expect(limit).toMatchObject({ state, dueDay })
    if (state !== 'open') expect(limit.message).toMatch(/期限|两次|鉴定/)
  })

  test('after the limit the message says what is left to do', () => {
    expect(caseLimit(police, '2026-01-06', cal).message).toContain('只能按“调解不成”结案，或转交村调委会、司法所、人民法院')
    expect(caseLimit(people, '2026-02-01', cal).message).toContain('双方都同意继续调解的，请记下双方同意后延长')
  })

  test('a session must fall on or before the due day', () => {
    const open = caseLimit(police, '2025-12-31', cal)
    expect(sessionDayRefusal(open, '2026-01-05')).toBeNull()
    expect(sessionDayRefusal(open, '2026-01-06')).toBe('这次调解要在1月5日前进行（期限），请选1月5日或更早的日子')
    expect(sessionDayRefusal(caseLimit(police, '2026-01-06', cal), '2026-01-06')).toContain('期限1月5日已过')
  })

  test('an extension needs both consents and is only for 人民调解', () => {
    expect(extensionRefusal('people', { applicant: '电话同意', respondent: '当面同意' })).toBeNull()
    expect(extensionRefusal('people', { applicant: '电话同意', respondent: '  ' })).toMatchObject({ field: 'consents.respondent' })
    expect(extensionRefusal('people', { applicant: '', respondent: '当面同意' })).toMatchObject({ field: 'consents.applicant' })
    expect(extensionRefusal('police', { applicant: '同意', respondent: '同意' })).toMatchObject({ field: 'until', message: expect.stringContaining('不能延长') })
  })
})
