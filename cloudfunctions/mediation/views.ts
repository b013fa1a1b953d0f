// What callers see of a case: the party view (their own statement, shared sessions and agreement, nothing of the
// other side's private statement or contact) and the officer view (everything; phones masked in lists).
import { toIso } from '@contract/core'
import type { AgreementView, CaseSummary, FollowUpView, OfficerCaseView, OfficerQueueItem, PartyCaseView, SessionView, TermView, TimelineView } from '@contract/mediation'
import { isMinorParty, kindLabel, levelInfo, mediatorKindInfo, roleLabel, ROUTE_TARGETS, sourceLabel, TRACKS } from '@domain/mediation'
import { caseClock, caseLimit, termOverdue, type ClockInput, type LimitState, type WorkCalendar } from '@domain/mediation-clocks'
import { CASE_MOVES, caseStatusInfo, movesFrom, type CaseEvent } from '@domain/mediation-lifecycle'
import { maskPhone } from '@domain/privacy'
import { stationDay } from '@domain/station-time'
import type { CaseDoc, Side } from './store'

export interface ViewContext {
  now: Date
  cal: WorkCalendar
  villages: Map<string, string>
}

const OUTCOMES: Record<SessionView['outcome'], string> = { planned: '已安排', agreed: '达成协议', not_agreed: '未达成', again: '再约一次' }
const SIDE_LABEL: Record<Side | 'both', string> = { applicant: '申请人', respondent: '对方', both: '双方' }
const MOVE_LABEL = new Map<string, string>(CASE_MOVES.map((m) => [m.name, m.label]))

function title(doc: CaseDoc): string {
  return `${doc.applicant.name}与${doc.respondent.name}的${kindLabel(doc.kind)}`
}

/** The clock's input for the current round (a reopened case counts its sessions again). */
export function clockInputOf(doc: CaseDoc): ClockInput | null {
  if (!doc.track) return null
  const held = doc.sessions.slice(doc.sessionsFrom).filter((s) => s.outcome !== 'planned').map((s) => s.day)
  return { track: doc.track, acceptedDay: doc.acceptedDay, assessment: doc.assessment, sessionDays: held, extendedTo: doc.extendedTo }
}

/** Where the case stands against its limits while sessions may still be booked (accepted or mediating). */
export function limitOf(doc: CaseDoc, today: string, cal: WorkCalendar): LimitState | null {
  const input = clockInputOf(doc)
  if (!input || !doc.open || !['accepted', 'mediating'].includes(doc.status)) return null
  return caseLimit(input, today, cal)
}

export function summaryOf(doc: CaseDoc, vc: ViewContext): CaseSummary {
  const today = stationDay(vc.now)
  const planned = doc.sessions.filter((s) => s.outcome === 'planned' && new Date(s.at) >= vc.now)
  const info = caseStatusInfo(doc.status)
  const input = clockInputOf(doc)
  const clock = input && doc.open && ['accepted', 'mediating'].includes(doc.status) ? caseClock(input, today, vc.cal) : null
  const limit = limitOf(doc, today, vc.cal)
  return {
    id: doc._id,
    kind: doc.kind,
    kindLabel: kindLabel(doc.kind),
    source: doc.source,
    sourceLabel: sourceLabel(doc.source),
    title: title(doc),
    status: doc.status,
    statusLabel: info.label,
    statusKind: info.kind,
    villageName: vc.villages.get(doc.villageId) ?? '',
    level: doc.grade?.level ?? null,
    levelLabel: doc.grade ? levelInfo(doc.grade.level).label : '未定级',
    risk: doc.riskFlag,
    track: doc.track,
    trackLabel: doc.track ? TRACKS[doc.track].label : '',
    clock,
    limit,
    nextSession: planned[0] ? toIso(planned[0].at) : null,
    overdueTerms: doc.agreement && doc.status === 'performing' ? doc.agreement.terms.filter((t) => termOverdue(t, today)).length : 0,
    createdAt: toIso(doc.createdAt),
    updatedAt: toIso(doc.updatedAt),
  }
}

function sessionsOf(doc: CaseDoc, staff: boolean): SessionView[] {
  return doc.sessions.map((s) => ({
    no: s.no,
    at: toIso(s.at),
    place: s.place,
    placeLabel: s.place === 'room' ? '派出所调解室' : `现场：${s.siteAddress || doc.place}`,
    attendees: s.attendees,
    outcome: s.outcome,
    outcomeLabel: OUTCOMES[s.outcome],
    ...(staff ? { notes: s.notes } : {}),
  }))
}

function agreementOf(doc: CaseDoc, today: string): AgreementView | null {
  const a = doc.agreement
  if (!a) return null
  const terms: TermView[] = a.terms.map((t) => ({
    id: t.id,
    party: t.party,
    partyLabel: t.party === 'both' ? '双方' : doc[t.party].name,
    what: t.what,
    how: t.how ?? '',
    dueDay: t.dueDay,
    done: t.done,
    doneAt: t.doneAt ? toIso(t.doneAt) : null,
    overdue: termOverdue(t, today),
  }))
  return {
    facts: a.facts,
    terms,
    attendees: a.attendees,
    host: a.host,
    documentNo: a.documentNo,
    parties: { applicant: doc.applicant.name, respondent: doc.respondent.name },
    confirmations: (['applicant', 'respondent'] as const).map((side) => {
      const c = a.confirmations[side]
      return { side, name: doc[side].name, at: c ? toIso(c.at) : null, via: c?.via ?? null, signed: Boolean(c?.signature) }
    }),
  }
}

function followUpsOf(doc: CaseDoc): FollowUpView[] {
  return doc.followUps.map((f) => ({ round: f.round, dueDay: f.dueDay, done: f.done, kept: f.kept, relations: f.relations, satisfaction: f.satisfaction }))
}

function timelineOf(events: readonly CaseEvent[], staff: boolean, me: string | null): TimelineView[] {
  return events
    .filter((e) => staff || e.public)
    .map((e) => ({
      at: toIso(e.at),
      label: e.move === 'create' ? '登记' : e.move === 'note' ? '记录' : (MOVE_LABEL.get(e.move) ?? e.move),
      statusLabel: caseStatusInfo(e.to).label,
      note: e.note,
      by: staff ? e.byName : e.by === me ? '您' : e.actor === 'party' ? '当事人' : '派出所',
      public: e.public,
    }))
}

export function partyView(doc: CaseDoc, side: Side, openid: string, vc: ViewContext): PartyCaseView {
  const me = doc[side]
  const other = doc[side === 'applicant' ? 'respondent' : 'applicant']
  const route = doc.route ? ROUTE_TARGETS.find((r) => r.value === doc.route?.target) : undefined
  return {
    ...summaryOf(doc, vc),
    view: 'party',
    side,
    myStatement: me.statement,
    otherPartyName: other.name,
    myConsent: me.consent,
    team: doc.team.map((m) => ({ mediatorId: m.mediatorId, name: m.name, roleLabel: roleLabel(m.role), kindLabel: mediatorKindInfo(m.kind).motto })),
    sessions: sessionsOf(doc, false),
    agreement: agreementOf(doc, stationDay(vc.now)),
    myConfirmation: Boolean(doc.agreement?.confirmations[side]),
    followUps: followUpsOf(doc),
    timeline: timelineOf(doc.timeline, false, openid),
    route: route ? { target: route.value, label: route.label, advice: route.tellParty } : null,
    // Only the applicant invites the other side, and only until they join.
    inviteCode: side === 'applicant' && !doc.respondent.openid && doc.open ? doc.inviteCode : null,
    canWithdraw: side === 'applicant' && ['applied', 'accepted'].includes(doc.status),
    storyConsent: me.storyConsent,
  }
}

export function queueItemOf(doc: CaseDoc, vc: ViewContext): OfficerQueueItem {
  return {
    ...summaryOf(doc, vc),
    applicantName: doc.applicant.name,
    applicantPhone: maskPhone(doc.applicant.phone),
    respondentName: doc.respondent.name,
    riskReasons: doc.risk.reasons,
  }
}

/** The officer's detail; `fullPhones` only in the audited detail. */
export function officerView(doc: CaseDoc, vc: ViewContext, photoUrls: Record<string, string>, recommendation: OfficerCaseView['recommendation']): OfficerCaseView {
  const phone = (p: string) => p
  const limit = limitOf(doc, stationDay(vc.now), vc.cal)
  // After the limit only 调解不成 and a transfer are left; the buttons say so too.
  const moves = movesFrom(doc.status, 'officer').filter((m) => limit?.state !== 'expired' || m.name === 'fail' || m.name === 'route')
  const refused = (['applicant', 'respondent'] as const).find((s) => doc[s].consent === 'refused')
  const consents = typeof doc.extendConsent === 'object' && doc.extendConsent ? doc.extendConsent : { applicant: doc.extendConsent || '', respondent: doc.extendConsent || '' }
  return {
    ...queueItemOf(doc, vc),
    applicantPhone: phone(doc.applicant.phone),
    view: 'officer',
    parties: (['applicant', 'respondent'] as const).map((side) => {
      const p = doc[side]
      return {
        side,
        name: p.name,
        phone: phone(p.phone),
        villageName: vc.villages.get(p.villageId) ?? '',
        group: p.group,
        joined: Boolean(p.openid),
        consent: p.consent,
        minor: isMinorParty({ age: p.age, ageBand: p.ageBand ?? null }),
      }
    }),
    statements: { applicant: doc.applicant.statement, respondent: doc.respondent.statement },
    want: doc.want,
    place: doc.place,
    happenedAt: doc.happenedAt ? toIso(doc.happenedAt) : null,
    photos: doc.photos.map((fileId) => ({ fileId, url: photoUrls[fileId] ?? '' })),
    grade: doc.grade
      ? { level: doc.grade.level, proposed: doc.grade.proposed, reasons: doc.grade.reasons, overrideReason: doc.grade.overrideReason, lead: levelInfo(doc.grade.level).lead }
      : null,
    gate: doc.gate,
    team: doc.team.map((m) => ({ mediatorId: m.mediatorId, name: m.name, role: m.role, roleLabel: roleLabel(m.role), kind: m.kind, kindLabel: mediatorKindInfo(m.kind).motto, reasons: m.reasons })),
    recommendation,
    objections: doc.objections.map((o) => ({ side: SIDE_LABEL[o.side], mediatorName: o.mediatorName, reason: o.reason, at: toIso(o.at) })),
    sessions: sessionsOf(doc, true),
    agreement: agreementOf(doc, stationDay(vc.now)),
    followUps: followUpsOf(doc),
    timeline: timelineOf(doc.timeline, true, null),
    moves: moves.map((m) => ({ name: m.name, label: m.label, needsNote: m.needsNote })),
    route: doc.route ? { target: doc.route.target, label: ROUTE_TARGETS.find((r) => r.value === doc.route?.target)?.label ?? '', reason: doc.route.reason } : null,
    inviteCode: doc.respondent.openid ? null : doc.inviteCode,
    storyConsent: { applicant: doc.applicant.storyConsent, respondent: doc.respondent.storyConsent },
    reportId: doc.reportId,
    assessment: { needed: doc.assessment.needed, awaitingFrom: doc.assessment.awaitingFrom ?? null, doneDay: doc.assessment.doneDay },
    extension: doc.extendedTo ? { until: doc.extendedTo, consents } : null,
    refusedBy: refused && doc.open ? doc[refused].name : null,
  }
}
