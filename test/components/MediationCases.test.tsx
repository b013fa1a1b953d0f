// A party's case and the figures page: a party confirms the agreement and marks their own term, never the other
// side's; the success rate is never shown without its denominator.
import { fireEvent, render, waitFor } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import type { SurveyView } from '@contract/followups'
import type { PartyCaseView } from '@contract/mediation'
import { figuresView } from '@domain/mediation-figures'
import { PartyCase } from '@/packages/mediation/mine/PartyCase'
import { codeFromParams } from '@/packages/mediation/mine/index'
import { FiguresView } from '@/packages/officer-mediation/figures/FiguresView'
import { installTransport, type CallRequest } from '@/services/client'

function pending(): PartyCaseView {
  return {
    id: 'TJ20261201-0003', kind: 'farm_supply', kindLabel: '农资买卖', source: 'call_110', sourceLabel: '110接警', title: '马秀英与韩老板的农资买卖',
    status: 'agreement_pending', statusLabel: '协议待双方确认', statusKind: 'warning', villageName: '五里墩村', level: 2, levelLabel: '二级', risk: false,
    track: 'people', trackLabel: '人民调解', clock: null, nextSession: null, overdueTerms: 0, createdAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-12-01T02:00:00.000Z',
    view: 'party', side: 'applicant', myStatement: '赊了化肥', otherPartyName: '韩老板', myConsent: 'agreed',
    team: [{ mediatorId: 'm-wu', name: '吴桂芳', roleLabel: '人民调解员', kindLabel: '银舌善论' }],
    sessions: [],
    agreement: {
      facts: { time: '春耕', place: '农资店', cause: '赊账', course: '争吵', result: '没付钱' },
      terms: [
        { id: 't1', party: 'applicant', partyLabel: '马秀英', what: '付清货款3400元', how: '', dueDay: '2026-12-13', done: false, doneAt: null, overdue: false },
        { id: 't2', party: 'respondent', partyLabel: '韩老板', what: '交还欠条', how: '', dueDay: '2026-12-13', done: false, doneAt: null, overdue: false },
      ],
      attendees: [], host: '王警官', documentNo: 'TJ20261201-0003-1', parties: { applicant: '马秀英', respondent: '韩老板' },
      confirmations: [{ side: 'applicant', name: '马秀英', at: null, via: null, signed: false }, { side: 'respondent', name: '韩老板', at: null, via: null, signed: false }],
    },
    myConfirmation: false, followUps: [], timeline: [{ at: '2026-12-01T02:00:00.000Z', label: '拟定调解协议', statusLabel: '协议待双方确认', note: '调解协议书已拟好，请双方确认', by: '派出所', public: true }],
    route: null, inviteCode: null, canWithdraw: false, storyConsent: false,
  }
}

beforeEach(() => resetTaroStub())
afterAll(() => installTransport(undefined))

it('a party confirms the agreement and sees that the other side is awaited', async () => {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: { ...pending(), myConfirmation: true } }
  }, { retries: 0 })
  let shown = pending()
  const { rerender } = render(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
  fireEvent.click(document.getElementById('party-confirm') as HTMLElement)
  await waitFor(() => expect(shown.myConfirmation).toBe(true))
  expect(seen[0].data).toMatchObject({ action: 'confirm', payload: { id: 'TJ20261201-0003' } })
  rerender(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
  expect(document.getElementById('party-confirm')).toBeNull()
  expect(document.getElementById('party-confirmed')?.textContent).toBe('您已确认，等对方确认。')
})

it('only the party’s own terms can be marked done', () => {
  installTransport(async () => ({ ok: true, data: pending() }), { retries: 0 })
  render(<PartyCase view={{ ...pending(), status: 'performing' }} onChange={() => undefined} />)
  expect(document.getElementById('term-done-t1')).not.toBeNull()
  expect(document.getElementById('term-done-t2')).toBeNull()
})

it('shows a refusal in words the person can act on', async () => {
  installTransport(async () => ({ ok: false, error: { code: 'transition_not_allowed', message: '现在没有要确认的协议，请刷新后再看' } }), { retries: 0 })
  render(<PartyCase view={pending()} onChange={() => undefined} />)
  fireEvent.click(document.getElementById('party-confirm') as HTMLElement)
  await waitFor(() => expect(document.getElementById('party-error')?.textContent).toBe('现在没有要确认的协议，请刷新后再看'))
})

it('the figures page shows the success rate with what it is a share of', () => {
  const f = figuresView({ total: 40, 'closed.resolved': 29, 'closed.failed': 1, 'routed.court': 2, 'closed.routed': 2, 'closeDays.sum': 300, 'closeDays.count': 30 }, [{ id: 'pingchuan', name: '平川村' }])
  render(<FiguresView f={f} />)
  expect(document.getElementById('figures-rate')?.textContent).toBe('96.7%')
  expect(document.getElementById('figures-denominator')?.textContent).toBe('调解成功率 96.7%（调成并履行 29 件 ÷ 调解结案 30 件，不含转交和撤回）')
  expect(document.getElementById('figures-success')?.textContent).toContain('转交 2 件')
})

it('a party asks for another mediator, and must say why', async () => {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: { ...pending(), status: 'mediating', team: [] } }
  }, { retries: 0 })
  let shown: PartyCaseView = { ...pending(), status: 'mediating', agreement: null }
  render(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
  fireEvent.click(document.getElementById('object-m-wu') as HTMLElement)
  fireEvent.click(document.getElementById('object-submit') as HTMLElement)
  expect(document.getElementById('party-error')?.textContent).toBe('请写一下为什么要换人')
  expect(seen).toHaveLength(0)
  fireEvent.change(document.querySelector('#input-object-reason') as HTMLElement, { target: { value: '她是对方的表姐' } })
  fireEvent.click(document.getElementById('object-submit') as HTMLElement)
  await waitFor(() => expect(shown.team).toEqual([]))
  expect(seen[0].data).toMatchObject({ action: 'object', payload: { id: 'TJ20261201-0003', mediatorId: 'm-wu', reason: '她是对方的表姐' } })
})

it('reads the invite code from a scanned 小程序码 or a share card', () => {
  expect(codeFromParams({ scene: encodeURIComponent('join=K7MPQ2') })).toBe('K7MPQ2')
  expect(codeFromParams({ code: 'k7mpq2' })).toBe('K7MPQ2')
  expect(codeFromParams({})).toBe('')
})

it('a party answers a due check with the one 回访 survey, not a form of its own; the mediator’s checks stay readable', async () => {
  const seen: CallRequest[] = []
  const survey: SurveyView = {
    id: 'mediation-TJ20261201-0003-d30-applicant',
    case: { kind: 'mediation', kindLabel: '矛盾调解', recordId: 'TJ20261201-0003', title: '农资买卖调解', path: '/packages/mediation/mine/index?id=TJ20261201-0003' },
    stage: 'd30', stageLabel: '30天回访', state: 'waiting', stateLabel: '待评价', answer: null, answerLabel: '', words: '', asksAttempts: false, attempts: null,
    via: null, viaLabel: '', recordedByName: '', openedAt: '2026-12-01T02:00:00.000Z', answeredAt: null, editableUntil: null, lapsesAt: '2026-12-31T02:00:00.000Z',
    canAnswer: true, canRevise: false,
  }
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: survey }
  }, { retries: 0 })
  const view: PartyCaseView = {
    ...pending(),
    status: 'performing',
    followUps: [
      { round: 7, dueDay: '2000-01-01', done: true, kept: true, relations: '和好了', satisfaction: 4 },
      { round: 30, dueDay: '2000-01-30', done: false, kept: null, relations: '', satisfaction: null },
      { round: 90, dueDay: '2999-01-01', done: false, kept: null, relations: '', satisfaction: null },
    ],
  }
  render(<PartyCase view={view} onChange={() => undefined} />)
  // The mediator's 7-day check as it was recorded (a 1–5 score of the old checks is still shown).
  expect(document.getElementById('followup-7')?.textContent).toBe('7天回访：协议在履行，和好了，满意度4分')
  expect(document.getElementById('followup-30')?.textContent).toBe('30天回访：到时候了，派出所会问问您')
  await waitFor(() => expect(document.getElementById('case-survey-prompt')?.textContent).toBe('30天回访：这件事现在怎么样了，说说您满意吗？'))
  expect(seen.map((r) => [r.name, r.data.action, r.data.payload])).toEqual([['followups', 'forCase', { kind: 'mediation', id: 'TJ20261201-0003' }]])
  // No form of its own: no 1–5 chips, nothing sent to mediation.followUp.
  expect(document.getElementById('party-followup-form')).toBeNull()
  expect(document.getElementById('followup-sat-5')).toBeNull()
  fireEvent.click(document.getElementById('case-survey-go') as HTMLElement)
  expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/followup/survey/index?id=${encodeURIComponent(survey.id)}` }])
})

describe('a drawn signature', () => {
  const uploads: { filePath: string; cloudPath: string }[] = []
  const strokes: string[] = []
  const realGetContext = HTMLCanvasElement.prototype.getContext
  const realToBlob = HTMLCanvasElement.prototype.toBlob
  const realObjectUrl = URL.createObjectURL
  beforeEach(() => {
    uploads.length = 0
    strokes.length = 0
    // jsdom has no canvas: a recording 2d context, and a PNG blob on export.
    const ctx = {
      canvas: { width: 640, height: 320 },
      save: () => undefined, restore: () => undefined, setTransform: () => undefined, scale: () => undefined, fillRect: () => undefined,
      beginPath: () => undefined, arc: () => undefined, fill: () => undefined, moveTo: () => strokes.push('moveTo'), lineTo: () => strokes.push('lineTo'), stroke: () => strokes.push('stroke'),
    }
    HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as typeof realGetContext
    HTMLCanvasElement.prototype.toBlob = function (cb: BlobCallback) {
      cb(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }))
    }
    URL.createObjectURL = () => 'blob:http://localhost/signature-1'
  })
  afterAll(() => {
    HTMLCanvasElement.prototype.getContext = realGetContext
    HTMLCanvasElement.prototype.toBlob = realToBlob
    URL.createObjectURL = realObjectUrl
  })

  it('is drawn on the canvas, uploaded into a fresh folder like a photo, and attached to the confirmation', async () => {
    const seen: CallRequest[] = []
    installTransport(async (req) => {
      seen.push(req)
      if (req.data.action === 'uploadPrefix') return { ok: true, data: { prefix: 'uploads/0123456789abcdef0123456789abcdef/' } }
      return { ok: true, data: { ...pending(), myConfirmation: true } }
    }, { retries: 0 })
    const upload = await import('@/services/upload')
    const spy = jest.spyOn(upload, 'uploadFile').mockImplementation(async (req) => {
      uploads.push({ filePath: req.filePath, cloudPath: req.cloudPath })
      return { fileID: `cloud://env.bucket/${req.cloudPath}` }
    })
    let shown = pending()
    render(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
    fireEvent.click(document.getElementById('party-sign') as HTMLElement)
    const canvas = document.getElementById('signature-canvas') as HTMLElement
    expect(canvas.tagName).toBe('CANVAS')
    // Nothing drawn yet: the signed confirmation waits for ink.
    expect(document.getElementById('party-confirm-signed')?.getAttribute('disabled')).not.toBeNull()
    fireEvent.pointerDown(canvas, { clientX: 20, clientY: 40 })
    fireEvent.pointerMove(canvas, { clientX: 60, clientY: 50 })
    fireEvent.pointerMove(canvas, { clientX: 90, clientY: 30 })
    fireEvent.pointerUp(canvas)
    expect(strokes.filter((s) => s === 'stroke')).toHaveLength(2)
    fireEvent.click(document.getElementById('party-confirm-signed') as HTMLElement)
    await waitFor(() => expect(shown.myConfirmation).toBe(true))
    expect(uploads).toEqual([{ filePath: 'blob:http://localhost/signature-1', cloudPath: expect.stringMatching(/^uploads\/0123456789abcdef0123456789abcdef\/[a-z0-9]{12}\.png$/) }])
    const confirm = seen.find((r) => r.data.action === 'confirm')
    expect(confirm?.data.payload).toEqual({ id: 'TJ20261201-0003', signature: `cloud://env.bucket/${uploads[0].cloudPath}` })
    spy.mockRestore()
  })

  it('can be cleared and drawn again; confirming without a signature stays possible', async () => {
    const seen: CallRequest[] = []
    installTransport(async (req) => {
      seen.push(req)
      return { ok: true, data: { ...pending(), myConfirmation: true } }
    }, { retries: 0 })
    render(<PartyCase view={pending()} onChange={() => undefined} />)
    fireEvent.click(document.getElementById('party-sign') as HTMLElement)
    const canvas = document.getElementById('signature-canvas') as HTMLElement
    fireEvent.pointerDown(canvas, { clientX: 20, clientY: 40 })
    fireEvent.pointerMove(canvas, { clientX: 60, clientY: 50 })
    expect(document.getElementById('party-confirm-signed')?.getAttribute('disabled')).toBeNull()
    fireEvent.click(document.getElementById('signature-clear') as HTMLElement)
    expect(document.getElementById('party-confirm-signed')?.getAttribute('disabled')).not.toBeNull()
    fireEvent.click(document.getElementById('party-confirm') as HTMLElement)
    await waitFor(() => expect(seen.map((r) => r.data.action)).toEqual(['confirm']))
    expect(seen[0].data.payload).toEqual({ id: 'TJ20261201-0003' })
  })
})

describe('a party consents to continue 人民调解 and sees the 司法确认 of their agreement', () => {
  const near = (): PartyCaseView => ({ ...pending(), status: 'mediating', statusLabel: '调解中', agreement: null, extensionConsent: { canConsent: true, mine: false, other: false } })

  it('offers 同意延长调解 near the month’s end, sends it, then says the other side is awaited', async () => {
    const seen: CallRequest[] = []
    installTransport(async (req) => {
      seen.push(req)
      return { ok: true, data: { ...near(), extensionConsent: { canConsent: false, mine: true, other: false } } }
    }, { retries: 0 })
    let shown = near()
    const { rerender } = render(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
    expect(document.getElementById('party-extend')?.textContent).toBe('同意延长调解')
    fireEvent.click(document.getElementById('party-extend') as HTMLElement)
    await waitFor(() => expect(shown.extensionConsent?.mine).toBe(true))
    expect(seen[0].data).toMatchObject({ action: 'consentExtension', payload: { id: 'TJ20261201-0003' } })
    rerender(<PartyCase view={shown} onChange={(v) => (shown = v)} />)
    expect(document.getElementById('party-extend')).toBeNull()
    expect(document.getElementById('party-extension-mine')?.textContent).toBe('您已同意延长调解，等对方同意。')
  })

  it('shows no extension box when there is nothing to consent to', () => {
    render(<PartyCase view={{ ...near(), extensionConsent: null }} onChange={() => undefined} />)
    expect(document.getElementById('party-extension')).toBeNull()
  })

  it('says the agreement was sent for 司法确认, then the court’s result', () => {
    const judicial = { label: '人民法院（司法确认）', appliedDay: '2026-12-03', court: '', consent: '双方同意', result: null, resultLabel: '等待法院结果', resultDay: null, note: '' }
    const { rerender } = render(<PartyCase view={{ ...pending(), status: 'performing', judicial }} onChange={() => undefined} />)
    expect(document.getElementById('party-judicial')?.textContent).toContain('申请司法确认。正在等法院结果')
    rerender(<PartyCase view={{ ...pending(), status: 'performing', judicial: { ...judicial, result: 'valid', resultLabel: '确认有效', resultDay: '2026-12-10' } }} onChange={() => undefined} />)
    expect(document.getElementById('party-judicial')?.textContent).toContain('法院结果：确认有效')
  })
})
