// The report lifecycle as data: how a report begins (`newReport`), which moves exist, who may make them, what each
// needs, what each writes and the timeline event each produces. Handlers never set a status or a field themselves;
// they ask `applyMove` and store what it answers.
import {
  isPlausibleRegistrationNo,
  normaliseRegistrationNo,
  type ActorKind,
  type PesticideDetails,
  type ReportDoc,
  type ReportPhoto,
  type ReportStatus,
  type TheftDetails,
  type TimelineEvent,
} from './reports'
import { findMove as findTableMove, movesFrom, type Move } from './lifecycle'
import { isOpen, statusLabel } from './report-statuses'
import { pesticideClusterKey, pesticideClusterLabel, theftClusterKey } from './reports-clusters'

/** What a move needs besides the actor. */
export type MoveNeeds = 'nothing' | 'result' | 'reason' | 'agency'

/** Fields a move writes besides the status, `updatedAt` and its timeline event. */
export type MoveWrite = 'acceptedAt' | 'closedAt' | 'result' | 'transferredTo'

/** A move of the lifecycle shape (./lifecycle); a public move (`alwaysPublic`, or the officer's choice) is sent to the reporter. */
export interface MoveRule extends Move<ReportStatus, ActorKind> {
  /** Event action name on the timeline. */
  action: string
  /** Button text for whoever may make the move. */
  label: string
  needs: MoveNeeds
  /** `closedAt` exactly when the move ends the case (to a closed status); see `applyMove` for the values. */
  writes: readonly MoveWrite[]
  /** Moves whose outcome the reporter must be told about are public whatever the officer chooses; a public move is sent to the reporter. */
  alwaysPublic: boolean
}

export const MOVES: readonly MoveRule[] = [
  { to: 'accepted', from: ['submitted'], by: ['officer'], action: 'accept', label: '受理', needs: 'nothing', writes: ['acceptedAt'], alwaysPublic: false },
  { to: 'investigating', from: ['accepted'], by: ['officer'], action: 'investigate', label: '开始调查', needs: 'nothing', writes: [], alwaysPublic: false },
  { to: 'resolved', from: ['accepted', 'investigating'], by: ['officer'], action: 'resolve', label: '办结', needs: 'result', writes: ['closedAt', 'result'], alwaysPublic: true },
  { to: 'rejected', from: ['submitted', 'accepted', 'investigating'], by: ['officer'], action: 'reject', label: '不予受理', needs: 'reason', writes: ['closedAt', 'result'], alwaysPublic: true },
  { to: 'transferred', from: ['submitted', 'accepted', 'investigating'], by: ['officer'], action: 'transfer', label: '移交其他部门', needs: 'agency', writes: ['closedAt', 'transferredTo'], alwaysPublic: true },
  { to: 'withdrawn', from: ['submitted'], by: ['reporter'], action: 'withdraw', label: '撤回举报', needs: 'nothing', writes: ['closedAt'], alwaysPublic: true },
]

export const ACTION_LABELS: Record<string, string> = {
  create: '提交举报',
  accept: '派出所已受理',
  investigate: '民警开始调查',
  resolve: '已办结',
  reject: '不予受理',
  transfer: '已移交',
  withdraw: '您撤回了举报',
  supplement: '补充了材料',
  assign: '指派民警',
}

export function findMove(from: ReportStatus, to: ReportStatus, actor: ActorKind): MoveRule | null {
  return findTableMove(MOVES, from, to, actor)
}

/** The moves `actor` may make from `status`, for showing buttons. */
export function allowedMoves(status: ReportStatus, actor: ActorKind): MoveRule[] {
  return movesFrom(MOVES, status, actor)
}

export interface MoveInput {
  from: ReportStatus
  to: ReportStatus
  actor: { kind: ActorKind; id: string; name?: string }
  at: Date
  note?: string
  agency?: string
  /** Whether the reporter sees this event; ignored (true) for moves that are always public. */
  public?: boolean
}

export type MoveProblem =
  | { code: 'transition_not_allowed'; message: string }
  | { code: 'invalid_argument'; field: 'note' | 'agency'; message: string }

/** What a move writes on the report (besides appending its event to the timeline). */
export interface MoveFields {
  status: ReportStatus
  updatedAt: Date
  acceptedAt?: Date
  closedAt?: Date
  /** The officer's note, as the result the reporter reads. */
  result?: string
  transferredTo?: string
}

export type MoveOutcome = { ok: true; rule: MoveRule; event: TimelineEvent; fields: MoveFields } | { ok: false; problem: MoveProblem }

/** Checks a move against the table and the actor, and builds its timeline event and the fields it writes. */
export function applyMove(input: MoveInput): MoveOutcome {
  const rule = findMove(input.from, input.to, input.actor.kind)
  if (!rule) {
    return {
      ok: false,
      problem: { code: 'transition_not_allowed', message: `这件举报现在是“${statusLabel(input.from)}”，不能改为“${statusLabel(input.to)}”，请刷新后再看` },
    }
  }
  const note = (input.note ?? '').trim()
  const agency = (input.agency ?? '').trim()
  if (rule.needs === 'result' && !note) return { ok: false, problem: { code: 'invalid_argument', field: 'note', message: '请写明处理结果，举报人会看到' } }
  if (rule.needs === 'reason' && !note) return { ok: false, problem: { code: 'invalid_argument', field: 'note', message: '请写明不予受理的原因，举报人会看到' } }
  if (rule.needs === 'agency' && !agency) return { ok: false, problem: { code: 'invalid_argument', field: 'agency', message: '请写明移交给哪个部门' } }
  const text = rule.needs === 'agency' ? (note ? `移交给${agency}：${note}` : `移交给${agency}`) : note
  const writes = new Set(rule.writes)
  const fields: MoveFields = {
    status: rule.to,
    updatedAt: input.at,
    ...(writes.has('acceptedAt') ? { acceptedAt: input.at } : {}),
    ...(writes.has('closedAt') ? { closedAt: input.at } : {}),
    ...(writes.has('result') ? { result: note } : {}),
    ...(writes.has('transferredTo') ? { transferredTo: agency } : {}),
  }
  return {
    ok: true,
    rule,
    fields,
    event: {
      at: input.at,
      actor: input.actor,
      action: rule.action,
      status: rule.to,
      note: text,
      public: rule.alwaysPublic || input.public !== false,
    },
  }
}

/** The first event of every report. */
export function createdEvent(actor: { id: string }, at: Date): TimelineEvent {
  return { at, actor: { kind: 'reporter', id: actor.id }, action: 'create', status: 'submitted', note: '', public: true }
}

/** What a reporter says of a fake pesticide, as validated (dates as Dates): the stored details but the check. */
export type PesticideReport = { type: 'fake_pesticide' } & Omit<PesticideDetails, 'registrationNoPlausible'>

/** What a reporter says of a theft, as validated. */
export type TheftReport = { type: 'theft' } & TheftDetails

export interface NewReportInput {
  report: PesticideReport | TheftReport
  anonymous: boolean
  /** OPENID of the reporter. */
  reporter: string
  /** Name and phone to keep with the report; null when anonymous. */
  contact: ReportDoc['contact']
  villageId: string
  /** The village's name, the label of a theft cluster (the id when the station has no name for it). */
  villageName?: string
  photos: ReportPhoto[]
  contentFlag: ReportDoc['contentFlag']
  at: Date
}

/** A new report as it is stored (without its case number): submitted, unassigned, its cluster named, one event. */
export function newReport(input: NewReportInput): Omit<ReportDoc, '_id'> {
  const r = input.report
  let details: { pesticide: PesticideDetails } | { theft: TheftDetails }
  let clusterKey: string | null
  let clusterLabel: string | null
  if (r.type === 'fake_pesticide') {
    const registrationNo = r.registrationNo ? normaliseRegistrationNo(r.registrationNo) : undefined
    details = {
      pesticide: {
        product: r.product,
        brand: r.brand,
        ...(registrationNo ? { registrationNo, registrationNoPlausible: isPlausibleRegistrationNo(registrationNo) } : {}),
        ...(r.batchNo ? { batchNo: r.batchNo } : {}),
        shop: r.shop,
        ...(r.address ? { address: r.address } : {}),
        boughtAt: r.boughtAt,
        ...(r.amountPaid !== undefined ? { amountPaid: r.amountPaid } : {}),
        crop: r.crop,
        ...(r.areaMu !== undefined ? { areaMu: r.areaMu } : {}),
        damage: r.damage,
      },
    }
    clusterKey = pesticideClusterKey(r.brand, r.shop)
    clusterLabel = pesticideClusterLabel(r.brand, r.shop)
  } else {
    details = {
      theft: {
        items: r.items.map((i) => ({ name: i.name, value: i.value })),
        from: r.from,
        to: r.to,
        place: r.place,
        ...(r.location ? { location: r.location } : {}),
        ...(r.suspect ? { suspect: r.suspect } : {}),
        ...(r.description ? { description: r.description } : {}),
      },
    }
    clusterKey = theftClusterKey(input.villageId)
    clusterLabel = input.villageName ?? input.villageId
  }
  return {
    type: r.type,
    status: 'submitted',
    reporter: input.reporter,
    anonymous: input.anonymous,
    contact: input.contact,
    villageId: input.villageId,
    ...details,
    photos: input.photos,
    contentFlag: input.contentFlag,
    clusterKey,
    clusterLabel,
    assignee: null,
    assigneeName: null,
    transferredTo: null,
    result: null,
    timeline: [createdEvent({ id: input.reporter }, input.at)],
    createdAt: input.at,
    updatedAt: input.at,
    acceptedAt: null,
    closedAt: null,
  }
}

export function canSupplement(status: ReportStatus): boolean {
  return isOpen(status)
}

export function supplementEvent(actor: { id: string }, at: Date, status: ReportStatus, text: string, photoCount: number): TimelineEvent {
  const parts = [text.trim(), photoCount > 0 ? `补充照片${photoCount}张` : ''].filter(Boolean)
  return { at, actor: { kind: 'reporter', id: actor.id }, action: 'supplement', status, note: parts.join('；'), public: true }
}

export function canAssign(status: ReportStatus): boolean {
  return isOpen(status)
}

export function assignEvent(actor: { id: string; name?: string }, at: Date, status: ReportStatus, assigneeName: string): TimelineEvent {
  return { at, actor: { kind: 'officer', ...actor }, action: 'assign', status, note: `指派给${assigneeName}`, public: false }
}

/** One line of the timeline as the reporter sees it: no officer identities, no internal notes. */
export interface PublicTimelineEntry {
  at: Date
  action: string
  label: string
  status: ReportStatus
  statusLabel: string
  note: string
  by: '您' | '派出所'
}

export function publicTimeline(events: readonly TimelineEvent[]): PublicTimelineEntry[] {
  return events
    .filter((e) => e.public)
    .map((e) => ({
      at: e.at,
      action: e.action,
      label: ACTION_LABELS[e.action] ?? e.action,
      status: e.status,
      statusLabel: statusLabel(e.status),
      note: e.note,
      by: e.actor.kind === 'reporter' ? '您' : '派出所',
    }))
}
