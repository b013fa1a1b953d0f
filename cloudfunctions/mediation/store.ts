// Storage of the mediation function: the case document, the roster, the running figures, case numbers, the
// 调解室 on the booking engine's seat counters, atomic case updates and the messages it sends.
import { count, findById, findMany, insert, transaction, txFindById, updateById, updateWhere } from '@server/db'
import { fail, type Deps, type UserDoc } from '@server/types'
import { kindLabel, type AgeBand, type CaseFacts, type CaseSource, type DisputeKind, type GradeReason, type Level, type MediatorKind, type MediatorRole, type RouteTarget, type Track } from '@domain/mediation'
import type { FollowUpStage } from '@domain/followups'
import { openSurvey } from '@server/followups'
import type { CaseEvent, CaseStatus } from '@domain/mediation-lifecycle'
import type { WorkCalendar } from '@domain/mediation-clocks'
import type { FigureCounters } from '@domain/mediation-figures'
import type { RosterEntry } from '@domain/mediation-matching'
import { stationDayKey, weekdayOf } from '@domain/station-time'
import { giveBack, takeBounded } from '@server/atomic'
import { loadSchedule, seatCounter } from '../services/store'
import { MEDIATION_CASES, MEDIATION_META, MEDIATORS, STATION, USERS } from '@server/collections'

export const FIGURES_ID = 'figures'
/** The 调解室 is a service of the booking engine with one seat per hour. */
export const ROOM_SERVICE = 'mediation_room'
const MAX_SEQ_PER_DAY = 9999

export type Side = 'applicant' | 'respondent'

export interface PartyDoc {
  side: Side
  openid: string | null
  name: string
  phone: string
  villageId: string
  group: string
  /** The household (一标 address id) the party lives at, when known. */
  addressId?: string | null
  age: number | null
  /** The age band a villager gave (the application asks it for both sides); null when unknown. */
  ageBand?: AgeBand | null
  /** What this party said; never shown to the other side. */
  statement: string
  consent: 'pending' | 'agreed' | 'refused'
  storyConsent: boolean
}

export interface TeamMemberDoc {
  mediatorId: string
  name: string
  role: MediatorRole
  kind: MediatorKind
  openid: string
  reasons: string[]
}

export interface SessionDoc {
  no: number
  at: Date
  day: string
  place: 'room' | 'site'
  siteAddress: string
  attendees: string[]
  outcome: 'planned' | 'agreed' | 'not_agreed' | 'again'
  notes: string
  /** The room seat it holds, released when the session is replaced. */
  seatKey: string | null
}

export interface TermDoc {
  id: string
  party: Side | 'both'
  what: string
  /** 履行方式: how it is carried out (当面交付现金、微信转账、到场修复…); '' for the document's default. */
  how?: string
  dueDay: string
  done: boolean
  doneAt: Date | null
  doneBy: string
  reminded: boolean
}

export interface ConfirmationDoc {
  at: Date
  via: 'app' | 'paper'
  by: string
  signature: string
  paperPhoto: string
}

export interface AgreementDoc {
  facts: { time: string; place: string; cause: string; course: string; result: string }
  terms: TermDoc[]
  attendees: string[]
  host: string
  documentNo: string
  draftedAt: Date
  confirmations: { applicant: ConfirmationDoc | null; respondent: ConfirmationDoc | null }
  confirmedAt: Date | null
  /** The rendered .docx in cloud storage (server-side path; its file id never leaves the function). */
  document?: { version: string; fileId: string } | null
}

export interface FollowUpDoc {
  round: 7 | 30 | 90
  dueDay: string
  done: boolean
  kept: boolean | null
  relations: string
  satisfaction: number | null
  note: string
  at: Date | null
  reminded: boolean
}

export interface CaseDoc {
  _id: string
  kind: DisputeKind
  source: CaseSource
  status: CaseStatus
  open: boolean
  villageId: string
  place: string
  want: string
  happenedAt: Date | null
  photos: string[]
  minorInvolved: boolean
  applicant: PartyDoc
  respondent: PartyDoc
  /** OPENIDs of the parties who have the app, for `mine`. */
  partyIds: string[]
  inviteCode: string
  reportId: string | null
  reportedBy: string
  facts: CaseFacts | null
  track: Track | null
  gate: { ok: boolean; text: string } | null
  grade: { level: Level; proposed: Level; points: number; reasons: GradeReason[]; overrideReason: string } | null
  risk: { flagged: boolean; reasons: string[]; notifiedAt: Date | null }
  riskFlag: boolean
  handler: string | null
  handlerName: string
  team: TeamMemberDoc[]
  objections: { side: Side; mediatorId: string; mediatorName: string; reason: string; at: Date }[]
  sessions: SessionDoc[]
  /** Index of the first session of the current round: a reopened case counts its sessions again. */
  sessionsFrom: number
  agreement: AgreementDoc | null
  /** Agreements that were broken and replaced after a reopening. */
  previousAgreements: AgreementDoc[]
  followUps: FollowUpDoc[]
  route: { target: RouteTarget; reason: string } | null
  acceptedAt: Date | null
  acceptedDay: string | null
  /** 伤情鉴定: the clock is paused from `awaitingFrom` until the result is out on `doneDay`. */
  assessment: { needed: boolean; awaitingFrom?: string | null; doneDay: string | null }
  extendedTo: string | null
  /** The consents recorded for the last extension of 人民调解, one per party. */
  extendConsent: string | { applicant: string; respondent: string }
  /** Consents the parties gave in the app to continue 人民调解; cleared when the extension takes effect. */
  partyExtendConsent?: { applicant: string; respondent: string }
  /** 司法确认 of the confirmed agreement (absent on older cases). */
  judicial?: {
    appliedDay: string
    appliedAt: Date
    court: string
    consent: string
    result: 'valid' | 'rejected' | null
    resultDay: string | null
    note: string
  } | null
  closedAt: Date | null
  /** What this case added to the figures when it last closed, so a reopening can take it back. */
  counted: { outcome: 'resolved' | 'failed' | 'routed'; days: number; kinds: string[] } | null
  timeline: CaseEvent[]
  /** Sort key of the officers' queue: risk, then level, then oldest first (descending order). */
  queueKey: string
  createdAt: Date
  createdKey: string
  updatedAt: Date
}

export interface MediatorDoc extends Omit<RosterEntry, 'id' | 'activeCases' | 'closedCases' | 'successfulCases'> {
  _id: string
  phone: string
  openid: string
  activeCases: number
  closedCases: number
  successfulCases: number
  updatedAt: Date
}

interface StationDoc {
  _id: string
  name?: string
  villages?: { id: string; name: string }[]
}

export function queueKeyOf(riskFlag: boolean, level: Level | null, createdAt: Date): string {
  return `${riskFlag ? 1 : 0}${level ?? 0}${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}`
}

export async function villages(deps: Deps): Promise<{ id: string; name: string }[]> {
  const station = await findById<StationDoc>(deps.db, STATION, 'main')
  return station?.villages ?? []
}

export async function stationName(deps: Deps): Promise<string> {
  const station = await findById<StationDoc>(deps.db, STATION, 'main')
  return station?.name ?? '派出所'
}

/** Working days from the station's schedule: closed exceptions are holidays, opened weekend days are 调休. */
export async function workCalendar(deps: Deps): Promise<WorkCalendar> {
  const schedule = await loadSchedule(deps)
  const holidays = schedule.exceptions.filter((e) => e.closed).map((e) => e.date)
  const workdays = schedule.exceptions.filter((e) => !e.closed && [0, 6].includes(weekdayOf(e.date))).map((e) => e.date)
  return { holidays, workdays }
}

export function caseNumber(at: Date, seq: number): string {
  return `TJ${stationDayKey(at)}-${String(seq).padStart(4, '0')}`
}

/** Stores a new case under the next free number of the day; the unique `_id` settles a race. */
export async function insertCase(deps: Deps, doc: Omit<CaseDoc, '_id'>): Promise<string> {
  const _ = deps.db.command
  const day = stationDayKey(doc.createdAt)
  const today = await count(deps.db.collection(MEDIATION_CASES).where({ _id: _.and(_.gte(`TJ${day}-0000`), _.lte(`TJ${day}-9999`)) }))
  for (let seq = today + 1, tries = 0; seq <= MAX_SEQ_PER_DAY && tries < 50; seq++, tries++) {
    const id = caseNumber(doc.createdAt, seq)
    try {
      await insert(deps.db, MEDIATION_CASES, { _id: id, ...doc })
      return id
    } catch (err) {
      if (!(await findById<CaseDoc>(deps.db, MEDIATION_CASES, id))) throw err
    }
  }
  fail('rate_limited', '今天的调解申请太多了，请明天再试，急事请打电话')
}

export async function loadCase(deps: Deps, id: string): Promise<CaseDoc> {
  const doc = await findById<CaseDoc>(deps.db, MEDIATION_CASES, id)
  if (!doc) fail('not_found', '没有找到这件调解，请回到“我的调解”刷新后再看')
  return doc
}

/**
 * Changes one case atomically: `change` reads the case as the transaction sees it and answers the fields to
 * write (or throws an AppError, and nothing is written). Concurrent changes to the same case are retried.
 */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

export async function changeCase(deps: Deps, id: string, change: (doc: CaseDoc) => Partial<Omit<CaseDoc, '_id'>>): Promise<CaseDoc> {
  return transaction(deps.db, async (t) => {
    const doc = await txFindById<CaseDoc>(t, MEDIATION_CASES, id)
    if (!doc) fail('not_found', '没有找到这件调解，请刷新后再看')
    const fields = { ...change(doc), updatedAt: deps.now() }
    // Each changed field is written whole: a plain object would be merged key by key, which fails on a field that
    // is null now (MongoDB: "Cannot create field … in element {facts: null}") and keeps keys the change dropped.
    const _ = deps.db.command
    const data = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isPlainObject(v) ? _.set(v) : v]))
    await t.collection(MEDIATION_CASES).doc(id).update({ data })
    return { ...doc, ...fields }
  })
}

export async function loadRoster(deps: Deps): Promise<MediatorDoc[]> {
  return findMany<MediatorDoc>(deps.db.collection(MEDIATORS).limit(1000))
}

/** Takes the 调解室 for the hour starting at `hhmm` on `day`; false when another case has it. */
export async function takeRoom(deps: Deps, day: string, hhmm: string): Promise<string | null> {
  const key = `${day}T${hhmm}`
  return (await takeBounded(deps.db, { ...seatCounter(ROOM_SERVICE, key, day), max: 1 })) ? key : null
}

export async function releaseRoom(deps: Deps, key: string | null): Promise<void> {
  if (key) await giveBack(deps.db, seatCounter(ROOM_SERVICE, key))
}

function flatten(prefix: string, value: unknown, out: FigureCounters): void {
  if (typeof value === 'number') out[prefix] = value
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out)
}

export async function loadCounters(deps: Deps): Promise<FigureCounters> {
  const doc = await findById<{ _id: string; counters?: Record<string, unknown> }>(deps.db, MEDIATION_META, FIGURES_ID)
  const out: FigureCounters = {}
  flatten('', doc?.counters ?? {}, out)
  return out
}

/** Adds to the running figures with `_.inc` on one document (created on first use). Never fails the action. */
export async function bumpFigures(deps: Deps, inc: FigureCounters): Promise<void> {
  const _ = deps.db.command
  const data: Record<string, unknown> = {}
  for (const [k, n] of Object.entries(inc)) if (n !== 0) data[`counters.${k}`] = _.inc(n)
  if (Object.keys(data).length === 0) return
  try {
    if ((await updateById(deps.db, MEDIATION_META, FIGURES_ID, data)) === 1) return
    try {
      await insert(deps.db, MEDIATION_META, { _id: FIGURES_ID, counters: {} })
    } catch {
      // Created meanwhile by another call.
    }
    await updateById(deps.db, MEDIATION_META, FIGURES_ID, data)
  } catch (err) {
    deps.log('mediation.figures not updated', { error: err instanceof Error ? err.message : String(err) })
  }
}

/** Changes a mediator's case counts (load and record). */
export async function bumpMediators(deps: Deps, ids: readonly string[], inc: { activeCases?: number; closedCases?: number; successfulCases?: number }): Promise<void> {
  const _ = deps.db.command
  const data: Record<string, unknown> = {}
  for (const [k, n] of Object.entries(inc)) if (n) data[k] = _.inc(n)
  if (ids.length === 0 || Object.keys(data).length === 0) return
  await updateWhere(deps.db.collection(MEDIATORS).where({ _id: _.in([...ids]) }), data)
}

export async function admins(deps: Deps): Promise<UserDoc[]> {
  return findMany<UserDoc>(deps.db.collection(USERS).where({ role: 'admin' }).limit(50))
}

/** Sends one subscription message; a user who did not subscribe, or no template configured, is not an error. */
export async function notifyUser(deps: Deps, openid: string | null, purpose: 'risk' | 'progress', fields: { caseId: string; status: string; note: string }, page: string): Promise<boolean> {
  const templateId = deps.config.templates[`mediation_${purpose}`]
  if (!openid || !templateId) return false
  try {
    const res = await deps.openapi.sendSubscribeMessage({
      touser: openid,
      templateId,
      page,
      data: {
        character_string1: { value: fields.caseId },
        phrase2: { value: [...fields.status].slice(0, 5).join('') },
        thing3: { value: [...fields.note].slice(0, 20).join('') },
      },
    })
    return res.errCode === 0
  } catch (err) {
    deps.log('mediation.notify failed', { openid, purpose, error: err instanceof Error ? err.message : String(err) })
    return false
  }
}

/**
 * Opens the 回访 survey of each party who has the app for a case step: its close (`closed`) or a 7/30/90-day check
 * (`d7`…). `notify` sends the "please tell us" message for the check rounds (close already tells the parties).
 */
export async function openPartySurveys(deps: Deps, doc: CaseDoc, stage: FollowUpStage, notify: boolean): Promise<void> {
  for (const side of ['applicant', 'respondent'] as const) {
    const party = doc[side]
    const note = stage === 'closed' ? '调解结案了，说说您满意吗' : `${stage.slice(1)}天回访：说说您满意吗`
    await openSurvey(
      deps,
      { kind: 'mediation', recordId: doc._id, stage, side, owner: party.openid, anonymous: false, villageId: doc.villageId, title: `${kindLabel(doc.kind)}调解` },
      notify ? (owner, page) => notifyUser(deps, owner, 'progress', { caseId: doc._id, status: '请评价', note }, page) : undefined,
    )
  }
}
