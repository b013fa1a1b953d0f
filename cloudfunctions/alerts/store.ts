// Where alerts live: collection names, stored shapes, reading them back, and turning them into views.
import { randomBytes } from 'node:crypto'
import { toIso } from '@contract/core'
import type { AlertHistoryView, AlertView } from '@contract/alerts'
import {
  isUnread,
  isUpdatedSinceRead,
  phaseOf,
  scopeLabel,
  targetGroups,
  targetVillageIds,
  type AlertDoc,
  type HistoryEntry,
  type ReadMark,
} from '@domain/alerts'
import { findById } from '@server/db'
import { fail, type Deps } from '@server/types'
import { ALERTS, STATION, STATION_ID } from '@server/collections'


export interface Village {
  id: string
  name: string
}

/** A read mark as stored; `counted` says whether it counts in the alert's stats (the reader lives in a targeted village). */
export interface ReadMarkDoc extends ReadMark {
  counted: boolean
}

/** One resident's one-time subscription credits for alert messages. `_id` = openid. */
export interface SubscriptionDoc {
  _id: string
  openid: string
  villageId: string
  /** The 社 of the subscriber's confirmed household (kept by linkHousehold), for alerts sent to a 社. */
  householdGroup?: string
  templateId: string
  credits: number
  updatedAt: Date
}

/** Sending one alert's subscription messages, in batches by subscriber id. `_id` = `notify:<alertId>`. */
export interface AlertJobDoc {
  _id: string
  alertId: string
  status: 'pending' | 'done'
  /** Subscribers with an id up to this one are handled. */
  cursor: string
  createdAt: Date
  updatedAt: Date
  note?: string
}

/** One message to one resident: its `_id` (`<alertId>:<openid>`) makes sure it is sent at most once. */
export interface AlertSendDoc {
  _id: string
  alertId: string
  openid: string
  templateId: string
  status: 'claimed' | 'sent' | 'failed' | 'no_credit'
  errCode: number | null
  errMsg: string | null
  at: Date
  doneAt: Date | null
}

export function newAlertId(now: Date): string {
  return `al${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`
}

export async function loadVillages(deps: Deps): Promise<Village[]> {
  const station = await findById<{ _id: string; villages?: Village[] }>(deps.db, STATION, STATION_ID)
  return station?.villages ?? []
}

function asDate(x: unknown): Date {
  return x instanceof Date ? x : new Date(x as string)
}

function asDateOrNull(x: unknown): Date | null {
  return x === null || x === undefined ? null : asDate(x)
}

/** Dates come back as Dates from wx-server-sdk; this keeps the rules safe if a store hands back strings. */
export function reviveAlert(doc: AlertDoc): AlertDoc {
  return {
    ...doc,
    effectiveAt: asDate(doc.effectiveAt),
    expiresAt: asDate(doc.expiresAt),
    createdAt: asDate(doc.createdAt),
    updatedAt: asDate(doc.updatedAt),
    publishedAt: asDateOrNull(doc.publishedAt),
    cancelledAt: asDateOrNull(doc.cancelledAt),
    history: (doc.history ?? []).map((h) => ({ ...h, at: asDate(h.at) })),
  }
}

export async function findAlert(deps: Deps, id: string): Promise<AlertDoc | null> {
  const doc = await findById<AlertDoc>(deps.db, ALERTS, id)
  return doc ? reviveAlert(doc) : null
}

export async function requireAlert(deps: Deps, id: string): Promise<AlertDoc> {
  return (await findAlert(deps, id)) ?? fail('not_found', '没有找到这条提醒，它可能已被删除', 'id')
}

function historyView(h: HistoryEntry): AlertHistoryView {
  return { kind: h.kind, at: toIso(h.at), revision: h.revision, reason: h.reason ?? null, changes: h.changes ?? [] }
}

export interface ViewOptions {
  now: Date
  villages: readonly Village[]
  mark?: Pick<ReadMark, 'revision' | 'acked'> | null
  /** True for residents: unread/acked are about them. */
  reader: boolean
  access?: 'full' | 'notice'
  withHistory?: boolean
  /** A feed card: no body, advice or images (the detail, `alerts.get`, has them); on a village network a page of
   * twenty full alerts is three times the bytes of the cards it shows. */
  brief?: boolean
  imageUrls?: Record<string, string>
}

export function toView(a: AlertDoc, o: ViewOptions): AlertView {
  const access = o.access ?? 'full'
  const full = access === 'full' && !o.brief
  return {
    id: a._id,
    access,
    title: a.title,
    body: full ? a.body : '',
    category: a.category,
    severity: a.severity,
    villageIds: targetVillageIds(a.target),
    groups: targetGroups(a.target),
    scope: scopeLabel(a.target, o.villages),
    advice: full ? a.advice : [],
    images: full ? a.images.map((fileId) => ({ fileId, url: o.imageUrls?.[fileId] ?? null })) : [],
    effectiveAt: toIso(a.effectiveAt),
    expiresAt: toIso(a.expiresAt),
    publishedAt: a.publishedAt ? toIso(a.publishedAt) : null,
    updatedAt: toIso(a.updatedAt),
    pinned: a.pinned,
    phase: phaseOf(a, o.now),
    revision: a.revision,
    cancelReason: a.cancelReason,
    unread: o.reader && a.status !== 'draft' ? isUnread(a, o.mark) : false,
    updatedSinceRead: o.reader ? isUpdatedSinceRead(a, o.mark) : false,
    acked: o.reader ? !!o.mark?.acked : false,
    history: o.withHistory && full ? a.history.map(historyView) : [],
  }
}
