// What callers see of reports: the reporter's view (no officer identities, no internal notes), the officers' list
// and detail (the reporter masked or, on the audited detail, shown), cluster marks and the created answer.
import { toIso } from '@contract/core'
import type {
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
import { maskPhone } from '@domain/privacy'
import {
  isOpen,
  isOverdue,
  reportTitle,
  reporterForOfficer,
  statusLabel,
  typeLabel,
  visiblePhotos,
  type PesticideDetails,
  type ReportDoc,
  type ReportPhoto,
  type TheftDetails,
} from '@domain/reports'
import { clusterCounts, clusterSummary, type Cluster } from '@domain/reports-clusters'
import { ACTION_LABELS, allowedMoves, canSupplement, publicTimeline } from '@domain/reports-lifecycle'
import type { CallerContext, Deps } from '@server/types'
import { reportTemplateId } from './notify'
import { clusterMembers, resolvePhotoChecks, villageNames } from './store'

export function createdView(deps: Deps, doc: Pick<ReportDoc, '_id' | 'status' | 'contentFlag'>): CreatedReport {
  return { id: doc._id, caseNo: doc._id, status: doc.status, flagged: doc.contentFlag === 'review', subscribeTemplateId: reportTemplateId(deps) }
}

export async function photoViews(deps: Deps, photos: readonly ReportPhoto[]): Promise<PhotoView[]> {
  if (photos.length === 0) return []
  let urls: Record<string, string> = {}
  try {
    urls = await deps.storage.tempUrls(photos.map((p) => p.fileId))
  } catch (err) {
    deps.log('reports: could not get photo urls', { error: String(err) })
  }
  return photos.map((p) => ({ fileId: p.fileId, url: urls[p.fileId] ?? '', check: p.check }))
}

export function pesticideView(p: PesticideDetails | undefined): PesticideView | null {
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

export function theftView(t: TheftDetails | undefined): TheftView | null {
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

export function summary(doc: ReportDoc, villages: Map<string, string>): ReportSummary {
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

export async function reporterView(deps: Deps, doc: ReportDoc, villages: Map<string, string>): Promise<ReporterReportView> {
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

export function listItem(doc: ReportDoc, villages: Map<string, string>, now: Date, showPhone: (phone: string) => string, cluster: ClusterMark | null): OfficerListItem {
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
export async function clusterMarks(deps: Deps, docs: readonly Pick<ReportDoc, 'clusterKey' | 'type'>[], now: Date): Promise<Map<string, ClusterMark>> {
  const keys = [...new Set(docs.map((d) => d.clusterKey).filter((k): k is string => Boolean(k)))]
  const marks = new Map<string, ClusterMark>()
  if (keys.length === 0) return marks
  const related = await clusterMembers(deps, keys, now)
  const counts = clusterCounts(related, now)
  for (const d of docs) {
    if (!d.clusterKey) continue
    const n = counts.get(d.clusterKey) ?? 0
    if (n >= 2) marks.set(d.clusterKey, { key: d.clusterKey, count: n, summary: clusterSummary(d.type, n) })
  }
  return marks
}

export async function officerView(deps: Deps, ctx: CallerContext, doc: ReportDoc, revealPhone: boolean): Promise<OfficerReportView> {
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

export function clusterView(c: Cluster): ClusterView {
  return {
    key: c.key,
    type: c.type,
    label: c.label,
    count: c.count,
    summary: c.summary,
    reportIds: c.reportIds,
    villageIds: c.villageIds,
    firstAt: toIso(c.firstAt),
    lastAt: toIso(c.lastAt),
  }
}
