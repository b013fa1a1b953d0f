// Alerts sent to a 社 (村民小组): which choices stand, who they reach (a confirmed household in the 社, never just the
// village on a profile), how they read on a card, and how the per-社 counters move with a household.
import {
  feedAudience,
  groupKey,
  readAccess,
  reachedVia,
  scopeLabel,
  summariseStats,
  targetGroups,
  targetOf,
  targetProblem,
  targetVillageIds,
  targetedVillageIds,
  targetsResident,
  unknownVillageIds,
  alertsForVillage,
  type AlertDoc,
  type Viewer,
} from '@domain/alerts'
import { residencyDelta, residentCountDocs } from '@domain/residents'

const VILLAGES = [
  { id: 'pingchuan', name: '平川村' },
  { id: 'luwan', name: '芦湾村' },
]
const SANSHE = groupKey('pingchuan', '三社')
const NOW = new Date('2025-06-10T06:00:00Z')

describe('choosing who gets it', () => {
  it.each([
    [{ villageIds: 'all' as const }, null],
    [{ villageIds: ['pingchuan'] }, null],
    [{ villageIds: [], groups: [{ villageId: 'pingchuan', group: '三社' }] }, null],
    [{ villageIds: [] }, '请至少选择一个村或一个社，或选“全部村”'],
    [{ villageIds: 'all' as const, groups: [{ villageId: 'pingchuan', group: '三社' }] }, '选了“全部村”就不用再选社了'],
    [{ villageIds: ['luwan'], groups: [{ villageId: 'pingchuan', group: '三社' }] }, '村和社只能选一种：要么选整个村，要么选村里的社'],
  ])('%j → %s', (choice, problem) => {
    expect(targetProblem(choice)).toBe(problem)
  })

  it('stores 社 as hh_groups keys and reads them back apart from villages', () => {
    const target = targetOf([], [{ villageId: 'pingchuan', group: '三社' }, { villageId: 'pingchuan', group: '三社' }, { villageId: 'pingchuan', group: '五社' }])
    expect(target).toEqual(['pingchuan|三社', 'pingchuan|五社'])
    expect(targetVillageIds(target)).toEqual([])
    expect(targetGroups(target)).toEqual([
      { villageId: 'pingchuan', group: '三社' },
      { villageId: 'pingchuan', group: '五社' },
    ])
    expect(targetVillageIds(['luwan'])).toEqual(['luwan'])
    expect(targetGroups('all')).toEqual([])
  })

  it('a 社 of an unknown village is refused by its village; known 社 keys are targeted places', () => {
    expect(unknownVillageIds(['nowhere|三社'], VILLAGES)).toEqual(['nowhere'])
    expect(unknownVillageIds([SANSHE], VILLAGES)).toEqual([])
    expect(targetedVillageIds([SANSHE, 'nowhere|一社'], VILLAGES)).toEqual([SANSHE])
  })
})

describe('who a 社 alert reaches', () => {
  const home = { villageId: 'pingchuan', householdGroup: SANSHE }
  const neighbour = { villageId: 'pingchuan', householdGroup: groupKey('pingchuan', '五社') }
  const claimant = { villageId: 'pingchuan' } // declared 我住这里, not yet confirmed: no household on the profile

  it.each([
    ['a confirmed member of the 社', home, SANSHE],
    ['a neighbour in another 社 of the same village', neighbour, null],
    ['a villager whose household is not confirmed', claimant, null],
    ['someone of another village', { villageId: 'luwan' }, null],
  ])('%s', (_who, w, via) => {
    expect(reachedVia([SANSHE], w)).toBe(via)
    expect(targetsResident({ target: [SANSHE] }, w)).toBe(via !== null)
  })

  it('village and 全部村 alerts still reach through the village on the profile', () => {
    expect(reachedVia(['pingchuan'], home)).toBe('pingchuan')
    expect(reachedVia('all', claimant)).toBe('pingchuan')
    expect(reachedVia('all', {})).toBeNull()
  })

  it('the feed asks for 全部村, the village and the household 社', () => {
    expect(feedAudience(home)).toEqual(['all', 'pingchuan', SANSHE])
    expect(feedAudience(claimant)).toEqual(['all', 'pingchuan'])
    expect(feedAudience({})).toEqual(['all'])
  })

  it('the feed filter and read access agree', () => {
    const doc = { _id: 'a1', status: 'active', target: [SANSHE], effectiveAt: new Date('2025-06-01'), expiresAt: new Date('2025-07-01'), pinned: false, severity: 'minor', publishedAt: new Date('2025-06-01') } as unknown as AlertDoc
    expect(alertsForVillage([doc], 'pingchuan', NOW, SANSHE)).toHaveLength(1)
    expect(alertsForVillage([doc], 'pingchuan', NOW, null)).toHaveLength(0)
    const viewer = (w: Partial<Viewer>): Viewer => ({ role: 'resident', villageId: 'pingchuan', ...w })
    expect(readAccess(doc, viewer({ householdGroup: SANSHE }), NOW, 'feed')).toBe('full')
    expect(readAccess(doc, viewer({}), NOW, 'feed')).toBe('denied')
    // A share link still opens it (as for a village alert outside the reader's village).
    expect(readAccess(doc, viewer({}), NOW, 'share')).toBe('full')
  })
})

describe('how it reads', () => {
  it('names the 社 with its village', () => {
    expect(scopeLabel([SANSHE], VILLAGES)).toBe('平川村三社')
    expect(scopeLabel([SANSHE, groupKey('pingchuan', '五社')], VILLAGES)).toBe('平川村三社、五社')
    expect(scopeLabel(['pingchuan|一社', 'pingchuan|二社', 'pingchuan|三社', 'pingchuan|四社'], VILLAGES)).toBe('平川村一社、二社、三社等4个社')
    expect(scopeLabel(['pingchuan'], VILLAGES)).toBe('平川村')
  })

  it('stats are per 社, named 平川村三社', () => {
    const s = summariseStats(VILLAGES, [SANSHE], { [SANSHE]: 12 }, { read: 3, acked: 1, byVillage: { [SANSHE]: { read: 3, acked: 1 } } })
    expect(s).toMatchObject({ reach: 12, read: 3, acked: 1, readRate: 25, byVillage: [{ villageId: SANSHE, name: '平川村三社', reach: 12, read: 3, acked: 1 }] })
  })
})

describe('the per-社 counters', () => {
  it('a confirmed household counts in its 社 as well as the village; moving out or becoming staff leaves it', () => {
    const resident = { role: 'resident', villageId: 'pingchuan' }
    expect(residencyDelta(resident, { ...resident, householdGroup: SANSHE })).toEqual({ [SANSHE]: 1 })
    expect(residencyDelta({ ...resident, householdGroup: SANSHE }, { ...resident, householdGroup: 'pingchuan|五社' })).toEqual({ [SANSHE]: -1, 'pingchuan|五社': 1 })
    expect(residencyDelta({ ...resident, householdGroup: SANSHE }, { ...resident, householdGroup: '' })).toEqual({ [SANSHE]: -1 })
    expect(residencyDelta({ ...resident, householdGroup: SANSHE }, { ...resident, role: 'officer', householdGroup: SANSHE })).toEqual({ pingchuan: -1, [SANSHE]: -1 })
    expect(residencyDelta({ ...resident, householdGroup: SANSHE }, { ...resident, villageId: 'luwan', householdGroup: SANSHE })).toEqual({ pingchuan: -1, luwan: 1 })
  })

  it('seeded users give both kinds of counter document', () => {
    expect(
      residentCountDocs([
        { role: 'resident', villageId: 'pingchuan', householdGroup: SANSHE },
        { role: 'resident', villageId: 'pingchuan' },
        { role: 'officer', villageId: '', householdGroup: SANSHE },
      ]),
    ).toEqual([
      { _id: 'pingchuan', residents: 2 },
      { _id: SANSHE, residents: 1 },
    ])
  })
})
