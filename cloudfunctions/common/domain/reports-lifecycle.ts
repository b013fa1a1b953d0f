// The report lifecycle as data: which moves exist, who may make them, what each needs, and the timeline event
// each produces. Handlers never set a status themselves; they ask `applyMove`.
import { isOpen, statusLabel, type ActorKind, type ReportStatus, type TimelineEvent } from './reports'

/** What a move needs besides the actor. */
export type MoveNeeds = 'nothing' | 'result' | 'reason' | 'agency'

export interface MoveRule {
  to: ReportStatus
  from: readonly ReportStatus[]
  by: ActorKind
  /** Event action name on the timeline. */
  action: string
  /** Button text for whoever may make the move. */
  label: string
  needs: MoveNeeds
  /** Moves whose outcome the reporter must be told about are public whatever the officer chooses. */
  alwaysPublic: boolean
}

export const MOVES: readonly MoveRule[] = [
  { to: 'accepted', from: ['submitted'], by: 'officer', action: 'accept', label: '受理', needs: 'nothing', alwaysPublic: false },
  { to: 'investigating', from: ['accepted'], by: 'officer', action: 'investigate', label: '开始调查', needs: 'nothing', alwaysPublic: false },
  { to: 'resolved', from: ['accepted', 'investigating'], by: 'officer', action: 'resolve', label: '办结', needs: 'result', alwaysPublic: true },
  { to: 'rejected', from: ['submitted', 'accepted', 'investigating'], by: 'officer', action: 'reject', label: '不予受理', needs: 'reason', alwaysPublic: true },
  { to: 'transferred', from: ['submitted', 'accepted', 'investigating'], by: 'officer', action: 'transfer', label: '移交其他部门', needs: 'agency', alwaysPublic: true },
  { to: 'withdrawn', from: ['submitted'], by: 'reporter', action: 'withdraw', label: '撤回举报', needs: 'nothing', alwaysPublic: true },
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

export function findMove(from: ReportStatus, to: ReportStatus): MoveRule | null {
  return MOVES.find((m) => m.to === to && m.from.includes(from)) ?? null
}

/** The moves `actor` may make from `status`, for showing buttons. */
export function allowedMoves(status: ReportStatus, actor: ActorKind): MoveRule[] {
  return MOVES.filter((m) => m.by === actor && m.from.includes(status))
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

export type MoveOutcome = { ok: true; rule: MoveRule; event: TimelineEvent } | { ok: false; problem: MoveProblem }

/** Checks a move against the table and the actor, and builds its timeline event. */
export function applyMove(input: MoveInput): MoveOutcome {
  const rule = findMove(input.from, input.to)
  if (!rule || rule.by !== input.actor.kind) {
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
  return {
    ok: true,
    rule,
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
