// Every status machine has the one lifecycle shape (@domain/lifecycle): the shared helpers read each table, and
// each table's exact move set is pinned here or in its own test.
import { ALERT_TRANSITIONS } from '@domain/alerts'
import { BOOKING_LIFECYCLE, HOME_VISIT_LIFECYCLE, ERRAND_LIFECYCLE } from '@domain/service-lifecycles'
import { findMove, moveSet, movesFrom, type Move } from '@domain/lifecycle'
import { CASE_MOVES } from '@domain/mediation-lifecycle'
import { MOVES } from '@domain/reports-lifecycle'

const tables: Record<string, readonly Move<string, string, string>[]> = {
  reports: MOVES,
  bookings: BOOKING_LIFECYCLE.moves,
  errands: ERRAND_LIFECYCLE.moves,
  visits: HOME_VISIT_LIFECYCLE.moves,
  alerts: Object.values(ALERT_TRANSITIONS),
  mediation: CASE_MOVES,
}

it.each(Object.entries(tables))('%s: every move the set lists is found, by that actor only', (_name, moves) => {
  for (const entry of moveSet(moves)) {
    const [from, to, actor] = entry.split('>')
    expect(findMove(moves, from, to, actor)?.to).toBe(to)
    expect(movesFrom(moves, from, actor).some((m) => m.to === to)).toBe(true)
    expect(findMove(moves, from, to, 'nobody')).toBeNull()
  }
})

it('alerts: the exact move set', () => {
  expect(moveSet(Object.values(ALERT_TRANSITIONS))).toEqual([
    'active>active>officer',
    'active>cancelled>officer',
    'draft>active>officer',
    'draft>cancelled>officer',
    'draft>draft>officer',
    'expired>active>officer',
    'scheduled>active>officer',
    'scheduled>cancelled>officer',
  ])
})

it('errands: the exact move set, and the moves that need a reason', () => {
  expect(moveSet(ERRAND_LIFECYCLE.moves)).toEqual([
    'accepted>cancelled>officer',
    'accepted>cancelled>resident',
    'accepted>in_progress>officer',
    'accepted>rejected>officer',
    'in_progress>ready>officer',
    'in_progress>rejected>officer',
    'ready>completed>officer',
    'ready>completed>resident',
    'submitted>accepted>officer',
    'submitted>cancelled>officer',
    'submitted>cancelled>resident',
    'submitted>rejected>officer',
  ])
  expect(ERRAND_LIFECYCLE.moves.filter((m) => m.needsReason).map((m) => m.to)).toEqual(['rejected'])
})
