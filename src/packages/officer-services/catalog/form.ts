// The catalog editor's form: what an officer types for one service, how it becomes a `services.saveService`
// payload, and the contract's own checks mapped back onto the form's fields.
import type { ActionRequest } from '@contract'
import { servicesActions, type ServiceInfo } from '@contract/services'
import type { ServiceKind } from '@domain/service-kinds'
import type { HomeVisitBasis } from '@domain/schedule'
import { formErrors, type FieldErrors } from '@/services/formErrors'

export type SavePayload = ActionRequest<'services.saveService'>

export interface MaterialLine {
  /** Stable id; residents' ticked checklists refer to it, so editing a name keeps it. */
  id: string
  name: string
  required: boolean
  note: string
}

export interface ServiceForm {
  id: string
  /** A service not in the catalog yet. */
  isNew: boolean
  name: string
  summary: string
  kinds: ServiceKind[]
  materials: MaterialLine[]
  /** As typed; checked as a whole number on save. */
  duration: string
  afterHours: boolean
  homeVisitFor: HomeVisitBasis[]
  active: boolean
  /** Not edited here; kept as they were. */
  capacity?: number
  order: number
}

/** Where the phone keeps an unsaved form: one draft per service, one for a new service. */
export const draftName = (f: Pick<ServiceForm, 'id' | 'isNew'>) => (f.isNew ? 'catalog_new' : `catalog_${f.id}`)

export const KIND_ORDER: readonly ServiceKind[] = ['booking', 'errand', 'home_visit']
export const BASIS_ORDER: readonly HomeVisitBasis[] = ['elderly', 'disabled', 'seriously_ill']

/** A new id in the contract's shape (`^[a-z][a-z0-9_-]{1,31}$`) that officers never need to type. */
export function newServiceId(now: Date, existing: readonly string[]): string {
  let n = 0
  let id = `svc${now.getTime().toString(36)}`
  while (existing.includes(id)) id = `svc${now.getTime().toString(36)}${++n}`
  return id
}

/** A material id not used in this service yet. */
export function newMaterialId(lines: readonly MaterialLine[]): string {
  let n = lines.length + 1
  while (lines.some((m) => m.id === `m${n}`)) n += 1
  return `m${n}`
}

export function fromService(s: ServiceInfo): ServiceForm {
  return {
    id: s.id,
    isNew: false,
    name: s.name,
    summary: s.summary,
    kinds: KIND_ORDER.filter((k) => s.kinds.includes(k)),
    materials: s.materials.map((m) => ({ id: m.id, name: m.name, required: m.required, note: m.note ?? '' })),
    duration: String(s.durationMinutes),
    afterHours: s.afterHours,
    homeVisitFor: BASIS_ORDER.filter((b) => s.homeVisitFor.includes(b)),
    active: s.active,
    ...(s.capacity ? { capacity: s.capacity } : {}),
    order: s.order,
  }
}

/** A blank service, placed after the others. */
export function emptyService(id: string, services: readonly ServiceInfo[]): ServiceForm {
  const lastOrder = services.reduce((max, s) => Math.max(max, s.order), 0)
  return {
    id,
    isNew: true,
    name: '',
    summary: '',
    kinds: ['booking'],
    materials: [{ id: 'm1', name: '居民身份证', required: true, note: '' }],
    duration: '20',
    afterHours: false,
    homeVisitFor: [],
    active: true,
    order: Math.min(999, lastOrder + 10),
  }
}

/** Whole minutes, or NaN so the contract says "要填数字". */
function minutes(text: string): number {
  const t = text.trim()
  return /^\d+$/.test(t) ? Number(t) : Number.NaN
}

export function toPayload(f: ServiceForm): SavePayload {
  return {
    id: f.id,
    name: f.name.trim(),
    summary: f.summary.trim(),
    kinds: KIND_ORDER.filter((k) => f.kinds.includes(k)),
    materials: f.materials.map((m) => ({ id: m.id, name: m.name.trim(), required: m.required, ...(m.note.trim() ? { note: m.note.trim() } : {}) })),
    durationMinutes: minutes(f.duration),
    afterHours: f.afterHours,
    // Only services visited at home have anyone to qualify.
    homeVisitFor: f.kinds.includes('home_visit') ? BASIS_ORDER.filter((b) => f.homeVisitFor.includes(b)) : [],
    ...(f.capacity ? { capacity: f.capacity } : {}),
    active: f.active,
    order: f.order,
  }
}

/**
 * The contract's checks on the payload, keyed by form field: `name`, `summary`, `kinds`, `duration`, `homeVisitFor`,
 * `materials` (the list as a whole) and `materials.<line id>` (one line). Plus what the contract cannot say: a
 * home-visit service needs someone who qualifies.
 */
export function checkService(f: ServiceForm): FieldErrors {
  const raw = formErrors(servicesActions['services.saveService'].request, toPayload(f))
  const errors: FieldErrors = {}
  for (const [path, message] of Object.entries(raw)) {
    if (!message) continue
    const parts = path.split('.')
    let key = parts[0] === 'durationMinutes' ? 'duration' : parts[0] || 'form'
    if (parts[0] === 'materials' && parts.length > 1) {
      const line = f.materials[Number(parts[1])]
      if (line) key = `materials.${line.id}`
    }
    if (!errors[key]) errors[key] = message
  }
  if (f.kinds.includes('home_visit') && f.homeVisitFor.length === 0 && !errors.homeVisitFor) errors.homeVisitFor = '能上门办理的，请选上门对象'
  const names = f.materials.map((m) => m.name.trim()).filter(Boolean)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice && !errors.materials) errors.materials = `“${twice}”写了两遍，请删掉一个`
  return errors
}

/** Moves line `i` one place up (-1) or down (+1); the list is unchanged at the ends. */
export function moveLine<T>(lines: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by
  if (i < 0 || i >= lines.length || j < 0 || j >= lines.length) return [...lines]
  const next = [...lines]
  ;[next[i], next[j]] = [next[j], next[i]]
  return next
}
