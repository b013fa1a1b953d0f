import { type MatchCase, recommendTeam, recusal, type RosterEntry } from '@domain/mediation-matching'

function m(over: Partial<RosterEntry> & Pick<RosterEntry, 'id' | 'name' | 'kind' | 'role'>): RosterEntry {
  return { villageId: '', group: '', specialties: [], relatives: [], activeCases: 0, closedCases: 0, successfulCases: 0, active: true, ...over }
}

const roster: RosterEntry[] = [
  m({ id: 'hh-1', name: '马户长', kind: 'copper', role: 'household_head', villageId: 'pingchuan', group: '三社', specialties: ['neighbour'] }),
  m({ id: 'hh-2', name: '冯户长', kind: 'tin', role: 'household_head', villageId: 'pingchuan', group: '五社', specialties: ['neighbour'] }),
  m({ id: 'pm-1', name: '吴调解员', kind: 'silver', role: 'people_mediator', villageId: 'luwan', specialties: ['land'], closedCases: 40, successfulCases: 39 }),
  m({ id: 'pm-2', name: '郑调解员', kind: 'copper', role: 'people_mediator', villageId: 'pingchuan', specialties: ['family'], activeCases: 5 }),
  m({ id: 'po-1', name: '王警官', kind: 'iron', role: 'police' }),
  m({ id: 'ju-1', name: '钱法官', kind: 'gold', role: 'judge' }),
  m({ id: 'la-1', name: '孙律师', kind: 'gold', role: 'lawyer', specialties: ['debt', 'land'] }),
  m({ id: 'el-1', name: '何老支书', kind: 'tin', role: 'elder', villageId: 'pingchuan', relatives: ['张桂兰'] }),
  m({ id: 'off', name: '停用的人', kind: 'gold', role: 'police', active: false }),
]

const parties = [
  { name: '张桂兰', villageId: 'pingchuan', group: '三社' },
  { name: '李二牛', villageId: 'pingchuan', group: '四社' },
]
const base: MatchCase = { level: 1, kind: 'neighbour', villageId: 'pingchuan', risk: false, parties, objected: [] }

describe('回避', () => {
  test.each([
    ['hh-1', '与当事人张桂兰同村同社'],
    ['el-1', '与当事人张桂兰是亲属'],
    ['hh-2', null],
    ['po-1', null],
  ])('%s → %s', (id, reason) => expect(recusal(roster.find((r) => r.id === id) as RosterEntry, parties)).toBe(reason))
})

describe('recommending a team', () => {
  test('level 1: a 治安户长 on the spot, never one from a party’s own 社', () => {
    const r = recommendTeam(roster, base)
    expect(r.team.map((p) => p.mediatorId)[0]).toBe('hh-2')
    expect(r.team[0].reasons).toContain('一级需要治安户长')
    expect(r.excluded).toEqual(expect.arrayContaining([{ mediatorId: 'hh-1', name: '马户长', reason: '与当事人张桂兰同村同社' }]))
  })

  test('level 5: police, judge and lawyer; missing roles are named', () => {
    const r = recommendTeam(roster, { ...base, level: 5, kind: 'land' })
    expect(r.team.filter((p) => p.fills).map((p) => p.fills)).toEqual(['police', 'judge', 'lawyer'])
    expect(r.missing).toEqual([])
    const noJudge = recommendTeam(roster.filter((x) => x.role !== 'judge'), { ...base, level: 5, kind: 'land' })
    expect(noJudge.missing).toEqual(['judge'])
  })

  test('a land dispute at level 3 takes the land specialist with the good record', () => {
    const r = recommendTeam(roster, { ...base, level: 3, kind: 'land' })
    const pm = r.team.find((p) => p.fills === 'people_mediator')
    expect(pm?.mediatorId).toBe('pm-1')
    expect(pm?.reasons).toEqual(expect.arrayContaining(['擅长这类纠纷', '银舌善论，适合这类纠纷', '调成39件，成功率高']))
  })

  test('a party’s objection takes the mediator out and another fills the place', () => {
    const r = recommendTeam(roster, { ...base, objected: ['hh-2'] })
    expect(r.team.some((p) => p.mediatorId === 'hh-2')).toBe(false)
    expect(r.missing).toEqual(['household_head'])
    expect(r.excluded).toEqual(expect.arrayContaining([{ mediatorId: 'hh-2', name: '冯户长', reason: '当事人提出回避' }]))
  })

  test('with a risk flag an 铁舌 joins the team', () => {
    const r = recommendTeam(roster, { ...base, level: 2, risk: true })
    expect(r.team.map((p) => p.mediatorId)).toContain('po-1')
    expect(r.team.find((p) => p.mediatorId === 'po-1')?.reasons).toContain('铁舌善稳，有激化风险时稳住局面')
  })

  test('inactive people are never picked', () => {
    const r = recommendTeam(roster, { ...base, level: 3 })
    expect(r.team.some((p) => p.mediatorId === 'off')).toBe(false)
  })
})
