// Actions of the `services` function: the catalog, the schedule, bookings, errands (代办), home visits (上门),
// the officer console and reminder subscriptions. How a done record went is asked by `followups` (回访).
import * as v from 'valibot'
import type { Actor, AnyStatus, ServiceKind } from '@domain/service-lifecycles'
import type { AfterHoursKind, HomeVisitBasis, ScheduleConfig } from '@domain/schedule'
import type { DayBlock, DaySummary, SlotState } from '@domain/slots'
import { defineAction, EVERYONE, STAFF, type IsoDate } from './core'
import { day, fileIds, id, isCalendarDay, mobile, optionalText, personName, text, textOrEmpty, token } from './fields'

/** The ages a 上门 request may carry: anything outside is a typo. */
export const HOME_VISIT_AGE_MIN = 1
export const HOME_VISIT_AGE_MAX = 120

export interface MaterialItem {
  id: string
  name: string
  /** Must be ticked before an errand is submitted. */
  required: boolean
  note?: string
}

export interface ServiceInfo {
  id: string
  name: string
  /** One line shown on the tile. */
  summary: string
  kinds: ServiceKind[]
  materials: MaterialItem[]
  /** How long the desk needs, shown to residents. */
  durationMinutes: number
  /** Offers noon 错时, evening 延时 and weekend slots. */
  afterHours: boolean
  /** Who may ask for a home visit for this service. */
  homeVisitFor: HomeVisitBasis[]
  /** Seats per slot; the schedule's capacity when absent. */
  capacity?: number
  active: boolean
  order: number
}

export interface Catalog {
  services: ServiceInfo[]
  /** Subscription message template ids the app asks the resident to accept, by purpose. */
  templates: Partial<Record<SubscriptionPurpose, string>>
}

export interface ScheduleView {
  schedule: ScheduleConfig
  /** The days that can be booked now, closed ones marked. */
  days: DaySummary[]
}

export interface SlotView {
  key: string
  /** `HH:mm` station time. */
  time: string
  endTime: string
  start: IsoDate
  end: IsoDate
  afterHours: AfterHoursKind | null
  /** 错时 / 延时 / 周末, or null. */
  mark: string | null
  capacity: number
  seatsLeft: number
  state: SlotState
}

export interface SlotsView {
  serviceId: string
  day: string
  open: boolean
  note?: string
  block: DayBlock | null
  slots: SlotView[]
}

export interface TimelineEntry {
  at: IsoDate
  from: string | null
  to: string
  /** The status label after this step, e.g. 已受理. */
  label: string
  actor: Actor
  note?: string
}

interface RecordBase {
  id: string
  serviceId: string
  serviceName: string
  status: AnyStatus
  statusLabel: string
  /** Open (still in progress), done (completed) or closed (cancelled, rejected, no-show). */
  statusType: 'open' | 'done' | 'closed'
  /** Residents see their own; officers see names and masked phones. */
  name: string
  phone: string
  timeline: TimelineEntry[]
  /** Statuses the caller may move this record to. */
  next: AnyStatus[]
  createdAt: IsoDate
}

export interface BookingView extends RecordBase {
  kind: 'booking'
  day: string
  time: string
  endTime: string
  start: IsoDate
  afterHours: AfterHoursKind | null
  mark: string | null
  code: string
  canChange: boolean
}

export type Handover = 'pickup' | 'delivery'

export const HANDOVER_LABELS: Record<Handover, string> = { pickup: '到派出所取', delivery: '送到家' }

export interface ErrandView extends RecordBase {
  kind: 'errand'
  materials: { id: string; name: string; checked: boolean }[]
  /** Cloud file ids of the document photos (private storage). */
  photos: string[]
  /** Short-lived download URLs of `photos`, for the owner and staff. */
  photoUrls: string[]
  handover: Handover
  address: string
  note: string
  /** The officer's reason when rejected. */
  reason: string
}

export interface MapPoint {
  latitude: number
  longitude: number
}

export interface HomeVisitPlan {
  officer: string
  officerName: string
  day: string
  start: IsoDate
  end: IsoDate
  /** `HH:mm-HH:mm` station time. */
  window: string
}

export interface HomeVisitView extends RecordBase {
  kind: 'home_visit'
  reason: string
  basis: HomeVisitBasis
  age: number | null
  villageId: string
  address: string
  location: MapPoint | null
  preferredDays: string[]
  plan: HomeVisitPlan | null
}

export type ServiceRecord = BookingView | ErrandView | HomeVisitView

export interface MineView {
  items: ServiceRecord[]
}

export interface AgendaDay {
  day: string
  bookings: BookingView[]
  homeVisits: HomeVisitView[]
}

export interface AgendaView {
  /** Today and tomorrow (or the day asked for and the next). */
  days: AgendaDay[]
  /** Errands still open, oldest first. */
  errands: ErrandView[]
  /** Home visit requests waiting for an officer and a time, oldest first. */
  requests: HomeVisitView[]
}

export type SubscriptionPurpose = 'reminder' | 'progress'
export const SUBSCRIPTION_PURPOSES: readonly SubscriptionPurpose[] = ['reminder', 'progress']

export interface Credits {
  credits: Record<SubscriptionPurpose, number>
}

export interface QrView {
  code: string
  /** `data:image/png;base64,...` */
  image: string
}

const SERVICE_KIND_VALUES = ['booking', 'errand', 'home_visit'] as const
const BASIS_VALUES = ['elderly', 'disabled', 'seriously_ill'] as const
const AFTER_HOURS_VALUES = ['noon', 'evening', 'weekend'] as const

/** A real calendar day, `YYYY-MM-DD` (see `fields.day`). */
export const dayString = day

const hhmm = (label: string) => v.pipe(v.string(`请填写${label}`), v.trim(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}要写成 08:30 这样`))

const slotKey = v.pipe(
  v.string('请选择时段'),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, '时段格式不对，请重新选择时段'),
  v.check((s) => isCalendarDay(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), '时段格式不对，请重新选择时段'),
)

const intIn = (label: string, min: number, max: number) =>
  v.pipe(v.number(`${label}要填数字`), v.integer(`${label}要填整数`), v.minValue(min, `${label}最小是${min}`), v.maxValue(max, `${label}最大是${max}`))

const timeWindow = v.object({
  start: hhmm('开始时间'),
  end: hhmm('结束时间'),
  afterHours: v.optional(v.picklist(AFTER_HOURS_VALUES, '错时延时类型不对')),
}, '办公时间格式不对')

const windows = v.pipe(v.array(timeWindow, '办公时间格式不对'), v.maxLength(8, '一天最多8个时间段'))

export const scheduleSchema = v.object({
  weekly: v.pipe(v.array(windows, '每周安排格式不对'), v.length(7, '每周要有7天的安排')),
  exceptions: v.pipe(
    v.array(
      v.object({
        date: dayString('特殊日期'),
        closed: v.boolean('请选择这天是否休息'),
        windows: v.optional(windows),
        note: text('说明', 30),
      }, '特殊日期格式不对'),
      '特殊日期格式不对',
    ),
    v.maxLength(200, '特殊日期最多200个'),
  ),
  slotMinutes: intIn('每个时段分钟数', 10, 240),
  capacity: intIn('每个时段名额', 1, 50),
  horizonDays: intIn('可预约天数', 1, 60),
  cutoffMinutes: intIn('提前截止分钟数', 0, 2880),
  maxActivePerService: intIn('每项业务可同时预约次数', 1, 5),
  maxPerDay: intIn('每天可预约次数', 1, 10),
  noShow: v.object({
    limit: intIn('爽约次数', 1, 10),
    windowDays: intIn('爽约统计天数', 1, 365),
    blockDays: intIn('暂停预约天数', 0, 365),
  }, '请填写爽约规则'),
  homeVisit: v.object({
    bases: v.pipe(v.array(v.picklist(BASIS_VALUES, '上门对象不对'), '上门对象格式不对'), v.maxLength(BASIS_VALUES.length, '上门对象选重复了')),
    minAge: intIn('上门老人年龄', 50, 100),
    bufferMinutes: intIn('上门路程间隔分钟数', 0, 240),
  }, '请填写上门服务规则'),
})

const serviceSchema = v.object({
  id: v.pipe(v.string('缺少业务编号'), v.trim(), v.regex(/^[a-z][a-z0-9_-]{1,31}$/, '业务编号用小写字母、数字，2到32位')),
  name: text('业务名称', 20),
  summary: textOrEmpty('简介', 60),
  kinds: v.pipe(v.array(v.picklist(SERVICE_KIND_VALUES, '办理方式不对'), '请选择办理方式'), v.minLength(1, '请至少选择一种办理方式'), v.maxLength(SERVICE_KIND_VALUES.length, '办理方式选重复了')),
  materials: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string('材料编号不对'), v.trim(), token('材料编号不对', '材料编号不对', 32)),
        name: text('材料名称', 40),
        required: v.optional(v.boolean('是否必需格式不对'), true),
        note: optionalText('材料说明', 60),
      }, '材料清单格式不对'),
      '材料清单格式不对',
    ),
    v.maxLength(20, '材料最多20项'),
  ),
  durationMinutes: intIn('办理时长', 5, 240),
  afterHours: v.boolean('请选择是否提供错时延时服务'),
  homeVisitFor: v.optional(v.pipe(v.array(v.picklist(BASIS_VALUES, '上门对象不对'), '上门对象格式不对'), v.maxLength(BASIS_VALUES.length, '上门对象选重复了')), []),
  capacity: v.optional(intIn('每个时段名额', 1, 50)),
  active: v.optional(v.boolean('是否上线格式不对'), true),
  order: v.optional(intIn('排序', 0, 999), 100),
})

const kind = v.picklist(SERVICE_KIND_VALUES, '办事类型不对')
const recordId = id('办事记录编号')

const mapPoint = v.object({
  latitude: v.pipe(v.number('位置格式不对'), v.minValue(-90, '位置格式不对'), v.maxValue(90, '位置格式不对')),
  longitude: v.pipe(v.number('位置格式不对'), v.minValue(-180, '位置格式不对'), v.maxValue(180, '位置格式不对')),
}, '位置格式不对，请重新选择位置')

export const servicesActions = {
  'services.catalog': defineAction<Catalog>()({ roles: EVERYONE, request: v.object({}) }),
  'services.saveService': defineAction<ServiceInfo>()({
    roles: STAFF,
    idempotent: true,
    request: serviceSchema,
  }),
  'services.schedule': defineAction<ScheduleView>()({ roles: EVERYONE, request: v.object({}), anyCaller: true }),
  'services.saveSchedule': defineAction<ScheduleView>()({
    roles: STAFF,
    idempotent: true,
    request: scheduleSchema,
  }),
  'services.slots': defineAction<SlotsView>()({
    roles: EVERYONE,
    request: v.object({ serviceId: id('业务'), day: dayString('日期') }),
  }),
  'services.book': defineAction<BookingView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ serviceId: id('业务'), slot: slotKey, name: personName, phone: mobile }),
  }),
  'services.cancel': defineAction<BookingView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: recordId, note: optionalText('取消原因', 100, { multiline: true }) }),
  }),
  'services.reschedule': defineAction<BookingView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: recordId, slot: slotKey }),
  }),
  'services.mine': defineAction<MineView>()({ roles: EVERYONE, request: v.object({}) }),
  'services.checkInQr': defineAction<QrView>()({
    roles: EVERYONE,
    request: v.object({ id: recordId }),
  }),
  'services.requestErrand': defineAction<ErrandView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      serviceId: id('业务'),
      /** Ids of the materials the resident ticked as ready. */
      materials: v.pipe(v.array(token('材料格式不对', '材料格式不对', 32, 0), '请勾选准备好的材料'), v.maxLength(20, '材料最多20项')),
      photos: fileIds('证件照片', 9),
      name: personName,
      phone: mobile,
      handover: v.picklist(['pickup', 'delivery'] as const, '请选择到派出所取还是送到家'),
      address: textOrEmpty('地址', 100),
      note: optionalText('补充说明', 200, { multiline: true }),
    }),
  }),
  'services.requestHomeVisit': defineAction<HomeVisitView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      serviceId: id('业务'),
      reason: text('上门原因', 200, { multiline: true }),
      basis: v.picklist(BASIS_VALUES, '请选择为什么需要上门'),
      // Plausible ages only: a typo like -3 or 780 is told it is wrong, not that the person is too young.
      age: v.optional(
        v.pipe(
          v.number('年龄要填数字'),
          v.integer('年龄填错了，请填整岁，例如 78'),
          v.minValue(HOME_VISIT_AGE_MIN, '年龄填错了，请填老人的实际岁数，例如 78'),
          v.maxValue(HOME_VISIT_AGE_MAX, '年龄填错了，请填老人的实际岁数，例如 78'),
        ),
      ),
      name: personName,
      phone: mobile,
      villageId: id('所在村'),
      address: textOrEmpty('地址', 100),
      /** A standard address (一标), when the request starts from a doorplate scan. */
      addressId: v.optional(id('门牌地址')),
      location: v.optional(mapPoint),
      preferredDays: v.pipe(
        v.array(dayString('希望上门的日子'), '请选择希望上门的日子'),
        v.minLength(1, '请至少选一个希望上门的日子'),
        v.maxLength(5, '希望上门的日子最多选5天'),
      ),
    }),
  }),
  'services.agenda': defineAction<AgendaView>()({
    roles: STAFF,
    request: v.object({ day: v.optional(dayString('日期')) }),
  }),
  'services.checkIn': defineAction<BookingView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ code: v.pipe(v.string('请输入签到码'), v.trim(), token('请输入签到码', '签到码不对', 200)) }),
  }),
  'services.transition': defineAction<ServiceRecord>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      kind,
      id: recordId,
      to: token('请选择要改成什么状态', '状态不对', 20, 0),
      note: optionalText('说明', 200, { multiline: true }),
    }),
  }),
  'services.scheduleHomeVisit': defineAction<HomeVisitView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: recordId,
      /** Defaults to the calling officer. */
      officer: v.optional(id('上门民警')),
      day: dayString('上门日期'),
      start: hhmm('开始时间'),
      end: hhmm('结束时间'),
      note: optionalText('说明', 200, { multiline: true }),
    }),
  }),
  'services.subscribe': defineAction<Credits>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      accepted: v.pipe(v.array(v.picklist(SUBSCRIPTION_PURPOSES, '提醒类型不对'), '提醒类型不对'), v.maxLength(4, '提醒类型不对')),
    }),
  }),
} as const
