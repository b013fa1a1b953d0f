// The `mediation` function's actions: intake, the gate and grading, the team with 回避, sessions in the 调解室,
// the agreement both parties confirm, performance and follow-ups, closing and reopening, the queue, the roster
// and the figures. Each handler validates (the contract did the shapes), asks the pure rules, then stores.
import { randomBytes } from 'node:crypto'
import { toIso } from '@contract/core'
import { DOCUMENT_LINK_SECONDS, type AgreementDocumentLink, type CasePage, type CaseSummary, type MediatorView, type OfficerCaseView, type OfficerQueueItem, type PartyCaseView, type StoryDraftPayload } from '@contract/mediation'
import {
  escalationRisk,
  isMinorParty,
  routeChoices,
  gradeCase,
  intakeRisk,
  kindLabel,
  legalityGate,
  levelInfo,
  mediatorKindInfo,
  overrideGrade,
  roleLabel,
  routeLabel,
  type AgeBand,
  type CaseFacts,
  type Level,
} from '@domain/mediation'
import { caseClock, extensionRefusal, followUpDays, judicialApplyRefusal, judicialResultRefusal, JUDICIAL_RESULT_LABELS, partyExtensionConsent, sessionDayRefusal, sessionRefusal } from '@domain/mediation-clocks'
import { closeIncrements, figuresView, followUpIncrements, gradeIncrements, intakeIncrements, reopenIncrements } from '@domain/mediation-figures'
import { isOpenCase, moveCase, noteEvent, createdCaseEvent, type CaseActor, type CaseEvent, type CaseMoveName, type CaseStatus } from '@domain/mediation-lifecycle'
import { recommendTeam, recusal, type RosterEntry } from '@domain/mediation-matching'
import { maskPhone } from '@domain/privacy'
import { hoursFor } from '@domain/schedule'
import { addDays, daysBetween, formatDateTime, stationDay, stationTime } from '@domain/station-time'
import { findById, findMany, insert, updateById } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { fail, type CallerContext, type Deps, type UserDoc } from '@server/types'
import { assertOwnUploads } from '@server/uploads'
import { concernSource, markConcern } from '../households/concerns'
import { loadSchedule } from '../services/store'
import {
  admins,
  bumpFigures,
  bumpMediators,
  changeCase,
  insertCase,
  loadCase,
  loadCounters,
  loadRoster,
  notifyUser,
  openPartySurveys,
  stationName,
  queueKeyOf,
  releaseRoom,
  takeRoom,
  villages,
  workCalendar,
  type CaseDoc,
  type MediatorDoc,
  type PartyDoc,
  type Side,
  type TermDoc,
} from './store'
import { agreementDocx, documentFileName, documentVersion, signatureImage, type SignatureImages } from './document'
import { clockInputOf, confirmedDayOf, limitOf, officerView, partyView, queueItemOf, summaryOf, type ViewContext } from './views'
import { HH_ADDRESSES, HH_PEOPLE, MEDIATION_CASES, MEDIATORS, REPORTS, USERS } from '@server/collections'

const MY_PAGE = 'packages/mediation/mine/index'
const OFFICER_PAGE = 'packages/officer-mediation/detail/index'
const NOT_YOURS = '没有找到这件调解，请回到“我的调解”刷新后再看'
const NOT_ON_CASE = '您不是这件调解的承办民警或调解员，不能这样操作。请联系承办民警或所长'

type Who = { actor: CaseActor; by: string; name: string }

function whoOf(ctx: CallerContext): Who {
  if (ctx.system) return { actor: 'system', by: 'cron', name: '系统' }
  return { actor: ctx.role === 'resident' ? 'party' : 'officer', by: ctx.openid, name: ctx.user?.name ?? '' }
}

function isStaff(ctx: CallerContext): boolean {
  return ctx.role !== 'resident'
}

function sideOf(doc: CaseDoc, openid: string): Side | null {
  if (doc.applicant.openid === openid) return 'applicant'
  if (doc.respondent.openid === openid) return 'respondent'
  return null
}

/** A party's own case; anyone else's is simply not found. */
function mySide(doc: CaseDoc, ctx: CallerContext): Side {
  const side = sideOf(doc, ctx.openid)
  if (!side) fail('not_found', NOT_YOURS)
  return side
}

/** Staff who work this case: the admin (所长), the officer who took it, or a mediator on its team. */
function assertOnCase(doc: CaseDoc, ctx: CallerContext): void {
  if (ctx.system || ctx.role === 'admin') return
  // A case nobody has taken yet (an application, a 排查 entry) is open to any officer.
  if (!doc.handler && (doc.status === 'applied' || doc.status === 'screening')) return
  if (doc.handler === ctx.openid || doc.team.some((m) => m.openid && m.openid === ctx.openid)) return
  fail('forbidden', NOT_ON_CASE)
}

async function viewContext(deps: Deps): Promise<ViewContext> {
  const [cal, vs] = await Promise.all([workCalendar(deps), villages(deps)])
  return { now: deps.now(), cal, villages: new Map(vs.map((v) => [v.id, v.name])) }
}

function rosterEntry(m: MediatorDoc): RosterEntry {
  return { ...m, id: m._id }
}

function matchCaseOf(doc: CaseDoc) {
  return {
    level: doc.grade?.level ?? 1,
    kind: doc.kind,
    villageId: doc.villageId,
    risk: doc.riskFlag,
    parties: [doc.applicant, doc.respondent].map((p) => ({ name: p.name, villageId: p.villageId, group: p.group })),
    objected: doc.objections.map((o) => o.mediatorId),
  }
}

async function recommendationFor(deps: Deps, doc: CaseDoc): Promise<OfficerCaseView['recommendation']> {
  if (!doc.grade || !['accepted', 'mediating'].includes(doc.status)) return null
  const r = recommendTeam((await loadRoster(deps)).map(rosterEntry), matchCaseOf(doc))
  return {
    team: r.team.map((p) => ({ mediatorId: p.mediatorId, name: p.name, role: p.role, roleLabel: roleLabel(p.role), kind: p.kind, kindLabel: mediatorKindInfo(p.kind).motto, reasons: p.reasons })),
    missing: r.missing.map(roleLabel),
    excluded: r.excluded.map((e) => ({ name: e.name, reason: e.reason })),
  }
}

/** The officer's view of a case; every one is audited (it shows both parties' phones and statements). */
async function officerAnswer(deps: Deps, ctx: CallerContext, doc: CaseDoc, action: string): Promise<OfficerCaseView> {
  const [vc, urls, recommendation] = await Promise.all([
    viewContext(deps),
    doc.photos.length > 0 ? deps.storage.tempUrls(doc.photos).catch(() => ({}) as Record<string, string>) : Promise.resolve({} as Record<string, string>),
    recommendationFor(deps, doc),
  ])
  if (!ctx.system) await deps.audit({ actor: ctx.openid, action: `mediation.${action}`, target: doc._id, detail: { parties: 2 } })
  return officerView(doc, vc, urls, recommendation)
}

async function partyAnswer(deps: Deps, ctx: CallerContext, doc: CaseDoc): Promise<PartyCaseView> {
  return partyView(doc, mySide(doc, ctx), ctx.openid, await viewContext(deps))
}

async function answer(deps: Deps, ctx: CallerContext, doc: CaseDoc, action: string): Promise<PartyCaseView | OfficerCaseView> {
  return isStaff(ctx) ? officerAnswer(deps, ctx, doc, action) : partyAnswer(deps, ctx, doc)
}

/** One step through the lifecycle: the fields to write, or the reason it cannot move. */
function step(doc: CaseDoc, name: CaseMoveName, who: Who, at: Date, note = '', isPublic = true): { status: CaseStatus; open: boolean; timeline: CaseEvent[] } {
  const m = moveCase(name, doc.status, who, at, note, isPublic)
  if (!m.ok) fail(m.code, m.message, m.code === 'invalid_argument' ? 'note' : undefined)
  return { status: m.move.to, open: isOpenCase(m.move.to), timeline: [...doc.timeline, m.event] }
}

function note(doc: CaseDoc, who: Who, at: Date, text: string, isPublic: boolean): CaseEvent[] {
  return [...doc.timeline, noteEvent(doc.status, who, at, text, isPublic)]
}

function inviteCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('')
}

async function userByPhone(deps: Deps, phone: string): Promise<UserDoc | null> {
  if (!phone) return null
  const found = await findMany<UserDoc>(deps.db.collection(USERS).where({ phone }).limit(1))
  return found[0] ?? null
}

async function assertVillage(deps: Deps, villageId: string | undefined, field: string): Promise<void> {
  if (!villageId) return
  const vs = await villages(deps)
  if (!vs.some((v) => v.id === villageId)) fail('invalid_argument', '没有这个村，请重新选择', field)
}

function party(side: Side, p: { name: string; phone?: string; villageId?: string; group?: string; age?: number; ageBand?: AgeBand; addressId?: string }, openid: string | null, statement: string, fallbackVillage: string): PartyDoc {
  return { side, openid, name: p.name, phone: p.phone ?? '', villageId: p.villageId ?? fallbackVillage, group: p.group ?? '', addressId: p.addressId ?? null, age: p.age ?? null, ageBand: p.ageBand ?? null, statement, consent: 'pending', storyConsent: false }
}

/** A party resolves to a household: the address given (if it exists), else the one a current resident with that phone lives at. */
async function withHousehold(deps: Deps, p: PartyDoc, field: string): Promise<PartyDoc> {
  if (p.addressId) {
    if (!(await findById(deps.db, HH_ADDRESSES, p.addressId))) fail('invalid_argument', '没有找到这个住址，请重新选择', field)
    return p
  }
  if (!p.phone) return p
  const found = await findMany<{ _id: string; addressId: string }>(deps.db.collection(HH_PEOPLE).where({ phone: p.phone, movedOutDay: null }).limit(1))
  return found[0] ? { ...p, addressId: found[0].addressId } : p
}

const minorOf = (p: PartyDoc) => isMinorParty({ age: p.age, ageBand: p.ageBand ?? null })

function baseCase(at: Date, fields: Pick<CaseDoc, 'kind' | 'source' | 'status' | 'villageId' | 'place' | 'want' | 'happenedAt' | 'photos' | 'minorInvolved' | 'applicant' | 'respondent' | 'reportId' | 'reportedBy'>, risk: { flagged: boolean; reasons: string[] }, creator: Who): Omit<CaseDoc, '_id'> {
  const partyIds = [fields.applicant.openid, fields.respondent.openid].filter((x): x is string => Boolean(x))
  return {
    ...fields,
    open: true,
    partyIds,
    inviteCode: inviteCode(),
    facts: null,
    track: null,
    gate: null,
    grade: null,
    risk: { ...risk, notifiedAt: null },
    riskFlag: risk.flagged,
    handler: null,
    handlerName: '',
    team: [],
    objections: [],
    sessions: [],
    sessionsFrom: 0,
    agreement: null,
    previousAgreements: [],
    followUps: [],
    route: null,
    acceptedAt: null,
    acceptedDay: null,
    assessment: { needed: false, doneDay: null },
    extendedTo: null,
    extendConsent: '',
    closedAt: null,
    counted: null,
    timeline: [createdCaseEvent(fields.status, creator, at, fields.status === 'screening' ? '登记到排查台账' : '提交调解申请')],
    queueKey: queueKeyOf(risk.flagged, null, at),
    createdAt: at,
    createdKey: at.toISOString(),
    updatedAt: at,
  }
}

/** Tells the 所长 at once about a case at risk of turning criminal (民转刑). */
async function raiseRisk(deps: Deps, doc: CaseDoc): Promise<void> {
  if (!doc.riskFlag || doc.risk.notifiedAt) return
  const list = await admins(deps)
  for (const a of list) await notifyUser(deps, a._id, 'risk', { caseId: doc._id, status: '有激化风险', note: doc.risk.reasons.join('，') }, `${OFFICER_PAGE}?id=${doc._id}`)
  await updateById(deps.db, MEDIATION_CASES, doc._id, { 'risk.notifiedAt': deps.now() })
  deps.log('mediation.risk', { id: doc._id, admins: list.length, reasons: doc.risk.reasons })
}

async function tellParties(deps: Deps, doc: CaseDoc, status: string, text: string): Promise<void> {
  for (const side of ['applicant', 'respondent'] as const) await notifyUser(deps, doc[side].openid, 'progress', { caseId: doc._id, status, note: text }, `${MY_PAGE}?id=${doc._id}`)
}


function termsOpen(doc: CaseDoc): TermDoc[] {
  return doc.agreement?.terms.filter((t) => !t.done) ?? []
}

function countedKinds(doc: CaseDoc): string[] {
  return doc.team.map((m) => m.kind)
}

function mediatorIds(doc: CaseDoc): string[] {
  return doc.team.map((m) => m.mediatorId)
}

function anonymise(text: string, names: readonly string[]): string {
  return names.reduce((s, n, i) => (n ? s.split(n).join(i === 0 ? '甲方' : '乙方') : s), text)
}

export const handlers: FunctionHandlers<'mediation'> = {
  async 'mediation.apply'(deps, ctx, p) {
    const at = deps.now()
    await assertVillage(deps, p.me.villageId, 'me.villageId')
    await assertVillage(deps, p.other.villageId, 'other.villageId')
    if (p.other.name === p.me.name && (p.other.phone ?? '') === p.me.phone) fail('invalid_argument', '对方不能是您自己，请填写和您有矛盾的人', 'other.name')
    const photos = await assertOwnUploads(deps, ctx, p.photos, 'photos')
    const otherUser = await userByPhone(deps, p.other.phone ?? '')
    const applicant = await withHousehold(deps, party('applicant', p.me, ctx.openid, p.what, p.me.villageId), 'me.addressId')
    const respondent = await withHousehold(deps, party('respondent', p.other, otherUser && otherUser._id !== ctx.openid ? otherUser._id : null, '', p.me.villageId), 'other.addressId')
    const risk = intakeRisk(`${p.what} ${p.want}`)
    const doc = baseCase(
      at,
      // The guardian rule from the villager's side: either party's age band under 16 marks the case.
      { kind: p.kind, source: 'app', status: 'applied', villageId: p.me.villageId, place: p.place, want: p.want, happenedAt: p.happenedAt ?? null, photos, minorInvolved: p.minorInvolved || minorOf(applicant) || minorOf(respondent), applicant, respondent, reportId: null, reportedBy: '' },
      risk,
      whoOf(ctx),
    )
    const id = await insertCase(deps, doc)
    await bumpFigures(deps, intakeIncrements({ kind: p.kind, villageId: p.me.villageId, source: 'app' }))
    const stored = { ...doc, _id: id }
    await raiseRisk(deps, stored)
    return partyAnswer(deps, ctx, stored)
  },

  async 'mediation.register'(deps, ctx, p) {
    const visit = p.fromVisit ? await concernSource(deps, ctx, p.fromVisit, 'mediation') : null
    if (visit?.existing) return officerAnswer(deps, ctx, await loadCase(deps, visit.existing), 'register')
    const at = deps.now()
    await assertVillage(deps, p.villageId, 'villageId')
    await assertVillage(deps, p.applicant.villageId, 'applicant.villageId')
    await assertVillage(deps, p.other.villageId, 'other.villageId')
    if (p.source === 'report') {
      if (!p.reportId) fail('invalid_argument', '从举报转来的调解，请填写举报编号', 'reportId')
      if (!(await findById(deps.db, REPORTS, p.reportId))) fail('invalid_argument', '没有这个举报编号，请检查', 'reportId')
    }
    const [a, o] = await Promise.all([userByPhone(deps, p.applicant.phone), userByPhone(deps, p.other.phone ?? '')])
    const applicantIn = visit?.addressId && !p.applicant.addressId ? { ...p.applicant, addressId: visit.addressId } : p.applicant
    const applicant = await withHousehold(deps, party('applicant', applicantIn, a?.role === 'resident' ? a._id : null, p.what, p.villageId), 'applicant.addressId')
    const respondent = await withHousehold(deps, party('respondent', p.other, o?.role === 'resident' && o._id !== a?._id ? o._id : null, '', p.villageId), 'other.addressId')
    const risk = intakeRisk(p.what)
    const doc = baseCase(
      at,
      {
        kind: p.kind,
        source: p.source,
        status: p.source === 'screening' ? 'screening' : 'applied',
        villageId: p.villageId,
        place: p.place,
        want: p.want ?? '',
        happenedAt: null,
        photos: [],
        minorInvolved: minorOf(applicant) || minorOf(respondent),
        applicant,
        respondent,
        reportId: p.reportId ?? null,
        reportedBy: p.reportedBy ?? ctx.user?.name ?? '',
      },
      risk,
      whoOf(ctx),
    )
    const id = await insertCase(deps, doc)
    await bumpFigures(deps, intakeIncrements({ kind: p.kind, villageId: p.villageId, source: p.source }))
    const stored = { ...doc, _id: id }
    await raiseRisk(deps, stored)
    if (visit) await markConcern(deps, visit, 'mediation', id)
    return officerAnswer(deps, ctx, stored, 'register')
  },

  async 'mediation.mine'(deps, ctx, { cursor, pageSize }): Promise<CasePage<CaseSummary>> {
    const _ = deps.db.command
    // One indexed query per side (an array field cannot be served by an index); a person has few cases.
    const page = (side: Side) =>
      findMany<CaseDoc>(
        deps.db
          .collection(MEDIATION_CASES)
          .where({ [`${side}.openid`]: ctx.openid, ...(cursor ? { createdKey: _.lt(cursor) } : {}) })
          .orderBy('createdKey', 'desc')
          .limit(pageSize),
      )
    const [mine, theirs] = await Promise.all([page('applicant'), page('respondent')])
    const docs = [...mine, ...theirs].sort((a, b) => b.createdKey.localeCompare(a.createdKey)).slice(0, pageSize)
    const vc = await viewContext(deps)
    return { items: docs.map((d) => summaryOf(d, vc)), nextCursor: docs.length === pageSize ? docs[docs.length - 1].createdKey : null }
  },

  async 'mediation.get'(deps, ctx, { id }) {
    const doc = await findById<CaseDoc>(deps.db, MEDIATION_CASES, id)
    if (!doc || (!isStaff(ctx) && !sideOf(doc, ctx.openid))) fail('not_found', NOT_YOURS)
    return answer(deps, ctx, doc, 'get')
  },

  async 'mediation.join'(deps, ctx, { code }) {
    const found = await findMany<CaseDoc>(deps.db.collection(MEDIATION_CASES).where({ inviteCode: code, open: true }).limit(1))
    const doc = found[0]
    if (!doc) fail('not_found', '邀请码不对或这件调解已经结束了，请向对方核对邀请码')
    if (doc.applicant.openid === ctx.openid) fail('invalid_argument', '这是您自己提交的调解，邀请码要发给对方', 'code')
    if (doc.respondent.openid === ctx.openid) return partyAnswer(deps, ctx, doc)
    const changed = await changeCase(deps, doc._id, (d) => {
      if (d.respondent.openid) fail('conflict', '对方已经加入这件调解了，如有疑问请联系派出所')
      return { respondent: { ...d.respondent, openid: ctx.openid }, partyIds: [...d.partyIds, ctx.openid], timeline: note(d, whoOf(ctx), deps.now(), `${d.respondent.name}已加入调解`, true) }
    })
    return partyAnswer(deps, ctx, changed)
  },

  async 'mediation.inviteQr'(deps, ctx, { id }) {
    const doc = await loadCase(deps, id)
    if (!isStaff(ctx) && mySide(doc, ctx) !== 'applicant') fail('forbidden', '邀请码由提出申请的人发给对方')
    if (doc.respondent.openid) fail('conflict', '对方已经加入这件调解了，不用再邀请')
    if (!doc.open) fail('transition_not_allowed', '这件调解已经结束了，不用再邀请')
    const png = await deps.openapi.getUnlimitedQr({ scene: `join=${doc.inviteCode}`, page: 'packages/mediation/mine/index', width: 280 })
    return { code: doc.inviteCode, image: `data:image/png;base64,${png.toString('base64')}` }
  },

  async 'mediation.consent'(deps, ctx, { id, agree, side, reason }) {
    const doc = await loadCase(deps, id)
    let who: Side
    if (isStaff(ctx)) {
      if (!side) fail('invalid_argument', '请选择是哪一方当事人同意', 'side')
      assertOnCase(doc, ctx)
      who = side
    } else {
      who = mySide(doc, ctx)
      if (side && side !== who) fail('forbidden', '只能由当事人本人表态，不能替对方同意或拒绝')
    }
    if (!['applied', 'accepted'].includes(doc.status)) fail('transition_not_allowed', '调解已经开始了，不用再表态。如果不想调了，请告诉调解员')
    const at = deps.now()
    const changed = await changeCase(deps, id, (d) => {
      const p = { ...d[who], consent: agree ? ('agreed' as const) : ('refused' as const) }
      const text = agree ? `${p.name}同意调解` : `${p.name}不愿意调解${reason ? `：${reason}` : ''}`
      const withNote = { ...d, [who]: p, timeline: note(d, whoOf(ctx), at, text, true) }
      if (agree) return { [who]: p, timeline: withNote.timeline }
      // A clear refusal ends police mediation, but the case is routed, not dropped: the officer chooses where — the
      // village 调委会 or the 司法所 (人民调解), or the court — and says why (`mediation.route`).
      return { [who]: p, timeline: [...withNote.timeline, noteEvent(d.status, { actor: 'system', by: 'cron', name: '系统' }, at, '当事人不愿调解，等民警转交村调委会、司法所或人民法院', true)] }
    })
    if (!agree && changed.handler) await notifyUser(deps, changed.handler, 'progress', { caseId: changed._id, status: '不愿调解', note: `${changed[who].name}不愿调解，请转交` }, `${OFFICER_PAGE}?id=${changed._id}`)
    return answer(deps, ctx, changed, 'consent')
  },

  async 'mediation.review'(deps, ctx, { id, facts, level, levelReason, assessmentDoneDay, routeTo }) {
    const at = deps.now()
    const who = whoOf(ctx)
    const full: CaseFacts = { ...facts, exclusions: facts.exclusions }
    const gate = legalityGate(full)
    if (!gate.ok && routeTo && !routeChoices(gate.route).includes(routeTo)) {
      fail('invalid_argument', `按所选情形只能转${routeChoices(gate.route).map(routeLabel).join('或')}`, 'routeTo')
    }
    const target = !gate.ok ? (routeTo ?? gate.route) : null
    const before = await loadCase(deps, id)
    if (gate.ok) {
      const grade = gradeCase(before.kind, full)
      const chosen = overrideGrade(grade, level as Level | undefined, levelReason)
      if (!chosen.ok) fail('invalid_argument', chosen.message, 'levelReason')
    }
    const changed = await changeCase(deps, id, (d) => {
      if (!gate.ok) {
        const to = target ?? gate.route
        const text = `不适用调解：${gate.reasons.join('；')}。转${routeLabel(to)}`
        return {
          ...step(d, 'route', who, at, text),
          facts: full,
          gate: { ok: false, text },
          route: { target: to, reason: gate.reasons.join('；') },
          handler: ctx.openid,
          handlerName: who.name,
          closedAt: at,
          counted: { outcome: 'routed', days: daysBetween(stationDay(d.createdAt), stationDay(at)), kinds: [] },
        }
      }
      const grade = gradeCase(d.kind, full)
      const chosen = overrideGrade(grade, level as Level | undefined, levelReason)
      if (!chosen.ok) fail('invalid_argument', chosen.message, 'levelReason')
      const risk = escalationRisk(full)
      const reasons = [...new Set([...d.risk.reasons, ...risk.reasons])]
      const flagged = d.riskFlag || risk.flagged
      const moved = step(d, 'accept', who, at, `定为${levelInfo(chosen.level).label}：${levelInfo(chosen.level).lead}`)
      return {
        ...moved,
        facts: full,
        gate: { ok: true, text: gate.reason },
        track: gate.track,
        grade: { level: chosen.level, proposed: grade.level, points: grade.points, reasons: grade.reasons, overrideReason: chosen.overridden ? (levelReason ?? '') : '' },
        risk: { flagged, reasons, notifiedAt: d.risk.notifiedAt },
        riskFlag: flagged,
        handler: ctx.openid,
        handlerName: who.name,
        acceptedAt: at,
        acceptedDay: stationDay(at),
        // The pause starts on acceptance when a 伤情鉴定 is needed, and ends on the day its result is out.
        assessment: { needed: full.injury === 'assessment', awaitingFrom: full.injury === 'assessment' ? stationDay(at) : null, doneDay: full.injury === 'assessment' ? (assessmentDoneDay ?? null) : null },
        queueKey: queueKeyOf(flagged, chosen.level, new Date(d.createdAt)),
      }
    })
    if (changed.counted?.outcome === 'routed') await bumpFigures(deps, closeIncrements('routed', changed.counted.days, [], changed.route?.target ?? null))
    else if (changed.grade) await bumpFigures(deps, gradeIncrements(changed.grade.level, null))
    await raiseRisk(deps, changed)
    if (changed.status === 'routed') await tellParties(deps, changed, '已转交', `转${routeLabel(changed.route?.target ?? 'court')}`)
    return officerAnswer(deps, ctx, changed, 'review')
  },

  async 'mediation.route'(deps, ctx, { id, to, reason }) {
    const at = deps.now()
    const before = await loadCase(deps, id)
    if (before.status !== 'applied' && before.status !== 'screening') assertOnCase(before, ctx)
    const changed = await changeCase(deps, id, (d) => ({
      ...step(d, 'route', whoOf(ctx), at, `转${routeLabel(to)}：${reason}`),
      route: { target: to, reason },
      closedAt: at,
      counted: { outcome: 'routed', days: daysBetween(stationDay(d.createdAt), stationDay(at)), kinds: [] },
      handler: d.handler ?? ctx.openid,
    }))
    await bumpFigures(deps, closeIncrements('routed', changed.counted?.days ?? 0, [], to))
    await bumpMediators(deps, mediatorIds(before), { activeCases: -1 })
    await tellParties(deps, changed, '已转交', `转${routeLabel(to)}`)
    return officerAnswer(deps, ctx, changed, 'route')
  },

  async 'mediation.team'(deps, ctx, { id, mediatorIds: ids }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (!['accepted', 'mediating'].includes(doc.status)) fail('transition_not_allowed', '受理定级以后才能安排调解员，请先审查定级')
    const roster = await loadRoster(deps)
    const match = matchCaseOf(doc)
    let team: CaseDoc['team']
    if (!ids) {
      const r = recommendTeam(roster.map(rosterEntry), match)
      if (r.team.length === 0) fail('invalid_argument', '名册里没有合适的调解员，请先在调解员名册里添加', 'mediatorIds')
      team = r.team.map((p) => ({ mediatorId: p.mediatorId, name: p.name, role: p.role, kind: p.kind, openid: roster.find((m) => m._id === p.mediatorId)?.openid ?? '', reasons: p.reasons }))
    } else {
      if (ids.length === 0) fail('invalid_argument', '请至少选一位调解员', 'mediatorIds')
      const recommended = recommendTeam(roster.map(rosterEntry), match)
      team = ids.map((mid, i) => {
        const m = roster.find((x) => x._id === mid && x.active)
        if (!m) fail('invalid_argument', '名册里没有这位调解员，请重新选择', `mediatorIds.${i}`)
        if (match.objected.includes(mid)) fail('invalid_argument', `当事人对${m.name}提出了回避，请换一位`, `mediatorIds.${i}`)
        const why = recusal(rosterEntry(m), match.parties)
        if (why) fail('invalid_argument', `${m.name}${why}，需要回避，请换一位`, `mediatorIds.${i}`)
        const pick = recommended.team.find((x) => x.mediatorId === mid)
        return { mediatorId: mid, name: m.name, role: m.role, kind: m.kind, openid: m.openid, reasons: pick?.reasons ?? ['民警指定'] }
      })
    }
    const before = new Set(mediatorIds(doc))
    const changed = await changeCase(deps, id, (d) => ({
      team,
      timeline: note(d, whoOf(ctx), deps.now(), `调解员：${team.map((m) => `${m.name}（${roleLabel(m.role)}）`).join('、')}`, true),
    }))
    const after = new Set(team.map((m) => m.mediatorId))
    await bumpMediators(deps, [...after].filter((x) => !before.has(x)), { activeCases: 1 })
    await bumpMediators(deps, [...before].filter((x) => !after.has(x)), { activeCases: -1 })
    return officerAnswer(deps, ctx, changed, 'team')
  },

  async 'mediation.object'(deps, ctx, { id, mediatorId, reason }) {
    const doc = await loadCase(deps, id)
    const side = mySide(doc, ctx)
    if (!isOpenCase(doc.status)) fail('transition_not_allowed', '这件调解已经结束了，不能再提回避')
    const member = doc.team.find((m) => m.mediatorId === mediatorId)
    if (!member) fail('invalid_argument', '这位不是本案的调解员，请刷新后再看', 'mediatorId')
    const roster = await loadRoster(deps)
    const at = deps.now()
    const changed = await changeCase(deps, id, (d) => {
      const objections = [...d.objections, { side, mediatorId, mediatorName: member.name, reason, at }]
      const rest = d.team.filter((m) => m.mediatorId !== mediatorId)
      // The replacement: the best recommendation for the same role who is not on the team yet.
      const r = recommendTeam(roster.map(rosterEntry), { ...matchCaseOf(d), objected: objections.map((o) => o.mediatorId) })
      const sub = r.team.find((p) => p.role === member.role && !rest.some((m) => m.mediatorId === p.mediatorId)) ?? r.team.find((p) => !rest.some((m) => m.mediatorId === p.mediatorId))
      const team = sub ? [...rest, { mediatorId: sub.mediatorId, name: sub.name, role: sub.role, kind: sub.kind, openid: roster.find((m) => m._id === sub.mediatorId)?.openid ?? '', reasons: ['替换提出回避的调解员', ...sub.reasons] }] : rest
      const text = `当事人对${member.name}提出回避：${reason}。${sub ? `改由${sub.name}调解` : '请承办民警另行安排调解员'}`
      return { objections, team, timeline: note(d, whoOf(ctx), at, text, true) }
    })
    const added = changed.team.map((m) => m.mediatorId).filter((x) => !doc.team.some((m) => m.mediatorId === x))
    await bumpMediators(deps, [mediatorId], { activeCases: -1 })
    await bumpMediators(deps, added, { activeCases: 1 })
    return partyAnswer(deps, ctx, changed)
  },

  async 'mediation.schedule'(deps, ctx, { id, place, at, siteAddress, attendees }) {
    const now = deps.now()
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (!['accepted', 'mediating'].includes(doc.status)) fail('transition_not_allowed', '现在不能安排调解，请刷新后再看')
    if (at.getTime() <= now.getTime()) fail('invalid_argument', '调解时间已经过去了，请选一个以后的时间', 'at')
    if (at.getTime() > now.getTime() + 60 * 86_400_000) fail('invalid_argument', '调解时间太远了，请选60天以内的时间', 'at')
    if (doc.team.length === 0) fail('transition_not_allowed', '还没有安排调解员，请先安排调解员')
    const waiting = (['applicant', 'respondent'] as const).filter((s) => doc[s].consent !== 'agreed').map((s) => doc[s].name)
    if (waiting.length > 0) fail('transition_not_allowed', `还要等${waiting.join('、')}同意调解，才能安排`)
    const day = stationDay(at)
    const cal = await workCalendar(deps)
    const limit = limitOf(doc, stationDay(now), cal)
    if (limit && limit.state !== 'open') fail('transition_not_allowed', limit.message)
    const late = limit ? sessionDayRefusal(limit, day) : null
    if (late) fail('invalid_argument', late, 'at')
    const hhmm = stationTime(at)
    let seat: string | null = null
    if (place === 'room') {
      if (!hhmm.endsWith(':00')) fail('invalid_argument', '调解室按整点预约，请选整点，比如 9:00', 'at')
      const hours = hoursFor(await loadSchedule(deps), day)
      const inHours = hours.windows.some((w) => w.start <= hhmm && hhmm < w.end)
      if (!hours.open || !inHours) fail('invalid_argument', hours.note ? `这天${hours.note}，调解室不开，请换一天` : '这个时间派出所不办公，请选办公时间', 'at')
      seat = await takeRoom(deps, day, hhmm)
      if (!seat) fail('slot_full', '这个时间调解室已经有别的调解了，请换一个时间')
    } else if (!siteAddress?.trim() && !doc.place) fail('invalid_argument', '请填写现场调解的地址', 'siteAddress')
    try {
      const changed = await changeCase(deps, id, (d) => {
        const round = d.sessions.slice(d.sessionsFrom)
        if (d.track) {
          const refusal = sessionRefusal(d.track, round.filter((s) => s.outcome !== 'planned').length, round.filter((s) => s.outcome === 'planned').length)
          if (refusal) fail('transition_not_allowed', refusal)
          const again = limitOf(d, stationDay(now), cal)
          if (again && again.state !== 'open') fail('transition_not_allowed', again.message)
        }
        const moved = d.status === 'accepted' ? step(d, 'start', whoOf(ctx), now, '开始调解') : { status: d.status, open: d.open, timeline: d.timeline }
        const no = d.sessions.length + 1
        const where = place === 'room' ? '派出所调解室' : `现场（${siteAddress || d.place}）`
        const session = { no, at, day, place, siteAddress: siteAddress ?? '', attendees, outcome: 'planned' as const, notes: '', seatKey: seat }
        return { ...moved, sessions: [...d.sessions, session], timeline: [...moved.timeline, noteEvent(moved.status, whoOf(ctx), now, `第${no}次调解定在${formatDateTime(at)}，${where}`, true)] }
      })
      await tellParties(deps, changed, '已约调解', `${formatDateTime(at)}调解`)
      return officerAnswer(deps, ctx, changed, 'schedule')
    } catch (err) {
      await releaseRoom(deps, seat)
      throw err
    }
  },

  async 'mediation.recordSession'(deps, ctx, { id, no, outcome, notes, attendees }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    const session = doc.sessions.find((s) => s.no === no)
    if (!session) fail('invalid_argument', `没有第${no}次调解，请刷新后再看`, 'no')
    if (session.outcome !== 'planned') fail('conflict', `第${no}次调解已经记录过了`)
    if (doc.status !== 'mediating') fail('transition_not_allowed', '现在不能记录调解，请刷新后再看')
    const present = attendees.length > 0 ? attendees : session.attendees
    const minor = [doc.applicant, doc.respondent].find(minorOf)
    if ((minor || doc.minorInvolved) && !present.some((a) => a.includes('监护人'))) {
      fail('invalid_argument', `有不满16岁的当事人${minor ? `（${minor.name}）` : ''}，调解时监护人要到场，请在参加人里写上“某某（监护人）”`, 'attendees')
    }
    const labels = { agreed: '达成协议', not_agreed: '未达成协议', again: '再约一次' } as const
    const changed = await changeCase(deps, id, (d) => ({
      sessions: d.sessions.map((s) => (s.no === no ? { ...s, outcome, notes: notes ?? '', attendees: present } : s)),
      timeline: [...note(d, whoOf(ctx), deps.now(), `第${no}次调解：${labels[outcome]}`, true), ...(notes ? [noteEvent(d.status, whoOf(ctx), deps.now(), `调解记录：${notes}`, false)] : [])],
    }))
    return officerAnswer(deps, ctx, changed, 'recordSession')
  },

  async 'mediation.agreement'(deps, ctx, { id, facts, terms, attendees }) {
    const now = deps.now()
    const today = stationDay(now)
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    terms.forEach((t, i) => {
      if (t.dueDay < today) fail('invalid_argument', '完成日期不能早于今天，请重新选', `terms.${i}.dueDay`)
      if (t.dueDay > addDays(today, 366)) fail('invalid_argument', '完成日期太远了，请定在一年以内', `terms.${i}.dueDay`)
    })
    if (!doc.sessions.slice(doc.sessionsFrom).some((s) => s.outcome === 'agreed')) fail('transition_not_allowed', '请先记录一次“达成协议”的调解，再写协议书')
    const host = ctx.user?.name ?? '调解主持人'
    const changed = await changeCase(deps, id, (d) => ({
      ...step(d, 'draft_agreement', whoOf(ctx), now, '调解协议书已拟好，请双方确认'),
      agreement: {
        facts,
        terms: terms.map((t, i) => ({ id: `t${i + 1}`, party: t.party, what: t.what, how: t.how ?? '', dueDay: t.dueDay, done: false, doneAt: null, doneBy: '', reminded: false })),
        attendees,
        host,
        documentNo: `${d._id}-${d.previousAgreements.length + 1}`,
        draftedAt: now,
        confirmations: { applicant: null, respondent: null },
        confirmedAt: null,
        document: null,
      },
    }))
    await tellParties(deps, changed, '待确认', '调解协议书请您确认')
    return officerAnswer(deps, ctx, changed, 'agreement')
  },

  async 'mediation.confirm'(deps, ctx, { id, side, signature, paperPhoto }) {
    const now = deps.now()
    const doc = await loadCase(deps, id)
    let who: Side
    let via: 'app' | 'paper'
    if (isStaff(ctx)) {
      assertOnCase(doc, ctx)
      if (!side) fail('invalid_argument', '请选择替哪一方登记签字', 'side')
      if (!paperPhoto) fail('invalid_argument', '请拍一张当事人签过字的协议书照片', 'paperPhoto')
      await assertOwnUploads(deps, ctx, [paperPhoto], 'paperPhoto')
      who = side
      via = 'paper'
    } else {
      who = mySide(doc, ctx)
      if (side && side !== who) fail('forbidden', `这份协议要由${doc[side].name}本人确认，您不能替别人确认`)
      if (signature) await assertOwnUploads(deps, ctx, [signature], 'signature')
      via = 'app'
    }
    if (doc.status !== 'agreement_pending' || !doc.agreement) fail('transition_not_allowed', '现在没有要确认的协议，请刷新后再看')
    if (doc.agreement.confirmations[who]) fail('conflict', '这一方已经确认过协议了')
    const changed = await changeCase(deps, id, (d) => {
      if (!d.agreement || d.status !== 'agreement_pending') fail('transition_not_allowed', '现在没有要确认的协议，请刷新后再看')
      if (d.agreement.confirmations[who]) fail('conflict', '这一方已经确认过协议了')
      const confirmations = { ...d.agreement.confirmations, [who]: { at: now, via, by: ctx.openid, signature: signature ?? '', paperPhoto: paperPhoto ?? '' } }
      const text = `${d[who].name}确认了调解协议${via === 'paper' ? '（纸质签字）' : ''}`
      const withNote = { ...d, timeline: note(d, whoOf(ctx), now, text, true) }
      if (!confirmations.applicant || !confirmations.respondent) return { agreement: { ...d.agreement, confirmations }, timeline: withNote.timeline }
      return {
        ...step(withNote, 'confirm', whoOf(ctx), now, '双方都确认了，协议开始履行'),
        agreement: { ...d.agreement, confirmations, confirmedAt: now },
        followUps: followUpDays(now).map((f) => ({ ...f, done: false, kept: null, relations: '', satisfaction: null, note: '', at: null, reminded: false })),
      }
    })
    if (changed.status === 'performing') await tellParties(deps, changed, '履行中', '协议已生效，请按时履行')
    return answer(deps, ctx, changed, 'confirm')
  },

  async 'mediation.termDone'(deps, ctx, { id, termId }) {
    const doc = await loadCase(deps, id)
    // Who may act on the case comes first: someone outside it learns nothing about its terms.
    let side: Side | null = null
    if (isStaff(ctx)) assertOnCase(doc, ctx)
    else side = mySide(doc, ctx)
    const term = doc.agreement?.terms.find((t) => t.id === termId)
    if (!term) fail('invalid_argument', '协议里没有这一条，请刷新后再看', 'termId')
    if (side && term.party !== 'both' && term.party !== side) fail('forbidden', `这一条由${doc[term.party].name}来做，要由对方或调解员标记完成`)
    if (doc.status !== 'performing') fail('transition_not_allowed', '协议还没生效或已经结案，请刷新后再看')
    if (term.done) fail('conflict', '这一条已经标记完成了')
    const now = deps.now()
    const changed = await changeCase(deps, id, (d) => {
      if (!d.agreement) fail('transition_not_allowed', '协议还没生效，请刷新后再看')
      return {
        agreement: { ...d.agreement, terms: d.agreement.terms.map((t) => (t.id === termId ? { ...t, done: true, doneAt: now, doneBy: ctx.openid } : t)) },
        timeline: note(d, whoOf(ctx), now, `已完成：${term.what}`, true),
      }
    })
    return answer(deps, ctx, changed, 'termDone')
  },

  async 'mediation.followUp'(deps, ctx, { id, round, kept, relations, satisfaction, note: text }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (!['performing', 'resolved'].includes(doc.status)) fail('transition_not_allowed', '协议生效后才能回访，请刷新后再看')
    const f = doc.followUps.find((x) => x.round === round)
    if (!f) fail('invalid_argument', '没有这一轮回访', 'round')
    if (f.done) fail('conflict', `${round}天回访已经记录过了`)
    const now = deps.now()
    const changed = await changeCase(deps, id, (d) => ({
      followUps: d.followUps.map((x) => (x.round === round ? { ...x, done: true, kept, relations, satisfaction, note: text ?? '', at: now } : x)),
      timeline: note(d, whoOf(ctx), now, `${round}天回访：${kept ? '协议在履行' : '协议没有履行'}，${relations}，满意度${satisfaction}分`, true),
    }))
    await bumpFigures(deps, followUpIncrements(satisfaction))
    return officerAnswer(deps, ctx, changed, 'followUp')
  },

  async 'mediation.close'(deps, ctx, { id, outcome, note: text }) {
    const now = deps.now()
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (outcome === 'resolved') {
      if (doc.status !== 'performing') fail('transition_not_allowed', '双方确认协议、开始履行以后，才能按调解成功结案')
      const left = termsOpen(doc)
      if (left.length > 0) fail('transition_not_allowed', `还有${left.length}条协议没有履行完（${left[0].what}），不能按调解成功结案`)
      if (!doc.followUps.some((f) => f.done && f.kept)) fail('transition_not_allowed', '请先回访一次，确认协议履行了，再结案')
    }
    const days = daysBetween(stationDay(doc.createdAt), stationDay(now))
    const changed = await changeCase(deps, id, (d) => ({
      ...step(d, outcome === 'resolved' ? 'close' : 'fail', whoOf(ctx), now, text ?? (outcome === 'resolved' ? '协议履行完毕，调解成功' : '')),
      closedAt: now,
      counted: { outcome, days, kinds: countedKinds(d) },
    }))
    await bumpFigures(deps, closeIncrements(outcome, days, countedKinds(changed), null))
    await bumpMediators(deps, mediatorIds(changed), { activeCases: -1, closedCases: 1, successfulCases: outcome === 'resolved' ? 1 : 0 })
    await tellParties(deps, changed, outcome === 'resolved' ? '调解成功' : '调解不成', outcome === 'resolved' ? '协议履行完毕，已结案' : '可以到人民法院起诉')
    await openPartySurveys(deps, changed, 'closed', false)
    return officerAnswer(deps, ctx, changed, 'close')
  },

  async 'mediation.reopen'(deps, ctx, { id, reason }) {
    const now = deps.now()
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    const changed = await changeCase(deps, id, (d) => ({
      ...step(d, 'reopen', whoOf(ctx), now, `协议没有履行，重新调解：${reason}`),
      previousAgreements: d.agreement ? [...d.previousAgreements, d.agreement] : d.previousAgreements,
      agreement: null,
      // A 司法确认 belonged to the broken agreement (its events stay on the timeline); a new one may be sent again.
      judicial: null,
      followUps: [],
      sessionsFrom: d.sessions.length,
      acceptedDay: stationDay(now),
      closedAt: null,
      counted: null,
    }))
    if (doc.counted?.outcome === 'resolved') {
      await bumpFigures(deps, reopenIncrements(doc.counted.kinds, doc.counted.days))
      await bumpMediators(deps, mediatorIds(doc), { activeCases: 1, closedCases: -1, successfulCases: -1 })
    } else await bumpFigures(deps, { reopened: 1 })
    await tellParties(deps, changed, '重新调解', '协议没履行，重新调解')
    return officerAnswer(deps, ctx, changed, 'reopen')
  },

  async 'mediation.extend'(deps, ctx, { id, until, consents }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (!['accepted', 'mediating'].includes(doc.status)) fail('transition_not_allowed', '现在不能延长调解，请刷新后再看')
    const refusal = extensionRefusal(doc.track, consents)
    if (refusal) fail(doc.track === 'people' ? 'invalid_argument' : 'transition_not_allowed', refusal.message, refusal.field)
    const today = stationDay(deps.now())
    if (until <= today) fail('invalid_argument', '延长到的日期要在今天以后', 'until')
    if (until > addDays(today, 92)) fail('invalid_argument', '一次最多延长三个月，请选近一点的日子', 'until')
    const changed = await changeCase(deps, id, (d) => ({
      extendedTo: until,
      extendConsent: { applicant: consents.applicant, respondent: consents.respondent },
      timeline: note(d, whoOf(ctx), deps.now(), `双方同意继续调解到${until}。${d.applicant.name}：${consents.applicant}；${d.respondent.name}：${consents.respondent}`, true),
    }))
    return officerAnswer(deps, ctx, changed, 'extend')
  },

  async 'mediation.consentExtension'(deps, ctx, { id }) {
    const doc = await loadCase(deps, id)
    const side = mySide(doc, ctx)
    if (!['accepted', 'mediating'].includes(doc.status)) fail('transition_not_allowed', '现在不能延长调解，请刷新后再看')
    const now = deps.now()
    const today = stationDay(now)
    const cal = await workCalendar(deps)
    const input = clockInputOf(doc)
    const clock = input ? caseClock(input, today, cal) : null
    const text = `${doc[side].name}本人在小程序里同意继续调解（${formatDateTime(now)}）`
    const r = partyExtensionConsent(doc.track, clock, doc.partyExtendConsent ?? { applicant: '', respondent: '' }, side, text)
    if (!r.ok) fail('transition_not_allowed', r.message)
    // Both consents in: one more month from the current limit (or from today when it has already passed).
    const from = clock?.dueDay && clock.dueDay > today ? clock.dueDay : today
    const until = addDays(from, 30)
    const changed = await changeCase(deps, id, (d) => {
      const c = d.partyExtendConsent ?? { applicant: '', respondent: '' }
      if (c[side].trim()) fail('conflict', '您已经同意过延长调解了，等对方同意')
      const consents = { ...c, [side]: text }
      const timeline = note(d, whoOf(ctx), now, `${d[side].name}同意继续调解`, true)
      if (extensionRefusal(d.track, consents)) return { partyExtendConsent: consents, timeline }
      return {
        extendedTo: until,
        extendConsent: consents,
        partyExtendConsent: { applicant: '', respondent: '' },
        timeline: [...timeline, noteEvent(d.status, whoOf(ctx), now, `双方都同意继续调解，期限延长到${until}`, true)],
      }
    })
    const other = side === 'applicant' ? 'respondent' : 'applicant'
    if (changed.extendedTo === until && !changed.partyExtendConsent?.applicant) {
      await tellParties(deps, changed, '延长调解', `双方同意，调解延长到${until}`)
      if (changed.handler) await notifyUser(deps, changed.handler, 'progress', { caseId: changed._id, status: '延长调解', note: `双方同意，调解延长到${until}` }, `${OFFICER_PAGE}?id=${changed._id}`)
    } else {
      await notifyUser(deps, changed[other].openid, 'progress', { caseId: changed._id, status: '延长调解', note: `${changed[side].name}同意继续调解，请您也确认` }, `${MY_PAGE}?id=${changed._id}`)
    }
    return partyAnswer(deps, ctx, changed)
  },

  async 'mediation.judicialConfirmation'(deps, ctx, { id, step: which, day: on, consent, court, result, note: text }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    const now = deps.now()
    const today = stationDay(now)
    const label = routeLabel('judicial_confirmation')
    const state = () => ({
      confirmedDay: ['performing', 'resolved'].includes(doc.status) ? confirmedDayOf(doc) : null,
      appliedDay: doc.judicial?.appliedDay ?? null,
      result: doc.judicial?.result ?? null,
    })
    if (which === 'apply') {
      const refusal = judicialApplyRefusal(state(), on, today)
      if (refusal) fail(refusal.includes('不能晚于') || refusal.includes('不能早于') ? 'invalid_argument' : 'transition_not_allowed', refusal, refusal.includes('日期') ? 'day' : undefined)
      if (!consent?.trim()) fail('invalid_argument', '请记下双方同意共同申请司法确认（怎么同意的）', 'consent')
      const changed = await changeCase(deps, id, (d) => {
        if (d.judicial) fail('conflict', '这份协议已经申请过司法确认了')
        return {
          judicial: { appliedDay: on, appliedAt: now, court: court?.trim() ?? '', consent: consent.trim(), result: null, resultDay: null, note: '' },
          timeline: note(d, whoOf(ctx), now, `双方同意，协议于${on}送${court?.trim() || label}申请司法确认`, true),
        }
      })
      await tellParties(deps, changed, '司法确认', '调解协议已送人民法院申请司法确认')
      return officerAnswer(deps, ctx, changed, 'judicialConfirmation')
    }
    const refusal = judicialResultRefusal(state(), on, today)
    if (refusal) fail(refusal.includes('日期') ? 'invalid_argument' : 'transition_not_allowed', refusal, refusal.includes('日期') ? 'day' : undefined)
    if (!result) fail('invalid_argument', '请选择法院的结果', 'result')
    const changed = await changeCase(deps, id, (d) => {
      if (!d.judicial || d.judicial.result) fail('conflict', '法院的结果已经登记过了')
      return {
        judicial: { ...d.judicial, result, resultDay: on, note: text?.trim() ?? '' },
        timeline: note(d, whoOf(ctx), now, `司法确认结果（${on}）：${JUDICIAL_RESULT_LABELS[result]}${text?.trim() ? `。${text.trim()}` : ''}`, true),
      }
    })
    await tellParties(deps, changed, '司法确认', `法院${JUDICIAL_RESULT_LABELS[result]}`)
    return officerAnswer(deps, ctx, changed, 'judicialConfirmation')
  },

  async 'mediation.assessment'(deps, ctx, { id, state, day: on }) {
    const doc = await loadCase(deps, id)
    assertOnCase(doc, ctx)
    if (!['accepted', 'mediating'].includes(doc.status)) fail('transition_not_allowed', '现在不能登记伤情鉴定，请刷新后再看')
    if (doc.track !== 'police') fail('transition_not_allowed', '只有治安调解按伤情鉴定暂停期限')
    const today = stationDay(deps.now())
    if (on > today) fail('invalid_argument', '日期不能晚于今天', 'day')
    const held = doc.sessions.slice(doc.sessionsFrom).some((s) => s.outcome !== 'planned')
    if (held) fail('transition_not_allowed', '已经调解过了，期限不再因鉴定暂停')
    const a = doc.assessment
    if (state === 'awaiting') {
      if (a.needed && !a.doneDay) fail('conflict', '已经在等鉴定结果了')
      if (doc.acceptedDay && on < doc.acceptedDay) fail('invalid_argument', '开始等鉴定的日子不能早于受理那天', 'day')
    } else {
      if (!a.needed) fail('transition_not_allowed', '这件调解没有登记要做伤情鉴定，请先登记开始等鉴定')
      if (a.doneDay) fail('conflict', '鉴定结果已经登记过了')
      if (a.awaitingFrom && on < a.awaitingFrom) fail('invalid_argument', '鉴定结果出来的日子不能早于开始等鉴定那天', 'day')
    }
    const text = state === 'awaiting' ? `${on}起等伤情鉴定结果，调解期限暂停` : `伤情鉴定结果${on}已出（从${a.awaitingFrom ?? doc.acceptedDay ?? on}起暂停），3个工作日内调解`
    const changed = await changeCase(deps, id, (d) => ({
      assessment: state === 'awaiting' ? { needed: true, awaitingFrom: on, doneDay: null } : { needed: true, awaitingFrom: d.assessment.awaitingFrom ?? d.acceptedDay, doneDay: on },
      timeline: note(d, whoOf(ctx), deps.now(), text, true),
    }))
    return officerAnswer(deps, ctx, changed, 'assessment')
  },

  async 'mediation.document'(deps, ctx, { id }): Promise<AgreementDocumentLink> {
    const doc = await findById<CaseDoc>(deps.db, MEDIATION_CASES, id)
    // A party fetches only their own case's document; anyone else learns nothing, not even that the case exists.
    if (!doc || (!isStaff(ctx) && !sideOf(doc, ctx.openid))) fail('not_found', NOT_YOURS)
    const a = doc.agreement
    if (!a) fail('transition_not_allowed', '还没有调解协议书。调解达成协议后才有协议书')
    const version = documentVersion(a)
    let fileId = a.document?.version === version ? a.document.fileId : ''
    if (!fileId) {
      const signatures: SignatureImages = {}
      for (const side of ['applicant', 'respondent'] as const) {
        const sig = a.confirmations[side]?.signature
        const image = sig ? signatureImage(await deps.storage.download(sig)) : undefined
        if (image) signatures[side] = image
      }
      const vs = await villages(deps)
      const bytes = await agreementDocx({ doc, agreement: a, stationName: await stationName(deps), villageNames: new Map(vs.map((v) => [v.id, v.name])), signatures })
      // Outside uploads/ (clients cannot put files there) under a random folder; the file id stays on the server.
      fileId = await deps.storage.upload(`mediation-documents/${randomBytes(16).toString('hex')}/${documentFileName(doc.track, a.documentNo)}`, bytes)
      await updateById(deps.db, MEDIATION_CASES, id, { 'agreement.document': deps.db.command.set({ version, fileId }) })
    }
    if (isStaff(ctx)) await deps.audit({ actor: ctx.openid, action: 'mediation.document', target: doc._id })
    const urls = await deps.storage.tempUrls([fileId], DOCUMENT_LINK_SECONDS)
    const url = urls[fileId]
    if (!url) fail('internal', '协议书暂时打不开，请稍后再试')
    return { url, fileName: documentFileName(doc.track, a.documentNo), expiresAt: toIso(new Date(deps.now().getTime() + DOCUMENT_LINK_SECONDS * 1000)) }
  },

  async 'mediation.screening'(deps, ctx, { id, to, note: text }) {
    const changed = await changeCase(deps, id, (d) => ({ ...step(d, to, whoOf(ctx), deps.now(), text ?? ''), ...(to === 'clear' ? { closedAt: deps.now() } : {}) }))
    return officerAnswer(deps, ctx, changed, 'screening')
  },

  async 'mediation.withdraw'(deps, ctx, { id, reason }) {
    const doc = await loadCase(deps, id)
    const side = mySide(doc, ctx)
    if (side !== 'applicant') fail('forbidden', '只有提出申请的人可以撤回。您不想调解的话，请在“是否同意调解”里选不同意')
    const changed = await changeCase(deps, id, (d) => ({ ...step(d, 'withdraw', whoOf(ctx), deps.now(), reason ?? ''), closedAt: deps.now() }))
    await bumpMediators(deps, mediatorIds(changed), { activeCases: -1 })
    return partyAnswer(deps, ctx, changed)
  },

  async 'mediation.storyConsent'(deps, ctx, { id, agree }) {
    const doc = await loadCase(deps, id)
    const side = mySide(doc, ctx)
    const changed = await changeCase(deps, id, (d) => ({
      [side]: { ...d[side], storyConsent: agree },
      timeline: note(d, whoOf(ctx), deps.now(), agree ? `${d[side].name}同意隐去姓名后作为典型案例宣传` : `${d[side].name}不同意公开宣传`, true),
    }))
    return partyAnswer(deps, ctx, changed)
  },

  async 'mediation.draftStory'(deps, _ctx, { id }): Promise<StoryDraftPayload> {
    const doc = await loadCase(deps, id)
    if (doc.status !== 'resolved') fail('transition_not_allowed', '调解成功结案以后，才能作为典型案例宣传')
    if (!doc.applicant.storyConsent || !doc.respondent.storyConsent) fail('forbidden', '要双方当事人都同意公开，才能作为典型案例宣传')
    const vs = new Map((await villages(deps)).map((v) => [v.id, v.name]))
    const names = [doc.applicant.name, doc.respondent.name]
    const agreement = doc.agreement ?? doc.previousAgreements[doc.previousAgreements.length - 1]
    const terms = agreement ? agreement.terms.map((t) => anonymise(`${t.party === 'both' ? '双方' : t.party === 'applicant' ? '甲方' : '乙方'}${t.what}`, names)).join('；') : ''
    const lead = doc.grade ? levelInfo(doc.grade.level).lead : '民警'
    const body = anonymise(
      `${vs.get(doc.villageId) ?? '辖区'}两户村民因${kindLabel(doc.kind)}起了矛盾。${agreement ? agreement.facts.cause : ''}派出所受理后，由${lead}。经过耐心调解，双方达成协议：${terms}。协议已经履行完毕，双方和好如初。遇到矛盾不要动手，找派出所、找调解员，小事不出村，矛盾不上交。`,
      names,
    )
    const story: StoryDraftPayload = {
      category: 'case',
      severity: 'minor',
      title: `以案说法：一起${kindLabel(doc.kind)}的化解`.slice(0, 40),
      body,
      advice: ['有矛盾先找村调解员或派出所', '不要动手，不说狠话', '达成的协议要按时履行'],
      villageIds: [doc.villageId],
      expiresAt: toIso(new Date(deps.now().getTime() + 30 * 86_400_000)),
      source: { kind: 'mediation_case', caseId: doc._id },
    }
    return story
  },

  async 'mediation.queue'(deps, _ctx, { view, cursor, pageSize }): Promise<CasePage<OfficerQueueItem>> {
    const _ = deps.db.command
    const base: Record<string, unknown> =
      view === 'risk' ? { open: true, riskFlag: true } : view === 'screening' ? { status: 'screening' } : view === 'closed' ? { open: false } : { open: true }
    const where = cursor ? { ...base, queueKey: _.lt(cursor) } : base
    const docs = await findMany<CaseDoc>(deps.db.collection(MEDIATION_CASES).where(where).orderBy('queueKey', 'desc').limit(pageSize))
    const vc = await viewContext(deps)
    return { items: docs.map((d) => queueItemOf(d, vc)), nextCursor: docs.length === pageSize ? docs[docs.length - 1].queueKey : null }
  },

  async 'mediation.roster'(deps) {
    const [docs, vs] = await Promise.all([loadRoster(deps), villages(deps)])
    const names = new Map(vs.map((v) => [v.id, v.name]))
    const order = ['gold', 'silver', 'copper', 'iron', 'tin']
    return { mediators: docs.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name)).map((m) => mediatorView(m, names, true)) }
  },

  async 'mediation.saveMediator'(deps, ctx, p) {
    await assertVillage(deps, p.villageId || undefined, 'villageId')
    const now = deps.now()
    const vs = new Map((await villages(deps)).map((v) => [v.id, v.name]))
    const fields = { name: p.name, kind: p.kind, role: p.role, villageId: p.villageId, group: p.group, phone: p.phone ?? '', specialties: p.specialties, relatives: p.relatives, active: p.active, openid: p.openid, updatedAt: now }
    if (p.id) {
      const existing = await findById<MediatorDoc>(deps.db, MEDIATORS, p.id)
      if (!existing) fail('not_found', '名册里没有这位调解员，请刷新后再看')
      await updateById(deps.db, MEDIATORS, p.id, { ...fields, specialties: deps.db.command.set(p.specialties), relatives: deps.db.command.set(p.relatives) })
      deps.log('mediation.saveMediator', { by: ctx.openid, id: p.id })
      return mediatorView({ ...existing, ...fields }, vs, false)
    }
    const id = `m-${randomBytes(4).toString('hex')}`
    const doc: MediatorDoc = { _id: id, ...fields, activeCases: 0, closedCases: 0, successfulCases: 0 }
    await insert(deps.db, MEDIATORS, doc)
    return mediatorView(doc, vs, false)
  },

  async 'mediation.figures'(deps) {
    const [counters, vs] = await Promise.all([loadCounters(deps), villages(deps)])
    return figuresView(counters, vs)
  },
}

function mediatorView(m: MediatorDoc, villageNames: Map<string, string>, masked: boolean): MediatorView {
  const info = mediatorKindInfo(m.kind)
  return {
    id: m._id,
    name: m.name,
    kind: m.kind,
    kindLabel: info.motto,
    role: m.role,
    roleLabel: roleLabel(m.role),
    villageId: m.villageId,
    villageName: villageNames.get(m.villageId) ?? '',
    group: m.group,
    phone: masked ? maskPhone(m.phone) : m.phone,
    specialties: [...m.specialties],
    relatives: [...m.relatives],
    activeCases: Math.max(0, m.activeCases),
    closedCases: Math.max(0, m.closedCases),
    successfulCases: Math.max(0, m.successfulCases),
    active: m.active,
    openid: m.openid,
  }
}

export const internals = { changeCase, termsOpen }
