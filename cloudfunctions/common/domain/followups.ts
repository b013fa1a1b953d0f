// Follow-up (回访) rules for every kind of case: the answers and their labels, which case steps open a survey,
// who may answer it and until when, and when an answer asks the 所长 for a follow-up task. Pure: `now` is passed in.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

const TZ = 'Asia/Shanghai'

/** The kinds of case a survey follows up. Service kinds use the services function's names. */
export type FollowUpKind = 'booking' | 'errand' | 'home_visit' | 'report' | 'mediation'
export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['booking', 'errand', 'home_visit', 'report', 'mediation']

export const KIND_LABELS: Record<FollowUpKind, string> = {
  booking: '预约办事',
  errand: '代办',
  home_visit: '上门服务',
  report: '举报',
  mediation: '矛盾调解',
}

/** Service kinds also ask "办了几次才办成". */
export function asksAttempts(kind: FollowUpKind): boolean {
  return kind === 'booking' || kind === 'errand' || kind === 'home_visit'
}

/**
 * The step of a case a survey belongs to: `done` (a booking served, an errand or home visit completed),
 * `closed` (a report closed, a mediation closed), `d7` / `d30` / `d90` (a mediation agreement's 7/30/90-day 回访).
 */
export type FollowUpStage = 'done' | 'closed' | 'd7' | 'd30' | 'd90'
export const FOLLOW_UP_STAGES: readonly FollowUpStage[] = ['done', 'closed', 'd7', 'd30', 'd90']

export const STAGE_LABELS: Record<FollowUpStage, string> = {
  done: '办结后',
  closed: '结案后',
  d7: '7天回访',
  d30: '30天回访',
  d90: '90天回访',
}

/** The three answers, in the order the survey shows them. */
export type Answer = 'satisfied' | 'basic' | 'unsatisfied'
export const ANSWERS: readonly Answer[] = ['satisfied', 'basic', 'unsatisfied']

export const ANSWER_LABELS: Record<Answer, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
}

/** How an answer reached us: the person in the app, or an officer who asked by phone or at the door. */
export type Via = 'app' | 'phone' | 'in_person'
export const VIAS: readonly Via[] = ['app', 'phone', 'in_person']
export const VIA_LABELS: Record<Via, string> = { app: '本人在小程序填写', phone: '民警电话回访', in_person: '民警上门回访' }

/** 办了几次才办成: 1..ATTEMPTS_MAX, the last meaning "that many or more". */
export const ATTEMPTS_MAX = 5

/** Days after the first answer during which the person may change it; then it is final. */
export const EDIT_DAYS = 3
/** Days a survey waits for an answer after it opens; then it lapses unanswered. */
export const ANSWER_DAYS = 30

/** A survey's state as the app shows it. `answered` is still editable; `final` is not; `lapsed` was never answered. */
export type SurveyState = 'waiting' | 'answered' | 'final' | 'lapsed'

export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  waiting: '待评价',
  answered: '已评价（可修改）',
  final: '已评价',
  lapsed: '已过期',
}

export interface SurveyClock {
  openedAt: Date
  answeredAt: Date | null
  /** Set at the first answer: answeredAt + EDIT_DAYS. */
  editableUntil: Date | null
}

/** The moment a survey opened at `openedAt` lapses unanswered. */
export function lapsesAt(openedAt: Date): Date {
  return dayjs(openedAt).tz(TZ).add(ANSWER_DAYS, 'day').toDate()
}

/** The moment an answer given at `answeredAt` becomes final (editing is allowed before it). */
export function editableUntil(answeredAt: Date): Date {
  return dayjs(answeredAt).tz(TZ).add(EDIT_DAYS, 'day').toDate()
}

export function surveyState(s: SurveyClock, now: Date): SurveyState {
  if (!s.answeredAt) return now.getTime() < lapsesAt(s.openedAt).getTime() ? 'waiting' : 'lapsed'
  const until = s.editableUntil ?? editableUntil(s.answeredAt)
  return now.getTime() < until.getTime() ? 'answered' : 'final'
}

/** Who is asking to answer or change a survey. */
export interface Answerer {
  openid: string
  role: 'resident' | 'officer' | 'admin'
}

export interface SurveyFacts extends SurveyClock {
  /** OPENID of the person the survey asks. */
  owner: string
  anonymous: boolean
}

export type Refusal =
  | { code: 'not_found'; message: string }
  | { code: 'conflict'; message: string }
  | { code: 'expired'; message: string }
  | { code: 'forbidden'; message: string }

/**
 * Whether `who` may give the first answer (`mode: 'answer'`), change it (`'revise'`), or record it for the person
 * (`'record'`, staff only, by phone or at the door). Null when allowed. A survey of someone else is `not_found`
 * (it does not say it exists); an anonymous report's survey cannot be recorded by an officer, who must not know
 * whom to ask.
 */
export function answerRefusal(s: SurveyFacts, who: Answerer, mode: 'answer' | 'revise' | 'record', now: Date): Refusal | null {
  if (mode === 'record') {
    if (who.role === 'resident') return { code: 'forbidden', message: '只有民警可以代记回访' }
    if (s.anonymous) return { code: 'forbidden', message: '匿名举报不能代记回访，请等举报人自己评价' }
  } else if (s.owner !== who.openid) {
    return { code: 'not_found', message: '没有找到这份回访，它可能不是您的' }
  }
  const state = surveyState(s, now)
  if (mode === 'revise') {
    if (state === 'waiting') return { code: 'conflict', message: '您还没有评价，请先评价' }
    if (state === 'final' || state === 'lapsed') return { code: 'expired', message: `评价只能在${EDIT_DAYS}天内修改，现在不能改了` }
    return null
  }
  if (state === 'answered' || state === 'final') {
    return { code: 'conflict', message: mode === 'record' ? '这份回访已经有人评价了，不用再记' : '您已经评价过了，谢谢。想改的话请点“修改”' }
  }
  if (state === 'lapsed') return { code: 'expired', message: `回访已经过了${ANSWER_DAYS}天，不能再评价了。有意见请打电话给派出所` }
  return null
}

/** 不满意 asks the 所长 to follow up; an answer changed to 不满意 during the edit window does too. */
export function needsTask(answer: Answer): boolean {
  return answer === 'unsatisfied'
}

/** Follow-up tasks for the 所长. */
export type TaskStatus = 'open' | 'closed'
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '待处理', closed: '已处理' }

/** The survey id of a case step: fixed, so opening it twice stores one survey. Never holds an OPENID. */
export function surveyId(kind: FollowUpKind, recordId: string, stage: FollowUpStage, side?: 'applicant' | 'respondent'): string {
  return side ? `${kind}-${recordId}-${stage}-${side}` : `${kind}-${recordId}-${stage}`
}

/** The task id of a survey: one task per survey. */
export function taskId(surveyIdValue: string): string {
  return `task-${surveyIdValue}`
}

/** The old 1–5 star rating in today's three answers (migrated ratings keep their stars in `legacyScore`). */
export function answerOfScore(score: number): Answer {
  if (score >= 4) return 'satisfied'
  if (score === 3) return 'basic'
  return 'unsatisfied'
}

/** The stage a service kind's survey opens at, and the statuses that open it. */
export const OPENING_STATUSES: Record<'booking' | 'errand' | 'home_visit', string> = {
  booking: 'completed',
  errand: 'completed',
  home_visit: 'completed',
}
