// The `reports` function's actions: a villager's report from form to result, and the officers' queue, moves and patterns.
import { toIso } from '@contract/core'
import type {
  AlertDraftPayload,
  ClusterMark,
  ClusterView,
  CreatedReport,
  OfficerListItem,
  OfficerReportView,
  PesticideView,
  PhotoView,
  ReporterReportView,
  ReportSummary,
  TheftView,
} from '@contract/reports'
import { PHOTOS_TOTAL_MAX } from '@contract/reports'
import { maskPhone } from '@domain/privacy'
import {
  MAX_REPORTS_PER_DAY,
  MAX_SEQ_PER_DAY,
  OPEN_STATUSES,
  caseNumber,
  checkPesticideDates,
  checkTheftDates,
  isOpen,
  isOverdue,
  isPlausibleRegistrationNo,
  normaliseRegistrationNo,
  overdueBefore,
  reportTitle,
  reporterForOfficer,
  stationDay,
  statusLabel,
  statusShort,
  typeLabel,
  visiblePhotos,
  type PesticideDetails,
  type PhotoCheck,
  type ReportDoc,
  type ReportPhoto,
  type ReportStatus,
  type TheftDetails,
  type TimelineEvent,
} from '@domain/reports'
import {
  alertDraftFromCluster,
  clusterCounts,
  clusterSummary,
  computeClusters,
  earliestClusterWindowStart,
  pesticideClusterKey,
  pesticideClusterLabel,
  theftClusterKey,
  type ClusterInput,
} from '@domain/reports-clusters'
import { ACTION_LABELS, allowedMoves, applyMove, assignEvent, canAssign, canSupplement, createdEvent, publicTimeline, supplementEvent } from '@domain/reports-lifecycle'
import { createOnce, insertOnce, nextInSequence, recordOf, txTakeBounded } from '@server/atomic'
import { findById, findMany, updateWhere } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { AppError, fail, type CallerContext, type Deps, type UserDoc } from '@server/types'
import { assertOwnUploads } from '@server/uploads'
import { concernSource, markConcern } from '../households/concerns'

export const REPORTS = 'reports'
/** Per-resident, per-day quota documents: `quota:<openid>:<YYYYMMDD>` → `{ count }`. */
export const REPORT_COUNTERS = 'report_counters'
/** One document per asynchronous photo check, keyed by its trace id; the result arrives later. */
export const MEDIA_CHECKS = 'media_checks'
const USERS = 'users'
const STATION = 'station'

/** The reporter's detail page, opened from a subscription message. */
export const REPORT_DETAIL_PAGE = 'packages/report-form/detail/index'

const MSG = {
  notFound: '没有找到这件举报，请回到“我的举报”里看看',
  risky: '举报内容里有不合适的字词，没有提交。请改一改再提交，急事请直接打电话。',
  needContact: '请先到“我的”里填好姓名和电话，或者选择匿名举报',
  unknownVillage: '没有这个村，请重新选择',
  rateLimited: `今天已经提交了${MAX_REPORTS_PER_DAY}次举报，请明天再试。急事请直接打派出所电话或110`,
  conflict: '这件举报刚刚被别人处理了，请刷新后再看',
  closedNoSupplement: '这件举报已经办完了，不能再补充。有新情况请重新举报或打电话',
  tooManyPhotos: `这件举报的照片最多${PHOTOS_TOTAL_MAX}张，请少选几张`,
  notStaff: '这个人不是民警，不能指派',
  noCluster: '这组举报已经没有了，请刷新后再看',
  badCursor: '翻页参数不对，请刷新后再看',
  full: '今天的举报太多了，请明天再试，急事请打电话',
} as const

export interface MediaCheckDoc {
  _id: string // trace id
  reportId: string
  fileId: string
  openid: string
  suggest: 'pending' | 'pass' | 'review' | 'risky'
  createdAt: Date
  checkedAt: Date | null
}

interface StationDoc {
  _id: string
  villages?: { id: string; name: string }[]
}

interface QuotaDoc {
  _id: string
  count: number
  day: string
  openid: string
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers.

async function villageNames(deps: Deps): Promise<Map<string, string>> {
  const station = await findById<StationDoc>(deps.db, STATION, 'main')
  return new Map((station?.villages ?? []).map((v) => [v.id, v.name]))
}

function isStaff(ctx: CallerContext): boolean {
  return ctx.role === 'officer' || ctx.role === 'admin'
}

async function loadReport(deps: Deps, id: string): Promise<ReportDoc> {
  const doc = await findById<ReportDoc>(deps.db, REPORTS, id)
  if (!doc) fail('not_found', MSG.notFound)
  return doc
}

/** A resident sees only their own report; anyone else's is "not found", never "forbidden". */
async function loadOwnReport(deps: Deps, ctx: CallerContext, id: string): Promise<ReportDoc> {
  const doc = await findById<ReportDoc>(deps.db, REPORTS, id)
  if (!doc || doc.reporter !== ctx.openid) fail('not_found', MSG.notFound)
  return doc
}

/** `review` flags the report for officers; `risky` refuses it. A check that cannot run flags rather than loses a report. */
async function checkText(deps: Deps, openid: string, content: string): Promise<'pass' | 'review'> {
  if (!content.trim()) return 'pass'
  try {
    const res = await deps.openapi.msgSecCheck({ openid, content: content.slice(0, 2500), scene: 1 })
    if (res.suggest === 'risky') fail('content_risky', MSG.risky)
    return res.suggest === 'review' ? 'review' : 'pass'
  } catch (err) {
    if (err instanceof AppError) throw err
    deps.log('reports: msgSecCheck failed, report flagged for review', { error: String(err) })
    return 'review'
  }
}

/**
 * Starts the asynchronous check of each photo and records each check as `pending` at once, before its result can
 * arrive: only a push whose trace id is such a record is taken as WeChat's (see `isPendingMediaCheck`).
 * `reportId` is '' while the report has no case number yet (see `linkPhotoChecks`).
 */
async function startPhotoChecks(deps: Deps, openid: string, fileIds: readonly string[], at: Date, reportId: string): Promise<ReportPhoto[]> {
  let urls: Record<string, string> = {}
  try {
    urls = await deps.storage.tempUrls([...fileIds])
  } catch (err) {
    deps.log('reports: could not get photo urls for media check', { error: String(err) })
  }
  const photos: ReportPhoto[] = []
  for (const fileId of fileIds) {
    let traceId: string | undefined
    const url = urls[fileId]
    if (url) {
      try {
        traceId = (await deps.openapi.mediaCheckAsync({ openid, mediaUrl: url, mediaType: 2, scene: 1 })).traceId || undefined
      } catch (err) {
        deps.log('reports: mediaCheckAsync failed', { fileId, error: String(err) })
      }
    }
    if (traceId) {
      const made = await insertOnce<MediaCheckDoc>(deps.db, MEDIA_CHECKS, { _id: traceId, reportId, fileId, openid, suggest: 'pending', createdAt: at, checkedAt: null })
      if (!made.created) deps.log('reports: media check record exists', { traceId })
    }
    photos.push({ fileId, ...(traceId ? { traceId } : {}), check: 'pending', addedBy: 'reporter', addedAt: at })
  }
  return photos
}

/** Names the new report on the checks of its photos, recorded before the report had its case number. */
async function linkPhotoChecks(deps: Deps, reportId: string, photos: readonly ReportPhoto[]): Promise<void> {
  const _ = deps.db.command
  const traceIds = photos.map((p) => p.traceId).filter((t): t is string => Boolean(t))
  if (traceIds.length > 0) await updateWhere(deps.db.collection(MEDIA_CHECKS).where({ _id: _.in(traceIds), reportId: '' }), { reportId })
}

/** True when `traceId` is a photo check this function started and whose result has not arrived yet. */
export async function isPendingMediaCheck(deps: Deps, traceId: string): Promise<boolean> {
  if (traceId === '') return false
  const doc = await findById<MediaCheckDoc>(deps.db, MEDIA_CHECKS, traceId)
  return doc?.suggest === 'pending'
}

/** Reads the checks' results: a photo is as its check says, `pending` until a result arrives. */
async function resolvePhotoChecks(deps: Deps, photos: readonly ReportPhoto[]): Promise<ReportPhoto[]> {
  const traceIds = photos.map((p) => p.traceId).filter((t): t is string => Boolean(t))
  if (traceIds.length === 0) return [...photos]
  const _ = deps.db.command
  const checks = await findMany<MediaCheckDoc>(deps.db.collection(MEDIA_CHECKS).where({ _id: _.in(traceIds) }).limit(100))
  const byTrace = new Map(checks.map((c) => [c._id, c.suggest]))
  return photos.map((p) => {
    const suggest = p.traceId ? byTrace.get(p.traceId) : undefined
    const check: PhotoCheck = suggest === 'risky' ? 'risky' : suggest === 'pass' || suggest === 'review' ? 'pass' : 'pending'
    return { ...p, check }
  })
}

async function photoViews(deps: Deps, photos: readonly ReportPhoto[]): Promise<PhotoView[]> {
  if (photos.length === 0) return []
  let urls: Record<string, string> = {}
  try {
    urls = await deps.storage.tempUrls(photos.map((p) => p.fileId))
  } catch (err) {
    deps.log('reports: could not get photo urls', { error: String(err) })
  }
  return photos.map((p) => ({ fileId: p.fileId, url: urls[p.fileId] ?? '', check: p.check }))
}

function quotaCounter(openid: string, day: string) {
  return { collection: REPORT_COUNTERS, id: `quota:${openid}:${day}`, field: 'count', max: MAX_REPORTS_PER_DAY, create: () => ({ day, openid }) }
}

/** Reports a resident has made today (read before anything is spent; the transaction in create charges for real). */
async function quotaUsed(deps: Deps, openid: string, day: string): Promise<number> {
  return (await findById<QuotaDoc>(deps.db, REPORT_COUNTERS, quotaCounter(openid, day).id))?.count ?? 0
}

/**
 * The day's next case number from the per-day sequence document `seq:<YYYYMMDD>`. It is refused only when the day's
 * MAX_SEQ_PER_DAY numbers are really all taken, however many reports race for one.
 */
async function nextCaseNumber(deps: Deps, at: Date): Promise<string> {
  const day = stationDay(at)
  const _ = deps.db.command
  // Reports stored before the sequence document existed (e.g. by an older version) keep their numbers.
  const start = async () => {
    const [last] = await findMany<ReportDoc>(
      deps.db.collection(REPORTS).where({ _id: _.and(_.gte(`PC${day}-0000`), _.lte(`PC${day}-9999`)) }).orderBy('_id', 'desc').limit(1).field({ _id: true }),
    )
    return last ? Number(last._id.slice(-4)) : 0
  }
  const seq = await nextInSequence(deps.db, { collection: REPORT_COUNTERS, id: `seq:${day}`, field: 'seq', max: MAX_SEQ_PER_DAY, create: () => ({ day }), start })
  if (seq === null) fail('rate_limited', MSG.full)
  return caseNumber(at, seq)
}

function createdView(deps: Deps, doc: Pick<ReportDoc, '_id' | 'status' | 'contentFlag'>): CreatedReport {
  return { id: doc._id, caseNo: doc._id, status: doc.status, flagged: doc.contentFlag === 'review', subscribeTemplateId: reportTemplateId(deps) }
}

/** The 举报进展通知 template (env `TEMPLATE_REPORT_STATUS`, or `TEMPLATE_REPORT`); null when none is configured. */
function reportTemplateId(deps: Deps): string | null {
  return deps.config.templates.report_status ?? deps.config.templates.report ?? null
}

/** Tells the reporter about a public move. A user who did not subscribe is not an error. */
async function notifyReporter(deps: Deps, doc: ReportDoc, event: TimelineEvent): Promise<void> {
  const templateId = reportTemplateId(deps)
  if (!templateId) {
    deps.log('reports: no TEMPLATE_REPORT_STATUS configured; no subscription message sent', { id: doc._id })
    return
  }
  try {
    const res = await deps.openapi.sendSubscribeMessage({
      touser: doc.reporter,
      templateId,
      page: `${REPORT_DETAIL_PAGE}?id=${doc._id}`,
      data: {
        character_string1: { value: doc._id },
        phrase2: { value: statusShort(event.status) },
        thing3: { value: (event.note || ACTION_LABELS[event.action] || statusLabel(event.status)).slice(0, 20) },
        time4: { value: toIso(event.at).slice(0, 16).replace('T', ' ') },
      },
    })
    if (res.errCode !== 0) deps.log('reports: subscription message not sent', { id: doc._id, errCode: res.errCode, errMsg: res.errMsg })
  } catch (err) {
    deps.log('reports: subscription message failed', { id: doc._id, error: String(err) })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Views.

function pesticideView(p: PesticideDetails | undefined): PesticideView | null {
  if (!p) return null
  return {
    product: p.product,
    brand: p.brand,
    registrationNo: p.registrationNo ?? '',
    registrationNoPlausible: p.registrationNo ? (p.registrationNoPlausible ?? null) : null,
    batchNo: p.batchNo ?? '',
    shop: p.shop,
    address: p.address ?? '',
    boughtAt: toIso(p.boughtAt),
    amountPaid: p.amountPaid ?? null,
    crop: p.crop,
    areaMu: p.areaMu ?? null,
    damage: p.damage,
  }
}

function theftView(t: TheftDetails | undefined): TheftView | null {
  if (!t) return null
  return {
    items: t.items.map((i) => ({ name: i.name, value: i.value })),
    totalValue: t.items.reduce((sum, i) => sum + (i.value || 0), 0),
    from: toIso(t.from),
    to: toIso(t.to),
    place: t.place,
    location: t.location ?? null,
    suspect: t.suspect ?? '',
    description: t.description ?? '',
  }
}

function summary(doc: ReportDoc, villages: Map<string, string>): ReportSummary {
  return {
    id: doc._id,
    caseNo: doc._id,
    type: doc.type,
    typeLabel: typeLabel(doc.type),
    title: reportTitle(doc),
    status: doc.status,
    statusLabel: statusLabel(doc.status),
    open: isOpen(doc.status),
    villageId: doc.villageId,
    villageName: villages.get(doc.villageId) ?? '',
    anonymous: doc.anonymous,
    createdAt: toIso(doc.createdAt),
    updatedAt: toIso(doc.updatedAt),
  }
}

async function reporterView(deps: Deps, doc: ReportDoc, villages: Map<string, string>): Promise<ReporterReportView> {
  const photos = visiblePhotos(await resolvePhotoChecks(deps, doc.photos))
  return {
    ...summary(doc, villages),
    view: 'reporter',
    pesticide: pesticideView(doc.pesticide),
    theft: theftView(doc.theft),
    photos: await photoViews(deps, photos),
    timeline: publicTimeline(doc.timeline).map((e) => ({ ...e, at: toIso(e.at) })),
    result: doc.status === 'resolved' || doc.status === 'rejected' ? doc.result : null,
    transferredTo: doc.transferredTo,
    canSupplement: canSupplement(doc.status),
    canWithdraw: allowedMoves(doc.status, 'reporter').some((m) => m.to === 'withdrawn'),
  }
}

function listItem(doc: ReportDoc, villages: Map<string, string>, now: Date, showPhone: (phone: string) => string, cluster: ClusterMark | null): OfficerListItem {
  return {
    ...summary(doc, villages),
    reporter: reporterForOfficer(doc, showPhone),
    overdue: isOverdue(doc, now),
    assignee: doc.assignee,
    assigneeName: doc.assigneeName,
    flagged: doc.contentFlag === 'review',
    photoCount: doc.photos.length,
    cluster,
  }
}

/** Cluster counts for a page of reports, from one bounded query. */
async function clusterMarks(deps: Deps, docs: readonly Pick<ReportDoc, 'clusterKey' | 'type'>[], now: Date): Promise<Map<string, ClusterMark>> {
  const keys = [...new Set(docs.map((d) => d.clusterKey).filter((k): k is string => Boolean(k)))]
  const marks = new Map<string, ClusterMark>()
  if (keys.length === 0) return marks
  const _ = deps.db.command
  const related = await findMany<ClusterInput & { _id: string }>(
    deps.db
      .collection(REPORTS)
      .where({ clusterKey: _.in(keys), createdAt: _.gte(earliestClusterWindowStart(now)) })
      .field({ _id: true, type: true, status: true, createdAt: true, villageId: true, clusterKey: true, clusterLabel: true })
      .limit(1000),
  )
  const counts = clusterCounts(related, now)
  for (const d of docs) {
    if (!d.clusterKey) continue
    const n = counts.get(d.clusterKey) ?? 0
    if (n >= 2) marks.set(d.clusterKey, { key: d.clusterKey, count: n, summary: clusterSummary(d.type, n) })
  }
  return marks
}

async function officerView(deps: Deps, ctx: CallerContext, doc: ReportDoc, revealPhone: boolean): Promise<OfficerReportView> {
  const now = deps.now()
  const [villages, marks, checked] = await Promise.all([villageNames(deps), clusterMarks(deps, [doc], now), resolvePhotoChecks(deps, doc.photos)])
  const shown = visiblePhotos(checked)
  if (revealPhone && !doc.anonymous && doc.contact) {
    await deps.audit({ actor: ctx.openid, action: 'reports.viewReporterPhone', target: doc._id })
  }
  return {
    ...listItem(doc, villages, now, revealPhone ? (p) => p : maskPhone, doc.clusterKey ? (marks.get(doc.clusterKey) ?? null) : null),
    view: 'officer',
    pesticide: pesticideView(doc.pesticide),
    theft: theftView(doc.theft),
    photos: await photoViews(deps, shown),
    hiddenPhotos: checked.length - shown.length,
    timeline: doc.timeline.map((e) => ({
      at: toIso(e.at),
      action: e.action,
      label: ACTION_LABELS[e.action] ?? e.action,
      status: e.status,
      statusLabel: statusLabel(e.status),
      note: e.note,
      public: e.public,
      by: e.actor.kind,
      officerName: e.actor.kind === 'officer' ? (e.actor.name ?? null) : null,
    })),
    moves: allowedMoves(doc.status, 'officer').map((m) => ({ to: m.to, label: m.label, needs: m.needs, alwaysPublic: m.alwaysPublic })),
    result: doc.result,
    transferredTo: doc.transferredTo,
    acceptedAt: doc.acceptedAt ? toIso(doc.acceptedAt) : null,
    closedAt: doc.closedAt ? toIso(doc.closedAt) : null,
  }
}

function checkCursor(cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !/^PC\d{8}-\d{4}$/.test(cursor)) fail('invalid_argument', MSG.badCursor, 'cursor')
  return cursor
}

function reportText(p: { [k: string]: unknown }): string {
  const parts: string[] = []
  const push = (x: unknown) => {
    if (typeof x === 'string' && x.trim()) parts.push(x.trim())
  }
  for (const k of ['product', 'brand', 'batchNo', 'shop', 'address', 'crop', 'damage', 'place', 'suspect', 'description']) push(p[k])
  if (Array.isArray(p.items)) for (const item of p.items as { name?: unknown }[]) push(item.name)
  return parts.join('\n')
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers.

export const handlers: FunctionHandlers<'reports'> = {
  async 'reports.create'(deps, ctx, p) {
    // A retry of a request whose first call stored the report (and died before answering) gets that report.
    const earlier = await recordOf(deps.db, ctx.requestKey, REPORTS)
    if (earlier) return createdView(deps, await loadReport(deps, earlier))
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
    if (addressId !== undefined && !(await findById(deps.db, 'hh_addresses', addressId))) fail('invalid_argument', '没有找到这个门牌地址，请重新扫码或不选地址', 'addressId')

    let contact: ReportDoc['contact'] = null
    if (!p.anonymous) {
      const user: UserDoc | null = ctx.user
      if (!user || !user.name || !user.phone) fail('invalid_argument', MSG.needContact, 'anonymous')
      contact = { name: user.name, phone: user.phone }
    }

    const contentFlag = await checkText(deps, ctx.openid, reportText(p))

    const day = stationDay(now)
    const limited = ctx.role === 'resident'
    // Checked first so that a resident over the quota spends no case number; the transaction below charges it.
    if (limited && (await quotaUsed(deps, ctx.openid, day)) >= MAX_REPORTS_PER_DAY) fail('rate_limited', MSG.rateLimited)

    const photos = await startPhotoChecks(deps, ctx.openid, fileIds, now, '')
    let pesticide: PesticideDetails | undefined
    let theft: TheftDetails | undefined
    let clusterKey: string | null
    let clusterLabel: string | null
    if (p.type === 'fake_pesticide') {
      const registrationNo = p.registrationNo ? normaliseRegistrationNo(p.registrationNo) : undefined
      pesticide = {
        product: p.product,
        brand: p.brand,
        ...(registrationNo ? { registrationNo, registrationNoPlausible: isPlausibleRegistrationNo(registrationNo) } : {}),
        ...(p.batchNo ? { batchNo: p.batchNo } : {}),
        shop: p.shop,
        ...(p.address ? { address: p.address } : {}),
        boughtAt: p.boughtAt,
        ...(p.amountPaid !== undefined ? { amountPaid: p.amountPaid } : {}),
        crop: p.crop,
        ...(p.areaMu !== undefined ? { areaMu: p.areaMu } : {}),
        damage: p.damage,
      }
      clusterKey = pesticideClusterKey(p.brand, p.shop)
      clusterLabel = pesticideClusterLabel(p.brand, p.shop)
    } else {
      theft = {
        items: p.items.map((i) => ({ name: i.name, value: i.value })),
        from: p.from,
        to: p.to,
        place: p.place,
        ...(p.location ? { location: p.location } : {}),
        ...(p.suspect ? { suspect: p.suspect } : {}),
        ...(p.description ? { description: p.description } : {}),
      }
      clusterKey = theftClusterKey(villageId)
      clusterLabel = villages.get(villageId) ?? villageId
    }
    const doc: Omit<ReportDoc, '_id'> = {
      type: p.type,
      status: 'submitted',
      reporter: ctx.openid,
      anonymous: p.anonymous,
      contact,
      villageId,
      ...(addressId ? { addressId } : {}),
      ...(pesticide ? { pesticide } : {}),
      ...(theft ? { theft } : {}),
      photos,
      contentFlag,
      clusterKey,
      clusterLabel,
      assignee: null,
      assigneeName: null,
      transferredTo: null,
      result: null,
      timeline: [createdEvent({ id: ctx.openid }, now)],
      createdAt: now,
      updatedAt: now,
      acceptedAt: null,
      closedAt: null,
    }
    // The report, its quota charge and the request key's mark commit together: a crash leaves all or none.
    const stored = await createOnce(deps.db, {
      requestKey: ctx.requestKey,
      collection: REPORTS,
      doc: { _id: await nextCaseNumber(deps, now), ...doc },
      now,
      ...(limited
        ? {
            charge: async (t) => {
              if (!(await txTakeBounded(t, quotaCounter(ctx.openid, day)))) fail('rate_limited', MSG.rateLimited)
            },
          }
        : {}),
    })
    if (visit) await markConcern(deps, visit, 'report', stored.id)
    if (!stored.created) return createdView(deps, await loadReport(deps, stored.id))
    await linkPhotoChecks(deps, stored.id, photos)
    return createdView(deps, { _id: stored.id, status: doc.status, contentFlag })
  },

  async 'reports.mine'(deps, ctx, { cursor, pageSize }) {
    const _ = deps.db.command
    const after = checkCursor(cursor)
    const where = after ? { reporter: ctx.openid, _id: _.lt(after) } : { reporter: ctx.openid }
    const [docs, villages] = await Promise.all([
      findMany<ReportDoc>(deps.db.collection(REPORTS).where(where).orderBy('_id', 'desc').limit(pageSize + 1).field({ timeline: false })),
      villageNames(deps),
    ])
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
    const docs = await findMany<ReportDoc>(
      deps.db.collection(REPORTS).where(where).orderBy('_id', 'desc').limit(p.pageSize + 1).field({ timeline: false }),
    )
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
    const assignee = assigneeId ? (assigneeId === ctx.openid && ctx.user ? ctx.user : await findById<UserDoc>(deps.db, USERS, assigneeId)) : null
    if (assigneeId && (!assignee || (assignee.role !== 'officer' && assignee.role !== 'admin'))) fail('invalid_argument', MSG.notStaff, 'assignee')
    const out = applyMove({
      from: doc.status,
      to: p.to,
      actor: { kind: 'officer', id: ctx.openid, ...(ctx.user?.name ? { name: ctx.user.name } : {}) },
      at: now,
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(p.agency !== undefined ? { agency: p.agency } : {}),
      public: p.public,
    })
    if (!out.ok) {
      if (out.problem.code === 'invalid_argument') fail('invalid_argument', out.problem.message, out.problem.field)
      fail('transition_not_allowed', out.problem.message)
    }
    const _ = deps.db.command
    const events = [out.event]
    const changes: Record<string, unknown> = { status: p.to, updatedAt: now }
    if (p.to === 'accepted') changes.acceptedAt = now
    if (assigneeId && assignee) {
      const assigneeName = assignee.name || '民警'
      changes.assignee = assigneeId
      changes.assigneeName = assigneeName
      events.push(assignEvent({ id: ctx.openid, ...(ctx.user?.name ? { name: ctx.user.name } : {}) }, now, p.to, assigneeName))
    }
    changes.timeline = _.push({ each: events })
    if (!isOpen(p.to)) changes.closedAt = now
    if (p.to === 'resolved' || p.to === 'rejected') changes.result = (p.note ?? '').trim()
    if (p.to === 'transferred') changes.transferredTo = (p.agency ?? '').trim()
    // Compare-and-set on the status: two officers moving the same report cannot both win.
    const moved = await updateWhere(deps.db.collection(REPORTS).where({ _id: doc._id, status: doc.status }), changes)
    if (moved !== 1) fail('conflict', MSG.conflict)
    const after = await loadReport(deps, doc._id)
    if (out.event.public) await notifyReporter(deps, after, out.event)
    return officerView(deps, ctx, after, false)
  },

  async 'reports.assign'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadReport(deps, p.id)
    if (!canAssign(doc.status)) fail('transition_not_allowed', `这件举报已经是“${statusLabel(doc.status)}”，不用再指派了`)
    const assigneeId = p.assignee === 'me' ? ctx.openid : p.assignee
    const assignee = await findById<UserDoc>(deps.db, USERS, assigneeId)
    if (!assignee || (assignee.role !== 'officer' && assignee.role !== 'admin')) fail('invalid_argument', MSG.notStaff, 'assignee')
    const assigneeName = assignee.name || '民警'
    const _ = deps.db.command
    const event = assignEvent({ id: ctx.openid, ...(ctx.user?.name ? { name: ctx.user.name } : {}) }, now, doc.status, assigneeName)
    const done = await updateWhere(deps.db.collection(REPORTS).where({ _id: doc._id, status: _.in([...OPEN_STATUSES]) }), {
      assignee: assigneeId,
      assigneeName,
      updatedAt: now,
      timeline: _.push({ each: [event] }),
    })
    if (done !== 1) fail('conflict', MSG.conflict)
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
    const _ = deps.db.command
    const changes: Record<string, unknown> = {
      updatedAt: now,
      photos: _.push({ each: photos }),
      timeline: _.push({ each: [supplementEvent({ id: ctx.openid }, now, doc.status, text, photos.length)] }),
    }
    if (flag === 'review') changes.contentFlag = 'review'
    const done = await updateWhere(deps.db.collection(REPORTS).where({ _id: doc._id, status: _.in([...OPEN_STATUSES]) }), changes)
    if (done !== 1) fail('transition_not_allowed', MSG.closedNoSupplement)
    return reporterView(deps, await loadReport(deps, doc._id), await villageNames(deps))
  },

  async 'reports.withdraw'(deps, ctx, p) {
    const now = deps.now()
    const doc = await loadOwnReport(deps, ctx, p.id)
    const out = applyMove({ from: doc.status, to: 'withdrawn', actor: { kind: 'reporter', id: ctx.openid }, at: now, ...(p.reason ? { note: p.reason } : {}) })
    if (!out.ok) {
      fail('transition_not_allowed', doc.status === 'withdrawn' ? '这件举报已经撤回了' : '派出所已经受理了这件举报，不能撤回。有新情况可以补充，或打电话给派出所')
    }
    const _ = deps.db.command
    const moved = await updateWhere(deps.db.collection(REPORTS).where({ _id: doc._id, status: doc.status }), {
      status: 'withdrawn' satisfies ReportStatus,
      updatedAt: now,
      closedAt: now,
      timeline: _.push({ each: [out.event] }),
    })
    if (moved !== 1) fail('transition_not_allowed', '派出所刚刚处理了这件举报，不能撤回了，请刷新后再看')
    return reporterView(deps, await loadReport(deps, doc._id), await villageNames(deps))
  },

  async 'reports.clusters'(deps, _ctx, p) {
    const _ = deps.db.command
    const now = deps.now()
    const where: Record<string, unknown> = { createdAt: _.gte(earliestClusterWindowStart(now)) }
    if (p.type) where.type = p.type
    // Bounded: the most recent 1000 reports of the window (a rural station files a few a week).
    const recent = await findMany<ClusterInput & { _id: string }>(
      deps.db
        .collection(REPORTS)
        .where(where)
        .orderBy('createdAt', 'desc')
        .field({ _id: true, type: true, status: true, createdAt: true, villageId: true, clusterKey: true, clusterLabel: true })
        .limit(1000),
    )
    const clusters: ClusterView[] = computeClusters(recent, now).map((c) => ({
      key: c.key,
      type: c.type,
      label: c.label,
      count: c.count,
      summary: c.summary,
      reportIds: c.reportIds,
      villageIds: c.villageIds,
      firstAt: toIso(c.firstAt),
      lastAt: toIso(c.lastAt),
    }))
    return { clusters }
  },

  async 'reports.draftAlertFromCluster'(deps, _ctx, { key }) {
    const _ = deps.db.command
    const now = deps.now()
    const docs = await findMany<ReportDoc>(
      deps.db
        .collection(REPORTS)
        .where({ clusterKey: key, createdAt: _.gte(earliestClusterWindowStart(now)) })
        .orderBy('createdAt', 'desc')
        .field({ timeline: false, contact: false })
        .limit(200),
    )
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
    const updated = await updateWhere(deps.db.collection(MEDIA_CHECKS).where({ _id: traceId, suggest: 'pending' }), { suggest, checkedAt: deps.now() })
    return { updated }
  },
}
