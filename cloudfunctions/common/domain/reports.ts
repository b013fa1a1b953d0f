// Reports of fake pesticide and minor theft: types, statuses, case numbers, service level, field checks and
// the officer-facing projection that keeps an anonymous reporter anonymous. Pure: `now` is always passed in.
import { typeLabel, type ReportStatus, type ReportType } from './report-statuses'
import { stationDayKey } from './station-time'

// ---------------------------------------------------------------------------------------------------------------
// Types and statuses: one table each, in ./report-statuses (small, so the 举报 tab bundles only that), re-exported.

export * from './report-statuses'

/** Agencies a report can be handed to. Free text is allowed too; these are the usual ones. */
export const TRANSFER_AGENCIES: readonly string[] = ['农业农村局', '市场监督管理局', '县公安局刑侦大队', '乡镇综治中心', '村委会']

// ---------------------------------------------------------------------------------------------------------------
// Case numbers: PC + the day in Asia/Shanghai + a per-day sequence the caller got from a counter.

export const MAX_SEQ_PER_DAY = 9999

export function caseNumber(at: Date, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ_PER_DAY) throw new RangeError(`case sequence out of range: ${seq}`)
  return `PC${stationDayKey(at)}-${String(seq).padStart(4, '0')}`
}

export const CASE_NUMBER_RE = /^PC\d{8}-\d{4}$/

// ---------------------------------------------------------------------------------------------------------------
// Service level: a report not accepted within 24 hours is overdue.

export const ACCEPT_WITHIN_MS = 24 * 3600 * 1000

export function isOverdue(report: { status: ReportStatus; createdAt: Date }, now: Date): boolean {
  return report.status === 'submitted' && now.getTime() - report.createdAt.getTime() > ACCEPT_WITHIN_MS
}

/** Reports created before this instant and still `submitted` are overdue. */
export function overdueBefore(now: Date): Date {
  return new Date(now.getTime() - ACCEPT_WITHIN_MS)
}

// ---------------------------------------------------------------------------------------------------------------
// Rate limit.

export const MAX_REPORTS_PER_DAY = 5

// ---------------------------------------------------------------------------------------------------------------
// Field checks that need `now` (the schema cannot know it).

export interface FieldProblem {
  field: string
  message: string
}

/** Small slack for a phone clock a little ahead of the server's. */
const CLOCK_SKEW_MS = 10 * 60 * 1000

export function checkPesticideDates(input: { boughtAt: Date }, now: Date): FieldProblem | null {
  if (input.boughtAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { field: 'boughtAt', message: '购买日期不能晚于今天，请重新选择' }
  return null
}

export function checkTheftDates(input: { from: Date; to: Date }, now: Date): FieldProblem | null {
  if (input.from.getTime() > now.getTime() + CLOCK_SKEW_MS) return { field: 'from', message: '发现被偷的时间不能晚于现在，请重新选择' }
  if (input.to.getTime() > now.getTime() + CLOCK_SKEW_MS) return { field: 'to', message: '发现被偷的时间不能晚于现在，请重新选择' }
  if (input.to.getTime() < input.from.getTime()) return { field: 'to', message: '“最晚”时间要在“最早”时间之后，请重新选择' }
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// Pesticide registration numbers (农药登记证号), checked loosely. A label with a malformed number is itself
// evidence of a fake, so a bad format never blocks a report: it is recorded and shown to officers.

/** Full-width to half-width, upper case, no spaces. */
export function normaliseRegistrationNo(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s　]+/g, '').replace(/^农药登记证号?[:：]?/, '').replace(/^登记证号?[:：]?/, '')
}

/**
 * PD (正式登记), PDN (老登记), LS (临时登记), WP / WPN / WL (卫生用药) and PE: the prefix, then the year and number
 * (e.g. PD20080001, PD20080001F for export, LS20130012, WP20080123); older forms like PD85150-6 also pass.
 */
const REGISTRATION_RE = /^(PDN?|LS|WPN?|WL|PE)\d{1,8}(-\d{1,3})?[A-Z]?$/

export function isPlausibleRegistrationNo(raw: string): boolean {
  return REGISTRATION_RE.test(normaliseRegistrationNo(raw))
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation of brand and shop names for clustering.

/** Longest first: each is stripped from the end, repeatedly. */
const NAME_SUFFIXES = [
  '有限责任公司',
  '股份有限公司',
  '农资经营部',
  '农资门市部',
  '农资商店',
  '农资店',
  '农资站',
  '有限公司',
  '经营部',
  '门市部',
  '分公司',
  '公司',
  '集团',
  '商行',
  '商店',
  '超市',
  '店',
]

/**
 * A key for comparing names typed by different people: full-width folded to half-width, lower case, no spaces or
 * punctuation, common company and shop suffixes dropped. `平川 农资店（二部）` and `平川农资店二部` give the same key.
 */
export function normaliseName(raw: string): string {
  let s = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
  let changed = true
  while (changed && s.length > 0) {
    changed = false
    for (const suffix of NAME_SUFFIXES) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length)
        changed = true
        break
      }
    }
  }
  return s
}

// ---------------------------------------------------------------------------------------------------------------
// The stored report, and what officers see of its reporter.

export interface ReportItem {
  name: string
  /** Estimated value in yuan. */
  value: number
}

export interface PesticideDetails {
  product: string
  brand: string
  registrationNo?: string
  /** False when a registration number was given but does not look like one. */
  registrationNoPlausible?: boolean
  batchNo?: string
  shop: string
  address?: string
  boughtAt: Date
  /** Yuan. */
  amountPaid?: number
  crop: string
  /** 亩. */
  areaMu?: number
  damage: string
}

export interface TheftDetails {
  items: ReportItem[]
  from: Date
  to: Date
  place: string
  location?: { latitude: number; longitude: number }
  suspect?: string
  description?: string
}

export type PhotoCheck = 'pending' | 'pass' | 'risky'

export interface ReportPhoto {
  fileId: string
  /** Trace id of the asynchronous media check; its result lands in `media_checks/<traceId>`. */
  traceId?: string
  check: PhotoCheck
  addedBy: 'reporter'
  addedAt: Date
}

export type ActorKind = 'reporter' | 'officer'

export interface TimelineEvent {
  at: Date
  actor: { kind: ActorKind; id: string; name?: string }
  action: string
  /** Status after the event. */
  status: ReportStatus
  note: string
  /** The reporter sees public events and is sent a message for each public move. */
  public: boolean
}

export interface ReportDoc {
  /** The case number, e.g. PC20261128-0007. It sorts by time, so lists page by `_id`. */
  _id: string
  type: ReportType
  status: ReportStatus
  /** OPENID of the reporter; never shown to officers when `anonymous`. */
  reporter: string
  anonymous: boolean
  /** Name and phone at the time of the report; null when anonymous (they are never copied). */
  contact: { name: string; phone: string } | null
  /** Village where it happened (theft) or where it was bought / the reporter lives (pesticide). */
  villageId: string
  /** The standard address (一标) the report is about, when the reporter chose one (e.g. from a doorplate scan). */
  addressId?: string
  pesticide?: PesticideDetails
  theft?: TheftDetails
  photos: ReportPhoto[]
  /** `review` when the text check asked for a human look. */
  contentFlag: 'pass' | 'review'
  /** Cluster this report belongs to (see report-clusters), null when there is nothing to group by. */
  clusterKey: string | null
  clusterLabel: string | null
  assignee: string | null
  assigneeName: string | null
  transferredTo: string | null
  result: string | null
  timeline: TimelineEvent[]
  createdAt: Date
  updatedAt: Date
  acceptedAt: Date | null
  closedAt: Date | null
}

/** Who an officer sees as the reporter. */
export type ReporterForOfficer = { anonymous: true } | { anonymous: false; name: string; phone: string }

/**
 * What officers may know of the reporter: nothing for an anonymous report (not even the openid), otherwise the
 * name and the phone as `showPhone` renders it (masked in lists, full on the audited detail).
 */
export function reporterForOfficer(doc: Pick<ReportDoc, 'anonymous' | 'contact'>, showPhone: (phone: string) => string): ReporterForOfficer {
  if (doc.anonymous || !doc.contact) return { anonymous: true }
  return { anonymous: false, name: doc.contact.name, phone: showPhone(doc.contact.phone) }
}

/** A one-line title of a report for lists and messages. */
export function reportTitle(doc: Pick<ReportDoc, 'type' | 'pesticide' | 'theft'>): string {
  if (doc.type === 'fake_pesticide' && doc.pesticide) return `假农药：${doc.pesticide.brand} ${doc.pesticide.product}`.slice(0, 40)
  if (doc.type === 'theft' && doc.theft) return `被盗：${doc.theft.items.map((i) => i.name).join('、')}`.slice(0, 40)
  return typeLabel(doc.type)
}

/** Photos anyone may be shown: a photo the media check found risky is hidden. */
export function visiblePhotos(photos: readonly ReportPhoto[]): ReportPhoto[] {
  return photos.filter((p) => p.check !== 'risky')
}
