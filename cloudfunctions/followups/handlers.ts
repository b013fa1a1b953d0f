// Actions of the followups function: thin — validate (done by the runtime) → rule (@domain/followups) → store
// (@server/followups, ./store) → view.
import type { Page, StaffSurveyView, TaskView } from '@contract/followups'
import { answerRefusal, type Answerer, type FollowUpKind } from '@domain/followups'
import { updateWhere } from '@server/db'
import { FOLLOWUP_TASKS, storeFirstAnswer, storeRevision, type SurveyDoc } from '@server/followups'
import type { FunctionHandlers } from '@server/runtime'
import { fail, type CallerContext, type Deps } from '@server/types'
import { loadSurvey, loadTask, ownSurveys, staffPage, surveysByIds, surveysOfRecord, taskPage, usersByIds } from './store'
import { staffSurveyView, surveyView, taskView } from './views'

const SERVICE_KINDS: readonly FollowUpKind[] = ['booking', 'errand', 'home_visit']
const NOT_FOUND = '没有找到这份回访，它可能不是您的'
const TASK_NOT_FOUND = '没有找到这个回访任务，请刷新后再看'

function isStaff(ctx: CallerContext): boolean {
  return ctx.role === 'officer' || ctx.role === 'admin'
}

function answerer(ctx: CallerContext): Answerer {
  return { openid: ctx.openid, role: ctx.role }
}

async function checkWords(deps: Deps, ctx: CallerContext, words: string): Promise<void> {
  if (!words) return
  const check = await deps.openapi.msgSecCheck({ openid: ctx.openid, content: words, scene: 2 })
  if (check.suggest === 'risky') fail('content_risky', '想说的话里有不合适的字词，请修改后再提交', 'words')
}

async function ownSurvey(deps: Deps, ctx: CallerContext, id: string): Promise<SurveyDoc> {
  const s = await loadSurvey(deps, id)
  // Someone else's survey reads exactly like a missing one.
  if (!s || s.owner !== ctx.openid) fail('not_found', NOT_FOUND)
  return s
}

async function staffView(deps: Deps, s: SurveyDoc): Promise<StaffSurveyView> {
  const people = s.anonymous ? new Map() : await usersByIds(deps, [s.owner])
  return staffSurveyView(s, people.get(s.owner), deps.now())
}

async function staffViews(deps: Deps, docs: SurveyDoc[]): Promise<StaffSurveyView[]> {
  const people = await usersByIds(deps, docs.filter((d) => !d.anonymous).map((d) => d.owner))
  const now = deps.now()
  return docs.map((d) => staffSurveyView(d, d.anonymous ? undefined : people.get(d.owner), now))
}

async function fullTaskView(deps: Deps, ctx: CallerContext, id: string, audited: boolean): Promise<TaskView> {
  const t = await loadTask(deps, id)
  if (!t) fail('not_found', TASK_NOT_FOUND)
  const s = await loadSurvey(deps, t.surveyId)
  if (!s) fail('not_found', TASK_NOT_FOUND)
  const people = s.anonymous ? new Map() : await usersByIds(deps, [s.owner])
  const person = people.get(s.owner)
  const reveal = audited && !s.anonymous && Boolean(person?.phone)
  if (reveal) await deps.audit({ actor: ctx.openid, action: 'followups.task', target: t._id, detail: { survey: s._id } })
  return taskView(t, staffSurveyView(s, person, deps.now(), reveal ? (p) => p : undefined))
}

export const handlers: FunctionHandlers<'followups'> = {
  async 'followups.pending'(deps, ctx, { kind }) {
    const now = deps.now()
    const all = (await ownSurveys(deps, ctx.openid)).filter((s) => !kind || (kind === 'services' ? SERVICE_KINDS.includes(s.kind) : s.kind === kind))
    const views = all.map((s) => surveyView(s, now))
    const waiting = views.filter((v) => v.state === 'waiting')
    return { waiting, editable: views.filter((v) => v.state === 'answered'), count: waiting.length }
  },

  async 'followups.get'(deps, ctx, { id }) {
    const s = await loadSurvey(deps, id)
    if (s && s.owner === ctx.openid) return surveyView(s, deps.now())
    if (!s || !isStaff(ctx)) fail('not_found', NOT_FOUND)
    return staffView(deps, s)
  },

  async 'followups.forCase'(deps, ctx, { kind, id }) {
    const now = deps.now()
    const mine = (await surveysOfRecord(deps, id)).filter((s) => s.kind === kind && s.owner === ctx.openid)
    if (mine.length === 0) return null
    const views = mine.map((s) => surveyView(s, now)).sort((a, b) => b.openedAt.localeCompare(a.openedAt))
    return views.find((v) => v.canAnswer) ?? views.find((v) => v.canRevise) ?? views[0]
  },

  async 'followups.answer'(deps, ctx, p) {
    const now = deps.now()
    const s = await ownSurvey(deps, ctx, p.id)
    const refusal = answerRefusal(s, answerer(ctx), 'answer', now)
    if (refusal) fail(refusal.code, refusal.message)
    const words = p.words ?? ''
    await checkWords(deps, ctx, words)
    const stored = await storeFirstAnswer(deps, s, { answer: p.answer, words, attempts: p.attempts ?? null, via: 'app', recordedBy: null }, now)
    if (!stored) fail('conflict', '您已经评价过了，谢谢。想改的话请点“修改”')
    return surveyView(stored, now)
  },

  async 'followups.revise'(deps, ctx, p) {
    const now = deps.now()
    const s = await ownSurvey(deps, ctx, p.id)
    const refusal = answerRefusal(s, answerer(ctx), 'revise', now)
    if (refusal) fail(refusal.code, refusal.message)
    const words = p.words ?? ''
    await checkWords(deps, ctx, words)
    const stored = await storeRevision(deps, s, { answer: p.answer, words, attempts: p.attempts ?? null }, now)
    if (!stored) fail('expired', '评价已经不能修改了，请刷新后再看')
    return surveyView(stored, now)
  },

  async 'followups.record'(deps, ctx, p) {
    const now = deps.now()
    const s = await loadSurvey(deps, p.id)
    if (!s) fail('not_found', '没有找到这份回访，请刷新后再看')
    const refusal = answerRefusal(s, answerer(ctx), 'record', now)
    if (refusal) fail(refusal.code, refusal.message)
    const words = p.words ?? ''
    await checkWords(deps, ctx, words)
    const recordedBy = { openid: ctx.openid, name: ctx.user?.name || '民警' }
    const stored = await storeFirstAnswer(deps, s, { answer: p.answer, words, attempts: p.attempts ?? null, via: p.via, recordedBy }, now)
    if (!stored) fail('conflict', '这份回访已经有人评价了，不用再记')
    return staffView(deps, stored)
  },

  async 'followups.list'(deps, _ctx, { view, kind, cursor, pageSize }): Promise<Page<StaffSurveyView>> {
    const docs = await staffPage(deps, view, kind, cursor, pageSize)
    const last = docs[docs.length - 1]
    const nextCursor = docs.length === pageSize && last ? (view === 'waiting' ? last.openedKey : last.answerKey) : null
    return { items: await staffViews(deps, docs), nextCursor }
  },

  async 'followups.tasks'(deps, _ctx, { status, cursor, pageSize }): Promise<Page<TaskView>> {
    const tasks = await taskPage(deps, status, cursor, pageSize)
    const surveys = await surveysByIds(deps, tasks.map((t) => t.surveyId))
    const views = await staffViews(deps, [...surveys.values()])
    const byId = new Map(views.map((v) => [v.id, v]))
    const items = tasks.flatMap((t) => {
      const v = byId.get(t.surveyId)
      return v ? [taskView(t, v)] : []
    })
    const last = tasks[tasks.length - 1]
    return { items, nextCursor: tasks.length === pageSize && last ? last.openedKey : null }
  },

  async 'followups.task'(deps, ctx, { id }) {
    return fullTaskView(deps, ctx, id, true)
  },

  async 'followups.closeTask'(deps, ctx, { id, note }) {
    const t = await loadTask(deps, id)
    if (!t) fail('not_found', TASK_NOT_FOUND)
    if (t.status === 'closed') fail('conflict', '这个任务已经处理过了')
    const now = deps.now()
    const _ = deps.db.command
    const closedBy = { openid: ctx.openid, name: ctx.user?.name || '所长' }
    const changed = await updateWhere(deps.db.collection(FOLLOWUP_TASKS).where({ _id: id, status: 'open' }), {
      status: 'closed',
      closedAt: now,
      closedBy: _.set(closedBy),
      note,
      updatedAt: now,
    })
    if (changed !== 1) fail('conflict', '这个任务已经处理过了')
    return fullTaskView(deps, ctx, id, false)
  },
}
