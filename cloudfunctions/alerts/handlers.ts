// The `alerts` function's actions: officers publish, update and cancel; residents read and acknowledge; officers see who has not.
import type { AckResult, AlertPage, AlertStatsView, AlertView, FollowUpResident } from '@contract/alerts'
import type { ActionPayload } from '@contract'
import { toIso } from '@contract/core'
import {
  ALL_VILLAGES,
  audienceOf,
  canApply,
  countUnread,
  createdKeyOf,
  decodeCursor,
  diffContent,
  emptyCounters,
  encodeCursor,
  feedAudience,
  feedKeyOf,
  groupKey,
  isGroupKey,
  parseGroupKey,
  placeLabel,
  reachedVia,
  targetOf,
  targetsResident,
  villageOfPlace,
  needsFollowUp,
  phaseOf,
  readAccess,
  readMarkId,
  summariseStats,
  targetedVillageIds,
  unknownVillageIds,
  expiryProblem,
  type AlertContent,
  type AlertDoc,
  type AlertPhase,
  type AlertTarget,
  type GroupTarget,
  type HistoryEntry,
  type ReadAccess,
} from '@domain/alerts'
import { normaliseGroup } from '@domain/households'
import { maskPhone } from '@domain/privacy'
import { createOnce, increment, insertOnce, recordOf } from '@server/atomic'
import { count, findById, findMany, updateById, updateWhere } from '@server/db'
import { stampAlertRead } from '@server/alertReach'
import { residentCounts } from '@server/residents'
import type { FunctionHandlers } from '@server/runtime'
import { fail, type CallerContext, type Deps, type UserDoc } from '@server/types'
import { acceptImages } from '@server/uploads'
import type { DB } from 'wx-server-sdk'
import { enqueueNotify } from './notify'
import {
  loadVillages,
  newAlertId,
  requireAlert,
  reviveAlert,
  toView,
  type ReadMarkDoc,
  type SubscriptionDoc,
  type Village,
} from './store'
import { ALERTS, ALERT_READS, HH_GROUPS, SUBSCRIPTIONS, USERS } from '@server/collections'

/** Active alerts a resident can have at once is small; the badge looks at no more than this. */
const UNREAD_SCAN = 100
/** Residents looked at per follow-up page before answering with a shorter page and a cursor. */
const FOLLOW_UP_SCAN = 500

type Payload<K extends keyof FunctionHandlers<'alerts'>> = ActionPayload<K>

/** A 社 as households spells it (三社, never 3社 or 第三村民小组), or a refusal naming the field. */
function spelledGroup(g: GroupTarget, field: string): GroupTarget {
  const name = normaliseGroup(g.group)?.name
  if (!name) fail('invalid_argument', `“${g.group}”不是一个社的名字，请从列表里重新选择`, field)
  return { villageId: g.villageId, group: name }
}

/**
 * The stored target for a chosen audience, after checking it against the station: every village exists, and every
 * 社 exists in its village (it has a hh_groups document, kept by households). Nothing is written before this passes.
 */
async function checkedTarget(deps: Deps, villageIds: typeof ALL_VILLAGES | string[], groups: readonly GroupTarget[], villages: readonly Village[], field: string): Promise<AlertTarget> {
  const target = targetOf(villageIds, groups.map((g) => spelledGroup(g, field)))
  const unknown = unknownVillageIds(target, villages)
  if (unknown.length > 0) fail('invalid_argument', `没有这个村（${unknown.join('、')}），请从列表里重新选择`, field)
  const keys = target === ALL_VILLAGES ? [] : target.filter(isGroupKey)
  if (keys.length > 0) {
    const _ = deps.db.command
    const found = new Set((await findMany<{ _id: string }>(deps.db.collection(HH_GROUPS).where({ _id: _.in(keys) }).field({ _id: true }).limit(keys.length))).map((d) => d._id))
    const missing = keys.filter((k) => !found.has(k))
    if (missing.length > 0) {
      const names = missing.map((k) => {
        const g = parseGroupKey(k)
        return g ? `${placeLabel(g.villageId, villages)}没有${g.group}` : k
      })
      fail('invalid_argument', `${names.join('、')}，请从列表里重新选择`, field)
    }
  }
  return target
}

function viewerOf(ctx: CallerContext) {
  return { role: ctx.role, villageId: ctx.user?.villageId || null, householdGroup: ctx.user?.householdGroup || null }
}

function isResident(ctx: CallerContext): boolean {
  return ctx.role === 'resident'
}

/** The caller's read mark, or null. */
async function markOf(deps: Deps, alertId: string, openid: string): Promise<ReadMarkDoc | null> {
  return findById<ReadMarkDoc>(deps.db, ALERT_READS, readMarkId(alertId, openid))
}

function denyRead(a: AlertDoc, now: Date): never {
  const phase = phaseOf(a, now)
  if (phase === 'draft' || phase === 'scheduled') fail('not_found', '没有找到这条提醒，它可能还没有发布', 'id')
  fail('forbidden', '这条提醒不是发给您所在村的。如有疑问，请联系派出所', 'id')
}

/** Loads an alert the caller may read, with the access level it gets. */
async function readable(deps: Deps, ctx: CallerContext, id: string, via: 'feed' | 'share'): Promise<{ alert: AlertDoc; access: Exclude<ReadAccess, 'denied'> }> {
  const now = deps.now()
  const alert = await requireAlert(deps, id)
  const access = readAccess(alert, viewerOf(ctx), now, via)
  if (access === 'denied') denyRead(alert, now)
  return { alert, access }
}

async function detailView(deps: Deps, ctx: CallerContext, alert: AlertDoc, access: 'full' | 'notice', villages?: readonly Village[]): Promise<AlertView> {
  const now = deps.now()
  const [vs, mark, imageUrls] = await Promise.all([
    villages ?? loadVillages(deps),
    isResident(ctx) ? markOf(deps, alert._id, ctx.openid) : Promise.resolve(null),
    access === 'full' ? deps.storage.tempUrls(alert.images).catch(() => ({}) as Record<string, string>) : Promise.resolve({}),
  ])
  return toView(alert, { now, villages: vs, mark, reader: isResident(ctx), access, withHistory: true, imageUrls })
}

/** Adds to the alert's read/ack counters; only residents of a targeted village count. */
async function bumpCounters(deps: Deps, alertId: string, villageId: string, what: { read: boolean; acked: boolean }): Promise<void> {
  const _ = deps.db.command
  const data: Record<string, unknown> = {}
  if (what.read) {
    data['counters.read'] = _.inc(1)
    data[`counters.byVillage.${villageId}.read`] = _.inc(1)
  }
  if (what.acked) {
    data['counters.acked'] = _.inc(1)
    data[`counters.byVillage.${villageId}.acked`] = _.inc(1)
  }
  if (Object.keys(data).length > 0) await updateById(deps.db, ALERTS, alertId, data as DB.IUpdateCondition)
}

/** A first read of an alert meant for the reader's village: the alert's counters, and the reader's (and household's) last read. */
async function countRead(deps: Deps, ctx: CallerContext, alertId: string, mark: ReadMarkDoc, what: { read: boolean; acked: boolean }, now: Date): Promise<void> {
  await bumpCounters(deps, alertId, mark.villageId, what)
  if (ctx.user) await stampAlertRead(deps, ctx.user, now)
}

/** Inserts a mark; false when one already exists (the `_id` is unique). */
async function insertMark(deps: Deps, mark: ReadMarkDoc): Promise<boolean> {
  return (await insertOnce(deps.db, ALERT_READS, mark)).created
}

function newMark(alert: AlertDoc, ctx: CallerContext, now: Date, acked: boolean): ReadMarkDoc {
  // Counted under the place the alert reached them through: their village, or their household's 社.
  const via = reachedVia(alert.target, { villageId: ctx.user?.villageId, householdGroup: ctx.user?.householdGroup })
  const villageId = via ?? ctx.user?.villageId ?? ''
  return {
    _id: readMarkId(alert._id, ctx.openid),
    alertId: alert._id,
    openid: ctx.openid,
    villageId,
    revision: alert.revision,
    readAt: now,
    acked,
    ackedAt: acked ? now : null,
    counted: via !== null,
  }
}

/** Query conditions for an officer's phase filter. */
function phaseCondition(_: DB.DatabaseCommand, phase: AlertPhase, now: Date): Record<string, unknown> {
  switch (phase) {
    case 'draft':
      return { status: 'draft' }
    case 'cancelled':
      return { status: 'cancelled' }
    case 'scheduled':
      return { status: 'active', effectiveAt: _.gt(now) }
    case 'expired':
      return { status: 'active', expiresAt: _.lte(now) }
    case 'active':
      return { status: 'active', effectiveAt: _.lte(now), expiresAt: _.gt(now) }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function withKeyword(deps: Deps, base: Record<string, unknown>, keyword: string | undefined): DB.IQueryCondition {
  if (!keyword) return base as DB.IQueryCondition
  const _ = deps.db.command
  const re = () => deps.db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
  return _.and([base, _.or([{ title: re() }, { body: re() }])]) as unknown as DB.IQueryCondition
}

async function residentFeed(deps: Deps, ctx: CallerContext, p: Payload<'alerts.list'>): Promise<AlertPage> {
  const now = deps.now()
  const villageId = ctx.user?.villageId
  const subscribeTemplateId = deps.config.templates.alert ?? null
  const _ = deps.db.command
  const after = decodeCursor('feed', p.cursor)
  const base: Record<string, unknown> = {
    status: 'active',
    effectiveAt: _.lte(now),
    expiresAt: _.gt(now),
    // No village chosen yet: the jurisdiction-wide alerts still reach them. A 社 alert only through a confirmed household.
    audience: _.in(feedAudience({ villageId, householdGroup: ctx.user?.householdGroup })),
    ...(p.category ? { category: p.category } : {}),
    ...(after ? { feedKey: _.lt(after) } : {}),
  }
  const rows = (await findMany<AlertDoc>(deps.db.collection(ALERTS).where(withKeyword(deps, base, p.keyword)).orderBy('feedKey', 'desc').limit(p.pageSize + 1))).map(reviveAlert)
  const page = rows.slice(0, p.pageSize)
  const [villages, marks] = await Promise.all([loadVillages(deps), marksFor(deps, ctx.openid, page.map((a) => a._id))])
  const byAlert = new Map(marks.map((m) => [m.alertId, m]))
  return {
    items: page.map((a) => toView(a, { now, villages, mark: byAlert.get(a._id) ?? null, reader: true, brief: true })),
    nextCursor: rows.length > p.pageSize ? encodeCursor('feed', page[page.length - 1].feedKey) : null,
    subscribeTemplateId,
  }
}

async function marksFor(deps: Deps, openid: string, alertIds: string[]): Promise<ReadMarkDoc[]> {
  if (alertIds.length === 0) return []
  const _ = deps.db.command
  const ids = alertIds.map((id) => readMarkId(id, openid))
  return findMany<ReadMarkDoc>(deps.db.collection(ALERT_READS).where({ _id: _.in(ids) }).limit(ids.length))
}

/** The 社 keys of a village (hh_groups: a few dozen documents a station). */
async function groupKeysOf(deps: Deps, villageId: string): Promise<string[]> {
  const docs = await findMany<{ _id: string }>(deps.db.collection(HH_GROUPS).where({ villageId }).field({ _id: true }).limit(1000))
  return docs.map((d) => d._id)
}

async function staffList(deps: Deps, p: Payload<'alerts.list'>): Promise<AlertPage> {
  const now = deps.now()
  const _ = deps.db.command
  const after = decodeCursor('created', p.cursor)
  // A village's alerts include those sent to its 社.
  const villageAudience = p.villageId ? [ALL_VILLAGES, p.villageId, ...(await groupKeysOf(deps, p.villageId))] : null
  const base: Record<string, unknown> = {
    ...(p.phase ? phaseCondition(_, p.phase, now) : {}),
    ...(p.category ? { category: p.category } : {}),
    ...(villageAudience ? { audience: _.in(villageAudience) } : {}),
    ...(after ? { createdKey: _.lt(after) } : {}),
  }
  const rows = (await findMany<AlertDoc>(deps.db.collection(ALERTS).where(withKeyword(deps, base, p.keyword)).orderBy('createdKey', 'desc').limit(p.pageSize + 1))).map(reviveAlert)
  const page = rows.slice(0, p.pageSize)
  const villages = await loadVillages(deps)
  return {
    items: page.map((a) => toView(a, { now, villages, reader: false, brief: true })),
    nextCursor: rows.length > p.pageSize ? encodeCursor('created', page[page.length - 1].createdKey) : null,
    subscribeTemplateId: null,
  }
}

/** Residents of the targeted places (villages, or 社 by confirmed household) who have not pressed 知道了, place by place, by openid. */
async function followUpPage(
  deps: Deps,
  alert: AlertDoc,
  villageIds: string[],
  villages: readonly Village[],
  cursor: string | undefined,
  pageSize: number,
): Promise<{ items: FollowUpResident[]; nextCursor: string | null }> {
  const _ = deps.db.command
  const m = cursor ? /^v(\d{1,3})\.(.*)$/.exec(cursor) : null
  if (cursor && !m) fail('invalid_argument', '翻页参数不对', 'cursor')
  let vi = m ? Number(m[1]) : 0
  let last = m ? m[2] : ''
  const items: FollowUpResident[] = []
  let scanned = 0
  while (vi < villageIds.length && items.length < pageSize && scanned < FOLLOW_UP_SCAN) {
    const place = villageIds[vi]
    const villageId = villageOfPlace(place)
    const batch = Math.min(100, FOLLOW_UP_SCAN - scanned)
    const where = isGroupKey(place) ? { role: 'resident', householdGroup: place } : { role: 'resident', villageId: place }
    const users = await findMany<UserDoc>(
      deps.db
        .collection(USERS)
        .where({ ...where, ...(last ? { _id: _.gt(last) } : {}) })
        .orderBy('_id', 'asc')
        .limit(batch),
    )
    scanned += users.length
    const marks = await findMany<ReadMarkDoc>(
      deps.db
        .collection(ALERT_READS)
        .where({ _id: _.in(users.map((u) => readMarkId(alert._id, u._id))) })
        .limit(Math.max(users.length, 1)),
    )
    const byOpenid = new Map(marks.map((mk) => [mk.openid, mk]))
    for (const u of users) {
      last = u._id
      const mark = byOpenid.get(u._id)
      if (mark?.acked) continue
      items.push({
        openid: u._id,
        name: u.name,
        villageId,
        villageName: placeLabel(place, villages),
        phone: maskPhone(u.phone ?? ''),
        read: !!mark,
      })
      if (items.length >= pageSize) break
    }
    if (items.length >= pageSize) break
    if (users.length < batch) {
      vi += 1
      last = ''
    }
  }
  const done = vi >= villageIds.length
  return { items, nextCursor: done ? null : `v${vi}.${last}` }
}

function contentOf(a: AlertDoc): AlertContent {
  return {
    title: a.title,
    body: a.body,
    category: a.category,
    severity: a.severity,
    target: a.target,
    advice: a.advice,
    images: a.images,
    effectiveAt: a.effectiveAt,
    expiresAt: a.expiresAt,
    pinned: a.pinned,
  }
}

export const handlers: FunctionHandlers<'alerts'> = {
  async 'alerts.publish'(deps, ctx, p) {
    const now = deps.now()
    // A retry of a request whose first call stored the new alert (and died before answering) gets that alert.
    const earlier = p.id ? null : await recordOf(deps.db, ctx.requestKey, ALERTS)
    if (earlier) {
      const saved = await requireAlert(deps, earlier)
      if (saved.status === 'active' && needsFollowUp(saved.severity)) await enqueueNotify(deps, saved._id, now)
      return detailView(deps, ctx, saved, 'full')
    }
    const villages = await loadVillages(deps)
    const target = await checkedTarget(deps, p.villageIds, p.groups, villages, 'villageIds')
    const publish = p.mode === 'publish'
    const effectiveAt = p.effectiveAt ?? now
    const timeProblem = expiryProblem({ effectiveAt, expiresAt: p.expiresAt }, publish ? now : undefined)
    if (timeProblem) fail('invalid_argument', timeProblem, 'expiresAt')
    const content: AlertContent = {
      title: p.title,
      body: p.body,
      category: p.category,
      severity: p.severity,
      target,
      advice: p.advice,
      images: p.images,
      effectiveAt,
      expiresAt: p.expiresAt,
      pinned: p.pinned,
    }
    const existing = p.id ? await requireAlert(deps, p.id) : null
    if (existing && !canApply(publish ? 'publish' : 'editDraft', phaseOf(existing, now))) {
      fail('transition_not_allowed', '这条提醒已经发布了，请用“修改”来改内容', 'id')
    }
    // Every villager will get a URL to each image: only staff uploads, never a resident's file.
    content.images = await acceptImages(deps, ctx, p.images, { field: 'images', noun: '图片', staffOnly: true, kept: existing?.images ?? [] })
    const _id = existing?._id ?? newAlertId(now)
    let savedId = _id
    const createdAt = existing?.createdAt ?? now
    const publishedAt = publish ? now : null
    const history: HistoryEntry[] = [
      ...(existing ? [] : [{ kind: 'created' as const, at: now, by: ctx.openid, revision: 0 }]),
      ...(publish ? [{ kind: 'published' as const, at: now, by: ctx.openid, revision: 1 }] : []),
    ]
    const fields = {
      ...content,
      status: publish ? ('active' as const) : ('draft' as const),
      revision: publish ? 1 : 0,
      audience: audienceOf(content.target),
      feedKey: feedKeyOf({ ...content, _id, publishedAt }),
      createdKey: createdKeyOf({ _id, createdAt }),
      updatedAt: now,
      publishedAt,
    }
    if (existing) {
      const _ = deps.db.command
      const changed = await updateWhere(deps.db.collection(ALERTS).where({ _id, status: 'draft' }), {
        ...fields,
        target: _.set(fields.target),
        ...(history.length > 0 ? { history: _.push(history) } : {}),
      } as DB.IUpdateCondition)
      if (changed !== 1) fail('conflict', '这条草稿刚被别人改过了，请刷新后再试')
    } else {
      const doc: AlertDoc = {
        _id,
        ...fields,
        history,
        counters: emptyCounters(),
        createdBy: ctx.openid,
        createdAt,
        cancelledAt: null,
        cancelReason: null,
      }
      // A duplicate of this request that stored its alert first wins; this call answers that alert.
      savedId = (await createOnce(deps.db, { requestKey: ctx.requestKey, collection: ALERTS, doc, now })).id
    }
    const saved = await requireAlert(deps, savedId)
    if (publish && needsFollowUp(saved.severity)) await enqueueNotify(deps, saved._id, now)
    return detailView(deps, ctx, saved, 'full', villages)
  },

  async 'alerts.update'(deps, ctx, p) {
    const now = deps.now()
    const alert = await requireAlert(deps, p.id)
    const phase = phaseOf(alert, now)
    if (!canApply('update', phase)) {
      fail('transition_not_allowed', phase === 'draft' ? '这是草稿，请编辑后直接发布' : '这条提醒已经撤销了，不能再修改', 'id')
    }
    const villages = await loadVillages(deps)
    const c = p.changes
    const newTarget = c.villageIds !== undefined || c.groups !== undefined ? await checkedTarget(deps, c.villageIds ?? [], c.groups ?? [], villages, 'changes.villageIds') : null
    const before = contentOf(alert)
    const after: AlertContent = {
      title: c.title ?? before.title,
      body: c.body ?? before.body,
      category: c.category ?? before.category,
      severity: c.severity ?? before.severity,
      target: newTarget ?? before.target,
      advice: c.advice ?? before.advice,
      images: c.images ?? before.images,
      effectiveAt: c.effectiveAt ?? before.effectiveAt,
      expiresAt: c.expiresAt ?? before.expiresAt,
      pinned: c.pinned ?? before.pinned,
    }
    const timeProblem = expiryProblem(after)
    if (timeProblem) fail('invalid_argument', timeProblem, 'changes.expiresAt')
    if (c.images) after.images = await acceptImages(deps, ctx, c.images, { field: 'changes.images', noun: '图片', staffOnly: true, kept: before.images })
    const changes = diffContent(before, after, villages)
    if (changes.length === 0) fail('invalid_argument', '没有改动任何内容，请修改后再保存', 'changes')
    const revision = alert.revision + 1
    const entry: HistoryEntry = { kind: 'updated', at: now, by: ctx.openid, revision, reason: p.reason, changes }
    const _ = deps.db.command
    const changed = await updateWhere(deps.db.collection(ALERTS).where({ _id: alert._id, status: 'active', revision: alert.revision }), {
      ...after,
      target: _.set(after.target),
      advice: _.set(after.advice),
      images: _.set(after.images),
      revision,
      audience: _.set(audienceOf(after.target)),
      feedKey: feedKeyOf({ ...after, _id: alert._id, publishedAt: alert.publishedAt }),
      updatedAt: now,
      history: _.push([entry]),
    } as DB.IUpdateCondition)
    if (changed !== 1) fail('conflict', '这条提醒刚被别人改过了，请刷新后再试')
    const saved = await requireAlert(deps, alert._id)
    if (needsFollowUp(after.severity)) await enqueueNotify(deps, saved._id, now)
    return detailView(deps, ctx, saved, 'full', villages)
  },

  async 'alerts.cancel'(deps, ctx, p) {
    const now = deps.now()
    const alert = await requireAlert(deps, p.id)
    const phase = phaseOf(alert, now)
    if (!canApply('cancel', phase)) {
      fail('transition_not_allowed', phase === 'cancelled' ? '这条提醒已经撤销过了' : '这条提醒已经过期了，不需要再撤销', 'id')
    }
    const entry: HistoryEntry = { kind: 'cancelled', at: now, by: ctx.openid, revision: alert.revision, reason: p.reason }
    const _ = deps.db.command
    const changed = await updateWhere(deps.db.collection(ALERTS).where({ _id: alert._id, status: alert.status, revision: alert.revision }), {
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: p.reason,
      updatedAt: now,
      history: _.push([entry]),
    })
    if (changed !== 1) fail('conflict', '这条提醒刚被别人改过了，请刷新后再试')
    return detailView(deps, ctx, await requireAlert(deps, alert._id), 'full')
  },

  async 'alerts.list'(deps, ctx, p) {
    return isResident(ctx) ? residentFeed(deps, ctx, p) : staffList(deps, p)
  },

  async 'alerts.get'(deps, ctx, p) {
    const { alert, access } = await readable(deps, ctx, p.id, p.via)
    return detailView(deps, ctx, alert, access)
  },

  async 'alerts.markRead'(deps, ctx, p) {
    const { alert } = await readable(deps, ctx, p.id, p.via)
    if (!isResident(ctx)) return { revision: alert.revision }
    const now = deps.now()
    const mark = newMark(alert, ctx, now, false)
    if (await insertMark(deps, mark)) {
      if (mark.counted) await countRead(deps, ctx, alert._id, mark, { read: true, acked: false }, now)
      return { revision: alert.revision }
    }
    const _ = deps.db.command
    await updateWhere(deps.db.collection(ALERT_READS).where({ _id: mark._id, revision: _.lt(alert.revision) }), { revision: alert.revision, readAt: now })
    return { revision: alert.revision }
  },

  async 'alerts.ack'(deps, ctx, p): Promise<AckResult> {
    const { alert, access } = await readable(deps, ctx, p.id, p.via)
    if (access !== 'full') fail('transition_not_allowed', '这条提醒已经结束了，不需要再点“知道了”', 'id')
    if (!ctx.user?.villageId) fail('unauthenticated', '请先在“我的”里填写您所在的村，再点“知道了”')
    const now = deps.now()
    const mark = newMark(alert, ctx, now, true)
    if (await insertMark(deps, mark)) {
      if (mark.counted) await countRead(deps, ctx, alert._id, mark, { read: true, acked: true }, now)
      return { acked: true, ackedAt: toIso(now) }
    }
    const won = await updateWhere(deps.db.collection(ALERT_READS).where({ _id: mark._id, acked: false }), {
      acked: true,
      ackedAt: now,
      revision: alert.revision,
      readAt: now,
    })
    const stored = await findById<ReadMarkDoc>(deps.db, ALERT_READS, mark._id)
    if (won === 1 && stored?.counted) await bumpCounters(deps, alert._id, stored.villageId, { read: false, acked: true })
    return { acked: true, ackedAt: toIso(stored?.ackedAt ?? now) }
  },

  async 'alerts.unreadCount'(deps, ctx) {
    const villageId = ctx.user?.villageId
    if (!isResident(ctx)) return { count: 0 }
    const now = deps.now()
    const _ = deps.db.command
    const live = await findMany<AlertDoc>(
      deps.db
        .collection(ALERTS)
        .where({ status: 'active', effectiveAt: _.lte(now), expiresAt: _.gt(now), audience: _.in(feedAudience({ villageId, householdGroup: ctx.user?.householdGroup })) })
        .orderBy('feedKey', 'desc')
        .field({ _id: true, revision: true })
        .limit(UNREAD_SCAN),
    )
    const marks = await marksFor(deps, ctx.openid, live.map((a) => a._id))
    return { count: countUnread(live, marks) }
  },

  async 'alerts.reach'(deps, _ctx, p) {
    const villages = await loadVillages(deps)
    const target = await checkedTarget(deps, p.villageIds, p.groups, villages, 'villageIds')
    const ids = targetedVillageIds(target, villages)
    // Villages or 社, never both (targetProblem): each person counts in one place, so the sums count nobody twice.
    const toGroups = ids.some(isGroupKey)
    const _ = deps.db.command
    const [residents, subscribed] = await Promise.all([
      residentCounts(deps.db, ids).then((byPlace) => Object.values(byPlace).reduce((a, b) => a + b, 0)),
      count(deps.db.collection(SUBSCRIPTIONS).where({ [toGroups ? 'householdGroup' : 'villageId']: _.in(ids), credits: _.gt(0) })),
    ])
    return { residents, subscribed }
  },

  async 'alerts.groups'(deps, _ctx, p) {
    const villages = await loadVillages(deps)
    if (!villages.some((v) => v.id === p.villageId)) fail('invalid_argument', '没有这个村，请从列表里重新选择', 'villageId')
    const docs = await findMany<{ _id: string; group: string; order?: number }>(deps.db.collection(HH_GROUPS).where({ villageId: p.villageId }).limit(1000))
    docs.sort((a, b) => (a.order ?? 99) - (b.order ?? 99) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
    const counts = await residentCounts(deps.db, docs.map((d) => groupKey(p.villageId, d.group)))
    return {
      groups: docs.map((d) => {
        const key = groupKey(p.villageId, d.group)
        return { villageId: p.villageId, group: d.group, label: placeLabel(key, villages), residents: counts[key] ?? 0 }
      }),
    }
  },

  async 'alerts.stats'(deps, ctx, p): Promise<AlertStatsView> {
    const now = deps.now()
    const alert = await requireAlert(deps, p.id)
    const villages = await loadVillages(deps)
    const targetIds = targetedVillageIds(alert.target, villages)
    if (p.villageId && !targetIds.includes(p.villageId)) fail('invalid_argument', isGroupKey(p.villageId) ? '这条提醒没有发到这个社' : '这条提醒没有发到这个村', 'villageId')
    // One read of the per-village counters, however many residents there are (issue 16).
    const reach = await residentCounts(deps.db, targetIds)
    const stats = summariseStats(villages, targetIds, reach, alert.counters ?? emptyCounters())
    let followUp: AlertStatsView['followUp'] = null
    if (p.followUp && needsFollowUp(alert.severity) && alert.status !== 'draft') {
      const scope = p.villageId ? [p.villageId] : targetIds
      followUp = await followUpPage(deps, alert, scope, villages, p.cursor, p.pageSize)
      await deps.audit({
        actor: ctx.openid,
        action: 'alerts.followUp',
        target: alert._id,
        detail: { villageId: p.villageId ?? null, shown: followUp.items.map((r) => r.openid) },
      })
    }
    return { alert: { id: alert._id, title: alert.title, severity: alert.severity, phase: phaseOf(alert, now) }, stats, followUp }
  },

  async 'alerts.revealPhone'(deps, ctx, p) {
    const alert = await requireAlert(deps, p.id)
    const user = await findById<UserDoc>(deps.db, USERS, p.openid)
    if (!user || user.role !== 'resident' || !targetsResident(alert, user)) fail('not_found', '这位村民不在这条提醒的名单里，请刷新后再看', 'openid')
    await deps.audit({ actor: ctx.openid, action: 'alerts.revealPhone', target: user._id, detail: { alertId: alert._id } })
    return { phone: user.phone }
  },

  async 'alerts.subscribe'(deps, ctx, p) {
    const templateId = deps.config.templates.alert
    if (!templateId) fail('not_found', '暂时不能订阅预警提醒，请留意首页的提醒')
    const granted = p.results[templateId] === 'accept' ? 1 : 0
    const now = deps.now()
    const villageId = ctx.user?.villageId ?? ''
    if (granted > 0) {
      const counter = { collection: SUBSCRIPTIONS, id: ctx.openid, field: 'credits', create: () => ({ openid: ctx.openid }) }
      await increment(deps.db, counter, granted, { villageId, householdGroup: ctx.user?.householdGroup ?? '', templateId, updatedAt: now })
    }
    const stored = await findById<SubscriptionDoc>(deps.db, SUBSCRIPTIONS, ctx.openid)
    return { credits: stored?.credits ?? 0 }
  },
}
