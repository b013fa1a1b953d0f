// What an export holds: tables with Chinese headers for the figures and for the lists behind them (reports, bookings,
// 回访), anonymous reporters as "匿名", phones masked unless the full version was asked for, and CSV that Excel opens
// as UTF-8 (a byte order mark, CRLF lines, quoted cells). Pure: the function writes the file.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { maskPhone } from './privacy'

dayjs.extend(utc)
dayjs.extend(timezone)

export type Cell = string | number
export interface Table {
  /** Sheet name (≤ 31 characters, Excel's limit). */
  name: string
  headers: string[]
  rows: Cell[][]
}

export const ANONYMOUS = '匿名'
/** Rows an export may hold; a longer list asks for a shorter period. */
export const MAX_EXPORT_ROWS = 20_000

export function stationTimeText(at: Date | string | null | undefined): string {
  if (!at) return ''
  return dayjs(at).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm')
}

/** CSV with a UTF-8 BOM so Excel reads Chinese correctly; every cell quoted when it needs to be. */
export function toCsv(t: Table): string {
  const cell = (c: Cell) => {
    const s = String(c)
    // A leading = + - @ would be run as a formula by Excel: prefix it with a quote mark.
    const safe = /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?%?$/.test(s) ? `'${s}` : s
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return `\uFEFF${[t.headers, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

export function phoneFor(phone: string | undefined, full: boolean): string {
  if (!phone) return ''
  return full ? phone : maskPhone(phone)
}

// ---------------------------------------------------------------------------------------------------------------
// Lists.

export interface ReportRowInput {
  _id: string
  typeLabel: string
  statusLabel: string
  villageName: string
  anonymous: boolean
  contact: { name: string; phone: string } | null
  title: string
  assigneeName: string | null
  result: string | null
  createdAt: Date
  acceptedAt: Date | null
  closedAt: Date | null
}

export const REPORT_HEADERS = ['编号', '类型', '事情', '村', '举报人', '电话', '状态', '提交时间', '受理时间', '办结时间', '处理民警', '处理结果']

export function reportRow(r: ReportRowInput, full: boolean): Cell[] {
  const anonymous = r.anonymous || !r.contact
  return [
    r._id,
    r.typeLabel,
    r.title,
    r.villageName,
    anonymous ? ANONYMOUS : (r.contact?.name ?? ''),
    anonymous ? '' : phoneFor(r.contact?.phone, full),
    r.statusLabel,
    stationTimeText(r.createdAt),
    stationTimeText(r.acceptedAt),
    stationTimeText(r.closedAt),
    r.assigneeName ?? '',
    r.result ?? '',
  ]
}

export interface BookingRowInput {
  _id: string
  code: string
  serviceName: string
  day: string
  time: string
  statusLabel: string
  afterHoursLabel: string
  name: string
  phone: string
}

export const BOOKING_HEADERS = ['编号', '预约码', '办理事项', '日期', '时间', '错时延时', '姓名', '电话', '状态']

export function bookingRow(b: BookingRowInput, full: boolean): Cell[] {
  return [b._id, b.code, b.serviceName, b.day, b.time, b.afterHoursLabel, b.name, phoneFor(b.phone, full), b.statusLabel]
}

export interface FollowUpRowInput {
  _id: string
  kindLabel: string
  title: string
  villageName: string
  anonymous: boolean
  person: { name: string; phone: string } | null
  answerLabel: string
  words: string
  viaLabel: string
  recordedByName: string
  answeredAt: Date | null
}

export const FOLLOW_UP_HEADERS = ['编号', '事情类型', '事情', '村', '被回访人', '电话', '回答', '想说的话', '回访方式', '记录民警', '回答时间']

export function followUpRow(f: FollowUpRowInput, full: boolean): Cell[] {
  // A survey of someone the station does not know by name (no profile) is blank, not 匿名: only anonymity is 匿名.
  return [
    f._id,
    f.kindLabel,
    f.title,
    f.villageName,
    f.anonymous ? ANONYMOUS : (f.person?.name ?? ''),
    f.anonymous ? '' : phoneFor(f.person?.phone, full),
    f.answerLabel,
    f.words,
    f.viaLabel,
    f.recordedByName,
    stationTimeText(f.answeredAt),
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// The figures themselves: one row per number, with its 同比 and 环比 counts beside the percentage.

export interface FigureMetricInput {
  section: string
  label: string
  value: string
  yoyBefore: string
  yoy: string
  momBefore: string
  mom: string
  note: string
}

export const FIGURE_HEADERS = ['板块', '指标', '本期', '去年同期', '同比', '上期', '环比', '说明']

export function figureRow(m: FigureMetricInput): Cell[] {
  return [m.section, m.label, m.value, m.yoyBefore, m.yoy, m.momBefore, m.mom, m.note]
}
