// Timer work of mediation, run by the `cron` function: follow-ups that fall due (7/30/90 days after an agreement)
// and overdue terms remind the people concerned, once each.
import { termOverdue } from '@domain/mediation-clocks'
import { stationDay } from '@domain/station-time'
import { findMany } from '@server/db'
import { registerJob } from '@server/jobs'
import { AppError, type Deps } from '@server/types'
import { changeCase, notifyUser, openPartySurveys, type CaseDoc } from './store'
import { MEDIATION_CASES } from '@server/collections'

export const FOLLOW_UP_JOB = 'mediation.remindFollowUps'
const BATCH = 100
const MAX_BATCHES = 50

/** Reminds the handling officer of due follow-ups and the responsible party of overdue terms; marks each reminded. */
export async function remindFollowUps(deps: Deps): Promise<void> {
  const today = stationDay(deps.now())
  let reminded = 0
  let after = ''
  for (let round = 0; round < MAX_BATCHES; round++) {
    const _ = deps.db.command
    const docs = await findMany<CaseDoc>(deps.db.collection(MEDIATION_CASES).where({ status: 'performing', queueKey: _.gt(after) }).orderBy('queueKey', 'asc').limit(BATCH))
    for (const doc of docs) {
      const dueRounds = doc.followUps.filter((f) => !f.done && !f.reminded && f.dueDay <= today).map((f) => f.round)
      const lateTerms = (doc.agreement?.terms ?? []).filter((t) => !t.reminded && termOverdue(t, today))
      if (dueRounds.length === 0 && lateTerms.length === 0) continue
      try {
        await changeCase(deps, doc._id, (d) => ({
          followUps: d.followUps.map((f) => (dueRounds.includes(f.round) ? { ...f, reminded: true } : f)),
          ...(d.agreement ? { agreement: { ...d.agreement, terms: d.agreement.terms.map((t) => (lateTerms.some((x) => x.id === t.id) ? { ...t, reminded: true } : t)) } } : {}),
        }))
      } catch (err) {
        if (err instanceof AppError) continue
        throw err
      }
      for (const r of dueRounds) {
        // Each party who has the app gets their 回访 survey of the round (and a message where they accepted one).
        await openPartySurveys(deps, doc, `d${r}`, true)
        if (await notifyUser(deps, doc.handler, 'progress', { caseId: doc._id, status: '该回访了', note: `${r}天回访：问问协议履行得怎样` }, `packages/officer-mediation/detail/index?id=${doc._id}`)) reminded++
      }
      for (const t of lateTerms) {
        const sides = t.party === 'both' ? (['applicant', 'respondent'] as const) : ([t.party] as const)
        for (const s of sides) if (await notifyUser(deps, doc[s].openid, 'progress', { caseId: doc._id, status: '协议到期', note: `请尽快：${t.what}` }, `packages/mediation/mine/index?id=${doc._id}`)) reminded++
      }
    }
    if (docs.length < BATCH) break
    after = docs[docs.length - 1].queueKey
  }
  if (reminded > 0) deps.log(FOLLOW_UP_JOB, { reminded })
}

registerJob(FOLLOW_UP_JOB, remindFollowUps, { triggers: ['every5min'] })
