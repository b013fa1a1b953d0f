import { type CaseFacts, escalationRisk, gradeCase, intakeRisk, isMinorParty, legalityGate, levelForPoints, overrideGrade, routeChoices } from '@domain/mediation'

const calm: CaseFacts = { violation: false, exclusions: [], injury: 'none', amount: 0, people: 2, priorClashes: 0, threats: false, weapons: false, difficulty: 'easy' }

describe('the legality gate', () => {
  test.each([
    [{ violation: true, exclusions: [] }, { ok: true, track: 'police' }],
    [{ violation: false, exclusions: [] }, { ok: true, track: 'people' }],
    [{ violation: true, exclusions: ['gang_fight'] }, { ok: false, route: 'administrative_case' }],
    [{ violation: true, exclusions: ['hired_harm'] }, { ok: false, route: 'administrative_case' }],
    [{ violation: true, exclusions: ['refused'] }, { ok: false, route: 'court' }],
    [{ violation: true, exclusions: ['refused', 'crime_suspected'] }, { ok: false, route: 'criminal_case' }],
    [{ violation: true, exclusions: ['refused', 'repeat_offender'] }, { ok: false, route: 'administrative_case' }],
  ] as const)('%j → %j', (facts, expected) => {
    expect(legalityGate(facts)).toMatchObject(expected)
  })

  test('an excluded case names every reason with its legal basis', () => {
    const d = legalityGate({ violation: true, exclusions: ['provocation', 'fled'] })
    expect(d).toEqual({ ok: false, route: 'administrative_case', reasons: ['寻衅滋事（《治安调解工作规范》第四条）', '违法嫌疑人逃跑（《公安机关办理行政案件程序规定》）'] })
  })
})

describe('grading into five levels', () => {
  test.each([
    [0, 1], [1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [6, 4], [7, 4], [8, 5], [15, 5],
  ])('%i points → level %i', (points, level) => expect(levelForPoints(points)).toBe(level))

  test.each<[string, Parameters<typeof gradeCase>[0], Partial<CaseFacts>, number]>([
    ['浇水顺序，两家人第一次吵', 'neighbour', {}, 1],
    ['宅基地界线，吵过两次', 'land', { priorClashes: 2, difficulty: 'normal' }, 3],
    ['农资赊账3千元', 'farm_supply', { amount: 3000 }, 2],
    ['打伤要鉴定，扬言报复，难调', 'damages', { violation: true, injury: 'assessment', threats: true, difficulty: 'hard', amount: 25_000 }, 5],
  ])('%s', (_label, kind, over, level) => {
    expect(gradeCase(kind, { ...calm, ...over }).level).toBe(level)
  })

  test('says why, axis by axis', () => {
    const g = gradeCase('land', { ...calm, amount: 5000, difficulty: 'hard' })
    expect(g.reasons).toEqual([
      { axis: '纠纷特点', text: '土地宅基地', points: 2 },
      { axis: '事发因素', text: '涉及金额5000元（2千元以上）', points: 1 },
      { axis: '难易程度', text: '调解难度大', points: 2 },
    ])
    expect(g.points).toBe(5)
  })

  test('an officer overrides only with a reason', () => {
    const g = gradeCase('neighbour', calm)
    expect(overrideGrade(g, 3, '')).toEqual({ ok: false, message: '建议定为一级，改成三级请写明理由' })
    expect(overrideGrade(g, 3, '两家是老矛盾')).toEqual({ ok: true, level: 3, overridden: true })
    expect(overrideGrade(g, undefined, undefined)).toEqual({ ok: true, level: 1, overridden: false })
  })
})

describe('民转刑 risk', () => {
  test.each<[Partial<CaseFacts>, boolean]>([
    [{}, false],
    [{ threats: true }, true],
    [{ weapons: true }, true],
    [{ priorClashes: 1 }, false],
    [{ priorClashes: 2 }, true],
    [{ injury: 'minor' }, true],
  ])('%j → %s', (over, flagged) => expect(escalationRisk({ ...calm, ...over }).flagged).toBe(flagged))

  test('danger words in an application flag it before anyone reads it', () => {
    expect(intakeRisk('他说要拿刀砍我').flagged).toBe(true)
    expect(intakeRisk('他家先浇了水').flagged).toBe(false)
  })
})

describe('routing choices and the age band', () => {
  test.each([
    ['criminal_case', ['criminal_case']],
    ['administrative_case', ['administrative_case', 'criminal_case']],
    ['court', ['court', 'village_committee', 'justice_office']],
    ['village_committee', ['village_committee', 'justice_office', 'court']],
  ] as const)('an exclusion routed to %s may go to %j', (route, choices) => expect(routeChoices(route)).toEqual(choices))

  test.each([
    [{ age: 15, ageBand: null }, true],
    [{ age: 16, ageBand: 'under16' as const }, false], // the officer's exact age wins over a villager's band
    [{ age: null, ageBand: 'under16' as const }, true],
    [{ age: null, ageBand: '16to17' as const }, false],
    [{ age: null, ageBand: null }, false],
  ])('%j is a minor: %s', (p, minor) => expect(isMinorParty(p)).toBe(minor))
})

