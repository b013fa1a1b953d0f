// Timer work of the services feature, run by the `cron` function: evening-before reminders and no-show marking.
import { addDays, minutesOf, stationDay, stationTime } from '@domain/station-time'
import { findMany, updateWhere } from '@server/db'
import { registerJob } from '@server/jobs'
import { AppError, type Deps } from '@server/types'
import { type BookingDoc, type HomeVisitDoc, moveBooking, notify } from './store'
import { BOOKINGS, HOME_VISITS } from '@server/collections'

export const REMIND_JOB = 'services.remind'
export const NO_SHOW_JOB = 'services.markNoShows'
/** Reminders for tomorrow go out from this station time on. */
export const REMIND_FROM = '18:00'
const BATCH = 100
const MAX_BATCHES = 50
const MINE_PAGE = 'packages/booking/mine/index'

/**
 * The evening before, each booking and home visit of tomorrow gets one reminder, sent only to residents
 * holding a reminder credit. `reminded` is claimed first so two overlapping runs never send twice.
 */
export async function remindTomorrow(deps: Deps): Promise<void> {
  const now = deps.now()
  if (minutesOf(stationTime(now)) < minutesOf(REMIND_FROM)) return
  const tomorrow = addDays(stationDay(now), 1)
  const [, m, d] = tomorrow.split('-')
  const when = `${Number(m)}月${Number(d)}日`
  let sent = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const due = await findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ status: 'booked', day: tomorrow, reminded: false }).limit(BATCH))
    for (const b of due) {
      const claimed = await updateWhere(deps.db.collection(BOOKINGS).where({ _id: b._id, reminded: false }), { reminded: true })
      if (claimed !== 1) continue
      if (await notify(deps, b.openid, 'reminder', { service: b.serviceName, when: `${when} ${b.time}`, status: '明天办理', note: `签到码${b.code}，请带好材料` }, MINE_PAGE)) sent++
    }
    if (due.length < BATCH) break
  }
  for (let round = 0; round < MAX_BATCHES; round++) {
    const due = await findMany<HomeVisitDoc>(deps.db.collection(HOME_VISITS).where({ status: 'confirmed', day: tomorrow, reminded: false }).limit(BATCH))
    for (const v of due) {
      const claimed = await updateWhere(deps.db.collection(HOME_VISITS).where({ _id: v._id, reminded: false }), { reminded: true })
      if (claimed !== 1 || !v.start || !v.end) continue
      const window = `${stationTime(new Date(v.start))}-${stationTime(new Date(v.end))}`
      if (await notify(deps, v.openid, 'reminder', { service: v.serviceName, when: `${when} ${window}`, status: '明天上门', note: '民警明天上门，请在家等候' }, MINE_PAGE)) sent++
    }
    if (due.length < BATCH) break
  }
  if (sent > 0) deps.log(REMIND_JOB, { day: tomorrow, sent })
}

/** Bookings still `booked` after their day has ended become `no_show` (the no-show rule counts them). */
export async function markNoShows(deps: Deps): Promise<void> {
  const _ = deps.db.command
  const today = stationDay(deps.now())
  let marked = 0
  for (let round = 0; round < MAX_BATCHES; round++) {
    const due = await findMany<BookingDoc>(deps.db.collection(BOOKINGS).where({ status: 'booked', day: _.lt(today) }).limit(BATCH))
    let moved = 0
    for (const b of due) {
      try {
        await moveBooking(deps, b, 'no_show', { actor: 'system', by: 'cron' }, '预约当天没有到场')
        moved++
      } catch (err) {
        // Someone checked it in or cancelled it meanwhile: nothing to mark.
        if (!(err instanceof AppError)) throw err
      }
    }
    marked += moved
    if (due.length < BATCH || moved === 0) break
  }
  if (marked > 0) deps.log(NO_SHOW_JOB, { marked })
}

registerJob(REMIND_JOB, remindTomorrow, { triggers: ['every5min'] })
registerJob(NO_SHOW_JOB, markNoShows, { triggers: ['every5min'] })
