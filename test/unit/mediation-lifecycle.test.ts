import { CASE_MOVES, CASE_STATUS_VALUES, type CaseActor, isOpenCase, moveCase, movesFrom, OPEN_CASE_STATUSES } from '@domain/mediation-lifecycle'

const at = new Date('2026-12-01T02:00:00Z')

/** Every move name:from>to:actor the table allows, so the test pins the exact set. */
function allowed(): string[] {
  const out: string[] = []
  for (const m of CASE_MOVES)
    for (const from of CASE_STATUS_VALUES)
      for (const actor of ['party', 'officer', 'system'] as CaseActor[])
        if (moveCase(m.name, from, { actor, by: 'x', name: 'x' }, at, 'why').ok) out.push(`${m.name}:${from}>${m.to}:${actor}`)
  return out.sort()
}

test('the exact move set', () => {
  expect(allowed()).toEqual(
    [
      'file:screening>applied:officer',
      'clear:screening>cleared:officer',
      'accept:applied>accepted:officer',
      'route:screening>routed:officer', 'route:screening>routed:system',
      'route:applied>routed:officer', 'route:applied>routed:system',
      'route:accepted>routed:officer', 'route:accepted>routed:system',
      'route:mediating>routed:officer', 'route:mediating>routed:system',
      'start:accepted>mediating:officer', 'start:accepted>mediating:system',
      'draft_agreement:mediating>agreement_pending:officer',
      'revise_agreement:agreement_pending>mediating:officer',
      'confirm:agreement_pending>performing:party', 'confirm:agreement_pending>performing:officer',
      'fail:accepted>failed:officer', 'fail:mediating>failed:officer', 'fail:agreement_pending>failed:officer',
      'close:performing>resolved:officer',
      'reopen:performing>mediating:officer', 'reopen:resolved>mediating:officer',
      'withdraw:applied>withdrawn:party', 'withdraw:accepted>withdrawn:party',
    ].sort(),
  )
})

test('open statuses are exactly the working ones', () => {
  expect(OPEN_CASE_STATUSES).toEqual(['screening', 'applied', 'accepted', 'mediating', 'agreement_pending', 'performing'])
  expect(isOpenCase('resolved')).toBe(false)
  expect(isOpenCase('routed')).toBe(false)
})

test('a broken agreement reopens the same case, even after closing', () => {
  expect(moveCase('reopen', 'resolved', { actor: 'officer', by: 'o', name: '王警官' }, at, '90天回访发现没赔钱')).toMatchObject({ ok: true, event: { from: 'resolved', to: 'mediating', note: '90天回访发现没赔钱' } })
})

test('moves that need a reason refuse without one', () => {
  expect(moveCase('route', 'applied', { actor: 'officer', by: 'o', name: '王' }, at, '  ')).toEqual({ ok: false, code: 'invalid_argument', message: '请写明转交的原因' })
})

test('a refused move says what the case is now', () => {
  expect(moveCase('close', 'mediating', { actor: 'officer', by: 'o', name: '王' }, at)).toEqual({
    ok: false,
    code: 'transition_not_allowed',
    message: '这件调解现在是“调解中”，不能履行完毕，结案，请刷新后再看',
  })
})

test('a party may only withdraw or confirm', () => {
  const partyMoves = CASE_STATUS_VALUES.flatMap((s) => movesFrom(s, 'party').map((m) => m.name))
  expect([...new Set(partyMoves)].sort()).toEqual(['confirm', 'withdraw'])
})
