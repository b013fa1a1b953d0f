// The 回访 rules (@domain/followups): who may answer, change or record a survey, the edit and answer windows, when a
// task opens, and the ids that must never carry a person's OPENID.
import {
  ANSWER_DAYS,
  FOLLOW_UP_KINDS,
  EDIT_DAYS,
  answerOfScore,
  answerRefusal,
  asksAttempts,
  editableUntil,
  lapsesAt,
  needsTask,
  surveyId,
  surveyState,
  taskId,
  type SurveyFacts,
} from '@domain/followups'

const DAY = 86_400_000
const opened = new Date('2026-03-01T02:00:00Z') // 10:00 station time
const OWNER = 'o-owner'
const owner = { openid: OWNER, role: 'resident' as const }
const other = { openid: 'o-other', role: 'resident' as const }
const officer = { openid: 'o-officer', role: 'officer' as const }

function survey(over: Partial<SurveyFacts> = {}): SurveyFacts {
  return { owner: OWNER, anonymous: false, openedAt: opened, answeredAt: null, editableUntil: null, ...over }
}
function answered(at: Date, over: Partial<SurveyFacts> = {}): SurveyFacts {
  return survey({ answeredAt: at, editableUntil: editableUntil(at), ...over })
}
const at = (days: number, ms = 0) => new Date(opened.getTime() + days * DAY + ms)

describe('the windows', () => {
  it('keeps an answer editable for exactly EDIT_DAYS days, then final', () => {
    expect(EDIT_DAYS).toBe(3)
    const s = answered(at(1))
    expect(surveyState(s, at(1))).toBe('answered')
    expect(surveyState(s, at(1 + EDIT_DAYS, -1))).toBe('answered')
    expect(surveyState(s, at(1 + EDIT_DAYS))).toBe('final')
  })

  it('waits ANSWER_DAYS days for an answer, then lapses', () => {
    expect(lapsesAt(opened).getTime() - opened.getTime()).toBe(ANSWER_DAYS * DAY)
    expect(surveyState(survey(), at(ANSWER_DAYS, -1))).toBe('waiting')
    expect(surveyState(survey(), at(ANSWER_DAYS))).toBe('lapsed')
  })
})

describe('who may answer', () => {
  it.each([
    ['the owner answers a waiting survey', survey(), owner, 'answer', at(1), null],
    ['someone else is told it is not there', survey(), other, 'answer', at(1), 'not_found'],
    ['an officer cannot answer as the person', survey(), officer, 'answer', at(1), 'not_found'],
    ['a second answer is refused', answered(at(1)), owner, 'answer', at(1.5), 'conflict'],
    ['an answer after the survey lapsed is refused', survey(), owner, 'answer', at(ANSWER_DAYS + 1), 'expired'],
    ['the owner changes it within the window', answered(at(1)), owner, 'revise', at(3), null],
    ['a change after the window is refused', answered(at(1)), owner, 'revise', at(1 + EDIT_DAYS + 0.01), 'expired'],
    ['a change before any answer is refused', survey(), owner, 'revise', at(1), 'conflict'],
    ['someone else cannot change it', answered(at(1)), other, 'revise', at(2), 'not_found'],
    ['an officer records a phone 回访', survey(), officer, 'record', at(2), null],
    ['a resident cannot record for someone', survey(), owner, 'record', at(2), 'forbidden'],
    ['an officer cannot record for an anonymous reporter', survey({ anonymous: true }), officer, 'record', at(2), 'forbidden'],
    ['an officer cannot record over the person’s own answer', answered(at(1)), officer, 'record', at(2), 'conflict'],
  ] as const)('%s', (_name, s, who, mode, now, code) => {
    const r = answerRefusal(s, who, mode, now)
    expect(r?.code ?? null).toBe(code)
    if (r) expect(r.message).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('tasks and answers', () => {
  it('opens a task for 不满意 only', () => {
    expect([needsTask('satisfied'), needsTask('basic'), needsTask('unsatisfied')]).toEqual([false, false, true])
  })

  it('maps the old stars onto the three answers', () => {
    expect([1, 2, 3, 4, 5].map(answerOfScore)).toEqual(['unsatisfied', 'unsatisfied', 'basic', 'satisfied', 'satisfied'])
  })

  it('asks 办了几次 for services only', () => {
    expect(FOLLOW_UP_KINDS.map((k) => asksAttempts(k))).toEqual([true, true, true, false, false])
  })

  it('names surveys and tasks by the case step, never by the person', () => {
    expect(surveyId('report', 'R2026', 'closed')).toBe('report-R2026-closed')
    expect(surveyId('mediation', 'M1', 'd30', 'respondent')).toBe('mediation-M1-d30-respondent')
    expect(taskId(surveyId('booking', 'b1', 'done'))).toBe('task-booking-b1-done')
  })
})
