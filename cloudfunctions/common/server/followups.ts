// The one 回访 mechanism the case functions call: a case step opens its survey once (insertOnce on a fixed id),
// tells the person where they accepted messages, and every answer — the person's own, an officer's phone or door-step
// record, a migrated rating — is stored here, opening the 所长's task when it is 不满意. Collections are described in
// `@contract/followups`.
import {
  asksAttempts,
  editableUntil as editableUntilOf,
  needsTask,
  surveyId,
  taskId,
  type Answer,
  type FollowUpKind,
  type FollowUpStage,
  type TaskStatus,
  type Via,
} from '@domain/followups'
import { insertOnce } from './atomic'
import { FOLLOWUP_TASKS, FOLLOWUPS } from './collections'
import { findById, updateWhere } from './db'
import type { Deps } from './types'

export { FOLLOWUPS, FOLLOWUP_TASKS }
/** The survey page; the subscription message opens it with `?id=<surveyId>`. */
export const SURVEY_PAGE = 'packages/followup/survey/index'

export interface RecordedBy {
  openid: string
  name: string
}

export interface SurveyDoc {
  _id: string
  kind: FollowUpKind
  recordId: string
  stage: FollowUpStage
  side: 'applicant' | 'respondent' | null
  owner: string
  anonymous: boolean
  villageId: string
  title: string
  openedAt: Date
  openedKey: string
  answer: Answer | null
  words: string
  attempts: number | null
  via: Via | null
  recordedBy: RecordedBy | null
  answeredAt: Date | null
  answerKey: string
  editableUntil: Date | null
  revisedAt: Date | null
  taskId: string | null
  legacyScore: number | null
  notified: boolean
  createdAt: Date
  updatedAt: Date
}

export interface TaskDoc {
  _id: string
  surveyId: string
  kind: FollowUpKind
  recordId: string
  stage: FollowUpStage
  villageId: string
  title: string
  anonymous: boolean
  status: TaskStatus
  openedAt: Date
  openedKey: string
  closedAt: Date | null
  closedBy: RecordedBy | null
  note: string
  createdAt: Date
  updatedAt: Date
}

export interface SurveyOpening {
  kind: FollowUpKind
  recordId: string
  stage: FollowUpStage
  side?: 'applicant' | 'respondent'
  /** OPENID of the person to ask; no survey without one (a mediation party who has not joined the app). */
  owner: string | null
  anonymous: boolean
  villageId: string
  title: string
}

/**
 * Sends the "please tell us how it went" message through the calling function's own subscription sending (its
 * templates and the person's consent); answers whether one went out.
 */
export type SurveyNotifier = (owner: string, page: string) => Promise<boolean>

/** The stored survey a case step opened before, if any. */
export async function surveyOf(deps: Deps, kind: FollowUpKind, recordId: string, stage: FollowUpStage, side?: 'applicant' | 'respondent'): Promise<SurveyDoc | null> {
  return findById<SurveyDoc>(deps.db, FOLLOWUPS, surveyId(kind, recordId, stage, side))
}

/** A new, unanswered survey document (also what the seed and the rating migration start from). */
export function newSurvey(o: SurveyOpening & { owner: string }, now: Date): SurveyDoc {
  return {
    _id: surveyId(o.kind, o.recordId, o.stage, o.side),
    kind: o.kind,
    recordId: o.recordId,
    stage: o.stage,
    side: o.side ?? null,
    owner: o.owner,
    anonymous: o.anonymous,
    villageId: o.villageId,
    title: o.title,
    openedAt: now,
    openedKey: now.toISOString(),
    answer: null,
    words: '',
    attempts: null,
    via: null,
    recordedBy: null,
    answeredAt: null,
    answerKey: '',
    editableUntil: null,
    revisedAt: null,
    taskId: null,
    legacyScore: null,
    notified: false,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * Opens the survey of a case step once: a second call (a retry, a second trigger) finds the first survey. The case
 * step has already happened when this runs, so a failure here is logged and never fails the caller's action.
 */
export async function openSurvey(deps: Deps, o: SurveyOpening, notify?: SurveyNotifier): Promise<SurveyDoc | null> {
  if (!o.owner) return null
  try {
    const now = deps.now()
    const { created, doc } = await insertOnce(deps.db, FOLLOWUPS, newSurvey({ ...o, owner: o.owner }, now))
    if (created && notify && (await notify(o.owner, `${SURVEY_PAGE}?id=${encodeURIComponent(doc._id)}`))) {
      await updateWhere(deps.db.collection(FOLLOWUPS).where({ _id: doc._id }), { notified: true })
      return { ...doc, notified: true }
    }
    return doc
  } catch (err) {
    deps.log('followups.open failed', { id: surveyId(o.kind, o.recordId, o.stage, o.side), error: err instanceof Error ? err.message : String(err) })
    return null
  }
}

export interface AnswerInput {
  answer: Answer
  words: string
  attempts: number | null
  via: Via
  recordedBy: RecordedBy | null
  legacyScore?: number | null
}

/**
 * Stores the first answer of a survey, only if it is still unanswered (a conditional update: of two concurrent
 * answers exactly one wins); false when another answer came first. Opens the 所长's task for 不满意.
 */
export async function storeFirstAnswer(deps: Deps, s: SurveyDoc, a: AnswerInput, now: Date): Promise<SurveyDoc | null> {
  const fields = {
    answer: a.answer,
    words: a.words,
    attempts: asksAttempts(s.kind) ? a.attempts : null,
    via: a.via,
    recordedBy: a.recordedBy,
    answeredAt: now,
    answerKey: now.toISOString(),
    editableUntil: editableUntilOf(now),
    legacyScore: a.legacyScore ?? null,
    updatedAt: now,
  }
  const _ = deps.db.command
  const changed = await updateWhere(deps.db.collection(FOLLOWUPS).where({ _id: s._id, answerKey: '' }), {
    ...fields,
    recordedBy: a.recordedBy ? _.set(a.recordedBy) : null,
  })
  if (changed !== 1) return null
  return withTask(deps, { ...s, ...fields }, now)
}

/** Changes an answer within the edit window (conditional on the answer it was read with); null when it moved meanwhile. */
export async function storeRevision(deps: Deps, s: SurveyDoc, a: Pick<AnswerInput, 'answer' | 'words' | 'attempts'>, now: Date): Promise<SurveyDoc | null> {
  const _ = deps.db.command
  const fields = { answer: a.answer, words: a.words, attempts: asksAttempts(s.kind) ? a.attempts : null, revisedAt: now, updatedAt: now }
  const changed = await updateWhere(
    deps.db.collection(FOLLOWUPS).where({ _id: s._id, answerKey: s.answerKey, editableUntil: _.gt(now) }),
    fields,
  )
  if (changed !== 1) return null
  return withTask(deps, { ...s, ...fields }, now)
}

/** 不满意 opens one task per survey (insertOnce); the survey keeps its id. */
async function withTask(deps: Deps, s: SurveyDoc, now: Date): Promise<SurveyDoc> {
  if (!s.answer || !needsTask(s.answer) || s.taskId) return s
  const id = taskId(s._id)
  await insertOnce<TaskDoc>(deps.db, FOLLOWUP_TASKS, {
    _id: id,
    surveyId: s._id,
    kind: s.kind,
    recordId: s.recordId,
    stage: s.stage,
    villageId: s.villageId,
    title: s.title,
    anonymous: s.anonymous,
    status: 'open',
    openedAt: now,
    openedKey: now.toISOString(),
    closedAt: null,
    closedBy: null,
    note: '',
    createdAt: now,
    updatedAt: now,
  })
  await updateWhere(deps.db.collection(FOLLOWUPS).where({ _id: s._id }), { taskId: id })
  return { ...s, taskId: id }
}
