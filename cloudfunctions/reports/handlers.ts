// The `reports` function's actions: a villager's report from form to result, and the officers' queue, moves and
// patterns. Each handler validates, asks the domain (the lifecycle decides every status and field), stores, tells.
import type { AlertDraftPayload } from '@contract/reports'
import { PHOTOS_TOTAL_MAX } from '@contract/reports'
import { maskPhone } from '@domain/privacy'
import { CASE_NUMBER_RE, MAX_REPORTS_PER_DAY, checkPesticideDates, checkTheftDates, isOpen, overdueBefore, statusLabel, typeLabel, type ReportDoc } from '@domain/reports'
import { alertDraftFromCluster, computeClusters } from '@domain/reports-clusters'
import { applyMove, assignEvent, canAssign, canSupplement, newReport, supplementEvent } from '@domain/reports-lifecycle'
import { stationDayKey } from '@domain/station-time'
import { toIso } from '@contract/core'
import { recordOf } from '@server/atomic'
import { findById } from '@server/db'
import { HH_ADDRESSES, REPORTS } from '@server/collections'
import type { FunctionHandlers } from '@server/runtime'
import { fail, type CallerContext, type UserDoc } from '@server/types'
import { assertOwnUploads } from '@server/uploads'
import { openSurvey, SURVEY_PAGE } from '@server/followups'
import { concernSource, markConcern } from '../households/concerns'
import { notifyReporter } from './notify'
import {
  MSG,
  changeOpenReport,
  checkText,
  clusterReports,
  findUser,
  linkPhotoChecks,
  loadOwnReport,
  loadReport,
  moveReport,
  queuePage,
  quotaUsed,
  recentForClusters,
  reportText,
  reportsOf,
  settleMediaCheck,
  startPhotoChecks,
  storeNewReport,
  villageNames,
} from './store'
import { clusterMarks, clusterView, createdView, listItem, officerView, reporterView, summary } from './views'

export { isPendingMediaCheck } from './store'

function isStaff(ctx: CallerContext): boolean {
  return ctx.role === 'officer' || ctx.role === 'admin'
}

function isStaffUser(user: UserDoc | null): user is UserDoc {
  return Boolean(user && (user.role === 'officer' || user.role === 'admin'))
}

function checkCursor(cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !CASE_NUMBER_RE.test(cursor)) fail('invalid_argument', MSG.badCursor, 'cursor')
  return cursor
}

function officerOf(ctx: CallerContext): { id: string; name?: string } {
  return { id: ctx.openid, ...(ctx.user?.name ? { name: ctx.user.name } : {}) }
}

export const handlers: FunctionHandlers<'reports'> = {
  async 'reports.create'(deps, ctx, p) {
    // A retry of a request whose first call stored the report (and died before answering) gets that report.
    const earlier = await recordOf(deps.db, ctx.requestKey, REPORTS)
    if (earlier) return createdView(deps, await loadReport(deps, earlier))
    // From a concern raised on an officer's visit (staff only): a retry answers the report it already became.
    const visit = p.fromVisit ? await concernSource(deps, ctx, p.fromVisit, 'report') : null
    if (visit?.existing) return createdView(deps, await loadReport(deps, visit.existing))
    const addressId = p.addressId ?? visit?.addressId ?? undefined
    const now = deps.now()
    const problem = p.type === 'fake_pesticide' ? checkPesticideDates(p, now) : checkTheftDates(p, now)
    if (problem) fail('invalid_argument', problem.message, problem.field)
    const fileIds = await assertOwnUploads(deps, ctx, p.photos, 'photos')

    const villages = await villageNames(deps)
    if (p.villageId !== undefined && !villages.has(p.villageId)) fail('invalid_argument', MSG.unknownVillage, 'villageId')
    const villageId = p.villageId ?? ctx.user?.villageId ?? ''
    if (addressId !== undefined && !(await findById(deps.db, HH_ADDRESSES, addressId))) fail('invalid_argument', '没有找到这个门牌地址，请重新扫码或不选地址', 'addressId')

    let contact: ReportDoc['contact'] = null
    if (!p.anonymous) {
      const user: UserDoc | null = ctx.user
      if (!user || !user.name || !user.phone) fail('invalid_argument', MSG.needContact, 'anonymous')
      contact = { name: user.name, phone: user.phone }
    }

    const contentFlag = await checkText(deps, ctx.openid, reportText(p))

    const day = stationDayKey(now)
    const limited = ctx.role === 'resident'
    // Checked first so that a resident over the quota spends no case number; storing charges it for real.
    if (limited && (await quotaUsed(deps, ctx.openid, day)) >= MAX_REPORTS_PER_DAY) fail('rate_limited', MSG.rateLimited)

    const photos = await startPhotoChecks(deps, ctx.openid, fileIds, now, '')
    const made = newReport({ report: p, anonymous: p.anonymous, reporter: ctx.openid, contact, villageId, villageName: villages.get(villageId), photos, contentFlag, at: now })
    const doc = addressId ? { ...made, addressId } : made
    const stored = await storeNewReport(deps, ctx.requestKey, doc, limited ? { openid: ctx.openid, day } : null)
    if (visit) await markConcern(deps, visit, 'report', stored.id)
    if (!stored.created) return createdView(deps, await loadReport(deps, stored.id))
    await linkPhotoChecks(deps, stored.id, photos)
    return createdView(deps, { _id: stored.id, status: doc.status, contentFlag })
  },

  async 'reports.mine'(deps, ctx, { cursor, pageSize }) {
    const [docs, villages] = await Promise.all([reportsOf(deps, ctx.openid, checkCursor(cursor), pageSize), villageNames(deps)])
    const page = docs.slice(0, pageSize)
    return { items: page.map((d) => summary(d, villages)), nextCursor: docs.length > pageSize ? page[page.length - 1]._id : null }
  },

  async 'reports.get'(deps, ctx, { id }) {
    if (isStaff(ctx)) return officerView(deps, ctx, await loadReport(deps, id), true)
    const doc = await loadOwnReport(deps, ctx, id)
    return reporterView(deps, doc, await villageNames(deps))
  },

  async 'reports.list'(deps, ctx, p) {
    const _ = deps.db.command
    const now = deps.now()
    const where: Record<string, unknown> = {}
    if (p.type) where.type = p.type
    if (p.status) where.status = p.status
    if (p.villageId) where.villageId = p.villageId
    if (p.assigned) where.assignee = p.assigned === 'none' ? null : p.assigned === 'me' ? ctx.openid : p.assigned
    if (p.overdue) {
      if (p.status && p.status !== 'submitted') return { items: [], nextCursor: null }
      where.status = 'submitted'
      where.createdAt = _.lt(overdueBefore(now))
    }
    const after = checkCursor(p.cursor)
    if (after) where._id = _.lt(after)
    const docs = await queuePage(deps, where, p.pageSize)
    const page = docs.slice(0, p.pageSize)
    const [villages, marks] = await Promise.all([villageNames(deps), clusterMarks(deps, page, now)])
    return {
      items: page.map((d) => listItem(d, villages, now, maskPhone, d.clusterKey ? (marks.get(d.clusterKey) ?? null) : null)),
      nextCursor: docs.length > p.pageSize ? page[page.length - 1]._id : null,
    }
  },

  async 'reports.transition'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadReport(deps, p.id)
    if (p.assignee !== undefined && p.to !== 'accepted') fail('invalid_argument', '只有受理时才能同时指派民警，请用“指派”', 'assignee')
    // Accepting makes it someone's: the accepting officer's, unless another is chosen or it already has one.
    const assigneeId = p.to === 'accepted' ? (p.assignee && p.assignee !== 'me' ? p.assignee : doc.assignee ? null : ctx.openid) : null
    const assignee = assigneeId ? (assigneeId === ctx.openid && ctx.user ? ctx.user : await findUser(deps, assigneeId)) : null
    if (assigneeId && !isStaffUser(assignee)) fail('invalid_argument', MSG.notStaff, 'assignee')
    const out = applyMove({
      from: doc.status,
      to: p.to,
      actor: { kind: 'officer', ...officerOf(ctx) },
      at: now,
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(p.agency !== undefined ? { agency: p.agency } : {}),
      public: p.public,
    })
    if (!out.ok) {
      if (out.problem.code === 'invalid_argument') fail('invalid_argument', out.problem.message, out.problem.field)
      fail('transition_not_allowed', out.problem.message)
    }
    const events = [out.event]
    let assignment = {}
    if (assigneeId && assignee) {
      const assigneeName = assignee.name || '民警'
      assignment = { assignee: assigneeId, assigneeName }
      events.push(assignEvent(officerOf(ctx), now, p.to, assigneeName))
    }
    if (!(await moveReport(deps, doc, { ...out.fields, ...assignment }, events))) fail('conflict', MSG.conflict)
    const after = await loadReport(deps, doc._id)
    // A closed report asks the reporter how it went (an anonymous one too: only they see their survey). The closing
    // message, which they subscribed to when reporting, opens the survey.
    const survey = isOpen(p.to)
      ? null
      : await openSurvey(deps, { kind: 'report', recordId: doc._id, stage: 'closed', owner: doc.reporter, anonymous: doc.anonymous, villageId: doc.villageId, title: typeLabel(doc.type) })
    if (out.event.public) await notifyReporter(deps, after, out.event, survey ? `${SURVEY_PAGE}?id=${encodeURIComponent(survey._id)}` : undefined)
    return officerView(deps, ctx, after, false)
  },

  async 'reports.assign'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadReport(deps, p.id)
    if (!canAssign(doc.status)) fail('transition_not_allowed', `这件举报已经是“${statusLabel(doc.status)}”，不用再指派了`)
    const assigneeId = p.assignee === 'me' ? ctx.openid : p.assignee
    const assignee = await findUser(deps, assigneeId)
    if (!isStaffUser(assignee)) fail('invalid_argument', MSG.notStaff, 'assignee')
    const assigneeName = assignee.name || '民警'
    const event = assignEvent(officerOf(ctx), now, doc.status, assigneeName)
    if (!(await changeOpenReport(deps, doc._id, { assignee: assigneeId, assigneeName, updatedAt: now }, { timeline: [event] }))) fail('conflict', MSG.conflict)
    return officerView(deps, ctx, await loadReport(deps, doc._id), false)
  },

  async 'reports.supplement'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadOwnReport(deps, ctx, p.id)
    if (!canSupplement(doc.status)) fail('transition_not_allowed', MSG.closedNoSupplement)
    // Photos already on the report were checked when they came; only new ones are read and added.
    const onReport = doc.photos.map((ph) => ph.fileId)
    const fileIds = (await assertOwnUploads(deps, ctx, p.photos, 'photos', onReport)).filter((f) => !onReport.includes(f))
    if (doc.photos.length + fileIds.length > PHOTOS_TOTAL_MAX) fail('invalid_argument', MSG.tooManyPhotos, 'photos')
    const text = p.text ?? ''
    const flag = await checkText(deps, ctx.openid, text)
    const photos = await startPhotoChecks(deps, ctx.openid, fileIds, now, doc._id)
    const event = supplementEvent({ id: ctx.openid }, now, doc.status, text, photos.length)
    const changes = { updatedAt: now, ...(flag === 'review' ? { contentFlag: 'review' } : {}) }
    if (!(await changeOpenReport(deps, doc._id, changes, { timeline: [event], photos }))) fail('transition_not_allowed', MSG.closedNoSupplement)
    return reporterView(deps, await loadReport(deps, doc._id), await villageNames(deps))
  },

  async 'reports.withdraw'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadOwnReport(deps, ctx, p.id)
    const out = applyMove({ from: doc.status, to: 'withdrawn', actor: { kind: 'reporter', id: ctx.openid }, at: now, ...(p.reason ? { note: p.reason } : {}) })
    if (!out.ok) {
      fail('transition_not_allowed', doc.status === 'withdrawn' ? '这件举报已经撤回了' : '派出所已经受理了这件举报，不能撤回。有新情况可以补充，或打电话给派出所')
    }
    if (!(await moveReport(deps, doc, out.fields, [out.event]))) fail('transition_not_allowed', '派出所刚刚处理了这件举报，不能撤回了，请刷新后再看')
    return reporterView(deps, await loadReport(deps, doc._id), await villageNames(deps))
  },

  async 'reports.clusters'(deps, _ctx, p) {
    const now = deps.now()
    return { clusters: computeClusters(await recentForClusters(deps, now, p.type), now).map(clusterView) }
  },

  async 'reports.draftAlertFromCluster'(deps, _ctx, { key }) {
    const now = deps.now()
    const docs = await clusterReports(deps, key, now)
    const cluster = computeClusters(docs, now, 1).find((c) => c.key === key)
    if (!cluster) fail('not_found', MSG.noCluster)
    const inCluster = docs.filter((d) => cluster.reportIds.includes(d._id))
    const newest = inCluster[0]
    const villages = await villageNames(deps)
    const draft = alertDraftFromCluster({
      cluster,
      now,
      ...(newest.pesticide ? { brand: newest.pesticide.brand, shop: newest.pesticide.shop } : {}),
      products: inCluster.flatMap((d) => (d.pesticide ? [d.pesticide.product] : [])),
      villageName: villages.get(newest.villageId) ?? '',
      items: inCluster.flatMap((d) => d.theft?.items.map((i) => i.name) ?? []),
    })
    const payload: AlertDraftPayload = { ...draft, expiresAt: toIso(draft.expiresAt) }
    return payload
  },

  async 'reports.mediaCheckResult'(deps, _ctx, { traceId, suggest }) {
    // Checks are recorded as pending before their result can arrive (startPhotoChecks); the first result settles one.
    return { updated: await settleMediaCheck(deps, traceId, suggest, deps.now()) }
  },
}
