// Timer work of the services feature, run by the `cron` function: evening-before reminders, no-show marking, and the
// one-off stamping of the resident's village on bookings and errands made before records kept it.
import { addDays, minutesOf, stationDay, stationTime } from '@domain/station-time'
import { findById, findMany, insert, updateWhere } from '@server/db'
import { registerJob } from '@server/jobs'
import { AppError, type Deps } from '@server/types'
import { type BookingDoc, type HomeVisitDoc, moveBooking, notify } from './store'
import { BOOKINGS, ERRANDS, HOME_VISITS, MIGRATIONS, USERS } from '@server/collections'
import type { UserDoc } from '@server/types'

export const REMIND_JOB = 'services.remind'
export const NO_SHOW_JOB = 'services.markNoShows'
export const STAMP_VILLAGES_JOB = 'services.stampVillages'
/** The MIGRATIONS document that says the stamping is done, so later runs cost one read. */
export const VILLAGES_STAMPED_ID = 'services.stampVillages'
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

/**
 * Gives bookings and errands made before they carried the resident's village (`villageId` missing) the village of
 * the resident's profile now ('' when there is no profile, so each record is stamped once). One update per person
 * stamps all their unstamped records; batches are bounded per run, and a run that finds none left writes the done
 * mark. Idempotent: only records without the field are touched.
 */
export async function stampVillages(deps: Deps): Promise<number> {
  if (await findById(deps.db, MIGRATIONS, VILLAGES_STAMPED_ID)) return 0
  const _ = deps.db.command
  let stamped = 0
  let left = false
  for (const collection of [BOOKINGS, ERRANDS]) {
    let round = 0
    for (; round < MAX_BATCHES; round++) {
      const batch = await findMany<{ _id: string; openid: string }>(deps.db.collection(collection).where({ villageId: _.exists(false) }).field({ openid: true }).limit(BATCH))
      const people = [...new Set(batch.map((d) => d.openid))]
      const users = people.length ? await findMany<UserDoc>(deps.db.collection(USERS).where({ _id: _.in(people) }).field({ villageId: true }).limit(people.length)) : []
      const villageOf = new Map(users.map((u) => [u._id, u.villageId ?? '']))
      for (const openid of people) {
        stamped += await updateWhere(deps.db.collection(collection).where({ openid, villageId: _.exists(false) }), { villageId: villageOf.get(openid) ?? '' })
      }
      if (batch.length < BATCH) break
    }
    if (round === MAX_BATCHES) left = true
  }
  if (!left) await insert(deps.db, MIGRATIONS, { _id: VILLAGES_STAMPED_ID, done: true, at: deps.now() }).catch(() => undefined)
  if (stamped > 0) deps.log(STAMP_VILLAGES_JOB, { stamped })
  return stamped
}

registerJob(REMIND_JOB, remindTomorrow, { triggers: ['every5min'] })
registerJob(NO_SHOW_JOB, markNoShows, { triggers: ['every5min'] })
registerJob(
  STAMP_VILLAGES_JOB,
  async (deps) => {
    await stampVillages(deps)
  },
  { triggers: ['every5min'] },
)
