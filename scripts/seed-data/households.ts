// 一标三实 demo data: a few 社 of 平川村 and 芦湾村 with standard addresses, their people and houses, the 农资店 of the
// pesticide reports, doorplates (images are made by 生成门牌) and visits; the 社 counters match these documents.
// 张桂兰 (dev-resident-1) lives at 平川村三社12号 and lets 11号; 王淑珍 (dev-resident-9) owns 平川村一社2号, which she lets.
import { normaliseAddress, isAddressProblem, quarterOf, searchTerms, type HouseUse, type PersonKind, type PersonRole } from '../../cloudfunctions/common/domain/households'
import { stationDay } from '../../cloudfunctions/common/domain/schedule'
import type { SeedDoc, SeedModule } from './index'

const DAY = 86_400_000

interface SeedPerson {
  name: string
  phone?: string
  kind?: PersonKind
  role?: PersonRole
  relation?: string
  openid?: string
  landlordOpenid?: string
  focus?: string
}

interface SeedHouse {
  villageId: 'pingchuan' | 'luwan'
  group: string
  number: string
  use?: HouseUse
  owner: string
  ownerPhone?: string
  people: SeedPerson[]
  plate?: string
  location?: { latitude: number; longitude: number }
}

const SURNAMES = ['张', '王', '李', '刘', '马', '陈', '杨', '赵', '黄', '周']
const GIVEN = ['德福', '秀英', '建军', '玉兰', '国强', '桂芳', '志刚', '海燕', '长青', '红梅', '永胜', '淑琴']

function family(seed: number, size: number): SeedPerson[] {
  const surname = SURNAMES[seed % SURNAMES.length]
  return Array.from({ length: size }, (_, i) => ({
    name: `${surname}${GIVEN[(seed * 3 + i * 5) % GIVEN.length]}`,
    phone: i === 0 ? `139${String(10_000_000 + seed * 97 + i).slice(-8)}` : '',
    relation: i === 0 ? '户主' : i === 1 ? '配偶' : '子女',
  }))
}

/** Plate ids are fixed so tests and the demo can open a plate by URL (`?scene=mp=MPPC030012`). */
export const SEED_PLATES = { zhangHome: 'MPPC030012', wangRented: 'MPPC010002', shop: 'MPPC010001' } as const

export const HOUSES: SeedHouse[] = [
  // 平川村一社: the 农资店, 王淑珍's let house, families.
  { villageId: 'pingchuan', group: '一社', number: '1', use: 'business', owner: '赵新农', ownerPhone: '13900000101', people: [{ name: '赵新农', phone: '13900000101', relation: '户主' }], plate: SEED_PLATES.shop, location: { latitude: 39.2481, longitude: 100.0551 } },
  {
    villageId: 'pingchuan',
    group: '一社',
    number: '2',
    use: 'rented',
    owner: '王淑珍',
    ownerPhone: '13900000009',
    people: [
      { name: '王淑珍', phone: '13900000009', role: 'owner', relation: '房东', openid: 'dev-resident-9' },
      { name: '何小军', phone: '13900000201', kind: 'temporary', role: 'tenant', landlordOpenid: 'dev-resident-9' },
    ],
    plate: SEED_PLATES.wangRented,
  },
  ...[3, 4, 5, 6, 7, 8].map((n): SeedHouse => ({ villageId: 'pingchuan', group: '一社', number: String(n), owner: family(n, 1)[0].name, people: family(n, 2 + (n % 3)) })),
  // 平川村三社: 张桂兰 at 12号 (an elderly woman living alone), neighbours.
  {
    villageId: 'pingchuan',
    group: '三社',
    number: '12',
    owner: '张桂兰',
    ownerPhone: '13900000001',
    people: [{ name: '张桂兰', phone: '13900000001', relation: '户主', openid: 'dev-resident-1', focus: 'elderly_alone' }],
    plate: SEED_PLATES.zhangHome,
    location: { latitude: 39.2462, longitude: 100.0588 },
  },
  // 张桂兰 also lets 三社11号 (an owner record with her openid, and a tenant she registered).
  {
    villageId: 'pingchuan',
    group: '三社',
    number: '11',
    use: 'rented',
    owner: '张桂兰',
    ownerPhone: '13900000001',
    people: [
      { name: '张桂兰', phone: '13900000001', role: 'owner', relation: '房东', openid: 'dev-resident-1' },
      { name: '陈立新', phone: '13900000202', kind: 'temporary', role: 'tenant', landlordOpenid: 'dev-resident-1' },
    ],
  },
  ...[10, 13, 14, 15, 16].map((n): SeedHouse => ({ villageId: 'pingchuan', group: '三社', number: String(n), use: n === 16 ? 'vacant' : 'own', owner: family(n, 1)[0].name, people: n === 16 ? [] : family(n, 2 + (n % 3)) })),
  // 平川村五社 and 芦湾村五社 (刘建国's village).
  ...[1, 2, 3, 4, 5].map((n): SeedHouse => ({ villageId: 'pingchuan', group: '五社', number: String(n), location: { latitude: 39.2405 + n * 0.0004, longitude: 100.0521 + n * 0.0003 }, owner: family(n + 20, 1)[0].name, people: family(n + 20, 2 + (n % 2)) })),
  ...[6, 7, 8, 9].map((n): SeedHouse => ({
    villageId: 'luwan',
    group: '五社',
    number: String(n),
    location: { latitude: 39.2552 + n * 0.0003, longitude: 100.0712 - n * 0.0004 },
    owner: n === 8 ? '刘建国' : family(n + 40, 1)[0].name,
    ownerPhone: n === 8 ? '13900000002' : '',
    people: n === 8 ? [{ name: '刘建国', phone: '13900000002', relation: '户主' }] : family(n + 40, 3),
  })),
]

const addressIdOf = (h: SeedHouse) => `ad-${h.villageId}-${h.group}-${h.number}`

export const seed: SeedModule = ({ now }) => {
  const addresses: SeedDoc[] = []
  const people: SeedDoc[] = []
  const terms: SeedDoc[] = []
  const plates: SeedDoc[] = []
  const visits: SeedDoc[] = []
  const groups = new Map<string, SeedDoc & { households: number; everVisited: number; visited: Record<string, number>; lastVisitAt: Date | null; located?: number; latSum?: number; lngSum?: number }>()

  const lastQuarterAt = new Date(now.getTime() - 100 * DAY)

  HOUSES.forEach((h, i) => {
    const norm = normaliseAddress({ villageId: h.villageId, group: h.group, number: h.number })
    if (isAddressProblem(norm)) throw new Error(`seed households: ${norm.message}`)
    const id = addressIdOf(h)
    // Every third household was visited this quarter, every fifth only last quarter; the rest never.
    const visitedAt = i % 3 === 0 ? new Date(now.getTime() - (i + 1) * DAY) : i % 5 === 0 ? lastQuarterAt : null
    const current = h.people
    addresses.push({
      _id: id,
      town: '平川镇',
      villageId: h.villageId,
      group: norm.group,
      groupOrder: Number(norm.sortKey.slice(0, 2)),
      number: norm.number,
      room: '',
      key: norm.key,
      sortKey: norm.sortKey,
      location: h.location ?? null,
      use: h.use ?? 'own',
      ownerName: h.owner,
      ownerPhone: h.ownerPhone ?? '',
      people: current.length,
      plateId: h.plate ?? null,
      lastVisitAt: visitedAt,
      lastVisitQuarter: visitedAt ? quarterOf(visitedAt) : '',
      warnings: [],
      importId: null,
      createdAt: new Date(now.getTime() - 200 * DAY),
      updatedAt: new Date(now.getTime() - 200 * DAY),
    })
    current.forEach((p, k) => {
      people.push({
        _id: `pp-${id.slice(3)}-${k}`,
        addressId: id,
        villageId: h.villageId,
        group: norm.group,
        name: p.name,
        phone: p.phone ?? '',
        kind: p.kind ?? 'permanent',
        role: p.role ?? 'member',
        relation: p.relation ?? '',
        idNo: '',
        movedInDay: stationDay(new Date(now.getTime() - 400 * DAY)),
        movedOutDay: null,
        focus: p.focus ?? '',
        note: '',
        openid: p.openid ?? null,
        landlordOpenid: p.landlordOpenid ?? null,
        importId: null,
        createdAt: new Date(now.getTime() - 200 * DAY),
        updatedAt: new Date(now.getTime() - 200 * DAY),
      })
    })
    for (const term of searchTerms({ group: norm.group, number: norm.number, ownerName: h.owner }, current.map((p) => p.name))) {
      terms.push({ _id: `${term}|${id}`, term, addressId: id, villageId: h.villageId })
    }
    if (h.plate) {
      plates.push({ _id: h.plate, addressId: id, villageId: h.villageId, group: norm.group, sortKey: norm.sortKey, state: 'active', imageFileId: null, pendingJob: '', problems: [], createdAt: now, updatedAt: now })
    }
    if (visitedAt) {
      visits.push({
        _id: `vs-${id.slice(3)}`,
        kind: 'household',
        addressId: id,
        organisationId: null,
        villageId: h.villageId,
        group: norm.group,
        place: `平川镇${h.villageId === 'pingchuan' ? '平川村' : '芦湾村'}${norm.group}${norm.number}号`,
        location: h.location ?? null,
        at: visitedAt,
        officer: 'dev-officer',
        officerName: '王警官',
        notes: '入户走访，宣传防诈骗，了解家里情况',
        concerns: i === 0 ? [{ topic: 'pesticide', text: '有村民说流动商贩卖的农药不管用', became: null }] : [],
        photos: [],
        plateId: null,
      })
    }
    const gid = `${h.villageId}|${norm.group}`
    const g = groups.get(gid) ?? {
      _id: gid,
      villageId: h.villageId,
      group: norm.group,
      order: Number(norm.sortKey.slice(0, 2)),
      households: 0,
      everVisited: 0,
      visited: {},
      lastVisitAt: null,
      officer: { name: '王警官', phone: '13800000002' },
      gridWorker: null,
      securityHead: null,
      updatedAt: now,
    }
    g.households++
    if (h.location) {
      g.located = (g.located ?? 0) + 1
      g.latSum = (g.latSum ?? 0) + h.location.latitude
      g.lngSum = (g.lngSum ?? 0) + h.location.longitude
    }
    if (visitedAt) {
      g.everVisited++
      const q = quarterOf(visitedAt)
      g.visited = { ...g.visited, [q]: (g.visited[q] ?? 0) + 1 }
      if (!g.lastVisitAt || visitedAt > g.lastVisitAt) g.lastVisitAt = visitedAt
    }
    groups.set(gid, g)
  })
  // The 社 contacts a scan shows: 网格员 and 治安户长 where the mediation roster has them.
  const san = groups.get('pingchuan|三社')
  if (san) Object.assign(san, { gridWorker: { name: '李海燕', phone: '13800000031' }, securityHead: { name: '马德胜', phone: '13800000021' } })
  const wu = groups.get('pingchuan|五社')
  if (wu) Object.assign(wu, { securityHead: { name: '冯玉山', phone: '13800000022' } })

  const orgs: SeedDoc[] = [
    { _id: 'og-pc-nongzi', kind: 'agri_shop', name: '平川为农农资店', addressId: 'ad-pingchuan-一社-1', villageId: 'pingchuan', group: '一社', contactName: '赵新农', contactPhone: '13900000101', note: '经营农药、化肥、种子', lastVisitAt: null, createdAt: now, updatedAt: now },
    { _id: 'og-pc-school', kind: 'school', name: '平川镇中心小学', addressId: null, villageId: 'pingchuan', group: '五社', contactName: '陈校长', contactPhone: '13900000102', note: '', lastVisitAt: null, createdAt: now, updatedAt: now },
    { _id: 'og-lw-nongzi', kind: 'agri_shop', name: '芦湾丰收农资', addressId: null, villageId: 'luwan', group: '五社', contactName: '孙丰收', contactPhone: '13900000103', note: '', lastVisitAt: null, createdAt: now, updatedAt: now },
  ]
  visits.push({
    _id: 'vs-field-pc5',
    kind: 'field',
    addressId: null,
    organisationId: null,
    villageId: 'pingchuan',
    group: '五社',
    place: '五社北边玉米地',
    location: null,
    at: new Date(now.getTime() - 2 * DAY),
    officer: 'dev-officer',
    officerName: '王警官',
    notes: '田间警务：和正在浇水的村民聊了聊',
    concerns: [{ topic: 'theft', text: '晚上有人偷电缆和水泵', became: null }],
    photos: [],
    plateId: null,
  })
  return { hh_addresses: addresses, hh_people: people, hh_terms: terms, hh_plates: plates, hh_visits: visits, hh_groups: [...groups.values()], hh_orgs: orgs }
}
