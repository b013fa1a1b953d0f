// Synthetic documents for the benchmark, in exactly the shapes the functions store and query (see
// cloudfunctions/alerts/store.ts, cloudfunctions/services/store.ts, cloudfunctions/reports/store.ts and the
// seed modules in scripts/seed-data). Every generator is a pure function of an index `i` and `now`, so "1k" is
// i in [0, 1000) and the top-up to "100k" is i in [1000, 100000): the extra documents are OLDER history
// (further back in time) at the same density, as a database that has simply been in use for longer.
import type { AlertCategory, AlertDoc, AlertSeverity, AlertTarget, HistoryEntry, ReadMark } from '@domain/alerts'
import { audienceOf, createdKeyOf, feedKeyOf, readMarkId } from '@domain/alerts'
import type { TimelineEvent as ServiceEvent } from '@domain/service-lifecycles'
import { caseNumber, type ReportDoc, type ReportStatus, type TimelineEvent as ReportEvent } from '@domain/reports'
import { pesticideClusterKey, pesticideClusterLabel, theftClusterKey } from '@domain/reports-clusters'
import { createdEvent as reportCreated } from '@domain/reports-lifecycle'
import { addDays, stationDay, stationInstant, stationTime } from '@domain/station-time'
import type { BookingDoc, ErrandDoc, SeatDoc, HomeVisitDoc } from '../../cloudfunctions/services/store'
import { VILLAGES } from '../seed-data/account'
import { SEED_SERVICES } from '../seed-data/services'

export type Doc = Record<string, unknown>

const HOUR = 3600_000
const DAY = 24 * HOUR
const OFFICERS = [
  { id: 'dev-officer', name: '王警官' },
  { id: 'dev-officer-2', name: '赵警官' },
] as const
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭']
const GIVEN = ['桂兰', '建国', '秀英', '志强', '玉梅', '德福', '红霞', '长林', '淑珍', '国庆', '春花', '永福', '金凤', '文华']

const pick = <T>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length]
/** A cheap deterministic scramble so neighbouring indexes do not all get the same choice. */
const mix = (i: number): number => Math.imul(i ^ 0x5bd1e995, 2654435761) >>> 0

export const villageOf = (i: number): string => pick(VILLAGES, i).id
const villageName = (id: string): string => VILLAGES.find((v) => v.id === id)?.name ?? id
const personName = (i: number): string => `${pick(SURNAMES, mix(i))}${pick(GIVEN, mix(i) >>> 8)}`
const phoneOf = (i: number): string => `137${String(i).padStart(8, '0')}`

// ---------------------------------------------------------------------------------------------------------------
// Residents (users) — issue 4 counts them per village for an alert's reach and pages them for follow-up.

export const residentId = (i: number): string => `bench-res-${String(i).padStart(6, '0')}`

export function resident(i: number, now: Date): Doc {
  const villageId = villageOf(i)
  const joined = new Date(now.getTime() - (i % 700) * DAY - HOUR)
  return {
    _id: residentId(i),
    role: 'resident',
    name: personName(i),
    phone: phoneOf(i),
    villageId,
    address: `${villageName(villageId)}${(i % 9) + 1}社${(i % 60) + 1}号`,
    createdAt: joined,
    updatedAt: joined,
  }
}

/** Residents who book in the contention run: no booking history, so no rule refuses them for their past. */
export function booker(k: number, now: Date): Doc {
  return { ...resident(900_000 + k, now), _id: `bench-booker-${String(k).padStart(3, '0')}` }
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts history and read marks — issue 4. One historical alert per 100 residents (a station publishes a couple a
// week); all are over (expired or cancelled) and published at least 30 days ago, so the live feed stays the seed's.

const HISTORY_TITLES: ReadonlyArray<{ title: string; category: AlertCategory; severity: AlertSeverity }> = [
  { title: '警惕冒充客服退款诈骗', category: 'fraud', severity: 'severe' },
  { title: '秋收季节防火提示', category: 'safety', severity: 'moderate' },
  { title: '警惕“低价收购旧手机”骗局', category: 'fraud', severity: 'moderate' },
  { title: '冬季取暖防一氧化碳中毒', category: 'safety', severity: 'severe' },
  { title: '农机上路注意交通安全', category: 'safety', severity: 'minor' },
  { title: '电信网络诈骗新手法通报', category: 'case', severity: 'extreme' },
  { title: '户籍业务办理时间调整', category: 'service', severity: 'minor' },
  { title: '禁毒宣传：远离新型毒品', category: 'policy', severity: 'moderate' },
]

export const historyAlertId = (j: number): string => `bench-alert-${String(j).padStart(5, '0')}`
const historyTarget = (j: number): AlertTarget => (j % 3 === 0 ? [villageOf(j), villageOf(j + 3)] : 'all')

export function historyAlert(j: number, now: Date): AlertDoc {
  const spec = pick(HISTORY_TITLES, j)
  const _id = historyAlertId(j)
  const publishedAt = new Date(now.getTime() - 30 * DAY - j * 3.5 * DAY)
  const createdAt = new Date(publishedAt.getTime() - HOUR)
  const expiresAt = new Date(publishedAt.getTime() + (7 + (j % 14)) * DAY)
  const target = historyTarget(j)
  const cancelled = j % 17 === 0
  const pinned = j % 20 === 0
  const history: HistoryEntry[] = [
    { kind: 'created', at: createdAt, by: 'dev-officer', revision: 0 },
    { kind: 'published', at: publishedAt, by: 'dev-officer', revision: 1 },
    ...(cancelled ? [{ kind: 'cancelled' as const, at: new Date(publishedAt.getTime() + DAY), by: 'dev-officer', revision: 1, reason: '情况已处理完毕' }] : []),
  ]
  return {
    _id,
    title: spec.title,
    body: `${spec.title}。请各位村民相互转告，家里有老人的多提醒几遍。如有疑问，请打派出所电话。`,
    category: spec.category,
    severity: spec.severity,
    target,
    advice: ['不轻信陌生电话', '拿不准就打110问'],
    images: [],
    effectiveAt: publishedAt,
    expiresAt,
    pinned,
    status: cancelled ? 'cancelled' : 'active',
    revision: 1,
    audience: audienceOf(target),
    feedKey: feedKeyOf({ _id, pinned, severity: spec.severity, publishedAt }),
    createdKey: createdKeyOf({ _id, createdAt }),
    history,
    counters: { read: 0, acked: 0, byVillage: {} },
    createdBy: 'dev-officer',
    createdAt,
    updatedAt: cancelled ? new Date(publishedAt.getTime() + DAY) : publishedAt,
    publishedAt,
    cancelledAt: cancelled ? new Date(publishedAt.getTime() + DAY) : null,
    cancelReason: cancelled ? '情况已处理完毕' : null,
  }
}

/**
 * Read mark i: resident i read one alert. Every other mark is on `statsAlertId` (the alert whose stats are
 * measured, targeted at every village), the rest spread over the historical alerts that exist at that size.
 * Stored like alerts.markRead/ack.
 */
export function readMark(i: number, now: Date, statsAlertId: string, historyCount: number): ReadMark & { counted: boolean } {
  const openid = residentId(i)
  const onStats = i % 2 === 0 || historyCount === 0
  const j = onStats ? -1 : mix(i) % historyCount
  const alertId = onStats ? statsAlertId : historyAlertId(j)
  const target = onStats ? 'all' : historyTarget(j)
  const villageId = villageOf(i)
  const acked = i % 3 !== 0
  const readAt = new Date(now.getTime() - (1 + (i % 48)) * HOUR)
  return {
    _id: readMarkId(alertId, openid),
    alertId,
    openid,
    villageId,
    revision: 1,
    readAt,
    acked,
    ackedAt: acked ? readAt : null,
    counted: target === 'all' || target.includes(villageId),
  }
}


// ---------------------------------------------------------------------------------------------------------------
// Bookings history — issue 5. 20 bookings per day going back from yesterday, with their seat counters,
// plus one closed errand and one finished home visit per 10 bookings.

export const BOOKINGS_PER_DAY = 20
const SLOT_TIMES = ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30']
const BOOKING_SERVICES = SEED_SERVICES.filter((s) => s.kinds.includes('booking'))

function serviceEvent(at: Date, from: string | null, to: string, actor: ServiceEvent['actor'], by: string, note?: string): ServiceEvent {
  return { at, from, to, actor, by, ...(note ? { note } : {}) }
}

export function historyBooking(i: number, now: Date): BookingDoc {
  const day = addDays(stationDay(now), -1 - Math.floor(i / BOOKINGS_PER_DAY))
  const k = i % BOOKINGS_PER_DAY
  const service = pick(BOOKING_SERVICES, k)
  const time = pick(SLOT_TIMES, Math.floor(k / BOOKING_SERVICES.length) * 3 + (Math.floor(i / BOOKINGS_PER_DAY) % 3))
  const start = stationInstant(day, time)
  const end = new Date(start.getTime() + 30 * 60_000)
  const made = new Date(start.getTime() - (1 + (i % 5)) * DAY)
  const r = mix(i) % 100
  const status: BookingDoc['status'] = r < 80 ? 'completed' : r < 92 ? 'cancelled' : 'no_show'
  const openid = residentId(mix(i) % 5000)
  const timeline: ServiceEvent[] = [serviceEvent(made, null, 'booked', 'resident', openid, `预约${Number(day.slice(5, 7))}月${Number(day.slice(8))}日 ${time}`)]
  if (status === 'completed') {
    timeline.push(serviceEvent(new Date(start.getTime() - 5 * 60_000), 'booked', 'checked_in', 'officer', 'dev-officer'))
    timeline.push(serviceEvent(new Date(start.getTime() + 20 * 60_000), 'checked_in', 'completed', 'officer', 'dev-officer'))
  }
  if (status === 'cancelled') timeline.push(serviceEvent(new Date(start.getTime() - DAY), 'booked', 'cancelled', 'resident', openid, '家里有事'))
  if (status === 'no_show') timeline.push(serviceEvent(new Date(start.getTime() + DAY), 'booked', 'no_show', 'system', 'cron', '预约当天没有到场'))
  return {
    _id: `bench-bk-${String(i).padStart(6, '0')}`,
    openid,
    serviceId: service.id,
    serviceName: service.name,
    name: personName(i),
    phone: phoneOf(i),
    villageId: villageOf(mix(i) % 5000),
    status,
    slotKey: `${day}T${time}`,
    day,
    time,
    endTime: stationTime(end),
    start,
    end,
    afterHours: null,
    code: (mix(i) % 2_000_000_000).toString(36).toUpperCase().padStart(6, 'X').slice(-6),
    reminded: true,
    timeline,
    rating: status === 'completed' && i % 4 === 0 ? { score: 5, comment: '民警很耐心', at: end } : null,
    createdAt: made,
    createdKey: made.toISOString(),
    updatedAt: timeline[timeline.length - 1].at,
  }
}

/** Seat counters of a batch of historical bookings (a cancelled booking gave its seat back). */
export function seatsFor(bookings: readonly BookingDoc[]): SeatDoc[] {
  const seats = new Map<string, SeatDoc>()
  for (const b of bookings) {
    const id = `${b.serviceId}|${b.slotKey}`
    const seat = seats.get(id) ?? { _id: id, serviceId: b.serviceId, day: b.day, slotKey: b.slotKey, taken: 0 }
    if (b.status !== 'cancelled') seat.taken += 1
    seats.set(id, seat)
  }
  return [...seats.values()]
}

export function historyErrand(j: number, now: Date): ErrandDoc {
  const service = pick(SEED_SERVICES.filter((s) => s.kinds.includes('errand')), j)
  const createdAt = new Date(now.getTime() - 4 * DAY - j * 2 * DAY)
  const openid = residentId(mix(j + 7) % 5000)
  const done = j % 9 !== 0
  const status: ErrandDoc['status'] = done ? 'completed' : j % 2 === 0 ? 'rejected' : 'cancelled'
  const timeline = [
    serviceEvent(createdAt, null, 'submitted', 'resident', openid),
    serviceEvent(new Date(createdAt.getTime() + 2 * HOUR), 'submitted', status === 'rejected' ? 'rejected' : 'accepted', 'officer', 'dev-officer'),
  ]
  return {
    _id: `bench-er-${String(j).padStart(6, '0')}`,
    openid,
    serviceId: service.id,
    serviceName: service.name,
    name: personName(j),
    phone: phoneOf(j),
    villageId: villageOf(mix(j + 7) % 5000),
    status,
    materials: service.materials.map((m) => ({ id: m.id, name: m.name, checked: true })),
    photos: [],
    handover: j % 2 === 0 ? 'pickup' : 'delivery',
    address: j % 2 === 0 ? '' : `${villageName(villageOf(j))}${(j % 9) + 1}社`,
    note: '',
    reason: status === 'rejected' ? '材料不全' : '',
    timeline,
    rating: null,
    createdAt,
    createdKey: createdAt.toISOString(),
    updatedAt: timeline[timeline.length - 1].at,
  }
}

export function historyHomeVisit(j: number, now: Date): HomeVisitDoc {
  const service = pick(SEED_SERVICES.filter((s) => s.kinds.includes('home_visit')), j)
  const day = addDays(stationDay(now), -3 - j * 2)
  const createdAt = new Date(stationInstant(day, '09:00').getTime() - 2 * DAY)
  const openid = residentId(mix(j + 11) % 5000)
  const villageId = villageOf(j)
  const start = stationInstant(day, '15:00')
  const status: HomeVisitDoc['status'] = j % 10 === 0 ? 'cancelled' : 'completed'
  return {
    _id: `bench-dv-${String(j).padStart(6, '0')}`,
    openid,
    serviceId: service.id,
    serviceName: service.name,
    name: personName(j),
    phone: phoneOf(j),
    status,
    reason: '老人腿脚不便，不能到所里',
    basis: 'elderly',
    age: 70 + (j % 20),
    villageId,
    address: `${villageName(villageId)}${(j % 9) + 1}社${(j % 40) + 1}号`,
    location: null,
    preferredDays: [day],
    officer: 'dev-officer',
    officerName: '王警官',
    day,
    start,
    end: new Date(start.getTime() + HOUR),
    reminded: true,
    timeline: [
      serviceEvent(createdAt, null, 'requested', 'resident', openid),
      serviceEvent(new Date(createdAt.getTime() + 3 * HOUR), 'requested', 'confirmed', 'officer', 'dev-officer'),
      serviceEvent(new Date(start.getTime() + HOUR), 'confirmed', status, 'officer', 'dev-officer'),
    ],
    rating: null,
    createdAt,
    createdKey: createdAt.toISOString(),
    updatedAt: new Date(start.getTime() + HOUR),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reports history — issue 6. Four reports a day going back from now (so both cluster windows hold the same
// recent reports at every size); recent ones in every state, older ones almost all closed.

export const REPORTS_PER_DAY = 4
const REPORT_SPACING = DAY / REPORTS_PER_DAY
const BRANDS = ['绿野', '丰收宝', '金禾', '农家乐', '沃土']
const SHOPS = ['流动商贩（开白色面包车）', '平川为农农资店', '芦湾农资门市', '集市摊位']
const ITEMS = [
  { name: '电动车电瓶', value: 450 },
  { name: '大塑料水桶', value: 60 },
  { name: '铜芯电线', value: 300 },
  { name: '羊', value: 1200 },
  { name: '三轮车', value: 2500 },
]
const OPEN: readonly ReportStatus[] = ['submitted', 'accepted', 'investigating']
const CLOSED: readonly ReportStatus[] = ['resolved', 'resolved', 'resolved', 'rejected', 'transferred', 'withdrawn']

export function historyReport(i: number, now: Date): ReportDoc {
  const at = new Date(now.getTime() - 2 * HOUR - i * REPORT_SPACING)
  const ageDays = (now.getTime() - at.getTime()) / DAY
  const r = mix(i) % 100
  // Recent: a third still open; older than a month: 1 in 100 left open (the overdue tail officers filter for).
  const status: ReportStatus = ageDays < 30 ? (r < 35 ? pick(OPEN, r) : pick(CLOSED, r)) : r < 1 ? 'submitted' : pick(CLOSED, r)
  const type = i % 2 === 0 ? ('theft' as const) : ('fake_pesticide' as const)
  const villageId = villageOf(mix(i) >>> 4)
  const reporterIndex = mix(i + 3) % 5000
  const reporter = residentId(reporterIndex)
  const anonymous = r % 5 === 0
  const officer = pick(OFFICERS, i)
  const assigned = status !== 'submitted' || r % 2 === 0
  const timeline: ReportEvent[] = [reportCreated({ id: reporter }, at)]
  const acceptedAt = status === 'submitted' ? null : new Date(at.getTime() + 3 * HOUR)
  if (acceptedAt) timeline.push({ at: acceptedAt, actor: { kind: 'officer', ...officer }, action: 'accept', status: 'accepted', note: '', public: true })
  const closed = !OPEN.includes(status)
  const closedAt = closed ? new Date(at.getTime() + 2 * DAY) : null
  if (closedAt) timeline.push({ at: closedAt, actor: { kind: 'officer', ...officer }, action: status, status, note: status === 'resolved' ? '已查明处理' : '', public: true })
  const base = {
    // Unique within any station day, even the 1986–1991 summers when Asia/Shanghai kept daylight time and a
    // station day could hold five of these reports.
    _id: caseNumber(at, 100 + (i % 5000)),
    status,
    reporter,
    anonymous,
    contact: anonymous ? null : { name: personName(reporterIndex), phone: phoneOf(reporterIndex) },
    villageId,
    photos: [],
    contentFlag: 'pass' as const,
    assignee: assigned ? officer.id : null,
    assigneeName: assigned ? officer.name : null,
    transferredTo: status === 'transferred' ? '农业农村局' : null,
    result: status === 'resolved' ? '已查明处理' : null,
    timeline,
    createdAt: at,
    updatedAt: timeline[timeline.length - 1].at,
    acceptedAt,
    closedAt,
  }
  if (type === 'theft') {
    const item = pick(ITEMS, mix(i) >>> 12)
    return {
      ...base,
      type,
      theft: {
        items: [item],
        from: new Date(at.getTime() - 12 * HOUR),
        to: new Date(at.getTime() - 2 * HOUR),
        place: `${villageName(villageId)}${(i % 9) + 1}社`,
      },
      clusterKey: theftClusterKey(villageId),
      clusterLabel: villageName(villageId),
    }
  }
  const brand = pick(BRANDS, mix(i) >>> 6)
  const shop = pick(SHOPS, mix(i) >>> 10)
  return {
    ...base,
    type,
    pesticide: {
      product: '除草剂',
      brand,
      shop,
      boughtAt: new Date(at.getTime() - 20 * DAY),
      amountPaid: 80 + (i % 300),
      crop: pick(['玉米', '小麦', '果园', '蔬菜大棚'], i),
      areaMu: 1 + (i % 20),
      damage: '打了药以后没有效果，庄稼还受了药害。',
    },
    clusterKey: pesticideClusterKey(brand, shop),
    clusterLabel: pesticideClusterLabel(brand, shop),
  }
}
