// Rules of fraud and safety alerts (CAP 1.2 semantics): labels, lifecycle, targeting, feed order, visibility, unread and stats. Pure: `now` is passed in.
import {
  categoryInfo,
  severityInfo,
  severityRank,
  type AlertCategory,
  type AlertPhase,
  type AlertSeverity,
  type AlertStatus,
} from './alert-labels'
import type { Move } from './lifecycle'
import { fullDateTime } from './station-time'

// Labels and plain-word times live in ./alert-labels (small, for the 首页 tab) and are part of these rules.
export * from './alert-labels'

// ---------------------------------------------------------------------------
// The alert record.

export const ALL_VILLAGES = 'all' as const
export type AlertTarget = typeof ALL_VILLAGES | string[]

export interface AlertContent {
  title: string
  body: string
  category: AlertCategory
  severity: AlertSeverity
  target: AlertTarget
  advice: string[]
  images: string[]
  effectiveAt: Date
  expiresAt: Date
  pinned: boolean
}

export type EditableField = keyof AlertContent

export const FIELD_LABELS: Record<EditableField, string> = {
  title: '标题',
  body: '内容',
  category: '类别',
  severity: '严重程度',
  target: '发送范围',
  advice: '防范要点',
  images: '图片',
  effectiveAt: '生效时间',
  expiresAt: '到期时间',
  pinned: '置顶',
}

export interface FieldChange {
  field: EditableField
  label: string
  /** Display text, already in Chinese, so the history renders without lookups. */
  before: string
  after: string
}

export type HistoryKind = 'created' | 'published' | 'updated' | 'cancelled'

export interface HistoryEntry {
  kind: HistoryKind
  at: Date
  by: string
  /** The revision this entry produced (0 while a draft). */
  revision: number
  reason?: string
  changes?: FieldChange[]
}

export interface AlertCounters {
  read: number
  acked: number
  byVillage: Record<string, { read: number; acked: number }>
}

export interface AlertDoc extends AlertContent {
  _id: string
  status: AlertStatus
  /** 0 while a draft, 1 when published, +1 per update. A read mark below it is unread. */
  revision: number
  /** Denormalised targeting for the feed query: `['all']` or the village ids. */
  audience: string[]
  /** Denormalised feed order: a string whose descending order is pinned, severity, newest. */
  feedKey: string
  /** Denormalised officer order: newest created first. */
  createdKey: string
  history: HistoryEntry[]
  counters: AlertCounters
  createdBy: string
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
  cancelledAt: Date | null
  cancelReason: string | null
}

// ---------------------------------------------------------------------------
// Lifecycle as data: stored status + clock → phase; actions allowed per phase.

export const EXPIRY_MESSAGES = {
  endsBeforeStart: '到期时间要晚于生效时间，请重新选择',
  ended: '到期时间已经过了，请重新选择',
} as const

/** Why an alert's times cannot stand: it would end before it begins, or (with `now`, when publishing) it has ended. */
export function expiryProblem(t: { effectiveAt?: Date | null; expiresAt: Date }, now?: Date): string | null {
  if (t.effectiveAt && t.expiresAt.getTime() <= t.effectiveAt.getTime()) return EXPIRY_MESSAGES.endsBeforeStart
  if (now && t.expiresAt.getTime() <= now.getTime()) return EXPIRY_MESSAGES.ended
  return null
}

export function phaseOf(a: Pick<AlertDoc, 'status' | 'effectiveAt' | 'expiresAt'>, now: Date): AlertPhase {
  if (a.status === 'draft') return 'draft'
  if (a.status === 'cancelled') return 'cancelled'
  if (now.getTime() >= a.expiresAt.getTime()) return 'expired'
  if (now.getTime() < a.effectiveAt.getTime()) return 'scheduled'
  return 'active'
}

export type AlertAction = 'editDraft' | 'publish' | 'update' | 'cancel'

/**
 * Which officer action may run in which phase, as moves of the lifecycle shape (./lifecycle) keyed by action: they
 * start from a phase (which follows from the times) and store a status. An expired alert may be updated (e.g. to
 * extend it) but not cancelled.
 */
export const ALERT_TRANSITIONS: Record<AlertAction, Move<AlertPhase, 'officer', AlertStatus>> = {
  editDraft: { from: ['draft'], to: 'draft', by: ['officer'] },
  publish: { from: ['draft'], to: 'active', by: ['officer'] },
  update: { from: ['scheduled', 'active', 'expired'], to: 'active', by: ['officer'] },
  cancel: { from: ['draft', 'scheduled', 'active'], to: 'cancelled', by: ['officer'] },
}

export function canApply(action: AlertAction, phase: AlertPhase): boolean {
  return ALERT_TRANSITIONS[action].from.includes(phase)
}

/** Phases a resident's feed shows. */
export function isLive(phase: AlertPhase): boolean {
  return phase === 'active'
}

// ---------------------------------------------------------------------------
// Targeting.

export function audienceOf(target: AlertTarget): string[] {
  return target === ALL_VILLAGES ? [ALL_VILLAGES] : [...new Set(target)]
}

export function targetsVillage(a: Pick<AlertContent, 'target'>, villageId: string | null | undefined): boolean {
  if (!villageId) return false
  return a.target === ALL_VILLAGES || a.target.includes(villageId)
}

/** The village ids an alert reaches, given the station's villages. */
export function targetedVillageIds(target: AlertTarget, villages: readonly { id: string }[]): string[] {
  if (target === ALL_VILLAGES) return villages.map((v) => v.id)
  const known = new Set(villages.map((v) => v.id))
  return target.filter((id) => known.has(id))
}

export function unknownVillageIds(target: AlertTarget, villages: readonly { id: string }[]): string[] {
  if (target === ALL_VILLAGES) return []
  const known = new Set(villages.map((v) => v.id))
  return target.filter((id) => !known.has(id))
}

/** "全部村" or the village names joined, for the feed card. */
export function scopeLabel(target: AlertTarget, villages: readonly { id: string; name: string }[]): string {
  if (target === ALL_VILLAGES) return '全部村'
  const names = target.map((id) => villages.find((v) => v.id === id)?.name ?? id)
  return names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}个村` : names.join('、')
}

// ---------------------------------------------------------------------------
// Feed order and cursor. The order is encoded in one string (`feedKey`) so the database sorts on a
// single indexed field and the cursor is simply the last key seen: `feedKey < cursor`, never a skip.

const MS_WIDTH = 13

export function feedKeyOf(a: { pinned: boolean; severity: AlertSeverity; publishedAt: Date | null; _id: string }): string {
  const ms = a.publishedAt ? a.publishedAt.getTime() : 0
  return `${a.pinned ? 1 : 0}${severityRank(a.severity)}${String(ms).padStart(MS_WIDTH, '0')}${a._id}`
}

export function createdKeyOf(a: { createdAt: Date; _id: string }): string {
  return `${String(a.createdAt.getTime()).padStart(MS_WIDTH, '0')}${a._id}`
}

/** Compares as the feed shows: pinned first, then more severe, then newer, then id (stable). */
export function compareForFeed(
  a: { pinned: boolean; severity: AlertSeverity; publishedAt: Date | null; _id: string },
  b: { pinned: boolean; severity: AlertSeverity; publishedAt: Date | null; _id: string },
): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1
  const s = severityRank(b.severity) - severityRank(a.severity)
  if (s !== 0) return s
  const t = (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)
  if (t !== 0) return t
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0
}

/** Opaque to the client; carries the key of the last item and which order it belongs to. */
export function encodeCursor(order: 'feed' | 'created', key: string): string {
  return `${order === 'feed' ? 'f' : 'c'}.${key}`
}

export function decodeCursor(order: 'feed' | 'created', cursor: string | undefined): string | null {
  if (!cursor) return null
  const prefix = order === 'feed' ? 'f.' : 'c.'
  if (!cursor.startsWith(prefix)) return null
  const key = cursor.slice(2)
  const shape = order === 'feed' ? /^[01][1-4][0-9]{13}[A-Za-z0-9_:-]+$/ : /^[0-9]{13}[A-Za-z0-9_:-]+$/
  return shape.test(key) ? key : null
}

// ---------------------------------------------------------------------------
// Visibility.

export interface Viewer {
  role: 'resident' | 'officer' | 'admin'
  villageId: string | null
}

/**
 * `full`: the whole alert. `notice`: only what it was and that it is over (an expired or cancelled alert
 * opened from a share link outside the reader's village). `denied`: not for this reader.
 */
export type ReadAccess = 'full' | 'notice' | 'denied'

export function readAccess(a: Pick<AlertDoc, 'status' | 'effectiveAt' | 'expiresAt' | 'target'>, viewer: Viewer, now: Date, via: 'feed' | 'share'): ReadAccess {
  if (viewer.role !== 'resident') return 'full'
  const phase = phaseOf(a, now)
  if (phase === 'draft' || phase === 'scheduled') return 'denied'
  // Jurisdiction-wide alerts are for everyone, also a newcomer who has not chosen a village yet.
  if (targetsVillage(a, viewer.villageId) || a.target === ALL_VILLAGES) return 'full'
  if (via !== 'share') return 'denied'
  return phase === 'active' ? 'full' : 'notice'
}

// ---------------------------------------------------------------------------
// Read marks and unread.

export interface ReadMark {
  /** `<alertId>:<openid>` */
  _id: string
  alertId: string
  openid: string
  villageId: string
  /** The alert revision the resident last saw. */
  revision: number
  readAt: Date
  acked: boolean
  ackedAt: Date | null
}

export function readMarkId(alertId: string, openid: string): string {
  return `${alertId}:${openid}`
}

/** A mark older than the alert's latest revision counts as unread: the resident has not seen the update. */
export function isUnread(a: Pick<AlertDoc, 'revision'>, mark: Pick<ReadMark, 'revision'> | null | undefined): boolean {
  return !mark || mark.revision < a.revision
}

export function countUnread(alerts: readonly Pick<AlertDoc, '_id' | 'revision'>[], marks: readonly Pick<ReadMark, 'alertId' | 'revision'>[]): number {
  const byAlert = new Map(marks.map((m) => [m.alertId, m]))
  return alerts.filter((a) => isUnread(a, byAlert.get(a._id))).length
}

/** An alert has been updated since the reader last saw it (as opposed to never seen). */
export function isUpdatedSinceRead(a: Pick<AlertDoc, 'revision'>, mark: Pick<ReadMark, 'revision'> | null | undefined): boolean {
  return !!mark && mark.revision < a.revision
}

// ---------------------------------------------------------------------------
// Update diff.

function display(field: EditableField, value: AlertContent[EditableField], villages: readonly { id: string; name: string }[]): string {
  switch (field) {
    case 'category':
      return categoryInfo(value as AlertCategory).label
    case 'severity':
      return severityInfo(value as AlertSeverity).label
    case 'target':
      return scopeLabel(value as AlertTarget, villages)
    case 'effectiveAt':
    case 'expiresAt':
      return fullDateTime(value as Date)
    case 'pinned':
      return value ? '是' : '否'
    case 'images':
      return `${(value as string[]).length}张`
    case 'advice':
      return (value as string[]).join('；')
    default: {
      const s = String(value)
      return s.length > 60 ? `${s.slice(0, 60)}…` : s
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}

const FIELD_ORDER = Object.keys(FIELD_LABELS) as EditableField[]

/** What an update changes, in display form, for the alert's history. Unchanged fields are left out. */
export function diffContent(before: AlertContent, after: AlertContent, villages: readonly { id: string; name: string }[]): FieldChange[] {
  return FIELD_ORDER.filter((f) => !sameValue(before[f], after[f])).map((f) => ({
    field: f,
    label: FIELD_LABELS[f],
    before: display(f, before[f], villages),
    after: display(f, after[f], villages),
  }))
}

// ---------------------------------------------------------------------------
// Stats.

export interface VillageStats {
  villageId: string
  name: string
  reach: number
  read: number
  acked: number
}

export interface AlertStatsSummary {
  reach: number
  read: number
  acked: number
  /** Whole percentages of reach, 0 when nobody is reached. */
  readRate: number
  ackRate: number
  byVillage: VillageStats[]
}

/** Reduces read marks to counts per village (the counters kept on the alert are the same sums). */
export function countMarks(marks: readonly Pick<ReadMark, 'villageId' | 'acked'>[]): AlertCounters {
  const out: AlertCounters = { read: 0, acked: 0, byVillage: {} }
  for (const m of marks) {
    const v = (out.byVillage[m.villageId] ??= { read: 0, acked: 0 })
    out.read += 1
    v.read += 1
    if (m.acked) {
      out.acked += 1
      v.acked += 1
    }
  }
  return out
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

/**
 * Stats of one alert: reach is the residents of the targeted villages; read/acked come from the counters.
 * Marks from residents who have since moved village are counted in the overall totals only.
 */
export function summariseStats(
  villages: readonly { id: string; name: string }[],
  targetIds: readonly string[],
  reachByVillage: Record<string, number>,
  counters: AlertCounters,
): AlertStatsSummary {
  const byVillage = targetIds.map((id) => ({
    villageId: id,
    name: villages.find((v) => v.id === id)?.name ?? id,
    reach: reachByVillage[id] ?? 0,
    read: counters.byVillage[id]?.read ?? 0,
    acked: counters.byVillage[id]?.acked ?? 0,
  }))
  const reach = byVillage.reduce((s, v) => s + v.reach, 0)
  return {
    reach,
    read: counters.read,
    acked: counters.acked,
    readRate: percent(counters.read, reach),
    ackRate: percent(counters.acked, reach),
    byVillage,
  }
}

export function emptyCounters(): AlertCounters {
  return { read: 0, acked: 0, byVillage: {} }
}

/** Keeps only the alerts a resident's feed shows, in feed order (used to check the database query). */
export function alertsForVillage<A extends AlertDoc>(alerts: readonly A[], villageId: string, now: Date): A[] {
  return alerts.filter((a) => isLive(phaseOf(a, now)) && targetsVillage(a, villageId)).sort(compareForFeed)
}
