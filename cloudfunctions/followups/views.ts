// What callers see of surveys and tasks. The person sees their own survey; staff see the case and the answer, and for an
// anonymous report nothing that could lead to the person: no name, no phone, no OPENID, no time of day, no way to
// record a 回访 for them.
import { toIso } from '@contract/core'
import type { CaseLink, StaffSurveyView, SurveyView, TaskView } from '@contract/followups'
import {
  ANSWER_LABELS,
  asksAttempts,
  KIND_LABELS,
  lapsesAt,
  STAGE_LABELS,
  SURVEY_STATE_LABELS,
  surveyState,
  TASK_STATUS_LABELS,
  VIA_LABELS,
  type FollowUpKind,
} from '@domain/followups'
import { maskPhone } from '@domain/privacy'
import { stationDay } from '@domain/station-time'
import type { SurveyDoc, TaskDoc } from '@server/followups'
import type { UserDoc } from '@server/types'

const RESIDENT_PATHS: Record<FollowUpKind, (id: string) => string> = {
  booking: () => '/packages/booking/mine/index',
  errand: () => '/packages/booking/mine/index',
  home_visit: () => '/packages/booking/mine/index',
  report: (id) => `/packages/report-form/detail/index?id=${encodeURIComponent(id)}`,
  mediation: (id) => `/packages/mediation/mine/index?id=${encodeURIComponent(id)}`,
}

const STAFF_PATHS: Record<FollowUpKind, (id: string) => string> = {
  booking: () => '/packages/officer-services/queue/index',
  errand: () => '/packages/officer-services/queue/index',
  home_visit: () => '/packages/officer-services/queue/index',
  report: (id) => `/packages/officer-reports/detail/index?id=${encodeURIComponent(id)}`,
  mediation: (id) => `/packages/officer-mediation/detail/index?id=${encodeURIComponent(id)}`,
}

function caseLink(s: SurveyDoc, staff: boolean): CaseLink {
  return { kind: s.kind, kindLabel: KIND_LABELS[s.kind], recordId: s.recordId, title: s.title, path: (staff ? STAFF_PATHS : RESIDENT_PATHS)[s.kind](s.recordId) }
}

function answerFields(s: SurveyDoc) {
  return {
    answer: s.answer,
    answerLabel: s.answer ? ANSWER_LABELS[s.answer] : '',
    words: s.words,
    asksAttempts: asksAttempts(s.kind),
    attempts: s.attempts,
    via: s.via,
    viaLabel: s.via ? VIA_LABELS[s.via] : '',
    recordedByName: s.recordedBy?.name ?? '',
  }
}

export function surveyView(s: SurveyDoc, now: Date): SurveyView {
  const state = surveyState(s, now)
  return {
    id: s._id,
    case: caseLink(s, false),
    stage: s.stage,
    stageLabel: STAGE_LABELS[s.stage],
    state,
    stateLabel: SURVEY_STATE_LABELS[state],
    ...answerFields(s),
    openedAt: toIso(s.openedAt),
    answeredAt: s.answeredAt ? toIso(s.answeredAt) : null,
    editableUntil: s.editableUntil ? toIso(s.editableUntil) : null,
    lapsesAt: toIso(lapsesAt(s.openedAt)),
    canAnswer: state === 'waiting',
    canRevise: state === 'answered',
  }
}

/**
 * The staff view. `person` is the asked person's users document (never looked up for an anonymous survey);
 * `showPhone` decides masking (lists mask; the audited task view shows it whole).
 */
export function staffSurveyView(s: SurveyDoc, person: UserDoc | undefined, now: Date, showPhone: (phone: string) => string = maskPhone): StaffSurveyView {
  const state = surveyState(s, now)
  const anonymous = s.anonymous
  const fields = answerFields(s)
  return {
    id: s._id,
    case: caseLink(s, true),
    stage: s.stage,
    stageLabel: STAGE_LABELS[s.stage],
    state,
    stateLabel: SURVEY_STATE_LABELS[state],
    anonymous,
    person: anonymous ? null : { name: person?.name || '群众', phone: person?.phone ? showPhone(person.phone) : '' },
    ...fields,
    // An anonymous survey only ever has the person's own answer; who answered is not shown either way.
    recordedByName: anonymous ? '' : fields.recordedByName,
    openedDay: stationDay(s.openedAt),
    answeredDay: s.answeredAt ? stationDay(s.answeredAt) : null,
    taskId: s.taskId,
    canRecord: !anonymous && state === 'waiting',
  }
}

export function taskView(t: TaskDoc, survey: StaffSurveyView): TaskView {
  return {
    id: t._id,
    status: t.status,
    statusLabel: TASK_STATUS_LABELS[t.status],
    survey,
    openedDay: stationDay(t.openedAt),
    closedAt: t.closedAt ? toIso(t.closedAt) : null,
    closedByName: t.closedBy?.name ?? '',
    note: t.note,
  }
}
