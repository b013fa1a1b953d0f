// Actions of the `reports` function: villagers report fake pesticide and minor theft; officers work the cases.
//
// Photos: the app uploads each photo of a draft under the folder `account.uploadPrefix` gave that draft (random, new for
// every draft); a CloudBase fileID carries that path, so the server accepts only file ids in folders it gave the caller,
// and only real images (see @server/uploads). Paths and URLs are shown to officers and must not link one of a person's
// records to another.
import * as v from 'valibot'
import type { AlertCategory, AlertSeverity } from '@domain/alerts'
import { REPORT_STATUS_VALUES, REPORT_TYPE_VALUES, type PhotoCheck, type ReporterForOfficer, type ReportStatus, type ReportType } from '@domain/reports'
import type { MoveNeeds } from '@domain/reports-lifecycle'
import { defineAction, EVERYONE, STAFF, SYSTEM, type IsoDate } from './core'
import { cursor, date, id, optionalText, pageSize, text, token } from './fields'
import { fromVisit } from './households-ref'

/** The largest plausible damaged area in one report, in 亩. */
export const AREA_MU_MAX = 10_000

export const PHOTOS_MAX = 9
export const PHOTOS_TOTAL_MAX = 18
export const NOTE_MAX = 500

const photos = v.optional(
  v.pipe(
    v.array(v.pipe(v.string('照片格式不对'), v.minLength(1, '照片格式不对'), v.maxLength(512, '照片格式不对')), '照片格式不对'),
    v.maxLength(PHOTOS_MAX, `照片最多${PHOTOS_MAX}张，请删掉几张再提交`),
  ),
  [],
)

function money(label: string) {
  return v.pipe(v.number(`${label}要填数字`), v.minValue(0, `${label}不能是负数`), v.maxValue(10_000_000, `${label}太大了，请检查`))
}

const anonymous = v.optional(v.boolean('匿名选项不对'), false)

const pesticideEntries = {
  type: v.literal('fake_pesticide'),
  product: text('农药名称', 50),
  brand: text('品牌或厂家', 50),
  registrationNo: optionalText('农药登记证号', 30),
  batchNo: optionalText('批号', 30),
  /** Shop name; a travelling seller is written as such (e.g. 流动商贩). */
  shop: text('在哪里买的', 50),
  /** Village where it was bought; defaults to the reporter's village. */
  villageId: v.optional(id('村')),
  address: optionalText('详细地址', 100),
  /** A standard address (一标), e.g. filled in from a doorplate scan. */
  addressId: v.optional(id('门牌地址')),
  boughtAt: date('购买日期'),
  amountPaid: v.optional(money('花了多少钱')),
  crop: text('用在什么作物上', 20),
  // One family's or one cooperative's fields: more than 10,000 亩 is a slip of the finger (an extra 0).
  areaMu: v.optional(
    v.pipe(
      v.number('面积要填数字'),
      v.gtValue(0, '面积填错了，要比0大。不知道就空着'),
      v.maxValue(AREA_MU_MAX, `面积填错了：超过${AREA_MU_MAX}亩了，请看看是不是多打了0。不知道就空着`),
    ),
  ),
  damage: text('受害情况', NOTE_MAX, { multiline: true }),
  photos,
  anonymous,
  fromVisit,
}

const theftEntries = {
  type: v.literal('theft'),
  items: v.pipe(
    v.array(v.object({ name: text('丢了什么', 30), value: v.optional(money('估计价值'), 0) }, '请填写丢了什么'), '请填写丢了什么'),
    v.minLength(1, '请至少填写一样丢的东西'),
    v.maxLength(20, '丢的东西最多填20样'),
  ),
  /** The time window: when it was last seen, and when it was found missing. */
  from: date('最后一次看到的时间'),
  to: date('发现被偷的时间'),
  villageId: id('哪个村'),
  place: text('具体地点', 100),
  /** A standard address (一标), e.g. filled in from a doorplate scan. */
  addressId: v.optional(id('门牌地址')),
  location: v.optional(
    v.object({
      latitude: v.pipe(v.number('位置不对'), v.minValue(-90, '位置不对'), v.maxValue(90, '位置不对')),
      longitude: v.pipe(v.number('位置不对'), v.minValue(-180, '位置不对'), v.maxValue(180, '位置不对')),
    }, '位置不对，请重新选择位置'),
  ),
  suspect: optionalText('看到的可疑人或车', 300, { multiline: true }),
  description: optionalText('其他情况', NOTE_MAX, { multiline: true }),
  photos,
  anonymous,
  fromVisit,
}

export const createReportRequest = v.variant('type', [v.object(pesticideEntries), v.object(theftEntries)], '请选择举报类型')
export type CreateReportInput = v.InferInput<typeof createReportRequest>

// ---------------------------------------------------------------------------------------------------------------
// Responses. Dates are ISO strings.

export interface PesticideView {
  product: string
  brand: string
  registrationNo: string
  /** False when the number given does not look like a registration number (itself a sign of a fake). */
  registrationNoPlausible: boolean | null
  batchNo: string
  shop: string
  address: string
  boughtAt: IsoDate
  amountPaid: number | null
  crop: string
  areaMu: number | null
  damage: string
}

export interface TheftView {
  items: { name: string; value: number }[]
  totalValue: number
  from: IsoDate
  to: IsoDate
  place: string
  location: { latitude: number; longitude: number } | null
  suspect: string
  description: string
}

export interface PhotoView {
  fileId: string
  /** Temporary download URL; '' when it could not be made. */
  url: string
  check: PhotoCheck
}

export interface ReportSummary {
  id: string
  /** Same as id: the case number shown to people, e.g. PC20261128-0007. */
  caseNo: string
  type: ReportType
  typeLabel: string
  title: string
  status: ReportStatus
  statusLabel: string
  open: boolean
  villageId: string
  villageName: string
  anonymous: boolean
  createdAt: IsoDate
  updatedAt: IsoDate
}

export interface PublicTimelineEntryView {
  at: IsoDate
  action: string
  label: string
  status: ReportStatus
  statusLabel: string
  note: string
  by: '您' | '派出所'
}

export interface ReporterReportView extends ReportSummary {
  view: 'reporter'
  pesticide: PesticideView | null
  theft: TheftView | null
  /** The reporter's own photos, except any the media check found risky. */
  photos: PhotoView[]
  timeline: PublicTimelineEntryView[]
  result: string | null
  transferredTo: string | null
  canSupplement: boolean
  canWithdraw: boolean
}

export interface ClusterMark {
  key: string
  count: number
  /** e.g. 同一品牌和店铺近90天 3 起 */
  summary: string
}

export interface OfficerListItem extends ReportSummary {
  /** Nothing about an anonymous reporter; otherwise name and masked phone. */
  reporter: ReporterForOfficer
  overdue: boolean
  assignee: string | null
  assigneeName: string | null
  /** The text check asked for a human look. */
  flagged: boolean
  photoCount: number
  cluster: ClusterMark | null
}

export interface OfficerTimelineEntryView {
  at: IsoDate
  action: string
  label: string
  status: ReportStatus
  statusLabel: string
  note: string
  public: boolean
  by: 'reporter' | 'officer'
  /** The officer's name; never the reporter's. */
  officerName: string | null
}

export interface MoveOption {
  to: ReportStatus
  label: string
  needs: MoveNeeds
  alwaysPublic: boolean
}

export interface OfficerReportView extends OfficerListItem {
  view: 'officer'
  pesticide: PesticideView | null
  theft: TheftView | null
  /** Photos to show; risky ones are left out and counted in `hiddenPhotos`. */
  photos: PhotoView[]
  hiddenPhotos: number
  timeline: OfficerTimelineEntryView[]
  moves: MoveOption[]
  result: string | null
  transferredTo: string | null
  acceptedAt: IsoDate | null
  closedAt: IsoDate | null
}

export interface ReportPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface CreatedReport {
  id: string
  caseNo: string
  status: ReportStatus
  /** The text check asked for a human look; the report is accepted all the same. */
  flagged: boolean
  /**
   * The subscription template of 举报进展通知 the app asks the reporter to accept (null when none is configured).
   * WeChat's one-time subscriptions need no credit bookkeeping here: a send without consent is refused by WeChat.
   */
  subscribeTemplateId: string | null
}

export interface ClusterView {
  key: string
  type: ReportType
  label: string
  count: number
  summary: string
  reportIds: string[]
  villageIds: string[]
  firstAt: IsoDate
  lastAt: IsoDate
}

/** What the alerts compose page opens (fields as `alerts.publish` takes them). */
export interface AlertDraftPayload {
  category: AlertCategory
  severity: AlertSeverity
  title: string
  body: string
  advice: string[]
  villageIds: string[]
  expiresAt: IsoDate
  source: { kind: 'report_cluster'; key: string; reportIds: string[] }
}

const reportId = v.pipe(v.string('缺少举报编号'), v.trim(), v.toUpperCase(), v.regex(/^PC\d{8}-\d{4}$/, '举报编号格式不对'))

export const reportsActions = {
  /** A villager's report. Retried with the same requestId it returns the first case number. */
  'reports.create': defineAction<CreatedReport>()({
    roles: EVERYONE,
    idempotent: true,
    request: createReportRequest,
  }),

  /** The caller's own reports, newest first. */
  'reports.mine': defineAction<ReportPage<ReportSummary>>()({
    roles: EVERYONE,
    request: v.object({ cursor, pageSize }),
  }),

  /** A reporter gets the public view of their own report; staff get the full view (phone shown and audited). */
  'reports.get': defineAction<ReporterReportView | OfficerReportView>()({
    roles: EVERYONE,
    request: v.object({ id: reportId }),
  }),

  /** The officers' queue. `assigned`: 'me', 'none', or an officer's openid. */
  'reports.list': defineAction<ReportPage<OfficerListItem>>()({
    roles: STAFF,
    request: v.object({
      type: v.optional(v.picklist(REPORT_TYPE_VALUES, '举报类型不对')),
      status: v.optional(v.picklist(REPORT_STATUS_VALUES, '状态不对')),
      villageId: v.optional(id('村')),
      assigned: v.optional(id('指派对象')),
      overdue: v.optional(v.boolean('超时筛选不对')),
      cursor,
      pageSize,
    }),
  }),

  /** An officer's move through the lifecycle. `public: false` keeps the event from the reporter where allowed. */
  'reports.transition': defineAction<OfficerReportView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: reportId,
      to: v.picklist(REPORT_STATUS_VALUES, '要改成的状态不对'),
      note: optionalText('说明', NOTE_MAX, { multiline: true }),
      agency: optionalText('移交部门', 30),
      public: v.optional(v.boolean('是否告诉举报人的选项不对'), true),
      /** With `to: 'accepted'`: who handles it; the accepting officer when left out (and nobody has it yet). */
      assignee: v.optional(id('受理的民警')),
    }),
  }),

  'reports.assign': defineAction<OfficerReportView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: reportId, assignee: id('指派的民警') }),
  }),

  /** The reporter adds text and photos while the case is open. */
  'reports.supplement': defineAction<ReporterReportView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.pipe(
      v.object({ id: reportId, text: optionalText('补充说明', NOTE_MAX, { multiline: true }), photos }),
      v.forward(
        v.check((i) => Boolean(i.text) || i.photos.length > 0, '请写点补充说明或加几张照片'),
        ['text'],
      ),
    ),
  }),

  /** The reporter takes the report back before the station accepts it. */
  'reports.withdraw': defineAction<ReporterReportView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: reportId, reason: optionalText('撤回原因', 100, { multiline: true }) }),
  }),

  'reports.clusters': defineAction<{ clusters: ClusterView[] }>()({
    roles: STAFF,
    request: v.object({ type: v.optional(v.picklist(REPORT_TYPE_VALUES, '举报类型不对')) }),
  }),

  'reports.draftAlertFromCluster': defineAction<AlertDraftPayload>()({
    roles: STAFF,
    request: v.object({ key: token('缺少分组', '分组不对', 200, 3) }),
  }),

  /**
   * The result of an asynchronous photo check. WeChat pushes it as a `wxa_media_check` message event; the function
   * entry turns that event into this action. No user can call it.
   */
  'reports.mediaCheckResult': defineAction<{ updated: number }>()({
    roles: [SYSTEM],
    request: v.object({
      traceId: id('检测编号'),
      suggest: v.picklist(['pass', 'review', 'risky'], '检测结果不对'),
    }),
  }),
} as const
