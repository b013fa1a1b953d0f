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
// Targeting. A target is `'all'` or a list of places: village ids, or 社 (村民小组) keys `<villageId>|<社>` —
// the key households uses for the 社 (hh_groups). An alert targets villages or 社, never both, so every count
// of who it reaches is a sum of per-place counters with nobody counted twice.

export const GROUP_SEPARATOR = '|'

/** A 社 of a village, as officers choose it. */
export interface GroupTarget {
  villageId: string
  group: string
}

export function groupKey(villageId: string, group: string): string {
  return `${villageId}${GROUP_SEPARATOR}${group}`
}

export function isGroupKey(place: string): boolean {
  return place.includes(GROUP_SEPARATOR)
}

export function parseGroupKey(place: string): GroupTarget | null {
  const i = place.indexOf(GROUP_SEPARATOR)
  if (i <= 0 || i === place.length - 1) return null
  return { villageId: place.slice(0, i), group: place.slice(i + 1) }
}

export const TARGET_MESSAGES = {
  none: '请至少选择一个村或一个社，或选“全部村”',
  allWithGroups: '选了“全部村”就不用再选社了',
  mixed: '村和社只能选一种：要么选整个村，要么选村里的社',
} as const

/** Why a chosen audience cannot stand (null when it can): nothing chosen, or villages and 社 mixed. */
export function targetProblem(t: { villageIds: typeof ALL_VILLAGES | readonly string[]; groups?: readonly GroupTarget[] }): string | null {
  const groups = t.groups ?? []
  if (t.villageIds === ALL_VILLAGES) return groups.length > 0 ? TARGET_MESSAGES.allWithGroups : null
  if (t.villageIds.length > 0 && groups.length > 0) return TARGET_MESSAGES.mixed
  if (t.villageIds.length === 0 && groups.length === 0) return TARGET_MESSAGES.none
  return null
}

/** The stored target for a chosen audience (villages, or 社 keys), duplicates dropped. */
export function targetOf(villageIds: typeof ALL_VILLAGES | readonly string[], groups: readonly GroupTarget[] = []): AlertTarget {
  if (villageIds === ALL_VILLAGES) return ALL_VILLAGES
  return [...new Set([...villageIds, ...groups.map((g) => groupKey(g.villageId, g.group))])]
}

/** The village part of a target (what `AlertView.villageIds` shows). */
export function targetVillageIds(target: AlertTarget): typeof ALL_VILLAGES | string[] {
  return target === ALL_VILLAGES ? ALL_VILLAGES : target.filter((p) => !isGroupKey(p))
}

/** The 社 part of a target. */
export function targetGroups(target: AlertTarget): GroupTarget[] {
  if (target === ALL_VILLAGES) return []
  return target.flatMap((p) => {
    const g = isGroupKey(p) ? parseGroupKey(p) : null
    return g ? [g] : []
  })
}

export function audienceOf(target: AlertTarget): string[] {
  return target === ALL_VILLAGES ? [ALL_VILLAGES] : [...new Set(target)]
}

/** Where a resident can be reached: the village on their profile and the 社 of their confirmed household. */
export interface Whereabouts {
  villageId?: string | null
  /** `<villageId>|<社>` of the household an officer confirmed; absent until then. */
  householdGroup?: string | null
}

/** The audience values a resident's feed asks for. */
export function feedAudience(w: Whereabouts): string[] {
  return [ALL_VILLAGES, ...(w.villageId ? [w.villageId] : []), ...(w.householdGroup ? [w.householdGroup] : [])]
}

/**
 * The place of `target` through which a resident is reached — their village, or their household's 社 — or null.
 * Read marks are counted under it (a 社 alert's stats are per 社). `'all'` reaches them through their village.
 */
export function reachedVia(target: AlertTarget, w: Whereabouts): string | null {
  if (target === ALL_VILLAGES) return w.villageId || null
  if (w.villageId && target.includes(w.villageId)) return w.villageId
  if (w.householdGroup && target.includes(w.householdGroup)) return w.householdGroup
  return null
}

/** Only the village on the profile counts: a 社 alert reaches a resident through a confirmed household alone. */
export function targetsVillage(a: Pick<AlertContent, 'target'>, villageId: string | null | undefined): boolean {
  if (!villageId) return false
  return a.target === ALL_VILLAGES || a.target.includes(villageId)
}

export function targetsResident(a: Pick<AlertContent, 'target'>, w: Whereabouts): boolean {
  return reachedVia(a.target, w) !== null
}

/** The places an alert reaches, given the station's villages: village ids, or its 社 keys whose village exists. */
export function targetedVillageIds(target: AlertTarget, villages: readonly { id: string }[]): string[] {
  if (target === ALL_VILLAGES) return villages.map((v) => v.id)
  const known = new Set(villages.map((v) => v.id))
  return target.filter((p) => known.has(isGroupKey(p) ? (parseGroupKey(p)?.villageId ?? '') : p))
}

/** The village each targeted place lies in (a village is its own). */
export function villageOfPlace(place: string): string {
  return isGroupKey(place) ? (parseGroupKey(place)?.villageId ?? place) : place
}

export function unknownVillageIds(target: AlertTarget, villages: readonly { id: string }[]): string[] {
  if (target === ALL_VILLAGES) return []
  const known = new Set(villages.map((v) => v.id))
  return [...new Set(target.map(villageOfPlace))].filter((id) => !known.has(id))
}

/** "平川村三社" for a 社 key, the village's name for a village id. */
export function placeLabel(place: string, villages: readonly { id: string; name: string }[]): string {
  const g = isGroupKey(place) ? parseGroupKey(place) : null
  if (g) return `${villages.find((v) => v.id === g.villageId)?.name ?? g.villageId}${g.group}`
  return villages.find((v) => v.id === place)?.name ?? place
}

/** "全部村", the village names, or "平川村三社、四社", for the feed card. */
export function scopeLabel(target: AlertTarget, villages: readonly { id: string; name: string }[]): string {
  if (target === ALL_VILLAGES) return '全部村'
  const names: string[] = []
  let lastVillage = ''
  for (const place of target) {
    const g = isGroupKey(place) ? parseGroupKey(place) : null
    // 社 of the same village read as one phrase: 平川村三社、四社.
    names.push(g && g.villageId === lastVillage ? g.group : placeLabel(place, villages))
    lastVillage = g ? g.villageId : ''
  }
  const unit = target.some(isGroupKey) ? '个社' : '个村'
  return names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}${unit}` : names.join('、')
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

export interface Viewer extends Whereabouts {
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
  if (targetsResident(a, viewer) || a.target === ALL_VILLAGES) return 'full'
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
  /** The targeted place: a village id, or a 社 key `<villageId>|<社>` for a 社 alert. */
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
 * Stats of one alert: reach is the residents of the targeted places (villages, or 社: the residents whose confirmed
 * household lies there); read/acked come from the counters, kept per place.
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
    name: placeLabel(id, villages),
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
export function alertsForVillage<A extends AlertDoc>(alerts: readonly A[], villageId: string, now: Date, householdGroup?: string | null): A[] {
  return alerts.filter((a) => isLive(phaseOf(a, now)) && targetsResident(a, { villageId, householdGroup })).sort(compareForFeed)
}
