// Subscription messages for severe and extreme alerts: publishing enqueues a job, the cron job sends in batches.
// Each message is claimed by inserting its send record (`<alertId>:<openid>` is unique) and spends one
// credit by a conditional update, so two runs at once never send twice or spend a credit twice.
import { isGroupKey, needsFollowUp, phaseOf, severityInfo, targetedVillageIds, type AlertDoc } from '@domain/alerts'
import { giveBack, increment, insertOnce } from '@server/atomic'
import { findMany, updateById } from '@server/db'
import type { Deps } from '@server/types'
import { findAlert, loadVillages, type AlertJobDoc, type AlertSendDoc, type SubscriptionDoc } from './store'
import { ALERT_JOBS, ALERT_SENDS, SUBSCRIPTIONS } from '@server/collections'

export const NOTIFY_BATCH = 100
/** Batches per job per run, so one run stays well inside the function timeout. */
const BATCHES_PER_RUN = 10
/** WeChat: the user holds no subscription for this template. Our count was wrong; it is now zero. */
const ERR_NO_SUBSCRIPTION = 43101

export function notifyJobId(alertId: string): string {
  return `notify:${alertId}`
}

/** Enqueues the sends for an alert once; a second call (e.g. an update) finds the job and does nothing. */
export async function enqueueNotify(deps: Deps, alertId: string, now: Date): Promise<void> {
  const job: AlertJobDoc = { _id: notifyJobId(alertId), alertId, status: 'pending', cursor: '', createdAt: now, updatedAt: now }
  await insertOnce(deps.db, ALERT_JOBS, job)
}

function clip(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s
}

/** Template fields: thing1 title, phrase2 severity, thing3 what to do. (Fields follow the template chosen in the WeChat console.) */
export function messageData(alert: AlertDoc): Record<string, { value: string }> {
  return {
    thing1: { value: clip(alert.title, 20) },
    phrase2: { value: severityInfo(alert.severity).label },
    thing3: { value: '请点开查看，看完点“知道了”' },
  }
}

export type SendOutcome = AlertSendDoc['status'] | 'taken'

async function sendOne(deps: Deps, alert: AlertDoc, sub: SubscriptionDoc, templateId: string): Promise<SendOutcome> {
  const now = deps.now()
  const record: AlertSendDoc = {
    _id: `${alert._id}:${sub._id}`,
    alertId: alert._id,
    openid: sub._id,
    templateId,
    status: 'claimed',
    errCode: null,
    errMsg: null,
    at: now,
    doneAt: null,
  }
  if (!(await insertOnce(deps.db, ALERT_SENDS, record)).created) return 'taken'
  const credit = { collection: SUBSCRIPTIONS, id: sub._id, field: 'credits' }
  if (!(await giveBack(deps.db, credit))) {
    await updateById(deps.db, ALERT_SENDS, record._id, { status: 'no_credit', doneAt: deps.now() })
    return 'no_credit'
  }
  let res: { errCode: number; errMsg: string }
  try {
    res = await deps.openapi.sendSubscribeMessage({
      touser: sub._id,
      templateId,
      page: `packages/alert/detail/index?id=${alert._id}`,
      data: messageData(alert),
    })
  } catch (err) {
    res = { errCode: -1, errMsg: err instanceof Error ? err.message : String(err) }
  }
  const sent = res.errCode === 0
  if (!sent) {
    // WeChat spends a credit only on success: give ours back, or zero it when WeChat says there is none.
    if (res.errCode === ERR_NO_SUBSCRIPTION) await updateById(deps.db, SUBSCRIPTIONS, sub._id, { credits: 0 })
    else await increment(deps.db, credit, 1)
  }
  await updateById(deps.db, ALERT_SENDS, record._id, { status: sent ? 'sent' : 'failed', errCode: res.errCode, errMsg: res.errMsg, doneAt: deps.now() })
  return sent ? 'sent' : 'failed'
}

async function finish(deps: Deps, job: AlertJobDoc, note: string): Promise<void> {
  await updateById(deps.db, ALERT_JOBS, job._id, { status: 'done', note, updatedAt: deps.now() })
}

/**
 * Works through one alert's job: subscribers with a credit in the targeted villages — or, for an alert sent to 社,
 * those whose confirmed household lies in them — in id order.
 */
async function runNotifyJob(deps: Deps, job: AlertJobDoc): Promise<Record<SendOutcome, number>> {
  const tally: Record<SendOutcome, number> = { claimed: 0, sent: 0, failed: 0, no_credit: 0, taken: 0 }
  const now = deps.now()
  const alert = await findAlert(deps, job.alertId)
  if (!alert) {
    await finish(deps, job, 'alert_missing')
    return tally
  }
  const phase = phaseOf(alert, now)
  if (phase === 'scheduled') return tally // not yet: stays pending
  if (phase !== 'active' || !needsFollowUp(alert.severity)) {
    await finish(deps, job, `skipped_${phase}`)
    return tally
  }
  const templateId = deps.config.templates.alert
  if (!templateId) {
    deps.log('alerts.notify: no TEMPLATE_ALERT configured; nothing sent', { alertId: alert._id })
    await finish(deps, job, 'no_template')
    return tally
  }
  const villages = await loadVillages(deps)
  const targetIds = targetedVillageIds(alert.target, villages)
  // An alert targets villages or 社, never both (targetProblem).
  const placeField = targetIds.some(isGroupKey) ? 'householdGroup' : 'villageId'
  const _ = deps.db.command
  let cursor = job.cursor
  for (let b = 0; b < BATCHES_PER_RUN; b++) {
    const subs = await findMany<SubscriptionDoc>(
      deps.db
        .collection(SUBSCRIPTIONS)
        .where({ [placeField]: _.in(targetIds), credits: _.gt(0), ...(cursor ? { _id: _.gt(cursor) } : {}) })
        .orderBy('_id', 'asc')
        .limit(NOTIFY_BATCH),
    )
    for (const sub of subs) tally[await sendOne(deps, alert, sub, templateId)] += 1
    if (subs.length > 0) cursor = subs[subs.length - 1]._id
    if (subs.length < NOTIFY_BATCH) {
      await updateById(deps.db, ALERT_JOBS, job._id, { cursor, status: 'done', note: 'sent', updatedAt: deps.now() })
      return tally
    }
    await updateById(deps.db, ALERT_JOBS, job._id, { cursor, updatedAt: deps.now() })
  }
  return tally
}

/** The cron job: runs every pending notify job, oldest first. */
export async function sendAlertMessages(deps: Deps): Promise<void> {
  const jobs = await findMany<AlertJobDoc>(deps.db.collection(ALERT_JOBS).where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(20))
  for (const job of jobs) {
    const tally = await runNotifyJob(deps, job)
    deps.log('alerts.notify', { alertId: job.alertId, ...tally })
  }
}
