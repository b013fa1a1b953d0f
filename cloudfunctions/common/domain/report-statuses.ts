// Report types and statuses: one table each, read by both the function and the app (through @domain/reports, or
// directly where a page needs only the labels).

export type ReportType = 'fake_pesticide' | 'theft'

export const REPORT_TYPES: readonly { value: ReportType; label: string; short: string }[] = [
  { value: 'fake_pesticide', label: '伪劣农药', short: '假农药' },
  { value: 'theft', label: '盗窃', short: '被偷了' },
]

export type ReportStatus = 'submitted' | 'accepted' | 'investigating' | 'resolved' | 'rejected' | 'transferred' | 'withdrawn'
export type StatusType = 'open' | 'closed'

/** Every status with its label and whether the case is still being worked on. Code asks `isOpen`, never lists. */
/** `short` fits a subscription message's 5-character phrase field. */
export const REPORT_STATUSES: readonly { value: ReportStatus; label: string; short: string; type: StatusType }[] = [
  { value: 'submitted', label: '已提交，等待受理', short: '待受理', type: 'open' },
  { value: 'accepted', label: '已受理', short: '已受理', type: 'open' },
  { value: 'investigating', label: '调查中', short: '调查中', type: 'open' },
  { value: 'resolved', label: '已办结', short: '已办结', type: 'closed' },
  { value: 'rejected', label: '不予受理', short: '不予受理', type: 'closed' },
  { value: 'transferred', label: '已移交其他部门', short: '已移交', type: 'closed' },
  { value: 'withdrawn', label: '已撤回', short: '已撤回', type: 'closed' },
]

const STATUS_BY_VALUE = new Map(REPORT_STATUSES.map((s) => [s.value, s]))
const TYPE_BY_VALUE = new Map(REPORT_TYPES.map((t) => [t.value, t]))

export const REPORT_STATUS_VALUES = REPORT_STATUSES.map((s) => s.value) as [ReportStatus, ...ReportStatus[]]
export const REPORT_TYPE_VALUES = REPORT_TYPES.map((t) => t.value) as [ReportType, ...ReportType[]]

export function isOpen(status: ReportStatus): boolean {
  return STATUS_BY_VALUE.get(status)?.type === 'open'
}
export function statusLabel(status: ReportStatus): string {
  return STATUS_BY_VALUE.get(status)?.label ?? status
}
export function statusShort(status: ReportStatus): string {
  return STATUS_BY_VALUE.get(status)?.short ?? status
}
export function typeLabel(type: ReportType): string {
  return TYPE_BY_VALUE.get(type)?.label ?? type
}
export const OPEN_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((s) => s.type === 'open').map((s) => s.value)
