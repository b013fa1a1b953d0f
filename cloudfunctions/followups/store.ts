// Queries of the followups function: a person's surveys, the staff lists and the 所长's tasks, each served by an index
// (database.json), paged by a sortable key.
import { findById, findMany } from '@server/db'
import type { SurveyDoc, TaskDoc } from '@server/followups'
import { FOLLOWUP_TASKS, FOLLOWUPS, USERS } from '@server/collections'
import type { Deps, UserDoc } from '@server/types'
import type { FollowUpKind, TaskStatus } from '@domain/followups'

/** A person has few surveys; the newest 100 cover the 待评价 list and the ones still editable. */
const OWN_LIMIT = 100

export async function ownSurveys(deps: Deps, owner: string): Promise<SurveyDoc[]> {
  return findMany<SurveyDoc>(deps.db.collection(FOLLOWUPS).where({ owner }).orderBy('openedKey', 'desc').limit(OWN_LIMIT))
}

export async function loadSurvey(deps: Deps, id: string): Promise<SurveyDoc | null> {
  return findById<SurveyDoc>(deps.db, FOLLOWUPS, id)
}

export async function surveysOfRecord(deps: Deps, recordId: string): Promise<SurveyDoc[]> {
  return findMany<SurveyDoc>(deps.db.collection(FOLLOWUPS).where({ recordId }).limit(20))
}

export type StaffListView = 'waiting' | 'answered' | 'unsatisfied'

/** One page of the staff list: waiting ones by when they opened, answered ones by when they were answered. */
export async function staffPage(deps: Deps, view: StaffListView, kind: FollowUpKind | undefined, cursor: string | undefined, size: number): Promise<SurveyDoc[]> {
  const _ = deps.db.command
  const where: Record<string, unknown> = kind ? { kind } : {}
  if (view === 'waiting') {
    where.answerKey = ''
    if (cursor) where.openedKey = _.lt(cursor)
    return findMany<SurveyDoc>(deps.db.collection(FOLLOWUPS).where(where).orderBy('openedKey', 'desc').limit(size))
  }
  if (view === 'unsatisfied') where.answer = 'unsatisfied'
  where.answerKey = cursor ? _.lt(cursor).and(_.gt('')) : _.gt('')
  return findMany<SurveyDoc>(deps.db.collection(FOLLOWUPS).where(where).orderBy('answerKey', 'desc').limit(size))
}

export async function taskPage(deps: Deps, status: TaskStatus, cursor: string | undefined, size: number): Promise<TaskDoc[]> {
  const _ = deps.db.command
  const where: Record<string, unknown> = { status }
  if (cursor) where.openedKey = _.lt(cursor)
  return findMany<TaskDoc>(deps.db.collection(FOLLOWUP_TASKS).where(where).orderBy('openedKey', 'desc').limit(size))
}

export async function loadTask(deps: Deps, id: string): Promise<TaskDoc | null> {
  return findById<TaskDoc>(deps.db, FOLLOWUP_TASKS, id)
}

export async function surveysByIds(deps: Deps, ids: string[]): Promise<Map<string, SurveyDoc>> {
  if (ids.length === 0) return new Map()
  const _ = deps.db.command
  const docs = await findMany<SurveyDoc>(deps.db.collection(FOLLOWUPS).where({ _id: _.in(ids) }).limit(ids.length))
  return new Map(docs.map((d) => [d._id, d]))
}

/** The people behind surveys (never read for anonymous ones). */
export async function usersByIds(deps: Deps, ids: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids.filter(Boolean))]
  if (unique.length === 0) return new Map()
  const _ = deps.db.command
  const docs = await findMany<UserDoc>(deps.db.collection(USERS).where({ _id: _.in(unique) }).limit(unique.length))
  return new Map(docs.map((d) => [d._id, d]))
}
