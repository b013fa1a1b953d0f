// The compose form as data: what the officer fills in, how it becomes a publish or update payload, what it
// checks before sending (the contract's own schemas), and the AlertView a resident would see (the preview).
import type { ActionRequest } from '@contract'
import { alertsActions, type AlertView } from '@contract/alerts'
import { toIso } from '@contract/core'
import { ALL_VILLAGES, expiryProblem, groupKey, scopeLabel, targetOf, type AlertCategory, type AlertSeverity, type GroupTarget } from '@domain/alerts'
import { addDays, hhmmOf, parseStationDateTime, stationDay, stationInstant, stationTime } from '@domain/station-time'
import { formErrors, type FieldErrors } from '@/services/formErrors'

export type PublishPayload = ActionRequest<'alerts.publish'>
export type UpdateChanges = ActionRequest<'alerts.update'>['changes']

export interface ComposeImage {
  /** '' while it is still being uploaded (such an image is never sent, nor kept in a draft). */
  fileId: string
  /** What to show: a temp path right after choosing, or the server's download URL. */
  url: string | null
  /** Names an image picked on this phone while it uploads (see usePhotoUploads). */
  key?: string
}

export interface ComposeForm {
  title: string
  body: string
  category: AlertCategory | ''
  severity: AlertSeverity | ''
  allVillages: boolean
  villageIds: string[]
  /** Sent to 社 (村民小组) of one village instead of whole villages: `groupVillage` and the chosen `groups`. */
  toGroups: boolean
  groupVillage: string
  groups: GroupTarget[]
  /** One line per point; empty lines are dropped when sending. */
  advice: string[]
  images: ComposeImage[]
  /** ISO; '' means "as soon as it is published". */
  effectiveAt: string
  expiresAt: string
  pinned: boolean
}

/** Storage key a feature (e.g. a report cluster's 案情通报) writes before opening compose with `?prefill=1`. */
export const PREFILL_KEY = 'fq_alert_prefill'


/** A fresh form: 7 days of validity, nothing chosen. */
export function emptyForm(now: Date): ComposeForm {
  return {
    title: '',
    body: '',
    category: '',
    severity: '',
    allVillages: false,
    villageIds: [],
    toGroups: false,
    groupVillage: '',
    groups: [],
    advice: [''],
    images: [],
    effectiveAt: '',
    expiresAt: endOfDay(now, 7),
    pinned: false,
  }
}

/** `hour:minute` Beijing time, `days` days from `now`'s Beijing date. */
export function beijingAt(now: Date, days: number, hour: number, minute: number): string {
  return stationInstant(addDays(stationDay(now), days), hhmmOf(hour * 60 + minute)).toISOString()
}

/** 23:59 Beijing time, `days` days from `now`: an expiry people can say out loud. */
export function endOfDay(now: Date, days: number): string {
  return beijingAt(now, days, 23, 59)
}

export function fromAlert(a: AlertView): ComposeForm {
  return {
    title: a.title,
    body: a.body,
    category: a.category,
    severity: a.severity,
    allVillages: a.villageIds === ALL_VILLAGES,
    villageIds: a.villageIds === ALL_VILLAGES ? [] : [...a.villageIds],
    toGroups: a.groups.length > 0,
    groupVillage: a.groups[0]?.villageId ?? '',
    groups: a.groups.map((g) => ({ ...g })),
    advice: a.advice.length > 0 ? [...a.advice] : [''],
    images: a.images.map((i) => ({ fileId: i.fileId, url: i.url })),
    effectiveAt: a.phase === 'draft' ? '' : a.effectiveAt,
    expiresAt: a.expiresAt,
    pinned: a.pinned,
  }
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : ''
}

function isoOrEmpty(x: unknown): string {
  if (typeof x !== 'string' && typeof x !== 'number') return ''
  const d = new Date(x)
  return Number.isNaN(d.getTime()) ? '' : d.toISOString()
}

/**
 * A pre-filled draft handed over by another feature: the JSON (string or object) of an `alerts.publish`
 * payload. Unknown or malformed fields are left empty for the officer to fill in; nothing is trusted blindly.
 */
export function fromPrefill(raw: unknown, now: Date): ComposeForm | null {
  let p: unknown = raw
  if (typeof raw === 'string') {
    if (!raw) return null
    try {
      p = JSON.parse(raw)
    } catch {
      return null
    }
  }
  if (!p || typeof p !== 'object') return null
  const o = p as Record<string, unknown>
  const base = emptyForm(now)
  const villages = o.villageIds
  const advice = Array.isArray(o.advice) ? o.advice.filter((x): x is string => typeof x === 'string') : []
  const images = Array.isArray(o.images) ? o.images.filter((x): x is string => typeof x === 'string') : []
  const groups = Array.isArray(o.groups)
    ? o.groups.flatMap((g: unknown) => {
        const r = g && typeof g === 'object' ? (g as Record<string, unknown>) : {}
        return typeof r.villageId === 'string' && typeof r.group === 'string' ? [{ villageId: r.villageId, group: r.group }] : []
      })
    : []
  return {
    ...base,
    title: str(o.title),
    body: str(o.body),
    category: (['fraud', 'safety', 'case', 'policy', 'service'] as const).find((c) => c === o.category) ?? base.category,
    severity: (['extreme', 'severe', 'moderate', 'minor'] as const).find((s) => s === o.severity) ?? base.severity,
    allVillages: villages === ALL_VILLAGES,
    villageIds: Array.isArray(villages) ? villages.filter((x): x is string => typeof x === 'string') : [],
    toGroups: groups.length > 0,
    groupVillage: groups[0]?.villageId ?? '',
    groups,
    advice: advice.length > 0 ? advice : [''],
    images: images.map((fileId) => ({ fileId, url: null })),
    effectiveAt: isoOrEmpty(o.effectiveAt),
    expiresAt: isoOrEmpty(o.expiresAt) || base.expiresAt,
    pinned: o.pinned === true,
  }
}

function advicePoints(f: ComposeForm): string[] {
  return f.advice.map((x) => x.trim()).filter((x) => x.length > 0)
}

/** Who the form sends to, as the contract takes it: all villages, some villages, or 社 of one village. */
export function audienceOf(f: ComposeForm): { villageIds: PublishPayload['villageIds']; groups: GroupTarget[] } {
  if (f.allVillages) return { villageIds: ALL_VILLAGES, groups: [] }
  if (f.toGroups) return { villageIds: [], groups: f.groups.filter((g) => g.villageId === f.groupVillage) }
  return { villageIds: f.villageIds, groups: [] }
}

/** "全部村", "平川村、芦湾村" or "平川村三社", for the page and the confirmation. */
export function scopeOf(f: ComposeForm, villages: readonly { id: string; name: string }[]): string {
  const a = audienceOf(f)
  return scopeLabel(targetOf(a.villageIds, a.groups), villages)
}

function audienceKeys(villageIds: PublishPayload['villageIds'], groups: readonly GroupTarget[]): string[] {
  return villageIds === ALL_VILLAGES ? [ALL_VILLAGES] : [...villageIds, ...groups.map((g) => groupKey(g.villageId, g.group))].sort()
}

/** The payload of `alerts.publish`. Empty choices stay undefined so the schema names them. */
export function toPublishPayload(f: ComposeForm, mode: 'draft' | 'publish', id?: string): PublishPayload {
  return {
    ...(id ? { id } : {}),
    mode,
    title: f.title,
    body: f.body,
    category: (f.category || undefined) as AlertCategory,
    severity: (f.severity || undefined) as AlertSeverity,
    ...audienceOf(f),
    advice: advicePoints(f),
    images: f.images.map((i) => i.fileId),
    ...(f.effectiveAt ? { effectiveAt: f.effectiveAt } : {}),
    expiresAt: f.expiresAt,
    pinned: f.pinned,
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Only what the officer changed, for `alerts.update`. */
export function toChanges(original: AlertView, f: ComposeForm): UpdateChanges {
  const c: UpdateChanges = {}
  if (f.title !== original.title) c.title = f.title
  if (f.body !== original.body) c.body = f.body
  if (f.category && f.category !== original.category) c.category = f.category
  if (f.severity && f.severity !== original.severity) c.severity = f.severity
  const audience = audienceOf(f)
  // Villages and 社 together are the 发送范围: a change sends both.
  if (!sameList(audienceKeys(original.villageIds, original.groups), audienceKeys(audience.villageIds, audience.groups))) {
    c.villageIds = audience.villageIds
    c.groups = audience.groups
  }
  if (!sameList(original.advice, advicePoints(f))) c.advice = advicePoints(f)
  const images = f.images.map((i) => i.fileId)
  if (!sameList(original.images.map((i) => i.fileId), images)) c.images = images
  if (f.effectiveAt && new Date(f.effectiveAt).getTime() !== new Date(original.effectiveAt).getTime()) c.effectiveAt = f.effectiveAt
  if (new Date(f.expiresAt).getTime() !== new Date(original.expiresAt).getTime()) c.expiresAt = f.expiresAt
  if (f.pinned !== original.pinned) c.pinned = f.pinned
  return c
}

/** Field errors keyed by form field (`advice` for any advice point, `reason` for the reason). */
function byFormField(errors: FieldErrors, strip = ''): FieldErrors {
  const out: FieldErrors = {}
  for (const [path, message] of Object.entries(errors)) {
    let field = path.startsWith(strip) ? path.slice(strip.length) : path
    field = field.split('.')[0] || 'form'
    if (!out[field]) out[field] = message
  }
  return out
}

/** Checks a publish or draft before sending, with the server's own schema plus the rules it checks against the clock. */
export function checkPublish(f: ComposeForm, mode: 'draft' | 'publish', now: Date): FieldErrors {
  const errors = byFormField(formErrors(alertsActions['alerts.publish'].request, toPublishPayload(f, mode)))
  const scope = scopeProblem(f)
  if (scope) errors.villageIds = scope
  const passed = mode === 'publish' ? expiryProblem({ expiresAt: new Date(f.expiresAt) }, now) : null
  if (!errors.expiresAt && passed) errors.expiresAt = passed
  return errors
}

export function checkUpdate(original: AlertView, f: ComposeForm, reason: string): FieldErrors {
  const changes = toChanges(original, f)
  const errors = byFormField(formErrors(alertsActions['alerts.update'].request.entries.changes, changes))
  const scope = scopeProblem(f)
  if (scope) errors.villageIds = scope
  else if (errors.changes && (changes.villageIds !== undefined || changes.groups !== undefined)) errors.villageIds = errors.changes
  if (errors.changes || Object.keys(changes).length === 0) {
    delete errors.changes
    errors.form = '没有改动任何内容，请修改后再保存'
  }
  if (!reason.trim()) errors.reason = '请写一下为什么修改，村民会看到'
  return errors
}

/** What is missing from the chosen 发送范围, in the officer's words. */
export function scopeProblem(f: ComposeForm): string | null {
  if (f.allVillages) return null
  if (f.toGroups) {
    if (!f.groupVillage) return '请先选是哪个村的社'
    return audienceOf(f).groups.length === 0 ? '请至少选择一个社' : null
  }
  return f.villageIds.length === 0 ? '请至少选择一个村，或选“全部村”' : null
}

/** The alert exactly as a resident of a targeted village would receive it now. */
export function previewView(f: ComposeForm, villages: readonly { id: string; name: string }[], now: Date, base?: AlertView): AlertView {
  const effectiveAt = f.effectiveAt || toIso(now)
  const a = audienceOf(f)
  return {
    id: base?.id ?? 'preview',
    access: 'full',
    title: f.title || '（还没写标题）',
    body: f.body || '（还没写内容）',
    category: f.category || 'fraud',
    severity: f.severity || 'moderate',
    villageIds: a.villageIds,
    groups: a.groups,
    scope: scopeProblem(f) ? (f.toGroups ? '（还没选社）' : '（还没选村）') : scopeOf(f, villages),
    advice: advicePoints(f),
    images: f.images.map((i) => ({ fileId: i.fileId, url: i.url })),
    effectiveAt,
    expiresAt: f.expiresAt,
    publishedAt: base?.publishedAt ?? toIso(now),
    updatedAt: toIso(now),
    pinned: f.pinned,
    phase: 'active',
    revision: base?.revision ?? 1,
    cancelReason: null,
    unread: true,
    updatedSinceRead: false,
    acked: false,
    history: base?.history ?? [],
  }
}

// Beijing wall-clock pieces for the date and time pickers, read and written by the station-time module.

export function pickerDate(iso: string): string {
  return stationDay(iso)
}

export function pickerTime(iso: string): string {
  return stationTime(iso)
}

/** `2025-06-01` + `08:30` (Beijing) → ISO; answers `fallback` when either piece is unreadable. */
export function fromPicker(date: string, time: string, fallback: string): string {
  return parseStationDateTime(date, time)?.toISOString() ?? fallback
}
