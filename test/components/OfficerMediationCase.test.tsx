// The officer's case page with a fake backend: the review form sends the facts the gate and grading need, an
// exclusion turns the button into 转交, and a level changed without a reason is refused under its field.
import { fireEvent, render, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { OfficerCaseView } from '@contract/mediation'
import { OfficerCase } from '@/packages/officer-mediation/detail/OfficerCase'
import { installTransport, type CallRequest } from '@/services/client'

function applied(): OfficerCaseView {
  return {
    id: 'TJ20261202-0001', kind: 'neighbour', kindLabel: '邻里纠纷', source: 'app', sourceLabel: '小程序申请', title: '黄德福与白建军的邻里纠纷',
    status: 'applied', statusLabel: '已申请，等待审查', statusKind: 'info', villageName: '黄家堡村', level: null, levelLabel: '未定级', risk: false,
    track: null, trackLabel: '', clock: null, nextSession: null, overdueTerms: 0, createdAt: '2026-12-02T02:00:00.000Z', updatedAt: '2026-12-02T02:00:00.000Z',
    applicantName: '黄德福', applicantPhone: '13900000006', respondentName: '白建军', riskReasons: [], view: 'officer',
    parties: [
      { side: 'applicant', name: '黄德福', phone: '13900000006', villageName: '黄家堡村', group: '六社', joined: true, consent: 'pending', minor: false },
      { side: 'respondent', name: '白建军', phone: '13700005555', villageName: '黄家堡村', group: '六社', joined: false, consent: 'pending', minor: false },
    ],
    statements: { applicant: '邻居家的羊三次跑进我家麦地', respondent: '' }, want: '赔几袋麦子', place: '黄家堡村六社麦地', happenedAt: null, photos: [],
    grade: null, gate: null, team: [], recommendation: null, objections: [], sessions: [], agreement: null, followUps: [], timeline: [],
    moves: [{ name: 'accept', label: '受理并定级', needsNote: false }, { name: 'route', label: '转交', needsNote: true }],
    route: null, inviteCode: 'S00006', storyConsent: { applicant: false, respondent: false }, reportId: null,
  }
}

beforeEach(() => resetTaroStub())
afterAll(() => installTransport(undefined))

it('sends the facts for the gate and grading; an exclusion makes it a transfer', async () => {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: { ...applied(), status: 'routed', statusLabel: '已转交' } }
  }, { retries: 0 })
  let shown = applied()
  render(<OfficerCase view={shown} onChange={(v) => (shown = v)} today='2026-12-02' />)
  expect(document.getElementById('review-submit')?.textContent).toBe('受理并定级')
  fireEvent.click(document.getElementById('violation-yes') as HTMLElement)
  fireEvent.click(document.getElementById('exclusion-gang_fight') as HTMLElement)
  fireEvent.change(document.querySelector('#input-amount') as HTMLElement, { target: { value: '800' } })
  expect(document.getElementById('review-submit')?.textContent).toBe('不适用调解，转治安案件依法处理')
  fireEvent.click(document.getElementById('review-submit') as HTMLElement)
  await waitFor(() => expect(shown.status).toBe('routed'))
  expect(seen[0].data).toMatchObject({ action: 'review', payload: { id: 'TJ20261202-0001', routeTo: 'administrative_case', facts: { violation: true, exclusions: ['gang_fight'], amount: 800, people: 2, difficulty: 'normal' } } })
})

it('a changed level without a reason comes back under the reason field', async () => {
  installTransport(async () => ({ ok: false, error: { code: 'invalid_argument', message: '建议定为一级，改成三级请写明理由', field: 'levelReason' } }), { retries: 0 })
  render(<OfficerCase view={applied()} onChange={() => undefined} today='2026-12-02' />)
  fireEvent.click(document.getElementById('level-3') as HTMLElement)
  fireEvent.click(document.getElementById('review-submit') as HTMLElement)
  await waitFor(() => expect(document.getElementById('field-levelReason-error')?.textContent).toBe('建议定为一级，改成三级请写明理由'))
})

it('shows both parties’ phones to the officer and records consent for one without the app', async () => {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: applied() }
  }, { retries: 0 })
  render(<OfficerCase view={applied()} onChange={() => undefined} today='2026-12-02' />)
  expect(document.getElementById('party-respondent')?.textContent).toContain('13700005555')
  fireEvent.click(document.getElementById('consent-respondent') as HTMLElement)
  await waitFor(() => expect(seen).toHaveLength(1))
  expect(seen[0].data).toMatchObject({ action: 'consent', payload: { side: 'respondent', agree: true } })
})
