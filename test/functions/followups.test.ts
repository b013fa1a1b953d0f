// The one 回访 mechanism through the real SDK against a seeded local cloud: a served booking asks how it went, 不满意
// opens the 所长's task which is closed with a note; a closed report asks its reporter, an anonymous one without
// anything an officer could link to the person; officers record phone 回访; a mediation party's own check answers their
// survey; the old star ratings move over.
import type { Result } from '@contract'
import { migrateRatings } from '../../cloudfunctions/followups/jobs'
import { contractCalls } from '../support/contractCalls'
import { depsWith } from '../support/handlerDeps'
import { startTestCloud, type TestCloud } from '../support/localCloud'
import { stationDay, stationInstant } from '@domain/station-time'

let t: TestCloud
const api = contractCalls(() => t)
const OFFICER = 'dev-officer'
const ADMIN = 'dev-admin'
const R3 = 'dev-resident-3' // the person whose booking is served
const R2 = 'dev-resident-2' // 刘建国, reporter of the seeded anonymous pesticide report
const R2_NAME = '刘建国'
const R2_PHONE = '13900000002'

let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now().toString(36)}`

function expectError<T>(r: Result<T>, code: string, text?: string): void {
  expect(r.ok).toBe(false)
  if (r.ok) return
  expect(r.error.code).toBe(code)
  if (text) expect(r.error.message).toContain(text)
}

function checkedInBooking(id: string, openid: string) {
  const day = stationDay(new Date())
  const start = stationInstant(day, '09:00')
  t.store.insertMany('bookings', [
    {
      _id: id,
      openid,
      serviceId: 'idcard',
      serviceName: '身份证办理/补领',
      name: '测试村民',
      phone: '13700009999',
      status: 'checked_in',
      slotKey: `${day}T09:00`,
      day,
      time: '09:00',
      endTime: '09:30',
      start,
      end: new Date(start.getTime() + 30 * 60_000),
      afterHours: null,
      code: `C${id.slice(-5).toUpperCase()}`,
      reminded: false,
      timeline: [{ at: new Date(start.getTime() - 86_400_000), from: null, to: 'booked', actor: 'resident', by: openid }],
      createdAt: new Date(start.getTime() - 86_400_000),
      createdKey: new Date(start.getTime() - 86_400_000).toISOString(),
      updatedAt: new Date(),
    },
  ])
}

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

describe('a served booking', () => {
  it('asks how it went, once; 不满意 opens a task the 所长 closes with a note', async () => {
    checkedInBooking('fu-b1', R3)
    await api.ok(R3, 'services.subscribe', { accepted: ['progress'] }, rid('sub'))
    expect(await api.ok(R3, 'followups.forCase', { kind: 'booking', id: 'fu-b1' })).toBeNull()

    await api.ok(OFFICER, 'services.transition', { kind: 'booking', id: 'fu-b1', to: 'completed' }, rid('done'))
    const sid = 'booking-fu-b1-done'
    // The message where the person accepted one opens the survey itself.
    expect(t.cloud.openapi.listOutbox({ touser: R3 }).map((m) => m.page)).toContain(`packages/followup/survey/index?id=${sid}`)
    const pending = await api.ok(R3, 'followups.pending', { kind: 'services' })
    expect(pending.waiting.map((s) => s.id)).toContain(sid)
    expect(pending.count).toBe(pending.waiting.length)
    expect(pending.waiting.find((s) => s.id === sid)).toMatchObject({ asksAttempts: true, canAnswer: true, case: { title: '身份证办理/补领', kindLabel: '预约办事' } })

    // Someone else's survey, or the officer answering as the person: refused, nothing written.
    expectError(await api.call('dev-resident-1', 'followups.answer', { id: sid, answer: 'satisfied' }, rid('x')), 'not_found')
    expectError(await api.call(OFFICER, 'followups.answer', { id: sid, answer: 'satisfied' }, rid('x')), 'not_found')
    expectError(await api.call('dev-resident-1', 'followups.get', { id: sid }), 'not_found')
    expectError(await api.call(R3, 'followups.answer', { id: sid, answer: 'unsatisfied', words: '网上有赌博广告' }, rid('x')), 'content_risky')
    expectError(await api.call(R3, 'followups.answer', { id: sid, answer: 'so-so' as 'basic' }, rid('x')), 'invalid_argument')
    expect(t.store.find('followup_tasks', { surveyId: sid })).toHaveLength(0)

    const answered = await api.ok(R3, 'followups.answer', { id: sid, answer: 'unsatisfied', words: '跑了三趟才办好', attempts: 3 }, rid('a'))
    expect(answered).toMatchObject({ answer: 'unsatisfied', answerLabel: '不满意', attempts: 3, via: 'app', state: 'answered', canRevise: true, canAnswer: false })
    expectError(await api.call(R3, 'followups.answer', { id: sid, answer: 'satisfied' }, rid('again')), 'conflict', '已经评价过了')
    const [task] = t.store.find('followup_tasks', { surveyId: sid })
    const taskKey = String(task._id)
    expect(task).toMatchObject({ _id: `task-${sid}`, status: 'open', kind: 'booking', recordId: 'fu-b1' })
    expect(JSON.stringify(task)).not.toContain(R3)

    // Residents and officers do not see tasks; the 所长 does.
    expectError(await api.call(R3, 'followups.tasks', {}), 'forbidden')
    expectError(await api.call(OFFICER, 'followups.tasks', {}), 'forbidden')
    expectError(await api.call(R3, 'followups.list', {}), 'forbidden')
    const open = await api.ok(ADMIN, 'followups.tasks', { status: 'open' })
    const listed = open.items.find((x) => x.id === taskKey)
    expect(listed?.survey).toMatchObject({ answer: 'unsatisfied', words: '跑了三趟才办好', person: { name: '马秀英' } })
    expect(listed?.survey.person?.phone).toMatch(/\*{4}/)
    const audits = t.store.find('audit_log', { actor: ADMIN, action: 'followups.task' }).length
    const detail = await api.ok(ADMIN, 'followups.task', { id: taskKey })
    expect(detail.survey.person?.phone).toMatch(/^1\d{10}$/)
    expect(t.store.find('audit_log', { actor: ADMIN, action: 'followups.task' })).toHaveLength(audits + 1)

    // Changed within the window: stays one survey, one task; after the window: refused.
    expect(await api.ok(R3, 'followups.revise', { id: sid, answer: 'basic', attempts: 2 }, rid('rv'))).toMatchObject({ answer: 'basic', attempts: 2, words: '' })
    await t.db.collection('followups').doc(sid).update({ data: { editableUntil: new Date(Date.now() - 1000) } })
    expectError(await api.call(R3, 'followups.revise', { id: sid, answer: 'satisfied' }, rid('late')), 'expired', '3天内')
    expect(t.store.find('followups', { recordId: 'fu-b1' })).toHaveLength(1)

    expectError(await api.call(ADMIN, 'followups.closeTask', { id: taskKey, note: '' }, rid('c0')), 'invalid_argument')
    const closed = await api.ok(ADMIN, 'followups.closeTask', { id: taskKey, note: '已打电话道歉，说明了排队原因' }, rid('c1'))
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已处理', closedByName: '李所长', note: '已打电话道歉，说明了排队原因' })
    expectError(await api.call(ADMIN, 'followups.closeTask', { id: taskKey, note: '再关一次' }, rid('c2')), 'conflict')
    expect((await api.ok(ADMIN, 'followups.tasks', { status: 'closed' })).items.map((x) => x.id)).toContain(taskKey)
  })
})

describe('a closed report', () => {
  it('asks an anonymous reporter; nothing officers see links the survey or its task to the person', async () => {
    const [report] = t.store.find('reports', { reporter: R2, anonymous: true }, { limit: 1 })
    const id = String(report._id)
    await api.ok(OFFICER, 'reports.transition', { id, to: 'resolved', note: '已查获假药，移送市场监管', public: true }, rid('close'))
    const sid = `report-${id}-closed`
    const mine = await api.ok(R2, 'followups.forCase', { kind: 'report', id })
    expect(mine).toMatchObject({ id: sid, canAnswer: true, asksAttempts: false, case: { kind: 'report', title: '伪劣农药' } })
    // The closing message (the reporter subscribed when reporting) opens the survey.
    expect(t.cloud.openapi.listOutbox({ touser: R2 }).map((m) => m.page)).toContain(`packages/followup/survey/index?id=${sid}`)

    const leaks = (x: unknown) => {
      const text = JSON.stringify(x)
      return [R2, R2_NAME, R2_PHONE, R2_PHONE.slice(-4)].filter((s) => text.includes(s))
    }
    const waiting = await api.ok(OFFICER, 'followups.list', { view: 'waiting', kind: 'report' })
    const staffView = waiting.items.find((s) => s.id === sid)
    expect(staffView).toMatchObject({ anonymous: true, person: null, canRecord: false, recordedByName: '' })
    expect(staffView?.openedDay).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(leaks(staffView)).toEqual([])
    expect(leaks(await api.ok(OFFICER, 'followups.get', { id: sid }))).toEqual([])
    expectError(await api.call(OFFICER, 'followups.record', { id: sid, via: 'phone', answer: 'satisfied' }, rid('rec')), 'forbidden', '匿名')

    await api.ok(R2, 'followups.answer', { id: sid, answer: 'unsatisfied', words: '卖假药的还在别的村卖' }, rid('a'))
    const audits = t.store.find('audit_log', {}).length
    const task = await api.ok(ADMIN, 'followups.task', { id: `task-${sid}` })
    expect(task.survey).toMatchObject({ anonymous: true, person: null, answer: 'unsatisfied', words: '卖假药的还在别的村卖' })
    expect(leaks(task)).toEqual([])
    expect(leaks(t.store.find('followup_tasks', { surveyId: sid }))).toEqual([])
    expect(leaks(await api.ok(ADMIN, 'followups.tasks', { status: 'open' }))).toEqual([])
    expect(leaks(await api.ok(ADMIN, 'followups.list', { view: 'unsatisfied' }))).toEqual([])
    // Nothing personal was shown, so nothing was audited.
    expect(t.store.find('audit_log', {})).toHaveLength(audits)
  })

  it('lets an officer record a phone 回访 for a named reporter, marked with who recorded it', async () => {
    const [report] = t.store.find('reports', { reporter: R2, anonymous: false, status: 'submitted' }, { limit: 1 })
    const id = String(report._id)
    await api.ok(OFFICER, 'reports.transition', { id, to: 'rejected', note: '不属于公安管辖，请找农业站' }, rid('rej'))
    const sid = `report-${id}-closed`
    const staff = await api.ok(OFFICER, 'followups.get', { id: sid })
    expect(staff).toMatchObject({ person: { name: R2_NAME, phone: '139****0002' }, canRecord: true })
    expectError(await api.call(R2, 'followups.record', { id: sid, via: 'phone', answer: 'satisfied' }, rid('self')), 'forbidden')
    const recorded = await api.ok(OFFICER, 'followups.record', { id: sid, via: 'phone', answer: 'basic', words: '说明白了，去农业站' }, rid('rec'))
    expect(recorded).toMatchObject({ via: 'phone', viaLabel: '民警电话回访', recordedByName: '王警官', answer: 'basic', canRecord: false })
    expectError(await api.call(OFFICER, 'followups.record', { id: sid, via: 'in_person', answer: 'satisfied' }, rid('rec2')), 'conflict')
    // The person sees it was recorded for them, and the answer counts as theirs (no second answer).
    expect(await api.ok(R2, 'followups.get', { id: sid })).toMatchObject({ via: 'phone', recordedByName: '王警官', canAnswer: false })
    expectError(await api.call(R2, 'followups.answer', { id: sid, answer: 'satisfied' }, rid('again')), 'conflict')
    expect(t.store.find('followup_tasks', { surveyId: sid })).toHaveLength(0)
  })
})

describe('mediation and the old ratings', () => {
  it('a party answers the 30-day check with the one 回访 survey; the old 1–5 check is the mediator’s alone', async () => {
    const [dispute] = t.store.find('mediation_cases', { 'applicant.openid': 'dev-resident-4', status: 'performing' }, { limit: 1 })
    const id = String(dispute._id)
    const rounds = dispute.followUps as { round: number; done: boolean }[]
    const r30 = rounds.findIndex((f) => f.round === 30)
    expect(rounds[r30].done).toBe(false)
    expectError(await api.call('dev-resident-4', 'mediation.followUp', { id, round: 30, kept: true, relations: '还是不说话', satisfaction: 2 }, rid('m')), 'forbidden')
    // The round comes due: the timer opens each party's survey of it.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await t.db.collection('mediation_cases').doc(id).update({ data: { [`followUps.${r30}.dueDay`]: yesterday, [`followUps.${r30}.reminded`]: false } })
    await api.ok('dev-officer', 'cron.run', { job: 'mediation.remindFollowUps' })
    const sid = `mediation-${id}-d30-applicant`
    expect(await api.ok('dev-resident-4', 'followups.forCase', { kind: 'mediation', id })).toMatchObject({ id: sid, canAnswer: true, stageLabel: '30天回访' })
    const answered = await api.ok('dev-resident-4', 'followups.answer', { id: sid, answer: 'unsatisfied', words: '钱还没给' }, rid('a30'))
    expect(answered).toMatchObject({ answer: 'unsatisfied', words: '钱还没给', stageLabel: '30天回访', case: { kind: 'mediation' } })
    expect(t.store.find('followups', { _id: sid })[0]).toMatchObject({ legacyScore: null, side: 'applicant' })
    expectError(await api.call('dev-resident-4', 'followups.answer', { id: sid, answer: 'satisfied' }, rid('again')), 'conflict')
    // 不满意 opens the 所长's task, as for every kind of case; the case's own check rows are not touched.
    expect(t.store.find('followup_tasks', { surveyId: sid })).toHaveLength(1)
    expect((t.store.find('mediation_cases', { _id: id })[0].followUps as { round: number; done: boolean }[])[r30].done).toBe(false)
  })

  it('moves each old star rating into a survey once, with its stars', async () => {
    const at = new Date(Date.now() - 20 * 86_400_000)
    t.store.insertMany('service_ratings', [
      { _id: 'appointment:bk-demo-7', kind: 'appointment', recordId: 'bk-demo-7', serviceId: 'wufanzui', openid: 'dev-resident-6', score: 2, comment: '态度不好', createdAt: at, createdKey: at.toISOString() },
      { _id: 'proxy:er-old', kind: 'proxy', recordId: 'er-old', serviceId: 'hukou', openid: 'dev-resident-6', score: 5, comment: '', createdAt: at, createdKey: at.toISOString() },
    ])
    const deps = depsWith(t.db)
    expect(await migrateRatings(deps)).toBe(2)
    expect(await migrateRatings(deps)).toBe(0)
    const low = t.store.find('followups', { _id: 'booking-bk-demo-7-done' })[0]
    expect(low).toMatchObject({ answer: 'unsatisfied', legacyScore: 2, words: '态度不好', owner: 'dev-resident-6', title: '无犯罪记录证明' })
    expect(low.answeredAt).toEqual(at)
    expect(t.store.find('followups', { _id: 'errand-er-old-done' })[0]).toMatchObject({ answer: 'satisfied', legacyScore: 5 })
    expect(t.store.find('followup_tasks', { surveyId: 'booking-bk-demo-7-done' })).toHaveLength(1)
    expect(t.store.find('service_ratings', { migrated: true })).toHaveLength(2)
    // Long past the edit window: final, not editable.
    expect(await api.ok('dev-resident-6', 'followups.get', { id: 'booking-bk-demo-7-done' })).toMatchObject({ state: 'final', canRevise: false })
  })
})

describe('the staff lists', () => {
  it('page answered surveys by cursor without repeats, newest answer first', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 4; i++) {
      const page = await api.ok(OFFICER, 'followups.list', { view: 'answered', pageSize: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((s) => s.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen.length).toBeGreaterThanOrEqual(4)
    expect(new Set(seen).size).toBe(seen.length)
    const all = await api.ok(OFFICER, 'followups.list', { view: 'answered', pageSize: 50 })
    expect(all.items.slice(0, seen.length).map((s) => s.id)).toEqual(seen)
    expect(all.items.every((s) => s.answer !== null)).toBe(true)
    const unhappy = await api.ok(OFFICER, 'followups.list', { view: 'unsatisfied', pageSize: 50 })
    expect(unhappy.items.length).toBeGreaterThan(0)
    expect(unhappy.items.every((s) => s.answer === 'unsatisfied')).toBe(true)
  })
})
