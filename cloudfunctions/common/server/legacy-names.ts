// The names a station stored before the services' glossary (README, "Names"), read only by the migration that moves
// them (`services.migrateNames`) and by the move of the old star ratings, whose documents keep the old kinds.
import type { ServiceKind } from '@domain/service-kinds'
import type { Via } from '@domain/followups'

/** A service kind as stored before: 预约 `appointment`, 代办 `proxy`, 上门 `doorstep`. */
export type LegacyKind = 'appointment' | 'proxy' | 'doorstep'

export const LEGACY_KINDS: Record<LegacyKind, ServiceKind> = { appointment: 'booking', proxy: 'errand', doorstep: 'home_visit' }
export const LEGACY_KIND_NAMES = Object.keys(LEGACY_KINDS) as LegacyKind[]

/** 上门回访 (an answer an officer took at the door) was `via: 'doorstep'`. */
export const LEGACY_VIA: Record<'doorstep', Via> = { doorstep: 'in_person' }

export function kindNow(kind: string): string {
  return Object.prototype.hasOwnProperty.call(LEGACY_KINDS, kind) ? LEGACY_KINDS[kind as LegacyKind] : kind
}
