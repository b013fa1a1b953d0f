// Actions of the `households` function: 一标三实 and the QR doorplates (二维码门牌).
//
// 一标: one standard address per place — 镇 → 村 → 社 (村民小组) → 门牌号 (+ 户室号), with a map point; officers create
// and correct them, each change an event with who and why. 三实: the house at the address (自住/出租/空置/经营, owner),
// its people (常住/流动/暂住, moved in/out, linked to a user once confirmed) and organisations (农资店, schools …).
// Doorplates carry only `mp=<plate id>` in the 小程序码 scene, so a plate can be re-pointed without reprinting.
//
// Privacy: a scan shows by role (anyone: address + contacts, never names, phones or 出租; a resident: their own
// household; staff: everything, audited). Phones and ID numbers are masked in lists; an ID number is shown in full
// only by `households.person` (audited). Key-person categories (`focus`) appear in staff views only.
import * as v from 'valibot'
import {
  CLAIM_AS_VALUES,
  CONCERN_TOPIC_VALUES,
  FOCUS_VALUES,
  HOUSE_USE_VALUES,
  ORG_KIND_VALUES,
  PERSON_KIND_VALUES,
  PERSON_ROLE_VALUES,
  PLATE_ID_RE,
  PLATE_PROBLEM_VALUES,
  PLATE_STATE_VALUES,
  type ClaimAs,
  type ClaimStatus,
  type ConcernTopic,
  type Focus,
  type HouseUse,
  type OrgKind,
  type PersonKind,
  type PersonRole,
  type PlateProblem,
  type PlateState,
  type VisitKind,
} from '@domain/households'
import type { AlertDraftPayload } from './reports'
import { ADMIN_ONLY, defineAction, EVERYONE, STAFF, type IsoDate } from './core'
import { CONCERNS_MAX, concernIndex } from './households-ref'
import { cursor, day, fileIds, id, mobile, optionalText, pageSize, personName, text, textOrEmpty, token } from './fields'

export const NOTES_MAX = 1000
export { CONCERNS_MAX }
export const VISIT_PHOTOS_MAX = 9
/** Plates per page of the print sheet (the app lays them out, e.g. 4×6 on A4). */
export const SHEET_PAGE_MAX = 48

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces.

const groupName = text('社', 10)
const optionalMobile = v.optional(v.union([v.literal(''), mobile], '手机号要11位数字，以1开头，请检查'), '')
/** 18-digit 居民身份证号 (last may be X); only when a form needs it. */
const idNo = v.optional(
  v.union(
    [v.literal(''), v.pipe(v.string('身份证号格式不对'), v.trim(), v.toUpperCase(), v.regex(/^\d{17}[\dX]$/, '身份证号要18位，最后一位可以是X，请检查'))],
    '身份证号要18位，最后一位可以是X，请检查',
  ),
  '',
)
const location = v.object(
  {
    latitude: v.pipe(v.number('位置不对'), v.minValue(-90, '位置不对'), v.maxValue(90, '位置不对')),
    longitude: v.pipe(v.number('位置不对'), v.minValue(-180, '位置不对'), v.maxValue(180, '位置不对')),
  },
  '位置不对，请重新选择位置',
)
const plateId = v.pipe(v.string('缺少门牌编号'), v.trim(), v.toUpperCase(), v.regex(PLATE_ID_RE, '门牌编号不对，请重新扫码'))
const addressId = id('地址')
const houseUse = v.picklist(HOUSE_USE_VALUES, '请选择房屋用途：自住、出租、空置或经营')
const personKind = v.picklist(PERSON_KIND_VALUES, '请选择常住、流动或暂住')

// ---------------------------------------------------------------------------------------------------------------
// Views. Dates are ISO strings.

export interface GeoPoint {
  latitude: number
  longitude: number
}

/** The standard address, as anyone may see it. `line` reads 平川镇平川村三社12号 (+ 户室号). */
export interface AddressView {
  id: string
  town: string
  villageId: string
  villageName: string
  group: string
  /** 门牌号 as normalised, e.g. `12` or `12-1`. */
  number: string
  room: string
  line: string
  location: GeoPoint | null
}

/** Who to call about this place; public officials' contacts only. */
export interface PlaceContacts {
  /** 社区民警 */
  officer: { name: string; phone: string } | null
  /** 网格员 */
  gridWorker: { name: string; phone: string } | null
  /** 治安户长 */
  securityHead: { name: string; phone: string } | null
  stationPhone: string
}

/** What the report / booking buttons of a scan fill in. */
export interface ScanPrefill {
  addressId: string
  villageId: string
  place: string
}

export interface PlateView {
  id: string
  scene: string
  state: PlateState
  stateLabel: string
  addressId: string | null
  /** Cloud file id of the 小程序码 image; null until generated. */
  imageFileId: string | null
  problems: { problem: PlateProblem; label: string; at: IsoDate }[]
}

export interface PublicScanView {
  view: 'public'
  plateId: string
  plateState: PlateState
  address: AddressView | null
  contacts: PlaceContacts
  prefill: ScanPrefill | null
  /** Signed-in resident who does not live here yet: may say 我住这里 / 我是房东. */
  canDeclare: boolean
  /** The caller's own pending claim for this address, if any. */
  myClaim: ClaimView | null
}

export interface PersonBrief {
  id: string
  /** Full for the resident's own household; staff lists get `maskName` only where noted. */
  name: string
  kind: PersonKind
  kindLabel: string
  role: PersonRole
  roleLabel: string
  movedInDay: string
  movedOutDay: string | null
  /** Masked. */
  phone: string
  isMe: boolean
}

export interface ResidentScanView extends Omit<PublicScanView, 'view'> {
  view: 'resident'
  /** The household the caller lives in (confirmed), when it is this address. */
  household: MyHousehold | null
}

export interface OfficerScanView extends Omit<PublicScanView, 'view'> {
  view: 'officer'
  household: OfficerHouseholdView | null
}

export type ScanView = PublicScanView | ResidentScanView | OfficerScanView

export interface MyHousehold {
  address: AddressView
  /** Household members see each other; a tenant sees only their own entry. */
  people: PersonBrief[]
  myRole: PersonRole
  /** A landlord's tenants at this address (current and past). */
  tenants: PersonBrief[]
  contacts: PlaceContacts
}

export interface MyHomeView {
  homes: MyHousehold[]
  claims: ClaimView[]
}

export interface ClaimView {
  id: string
  addressId: string
  addressLine: string
  as: ClaimAs
  asLabel: string
  status: ClaimStatus
  statusLabel: string
  /** Staff only: the claimant's name and masked phone. */
  claimant?: { name: string; phone: string }
  note: string
  reason: string
  createdAt: IsoDate
  decidedAt: IsoDate | null
}

export interface PersonView extends PersonBrief {
  addressId: string
  /** Masked unless the view is `households.person` (audited). */
  idNo: string
  relation: string
  focus: Focus
  focusLabel: string
  linked: boolean
  note: string
}

export interface HouseView {
  use: HouseUse
  useLabel: string
  ownerName: string
  /** Masked in lists. */
  ownerPhone: string
}

export interface AddressListItem extends AddressView {
  house: HouseView
  people: number
  plateId: string | null
  lastVisitAt: IsoDate | null
  /** 一号多址 / 多号一址 warnings found when it was saved. */
  warnings: string[]
}

export interface AddressEventView {
  at: IsoDate
  kind: 'created' | 'corrected' | 'imported' | 'plate'
  by: string
  reason: string
  changes: { field: string; from: string; to: string }[]
}

export interface ConcernView {
  topic: ConcernTopic
  topicLabel: string
  text: string
  /** What it became: a report number, a mediation case number, or an alert draft. */
  became: { kind: 'report' | 'mediation' | 'alert'; id: string } | null
}

export interface VisitView {
  id: string
  kind: VisitKind
  kindLabel: string
  addressId: string | null
  organisationId: string | null
  villageId: string
  villageName: string
  group: string
  place: string
  location: GeoPoint | null
  /** Server time. */
  at: IsoDate
  officerName: string
  notes: string
  concerns: ConcernView[]
  photos: { fileId: string; url: string }[]
  viaPlate: boolean
}

export interface OfficerHouseholdView extends AddressListItem {
  /** Phones shown in full: this view is audited. ID numbers stay masked (see `households.person`). */
  people: number
  residents: PersonView[]
  organisations: OrganisationView[]
  visits: VisitView[]
  reports: { id: string; title: string; statusLabel: string; createdAt: IsoDate }[]
  disputes: { id: string; title: string; statusLabel: string; createdAt: IsoDate }[]
  claims: ClaimView[]
  events: AddressEventView[]
  plate: PlateView | null
}

export interface OrganisationView {
  id: string
  kind: OrgKind
  kindLabel: string
  name: string
  addressId: string | null
  villageId: string
  villageName: string
  group: string
  addressLine: string
  contactName: string
  /** Masked in lists. */
  contactPhone: string
  note: string
  lastVisitAt: IsoDate | null
}

/** A shop as a villager picks it in a pesticide report: public business facts only. */
export interface ShopChoice {
  id: string
  name: string
  villageId: string
  addressLine: string
}

export interface GroupView {
  villageId: string
  villageName: string
  group: string
  households: number
  contacts: PlaceContacts
}

export interface PlateJobView {
  id: string
  villageId: string
  group: string | null
  status: 'running' | 'done' | 'failed'
  total: number
  done: number
  failed: number
  /** Last error from the 小程序码 API, for the officer; '' when none. */
  lastError: string
  startedAt: IsoDate
  updatedAt: IsoDate
  /** Call `households.continuePlates` while true (each call works through a batch in its time budget). */
  more: boolean
}

export interface SheetItem {
  plateId: string
  scene: string
  imageFileId: string
  /** Temporary download URL for the image; '' if it could not be made. */
  imageUrl: string
  /** Two lines under the code: `平川村三社` and `12号` (+ 户室号). */
  lines: [string, string]
  state: PlateState
}

export interface CoverageRow {
  villageId: string
  villageName: string
  group: string
  households: number
  visitedThisQuarter: number
  neverVisited: number
  lastVisitAt: IsoDate | null
  /** visitedThisQuarter / households, 0..1 (见警率). */
  rate: number
  /** The 社's map point: the mean of its addresses that have one; null when none has. */
  center: GeoPoint | null
}

export interface CoverageView {
  quarter: string
  rows: CoverageRow[]
  total: Omit<CoverageRow, 'villageId' | 'villageName' | 'group' | 'center'>
}

export interface ImportRowError {
  /** Spreadsheet row number (header is row 1). */
  row: number
  /** The Chinese header of the offending column. */
  column: string
  message: string
}

export interface ImportPreview {
  rows: number
  addresses: number
  people: number
  errors: ImportRowError[]
  /** First rows as they will be written, for the officer to eyeball. */
  sample: { line: string; use: string; owner: string; people: string[] }[]
  /** True when nothing would be refused: `households.importCommit` may be called. */
  ok: boolean
}

export interface ImportResult {
  addresses: number
  people: number
  /** Addresses that already existed and were updated rather than created. */
  updated: number
}

export interface ExportResult {
  fileId: string
  url: string
  rows: number
  masked: boolean
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** An alert draft from a visit concern, for the alerts compose page. */
export type VisitAlertDraft = Omit<AlertDraftPayload, 'source'> & { source: { kind: 'visit'; visitId: string } }

// ---------------------------------------------------------------------------------------------------------------
// Requests.

/** The shared file of a spreadsheet upload (xlsx or csv) in a folder `account.uploadPrefix` gave the caller. */
const sheetFile = token('请先选择表格文件', '表格文件不对，请重新选择', 512)

const visitTarget = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('household'), addressId, plateId: v.optional(plateId) }, '请选择走访的人家'),
    v.object(
      { kind: v.literal('field'), villageId: id('村'), group: textOrEmpty('社', 10), place: text('地点', 100), location: v.optional(location) },
      '请填写在哪里走访',
    ),
    v.object({ kind: v.literal('organisation'), organisationId: id('单位') }, '请选择走访的单位'),
  ],
  '请选择走访的是人家、田间还是单位',
)

const concern = v.object({ topic: v.picklist(CONCERN_TOPIC_VALUES, '请选择反映的是哪类事'), text: text('反映的事', 300, { multiline: true }) }, '请填写群众反映的事')

export const householdsActions = {
  // -- 一标: addresses -----------------------------------------------------------------------------------------

  /**
   * Creates an address, or corrects one (`id` with `reason`, written as an event with who and why). The number is
   * normalised (三社 / 3社, 12号 / 十二号); a second address for the same place is refused (`conflict`, 一号多址) and
   * another number at the same map point comes back as a warning (多号一址).
   */
  'households.saveAddress': defineAction<AddressListItem>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: v.optional(addressId),
      villageId: id('村'),
      group: groupName,
      number: text('门牌号', 20),
      room: textOrEmpty('户室号', 20),
      location: v.optional(location),
      use: v.optional(houseUse, 'own'),
      ownerName: textOrEmpty('房主姓名', 20),
      ownerPhone: optionalMobile,
      reason: textOrEmpty('修改原因', 200),
    }),
  }),

  /** The address book: by 村 and 社, and a text search over the address line, owner and people's names. */
  'households.searchAddresses': defineAction<Page<AddressListItem>>()({
    roles: STAFF,
    request: v.object({ villageId: v.optional(id('村')), group: optionalText('社', 10), q: optionalText('搜索内容', 30), cursor, pageSize }),
  }),

  /** The 社 of a village (or all) with household counts and contacts. */
  'households.groups': defineAction<{ groups: GroupView[] }>()({
    roles: STAFF,
    request: v.object({ villageId: v.optional(id('村')) }),
  }),

  /** Sets the 社区民警, 网格员 and 治安户长 a scan of any plate in this 社 shows. */
  'households.saveGroup': defineAction<GroupView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      villageId: id('村'),
      group: groupName,
      officerName: textOrEmpty('社区民警姓名', 20),
      officerPhone: optionalMobile,
      gridName: textOrEmpty('网格员姓名', 20),
      gridPhone: optionalMobile,
      headName: textOrEmpty('治安户长姓名', 20),
      headPhone: optionalMobile,
    }),
  }),

  /** A household in full for staff (audited): house, people, visits, reports, disputes, claims, events, plate. */
  'households.household': defineAction<OfficerHouseholdView>()({
    roles: STAFF,
    request: v.object({ id: addressId }),
  }),

  // -- 三实: people and organisations --------------------------------------------------------------------------

  /** Adds or changes a person at an address (staff). `idNo` only when needed; `focus` is for officers only. */
  'households.savePerson': defineAction<PersonView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: v.optional(id('人员')),
      addressId,
      name: personName,
      phone: optionalMobile,
      kind: personKind,
      role: v.optional(v.picklist(PERSON_ROLE_VALUES, '请选择和这户的关系'), 'member'),
      relation: textOrEmpty('与户主关系', 10),
      idNo,
      movedInDay: v.optional(day('搬来日期')),
      focus: v.optional(v.picklist(FOCUS_VALUES, '重点人员类别不对'), ''),
      note: textOrEmpty('备注', 200),
    }),
  }),

  /** Records that a person moved out (kept on record with the day). */
  'households.movePersonOut': defineAction<PersonView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: id('人员'), movedOutDay: day('搬走日期'), reason: textOrEmpty('说明', 200) }),
  }),

  /** One person in full, ID number included (audited). */
  'households.person': defineAction<PersonView>()({
    roles: STAFF,
    request: v.object({ id: id('人员') }),
  }),

  'households.saveOrganisation': defineAction<OrganisationView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: v.optional(id('单位')),
      kind: v.picklist(ORG_KIND_VALUES, '请选择单位类别'),
      name: text('单位名称', 50),
      addressId: v.optional(addressId),
      villageId: id('村'),
      group: textOrEmpty('社', 10),
      contactName: textOrEmpty('联系人', 20),
      contactPhone: optionalMobile,
      note: textOrEmpty('备注', 200),
    }),
  }),

  'households.organisations': defineAction<Page<OrganisationView>>()({
    roles: STAFF,
    request: v.object({ villageId: v.optional(id('村')), kind: v.optional(v.picklist(ORG_KIND_VALUES, '单位类别不对')), q: optionalText('搜索内容', 30), cursor, pageSize }),
  }),

  /** The 农资店 a villager can pick in a pesticide report: names and addresses only. */
  'households.shops': defineAction<{ shops: ShopChoice[] }>()({
    roles: EVERYONE,
    request: v.object({ villageId: v.optional(id('村')) }),
  }),

  // -- Doorplates ----------------------------------------------------------------------------------------------

  /**
   * Starts plate generation for a 社 or a whole village (a plate for every address without one, a 小程序码 for every
   * plate without an image) and works through a first batch; a job already running for the scope is continued.
   */
  'households.generatePlates': defineAction<PlateJobView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ villageId: id('村'), group: optionalText('社', 10) }),
  }),

  /** Works through the next batch of a plate job (resumes after a timeout, a crash or the API's rate limit). */
  'households.continuePlates': defineAction<PlateJobView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ jobId: id('生成任务') }),
  }),

  'households.plateJob': defineAction<PlateJobView>()({
    roles: STAFF,
    request: v.object({ jobId: id('生成任务') }),
  }),

  /** The printable sheet's data: plates of a 社/village with their image file ids and address lines, page by page. */
  'households.plateSheet': defineAction<Page<SheetItem>>()({
    roles: STAFF,
    request: v.object({
      villageId: id('村'),
      group: optionalText('社', 10),
      cursor,
      pageSize: v.optional(v.pipe(v.number('每页条数不对'), v.integer('每页条数不对'), v.minValue(1, '每页条数不对'), v.maxValue(SHEET_PAGE_MAX, `每页最多${SHEET_PAGE_MAX}块`)), 24),
    }),
  }),

  /** Changes a plate's state (在用/损坏/注销) or re-points it at another address; written as an event. */
  'households.setPlate': defineAction<PlateView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      plateId,
      state: v.optional(v.picklist(PLATE_STATE_VALUES, '请选择门牌状态')),
      addressId: v.optional(addressId),
      reason: text('原因', 200),
    }),
  }),

  /** Anyone who scans a plate reports a problem with it (重错漏损破). */
  'households.reportPlate': defineAction<{ received: true }>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ plateId, problem: v.picklist(PLATE_PROBLEM_VALUES, '请选择门牌有什么问题'), note: textOrEmpty('说明', 200) }),
  }),

  /** What a scan shows, by who scans (see the file header). Staff scans are audited. `scene` is `mp=<plate id>` or the id. */
  'households.scan': defineAction<ScanView>()({
    roles: EVERYONE,
    request: v.object({ scene: token('缺少门牌编号，请重新扫码', '门牌编号不对，请重新扫码', 64) }),
  }),

  // -- Residents ------------------------------------------------------------------------------------------------

  /** 我住这里 / 我是房东: pending until an officer confirms it. */
  'households.declare': defineAction<ClaimView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      addressId,
      as: v.picklist(CLAIM_AS_VALUES, '请选择我住这里或我是房东'),
      kind: v.optional(personKind, 'permanent'),
      note: textOrEmpty('说明', 200),
    }),
  }),

  /** Staff: pending declarations, oldest first. */
  'households.claims': defineAction<Page<ClaimView>>()({
    roles: STAFF,
    request: v.object({ villageId: v.optional(id('村')), cursor, pageSize }),
  }),

  /** Staff confirm (the claimant becomes a person of the household and their profile points at it) or reject. */
  'households.decideClaim': defineAction<ClaimView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: id('申报'), confirm: v.boolean('请选择确认或不通过'), reason: textOrEmpty('原因', 200) }),
  }),

  /** A confirmed landlord registers a tenant (人来登记). */
  'households.registerTenant': defineAction<PersonBrief>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      addressId,
      name: personName,
      phone: mobile,
      idNo,
      kind: v.optional(personKind, 'temporary'),
      movedInDay: day('入住日期'),
    }),
  }),

  /** The landlord records that a tenant left (人走注销). `id` is the tenant's person id. */
  'households.endTenancy': defineAction<PersonBrief>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: id('租户'), movedOutDay: day('搬走日期') }),
  }),

  /** 我的家: the caller's confirmed household(s), their tenants if a landlord, and pending declarations. */
  'households.myHome': defineAction<MyHomeView>()({
    roles: EVERYONE,
    request: v.object({}),
  }),

  // -- Visits (走访 / 田间警务) ---------------------------------------------------------------------------------

  /** An officer records a visit; the time is the server's. Photos from the caller's own upload folders. */
  'households.recordVisit': defineAction<VisitView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      target: visitTarget,
      notes: textOrEmpty('走访记录', NOTES_MAX, { multiline: true }),
      concerns: v.optional(v.pipe(v.array(concern, '反映的事格式不对'), v.maxLength(CONCERNS_MAX, `反映的事最多${CONCERNS_MAX}条`)), []),
      photos: fileIds('照片', VISIT_PHOTOS_MAX),
    }),
  }),

  'households.visits': defineAction<Page<VisitView>>()({
    roles: STAFF,
    request: v.object({ addressId: v.optional(addressId), organisationId: v.optional(id('单位')), villageId: v.optional(id('村')), mine: v.optional(v.boolean('筛选不对'), false), cursor, pageSize }),
  }),

  /**
   * A concern of a visit as an alert draft for the alerts compose page. A concern becomes a report or a dispute in one
   * call of that domain's own create action: `reports.create` / `mediation.register` with `fromVisit: { visitId,
   * concern }` (staff only); the concern then remembers what it became.
   */
  'households.alertDraft': defineAction<VisitAlertDraft>()({
    roles: STAFF,
    request: v.object({ visitId: id('走访'), concern: concernIndex }),
  }),

  /** 见警率 per 社: households visited this quarter, never visited, last visit date. */
  'households.coverage': defineAction<CoverageView>()({
    roles: STAFF,
    request: v.object({ villageId: v.optional(id('村')) }),
  }),

  // -- Import / export --------------------------------------------------------------------------------------------

  /** Reads an uploaded xlsx/csv with Chinese headers and checks every row; nothing is written. */
  'households.importPreview': defineAction<ImportPreview>()({
    roles: STAFF,
    request: v.object({ fileId: sheetFile }),
  }),

  /** Writes the sheet only if every row passes (all or nothing). */
  'households.importCommit': defineAction<ImportResult>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ fileId: sheetFile }),
  }),

  /** The same sheet back out (xlsx), phones and ID numbers masked. */
  'households.export': defineAction<ExportResult>()({
    roles: STAFF,
    request: v.object({ villageId: id('村'), group: optionalText('社', 10) }),
  }),

  /** Admin: the unmasked export, audited with its reason. */
  'households.exportFull': defineAction<ExportResult>()({
    roles: ADMIN_ONLY,
    request: v.object({ villageId: id('村'), group: optionalText('社', 10), reason: text('导出原因', 100) }),
  }),
} as const
