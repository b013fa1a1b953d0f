// The officer's mediation tools with a fake backend: the 以案说法 button hands an anonymised draft to the alerts
// compose page, the roster editor adds and changes a mediator, a walk-in is registered and opened, 人民调解 is
// extended only with both consents written down, an expired 治安调解 offers no new session, the 伤情鉴定 result is
// recorded, and a refusal opens the transfer to the village.
import { fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { recorded, resetTaroStub } from './stubs/taro'
import type { MediatorView, OfficerCaseView, StoryDraftPayload } from '@contract/mediation'
import type { Station } from '@contract/account'
import { OfficerCase } from '@/packages/officer-mediation/detail/OfficerCase'
import RosterPage from '@/packages/officer-mediation/roster/index'
import RegisterPage from '@/packages/officer-mediation/register/index'
import { installTransport, type CallRequest } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'

const station: Station = { name: '平川派出所', address: '平川镇', phone: '09435000110', hours: [], villages: [{ id: 'pingchuan', name: '平川村' }, { id: 'luwan', name: '芦湾村' }] }

function caseView(over: Partial<OfficerCaseView> = {}): OfficerCaseView {
  return {
    id: 'TJ20261202-0001', kind: 'farm_supply', kindLabel: '农资买卖纠纷', source: 'app', sourceLabel: '小程序申请', title: '马秀英与韩老板的农资买卖纠纷',
    status: 'mediating', statusLabel: '调解中', statusKind: 'warning', villageName: '平川村', level: 2, levelLabel: '二级', risk: false,
    track: 'people', trackLabel: '人民调解', clock: null, limit: null, nextSession: null, overdueTerms: 0, createdAt: '2026-12-02T02:00:00.000Z', updatedAt: '2026-12-02T02:00:00.000Z',
    applicantName: '马秀英', applicantPhone: '13900000006', respondentName: '韩老板', riskReasons: [], view: 'officer',
    parties: [
      { side: 'applicant', name: '马秀英', phone: '13900000006', villageName: '平川村', group: '二社', joined: true, consent: 'agreed', minor: false },
      { side: 'respondent', name: '韩老板', phone: '13700005555', villageName: '平川村', group: '六社', joined: true, consent: 'agreed', minor: false },
    ],
    statements: { applicant: '赊的化肥钱没给', respondent: '' }, want: '还钱', place: '农资店', happenedAt: null, photos: [],
    grade: null, gate: null, team: [{ mediatorId: 'm-wu', name: '吴桂芳', role: 'people_mediator', roleLabel: '人民调解员', kind: 'silver', kindLabel: '银舌善论', reasons: [] }],
    recommendation: null, objections: [], sessions: [], agreement: null, followUps: [], timeline: [],
    moves: [{ name: 'fail', label: '调解不成', needsNote: true }, { name: 'route', label: '转交', needsNote: true }],
    route: null, inviteCode: null, storyConsent: { applicant: false, respondent: false }, reportId: null,
    assessment: { needed: false, awaitingFrom: null, doneDay: null }, extension: null, refusedBy: null,
    ...over,
  }
}

function backend(answer: (req: CallRequest) => unknown): CallRequest[] {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    if (req.data.action === 'station') return { ok: true, data: station }
    return answer(req)
  }, { retries: 0 })
  return seen
}

const click = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)
const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })
const textOf = (id: string) => document.getElementById(id)?.textContent ?? ''
const sent = (seen: CallRequest[], action: string) => seen.filter((r) => r.data.action === action).map((r) => r.data.payload as Record<string, unknown>)

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
})
afterAll(() => installTransport(undefined))

describe('以案说法', () => {
  it('appears only when both parties agreed, and hands the anonymised draft to the alerts compose page', async () => {
    const story: StoryDraftPayload = {
      category: 'case', severity: 'minor', title: '以案说法：一起农资买卖纠纷的化解', body: '甲方赊购化肥……双方和好如初。', advice: ['有矛盾先找村调解员或派出所'],
      villageIds: ['pingchuan'], expiresAt: '2027-01-01T00:00:00.000Z', source: { kind: 'mediation_case', caseId: 'TJ20261202-0001' },
    }
    const seen = backend((req) => (req.data.action === 'draftStory' ? { ok: true, data: story } : { ok: false, error: { code: 'internal', message: '不该调用' } }))
    const resolved = caseView({ status: 'resolved', statusLabel: '调解成功，已结案', moves: [{ name: 'reopen', label: '协议没履行，重新调解', needsNote: true }] })
    const one = render(<OfficerCase view={{ ...resolved, storyConsent: { applicant: true, respondent: false } }} onChange={() => undefined} today='2026-12-02' />)
    expect(document.getElementById('case-story')).toBeNull()
    one.unmount()
    render(<OfficerCase view={{ ...resolved, storyConsent: { applicant: true, respondent: true } }} onChange={() => undefined} today='2026-12-02' />)
    click('case-story')
    await waitFor(() => expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/officer-alerts/compose/index?prefill=1' }]))
    expect(sent(seen, 'draftStory')).toEqual([{ id: 'TJ20261202-0001' }])
    expect(JSON.parse(String(Taro.getStorageSync('fq_alert_prefill')))).toEqual(story)
  })

  it('a refused draft stays on the case page with the reason', async () => {
    backend(() => ({ ok: false, error: { code: 'forbidden', message: '要双方当事人都同意公开，才能作为典型案例宣传' } }))
    render(<OfficerCase view={caseView({ status: 'resolved', storyConsent: { applicant: true, respondent: true }, moves: [] })} onChange={() => undefined} today='2026-12-02' />)
    click('case-story')
    await waitFor(() => expect(textOf('case-error')).toBe('要双方当事人都同意公开，才能作为典型案例宣传'))
    expect(recorded.navigations).toEqual([])
  })
})

describe('the roster editor', () => {
  const wu: MediatorView = {
    id: 'm-wu', name: '吴桂芳', kind: 'silver', kindLabel: '银舌善论', role: 'people_mediator', roleLabel: '人民调解员', villageId: 'luwan', villageName: '芦湾村', group: '一社',
    phone: '138****0031', specialties: ['land'], relatives: ['吴大'], activeCases: 2, closedCases: 40, successfulCases: 39, active: true, openid: '',
  }

  it('adds a mediator with kind, role, village, specialties and relatives, then lists the roster again', async () => {
    let saved = false
    const seen = backend((req) => {
      if (req.data.action === 'roster') return { ok: true, data: { mediators: saved ? [wu, { ...wu, id: 'm-new', name: '马秀英' }] : [wu] } }
      if (req.data.action === 'saveMediator') {
        saved = true
        return { ok: true, data: { ...wu, id: 'm-new', name: '马秀英' } }
      }
      return { ok: false, error: { code: 'internal', message: '?' } }
    })
    render(<RosterPage />)
    await waitFor(() => expect(textOf('mediator-m-wu')).toContain('调成 39/40 件'))
    click('mediator-add')
    type('input-mediator-name', '马秀英')
    click('mediator-kind-tin')
    click('mediator-role-elder')
    const village = await waitFor(() => {
      const el = Array.from(document.querySelectorAll('#field-mediator-village .fq-med-chip')).find((x) => x.textContent === '平川村')
      if (!el) throw new Error('the villages have not loaded yet')
      return el
    })
    fireEvent.click(village)
    type('input-mediator-group', '三社')
    fireEvent.click(Array.from(document.querySelectorAll('#field-mediator-specialties .fq-med-chip')).find((el) => el.textContent === '婚姻家庭') as HTMLElement)
    type('input-mediator-relatives', '马大、马二')
    click('mediator-save')
    await waitFor(() => expect(document.getElementById('mediator-m-new')).not.toBeNull())
    expect(sent(seen, 'saveMediator')).toEqual([{ name: '马秀英', kind: 'tin', role: 'elder', villageId: 'pingchuan', group: '三社', specialties: ['family'], relatives: ['马大', '马二'], active: true }])
    expect(document.getElementById('mediator-form')).toBeNull()
  })

  it('changes an existing mediator by id; a refused name shows under its field and the form stays', async () => {
    const seen = backend((req) => {
      if (req.data.action === 'roster') return { ok: true, data: { mediators: [wu] } }
      return { ok: false, error: { code: 'invalid_argument', message: '姓名至少2个字', field: 'name' } }
    })
    render(<RosterPage />)
    await waitFor(() => expect(document.getElementById('mediator-m-wu')).not.toBeNull())
    click('mediator-m-wu')
    expect((document.getElementById('input-mediator-name') as HTMLInputElement).value).toBe('吴桂芳')
    expect((document.getElementById('input-mediator-relatives') as HTMLInputElement).value).toBe('吴大')
    type('input-mediator-name', '吴')
    click('mediator-save')
    await waitFor(() => expect(textOf('field-mediator-name-error')).toBe('姓名至少2个字'))
    expect(sent(seen, 'saveMediator')[0]).toMatchObject({ id: 'm-wu', name: '吴', kind: 'silver', role: 'people_mediator', villageId: 'luwan', specialties: ['land'], relatives: ['吴大'] })
    expect(document.getElementById('mediator-form')).not.toBeNull()
  })
})

describe('registering a walk-in', () => {
  it('sends both parties, the village and the source with one requestId, then opens the case', async () => {
    const seen = backend((req) => {
      if (req.data.action === 'register') return sent(seen, 'register').length === 1 ? { ok: false, error: { code: 'network', message: '网络不好，请再试一次' } } : { ok: true, data: caseView({ id: 'TJ20261202-0009' }) }
      return { ok: false, error: { code: 'internal', message: '?' } }
    })
    render(<RegisterPage />)
    await waitFor(() => expect(document.getElementById('village-luwan')).not.toBeNull())
    click('source-call_110')
    click('village-luwan')
    type('input-name', '刘建国')
    type('input-phone', '13900000002')
    type('input-otherName', '陈志强')
    type('input-what', '两家为宅基地界线争执')
    type('input-place', '芦湾村五社')
    click('register-submit')
    await waitFor(() => expect(textOf('register-error')).toBe('网络不好，请再试一次'))
    click('register-submit')
    await waitFor(() => expect(recorded.navigations).toEqual([{ kind: 'redirectTo', url: '/packages/officer-mediation/detail/index?id=TJ20261202-0009' }]))
    const [first, second] = seen.filter((r) => r.data.action === 'register')
    expect(first.data.requestId).toBe(second.data.requestId)
    expect(second.data.payload).toMatchObject({ source: 'call_110', kind: 'neighbour', villageId: 'luwan', applicant: { name: '刘建国', phone: '13900000002', villageId: 'luwan' }, other: { name: '陈志强', villageId: 'luwan' }, what: '两家为宅基地界线争执', place: '芦湾村五社' })
  })

  it('a refused phone number shows under that field', async () => {
    backend((req) => (req.data.action === 'register' ? { ok: false, error: { code: 'invalid_argument', message: '手机号要11位数字，以1开头，请检查', field: 'applicant.phone' } } : { ok: false, error: { code: 'internal', message: '?' } }))
    render(<RegisterPage />)
    await waitFor(() => expect(document.getElementById('village-luwan')).not.toBeNull())
    type('input-phone', '123')
    click('register-submit')
    await waitFor(() => expect(textOf('field-phone-error')).toBe('手机号要11位数字，以1开头，请检查'))
    expect(recorded.navigations).toEqual([])
  })
})

describe('the limits on the case page', () => {
  it('人民调解 past its month: no new session, and the extension records each party’s consent', async () => {
    const expired = caseView({ limit: { state: 'expired', dueDay: '2026-11-30', message: '人民调解要在一个月内调结，期限11月30日已过。双方都同意继续调解的，请记下双方同意后延长；否则只能按“调解不成”结案，或转交村调委会、司法所、人民法院' } })
    let shown = expired
    const seen = backend((req) => {
      const p = req.data.payload as { consents: { respondent: string } }
      if (!p.consents.respondent.trim()) return { ok: false, error: { code: 'invalid_argument', message: '请记下对方同意继续调解（怎么同意的、什么时候）', field: 'consents.respondent' } }
      return { ok: true, data: caseView({ extension: { until: '2026-12-17', consents: { applicant: '12月2日电话同意', respondent: '12月2日当面同意' } } }) }
    })
    render(<OfficerCase view={expired} onChange={(v) => (shown = v)} today='2026-12-02' />)
    expect(textOf('case-limit')).toContain('期限11月30日已过')
    expect(document.getElementById('schedule-form')).toBeNull()
    expect(document.getElementById('extend-form')).not.toBeNull()
    type('input-consent-applicant', '12月2日电话同意')
    click('extend-submit')
    await waitFor(() => expect(textOf('field-consent-respondent-error')).toBe('请记下对方同意继续调解（怎么同意的、什么时候）'))
    type('input-consent-respondent', '12月2日当面同意')
    click('extend-submit')
    await waitFor(() => expect(shown.extension).not.toBeNull())
    expect(sent(seen, 'extend')[1]).toEqual({ id: 'TJ20261202-0001', until: '2026-12-17', consents: { applicant: '12月2日电话同意', respondent: '12月2日当面同意' } })
  })

  it('治安调解 waiting for the 伤情鉴定: the pause is shown and the result day is recorded', async () => {
    let shown: OfficerCaseView | undefined
    const waiting = caseView({
      track: 'police', trackLabel: '治安调解', assessment: { needed: true, awaitingFrom: '2026-11-28', doneDay: null },
      limit: { state: 'paused', dueDay: null, message: '在等伤情鉴定结果，期限暂停。结果出来后请先登记鉴定结果，再约调解' },
    })
    const seen = backend(() => ({ ok: true, data: caseView({ track: 'police', assessment: { needed: true, awaitingFrom: '2026-11-28', doneDay: '2026-12-02' } }) }))
    render(<OfficerCase view={waiting} onChange={(v) => (shown = v)} today='2026-12-02' />)
    expect(textOf('case-limit')).toContain('期限暂停')
    expect(document.getElementById('schedule-form')).toBeNull()
    expect(textOf('assessment-form')).toContain('2026-11-28起等鉴定结果')
    click('assessment-done-submit')
    await waitFor(() => expect(shown?.assessment?.doneDay).toBe('2026-12-02'))
    expect(sent(seen, 'assessment')).toEqual([{ id: 'TJ20261202-0001', state: 'done', day: '2026-12-02' }])
  })

  it('a party’s refusal opens the transfer, to the village 调委会 by default, with a reason', async () => {
    const seen = backend(() => ({ ok: true, data: caseView({ status: 'routed' }) }))
    render(<OfficerCase view={caseView({ status: 'accepted', refusedBy: '韩老板' })} onChange={() => undefined} today='2026-12-02' />)
    expect(textOf('case-refused')).toContain('韩老板不愿调解')
    expect(document.getElementById('schedule-form')).toBeNull()
    expect(document.getElementById('case-route')).not.toBeNull()
    click('case-route-go')
    type('input-case-route-go-note', '双方同意请村调委会调解')
    click('case-route-go-submit')
    await waitFor(() => expect(sent(seen, 'route')).toEqual([{ id: 'TJ20261202-0001', to: 'village_committee', reason: '双方同意请村调委会调解' }]))
  })
})
