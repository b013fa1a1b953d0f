// 一标三实 at scale for the benchmark (issue 12): synthetic households (4 people each) in 8 villages × 12 社, the
// address-book search (by 社, by a name prefix, by 社+号) and coverage, at 10k households / 40k people (the seed's
// scale) and at 100k households (plate generation is in ./plates.ts).
// `npx tsx scripts/bench/households.ts` measures them on their own (after `npx tsx scripts/build-functions.ts`).
import type { AddressListItem, CoverageView, Page } from '@contract/households'
import { normaliseAddress, isAddressProblem, quarterOf, searchTerms } from '@domain/households'
import { runScaleBench, type BenchCloud } from './cloud'

const VILLAGES = ['pingchuan', 'luwan', 'wulidun', 'sanyi', 'siba', 'huangjiapu', 'yigongcheng', 'beitan'] as const
const GROUPS = 12
const SURNAMES = '张王李刘马陈杨赵黄周吴徐孙胡朱高林何郭罗'
const GIVEN = ['德福', '秀英', '建军', '玉兰', '国强', '桂芳', '志刚', '海燕', '长青', '红梅', '永胜', '淑琴', '立新', '春花', '明亮', '金凤']

function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

const name = (k: number) => `${SURNAMES[mix(k) % SURNAMES.length]}${GIVEN[mix(k + 1) % GIVEN.length]}`

/** Household i: village, 社 and number spread so every 社 holds about the same count. */
export function benchHousehold(i: number, now: Date): { address: Record<string, unknown>; people: Record<string, unknown>[]; terms: Record<string, unknown>[] } {
  const villageId = VILLAGES[i % VILLAGES.length]
  const g = Math.floor(i / VILLAGES.length) % GROUPS
  // Numbers from 1000 up: the seed's own households have small numbers.
  const no = Math.floor(i / (VILLAGES.length * GROUPS)) + 1000
  const norm = normaliseAddress({ villageId, group: `${g + 1}社`, number: String(no) })
  if (isAddressProblem(norm)) throw new Error(norm.message)
  const id = `adb${String(i).padStart(7, '0')}`
  const names = [0, 1, 2, 3].map((k) => name(i * 4 + k))
  const visitedAt = mix(i) % 3 === 0 ? new Date(now.getTime() - (mix(i + 3) % 200) * 86_400_000) : null
  const address = {
    _id: id,
    town: '平川镇',
    villageId,
    group: norm.group,
    groupOrder: g + 1,
    number: norm.number,
    room: '',
    key: norm.key,
    sortKey: norm.sortKey,
    location: null,
    use: mix(i) % 10 === 0 ? 'rented' : 'own',
    ownerName: names[0],
    ownerPhone: `139${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
    people: 4,
    plateId: null,
    lastVisitAt: visitedAt,
    lastVisitQuarter: visitedAt ? quarterOf(visitedAt) : '',
    warnings: [],
    importId: null,
    createdAt: now,
    updatedAt: now,
  }
  const people = names.map((n, k) => ({
    _id: `ppb${String(i * 4 + k).padStart(8, '0')}`,
    addressId: id,
    villageId,
    group: norm.group,
    name: n,
    phone: k === 0 ? address.ownerPhone : '',
    kind: 'permanent',
    role: 'member',
    relation: k === 0 ? '户主' : '',
    idNo: '',
    movedInDay: '2020-01-01',
    movedOutDay: null,
    focus: '',
    note: '',
    openid: null,
    landlordOpenid: null,
    importId: null,
    createdAt: now,
    updatedAt: now,
  }))
  const terms = searchTerms({ group: norm.group, number: norm.number, ownerName: names[0] }, names).map((term) => ({ _id: `${term}|${id}`, term, addressId: id, villageId }))
  return { address, people, terms }
}

/** Loads `n` households (from index `from`) and the 社 counters that match them. */
export function loadHouseholds(bc: BenchCloud, n: number, now: Date, from = 0): void {
  const CHUNK = 5000
  for (let start = from; start < from + n; start += CHUNK) {
    const a: Record<string, unknown>[] = []
    const p: Record<string, unknown>[] = []
    const t: Record<string, unknown>[] = []
    for (let i = start; i < Math.min(from + n, start + CHUNK); i++) {
      const h = benchHousehold(i, now)
      a.push(h.address)
      p.push(...h.people)
      t.push(...h.terms)
    }
    bc.cloud.db.insertMany('hh_addresses', a)
    bc.cloud.db.insertMany('hh_people', p)
    bc.cloud.db.insertMany('hh_terms', t)
  }
  // Counters as the function keeps them (recomputed here for the whole synthetic book).
  const groups = new Map<string, { _id: string; villageId: string; group: string; order: number; households: number; everVisited: number; visited: Record<string, number>; lastVisitAt: Date | null; officer: null; gridWorker: null; securityHead: null; updatedAt: Date }>()
  for (let i = 0; i < from + n; i++) {
    const villageId = VILLAGES[i % VILLAGES.length]
    const g = Math.floor(i / VILLAGES.length) % GROUPS
    const norm = normaliseAddress({ villageId, group: `${g + 1}社`, number: '1' })
    if (isAddressProblem(norm)) continue
    const id = `${villageId}|${norm.group}`
    const doc = groups.get(id) ?? { _id: id, villageId, group: norm.group, order: g + 1, households: 0, everVisited: 0, visited: {}, lastVisitAt: null, officer: null, gridWorker: null, securityHead: null, updatedAt: now }
    doc.households++
    groups.set(id, doc)
  }
  const existing = new Set(bc.cloud.db.find('hh_groups', {}).map((d) => String(d._id)))
  for (const doc of groups.values()) {
    if (existing.has(doc._id)) bc.cloud.db.engine.remove(bc.cloud.db.engine.coll('hh_groups'), { _id: doc._id }, false)
  }
  bc.cloud.db.insertMany('hh_groups', [...groups.values()])
}

export interface HouseholdsQuery {
  issue: 'Issue 12'
  label: string
  run: () => Promise<unknown>
  describe: (data: unknown) => string
  plans: { coll: string; query: Record<string, unknown>; order?: [string, 1 | -1][] }[]
}

export function householdsQueries(bc: BenchCloud, officer: string): HouseholdsQuery[] {
  const items = (d: unknown) => `${(d as Page<AddressListItem>).items.length} items`
  return [
    {
      issue: 'Issue 12',
      label: 'households.searchAddresses (平川村三社, first page) as officer',
      run: () => bc.call(officer, 'households', 'searchAddresses', { villageId: 'pingchuan', group: '三社' }),
      describe: items,
      plans: [{ coll: 'hh_addresses', query: { villageId: 'pingchuan', group: '三社' }, order: [['sortKey', 1]] }],
    },
    {
      issue: 'Issue 12',
      label: 'households.searchAddresses (name prefix 张德, all villages) as officer',
      run: () => bc.call(officer, 'households', 'searchAddresses', { q: '张德' }),
      describe: items,
      plans: [{ coll: 'hh_terms', query: { _id: { $gte: '张德', $lt: '张德\uffff' } }, order: [['_id', 1]] }],
    },
    {
      issue: 'Issue 12',
      label: 'households.searchAddresses (三社1012号 in 平川村) as officer',
      run: () => bc.call(officer, 'households', 'searchAddresses', { q: '三社1012号', villageId: 'pingchuan' }),
      describe: items,
      plans: [{ coll: 'hh_terms', query: { villageId: 'pingchuan', _id: { $gte: '三社1012', $lt: '三社1012\uffff' } }, order: [['_id', 1]] }],
    },
    {
      issue: 'Issue 12',
      label: 'households.coverage (all 社) as officer',
      run: () => bc.call(officer, 'households', 'coverage', {}),
      describe: (d) => `${(d as CoverageView).rows.length} 社, ${(d as CoverageView).total.households} households`,
      plans: [{ coll: 'hh_groups', query: {} }],
    },
  ]
}

if (require.main === module) {
  runScaleBench({
    what: 'households (4 people each)',
    sizes: ['10k', '100k'],
    load: (cloud, size, now) => loadHouseholds(cloud, size === 'small' ? 10_000 : 100_000, now),
    queries: (cloud) => householdsQueries(cloud, 'dev-officer'),
  }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
