// Export files: the figures and the lists behind them as tables (@domain/figures-export), written as .xlsx with
// exceljs (declared in this function's package.json, so it stays out of the bundle) or as CSV with a BOM.
import type { FiguresView, Metric } from '@contract/figures'
import {
  BOOKING_HEADERS,
  bookingRow,
  FIGURE_HEADERS,
  figureRow,
  FOLLOW_UP_HEADERS,
  followUpRow,
  MAX_EXPORT_ROWS,
  REPORT_HEADERS,
  reportRow,
  toCsv,
  type Table,
} from '@domain/figures-export'
import { reportTitle, statusLabel, typeLabel, type ReportDoc } from '@domain/reports'
import { BOOKING_LIFECYCLE, type BookingStatus } from '@domain/service-lifecycles'
import { AFTER_HOURS, type AfterHoursKind } from '@domain/schedule'
import type { Period } from '@domain/figures'
import { fail, type Deps } from '@server/types'
import { BOOKINGS, FOLLOWUPS, REPORTS } from '@server/collections'
import { readAll, usersByIds, type Village } from './store'
import { ANSWER_ROWS } from './sources'

export interface ListScope {
  deps: Deps
  period: Period
  villageId: string | null
  officer: string | null
  villages: readonly Village[]
  full: boolean
}

const tooMany = () => fail('invalid_argument', `这段时间的记录超过 ${MAX_EXPORT_ROWS} 条，请缩短时间段后再导出`, 'to')

function metricCells(m: Metric): { value: string; yoyBefore: string; yoy: string; momBefore: string; mom: string } {
  if (m.compared) {
    const c = m.compared
    return { value: String(c.value), yoyBefore: String(c.yoy.before), yoy: c.yoy.text, momBefore: String(c.mom.before), mom: c.mom.text }
  }
  const value = m.share ? m.share.text : m.durations ? durationText(m.durations) : String(m.count ?? '')
  return { value, yoyBefore: '', yoy: '', momBefore: '', mom: '' }
}

function durationText(d: NonNullable<Metric['durations']>): string {
  if (d.count === 0) return '—（0 件）'
  return `中位 ${d.medianHours} 小时，90% 在 ${d.p90Hours} 小时内（${d.count} 件）`
}

export function figuresTables(view: FiguresView): Table[] {
  const rows = view.sections.flatMap((s) =>
    s.available
      ? s.metrics.map((m) => figureRow({ section: s.title, label: m.label, ...metricCells(m), note: [m.note, s.scopeNote].filter(Boolean).join('；') }))
      : [figureRow({ section: s.title, label: '没有数据', value: '', yoyBefore: '', yoy: '', momBefore: '', mom: '', note: s.scopeNote })],
  )
  const five = view.fiveZero.map((t) => figureRow({ section: '五零', label: t.title, value: t.stateLabel, yoyBefore: '', yoy: '', momBefore: '', mom: '', note: t.basis }))
  const header = [
    ['时间段', view.period.label, '', '', '', '', '', `去年同期 ${view.period.yearEarlier.from} 至 ${view.period.yearEarlier.to}；上期 ${view.period.periodEarlier.from} 至 ${view.period.periodEarlier.to}`],
    ['范围', view.scope.label, '', '', '', '', '', ''],
  ]
  const trend: Table = {
    name: '按月',
    headers: ['月份', ...view.charts.trend.series.map((s) => s.label)],
    rows: view.charts.trend.points.map((p) => [p.month, ...view.charts.trend.series.map((s) => p.values[s.key] ?? 0)]),
  }
  return [{ name: '统计数字', headers: FIGURE_HEADERS, rows: [...header, ...rows, ...five] }, trend]
}

export async function reportsTable(s: ListScope): Promise<Table> {
  const _ = s.deps.db.command
  const where = { ...(s.villageId ? { villageId: s.villageId } : {}), ...(s.officer ? { assignee: s.officer } : {}), createdAt: _.gte(s.period.start).and(_.lt(s.period.end)) }
  const docs = await readAll<ReportDoc>(() => s.deps.db.collection(REPORTS).where(where).orderBy('createdAt', 'asc'), MAX_EXPORT_ROWS + 1)
  if (docs.length > MAX_EXPORT_ROWS) tooMany()
  const name = (id: string) => s.villages.find((v) => v.id === id)?.name ?? id
  return {
    name: '举报清单',
    headers: REPORT_HEADERS,
    rows: docs.map((d) =>
      reportRow(
        {
          _id: d._id,
          typeLabel: typeLabel(d.type),
          statusLabel: statusLabel(d.status),
          villageName: name(d.villageId),
          anonymous: d.anonymous,
          contact: d.anonymous ? null : d.contact,
          title: reportTitle(d),
          assigneeName: d.assigneeName,
          result: d.result,
          createdAt: d.createdAt,
          acceptedAt: d.acceptedAt,
          closedAt: d.closedAt,
        },
        s.full,
      ),
    ),
  }
}

interface BookingLike {
  _id: string
  code: string
  serviceName: string
  day: string
  time: string
  status: BookingStatus
  afterHours: AfterHoursKind | null
  name: string
  phone: string
}

export async function bookingsTable(s: ListScope): Promise<Table> {
  const _ = s.deps.db.command
  const docs = await readAll<BookingLike>(
    () => s.deps.db.collection(BOOKINGS).where({ ...(s.villageId ? { villageId: s.villageId } : {}), day: _.gte(s.period.from).and(_.lte(s.period.to)) }).orderBy('day', 'asc'),
    MAX_EXPORT_ROWS + 1,
  )
  if (docs.length > MAX_EXPORT_ROWS) tooMany()
  return {
    name: '预约清单',
    headers: BOOKING_HEADERS,
    rows: docs
      .sort((a, b) => (a.day + a.time).localeCompare(b.day + b.time) || a._id.localeCompare(b._id))
      .map((b) =>
        bookingRow(
          {
            _id: b._id,
            code: b.code,
            serviceName: b.serviceName,
            day: b.day,
            time: b.time,
            statusLabel: BOOKING_LIFECYCLE.statuses[b.status]?.label ?? b.status,
            afterHoursLabel: b.afterHours ? AFTER_HOURS[b.afterHours].label : '',
            name: b.name,
            phone: b.phone,
          },
          s.full,
        ),
      ),
  }
}

interface FollowUpLike {
  _id: string
  kind: string
  title: string
  villageId: string
  owner: string
  anonymous: boolean
  answer: string | null
  words: string
  via: string | null
  recordedBy: { name: string } | null
  answeredAt: Date | null
}

const KIND_LABELS: Record<string, string> = { booking: '预约办事', errand: '代办', home_visit: '上门服务', report: '举报', mediation: '矛盾调解' }
const VIA_LABELS: Record<string, string> = { app: '本人在小程序填写', phone: '民警电话回访', in_person: '民警上门回访' }

export async function followupsTable(s: ListScope): Promise<Table> {
  const _ = s.deps.db.command
  const docs = (
    await readAll<FollowUpLike>(
      () => s.deps.db.collection(FOLLOWUPS).where({ answerKey: _.gte(s.period.start.toISOString()).and(_.lt(s.period.end.toISOString())) }).orderBy('answerKey', 'asc'),
      MAX_EXPORT_ROWS + 1,
    )
  ).filter((f) => !s.villageId || f.villageId === s.villageId)
  if (docs.length > MAX_EXPORT_ROWS) tooMany()
  // Names and phones come from the people's own profiles, and never for an anonymous report's survey.
  const people = await usersByIds(s.deps, docs.filter((f) => !f.anonymous).map((f) => f.owner))
  const name = (id: string) => s.villages.find((v) => v.id === id)?.name ?? id
  return {
    name: '回访清单',
    headers: FOLLOW_UP_HEADERS,
    rows: docs.map((f) =>
      followUpRow(
        {
          _id: f._id,
          kindLabel: KIND_LABELS[f.kind] ?? f.kind,
          title: f.title,
          villageName: name(f.villageId),
          anonymous: f.anonymous,
          person: f.anonymous ? null : (people.get(f.owner) ?? null),
          answerLabel: ANSWER_ROWS.find((a) => a.value === f.answer)?.label ?? '',
          words: f.words ?? '',
          viaLabel: f.via ? (VIA_LABELS[f.via] ?? f.via) : '',
          recordedByName: f.recordedBy?.name ?? '',
          answeredAt: f.answeredAt,
        },
        s.full,
      ),
    ),
  }
}

/** The file's bytes: one sheet per table in .xlsx, or the first table as CSV. */
export async function fileOf(tables: Table[], format: 'xlsx' | 'csv'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(toCsv(tables[0]), 'utf8')
  // Required on use, not at load: CloudBase installs exceljs from this function's package.json (the bundle leaves it
  // out), and a page view should not pay for loading it.
  const { Workbook } = require('exceljs') as typeof import('exceljs')
  const wb = new Workbook()
  wb.creator = '枫桥警民通'
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31))
    ws.addRow(t.headers).font = { bold: true }
    for (const r of t.rows) ws.addRow(r)
    ws.columns.forEach((c, i) => {
      const widest = Math.max(...[t.headers, ...t.rows].map((r) => String(r[i] ?? '').length))
      c.width = Math.min(40, Math.max(8, widest * 2))
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
