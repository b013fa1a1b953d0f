// Demo services of 平川派出所: the catalog with materials, the weekly schedule with noon 错时, evening 延时 and
// Saturday mornings, public holidays, and bookings, errands and home visits in different states.
import type { MaterialItem, ServiceInfo } from '@contract/services'
import type { TimelineEvent } from '@domain/service-lifecycles'
import { type AfterHoursKind, DEFAULT_SCHEDULE, type DayException, type ScheduleConfig, type TimeWindow, hoursFor } from '@domain/schedule'
import { addDays, stationDay, stationInstant, stationTime } from '@domain/station-time'
import { SEED_USERS } from './account'
import type { SeedDoc, SeedModule } from './index'

const OFFICER = 'dev-officer'
const DAY = 86_400_000

const m = (id: string, name: string, required = true, note?: string): MaterialItem => ({ id, name, required, ...(note ? { note } : {}) })

export const SEED_SERVICES: ServiceInfo[] = [
  {
    id: 'hukou',
    name: '户口迁移',
    summary: '迁入、迁出，结婚、投靠落户',
    kinds: ['booking', 'errand'],
    materials: [m('hukouben', '户口本原件'), m('idcard', '本人身份证原件'), m('zhunqian', '准予迁入证明', true, '迁入地派出所开具'), m('jiehun', '结婚证', false, '因结婚迁户口时带')],
    durationMinutes: 30,
    afterHours: true,
    homeVisitFor: [],
    active: true,
    order: 10,
  },
  {
    id: 'idcard',
    name: '身份证办理/补领',
    summary: '首次办理、到期换领、丢失补领',
    kinds: ['booking', 'home_visit'],
    materials: [m('hukouben', '户口本原件'), m('oldcard', '旧身份证', false, '到期换领时带'), m('photo', '证件照片', false, '不用自己带，现场免费拍照')],
    durationMinutes: 20,
    afterHours: true,
    homeVisitFor: ['elderly', 'disabled', 'seriously_ill'],
    capacity: 5,
    active: true,
    order: 20,
  },
  {
    id: 'juzhu',
    name: '居住证',
    summary: '外地户口在本地居住半年以上',
    kinds: ['booking', 'errand'],
    materials: [m('idcard', '本人身份证原件'), m('zhufang', '租房合同或房产证明'), m('gongzuo', '劳动合同或营业执照', false, '上学的带学生证')],
    durationMinutes: 20,
    afterHours: true,
    homeVisitFor: [],
    active: true,
    order: 30,
  },
  {
    id: 'wufanzui',
    name: '无犯罪记录证明',
    summary: '入职、出国、参军需要的证明',
    kinds: ['booking', 'errand'],
    materials: [m('idcard', '本人身份证原件'), m('hukouben', '户口本原件'), m('jieshaoxin', '用途说明', true, '单位开具的介绍信或函件')],
    durationMinutes: 15,
    afterHours: false,
    homeVisitFor: [],
    capacity: 3,
    active: true,
    order: 40,
  },
  {
    id: 'linshi',
    name: '临时身份证明',
    summary: '身份证丢了急用（坐车、办事）',
    kinds: ['booking', 'home_visit'],
    materials: [m('hukouben', '户口本原件'), m('photo', '近期一寸照片1张', false)],
    durationMinutes: 15,
    afterHours: true,
    homeVisitFor: ['elderly', 'seriously_ill'],
    active: true,
    order: 50,
  },
]

/** Public holidays the station closes for (fixed-date ones; the lunar ones are entered by officers each year). */
function holidays(year: number): DayException[] {
  const out: DayException[] = [{ date: `${year}-01-01`, closed: true, note: '元旦放假' }]
  for (let d = 1; d <= 5; d++) out.push({ date: `${year}-05-0${d}`, closed: true, note: '劳动节放假' })
  for (let d = 1; d <= 7; d++) out.push({ date: `${year}-10-0${d}`, closed: true, note: '国庆节放假' })
  return out
}

export function seedSchedule(now: Date): ScheduleConfig {
  const year = Number(stationDay(now).slice(0, 4))
  return { ...DEFAULT_SCHEDULE, capacity: 4, exceptions: [...holidays(year), ...holidays(year + 1)] }
}

/** The first day after `from` the station is open on a weekday (for demo bookings with 错时 and 延时 slots). */
function nextWeekday(schedule: ScheduleConfig, from: string): string {
  let day = addDays(from, 1)
  for (let i = 0; i < 30; i++, day = addDays(day, 1)) {
    const hours = hoursFor(schedule, day)
    if (hours.open && hours.windows.some((w: TimeWindow) => w.afterHours === 'evening')) return day
  }
  return addDays(from, 1)
}

function ev(at: Date, from: string | null, to: string, actor: TimelineEvent['actor'], by: string, note?: string): TimelineEvent {
  return { at, from, to, actor, by, ...(note ? { note } : {}) }
}

interface SeedBooking {
  id: string
  openid: string
  name: string
  phone: string
  service: string
  day: string
  time: string
  afterHours: AfterHoursKind | null
  status: 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled'
  code: string
}

export const seed: SeedModule = ({ now }) => {
  const schedule = seedSchedule(now)
  const today = stationDay(now)
  const next = nextWeekday(schedule, today)
  const created = new Date(now.getTime() - 2 * DAY)
  const serviceName = (id: string) => SEED_SERVICES.find((s) => s.id === id)?.name ?? id

  const bookingSpecs: SeedBooking[] = [
    { id: 'bk-demo-1', openid: 'dev-resident-1', name: '张桂兰', phone: '13900000001', service: 'hukou', day: next, time: '18:30', afterHours: 'evening', status: 'booked', code: 'KM7ACE' },
    { id: 'bk-demo-2', openid: 'dev-resident-4', name: '陈志强', phone: '13900000004', service: 'idcard', day: next, time: '09:00', afterHours: null, status: 'booked', code: 'HT4WNP' },
    { id: 'bk-demo-3', openid: 'dev-resident-5', name: '杨玉梅', phone: '13900000005', service: 'wufanzui', day: next, time: '10:00', afterHours: null, status: 'booked', code: 'RX9DFQ' },
    { id: 'bk-demo-4', openid: 'dev-resident-9', name: '王淑珍', phone: '13900000009', service: 'juzhu', day: next, time: '12:30', afterHours: 'noon', status: 'booked', code: 'GY3MKA' },
    { id: 'bk-demo-5', openid: 'dev-resident-1', name: '张桂兰', phone: '13900000001', service: 'juzhu', day: addDays(today, -10), time: '09:30', afterHours: null, status: 'completed', code: 'CW6TJH' },
    { id: 'bk-demo-6', openid: 'dev-resident-2', name: '刘建国', phone: '13900000002', service: 'idcard', day: addDays(today, -3), time: '18:00', afterHours: 'evening', status: 'cancelled', code: 'DP4EXN' },
    { id: 'bk-demo-7', openid: 'dev-resident-6', name: '黄德福', phone: '13900000006', service: 'wufanzui', day: addDays(today, -6), time: '15:00', afterHours: null, status: 'no_show', code: 'NQ7HCR' },
  ]

  const bookings: SeedDoc[] = bookingSpecs.map((b) => {
    const start = stationInstant(b.day, b.time)
    const end = new Date(start.getTime() + schedule.slotMinutes * 60_000)
    const made = new Date(Math.min(created.getTime(), start.getTime() - 3 * DAY))
    const timeline: TimelineEvent[] = [ev(made, null, 'booked', 'resident', b.openid, `预约${Number(b.day.slice(5, 7))}月${Number(b.day.slice(8))}日 ${b.time}`)]
    if (b.status === 'completed') {
      timeline.push(ev(new Date(start.getTime() - 5 * 60_000), 'booked', 'checked_in', 'officer', OFFICER))
      timeline.push(ev(new Date(start.getTime() + 20 * 60_000), 'checked_in', 'completed', 'officer', OFFICER))
    }
    if (b.status === 'cancelled') timeline.push(ev(new Date(start.getTime() - 2 * DAY), 'booked', 'cancelled', 'resident', b.openid, '家里有事'))
    if (b.status === 'no_show') timeline.push(ev(new Date(start.getTime() + DAY), 'booked', 'no_show', 'system', 'cron', '预约当天没有到场'))
    return {
      _id: b.id,
      openid: b.openid,
      serviceId: b.service,
      serviceName: serviceName(b.service),
      name: b.name,
      phone: b.phone,
      villageId: villageOf(b.openid),
      status: b.status,
      slotKey: `${b.day}T${b.time}`,
      day: b.day,
      time: b.time,
      endTime: stationTime(end),
      start,
      end,
      afterHours: b.afterHours,
      code: b.code,
      reminded: b.status !== 'booked',
      timeline,
      rating: null,
      createdAt: made,
      createdKey: made.toISOString(),
      updatedAt: timeline[timeline.length - 1].at,
    }
  })

  // Seat counters match the seeded bookings that still hold a seat.
  const seats: SeedDoc[] = bookingSpecs
    .filter((b) => b.status === 'booked' || b.status === 'checked_in')
    .map((b) => ({ _id: `${b.service}|${b.day}T${b.time}`, serviceId: b.service, day: b.day, slotKey: `${b.day}T${b.time}`, taken: 1 }))

  const t = (daysAgo: number, hour: number) => new Date(now.getTime() - daysAgo * DAY + hour * 3600_000)
  const errands: SeedDoc[] = [
    {
      _id: 'er-demo-1',
      openid: 'dev-resident-1',
      serviceId: 'wufanzui',
      serviceName: '无犯罪记录证明',
      name: '张桂兰',
      phone: '13900000001',
      villageId: villageOf('dev-resident-1'),
      status: 'in_progress',
      materials: [
        { id: 'idcard', name: '本人身份证原件', checked: true },
        { id: 'hukouben', name: '户口本原件', checked: true },
        { id: 'jieshaoxin', name: '用途说明', checked: true },
      ],
      photos: [],
      handover: 'pickup',
      address: '',
      note: '孙子参军政审要用',
      reason: '',
      timeline: [
        ev(t(3, 0), null, 'submitted', 'resident', 'dev-resident-1'),
        ev(t(3, 2), 'submitted', 'accepted', 'officer', OFFICER, '材料齐全'),
        ev(t(2, 0), 'accepted', 'in_progress', 'officer', OFFICER, '已提交县局审核'),
      ],
      rating: null,
      createdAt: t(3, 0),
      createdKey: t(3, 0).toISOString(),
      updatedAt: t(2, 0),
    },
    {
      _id: 'er-demo-2',
      openid: 'dev-resident-2',
      serviceId: 'juzhu',
      serviceName: '居住证',
      name: '刘建国',
      phone: '13900000002',
      villageId: villageOf('dev-resident-2'),
      status: 'submitted',
      materials: [
        { id: 'idcard', name: '本人身份证原件', checked: true },
        { id: 'zhufang', name: '租房合同或房产证明', checked: true },
        { id: 'gongzuo', name: '劳动合同或营业执照', checked: false },
      ],
      photos: [],
      handover: 'delivery',
      address: '芦湾村五社8号',
      note: '给在这里打工的外甥办',
      reason: '',
      timeline: [ev(t(1, 0), null, 'submitted', 'resident', 'dev-resident-2')],
      rating: null,
      createdAt: t(1, 0),
      createdKey: t(1, 0).toISOString(),
      updatedAt: t(1, 0),
    },
  ]

  const tomorrow = addDays(today, 1)
  const visits: SeedDoc[] = [
    {
      _id: 'dv-demo-1',
      openid: 'dev-resident-2',
      serviceId: 'idcard',
      serviceName: '身份证办理/补领',
      name: '刘建国',
      phone: '13900000002',
      status: 'requested',
      reason: '父亲78岁，腿脚不便，身份证过期要换',
      basis: 'elderly',
      age: 78,
      villageId: 'luwan',
      address: '芦湾村五社8号',
      location: null,
      preferredDays: [addDays(today, 2), addDays(today, 3)],
      officer: null,
      officerName: '',
      day: null,
      start: null,
      end: null,
      reminded: false,
      timeline: [ev(t(1, 1), null, 'requested', 'resident', 'dev-resident-2')],
      rating: null,
      createdAt: t(1, 1),
      createdKey: t(1, 1).toISOString(),
      updatedAt: t(1, 1),
    },
    {
      _id: 'dv-demo-2',
      openid: 'dev-resident-3',
      serviceId: 'linshi',
      serviceName: '临时身份证明',
      name: '马秀英',
      phone: '13900000003',
      status: 'confirmed',
      reason: '老伴住院卧床，住院手续要身份证明',
      basis: 'seriously_ill',
      age: null,
      villageId: 'wulidun',
      address: '五里墩村二社21号',
      location: null,
      preferredDays: [tomorrow],
      officer: OFFICER,
      officerName: '王警官',
      day: tomorrow,
      start: stationInstant(tomorrow, '15:00'),
      end: stationInstant(tomorrow, '16:00'),
      reminded: false,
      timeline: [
        ev(t(2, 0), null, 'requested', 'resident', 'dev-resident-3'),
        ev(t(1, 3), 'requested', 'confirmed', 'officer', OFFICER, `安排在${Number(tomorrow.slice(5, 7))}月${Number(tomorrow.slice(8))}日 15:00-16:00上门`),
      ],
      rating: null,
      createdAt: t(2, 0),
      createdKey: t(2, 0).toISOString(),
      updatedAt: t(1, 3),
    },
  ]

  return {
    service_catalog: SEED_SERVICES.map((s) => ({ _id: s.id, ...s, updatedAt: now })),
    service_config: [{ _id: 'schedule', schedule, updatedBy: 'seed', updatedAt: now }],
    bookings,
    slot_seats: seats,
    errands,
    home_visits: visits,
  }
}

/** A seeded resident's village, as their profile says (bookings and errands carry it). */
function villageOf(openid: string): string {
  return SEED_USERS.find((u) => u.id === openid)?.villageId ?? ''
}
