// Actions of the `figures` function: the station's figures for a period and village (staff only; an officer sees the
// records they handled, the 所长 sees everyone's) and their exports as Excel or CSV.
import * as v from 'valibot'
import type { Change, Compared, Durations, FiveZeroTile, PeriodKind, Share } from '@domain/figures'
import { PERIOD_KINDS } from '@domain/figures'
import { defineAction, STAFF, type IsoDate } from './core'
import { day, id, token } from './fields'

export interface CountRow {
  key: string
  label: string
  count: number
}

/** One number of a section. Every count carries its 同比 / 环比; a rate carries its parts. */
export interface Metric {
  key: string
  label: string
  /** A plain count with its comparisons. */
  compared?: Compared
  /** A count without comparisons (e.g. open now). */
  count?: number
  share?: Share
  durations?: Durations
  note?: string
}

/** What one source of figures (reports, bookings, alerts, 回访, mediation, households…) says about the period. */
export interface FigureSection {
  key: string
  title: string
  /** False when the source has no data yet (e.g. a feature not in this version); `note` says why. */
  available: boolean
  /** How the village / officer choice applies to this source ("全所数据，预约不分村" …). */
  scopeNote: string
  metrics: Metric[]
  tables: { key: string; title: string; rows: CountRow[] }[]
}

export interface TrendPoint {
  month: string
  label: string
  /** Headline count per source key for the month. */
  values: Record<string, number>
}

export interface FiguresView {
  period: { kind: PeriodKind; label: string; from: string; to: string; yearEarlier: { from: string; to: string }; periodEarlier: { from: string; to: string } }
  scope: { villageId: string; villageName: string; officer: { id: string; name: string } | null; label: string }
  villages: { id: string; name: string }[]
  /** Officers the 所长 may pick; empty for an officer (who sees only their own). */
  officers: { id: string; name: string }[]
  sections: FigureSection[]
  fiveZero: FiveZeroTile[]
  charts: {
    /** The 12 months up to the period's end: one series per source headline. */
    trend: { series: { key: string; label: string }[]; points: TrendPoint[] }
    byVillage: CountRow[]
    byType: CountRow[]
  }
  generatedAt: IsoDate
}

export type ExportWhat = 'figures' | 'reports' | 'bookings' | 'followups'
export const EXPORT_WHATS: readonly ExportWhat[] = ['figures', 'reports', 'bookings', 'followups']
export const EXPORT_LABELS: Record<ExportWhat, string> = { figures: '统计数字', reports: '举报清单', bookings: '预约清单', followups: '回访清单' }
export type ExportFormat = 'xlsx' | 'csv'

export interface ExportView {
  id: string
  fileName: string
  format: ExportFormat
  /** Rows of data (without the header). */
  rows: number
  /** True when the 所长 asked for full phone numbers (audited). */
  full: boolean
  /** A short-lived download address; ask `figures.download` again for a fresh one. */
  url: string
  expiresAt: IsoDate
}

export type { Change, Compared, Durations, FiveZeroTile, Share }

const scopeFields = {
  kind: v.picklist(PERIOD_KINDS, '请选择时间段：本月、本季度、本年或自选'),
  /** Custom range only: whole station days, `from`..`to` inclusive. */
  from: v.optional(day('开始日期')),
  to: v.optional(day('结束日期')),
  /** '' or missing: every village. */
  villageId: v.optional(token('村不对', '村不对，请重新选择', 64, 0), ''),
  /** 所长 only: one officer's figures ('' or missing: everyone). An officer always sees their own. */
  officer: v.optional(token('民警不对', '民警不对，请重新选择', 64, 0), ''),
}

export const figuresActions = {
  'figures.overview': defineAction<FiguresView>()({
    roles: STAFF,
    request: v.object(scopeFields),
  }),
  /** Builds an export file for the caller alone; `full` (所长 only, audited) keeps phone numbers unmasked. */
  'figures.export': defineAction<ExportView>()({
    roles: STAFF,
    request: v.object({
      ...scopeFields,
      what: v.picklist(EXPORT_WHATS, '请选择要导出的内容'),
      format: v.optional(v.picklist(['xlsx', 'csv'] as const, '请选择 Excel 或 CSV'), 'xlsx'),
      full: v.optional(v.boolean('完整号码的选项不对'), false),
    }),
  }),
  /** A fresh download address of one of the caller's own exports, while it has not expired. */
  'figures.download': defineAction<ExportView>()({
    roles: STAFF,
    request: v.object({ id: id('导出文件编号') }),
  }),
} as const
