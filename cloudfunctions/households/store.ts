// Storage of the `households` function: collections, document shapes and the few reads and writes several
// handlers share. Every list is served by an index in database.json; coverage reads one counter document per 社.
import { randomBytes } from 'node:crypto'
import type { DB } from 'wx-server-sdk'
import type { ClaimAs, ClaimStatus, ConcernTopic, Focus, GroupCounters, HouseUse, OrgKind, PersonKind, PersonRole, PlateProblem, PlateState, VisitKind } from '@domain/households'
import { plateIdFrom, searchTerms } from '@domain/households'
import { carryAlertReadToHousehold } from '@server/alertReach'
import { insertOnce } from '@server/atomic'
import { linkHousehold } from '@server/residents'
import { findById, findMany, removeWhere, settle } from '@server/db'
import type { Deps } from '@server/types'

import { HH_ADDRESSES, HH_GROUPS, HH_PEOPLE, HH_PLATES, HH_TERMS, STATION, STATION_ID } from '@server/collections'

export const DOORPLATE_PAGE = 'packages/doorplate/index/index'
export const DEFAULT_TOWN = '平川镇'

export interface Point {
  latitude: number
  longitude: number
}

export interface AddressDoc {
  _id: string
  town: string
  villageId: string
  group: string
  groupOrder: number
  number: string
  room: string
  key: string
  sortKey: string
  location: Point | null
  use: HouseUse
  ownerName: string
  ownerPhone: string
  /** Current (not moved out) people. */
  people: number
  plateId: string | null
  lastVisitAt: Date | null
  lastVisitQuarter: string
  warnings: string[]
  importId: string | null
  createdAt: Date
  updatedAt: Date
}

export interface TermDoc {
  _id: string // `${term}|${addressId}`
  term: string
  addressId: string
  villageId: string
}

export interface PersonDoc {
  _id: string
  addressId: string
  villageId: string
  group: string
  name: string
  phone: string
  kind: PersonKind
  role: PersonRole
  relation: string
  idNo: string
  movedInDay: string
  movedOutDay: string | null
  focus: Focus
  note: string
  openid: string | null
  /** A tenant registered by a landlord: the landlord's openid. */
  landlordOpenid: string | null
  importId: string | null
  createdAt: Date
  updatedAt: Date
}

export interface OrgDoc {
  _id: string
  kind: OrgKind
  name: string
  addressId: string | null
  villageId: string
  group: string
  contactName: string
  contactPhone: string
  note: string
  lastVisitAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface Contact {
  name: string
  phone: string
}

export interface GroupDoc extends GroupCounters {
  _id: string // `${villageId}|${group}`
  officer: Contact | null
  gridWorker: Contact | null
  securityHead: Contact | null
  updatedAt: Date
}

export interface PlateDoc {
  _id: string
  addressId: string | null
  villageId: string
  group: string
  sortKey: string
  state: PlateState
  imageFileId: string | null
  /** The generation job that owes this plate an image ('' when it has one or none is running). */
  pendingJob: string
  problems: { problem: PlateProblem; note: string; by: string; at: Date }[]
  createdAt: Date
  updatedAt: Date
}

export interface PlateJobDoc {
  _id: string
  villageId: string
  group: string | null
  status: 'running' | 'done' | 'failed'
  total: number
  done: number
  failed: number
  lastError: string
  by: string
  /** The sortKey of the last address worked through: the next batch starts after it. */
  cursor: string
  /** Batches in a row stopped by a transient API error without progress. */
  stalls?: number
  /** Until when one call holds the job (two officers pressing 继续 do not generate twice). */
  leaseUntil: Date | null
  startedAt: Date
  updatedAt: Date
}

export interface ClaimDoc {
  _id: string
  addressId: string
  villageId: string
  openid: string
  name: string
  phone: string
  as: ClaimAs
  kind: PersonKind
  note: string
  status: ClaimStatus
  reason: string
  decidedBy: string | null
  decidedAt: Date | null
  personId: string | null
  createdAt: Date
}

export interface ConcernDoc {
  topic: ConcernTopic
  text: string
  became: { kind: 'report' | 'mediation' | 'alert'; id: string } | null
}

export interface VisitDoc {
  _id: string
  kind: VisitKind
  addressId: string | null
  organisationId: string | null
  villageId: string
  group: string
  place: string
  location: Point | null
  at: Date
  officer: string
  officerName: string
  notes: string
  concerns: ConcernDoc[]
  photos: string[]
  plateId: string | null
}

export interface EventDoc {
  _id: string
  addressId: string
  at: Date
  kind: 'created' | 'corrected' | 'imported' | 'plate'
  by: string
  byName: string
  reason: string
  changes: { field: string; from: string; to: string }[]
}

interface StationDoc {
  _id: string
  name?: string
  phone?: string
  town?: string
  villages?: { id: string; name: string }[]
}

export interface StationInfo {
  town: string
  phone: string
  villages: Map<string, string>
}

export async function station(deps: Deps): Promise<StationInfo> {
  const s = await findById<StationDoc>(deps.db, STATION, STATION_ID)
  return { town: s?.town ?? DEFAULT_TOWN, phone: s?.phone ?? '', villages: new Map((s?.villages ?? []).map((v) => [v.id, v.name])) }
}

export function newRecordId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`
}

export const groupId = (villageId: string, group: string) => `${villageId}|${group}`

export function emptyGroup(villageId: string, group: string, order: number, now: Date): GroupDoc {
  return { _id: groupId(villageId, group), villageId, group, order, households: 0, everVisited: 0, visited: {}, lastVisitAt: null, officer: null, gridWorker: null, securityHead: null, updatedAt: now }
}

/** Adds to a 社's counters, creating its document on first use. */
export async function bumpGroup(db: DB.Database, villageId: string, group: string, order: number, now: Date, inc: Record<string, number>, set: Record<string, unknown> = {}): Promise<void> {
  const _ = db.command
  const data: Record<string, unknown> = { ...set, updatedAt: now }
  for (const [k, by] of Object.entries(inc)) data[k] = _.inc(by)
  const id = groupId(villageId, group)
  const res = await settle(db.collection(HH_GROUPS).where({ _id: id }).update({ data }))
  if (res.stats.updated === 1) return
  const fresh = emptyGroup(villageId, group, order, now)
  await insertOnce(db, HH_GROUPS, { ...fresh, ...set })
  await settle(db.collection(HH_GROUPS).where({ _id: id }).update({ data }))
}

/** Rewrites an address's search terms (owner, people's current names, number). */
export async function writeTerms(db: DB.Database, a: Pick<AddressDoc, '_id' | 'villageId' | 'group' | 'number' | 'ownerName'>): Promise<void> {
  const people = await findMany<PersonDoc>(db.collection(HH_PEOPLE).where({ addressId: a._id }).limit(100))
  const terms = searchTerms(a, people.filter((p) => p.movedOutDay === null).map((p) => p.name))
  await removeWhere(db.collection(HH_TERMS).where({ addressId: a._id }))
  for (const term of terms) {
    await insertOnce<TermDoc>(db, HH_TERMS, { _id: `${term}|${a._id}`, term, addressId: a._id, villageId: a.villageId })
  }
}

export async function loadAddress(deps: Deps, id: string): Promise<AddressDoc | null> {
  return findById<AddressDoc>(deps.db, HH_ADDRESSES, id)
}

export async function addressesByIds(deps: Deps, ids: readonly string[]): Promise<Map<string, AddressDoc>> {
  if (ids.length === 0) return new Map()
  const _ = deps.db.command
  const docs = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where({ _id: _.in([...new Set(ids)]) }).limit(ids.length))
  return new Map(docs.map((d) => [d._id, d]))
}

export async function peopleAt(deps: Deps, addressId: string): Promise<PersonDoc[]> {
  return findMany<PersonDoc>(deps.db.collection(HH_PEOPLE).where({ addressId }).limit(200))
}

/** A fresh plate id, never one in use (the unique `_id` decides). */
export async function insertPlate(db: DB.Database, plate: Omit<PlateDoc, '_id'>): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const id = plateIdFrom(randomBytes(8))
    const made = await insertOnce<PlateDoc>(db, HH_PLATES, { ...plate, _id: id })
    if (made.created) return id
  }
  throw new Error('could not find a free plate id')
}

/** Points the user's profile at a confirmed household, with its 社 (alerts sent to that 社 then reach them). */
export async function setUserHousehold(deps: Deps, openid: string, a: Pick<AddressDoc, '_id' | 'villageId' | 'group'>): Promise<void> {
  await linkHousehold(deps.db, openid, { addressId: a._id, groupKey: groupId(a.villageId, a.group) }, deps.now())
  await carryAlertReadToHousehold(deps, openid, a._id)
}

/** After an address moved to another 社: the profiles confirmed at it follow, and the per-社 counters with them. */
export async function relinkPeopleAt(deps: Deps, a: Pick<AddressDoc, '_id' | 'villageId' | 'group'>): Promise<void> {
  const people = await peopleAt(deps, a._id)
  for (const p of people) {
    if (p.openid && p.movedOutDay === null) await linkHousehold(deps.db, p.openid, { addressId: a._id, groupKey: groupId(a.villageId, a.group) }, deps.now(), a._id)
  }
}

export async function groupsOf(deps: Deps, villageId?: string): Promise<GroupDoc[]> {
  // A station has a few dozen 社: one read of their counter documents.
  return findMany<GroupDoc>(deps.db.collection(HH_GROUPS).where(villageId ? { villageId } : {}).limit(1000))
}
