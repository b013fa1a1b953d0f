// Actions of the `followups` function: the one 回访 survey every kind of case gets (bookings served, errands and
// home visits done, reports closed, mediations closed and their 7/30/90-day checks), officers' phone and door-step
// 回访 recorded for the person, and the 所长's follow-up tasks opened by a 不满意.
//
// ## Collections (read by the figures function; written only by `@server/followups` and the `followups` function)
//
// `followups` — one survey per case step and person asked. `_id` is `surveyId(kind, recordId, stage[, side])` from
// `@domain/followups` (e.g. `booking-<bookingId>-done`, `report-<reportId>-closed`,
// `mediation-<caseId>-d30-applicant`): fixed, so opening it twice stores one survey (insertOnce), and it never
// holds an OPENID. Fields:
//   kind: 'booking' | 'errand' | 'home_visit' | 'report' | 'mediation'      (FollowUpKind)
//   recordId: string            the booking / errand / visit / report / mediation case id
//   stage: 'done' | 'closed' | 'd7' | 'd30' | 'd90'                          (FollowUpStage)
//   side: 'applicant' | 'respondent' | null                                   (mediation parties only)
//   owner: string               OPENID of the person asked — never shown to staff, never exported for anonymous
//   anonymous: boolean          an anonymous report's survey: staff views and exports show "匿名" and nothing else
//   villageId: string           the case's village ('' when unknown), for figures by village
//   title: string               what the case was (service name, report type, dispute title), shown in lists
//   openedAt: Date              when the case step opened the survey; openedKey: its ISO string (sortable, indexed)
//   answer: 'satisfied' | 'basic' | 'unsatisfied' | null   (Answer; null while unanswered) — 满意 / 基本满意 / 不满意
//   words: string               the optional words ('' when none), content-checked before they are stored
//   attempts: number | null     services only: 办了几次才办成 (1..ATTEMPTS_MAX; the max means "that many or more")
//   via: 'app' | 'phone' | 'in_person' | null   who gave the answer: the person, or an officer on their behalf
//   recordedBy: { openid: string; name: string } | null   the officer who recorded a phone / door-step 回访
//   answeredAt: Date | null     the first answer (figures count answers by this date)
//   answerKey: string           ISO string of answeredAt ('' while unanswered): sortable and indexed
//   editableUntil: Date | null  answeredAt + EDIT_DAYS; after it the answer is final
//   revisedAt: Date | null      the last change within the edit window
//   taskId: string | null       the 不满意 follow-up task, once one was opened
//   legacyScore: number | null  the 1–5 stars of a rating migrated from `service_ratings` (answer = answerOfScore)
//   notified: boolean           a subscription message was sent (only where the person had accepted one)
//   createdAt, updatedAt: Date
// A survey is "waiting" until answered, lapses ANSWER_DAYS after openedAt, and is editable EDIT_DAYS after the first
// answer (`surveyState` in `@domain/followups`). Satisfaction for figures: count `answer` by value where
// `answer != null`, grouped by `kind` and/or `villageId`, over `answeredAt` in the period (indexes:
// answer+answeredAt, kind+answeredAt, villageId+answeredAt).
//
// `followup_tasks` — one per survey whose answer was 不满意 (`_id` = `taskId(surveyId)` = `task-<surveyId>`). Fields:
//   surveyId, kind, recordId, stage, villageId, title, anonymous   (copied from the survey; no OPENID, no name)
//   status: 'open' | 'closed'   (TaskStatus) — 不满意 tasks still open = `status: 'open'` (index status+openedAt)
//   openedAt: Date, openedKey: string (ISO)
//   closedAt: Date | null, closedBy: { openid: string; name: string } | null, note: string (the 所长's closing note)
//   createdAt, updatedAt: Date
// "服务零投诉" = no task with `status: 'open'` (and how many were opened/closed in the period, by openedAt/closedAt).
import * as v from 'valibot'
import {
  ANSWERS,
  ATTEMPTS_MAX,
  FOLLOW_UP_KINDS,
  type Answer,
  type FollowUpKind,
  type FollowUpStage,
  type SurveyState,
  type TaskStatus,
  type Via,
} from '@domain/followups'
import { ADMIN_ONLY, defineAction, EVERYONE, STAFF, type IsoDate } from './core'
import { cursor, id, optionalText, pageSize, text } from './fields'

export const WORDS_MAX = 300

/** A case as a survey names it, with a link the app can open. */
export interface CaseLink {
  kind: FollowUpKind
  kindLabel: string
  recordId: string
  title: string
  /** App path of the case for the viewer (the resident's own page, or the officer's). */
  path: string
}

/** What the person asked sees of their own survey. */
export interface SurveyView {
  id: string
  case: CaseLink
  stage: FollowUpStage
  stageLabel: string
  state: SurveyState
  stateLabel: string
  answer: Answer | null
  answerLabel: string
  words: string
  /** Asked for services only; null elsewhere. */
  asksAttempts: boolean
  attempts: number | null
  via: Via | null
  viaLabel: string
  /** Name of the officer who recorded a phone / door-step 回访 for the person ('' when the person answered). */
  recordedByName: string
  openedAt: IsoDate
  answeredAt: IsoDate | null
  editableUntil: IsoDate | null
  lapsesAt: IsoDate
  canAnswer: boolean
  canRevise: boolean
}

/**
 * What staff see of a survey. For an anonymous report's survey `person` is null, `canRecord` false, and the dates are
 * days only: nothing links the report to a person.
 */
export interface StaffSurveyView {
  id: string
  case: CaseLink
  stage: FollowUpStage
  stageLabel: string
  state: SurveyState
  stateLabel: string
  anonymous: boolean
  /** Masked phone; null for an anonymous report. */
  person: { name: string; phone: string } | null
  answer: Answer | null
  answerLabel: string
  words: string
  asksAttempts: boolean
  attempts: number | null
  via: Via | null
  viaLabel: string
  recordedByName: string
  /** `YYYY-MM-DD` station day. */
  openedDay: string
  answeredDay: string | null
  taskId: string | null
  canRecord: boolean
}

export interface TaskView {
  id: string
  status: TaskStatus
  statusLabel: string
  survey: StaffSurveyView
  openedDay: string
  closedAt: IsoDate | null
  closedByName: string
  note: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PendingView {
  /** Surveys still waiting for the caller's answer, newest first. */
  waiting: SurveyView[]
  /** Answered and still editable. */
  editable: SurveyView[]
  /** How many are waiting, for the 待评价 badge. */
  count: number
}

const surveyIdField = id('回访编号')
const answer = v.picklist(ANSWERS, '请选择满意、基本满意或不满意')
const words = optionalText('想说的话', WORDS_MAX, { multiline: true })
const attempts = v.optional(
  v.pipe(v.number('请选择办了几次'), v.integer('请选择办了几次'), v.minValue(1, '最少办了1次'), v.maxValue(ATTEMPTS_MAX, `最多选${ATTEMPTS_MAX}次`)),
)
const kindField = v.picklist(FOLLOW_UP_KINDS, '事情类型不对')

export const followupsActions = {
  /** The caller's 待评价 list (and the answers they can still change): the 我的 / 我的办事 / 我的举报 entries. */
  'followups.pending': defineAction<PendingView>()({
    roles: EVERYONE,
    request: v.object({ kind: v.optional(v.picklist([...FOLLOW_UP_KINDS, 'services'] as const, '事情类型不对')) }),
  }),

  /** One of the caller's surveys (or, for staff, any survey in the staff view). */
  'followups.get': defineAction<SurveyView | StaffSurveyView>()({
    roles: EVERYONE,
    request: v.object({ id: surveyIdField }),
  }),

  /** The caller's survey of one of their cases, if one was opened (null otherwise): the entry on a case page. */
  'followups.forCase': defineAction<SurveyView | null>()({
    roles: EVERYONE,
    request: v.object({ kind: kindField, id: id('事情编号') }),
  }),

  /** The person's first answer. A second answer is refused (change it with `revise`). */
  'followups.answer': defineAction<SurveyView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: surveyIdField, answer, words, attempts }),
  }),

  /** Changes the answer within EDIT_DAYS of the first one. */
  'followups.revise': defineAction<SurveyView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: surveyIdField, answer, words, attempts }),
  }),

  /** An officer records a phone or door-step 回访 for the person (marked as such, with who recorded it). */
  'followups.record': defineAction<StaffSurveyView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: surveyIdField,
      via: v.picklist(['phone', 'in_person'] as const, '请选择电话回访或上门回访'),
      answer,
      words,
      attempts,
    }),
  }),

  /** Staff: surveys to follow up (waiting ones to call, or answered ones), newest first. */
  'followups.list': defineAction<Page<StaffSurveyView>>()({
    roles: STAFF,
    request: v.object({
      view: v.optional(v.picklist(['waiting', 'answered', 'unsatisfied'] as const, '筛选不对'), 'waiting'),
      kind: v.optional(kindField),
      cursor,
      pageSize,
    }),
  }),

  /** The 所长's follow-up tasks (不满意), open ones first by default. */
  'followups.tasks': defineAction<Page<TaskView>>()({
    roles: ADMIN_ONLY,
    request: v.object({ status: v.optional(v.picklist(['open', 'closed'] as const, '筛选不对'), 'open'), cursor, pageSize }),
  }),

  /** One task with its survey; a non-anonymous person's full phone is shown here and the view is audited. */
  'followups.task': defineAction<TaskView>()({
    roles: ADMIN_ONLY,
    request: v.object({ id: id('任务编号') }),
  }),

  /** The 所长 closes a task with a note of what was done. */
  'followups.closeTask': defineAction<TaskView>()({
    roles: ADMIN_ONLY,
    idempotent: true,
    request: v.object({ id: id('任务编号'), note: text('处理情况', 300, { multiline: true }) }),
  }),
} as const
