// The `mediation` function against a local cloud, through the real wx-server-sdk and the seeded roster: the whole
// journey from application to a kept agreement, a routed case, a reopened one, the session limit, bad input.
import type { ActionRequest } from '@contract'
import type { OfficerCaseView, PartyCaseView } from '@contract/mediation'
import { addDays, stationDay, stationInstant } from '@domain/station-time'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const OFFICER = 'dev-officer'
const api = contractCalls(() => t)
let seq = 0

interface Person {
  openid: string
  name: string
  phone: string
}

function newPerson(name: string, role: 'resident' | 'officer' = 'resident', villageId = 'pingchuan'): Person {
  const n = ++seq
  const p = { openid: `fn-med-${n}`, name, phone: `136${String(20_000_000 + n * 7919).slice(-8)}` }
  const at = new Date()
  t.store.insertMany('users', [{ _id: p.openid, role, name, phone: p.phone, villageId, address: '', createdAt: at, updatedAt: at }])
  return p
}

const caseCount = () => t.store.find('mediation_cases', {}).length
const stored = (id: string) => t.store.find('mediation_cases', { _id: id })[0] as unknown as { status: string; sessions: unknown[]; agreement: unknown; timeline: unknown[] }

function application(me: Person, otherName: string, over: Partial<ActionRequest<'mediation.apply'>> = {}): ActionRequest<'mediation.apply'> {
  return {
    kind: 'neighbour',
    me: { name: me.name, phone: me.phone, villageId: 'pingchuan', group: '二社' },
    other: { name: otherName, villageId: 'pingchuan', group: '六社' },
    what: '邻居家的牛撞坏了我家的围栏，去说还被骂',
    want: '赔修围栏的钱',
    place: '平川村二社菜园',
    ...over,
  }
}

const calmFacts = { violation: true, injury: 'none' as const, amount: 800, people: 2, priorClashes: 0, threats: false, weapons: false, difficulty: 'easy' as const }

/** A future time at `hhmm` on the next day the station is open (on site, so no room is needed). */
function later(days: number, hhmm: string): string {
  return stationInstant(addDays(stationDay(new Date()), days), hhmm).toISOString()
}

/** Applies, joins the other side, reviews, both consent, team: a case ready for its first session. */
async function readyCase(me: Person, other: Person): Promise<OfficerCaseView> {
  const applied = await api.ok(me.openid, 'mediation.apply', application(me, other.name))
  const code = applied.inviteCode
  expect(code).toMatch(/^[A-Z0-9]{6}$/)
  await api.ok(other.openid, 'mediation.join', { code: code ?? '' })
  await api.ok(OFFICER, 'mediation.review', { id: applied.id, facts: calmFacts })
  await api.ok(me.openid, 'mediation.consent', { id: applied.id, agree: true })
  await api.ok(other.openid, 'mediation.consent', { id: applied.id, agree: true })
  return api.ok(OFFICER, 'mediation.team', { id: applied.id })
}

async function performingCase(me: Person, other: Person): Promise<OfficerCaseView> {
  const c = await readyCase(me, other)
  await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '15:00'), siteAddress: '平川村二社菜园' })
  await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'agreed', notes: '对方认错' })
  await api.ok(OFFICER, 'mediation.agreement', {
    id: c.id,
    facts: { time: '12月1日傍晚', place: '平川村二社菜园', cause: '牛没拴好', course: '牛撞坏围栏，两家争吵', result: '围栏坏了10米' },
    terms: [
      { party: 'respondent', what: '赔偿800元', dueDay: addDays(stationDay(new Date()), 9) },
      { party: 'respondent', what: '当面道歉', dueDay: addDays(stationDay(new Date()), 1) },
    ],
  })
  await api.ok(me.openid, 'mediation.confirm', { id: c.id })
  await api.ok(other.openid, 'mediation.confirm', { id: c.id })
  return api.ok(OFFICER, 'mediation.get', { id: c.id }) as Promise<OfficerCaseView>
}

describe('the whole journey', () => {
  it('goes from an application to a kept agreement and a success in the figures', async () => {
    const me = newPerson('吴秀芝')
    const other = newPerson('郭满仓')
    const before = await api.ok(OFFICER, 'mediation.figures', {})

    const applied = await api.ok(me.openid, 'mediation.apply', application(me, other.name))
    expect(applied).toMatchObject({ view: 'party', status: 'applied', statusLabel: '已申请，等待审查', side: 'applicant', otherPartyName: '郭满仓', canWithdraw: true })
    expect(applied.id).toMatch(/^TJ\d{8}-\d{4}$/)

    // The invite as a 小程序码: only the applicant may make it.
    const qr = await api.ok(me.openid, 'mediation.inviteQr', { id: applied.id })
    expect(qr).toMatchObject({ code: applied.inviteCode, image: expect.stringMatching(/^data:image\/png;base64,/) })
    const joined = await api.ok(other.openid, 'mediation.join', { code: applied.inviteCode ?? '' })
    expect(await api.call(other.openid, 'mediation.inviteQr', { id: applied.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(joined).toMatchObject({ side: 'respondent', myStatement: '' })
    // The other side never sees the applicant's statement or phone.
    expect(JSON.stringify(joined)).not.toContain('邻居家的牛撞坏了')
    expect(JSON.stringify(joined)).not.toContain(me.phone)

    // Gate then grade: a minor public-order case is 治安调解, with the reasons for its level.
    const reviewed = await api.ok(OFFICER, 'mediation.review', { id: applied.id, facts: calmFacts })
    expect(reviewed).toMatchObject({ status: 'accepted', track: 'police', trackLabel: '治安调解', gate: { ok: true }, grade: { level: 1 } })
    expect(reviewed.grade?.reasons.map((r) => r.text)).toEqual(['邻里纠纷'])
    expect(reviewed.clock).toMatchObject({ label: '第一次调解', unit: '工作日' })

    await api.ok(me.openid, 'mediation.consent', { id: applied.id, agree: true })
    await api.ok(other.openid, 'mediation.consent', { id: applied.id, agree: true })
    // Both sides find it in 我的调解.
    for (const p of [me, other]) expect((await api.ok(p.openid, 'mediation.mine', {})).items.map((c) => c.id)).toEqual([applied.id])

    const teamed = await api.ok(OFFICER, 'mediation.team', { id: applied.id })
    expect(teamed.team[0]).toMatchObject({ role: 'household_head' })
    expect(teamed.team[0].reasons).toContain('一级需要治安户长')
    // 马德胜 lives in the applicant's village but another 社; nobody from a party's own 社 is picked.
    expect(teamed.team.every((m) => m.mediatorId !== 'm-he')).toBe(true)

    const scheduled = await api.ok(OFFICER, 'mediation.schedule', { id: applied.id, place: 'site', at: later(1, '16:00'), siteAddress: '平川村二社菜园', attendees: ['吴秀芝', '郭满仓'] })
    expect(scheduled).toMatchObject({ status: 'mediating', sessions: [{ no: 1, outcome: 'planned' }] })
    const partySees = (await api.ok(me.openid, 'mediation.get', { id: applied.id })) as PartyCaseView
    expect(partySees.nextSession).toBe(scheduled.sessions[0].at)

    await api.ok(OFFICER, 'mediation.recordSession', { id: applied.id, no: 1, outcome: 'agreed', notes: '郭满仓认错，内部记录' })
    const today = stationDay(new Date())
    const drafted = await api.ok(OFFICER, 'mediation.agreement', {
      id: applied.id,
      facts: { time: '12月1日傍晚', place: '平川村二社菜园', cause: '牛没拴好', course: '牛撞坏围栏，两家争吵', result: '围栏坏了10米' },
      terms: [
        { party: 'respondent', what: '赔偿800元', dueDay: addDays(today, 9) },
        { party: 'respondent', what: '修复围栏', dueDay: addDays(today, 5) },
      ],
    })
    expect(drafted).toMatchObject({ status: 'agreement_pending', agreement: { documentNo: `${applied.id}-1`, terms: [{ id: 't1', what: '赔偿800元', partyLabel: '郭满仓' }, { id: 't2' }] } })

    const mine = (await api.ok(me.openid, 'mediation.confirm', { id: applied.id })) as PartyCaseView
    expect(mine).toMatchObject({ status: 'agreement_pending', myConfirmation: true })
    // The party view carries no internal session notes.
    expect(JSON.stringify(mine)).not.toContain('内部记录')
    const both = (await api.ok(other.openid, 'mediation.confirm', { id: applied.id })) as PartyCaseView
    expect(both).toMatchObject({ status: 'performing', followUps: [{ round: 7 }, { round: 30 }, { round: 90 }] })

    await api.ok(other.openid, 'mediation.termDone', { id: applied.id, termId: 't1' })
    // Closing as a success waits for every term and a follow-up.
    const early = await api.call(OFFICER, 'mediation.close', { id: applied.id, outcome: 'resolved' })
    expect(early).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
    await api.ok(OFFICER, 'mediation.termDone', { id: applied.id, termId: 't2' })
    await api.ok(OFFICER, 'mediation.followUp', { id: applied.id, round: 7, kept: true, relations: '见面打招呼了', satisfaction: 5 })

    const closed = await api.ok(OFFICER, 'mediation.close', { id: applied.id, outcome: 'resolved' })
    expect(closed).toMatchObject({ status: 'resolved', statusLabel: '调解成功，已结案' })
    const after = await api.ok(OFFICER, 'mediation.figures', {})
    expect(after.success.resolved).toBe(before.success.resolved + 1)
    expect(after.success.denominator).toBe(before.success.denominator + 1)
    expect(after.success.text).toContain(`÷ 调解结案 ${after.success.denominator} 件`)
    expect(after.satisfaction.answers).toBe(before.satisfaction.answers + 1)

    // The officer's view was audited; the timeline shows every step.
    expect(t.store.find('audit_log', { actor: OFFICER, target: applied.id }).length).toBeGreaterThan(0)
    expect(closed.timeline.map((e) => e.label)).toEqual(expect.arrayContaining(['登记', '受理并定级', '开始调解', '拟定调解协议', '双方确认协议', '履行完毕，结案']))
  })
})

describe('routing and reopening', () => {
  it('routes an excluded case with its reason instead of dropping it', async () => {
    const me = newPerson('石桂香')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, '韩五'))
    const routed = await api.ok(OFFICER, 'mediation.review', { id: c.id, facts: { ...calmFacts, exclusions: ['gang_fight'] } })
    expect(routed).toMatchObject({ status: 'routed', route: { target: 'administrative_case', label: '治安案件依法处理' }, gate: { ok: false } })
    expect(routed.route?.reason).toContain('结伙斗殴')
    const party = (await api.ok(me.openid, 'mediation.get', { id: c.id })) as PartyCaseView
    expect(party.route).toMatchObject({ label: '治安案件依法处理' })
    expect(party.timeline[party.timeline.length - 1].note).toContain('结伙斗殴')
  })

  it('a clear refusal ends police mediation and the officer routes it to the court', async () => {
    const me = newPerson('苗春兰')
    const other = newPerson('常二')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, other.name))
    await api.ok(other.openid, 'mediation.join', { code: c.inviteCode ?? '' })
    const refused = (await api.ok(other.openid, 'mediation.consent', { id: c.id, agree: false, reason: '不想调' })) as PartyCaseView
    expect(refused).toMatchObject({ myConsent: 'refused', route: null })
    const routed = await api.ok(OFFICER, 'mediation.route', { id: c.id, to: 'court', reason: '对方不愿调解，告知可以起诉' })
    expect(routed).toMatchObject({ status: 'routed', route: { target: 'court' } })
  })

  it('a broken agreement reopens the same case', async () => {
    const me = newPerson('范玉兰')
    const c = await performingCase(me, newPerson('魏三'))
    // The mediator records the 7-day check; a party answers it with the round's 回访 survey instead, a stranger not at all.
    expect(await api.call(me.openid, 'mediation.followUp', { id: c.id, round: 7, kept: true, relations: '好', satisfaction: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await api.call(newPerson('路人乙').openid, 'mediation.followUp', { id: c.id, round: 7, kept: true, relations: '好', satisfaction: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const answered = await api.ok(OFFICER, 'mediation.followUp', { id: c.id, round: 7, kept: false, relations: '又闹矛盾了', satisfaction: 2 })
    expect(answered).toMatchObject({ view: 'officer', followUps: [{ round: 7, done: true, kept: false, relations: '又闹矛盾了' }, { done: false }, { done: false }] })
    // The party still reads the check in 我的调解.
    expect(await api.ok(me.openid, 'mediation.get', { id: c.id })).toMatchObject({ view: 'party', followUps: [{ round: 7, done: true, kept: false }, { done: false }, { done: false }] })
    const reopened = await api.ok(OFFICER, 'mediation.reopen', { id: c.id, reason: '没有赔钱' })
    expect(reopened).toMatchObject({ id: c.id, status: 'mediating', agreement: null, followUps: [] })
    expect(reopened.timeline[reopened.timeline.length - 1].note).toContain('没有赔钱')
    // The new round may hold sessions again.
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(2, '15:00'), siteAddress: '菜园' })
  })
})

describe('sessions', () => {
  it('allows a second 治安调解 session but refuses a third, storing nothing', async () => {
    const c = await readyCase(newPerson('孔秀梅'), newPerson('严大'))
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '村委会' })
    await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'again' })
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(2, '09:00'), siteAddress: '村委会' })
    const third = await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(3, '09:00'), siteAddress: '村委会' })
    expect(third).toMatchObject({ ok: false, error: { code: 'transition_not_allowed', message: expect.stringContaining('最多调解两次') } })
    expect(stored(c.id).sessions).toHaveLength(2)
  })

  it('never books the 调解室 for two cases at the same hour', async () => {
    const a = await readyCase(newPerson('邓淑芬'), newPerson('史二'))
    const b = await readyCase(newPerson('丁桂英'), newPerson('侯三'))
    // The next weekday afternoon at 15:00 (the station is open then).
    let day = addDays(stationDay(new Date()), 1)
    while ([0, 6].includes(new Date(`${day}T12:00:00+08:00`).getUTCDay())) day = addDays(day, 1)
    const at = stationInstant(day, '15:00').toISOString()
    await api.ok(OFFICER, 'mediation.schedule', { id: a.id, place: 'room', at })
    const clash = await api.call(OFFICER, 'mediation.schedule', { id: b.id, place: 'room', at })
    expect(clash).toMatchObject({ ok: false, error: { code: 'slot_full' } })
    expect(stored(b.id).sessions).toHaveLength(0)
  })
})

describe('bad input and access', () => {
  it('refuses an unknown village for the other party, storing nothing', async () => {
    const me = newPerson('白秀珍')
    const n = caseCount()
    const res = await api.call(me.openid, 'mediation.apply', application(me, '某人', { other: { name: '某人', villageId: 'nowhere' } }))
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'other.villageId' } })
    expect(caseCount()).toBe(n)
  })

  it('takes the applicant’s own photos and refuses someone else’s, storing nothing', async () => {
    const me = newPerson('唐玉梅')
    const mine = await api.upload(me.openid, 'fence.jpg')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, '邻居某', { photos: [mine] }))
    const officer = (await api.ok(OFFICER, 'mediation.get', { id: c.id })) as OfficerCaseView
    expect(officer.photos.map((p) => p.fileId)).toEqual([mine])
    const n = caseCount()
    const bad = await api.call(newPerson('冒名者').openid, 'mediation.apply', application(me, '邻居某', { photos: [mine] }))
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'photos.0' } })
    expect(caseCount()).toBe(n)
  })

  it('refuses a session in the past and terms without a due date', async () => {
    const c = await readyCase(newPerson('龙玉珍'), newPerson('包二'))
    const past = await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: new Date(Date.now() - 3600_000).toISOString(), siteAddress: '村委会' })
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'at' } })
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '10:00'), siteAddress: '村委会' })
    await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'agreed' })
    const noDue = await api.call(OFFICER, 'mediation.agreement', {
      id: c.id,
      facts: { time: '昨天', place: '村里', cause: '吵架', course: '吵架', result: '没事' },
      terms: [{ party: 'respondent', what: '道歉' } as { party: 'respondent'; what: string; dueDay: string }],
    })
    expect(noDue).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(stored(c.id).agreement).toBeNull()
  })

  it('a party cannot confirm for the other side or mark the other side’s term; outsiders see nothing', async () => {
    const me = newPerson('贺春梅')
    const other = newPerson('倪四')
    const c = await readyCase(me, other)
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '11:00'), siteAddress: '村委会' })
    await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'agreed' })
    await api.ok(OFFICER, 'mediation.agreement', {
      id: c.id,
      facts: { time: '昨天', place: '村里', cause: '吵架', course: '吵架', result: '没事' },
      terms: [{ party: 'respondent', what: '道歉', dueDay: addDays(stationDay(new Date()), 3) }],
    })
    const forOther = await api.call(me.openid, 'mediation.confirm', { id: c.id, side: 'respondent' })
    expect(forOther).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await api.ok(me.openid, 'mediation.confirm', { id: c.id })
    await api.ok(other.openid, 'mediation.confirm', { id: c.id })
    const notMine = await api.call(me.openid, 'mediation.termDone', { id: c.id, termId: 't1' })
    expect(notMine).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const stranger = newPerson('路人甲')
    expect(await api.call(stranger.openid, 'mediation.get', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await api.call(stranger.openid, 'mediation.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('an officer outside the case may not run its sessions', async () => {
    const c = await readyCase(newPerson('温秀云'), newPerson('甘五'))
    const outsider = newPerson('外所民警', 'officer', '')
    const before = stored(c.id).timeline.length
    const res = await api.call(outsider.openid, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '14:00'), siteAddress: '村委会' })
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(stored(c.id).timeline).toHaveLength(before)
  })

  it('a case closed as 调解不成 cannot be closed again', async () => {
    const c = await readyCase(newPerson('柏玉芳'), newPerson('水六'))
    const res = await api.call(OFFICER, 'mediation.close', { id: c.id, outcome: 'failed', note: '调不成' })
    expect(res).toMatchObject({ ok: true })
    const again = await api.call(OFFICER, 'mediation.close', { id: c.id, outcome: 'failed', note: '再结一次' })
    expect(again).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
  })
})

describe('the officers’ queue and the seed', () => {
  it('puts cases at risk first and shows the 排查台账 on its own', async () => {
    const q = await api.ok(OFFICER, 'mediation.queue', { view: 'open', pageSize: 50 })
    expect(q.items[0].risk).toBe(true)
    expect(q.items.every((i) => !i.applicantPhone || i.applicantPhone.includes('****'))).toBe(true)
    const screening = await api.ok(OFFICER, 'mediation.queue', { view: 'screening' })
    expect(screening.items.map((i) => i.status)).toEqual(expect.arrayContaining(['screening']))
    expect(screening.items.every((i) => i.status === 'screening')).toBe(true)
  })

  it('lists the roster by kind with masked phones', async () => {
    const { mediators } = await api.ok(OFFICER, 'mediation.roster', {})
    expect(mediators.map((m) => m.kind)).toEqual([...mediators.map((m) => m.kind)].sort((a, b) => ['gold', 'silver', 'copper', 'iron', 'tin'].indexOf(a) - ['gold', 'silver', 'copper', 'iron', 'tin'].indexOf(b)))
    expect(mediators.every((m) => !m.phone || m.phone.includes('****'))).toBe(true)
  })

  it('drafts a 以案说法 story without the parties’ names once both agreed', async () => {
    const resolved = t.store.find('mediation_cases', { status: 'resolved', source: 'app', villageId: 'siba' })[0] as { _id: string }
    const story = await api.ok(OFFICER, 'mediation.draftStory', { id: resolved._id })
    expect(story).toMatchObject({ category: 'case', villageIds: ['siba'], source: { kind: 'mediation_case', caseId: resolved._id } })
    expect(story.body).not.toContain('杨玉梅')
    expect(story.body).not.toContain('李富民')
  })
})

describe('intake, risk, 回避 and follow-ups', () => {
  it('a dangerous word in an application tells the 所长 at once', async () => {
    const me = newPerson('蒋桂兰')
    const before = t.cloud.openapi.listOutbox({ touser: 'dev-admin' }).length
    const c = await api.ok(me.openid, 'mediation.apply', application(me, '何老四', { what: '他说要拿刀砍我全家，我很害怕' }))
    const sent = t.cloud.openapi.listOutbox({ touser: 'dev-admin' }).slice(before)
    expect(sent.map((m) => m.data.character_string1.value)).toEqual([c.id])
    expect(sent[0].data.phrase2.value).toBe('有激化风险')
    const q = await api.ok(OFFICER, 'mediation.queue', { view: 'risk', pageSize: 50 })
    expect(q.items.map((i) => i.id)).toContain(c.id)
  })

  it('turns a report into a dispute, and refuses a report number that does not exist', async () => {
    const report = t.store.find('reports', {})[0] as { _id: string }
    const payload: ActionRequest<'mediation.register'> = {
      source: 'report',
      kind: 'neighbour',
      applicant: { name: '沈秀兰', phone: '13612340001', villageId: 'pingchuan' },
      other: { name: '邻居老卫', villageId: 'pingchuan' },
      what: '丢的水桶其实是邻居拿去用了，两家为这事吵起来',
      place: '平川村三社',
      villageId: 'pingchuan',
      reportId: report._id,
    }
    const made = await api.ok(OFFICER, 'mediation.register', payload)
    expect(made).toMatchObject({ source: 'report', sourceLabel: '举报转调解', reportId: report._id, status: 'applied' })
    const n = caseCount()
    const wrong = await api.call(OFFICER, 'mediation.register', { ...payload, reportId: 'PC20000101-0001' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'reportId' } })
    expect(caseCount()).toBe(n)
  })

  it('a 排查台账 entry becomes a case when filed', async () => {
    const logged = await api.ok(OFFICER, 'mediation.register', {
      source: 'screening',
      kind: 'land',
      applicant: { name: '孙长江', phone: '13612340002', villageId: 'beitan' },
      other: { name: '孙长湖', villageId: 'beitan' },
      what: '兄弟俩为分地吵了几次',
      place: '北滩村一社',
      villageId: 'beitan',
      reportedBy: '网格员 孙小燕',
    })
    expect(logged.status).toBe('screening')
    const filed = await api.ok(OFFICER, 'mediation.screening', { id: logged.id, to: 'file' })
    expect(filed.status).toBe('applied')
  })

  it('a party’s objection takes a mediator off the team and records why', async () => {
    const me = newPerson('秦玉芬')
    const other = newPerson('尤五')
    const c = await readyCase(me, other)
    const first = c.team[0]
    const after = (await api.ok(other.openid, 'mediation.object', { id: c.id, mediatorId: first.mediatorId, reason: '他和我家有过节' })) as PartyCaseView
    expect(after.team.map((m) => m.mediatorId)).not.toContain(first.mediatorId)
    expect(after.timeline[after.timeline.length - 1].note).toContain('他和我家有过节')
    const officer = (await api.ok(OFFICER, 'mediation.get', { id: c.id })) as OfficerCaseView
    expect(officer.objections).toEqual([expect.objectContaining({ side: '对方', mediatorName: first.name, reason: '他和我家有过节' })])
    // Choosing that mediator again is refused.
    const again = await api.call(OFFICER, 'mediation.team', { id: c.id, mediatorIds: [first.mediatorId] })
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'mediatorIds.0' } })
  })

  it('the timer reminds the officer of a due follow-up, asks the parties for their 回访 and the party of an overdue term, once', async () => {
    const me = newPerson('许春兰')
    const other = newPerson('何六')
    const c = await performingCase(me, other)
    const yesterday = addDays(stationDay(new Date()), -1)
    await t.db.collection('mediation_cases').doc(c.id).update({ data: { 'followUps.0.dueDay': yesterday, 'agreement.terms.0.dueDay': yesterday } })
    const officerBefore = t.cloud.openapi.listOutbox({ touser: OFFICER }).length
    const partyBefore = t.cloud.openapi.listOutbox({ touser: other.openid }).length
    const run = await api.ok(OFFICER, 'cron.run', { job: 'mediation.remindFollowUps' })
    expect(run.ran).toEqual([expect.objectContaining({ job: 'mediation.remindFollowUps', ok: true })])
    const toOfficer = t.cloud.openapi.listOutbox({ touser: OFFICER }).slice(officerBefore).filter((m) => m.data.character_string1?.value === c.id)
    expect(toOfficer.map((m) => m.data.phrase2.value)).toEqual(['该回访了'])
    const toParty = t.cloud.openapi.listOutbox({ touser: other.openid }).slice(partyBefore)
    // The round's survey opens for each party in the app; its message opens the survey page.
    expect(toParty.map((m) => m.data.phrase2.value)).toEqual(['请评价', '协议到期'])
    expect(toParty[0].page).toBe(`packages/followup/survey/index?id=mediation-${c.id}-d7-respondent`)
    expect(t.store.find('followups', { recordId: c.id }).map((f) => f._id).sort()).toEqual([`mediation-${c.id}-d7-applicant`, `mediation-${c.id}-d7-respondent`])
    await api.ok(OFFICER, 'cron.run', { job: 'mediation.remindFollowUps' })
    expect(t.cloud.openapi.listOutbox({ touser: other.openid }).length).toBe(partyBefore + 2)
    expect(t.store.find('followups', { recordId: c.id })).toHaveLength(2)
  })
})

describe('a party without the app', () => {
  it('signs on paper: the officer confirms for them with a photo of their own upload', async () => {
    const me = newPerson('钟桂芝')
    const applied = await api.ok(me.openid, 'mediation.apply', application(me, '没手机的老韩'))
    await api.ok(OFFICER, 'mediation.review', { id: applied.id, facts: calmFacts })
    await api.ok(me.openid, 'mediation.consent', { id: applied.id, agree: true })
    await api.ok(OFFICER, 'mediation.consent', { id: applied.id, side: 'respondent', agree: true })
    await api.ok(OFFICER, 'mediation.team', { id: applied.id })
    await api.ok(OFFICER, 'mediation.schedule', { id: applied.id, place: 'site', at: later(1, '10:00'), siteAddress: '村委会' })
    await api.ok(OFFICER, 'mediation.recordSession', { id: applied.id, no: 1, outcome: 'agreed' })
    await api.ok(OFFICER, 'mediation.agreement', {
      id: applied.id,
      facts: { time: '昨天', place: '村里', cause: '牛吃了菜', course: '吵架', result: '菜没了' },
      terms: [{ party: 'respondent', what: '赔200元', dueDay: addDays(stationDay(new Date()), 3) }],
    })
    await api.ok(me.openid, 'mediation.confirm', { id: applied.id })
    // Someone else's file is refused; the officer's own photo of the signed paper is accepted.
    const theirs = await api.upload(me.openid, 'paper.jpg')
    const refused = await api.call(OFFICER, 'mediation.confirm', { id: applied.id, side: 'respondent', paperPhoto: theirs })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'paperPhoto.0', message: expect.stringContaining('不是您自己刚上传的') } })
    const photo = await api.upload(OFFICER, 'signed-paper.jpg')
    const done = (await api.ok(OFFICER, 'mediation.confirm', { id: applied.id, side: 'respondent', paperPhoto: photo })) as OfficerCaseView
    expect(done).toMatchObject({ status: 'performing', agreement: { confirmations: [{ via: 'app' }, { via: 'paper' }] } })
  })
})
