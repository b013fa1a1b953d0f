// Alert labels (category, severity, phase) and alert times in plain words: the part of the alert rules the 首页
// tab shows, kept small so the tab does not bundle the rest. Pure: `now` is passed in.

// The plain-word times an alert shows are station-time formats, kept in one place.
export { expiryText, relativeTime } from './station-time'

// ---------------------------------------------------------------------------
// One status/label table for every enumerated value; UI and back end both read it.

export interface LabelEntry<V extends string> {
  value: V
  label: string
  color: string
}

export type AlertCategory = 'fraud' | 'safety' | 'case' | 'policy' | 'service'
export type AlertSeverity = 'extreme' | 'severe' | 'moderate' | 'minor'
/** What is stored. `expired` and `scheduled` are never stored; they follow from the times. */
export type AlertStatus = 'draft' | 'active' | 'cancelled'
/** What a person sees: the stored status read against the clock. */
export type AlertPhase = 'draft' | 'scheduled' | 'active' | 'expired' | 'cancelled'

export const ALERT_CATEGORIES: readonly LabelEntry<AlertCategory>[] = [
  { value: 'fraud', label: '诈骗预警', color: '#d4380d' },
  { value: 'safety', label: '安全提示', color: '#d48806' },
  { value: 'case', label: '案情通报', color: '#1d39c4' },
  { value: 'policy', label: '政策法规', color: '#08979c' },
  { value: 'service', label: '便民服务', color: '#389e0d' },
]

/** Ordered from most to least severe, as CAP 1.2 orders Extreme > Severe > Moderate > Minor. */
export const ALERT_SEVERITIES: readonly LabelEntry<AlertSeverity>[] = [
  { value: 'extreme', label: '特别严重', color: '#a8071a' },
  { value: 'severe', label: '严重', color: '#d4380d' },
  { value: 'moderate', label: '较重', color: '#d48806' },
  { value: 'minor', label: '一般', color: '#1d39c4' },
]

export const ALERT_PHASES: readonly LabelEntry<AlertPhase>[] = [
  { value: 'draft', label: '草稿', color: '#8c8c8c' },
  { value: 'scheduled', label: '待生效', color: '#1d39c4' },
  { value: 'active', label: '生效中', color: '#389e0d' },
  { value: 'expired', label: '已过期', color: '#8c8c8c' },
  { value: 'cancelled', label: '已撤销', color: '#8c8c8c' },
]

export const CATEGORY_VALUES = ALERT_CATEGORIES.map((c) => c.value) as [AlertCategory, ...AlertCategory[]]
export const SEVERITY_VALUES = ALERT_SEVERITIES.map((s) => s.value) as [AlertSeverity, ...AlertSeverity[]]
export const PHASE_VALUES = ALERT_PHASES.map((p) => p.value) as [AlertPhase, ...AlertPhase[]]

function entry<V extends string>(table: readonly LabelEntry<V>[], value: V): LabelEntry<V> {
  const found = table.find((e) => e.value === value)
  if (!found) throw new Error(`unknown value ${value}`)
  return found
}
export const categoryInfo = (v: AlertCategory) => entry(ALERT_CATEGORIES, v)
export const severityInfo = (v: AlertSeverity) => entry(ALERT_SEVERITIES, v)
export const phaseInfo = (v: AlertPhase) => entry(ALERT_PHASES, v)

/** Higher is more severe; used in the feed order. */
export function severityRank(s: AlertSeverity): number {
  return ALERT_SEVERITIES.length - SEVERITY_VALUES.indexOf(s)
}

/** Severe and extreme alerts are pushed by subscription message and followed up in person. */
export function needsFollowUp(s: AlertSeverity): boolean {
  return s === 'extreme' || s === 'severe'
}
