import {
  type Actor,
  BOOKING_LIFECYCLE,
  HOME_VISIT_LIFECYCLE,
  ERRAND_LIFECYCLE,
  type Lifecycle,
  actorOf,
  createdEvent,
  isOpen,
  move,
  nextStatuses,
  openStatuses,
} from '@domain/service-lifecycles'

const at = new Date('2025-06-10T02:00:00Z')
const officer = { actor: 'officer' as Actor, by: 'dev-officer' }
const resident = { actor: 'resident' as Actor, by: 'dev-resident-1' }

/** Every (from, to, actor) the table allows, as strings, so the test pins the exact set. */
function allowed<S extends string>(lc: Lifecycle<S>): string[] {
  const out: string[] = []
  const statuses = Object.keys(lc.statuses) as S[]
  for (const from of statuses)
    for (const to of statuses)
      for (const actor of ['resident', 'officer', 'system'] as Actor[])
        if (move(lc, from, to, { actor, by: 'x' }, at, 'reason').ok) out.push(`${from}>${to}:${actor}`)
  return out.sort()
}

describe('the exact transition sets', () => {
  test('bookings', () => {
    expect(allowed(BOOKING_LIFECYCLE)).toEqual(
      [
        'booked>cancelled:officer',
        'booked>cancelled:resident',
        'booked>checked_in:officer',
        'booked>no_show:officer',
        'booked>no_show:system',
        'checked_in>completed:officer',
      ].sort(),
    )
  })

  test('errands (代办)', () => {
    expect(allowed(ERRAND_LIFECYCLE)).toEqual(
      [
        'submitted>accepted:officer',
        'submitted>rejected:officer',
        'submitted>cancelled:resident',
        'submitted>cancelled:officer',
        'accepted>in_progress:officer',
        'accepted>rejected:officer',
        'accepted>cancelled:resident',
        'accepted>cancelled:officer',
        'in_progress>ready:officer',
        'in_progress>rejected:officer',
        'ready>completed:officer',
        'ready>completed:resident',
      ].sort(),
    )
  })

  test('home visits (上门)', () => {
    expect(allowed(HOME_VISIT_LIFECYCLE)).toEqual(
      [
        'requested>confirmed:officer',
        'requested>cancelled:resident',
        'requested>cancelled:officer',
        'confirmed>confirmed:officer',
        'confirmed>completed:officer',
        'confirmed>no_show:officer',
        'confirmed>cancelled:resident',
        'confirmed>cancelled:officer',
      ].sort(),
    )
  })
})

describe('moving a record', () => {
  test('an allowed move gives the new status and one timeline event', () => {
    expect(move(ERRAND_LIFECYCLE, 'submitted', 'accepted', officer, at, ' 材料齐全 ')).toEqual({
      ok: true,
      status: 'accepted',
      event: { at, from: 'submitted', to: 'accepted', actor: 'officer', by: 'dev-officer', note: '材料齐全' },
    })
  })

  test.each([
    [BOOKING_LIFECYCLE, 'completed', 'booked', officer, '现在是“已办结”，不能改成“已预约”'],
    [BOOKING_LIFECYCLE, 'booked', 'checked_in', resident, '现在是“已预约”，不能改成“已签到”'],
    [ERRAND_LIFECYCLE, 'in_progress', 'cancelled', resident, '现在是“办理中”，不能改成“已取消”'],
    [HOME_VISIT_LIFECYCLE, 'requested', 'completed', officer, '现在是“待安排”，不能改成“已办结”'],
  ] as const)('%#: an illegal move is transition_not_allowed', (lc, from, to, who, text) => {
    const r = move(lc as Lifecycle<string>, from, to, who, at)
    expect(r).toMatchObject({ ok: false, code: 'transition_not_allowed' })
    if (!r.ok) expect(r.message).toContain(text)
  })

  test('rejecting an errand needs a reason the resident will read', () => {
    expect(move(ERRAND_LIFECYCLE, 'submitted', 'rejected', officer, at)).toMatchObject({ ok: false, code: 'invalid_argument' })
    expect(move(ERRAND_LIFECYCLE, 'submitted', 'rejected', officer, at, '  ')).toMatchObject({ ok: false, code: 'invalid_argument' })
    expect(move(ERRAND_LIFECYCLE, 'submitted', 'rejected', officer, at, '户口本照片看不清')).toMatchObject({ ok: true, status: 'rejected' })
  })

  test('created events start the timeline at the initial status', () => {
    expect(createdEvent(HOME_VISIT_LIFECYCLE, resident, at)).toEqual({ at, from: null, to: 'requested', actor: 'resident', by: 'dev-resident-1' })
  })
})

describe('questions asked of the tables', () => {
  test('open statuses', () => {
    expect(openStatuses(BOOKING_LIFECYCLE)).toEqual(['booked', 'checked_in'])
    expect(openStatuses(ERRAND_LIFECYCLE)).toEqual(['submitted', 'accepted', 'in_progress', 'ready'])
    expect(openStatuses(HOME_VISIT_LIFECYCLE)).toEqual(['requested', 'confirmed'])
    expect(isOpen(BOOKING_LIFECYCLE, 'no_show')).toBe(false)
  })

  test('what an actor can do next', () => {
    expect(nextStatuses(BOOKING_LIFECYCLE, 'booked', 'resident')).toEqual(['cancelled'])
    expect(nextStatuses(ERRAND_LIFECYCLE, 'ready', 'resident')).toEqual(['completed'])
    expect(nextStatuses(HOME_VISIT_LIFECYCLE, 'completed', 'officer')).toEqual([])
  })

  test('admins act as officers', () => {
    expect(actorOf('admin')).toBe('officer')
    expect(actorOf('officer')).toBe('officer')
    expect(actorOf('resident')).toBe('resident')
  })
})
