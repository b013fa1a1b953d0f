// Storage of the reports function: the report documents, case numbers and daily quotas, and the content checks
// whose records live beside them (WeChat's text check, and the asynchronous photo checks in MEDIA_CHECKS).
import { PHOTOS_TOTAL_MAX } from '@contract/reports'
import {
  MAX_REPORTS_PER_DAY,
  MAX_SEQ_PER_DAY,
  OPEN_STATUSES,
  caseNumber,
  type PhotoCheck,
  type ReportDoc,
  type ReportPhoto,
  type ReportType,
  type TimelineEvent,
} from '@domain/reports'
import { earliestClusterWindowStart, type ClusterInput } from '@domain/reports-clusters'
import type { MoveFields } from '@domain/reports-lifecycle'
import { stationDayKey } from '@domain/station-time'
import { createOnce, insertOnce, nextInSequence, txTakeBounded } from '@server/atomic'
import { MEDIA_CHECKS, REPORTS, REPORT_COUNTERS, STATION, STATION_ID, USERS } from '@server/collections'
import { findById, findMany, updateWhere } from '@server/db'
import { AppError, fail, type CallerContext, type Deps, type UserDoc } from '@server/types'

export const MSG = {
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

export interface StationDoc {
  _id: string
  villages?: { id: string; name: string }[]
}

export interface QuotaDoc {
  _id: string
  count: number
  day: string
  openid: string
}

// ---------------------------------------------------------------------------------------------------------------
// Reports.

export async function villageNames(deps: Deps): Promise<Map<string, string>> {
  const station = await findById<StationDoc>(deps.db, STATION, STATION_ID)
  return new Map((station?.villages ?? []).map((v) => [v.id, v.name]))
}

export async function loadReport(deps: Deps, id: string): Promise<ReportDoc> {
  const doc = await findById<ReportDoc>(deps.db, REPORTS, id)
  if (!doc) fail('not_found', MSG.notFound)
  return doc
}

/** A resident sees only their own report; anyone else's is "not found", never "forbidden". */
export async function loadOwnReport(deps: Deps, ctx: CallerContext, id: string): Promise<ReportDoc> {
  const doc = await findById<ReportDoc>(deps.db, REPORTS, id)
  if (!doc || doc.reporter !== ctx.openid) fail('not_found', MSG.notFound)
  return doc
}

export async function findUser(deps: Deps, openid: string): Promise<UserDoc | null> {
  return findById<UserDoc>(deps.db, USERS, openid)
}

/** A page of the resident's own reports, newest first, without timelines; one more than asked tells a next page exists. */
export async function reportsOf(deps: Deps, openid: string, after: string | undefined, pageSize: number): Promise<ReportDoc[]> {
  const _ = deps.db.command
  const where = after ? { reporter: openid, _id: _.lt(after) } : { reporter: openid }
  return findMany<ReportDoc>(deps.db.collection(REPORTS).where(where).orderBy('_id', 'desc').limit(pageSize + 1).field({ timeline: false }))
}

/** A page of the officers' queue under `where`, newest first, without timelines; one more than asked. */
export async function queuePage(deps: Deps, where: Record<string, unknown>, pageSize: number): Promise<ReportDoc[]> {
  return findMany<ReportDoc>(deps.db.collection(REPORTS).where(where).orderBy('_id', 'desc').limit(pageSize + 1).field({ timeline: false }))
}

const CLUSTER_FIELDS = { _id: true, type: true, status: true, createdAt: true, villageId: true, clusterKey: true, clusterLabel: true }

/** The reports of the cluster window in any of `keys`, bounded. */
export async function clusterMembers(deps: Deps, keys: readonly string[], now: Date): Promise<(ClusterInput & { _id: string })[]> {
  const _ = deps.db.command
  return findMany<ClusterInput & { _id: string }>(
    deps.db
      .collection(REPORTS)
      .where({ clusterKey: _.in([...keys]), createdAt: _.gte(earliestClusterWindowStart(now)) })
      .field(CLUSTER_FIELDS)
      .limit(1000),
  )
}

/** Bounded: the most recent 1000 reports of the cluster window (a rural station files a few a week). */
export async function recentForClusters(deps: Deps, now: Date, type: ReportType | undefined): Promise<(ClusterInput & { _id: string })[]> {
  const _ = deps.db.command
  const where: Record<string, unknown> = { createdAt: _.gte(earliestClusterWindowStart(now)) }
  if (type) where.type = type
  return findMany<ClusterInput & { _id: string }>(deps.db.collection(REPORTS).where(where).orderBy('createdAt', 'desc').field(CLUSTER_FIELDS).limit(1000))
}

/** One cluster's reports of the window, newest first, with their details but no timeline or contact. */
export async function clusterReports(deps: Deps, key: string, now: Date): Promise<ReportDoc[]> {
  const _ = deps.db.command
  return findMany<ReportDoc>(
    deps.db
      .collection(REPORTS)
      .where({ clusterKey: key, createdAt: _.gte(earliestClusterWindowStart(now)) })
      .orderBy('createdAt', 'desc')
      .field({ timeline: false, contact: false })
      .limit(200),
  )
}

/**
 * Stores a new report under the day's next case number. The report, the resident's quota charge (when `quota`
 * is given) and the request key's mark commit together: a crash leaves all or none.
 */
export async function storeNewReport(deps: Deps, requestKey: string | undefined, doc: Omit<ReportDoc, '_id'>, quota: { openid: string; day: string } | null) {
  return createOnce(deps.db, {
    requestKey,
    collection: REPORTS,
    doc: { _id: await nextCaseNumber(deps, doc.createdAt), ...doc },
    now: doc.createdAt,
    ...(quota
      ? {
          charge: async (t) => {
            if (!(await txTakeBounded(t, quotaCounter(quota.openid, quota.day)))) fail('rate_limited', MSG.rateLimited)
          },
        }
      : {}),
  })
}

/** Writes a move (its fields and events) by compare-and-set on the status: two officers moving one report cannot both win. */
export async function moveReport(deps: Deps, doc: ReportDoc, fields: MoveFields & { assignee?: string; assigneeName?: string }, events: TimelineEvent[]): Promise<boolean> {
  const _ = deps.db.command
  return (await updateWhere(deps.db.collection(REPORTS).where({ _id: doc._id, status: doc.status }), { ...fields, timeline: _.push({ each: events }) })) === 1
}

/** Sets `changes` and appends to the report's lists only while it is open; false when it has closed meanwhile. */
export async function changeOpenReport(
  deps: Deps,
  id: string,
  changes: Record<string, unknown>,
  append: { timeline: TimelineEvent[]; photos?: ReportPhoto[] },
): Promise<boolean> {
  const _ = deps.db.command
  const data: Record<string, unknown> = { ...changes, timeline: _.push({ each: append.timeline }) }
  if (append.photos) data.photos = _.push({ each: append.photos })
  return (await updateWhere(deps.db.collection(REPORTS).where({ _id: id, status: _.in([...OPEN_STATUSES]) }), data)) === 1
}

// ---------------------------------------------------------------------------------------------------------------
// Case numbers and quotas.

function quotaCounter(openid: string, day: string) {
  return { collection: REPORT_COUNTERS, id: `quota:${openid}:${day}`, field: 'count', max: MAX_REPORTS_PER_DAY, create: () => ({ day, openid }) }
}

/** Reports a resident has made today (read before anything is spent; the transaction in create charges for real). */
export async function quotaUsed(deps: Deps, openid: string, day: string): Promise<number> {
  return (await findById<QuotaDoc>(deps.db, REPORT_COUNTERS, quotaCounter(openid, day).id))?.count ?? 0
}

/**
 * The day's next case number from the per-day sequence document `seq:<YYYYMMDD>`. It is refused only when the day's
 * MAX_SEQ_PER_DAY numbers are really all taken, however many reports race for one.
 */
async function nextCaseNumber(deps: Deps, at: Date): Promise<string> {
  const day = stationDayKey(at)
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

// ---------------------------------------------------------------------------------------------------------------
// Content checks.

export function reportText(p: { [k: string]: unknown }): string {
  const parts: string[] = []
  const push = (x: unknown) => {
    if (typeof x === 'string' && x.trim()) parts.push(x.trim())
  }
  for (const k of ['product', 'brand', 'batchNo', 'shop', 'address', 'crop', 'damage', 'place', 'suspect', 'description']) push(p[k])
  if (Array.isArray(p.items)) for (const item of p.items as { name?: unknown }[]) push(item.name)
  return parts.join('\n')
}

/** `review` flags the report for officers; `risky` refuses it. A check that cannot run flags rather than loses a report. */
export async function checkText(deps: Deps, openid: string, content: string): Promise<'pass' | 'review'> {
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
export async function startPhotoChecks(deps: Deps, openid: string, fileIds: readonly string[], at: Date, reportId: string): Promise<ReportPhoto[]> {
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
export async function linkPhotoChecks(deps: Deps, reportId: string, photos: readonly ReportPhoto[]): Promise<void> {
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
export async function resolvePhotoChecks(deps: Deps, photos: readonly ReportPhoto[]): Promise<ReportPhoto[]> {
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

/** The first result of a pending check settles it; a repeat changes nothing. */
export async function settleMediaCheck(deps: Deps, traceId: string, suggest: MediaCheckDoc['suggest'], at: Date): Promise<number> {
  return updateWhere(deps.db.collection(MEDIA_CHECKS).where({ _id: traceId, suggest: 'pending' }), { suggest, checkedAt: at })
}
