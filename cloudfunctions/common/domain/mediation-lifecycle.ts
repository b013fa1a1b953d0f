// The mediation case lifecycle as data: statuses with a label and a type, the moves between them with who may
// make each and what it needs, and the timeline event each produces. Handlers never set a status themselves.
import type { Move } from './lifecycle'

/** Who moves a case: one of its parties, an officer (or mediator on the staff side), or the timer. */
export type CaseActor = 'party' | 'officer' | 'system'

export type CaseStatus =
  | 'screening'
  | 'applied'
  | 'accepted'
  | 'mediating'
  | 'agreement_pending'
  | 'performing'
  | 'resolved'
  | 'failed'
  | 'routed'
  | 'withdrawn'
  | 'cleared'

/** `resolved` is the only success; `routed` and `withdrawn`/`cleared` stay out of the success rate's denominator. */
export type CaseStatusType = 'open' | 'resolved' | 'failed' | 'routed' | 'dropped'

export type StatusKind = 'info' | 'warning' | 'success' | 'danger' | 'muted'

export const CASE_STATUSES: readonly { value: CaseStatus; label: string; type: CaseStatusType; kind: StatusKind }[] = [
  { value: 'screening', label: '排查发现，还没申请', type: 'open', kind: 'muted' },
  { value: 'applied', label: '已申请，等待审查', type: 'open', kind: 'info' },
  { value: 'accepted', label: '已受理，等待双方同意', type: 'open', kind: 'info' },
  { value: 'mediating', label: '调解中', type: 'open', kind: 'warning' },
  { value: 'agreement_pending', label: '协议待双方确认', type: 'open', kind: 'warning' },
  { value: 'performing', label: '协议履行中', type: 'open', kind: 'info' },
  { value: 'resolved', label: '调解成功，已结案', type: 'resolved', kind: 'success' },
  { value: 'failed', label: '调解不成，已结案', type: 'failed', kind: 'danger' },
  { value: 'routed', label: '已转交', type: 'routed', kind: 'muted' },
  { value: 'withdrawn', label: '已撤回', type: 'dropped', kind: 'muted' },
  { value: 'cleared', label: '隐患已消除', type: 'dropped', kind: 'success' },
]
export const CASE_STATUS_VALUES = CASE_STATUSES.map((s) => s.value) as [CaseStatus, ...CaseStatus[]]

const BY_VALUE = new Map(CASE_STATUSES.map((s) => [s.value, s]))
export const caseStatusInfo = (s: CaseStatus) => BY_VALUE.get(s) ?? CASE_STATUSES[0]
export const isOpenCase = (s: CaseStatus) => caseStatusInfo(s).type === 'open'
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s.type === 'open').map((s) => s.value)

export type CaseMoveName =
  | 'file'
  | 'clear'
  | 'accept'
  | 'route'
  | 'start'
  | 'draft_agreement'
  | 'revise_agreement'
  | 'confirm'
  | 'fail'
  | 'close'
  | 'reopen'
  | 'withdraw'

/** A move of the lifecycle shape (./lifecycle), named. */
export interface CaseMove extends Move<CaseStatus, CaseActor> {
  name: CaseMoveName
  /** Button text. */
  label: string
  /** The move must say why; the parties see the note unless it is marked internal. */
  needsNote: boolean
}

export const CASE_MOVES: readonly CaseMove[] = [
  { name: 'file', from: ['screening'], to: 'applied', by: ['officer'], label: '转为调解案件', needsNote: false },
  { name: 'clear', from: ['screening'], to: 'cleared', by: ['officer'], label: '隐患已消除', needsNote: true },
  { name: 'accept', from: ['applied'], to: 'accepted', by: ['officer'], label: '受理并定级', needsNote: false },
  { name: 'route', from: ['screening', 'applied', 'accepted', 'mediating'], to: 'routed', by: ['officer', 'system'], label: '转交', needsNote: true },
  { name: 'start', from: ['accepted'], to: 'mediating', by: ['officer', 'system'], label: '开始调解', needsNote: false },
  { name: 'draft_agreement', from: ['mediating'], to: 'agreement_pending', by: ['officer'], label: '拟定调解协议', needsNote: false },
  { name: 'revise_agreement', from: ['agreement_pending'], to: 'mediating', by: ['officer'], label: '退回修改协议', needsNote: true },
  { name: 'confirm', from: ['agreement_pending'], to: 'performing', by: ['party', 'officer'], label: '双方确认协议', needsNote: false },
  { name: 'fail', from: ['accepted', 'mediating', 'agreement_pending'], to: 'failed', by: ['officer'], label: '调解不成', needsNote: true },
  { name: 'close', from: ['performing'], to: 'resolved', by: ['officer'], label: '履行完毕，结案', needsNote: false },
  // A broken agreement reopens the same case, never a new one.
  { name: 'reopen', from: ['performing', 'resolved'], to: 'mediating', by: ['officer'], label: '协议没履行，重新调解', needsNote: true },
  { name: 'withdraw', from: ['applied', 'accepted'], to: 'withdrawn', by: ['party'], label: '撤回申请', needsNote: false },
]

export interface CaseEvent {
  at: Date
  move: CaseMoveName | 'create' | 'note'
  from: CaseStatus | null
  to: CaseStatus
  actor: CaseActor
  /** OPENID or `cron`. */
  by: string
  byName: string
  note: string
  /** Parties see public events; internal ones (officer notes) stay on the staff side. */
  public: boolean
}

export type CaseMoveResult =
  | { ok: true; move: CaseMove; event: CaseEvent }
  | { ok: false; code: 'transition_not_allowed' | 'invalid_argument'; message: string }

export function findCaseMove(name: CaseMoveName, from: CaseStatus): CaseMove | null {
  return CASE_MOVES.find((m) => m.name === name && m.from.includes(from)) ?? null
}

/** The moves an actor may make from a status, for buttons. */
export function movesFrom(status: CaseStatus, actor: CaseActor): CaseMove[] {
  return CASE_MOVES.filter((m) => m.from.includes(status) && m.by.includes(actor))
}

/** Checks a move against the table and builds its event. Pure: the caller stores the status and event. */
export function moveCase(
  name: CaseMoveName,
  from: CaseStatus,
  who: { actor: CaseActor; by: string; name: string },
  at: Date,
  note = '',
  isPublic = true,
): CaseMoveResult {
  const rule = findCaseMove(name, from)
  if (!rule || !rule.by.includes(who.actor)) {
    const wanted = CASE_MOVES.find((m) => m.name === name)
    return {
      ok: false,
      code: 'transition_not_allowed',
      message: `这件调解现在是“${caseStatusInfo(from).label}”，不能${wanted?.label ?? '这样操作'}，请刷新后再看`,
    }
  }
  const text = note.trim()
  if (rule.needsNote && !text) return { ok: false, code: 'invalid_argument', message: `请写明${rule.label}的原因` }
  return { ok: true, move: rule, event: { at, move: name, from, to: rule.to, actor: who.actor, by: who.by, byName: who.name, note: text, public: isPublic } }
}

export function createdCaseEvent(status: CaseStatus, who: { actor: CaseActor; by: string; name: string }, at: Date, note: string): CaseEvent {
  return { at, move: 'create', from: null, to: status, actor: who.actor, by: who.by, byName: who.name, note, public: true }
}

/** An event that records something without moving the status (a session, an objection, a term done). */
export function noteEvent(status: CaseStatus, who: { actor: CaseActor; by: string; name: string }, at: Date, note: string, isPublic: boolean): CaseEvent {
  return { at, move: 'note', from: status, to: status, actor: who.actor, by: who.by, byName: who.name, note, public: isPublic }
}
