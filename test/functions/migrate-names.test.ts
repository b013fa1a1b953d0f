// The one-off move of the names a station stored before the services' glossary (`services.migrateNames`), through the
// real SDK against a seeded local cloud: documents written with the old names — a home visit in `doorstep_visits`,
// surveys and a task of kind `appointment` / `proxy` / `doorstep`, a 上门回访 `via: 'doorstep'`, a catalog entry with
// `doorstepFor`, the schedule's `doorstep` rules — are read by today's functions once it has run, and a second run,
// or one after a crash half-way, changes nothing.
import { migrateNames } from '../../cloudfunctions/services/migrate-names'
import { newSurvey } from '@server/followups'
import { contractCalls } from '../support/contractCalls'
import { depsWith } from '../support/handlerDeps'
import { startTestCloud, type TestCloud } from '../support/localCloud'
import { stationDay, stationInstant } from '@domain/station-time'

let t: TestCloud
const api = contractCalls(() => t)
const OFFICER = 'dev-officer'
const ADMIN = 'dev-admin'
const R5 = 'dev-resident-5'

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const day = stationDay(new Date(Date.now() + 86_400_000))
const created = new Date(Date.now() - 3 * 86_400_000)

/** A confirmed home visit as the services function stored it before the rename. */
function oldVisit(id: string, name: string) {
  const start = stationInstant(day, '09:00')
  return {
    _id: id,
    openid: R5,
    serviceId: 'idcard',
    serviceName: '身份证办理/补领',
    name,
    phone: '13900000005',
    status: 'confirmed',
    reason: '老人腿脚不便',
    basis: 'elderly',
    age: 81,
    villageId: 'pingchuan',
    address: '三组5号',
    location: null,
    preferredDays: [day],
    officer: OFFICER,
    officerName: '王警官',
    day,
    start,
    end: new Date(start.getTime() + 3_600_000),
    reminded: false,
    rating: null,
    timeline: [{ at: created, from: null, to: 'requested', actor: 'resident', by: R5 }],
    createdAt: created,
    createdKey: created.toISOString(),
    updatedAt: created,
  }
}

/** A survey as stored before the rename: the old kind in its id and `kind`, and how it was answered. */
function oldSurvey(kind: 'appointment' | 'proxy' | 'doorstep', recordId: string, via: string | null) {
  const doc = newSurvey({ kind: 'booking', recordId, stage: 'done', owner: R5, anonymous: false, villageId: 'pingchuan', title: '身份证办理/补领' }, created)
  const answered = via ? { answer: 'basic', attempts: 1, answeredAt: created, answerKey: `${created.toISOString()}|${kind}`, editableUntil: created } : {}
  const recordedBy = via && via !== 'app' ? { openid: OFFICER, name: '王警官' } : null
  return { ...doc, _id: `${kind}-${recordId}-done`, kind, via, recordedBy, ...answered }
}

describe('services.migrateNames', () => {
  it('moves every old name once, and the functions read the moved documents', async () => {
    const _ = t.db.command
    t.store.insertMany('doorstep_visits', [oldVisit('dv-old-1', '韩老汉'), oldVisit('dv-old-2', '韩老太')])
    // dv-old-2 was copied before and has moved on in home_visits since: the copy there is kept as it is.
    t.store.insertMany('home_visits', [{ ...oldVisit('dv-old-2', '韩老太'), status: 'completed' }])
    t.store.insertMany('followups', [
      oldSurvey('doorstep', 'dv-old-1', 'doorstep'),
      oldSurvey('proxy', 'er-old-9', null),
      oldSurvey('appointment', 'bk-old-9', 'app'),
    ])
    t.store.insertMany('followup_tasks', [
      {
        _id: 'task-doorstep-dv-old-1-done', surveyId: 'doorstep-dv-old-1-done', kind: 'doorstep', recordId: 'dv-old-1', stage: 'done', villageId: 'pingchuan',
        title: '身份证办理/补领', anonymous: false, status: 'open', openedAt: created, openedKey: created.toISOString(), closedAt: null, closedBy: null, note: '',
        createdAt: created, updatedAt: created,
      },
    ])
    t.store.insertMany('service_catalog', [
      {
        _id: 'oldsvc', id: 'oldsvc', name: '老年证明', summary: '', kinds: ['appointment', 'proxy', 'doorstep'], materials: [], durationMinutes: 20,
        afterHours: false, doorstepFor: ['elderly', 'disabled'], active: true, order: 500, updatedAt: created,
      },
    ])
    const schedule = t.store.find('service_config', { _id: 'schedule' })[0].schedule as { homeVisit: { minAge: number } }
    await t.db.collection('service_config').doc('schedule').update({ data: { schedule: { doorstep: { ...schedule.homeVisit, minAge: 75 }, homeVisit: _.remove() } } })

    const deps = depsWith(t.db)
    expect(await migrateNames(deps)).toEqual({ homeVisits: 1, surveys: 3, tasks: 1, vias: 1, services: 1, schedules: 1 })

    // The home visit is in home_visits under the same id, dates still dates; the one already there kept its status.
    const [copied] = t.store.find('home_visits', { _id: 'dv-old-1' })
    expect(copied).toMatchObject({ name: '韩老汉', status: 'confirmed', day, officer: OFFICER })
    expect(copied.start).toBeInstanceOf(Date)
    expect(t.store.find('home_visits', { _id: 'dv-old-2' })[0]).toMatchObject({ status: 'completed' })
    expect(t.store.find('doorstep_visits', { movedTo: 'home_visits' })).toHaveLength(2)

    // Surveys keep their ids (links in messages already sent still open them); kind and via carry today's names.
    expect(t.store.find('followups', { _id: 'doorstep-dv-old-1-done' })[0]).toMatchObject({ kind: 'home_visit', via: 'in_person' })
    expect(t.store.find('followups', { _id: 'proxy-er-old-9-done' })[0]).toMatchObject({ kind: 'errand', via: null })
    expect(t.store.find('followups', { _id: 'appointment-bk-old-9-done' })[0]).toMatchObject({ kind: 'booking', via: 'app' })
    expect(t.store.find('followup_tasks', { _id: 'task-doorstep-dv-old-1-done' })[0]).toMatchObject({ kind: 'home_visit' })
    const oldService = t.store.find('service_catalog', { _id: 'oldsvc' })[0]
    expect(oldService).toMatchObject({ kinds: ['booking', 'errand', 'home_visit'], homeVisitFor: ['elderly', 'disabled'] })
    expect(oldService).not.toHaveProperty('doorstepFor')
    const moved = t.store.find('service_config', { _id: 'schedule' })[0].schedule as Record<string, unknown>
    expect(moved).toMatchObject({ homeVisit: { minAge: 75 } })
    expect(moved).not.toHaveProperty('doorstep')

    // Today's functions read them: the visit on the officer's agenda and in the person's 我的办事, the service offered
    // all three ways, the schedule's home-visit age, the survey with its label.
    const agenda = await api.ok(OFFICER, 'services.agenda', { day })
    expect(agenda.days[0].homeVisits.map((v) => v.id)).toContain('dv-old-1')
    const mine = await api.ok(R5, 'services.mine', {})
    expect(mine.items.find((r) => r.id === 'dv-old-1')).toMatchObject({ kind: 'home_visit', statusLabel: '已安排' })
    const catalog = await api.ok(R5, 'services.catalog', {})
    expect(catalog.services.find((s) => s.id === 'oldsvc')).toMatchObject({ kinds: ['booking', 'errand', 'home_visit'], homeVisitFor: ['elderly', 'disabled'] })
    expect((await api.ok(R5, 'services.schedule', {})).schedule.homeVisit.minAge).toBe(75)
    expect(await api.ok(R5, 'followups.get', { id: 'doorstep-dv-old-1-done' })).toMatchObject({ via: 'in_person', case: { kind: 'home_visit', kindLabel: '上门服务' } })

    // A second run finds nothing left to move, whether called directly or by staff through `cron.run`.
    expect(await migrateNames(deps)).toEqual({ homeVisits: 0, surveys: 0, tasks: 0, vias: 0, services: 0, schedules: 0 })
    const run = await api.ok(ADMIN, 'cron.run', { job: 'services.migrateNames' })
    expect(run.ran).toEqual([expect.objectContaining({ job: 'services.migrateNames', ok: true })])
    expect(t.store.find('home_visits', { _id: 'dv-old-1' })[0]).toEqual(copied)
  })

  it('copies a home visit once even when a run stopped between the copy and the mark', async () => {
    t.store.insertMany('doorstep_visits', [oldVisit('dv-old-3', '马大爷')])
    // The copy made it, the mark did not: the next run marks it and leaves the copy (and its changes) alone.
    t.store.insertMany('home_visits', [{ ...oldVisit('dv-old-3', '马大爷'), status: 'no_show' }])
    expect((await migrateNames(depsWith(t.db))).homeVisits).toBe(0)
    expect(t.store.find('doorstep_visits', { _id: 'dv-old-3' })[0]).toMatchObject({ movedTo: 'home_visits' })
    expect(t.store.find('home_visits', { _id: 'dv-old-3' })).toEqual([expect.objectContaining({ status: 'no_show' })])
  })
})
