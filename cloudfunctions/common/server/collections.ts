// Every collection's name, declared once; `cloudfunctions/database.json` declares what each holds (indexes, rules)
// and a unit test keeps the two in step. Functions, scripts and tests name a collection only through these.

// People and the station.
export const USERS = 'users'
export const STATION = 'station'
/** The one station document in STATION. */
export const STATION_ID = 'main'
export const INVITES = 'invites'
/** Residents per village (see @domain/residents), moved with every write of a resident's role or village. */
export const VILLAGE_RESIDENTS = 'village_residents'

// The shared runtime: request ledger, locks, upload areas, audit.
/** The request ledger, and the marks that point a request key at the record it created. */
export const REQUESTS = 'requests'
/** Guard documents that make competing transactions conflict. */
export const LOCKS = 'locks'
export const UPLOAD_FOLDERS = 'upload_folders'
export const AUDIT_LOG = 'audit_log'
/** One document per one-off data migration: its progress (a cursor) and whether it is done. */
export const MIGRATIONS = 'migrations'

// Alerts.
export const ALERTS = 'alerts'
export const ALERT_READS = 'alert_reads'
/** Residents' alert subscriptions (villages and categories they follow). */
export const SUBSCRIPTIONS = 'subscriptions'
export const ALERT_JOBS = 'alert_jobs'
export const ALERT_SENDS = 'alert_sends'

// Services (bookings, errands, home visits).
export const SERVICE_CATALOG = 'service_catalog'
export const SERVICE_CONFIG = 'service_config'
export const BOOKINGS = 'bookings'
export const BOOKING_HOLDS = 'booking_holds'
export const SLOT_SEATS = 'slot_seats'
export const ERRANDS = 'errands'
export const HOME_VISITS = 'home_visits'
/** Home visits as stored before the names change (LEGACY_): `services.migrateNames` copies them into HOME_VISITS. */
export const LEGACY_DOORSTEP_VISITS = 'doorstep_visits'
export const SERVICE_RATINGS = 'service_ratings'
/** Subscription-message consents for service progress (not alert subscriptions). */
export const SERVICE_SUBSCRIPTIONS = 'service_subscriptions'

// Reports.
export const REPORTS = 'reports'
/** Per-resident, per-day quota documents `quota:<openid>:<YYYYMMDD>` and per-day case sequences `seq:<YYYYMMDD>`. */
export const REPORT_COUNTERS = 'report_counters'
/** One document per asynchronous photo check, keyed by its trace id; the result arrives later. */
export const MEDIA_CHECKS = 'media_checks'

// Mediation.
export const MEDIATION_CASES = 'mediation_cases'
export const MEDIATORS = 'mediators'
export const MEDIATION_META = 'mediation_meta'

// Follow-ups (回访): one survey per case step and person; one task per 不满意 (see @contract/followups).
export const FOLLOWUPS = 'followups'
export const FOLLOWUP_TASKS = 'followup_tasks'

// Figures: temporary export files, and memoised counts.
export const FIGURE_EXPORTS = 'figure_exports'
export const FIGURE_MEMO = 'figure_memo'
// Households (一标三实 and QR doorplates).
/** Standard addresses (一标), one per place, with the house (use, owner) and counters. */
export const HH_ADDRESSES = 'hh_addresses'
/** Search terms `<term>|<addressId>` (names, 门牌号, 社+号) for the address book's prefix search. */
export const HH_TERMS = 'hh_terms'
export const HH_PEOPLE = 'hh_people'
export const HH_ORGS = 'hh_orgs'
/** One counter and contacts document per 社 (`<villageId>|<社>`): households, visited per quarter, last visit. */
export const HH_GROUPS = 'hh_groups'
export const HH_PLATES = 'hh_plates'
export const HH_PLATE_JOBS = 'hh_plate_jobs'
/** 我住这里 / 我是房东 declarations, pending until an officer decides. */
export const HH_CLAIMS = 'hh_claims'
export const HH_VISITS = 'hh_visits'
/** Address events: created, corrected (who and why), imported, plate changes. */
export const HH_EVENTS = 'hh_events'
