// The 回访 survey page with a fake backend: three big answers, optional words and 办了几次 for services; nothing is sent
// without an answer; a refusal is shown where it belongs and a retry reuses the request id; the draft survives a closed
// page; an answered survey shows the answer and, within the window, 修改评价. Staff cards of an anonymous report show
// no person.
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { recorded, resetTaroStub, setRouterParams } from './stubs/taro'
import type { StaffSurveyView, SurveyView } from '@contract/followups'
import SurveyPage from '@/packages/followup/survey/index'
import StaffSurveyCard from '@/packages/followup/shared/StaffSurveyCard'
import SurveyEntry from '@/components/SurveyEntry'
import { installTransport, type CallRequest } from '@/services/client'

const ID = 'booking-fu-b1-done'

function waiting(over: Partial<SurveyView> = {}): SurveyView {
  return {
    id: ID,
    case: { kind: 'booking', kindLabel: '预约办事', recordId: 'fu-b1', title: '身份证办理/补领', path: '/packages/booking/mine/index' },
    stage: 'done',
    stageLabel: '办结后',
    state: 'waiting',
    stateLabel: '待评价',
    answer: null,
    answerLabel: '',
    words: '',
    asksAttempts: true,
    attempts: null,
    via: null,
    viaLabel: '',
    recordedByName: '',
    openedAt: '2026-12-01T02:00:00.000Z',
    answeredAt: null,
    editableUntil: null,
    lapsesAt: '2026-12-31T02:00:00.000Z',
    canAnswer: true,
    canRevise: false,
    ...over,
  }
}

function backend(answer: (req: CallRequest) => unknown) {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return answer(req)
  }, { retries: 0 })
  return seen
}

const click = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)
const text = (id: string) => document.getElementById(id)?.textContent ?? ''
const sent = (seen: CallRequest[]) => seen.filter((r) => r.data.action === 'answer')

beforeEach(() => {
  resetTaroStub()
  setRouterParams({ id: encodeURIComponent(ID) })
})

it('sends nothing without an answer, then sends the answer, the words and 办了几次', async () => {
  const seen = backend((req) => {
    if (req.data.action === 'get') return { ok: true, data: waiting() }
    const p = req.data.payload as { answer: 'unsatisfied'; words: string; attempts: number }
    return { ok: true, data: waiting({ state: 'answered', canAnswer: false, canRevise: true, answer: p.answer, answerLabel: '不满意', words: p.words, attempts: p.attempts, editableUntil: '2026-12-04T02:00:00.000Z' }) }
  })
  render(<SurveyPage />)
  await waitFor(() => expect(document.getElementById('survey-answer-satisfied')).not.toBeNull())
  expect(text('survey-case')).toContain('身份证办理/补领')
  expect(text('survey-window')).toContain('3天内还可以改')

  click('survey-submit')
  await waitFor(() => expect(text('survey-answer-error')).toContain('满意、基本满意，还是不满意'))
  expect(sent(seen)).toHaveLength(0)

  click('survey-answer-unsatisfied')
  expect(document.getElementById('survey-answer-unsatisfied')?.className).toContain('fq-survey__answer--on')
  expect(text('survey-answer')).not.toContain('请点一下')
  click('survey-attempts-3')
  fireEvent.change(document.getElementById('survey-words-input') as HTMLElement, { target: { value: '跑了三趟才办好' } })
  click('survey-submit')
  await waitFor(() => expect(document.getElementById('survey-answered')).not.toBeNull())
  expect(sent(seen)[0].data.payload).toEqual({ id: ID, answer: 'unsatisfied', words: '跑了三趟才办好', attempts: 3 })
  expect(text('survey-answer-label')).toBe('不满意')
  expect(text('survey-answered')).toContain('所长已经知道了')
  expect(text('survey-edit-until')).toContain('12月4日')
  expect(document.getElementById('survey-edit')).not.toBeNull()
})

it('shows a refused word where it belongs and retries with the same request id; the draft survives a closed page', async () => {
  let refuse = true
  const seen = backend((req) => {
    if (req.data.action === 'get') return { ok: true, data: waiting({ asksAttempts: false }) }
    if (refuse) return { ok: false, error: { code: 'content_risky', message: '想说的话里有不合适的字词，请修改后再提交', field: 'words' } }
    return { ok: true, data: waiting({ state: 'answered', canAnswer: false, canRevise: true, answer: 'basic', answerLabel: '基本满意', editableUntil: '2026-12-04T02:00:00.000Z' }) }
  })
  const first = render(<SurveyPage />)
  await waitFor(() => expect(document.getElementById('survey-answer-basic')).not.toBeNull())
  expect(document.getElementById('survey-attempts')).toBeNull()
  click('survey-answer-basic')
  fireEvent.change(document.getElementById('survey-words-input') as HTMLElement, { target: { value: '有坏词' } })
  click('survey-submit')
  await waitFor(() => expect(text('survey-words-error')).toContain('不合适的字词'))

  // Closing the page keeps what was chosen and written.
  first.unmount()
  render(<SurveyPage />)
  await waitFor(() => expect(document.getElementById('survey-answer-basic')?.className).toContain('fq-survey__answer--on'))
  expect((document.getElementById('survey-words-input') as HTMLTextAreaElement).value).toBe('有坏词')

  refuse = false
  fireEvent.change(document.getElementById('survey-words-input') as HTMLElement, { target: { value: '还行' } })
  await act(async () => click('survey-submit'))
  await waitFor(() => expect(document.getElementById('survey-answered')).not.toBeNull())
  const [a, b] = sent(seen)
  expect(b.data.requestId).toBe(a.data.requestId)
})

it('changes an answer within the window through followups.revise', async () => {
  const seen = backend((req) => {
    if (req.data.action === 'get') return { ok: true, data: waiting({ state: 'answered', canAnswer: false, canRevise: true, answer: 'unsatisfied', answerLabel: '不满意', words: '慢', editableUntil: '2026-12-04T02:00:00.000Z' }) }
    return { ok: true, data: waiting({ state: 'answered', canAnswer: false, canRevise: true, answer: 'satisfied', answerLabel: '满意', editableUntil: '2026-12-04T02:00:00.000Z' }) }
  })
  render(<SurveyPage />)
  await waitFor(() => expect(document.getElementById('survey-edit')).not.toBeNull())
  click('survey-edit')
  expect(document.getElementById('survey-answer-unsatisfied')?.className).toContain('fq-survey__answer--on')
  expect((document.getElementById('survey-words-input') as HTMLTextAreaElement).value).toBe('慢')
  click('survey-answer-satisfied')
  click('survey-submit')
  await waitFor(() => expect(text('survey-answer-label')).toBe('满意'))
  expect(seen.map((r) => r.data.action)).toEqual(['get', 'revise'])
})

it('a final answer offers no change, a lapsed survey says so', async () => {
  backend(() => ({ ok: true, data: waiting({ state: 'final', canAnswer: false, canRevise: false, answer: 'satisfied', answerLabel: '满意', via: 'phone', viaLabel: '民警电话回访', recordedByName: '王警官' }) }))
  const r = render(<SurveyPage />)
  await waitFor(() => expect(document.getElementById('survey-answered')).not.toBeNull())
  expect(document.getElementById('survey-edit')).toBeNull()
  expect(text('survey-answered')).toContain('民警电话回访（王警官记录）')
  r.unmount()
  backend(() => ({ ok: true, data: waiting({ state: 'lapsed', canAnswer: false }) }))
  render(<SurveyPage />)
  await waitFor(() => expect(text('survey-lapsed')).toContain('过期'))
})

it('staff cards of an anonymous report name nobody', () => {
  const s: StaffSurveyView = {
    id: 'report-R1-closed',
    case: { kind: 'report', kindLabel: '举报', recordId: 'R1', title: '伪劣农药', path: '/packages/officer-reports/detail/index?id=R1' },
    stage: 'closed',
    stageLabel: '结案后',
    state: 'answered',
    stateLabel: '已评价（可修改）',
    anonymous: true,
    person: null,
    answer: 'unsatisfied',
    answerLabel: '不满意',
    words: '卖假药的还在',
    asksAttempts: false,
    attempts: null,
    via: 'app',
    viaLabel: '本人在小程序填写',
    recordedByName: '',
    openedDay: '2026-12-01',
    answeredDay: '2026-12-02',
    taskId: 'task-report-R1-closed',
    canRecord: false,
  }
  render(<StaffSurveyCard survey={s} />)
  expect(text('staff-survey-report-R1-closed-person')).toBe('匿名举报人（不显示是谁）')
  expect(text('staff-survey-report-R1-closed-answer')).toBe('不满意')
})

it('the 待评价 entry shows how many wait and opens the list; none waiting shows nothing', async () => {
  const seen = backend(() => ({ ok: true, data: { waiting: [waiting(), waiting({ id: 'report-R1-closed' })], editable: [], count: 2 } }))
  const r = render(<SurveyEntry kind='report' id='entry' />)
  await waitFor(() => expect(text('entry')).toContain('待评价（2）'))
  expect(seen[0].data.payload).toEqual({ kind: 'report' })
  click('entry')
  expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/followup/pending/index?kind=report' }])
  r.unmount()
  backend(() => ({ ok: true, data: { waiting: [], editable: [], count: 0 } }))
  render(<SurveyEntry id='entry-none' />)
  await act(async () => undefined)
  expect(document.getElementById('entry-none')).toBeNull()
})
