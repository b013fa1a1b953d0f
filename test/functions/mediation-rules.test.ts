// The `mediation` function's document and enforced limits against a local cloud: the 调解协议书 rendered as a .docx
// (terms, guardian, a drawn signature embedded) that only the case's parties and staff can fetch; the 治安调解 clock
// (first-session deadline, the pause for a 伤情鉴定) and the 人民调解 month with its two-consent extension, enforced
// by the moves; a refusal routed by the officer to the village; and the villager's age band applying the guardian rule.
import JSZip from 'jszip'
import type { OfficerCaseView, PartyCaseView } from '@contract/mediation'
import { addDays } from '@domain/station-time'
import { contractCalls } from '../support/contractCalls'
import { application, calmFacts, later, mediationCases, MEDIATION_OFFICER, today } from '../support/mediationCases'
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
const { newPerson, readyCase } = mediationCases(() => t, api, 'fn-medr', '13530000000')
const stored = (id: string) => t.store.find('mediation_cases', { _id: id })[0] as unknown as { sessions: unknown[]; timeline: { note: string }[]; assessment: Record<string, unknown>; extendConsent: unknown }

/** Moves the case's acceptance back by `days` calendar days, as if it had waited that long. */
async function acceptedDaysAgo(id: string, days: number): Promise<void> {
  await t.db.collection('mediation_cases').doc(id).update({ data: { acceptedDay: addDays(today(), -days) } })
}

async function documentXml(url: string): Promise<{ xml: string; media: string[] }> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  return { xml, media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f].dir) }
}

/** Visible text of a WordprocessingML body: the runs' text joined. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')

describe('the 调解协议书 as a Word document', () => {
  it('holds the parties, the facts, the terms with how and by when, and the drawn signature; only the case’s parties and staff get it', async () => {
    const me = newPerson('吴秀芝')
    const other = newPerson('郭满仓')
    const c = await readyCase(me, other)
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '15:00'), siteAddress: '菜园' })
    await api.ok(OFFICER, 'mediation.recordSession', { id: c.id, no: 1, outcome: 'agreed' })
    const due = addDays(today(), 9)
    await api.ok(OFFICER, 'mediation.agreement', {
      id: c.id,
      facts: { time: '12月1日傍晚', place: '平川村二社菜园', cause: '牛没拴好', course: '牛撞坏围栏，两家争吵', result: '围栏坏了10米' },
      terms: [
        { party: 'respondent', what: '赔偿800元', how: '当面交付现金', dueDay: due },
        { party: 'respondent', what: '修复围栏', dueDay: due },
      ],
      attendees: ['马德胜（治安户长）'],
    })

    // Before anyone confirms, the document already exists for both parties.
    const draft = await api.ok(me.openid, 'mediation.document', { id: c.id })
    expect(draft.fileName).toMatch(/^治安调解协议书-TJ\d{8}-\d{4}-1\.docx$/)
    const first = await documentXml(draft.url)
    const text = textOf(first.xml)
    for (const s of ['治安调解协议书', c.id, '吴秀芝', '郭满仓', '12月1日傍晚', '牛没拴好', '围栏坏了10米', '郭满仓赔偿800元', '履行方式：当面交付现金', '郭满仓修复围栏', '马德胜', '（待确认）', '平川派出所'])
      expect(text).toContain(s)
    const [y, m, d] = due.split('-').map(Number)
    expect(text).toContain(`于${y}年${m}月${d}日前履行完毕`)
    expect(first.media).toEqual([])
    // No phone numbers in the document.
    expect(text).not.toContain(me.phone)

    // The applicant signs on the canvas (a PNG through the upload path); the document is rendered again with it.
    const signature = await api.upload(me.openid, 'signature.png')
    await api.ok(me.openid, 'mediation.confirm', { id: c.id, signature })
    await api.ok(other.openid, 'mediation.confirm', { id: c.id })
    const signed = await api.ok(other.openid, 'mediation.document', { id: c.id })
    const after = await documentXml(signed.url)
    expect(after.media).toHaveLength(1)
    expect(textOf(after.xml)).toMatch(/手写签名，\d{4}年\d+月\d+日 \d\d:\d\d在小程序确认/)
    expect(textOf(after.xml)).not.toContain('（待确认）')
    // The link is short-lived (10 minutes) and the file id itself is never handed out.
    expect(new Date(signed.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000)
    expect(JSON.stringify(signed)).not.toContain('cloud://')

    // A stranger, and a party of another case, get nothing; staff get it.
    const stranger = newPerson('路人甲')
    expect(await api.call(stranger.openid, 'mediation.document', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const elsewhere = newPerson('邻村人')
    await api.ok(elsewhere.openid, 'mediation.apply', application(elsewhere, '别人'))
    expect(await api.call(elsewhere.openid, 'mediation.document', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect((await api.ok(OFFICER, 'mediation.document', { id: c.id })).url).toMatch(/^http/)
  })

  it('answers transition_not_allowed while there is no agreement yet', async () => {
    const me = newPerson('石桂香')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, '韩五'))
    expect(await api.call(me.openid, 'mediation.document', { id: c.id })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
  })
})

describe('the clocks, enforced', () => {
  it('治安调解: after the first-session deadline nothing can be booked; only 调解不成 or a transfer is left', async () => {
    const c = await readyCase(newPerson('孔秀梅'), newPerson('严大'))
    await acceptedDaysAgo(c.id, 20)
    const view = (await api.ok(OFFICER, 'mediation.get', { id: c.id })) as OfficerCaseView
    expect(view.limit).toMatchObject({ state: 'expired', message: expect.stringContaining('期限') })
    expect(view.moves.map((m) => m.name).sort()).toEqual(['fail', 'route'])
    const late = await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '村委会' })
    expect(late).toMatchObject({ ok: false, error: { code: 'transition_not_allowed', message: expect.stringContaining('只能按“调解不成”结案，或转交') } })
    expect(stored(c.id).sessions).toHaveLength(0)
    // 人民调解's extension is not a way out for 治安调解.
    expect(await api.call(OFFICER, 'mediation.extend', { id: c.id, until: addDays(today(), 10), consents: { applicant: '同意', respondent: '同意' } })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
    expect(await api.ok(OFFICER, 'mediation.close', { id: c.id, outcome: 'failed', note: '期限内没调成，可以起诉' })).toMatchObject({ status: 'failed' })
  })

  it('治安调解: a session past the deadline is refused under its date', async () => {
    const c = await readyCase(newPerson('邓淑芬'), newPerson('史二'))
    const far = await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(20, '09:00'), siteAddress: '村委会' })
    expect(far).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'at', message: expect.stringContaining('前进行') } })
  })

  it('the clock pauses while the 伤情鉴定 is awaited, from acceptance until the recorded result', async () => {
    const c = await readyCase(newPerson('丁桂英'), newPerson('侯三'), { ...calmFacts, injury: 'assessment' })
    expect(stored(c.id).assessment).toMatchObject({ needed: true, awaitingFrom: today(), doneDay: null })
    const waiting = (await api.ok(OFFICER, 'mediation.get', { id: c.id })) as OfficerCaseView
    expect(waiting.clock).toMatchObject({ paused: true })
    expect(waiting.limit).toMatchObject({ state: 'paused' })
    expect(await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '村委会' })).toMatchObject({
      ok: false,
      error: { code: 'transition_not_allowed', message: expect.stringContaining('伤情鉴定') },
    })
    // A long wait does not expire a paused clock.
    await acceptedDaysAgo(c.id, 30)
    expect(await api.call(OFFICER, 'mediation.assessment', { id: c.id, state: 'done', day: addDays(today(), 1) })).toMatchObject({ ok: false, error: { field: 'day' } })
    const done = await api.ok(OFFICER, 'mediation.assessment', { id: c.id, state: 'done', day: today() })
    expect(done.assessment).toMatchObject({ needed: true, doneDay: today() })
    expect(done.clock).toMatchObject({ paused: false, label: '第一次调解' })
    expect(done.timeline[done.timeline.length - 1].note).toContain('伤情鉴定结果')
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '村委会' })
  })

  it('人民调解: past its month only with both parties’ consent recorded', async () => {
    const me = newPerson('马秀英')
    const other = newPerson('韩老板')
    const c = await readyCase(me, other, { ...calmFacts, violation: false })
    expect(c.track).toBe('people')
    await acceptedDaysAgo(c.id, 40)
    expect(await api.call(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '农资店' })).toMatchObject({
      ok: false,
      error: { code: 'transition_not_allowed', message: expect.stringContaining('双方都同意继续调解的') },
    })
    const oneSided = await api.call(OFFICER, 'mediation.extend', { id: c.id, until: addDays(today(), 20), consents: { applicant: '12月2日电话同意', respondent: ' ' } })
    expect(oneSided).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    const extended = await api.ok(OFFICER, 'mediation.extend', { id: c.id, until: addDays(today(), 20), consents: { applicant: '12月2日电话同意', respondent: '12月2日当面同意' } })
    expect(extended.extension).toEqual({ until: addDays(today(), 20), consents: { applicant: '12月2日电话同意', respondent: '12月2日当面同意' } })
    expect(extended.limit).toMatchObject({ state: 'open' })
    expect(stored(c.id).timeline.at(-1)?.note).toContain('马秀英：12月2日电话同意')
    await api.ok(OFFICER, 'mediation.schedule', { id: c.id, place: 'site', at: later(1, '09:00'), siteAddress: '农资店' })
  })
})

describe('refusal is routed, not dropped', () => {
  it('a party’s refusal waits for the officer, who may send it to the village 调委会 with a reason', async () => {
    const me = newPerson('苗春兰')
    const other = newPerson('常二')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, other.name))
    await api.ok(other.openid, 'mediation.join', { code: c.inviteCode ?? '' })
    const refused = (await api.ok(other.openid, 'mediation.consent', { id: c.id, agree: false, reason: '不想去派出所' })) as PartyCaseView
    expect(refused).toMatchObject({ status: 'applied', myConsent: 'refused', route: null })
    const officer = (await api.ok(OFFICER, 'mediation.get', { id: c.id })) as OfficerCaseView
    expect(officer.refusedBy).toBe('常二')
    expect(officer.moves.some((m) => m.name === 'route')).toBe(true)
    const routed = await api.ok(OFFICER, 'mediation.route', { id: c.id, to: 'village_committee', reason: '对方愿意让村调委会调解' })
    expect(routed).toMatchObject({ status: 'routed', route: { target: 'village_committee', label: '村调委会', reason: '对方愿意让村调委会调解' } })
    const party = (await api.ok(me.openid, 'mediation.get', { id: c.id })) as PartyCaseView
    expect(party.route).toMatchObject({ label: '村调委会', advice: expect.stringContaining('村人民调解委员会') })
    expect(party.timeline.at(-1)?.note).toContain('转村调委会：对方愿意让村调委会调解')
  })

  it('the gate’s civil exclusion may go to the 司法所; a crime cannot go to the village', async () => {
    const me = newPerson('范玉兰')
    const c = await api.ok(me.openid, 'mediation.apply', application(me, '魏三'))
    const wrong = await api.call(OFFICER, 'mediation.review', { id: c.id, facts: { ...calmFacts, exclusions: ['crime_suspected'] }, routeTo: 'village_committee' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'routeTo' } })
    const routed = await api.ok(OFFICER, 'mediation.review', { id: c.id, facts: { ...calmFacts, violation: false, exclusions: ['refused'] }, routeTo: 'justice_office' })
    expect(routed).toMatchObject({ status: 'routed', route: { target: 'justice_office', label: '司法所' } })
    expect(routed.timeline.at(-1)?.note).toContain('转司法所')
  })
})

describe('the villager’s age band', () => {
  it('marks an other party under 16 so the guardian must attend', async () => {
    const me = newPerson('钟桂芝')
    const other = newPerson('小强')
    const applied = await api.ok(me.openid, 'mediation.apply', application(me, other.name, { other: { name: other.name, villageId: 'pingchuan', group: '六社', ageBand: 'under16' } }))
    await api.ok(other.openid, 'mediation.join', { code: applied.inviteCode ?? '' })
    const reviewed = await api.ok(OFFICER, 'mediation.review', { id: applied.id, facts: calmFacts })
    expect(reviewed.parties.find((p) => p.side === 'respondent')).toMatchObject({ minor: true })
    await api.ok(me.openid, 'mediation.consent', { id: applied.id, agree: true })
    await api.ok(other.openid, 'mediation.consent', { id: applied.id, agree: true })
    await api.ok(OFFICER, 'mediation.team', { id: applied.id })
    await api.ok(OFFICER, 'mediation.schedule', { id: applied.id, place: 'site', at: later(1, '10:00'), siteAddress: '村委会' })
    const noGuardian = await api.call(OFFICER, 'mediation.recordSession', { id: applied.id, no: 1, outcome: 'agreed', attendees: ['钟桂芝', '小强'] })
    expect(noGuardian).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'attendees', message: expect.stringContaining('监护人') } })
    await api.ok(OFFICER, 'mediation.recordSession', { id: applied.id, no: 1, outcome: 'agreed', attendees: ['钟桂芝', '小强', '张大山（监护人）'] })
  })
})
