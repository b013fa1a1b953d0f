// Pure rules of 一标三实: address normalisation and 一号多址 / 多号一址, the plate scene, who sees what, coverage.
import fc from 'fast-check'
import {
  PLATE_ID_RE,
  SCENE_RE,
  audienceOf,
  checkAddress,
  coverageOf,
  groupCenter,
  locationIncrements,
  sumIncrements,
  duplicateKeys,
  isAddressProblem,
  normaliseAddress,
  normaliseGroup,
  normaliseNumber,
  normaliseQuery,
  parseNumeral,
  plateIdFrom,
  plateIdOfScene,
  quarterOf,
  sceneOf,
  searchTerms,
  visiblePeople,
  visitIncrements,
  type GroupCounters,
  type PersonFacts,
} from '@domain/households'

describe('address normalisation', () => {
  test.each([
    ['3', '三社'],
    ['3社', '三社'],
    ['三社', '三社'],
    ['叁社', '三社'],
    ['第三村民小组', '三社'],
    ['三组', '三社'],
    ['１２社', '十二社'],
    ['十社', '十社'],
    ['21社', '二十一社'],
  ])('社 %s → %s', (raw, name) => {
    expect(normaliseGroup(raw)?.name).toBe(name)
  })

  test('a 社 that is not numbered keeps its name and sorts last; nonsense is refused', () => {
    expect(normaliseGroup('河西')).toEqual({ name: '河西', order: 99 })
    expect(normaliseGroup('')).toBeNull()
    expect(normaliseGroup('0社')).toBeNull()
  })

  test.each([
    ['12', '12'],
    ['12号', '12'],
    ['十二号', '12'],
    ['１２号', '12'],
    ['12-1', '12-1'],
    ['12之1', '12-1'],
    ['12附1号', '12-1'],
    ['12号-1', '12-1'],
    ['一百零三号', '103'],
    ['门牌12号', '12'],
  ])('门牌号 %s → %s', (raw, text) => {
    expect(normaliseNumber(raw)?.text).toBe(text)
  })

  test('numbers that are not 门牌号 are refused', () => {
    for (const bad of ['', '号', 'abc', '0', '12-1-2', '十二号楼']) expect(normaliseNumber(bad)).toBeNull()
  })

  test('Chinese numerals', () => {
    expect(parseNumeral('十二')).toBe(12)
    expect(parseNumeral('二十')).toBe(20)
    expect(parseNumeral('二〇三')).toBe(203)
    expect(parseNumeral('两百')).toBe(200)
  })

  test('every spelling of one place gives one key (so 一号多址 is found), and the book sorts by 社 then number', () => {
    const spellings = [
      { group: '3社', number: '12号' },
      { group: '三社', number: '十二号' },
      { group: '第三村民小组', number: '１２' },
    ].map((s) => normaliseAddress({ villageId: 'pingchuan', ...s }))
    const keys = spellings.map((a) => (isAddressProblem(a) ? '' : a.key))
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toBe('pingchuan|三社|12|')
    const sorted = ['10社|2', '2社|10', '2社|9', '2社|9-1'].map((s) => {
      const [group, number] = s.split('|')
      const a = normaliseAddress({ villageId: 'v', group, number })
      return isAddressProblem(a) ? '' : a
    })
    const order = [...sorted].sort((a, b) => (a && b ? a.sortKey.localeCompare(b.sortKey) : 0)).map((a) => (a ? `${a.group}${a.number}` : ''))
    expect(order).toEqual(['二社9', '二社9-1', '二社10', '十社2'])
  })

  test('a bad address names the field', () => {
    expect(normaliseAddress({ villageId: 'v', group: '?', number: '1' })).toEqual(expect.objectContaining({ field: 'group' }))
    expect(normaliseAddress({ villageId: 'v', group: '1社', number: '东头' })).toEqual(expect.objectContaining({ field: 'number' }))
  })
})

describe('一号多址 and 多号一址', () => {
  const at = (lat: number) => ({ latitude: 39.2462 + lat, longitude: 100.0588 })
  const norm = (number: string) => {
    const a = normaliseAddress({ villageId: 'pingchuan', group: '三社', number })
    if (isAddressProblem(a)) throw new Error(a.message)
    return a
  }
  const others = [
    { id: 'a12', key: norm('12').key, number: '12', room: '', location: at(0) },
    { id: 'a14', key: norm('14').key, number: '14', room: '', location: at(0.001) },
  ]

  test('a second record with the same number is a duplicate (一号多址)', () => {
    expect(checkAddress({ ...norm('十二号'), id: null, location: null }, others).duplicateOf).toBe('a12')
    // Correcting the record itself is not a duplicate of itself.
    expect(checkAddress({ ...norm('12'), id: 'a12', location: at(0) }, others).duplicateOf).toBeNull()
  })

  test('another number at the same map point is flagged (多号一址); a house 100 m away is not', () => {
    const same = checkAddress({ ...norm('13'), id: null, location: at(0.00002) }, others)
    expect(same.samePlace).toEqual(['a12'])
    expect(same.warnings[0]).toContain('多号一址')
    expect(checkAddress({ ...norm('13'), id: null, location: at(0.0005) }, others).samePlace).toEqual([])
  })

  test('rows of a sheet that name one place twice are found', () => {
    expect([...duplicateKeys(['a', 'b', 'a', 'c', 'a']).entries()]).toEqual([['a', [0, 2, 4]]])
  })

  test('search terms and queries meet in one spelling', () => {
    const terms = searchTerms({ group: '三社', number: '12', ownerName: '张桂兰' }, ['张桂兰', '李玉兰'])
    expect(terms).toEqual(['张桂兰', '李玉兰', '12', '三社12'])
    expect(normaliseQuery('3社12号')).toBe('三社12')
    expect(normaliseQuery('１２号')).toBe('12')
    expect(terms.some((t) => t.startsWith(normaliseQuery('张桂')))).toBe(true)
  })
})

describe('plate scene', () => {
  test('every plate id makes a scene within WeChat’s limits, and reads back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const id = plateIdFrom(bytes)
        expect(id).toMatch(PLATE_ID_RE)
        const scene = sceneOf(id)
        expect(scene.length).toBeLessThanOrEqual(32)
        expect(scene).toMatch(SCENE_RE)
        expect(plateIdOfScene(scene)).toBe(id)
        expect(plateIdOfScene(encodeURIComponent(scene))).toBe(id)
        expect(plateIdOfScene(id.toLowerCase())).toBe(id)
      }),
    )
  })

  test('no I or O on a plate (misread on a faded plate); other scenes are not plates', () => {
    expect(plateIdFrom(new Uint8Array(8).fill(18))).not.toMatch(/[IO]/)
    for (const s of ['join=ABC123', 'mp=MP1234', 'mp=MPIIIIIIII', '%E0%A4%A', '']) expect(plateIdOfScene(s)).toBeNull()
  })
})

describe('who sees what', () => {
  const p = (id: string, role: PersonFacts['role'], openid: string | null, landlordOpenid: string | null = null, movedOutDay: string | null = null): PersonFacts => ({ _id: id, role, openid, landlordOpenid, movedOutDay })
  const house = [p('owner', 'owner', 'u-landlord'), p('wife', 'member', null), p('t1', 'tenant', 'u-tenant', 'u-landlord'), p('t2', 'tenant', null, 'u-landlord'), p('old', 'member', 'u-moved', null, '2025-01-01')]

  test('audience by role: no profile is public', () => {
    expect(audienceOf(null)).toBe('public')
    expect(audienceOf('resident')).toBe('resident')
    expect(audienceOf('officer')).toBe('officer')
    expect(audienceOf('admin')).toBe('officer')
  })

  test('a landlord sees the family and their tenants', () => {
    expect(visiblePeople(house, 'u-landlord').map((x) => x._id)).toEqual(['owner', 'wife', 't1', 't2'])
  })

  test('a tenant sees only their own entry', () => {
    expect(visiblePeople(house, 'u-tenant').map((x) => x._id)).toEqual(['t1'])
  })

  test('a stranger, or someone who moved out, sees nobody', () => {
    expect(visiblePeople(house, 'u-stranger')).toEqual([])
    expect(visiblePeople(house, 'u-moved')).toEqual([])
  })
})

describe('coverage', () => {
  const g = (group: string, order: number, over: Partial<GroupCounters> = {}): GroupCounters => ({ villageId: 'pingchuan', group, order, households: 10, everVisited: 0, visited: {}, lastVisitAt: null, ...over })

  test('per 社: visited this quarter, never visited, last visit, rate; totals', () => {
    const last = new Date('2026-11-20T02:00:00Z')
    const cov = coverageOf([g('三社', 3, { everVisited: 6, visited: { '2026Q4': 4, '2026Q3': 5 }, lastVisitAt: last }), g('一社', 1, { households: 5 })], '2026Q4')
    expect(cov.rows.map((r) => r.group)).toEqual(['一社', '三社'])
    expect(cov.rows[1]).toEqual({ villageId: 'pingchuan', group: '三社', households: 10, visitedThisQuarter: 4, neverVisited: 4, lastVisitAt: last, rate: 0.4, center: null })
    expect(cov.rows[0]).toMatchObject({ visitedThisQuarter: 0, neverVisited: 5, rate: 0 })
    expect(cov.total).toEqual({ households: 15, visitedThisQuarter: 4, neverVisited: 9, lastVisitAt: last, rate: 4 / 15 })
  })

  test("a 社's map point is the mean of its located addresses, and follows a point moved, added or taken away", () => {
    const a = { latitude: 39.2462, longitude: 100.0588 }
    const b = { latitude: 39.2482, longitude: 100.0608 }
    let sums = sumIncrements(locationIncrements(a, 1), locationIncrements(b, 1))
    expect(groupCenter(sums)).toEqual({ latitude: 39.2472, longitude: 100.0598 })
    expect(coverageOf([g('三社', 3, sums)], '2026Q4').rows[0].center).toEqual({ latitude: 39.2472, longitude: 100.0598 })
    // b is corrected to have no point: the centre is a alone; then a is taken away too: no point at all.
    sums = sumIncrements(sums, locationIncrements(b, -1))
    expect(groupCenter(sums)).toEqual(a)
    sums = sumIncrements(sums, locationIncrements(a, -1))
    expect(groupCenter(sums)).toBeNull()
    expect(locationIncrements(null, 1)).toEqual({})
  })

  test('counters never show more visited than households, nor negative', () => {
    const cov = coverageOf([g('二社', 2, { households: 3, everVisited: 5, visited: { '2026Q4': 9 } })], '2026Q4')
    expect(cov.rows[0]).toMatchObject({ visitedThisQuarter: 3, neverVisited: 0, rate: 1 })
  })

  test('quarters are station quarters (Asia/Shanghai)', () => {
    expect(quarterOf(new Date('2026-09-30T15:59:59Z'))).toBe('2026Q3')
    expect(quarterOf(new Date('2026-09-30T16:00:00Z'))).toBe('2026Q4')
    expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027Q1')
  })

  test('a visit counts a household once per quarter and once ever', () => {
    const now = new Date('2026-11-02T02:00:00Z')
    expect(visitIncrements(null, '', now)).toEqual({ everVisited: 1, quarter: '2026Q4', visited: 1 })
    expect(visitIncrements(new Date('2026-08-01T00:00:00Z'), '2026Q3', now)).toEqual({ everVisited: 0, quarter: '2026Q4', visited: 1 })
    expect(visitIncrements(new Date('2026-10-05T00:00:00Z'), '2026Q4', now)).toEqual({ everVisited: 0, quarter: '2026Q4', visited: 0 })
  })
})
