// The `mediation` function against a local cloud: 司法确认 of a confirmed agreement as a recorded step (both
// parties' consent and the day it went to the court, later the court's result), refused before both confirmations
// and after 30 days; and a party's own consent to continue 人民调解, the extension taking effect with both.
import type { OfficerCaseView, PartyCaseView } from '@contract/mediation'
import { addDays, stationInstant } from '@domain/station-time'
import { contractCalls } from '../support/contractCalls'
import { calmFacts, later, mediationCases, MEDIATION_OFFICER, today, type Person } from '../support/mediationCases'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const OFFICER = MEDIATION_OFFICER
const api = contractCalls(() => t)
const { newPerson, readyCase } = mediationCases(() => t, api, 'fn-medj', '13640000000')

async function agreementDrafted(me: Person, other: Person): Promise<OfficerCaseView> {
  const c = await readyCase(me, other)
  await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '15:00'), siteAddress: '菜园' })
  await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'agreed' })
  return api.ok(OFFICER, 'mediation.agreement', {
    id: c.id,
    facts: { time: '12月1日傍晚', place: '平川村二社菜园', cause: '牛没拴好', course: '牛撞坏围栏，两家争吵', result: '围栏坏了10米' },
    terms: [{ party: 'respondent', what: '赔偿800元', dueDay: addDays(today(), 9) }],
    attendees: [],
  })
}

const stored = (id: string) => t.store.find('mediation_cases', { _id: id })[0] as unknown as { status: string; timeline: { note: string; public: boolean }[] }

describe('司法确认 of a confirmed agreement', () => {
  it('records both parties’ consent and the day, then the court’s result, each on the timeline; the case stays open', async () => {
    const me = newPerson('吴桂兰')
    const other = newPerson('郭二牛')
    const c = await agreementDrafted(me, other)
    expect(c.judicialCanApply).toBeNull()
    // Before both confirmations: refused, nothing stored.
    await api.ok(me.openid, 'mediation.confirm', { id: c.id })
    const early = await api.call(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'apply', day: today(), consent: '双方当面同意' })
    expect(early).toMatchObject({ ok: false, error: { code: 'transition_not_allowed', message: expect.stringContaining('双方都确认') } })
    await api.ok(other.openid, 'mediation.confirm', { id: c.id })

    const before = await api.ok(OFFICER, 'mediation.get', { id: c.id })
    expect(before.view === 'officer' && before.judicialCanApply).toEqual({ lastDay: addDays(today(), 30) })
    // A party cannot record it themselves.
    expect(await api.call(me.openid, 'mediation.judicialConfirmation', { id: c.id, step: 'apply', day: today(), consent: '同意' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // The result cannot come before the application.
    expect(await api.call(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'result', day: today(), result: 'valid' })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })

    const applied = await api.ok(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'apply', day: today(), consent: '双方当面同意共同申请', court: '平川区人民法院' })
    expect(applied.status).toBe('performing')
    expect(applied.judicial).toMatchObject({ label: '人民法院（司法确认）', appliedDay: today(), court: '平川区人民法院', consent: '双方当面同意共同申请', result: null, resultLabel: '等待法院结果' })
    expect(applied.judicialCanApply).toBeNull()
    expect(await api.call(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'apply', day: today(), consent: '再来一次' })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })

    const ruled = await api.ok(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'result', day: today(), result: 'valid', note: '裁定协议有效' })
    expect(ruled.judicial).toMatchObject({ result: 'valid', resultLabel: '确认有效', resultDay: today(), note: '裁定协议有效' })
    expect(ruled.status).toBe('performing')
    const notes = stored(c.id).timeline.slice(-2)
    expect(notes[0]).toMatchObject({ public: true, note: expect.stringContaining('申请司法确认') })
    expect(notes[1]).toMatchObject({ public: true, note: expect.stringContaining('确认有效') })

    // The party sees it on their case, with the result.
    const mine = (await api.ok(me.openid, 'mediation.get', { id: c.id })) as PartyCaseView
    expect(mine.judicial).toMatchObject({ appliedDay: today(), resultLabel: '确认有效' })
    expect(mine.timeline.some((e) => e.note.includes('确认有效'))).toBe(true)
  })

  it('is refused once 30 days have passed since the agreement took effect', async () => {
    const me = newPerson('石秀梅')
    const other = newPerson('韩老四')
    const c = await agreementDrafted(me, other)
    await api.ok(me.openid, 'mediation.confirm', { id: c.id })
    await api.ok(other.openid, 'mediation.confirm', { id: c.id })
    await t.db.collection('mediation_cases').doc(c.id).update({ data: { 'agreement.confirmedAt': stationInstant(addDays(today(), -31), '10:00') } })
    const late = await api.call(OFFICER, 'mediation.judicialConfirmation', { id: c.id, step: 'apply', day: today(), consent: '双方同意' })
    expect(late).toMatchObject({ ok: false, error: { code: 'transition_not_allowed', message: expect.stringContaining('30天内') } })
    expect(stored(c.id).timeline.some((e) => e.note.includes('申请司法确认'))).toBe(false)
  })
})

describe('a party consents in the app to continue 人民调解', () => {
  it('takes effect when both parties have consented; refused far from the limit and twice from one side', async () => {
    const me = newPerson('马桂芳')
    const other = newPerson('韩掌柜')
    const c = await readyCase(me, other, { ...calmFacts, violation: false })
    expect(c.track).toBe('people')
    // Far from the month's end nothing to consent to.
    const mineEarly = (await api.ok(me.openid, 'mediation.get', { id: c.id })) as PartyCaseView
    expect(mineEarly.extensionConsent).toBeNull()
    expect(await api.call(me.openid, 'mediation.consentExtension', { id: c.id })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })

    await t.db.collection('mediation_cases').doc(c.id).update({ data: { acceptedDay: addDays(today(), -40) } })
    const offered = (await api.ok(me.openid, 'mediation.get', { id: c.id })) as PartyCaseView
    expect(offered.extensionConsent).toEqual({ canConsent: true, mine: false, other: false })

    const first = await api.ok(me.openid, 'mediation.consentExtension', { id: c.id })
    expect(first.extensionConsent).toEqual({ canConsent: false, mine: true, other: false })
    expect(first.limit).toMatchObject({ state: 'expired' })
    expect(await api.call(me.openid, 'mediation.consentExtension', { id: c.id })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
    const officer = await api.ok(OFFICER, 'mediation.get', { id: c.id })
    expect(officer.view === 'officer' && officer.partyExtensionConsents).toEqual({ applicant: true, respondent: false })

    const both = await api.ok(other.openid, 'mediation.consentExtension', { id: c.id })
    expect(both.limit).toMatchObject({ state: 'open', dueDay: addDays(today(), 30) })
    const after = await api.ok(OFFICER, 'mediation.get', { id: c.id })
    expect(after.view === 'officer' && after.extension).toMatchObject({ until: addDays(today(), 30), consents: { applicant: expect.stringContaining('马桂芳本人'), respondent: expect.stringContaining('韩掌柜本人') } })
    // Sessions may be booked again.
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '农资店' })
    // A stranger cannot consent for the case.
    const stranger = newPerson('路人乙')
    expect(await api.call(stranger.openid, 'mediation.consentExtension', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
