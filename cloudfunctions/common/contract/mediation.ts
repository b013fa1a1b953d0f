// Actions of the `mediation` function: a dispute from a villager's application (or an officer's intake or 排查)
// through the legality gate, grading, a matched team, sessions, the agreement both parties confirm, its
// performance and the 7/30/90-day follow-ups; plus the roster, the queue and the figures.
import * as v from 'valibot'
import {
  AGE_BAND_VALUES,
  DISPUTE_KIND_VALUES,
  EXCLUSION_VALUES,
  MEDIATOR_KIND_VALUES,
  MEDIATOR_ROLE_VALUES,
  OFFICER_SOURCE_VALUES,
  ROUTE_TARGET_VALUES,
  type CaseSource,
  type DisputeKind,
  type GradeReason,
  type Level,
  type MediatorKind,
  type MediatorRole,
  type RouteTarget,
  type Track,
} from '@domain/mediation'
import type { CaseStatus, StatusKind } from '@domain/mediation-lifecycle'
import type { Clock } from '@domain/mediation-clocks'
import type { FiguresView } from '@domain/mediation-figures'
import type { AlertDraftPayload } from './reports'
import { defineAction, EVERYONE, STAFF, type IsoDate } from './core'
import { fromVisit } from './households-ref'
import { cursor, date, day, fileIds, id, mobile, optionalText, pageSize, personName, text, textOrEmpty } from './fields'

export const STATEMENT_MAX = 500
export const TERMS_MAX = 10
export const PHOTOS_MAX = 9

const caseId = v.pipe(v.string('缺少调解编号'), v.trim(), v.toUpperCase(), v.regex(/^TJ\d{8}-\d{4}$/, '调解编号格式不对'))
const group = optionalText('哪个社', 10)
/** One cloud storage file id (they run far longer than record ids). */
const fileId = (label: string) => v.pipe(v.string(`${label}格式不对`), v.minLength(1, `${label}格式不对`), v.maxLength(512, `${label}格式不对`))
const optionalMobile = v.optional(v.union([v.literal(''), mobile], '手机号要11位数字，以1开头，请检查'))
/** The villager's form asks each side's age band, so the guardian rule (under 16) applies from there too. */
const ageBand = v.optional(v.picklist(AGE_BAND_VALUES, '请选择年龄段'))

const otherParty = v.object(
  {
    name: personName,
    phone: optionalMobile,
    villageId: v.optional(id('对方的村')),
    group,
    ageBand,
    /** The household (一标 address) the party lives at; resolved from the phone when left out. */
    addressId: v.optional(id('对方的住址')),
  },
  '请填写对方是谁',
)

const applicantParty = v.object(
  {
    name: personName,
    phone: mobile,
    villageId: id('村'),
    group,
    /** The household (一标 address) the party lives at; resolved from the phone when left out. */
    addressId: v.optional(id('住址')),
    age: v.optional(v.pipe(v.number('年龄要填数字'), v.integer('年龄要填整数'), v.minValue(1, '年龄填错了'), v.maxValue(120, '年龄填错了'))),
    ageBand,
  },
  '请填写申请人的姓名、电话和村',
)

const disputeKind = v.picklist(DISPUTE_KIND_VALUES, '请选择是哪一类矛盾')

// ---------------------------------------------------------------------------------------------------------------
// Views. Dates are ISO strings.

export interface PartyView {
  side: 'applicant' | 'respondent'
  name: string
  /** Masked in lists; full only in the officer's detail (audited); never shown to the other party. */
  phone: string
  villageName: string
  group: string
  joined: boolean
  consent: 'pending' | 'agreed' | 'refused'
  minor: boolean
}

export interface TeamMemberView {
  mediatorId: string
  name: string
  role: MediatorRole
  roleLabel: string
  kind: MediatorKind
  kindLabel: string
  reasons: string[]
}

export interface SessionView {
  no: number
  at: IsoDate
  place: 'room' | 'site'
  placeLabel: string
  attendees: string[]
  outcome: 'planned' | 'agreed' | 'not_agreed' | 'again'
  outcomeLabel: string
  /** Staff only. */
  notes?: string
}

export interface TermView {
  id: string
  party: 'applicant' | 'respondent' | 'both'
  partyLabel: string
  what: string
  how: string
  dueDay: string
  done: boolean
  doneAt: IsoDate | null
  overdue: boolean
}

export interface AgreementView {
  facts: { time: string; place: string; cause: string; course: string; result: string }
  terms: TermView[]
  attendees: string[]
  host: string
  confirmations: { side: 'applicant' | 'respondent'; name: string; at: IsoDate | null; via: 'app' | 'paper' | null; signed: boolean }[]
  /** 调解协议书 number, shown on the printed document. */
  documentNo: string
  /** Both parties' names as the document names them (the parties know each other's names). */
  parties: { applicant: string; respondent: string }
}

export interface AgreementDocumentLink {
  /** Signed download URL, good for `DOCUMENT_LINK_SECONDS`. */
  url: string
  fileName: string
  expiresAt: IsoDate
}

/** How long a document link works: long enough to open it, too short to pass around. */
export const DOCUMENT_LINK_SECONDS = 600

export interface FollowUpView {
  round: 7 | 30 | 90
  dueDay: string
  done: boolean
  kept: boolean | null
  relations: string
  satisfaction: number | null
}

export interface TimelineView {
  at: IsoDate
  label: string
  statusLabel: string
  note: string
  by: string
  public: boolean
}

export interface CaseSummary {
  id: string
  kind: DisputeKind
  kindLabel: string
  source: CaseSource
  sourceLabel: string
  title: string
  status: CaseStatus
  statusLabel: string
  statusKind: StatusKind
  villageName: string
  level: Level | null
  levelLabel: string
  risk: boolean
  track: Track | null
  trackLabel: string
  clock: Clock | null
  /** The limits as enforced: `expired` means only 调解不成 or a transfer (or, for 人民调解, an extension) is left. */
  limit?: { state: 'open' | 'paused' | 'expired'; dueDay: string | null; message: string } | null
  nextSession: IsoDate | null
  overdueTerms: number
  createdAt: IsoDate
  updatedAt: IsoDate
}

export interface PartyCaseView extends CaseSummary {
  view: 'party'
  side: 'applicant' | 'respondent'
  /** The caller's own statement; never the other side's. */
  myStatement: string
  otherPartyName: string
  myConsent: 'pending' | 'agreed' | 'refused'
  team: { name: string; roleLabel: string; kindLabel: string; mediatorId: string }[]
  sessions: SessionView[]
  agreement: AgreementView | null
  myConfirmation: boolean
  followUps: FollowUpView[]
  timeline: TimelineView[]
  route: { target: RouteTarget; label: string; advice: string } | null
  inviteCode: string | null
  canWithdraw: boolean
  storyConsent: boolean
  /** 司法确认 of the agreement: when it was sent to the court and the court's result. */
  judicial?: JudicialView | null
  /** 人民调解 near or past its month: the caller may consent to continue; whether each side already has. */
  extensionConsent?: { canConsent: boolean; mine: boolean; other: boolean } | null
}

export interface OfficerQueueItem extends CaseSummary {
  applicantName: string
  applicantPhone: string
  respondentName: string
  riskReasons: string[]
}

export interface OfficerCaseView extends OfficerQueueItem {
  view: 'officer'
  parties: PartyView[]
  statements: { applicant: string; respondent: string }
  want: string
  place: string
  happenedAt: IsoDate | null
  photos: { fileId: string; url: string }[]
  grade: { level: Level; proposed: Level; reasons: GradeReason[]; overrideReason: string; lead: string } | null
  gate: { ok: boolean; text: string } | null
  team: TeamMemberView[]
  recommendation: { team: TeamMemberView[]; missing: string[]; excluded: { name: string; reason: string }[] } | null
  objections: { side: string; mediatorName: string; reason: string; at: IsoDate }[]
  sessions: SessionView[]
  agreement: AgreementView | null
  followUps: FollowUpView[]
  timeline: TimelineView[]
  moves: { name: string; label: string; needsNote: boolean }[]
  route: { target: RouteTarget; label: string; reason: string } | null
  inviteCode: string | null
  storyConsent: { applicant: boolean; respondent: boolean }
  reportId: string | null
  /** 伤情鉴定: needed, since when it is awaited (clock paused) and when its result came out. */
  assessment?: { needed: boolean; awaitingFrom: string | null; doneDay: string | null }
  /** 人民调解 extended: to when, with each party's recorded consent. */
  extension?: { until: string; consents: { applicant: string; respondent: string } } | null
  /** A party refused mediation and the case waits for the officer to transfer it. */
  refusedBy?: string | null
  /** 司法确认: null until applied; `canApply` while a confirmed agreement is within its 30 days. */
  judicial?: JudicialView | null
  judicialCanApply?: { lastDay: string } | null
  /** Consents the parties gave in the app to continue 人民调解 (the extension takes effect with both). */
  partyExtensionConsents?: { applicant: boolean; respondent: boolean }
}

export interface JudicialView {
  /** The RouteTarget `judicial_confirmation` label. */
  label: string
  appliedDay: string
  court: string
  consent: string
  result: 'valid' | 'rejected' | null
  resultLabel: string
  resultDay: string | null
  note: string
}

/** What the alerts compose page opens for a 评晒 typical case (fields as `alerts.publish` takes them). */
export type StoryDraftPayload = Omit<AlertDraftPayload, 'source'> & { source: { kind: 'mediation_case'; caseId: string } }

export interface CasePage<T> {
  items: T[]
  nextCursor: string | null
}

export interface MediatorView {
  id: string
  name: string
  kind: MediatorKind
  kindLabel: string
  role: MediatorRole
  roleLabel: string
  villageId: string
  villageName: string
  group: string
  phone: string
  specialties: DisputeKind[]
  relatives: string[]
  activeCases: number
  closedCases: number
  successfulCases: number
  active: boolean
  openid: string
}

// ---------------------------------------------------------------------------------------------------------------
// Requests.

const facts = v.object({
  violation: v.boolean('请选择有没有违反治安管理'),
  exclusions: v.optional(v.array(v.picklist(EXCLUSION_VALUES, '不适用调解的情形不对'), '不适用调解的情形不对'), []),
  injury: v.optional(v.picklist(['none', 'minor', 'assessment'], '受伤情况不对'), 'none'),
  amount: v.optional(v.pipe(v.number('金额要填数字'), v.minValue(0, '金额不能是负数'), v.maxValue(100_000_000, '金额太大了，请检查')), 0),
  people: v.optional(v.pipe(v.number('人数要填数字'), v.integer('人数要填整数'), v.minValue(2, '至少2个人'), v.maxValue(1000, '人数太多了，请检查')), 2),
  priorClashes: v.optional(v.pipe(v.number('以前闹过几次要填数字'), v.integer('次数要填整数'), v.minValue(0, '次数不对'), v.maxValue(100, '次数不对')), 0),
  threats: v.optional(v.boolean('威胁选项不对'), false),
  weapons: v.optional(v.boolean('器械选项不对'), false),
  difficulty: v.optional(v.picklist(['easy', 'normal', 'hard'], '难易程度不对'), 'normal'),
}, '请填写案情：有没有违反治安管理、受伤和金额')

const term = v.object({
  party: v.picklist(['applicant', 'respondent', 'both'], '请选择由谁来做'),
  what: text('要做的事', 100),
  how: v.optional(textOrEmpty('履行方式', 50)),
  dueDay: day('完成日期'),
}, '协议内容要写明谁、做什么、怎么做、哪天前做完')

export const mediationActions = {
  /** A villager asks for mediation. Retried with the same requestId it returns the first case. */
  'mediation.apply': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      kind: disputeKind,
      me: applicantParty,
      other: otherParty,
      what: text('发生了什么', STATEMENT_MAX),
      want: text('您希望怎么解决', 200),
      place: text('在哪里发生的', 100),
      happenedAt: v.optional(date('发生时间')),
      photos: fileIds('照片', PHOTOS_MAX),
      minorInvolved: v.optional(v.boolean('未成年人选项不对'), false),
    }),
  }),

  /** An officer registers a walk-in, a 110 call, a home visit, a report turned into a dispute, or a 排查 entry. */
  'mediation.register': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      source: v.picklist(OFFICER_SOURCE_VALUES, '请选择案件来源'),
      kind: disputeKind,
      applicant: applicantParty,
      other: otherParty,
      what: text('发生了什么', STATEMENT_MAX),
      want: optionalText('当事人诉求', 200),
      place: text('地点', 100),
      villageId: id('村'),
      reportId: v.optional(v.pipe(v.string('举报编号格式不对'), v.regex(/^PC\d{8}-\d{4}$/, '举报编号格式不对'))),
      /** 排查: who logged the brewing conflict (治安户长、网格员、民警). */
      reportedBy: optionalText('排查人', 20),
      /** A concern raised on an officer's visit (走访): the concern remembers the case. */
      fromVisit,
    }),
  }),

  'mediation.mine': defineAction<CasePage<CaseSummary>>()({
    roles: EVERYONE,
    request: v.object({ cursor, pageSize }),
  }),

  /** A party gets the party view of their own case; staff get the full view (phones shown and audited). */
  'mediation.get': defineAction<PartyCaseView | OfficerCaseView>()({
    roles: EVERYONE,
    request: v.object({ id: caseId }),
  }),

  /** The other party joins with the invite code from the share card or QR. */
  'mediation.join': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ code: v.pipe(v.string('请填写邀请码'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{6}$/, '邀请码是6位字母或数字，请检查')) }),
  }),

  /** The invite as a 小程序码 the applicant shows or sends to the other side (scene `join=<code>`). */
  'mediation.inviteQr': defineAction<{ code: string; image: string }>()({
    roles: EVERYONE,
    request: v.object({ id: caseId }),
  }),

  /** Each party says whether they agree to mediation; a refusal routes the case. Staff record it for a party without the app. */
  'mediation.consent': defineAction<PartyCaseView | OfficerCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId, agree: v.boolean('请选择同意或不同意'), side: v.optional(v.picklist(['applicant', 'respondent'], '当事人不对')), reason: optionalText('原因', 200) }),
  }),

  /** Gate then grade: an excluded case is routed with its reasons; otherwise accepted at a level (override needs a reason). */
  'mediation.review': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      facts,
      level: v.optional(v.picklist([1, 2, 3, 4, 5], '等级不对')),
      levelReason: optionalText('改等级的理由', 200),
      assessmentDoneDay: v.optional(day('鉴定结果出来的日期')),
      /** Where an excluded case goes when the rules leave a choice (a civil matter: 调委会, 司法所 or the court). */
      routeTo: v.optional(v.picklist(ROUTE_TARGET_VALUES, '请选择转给哪里')),
    }),
  }),

  'mediation.route': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, to: v.picklist(ROUTE_TARGET_VALUES, '请选择转给哪里'), reason: text('转交原因', 200) }),
  }),

  /** Sets the team: the recommendation when no ids are given. A mediator who must stand aside is refused. */
  'mediation.team': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, mediatorIds: v.optional(v.pipe(v.array(id('调解员'), '调解员格式不对'), v.maxLength(8, '调解员最多8位'))) }),
  }),

  /** A party objects to a mediator (回避): recorded, and the mediator is replaced. */
  'mediation.object': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId, mediatorId: id('调解员'), reason: text('回避理由', 200) }),
  }),

  /** Books a session: in the 调解室 (one case per hour) or on site. */
  'mediation.schedule': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      place: v.picklist(['room', 'site'], '请选择在调解室还是现场'),
      at: date('调解时间'),
      siteAddress: optionalText('现场地址', 100),
      attendees: v.optional(v.array(text('参加人', 30), '参加人格式不对'), []),
    }),
  }),

  'mediation.recordSession': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      no: v.pipe(v.number('第几次调解不对'), v.integer('第几次调解不对'), v.minValue(1, '第几次调解不对')),
      outcome: v.picklist(['agreed', 'not_agreed', 'again'], '请选择调解结果'),
      notes: optionalText('调解记录', 1000),
      attendees: v.optional(v.array(text('参加人', 30), '参加人格式不对'), []),
    }),
  }),

  /** Drafts the 调解协议书: what happened and the terms, each with a due day. */
  'mediation.agreement': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      facts: v.object(
        {
          time: text('事情发生的时间', 50),
          place: text('地点', 100),
          cause: text('起因', 300, { multiline: true }),
          course: text('经过', 500, { multiline: true }),
          result: text('后果', 300, { multiline: true }),
        },
        '请写明事情发生的时间、地点、起因、经过和后果',
      ),
      terms: v.pipe(v.array(term, '协议内容格式不对'), v.minLength(1, '请至少写一条协议内容'), v.maxLength(TERMS_MAX, `协议内容最多${TERMS_MAX}条`)),
      attendees: v.optional(v.array(text('在场人员', 30), '在场人员格式不对'), []),
    }),
  }),

  /** A party confirms the agreement in the app; staff confirm for a party with a photo of the signed paper. */
  'mediation.confirm': defineAction<PartyCaseView | OfficerCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({
      id: caseId,
      side: v.optional(v.picklist(['applicant', 'respondent'], '当事人不对')),
      signature: v.optional(fileId('签名')),
      paperPhoto: v.optional(fileId('签字协议的照片')),
    }),
  }),

  'mediation.termDone': defineAction<PartyCaseView | OfficerCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId, termId: id('协议条目') }),
  }),

  /**
   * The mediator's 7/30/90-day check: whether the agreement is kept, how relations are, satisfaction 1–5. A party
   * answers their own check with the 回访 survey of that round (followups.answer), opened when the round comes due.
   */
  'mediation.followUp': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      round: v.picklist([7, 30, 90], '回访轮次不对'),
      kept: v.boolean('请选择协议有没有履行'),
      relations: text('双方关系怎么样', 100),
      satisfaction: v.pipe(v.number('满意度不对'), v.integer('满意度不对'), v.minValue(1, '满意度是1到5分'), v.maxValue(5, '满意度是1到5分')),
      note: optionalText('回访记录', 300),
    }),
  }),

  /** Closes as 调解成功 (agreement kept) or 调解不成. */
  'mediation.close': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, outcome: v.picklist(['resolved', 'failed'], '请选择结案结果'), note: optionalText('结案说明', 300) }),
  }),

  /** A broken agreement reopens the same case. */
  'mediation.reopen': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, reason: text('重新调解的原因', 200) }),
  }),

  /** 人民调解 past one month only with both parties' consent, recorded. */
  'mediation.extend': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      until: day('延长到哪天'),
      consents: v.object({ applicant: text('申请人同意的记录', 200), respondent: text('对方同意的记录', 200) }, '请分别记下双方同意继续调解'),
    }),
  }),

  /**
   * A party consents in the app to continue 人民调解 near or past its month; the extension takes effect once both
   * parties' consents are recorded (the same two-consent rule as `mediation.extend`).
   */
  'mediation.consentExtension': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId }),
  }),

  /**
   * 司法确认 of a confirmed agreement (《人民调解法》第三十三条): the officer records that both parties consent to apply
   * jointly and the day it went to the court (`apply`, within 30 days of the agreement taking effect), later the
   * court's result (`result`: 确认有效 / 驳回). Each is a public timeline event; the case does not close.
   */
  'mediation.judicialConfirmation': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: caseId,
      step: v.picklist(['apply', 'result'], '请选择要登记的步骤'),
      day: day('日期'),
      /** `apply`: how both parties consented to apply jointly. */
      consent: optionalText('双方同意申请的记录', 200),
      court: optionalText('受理法院', 50),
      /** `result`: the court's ruling. */
      result: v.optional(v.picklist(['valid', 'rejected'], '请选择法院的结果')),
      note: optionalText('结果说明', 200),
    }),
  }),

  /** 伤情鉴定: the 治安调解 clock pauses from the day it is awaited until the day its result is out (both recorded). */
  'mediation.assessment': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, state: v.picklist(['awaiting', 'done'], '请选择开始等鉴定还是鉴定结果已出'), day: day('日期') }),
  }),

  /**
   * The 调解协议书 as a Word document: a short-lived download link, for the case's parties and staff only. The
   * file lives in cloud storage under a random path; its file id is never handed out.
   */
  'mediation.document': defineAction<AgreementDocumentLink>()({
    roles: EVERYONE,
    request: v.object({ id: caseId }),
  }),

  /** 排查台账: turn a logged conflict into a case, or record that it has calmed down. */
  'mediation.screening': defineAction<OfficerCaseView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({ id: caseId, to: v.picklist(['file', 'clear'], '请选择转为案件或已消除'), note: optionalText('说明', 200) }),
  }),

  'mediation.withdraw': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId, reason: optionalText('撤回原因', 100) }),
  }),

  /** A party agrees (or not) to an anonymised summary being published as a typical case (评晒). */
  'mediation.storyConsent': defineAction<PartyCaseView>()({
    roles: EVERYONE,
    idempotent: true,
    request: v.object({ id: caseId, agree: v.boolean('请选择同意或不同意') }),
  }),

  /** An anonymised 以案说法 draft for the alerts compose page; both parties must have agreed. */
  'mediation.draftStory': defineAction<StoryDraftPayload>()({
    roles: STAFF,
    request: v.object({ id: caseId }),
  }),

  /** The officers' queue: risk first, then level, then oldest. `view`: open work, risk only, overdue, or the 排查台账. */
  'mediation.queue': defineAction<CasePage<OfficerQueueItem>>()({
    roles: STAFF,
    request: v.object({ view: v.optional(v.picklist(['open', 'risk', 'screening', 'closed'], '筛选不对'), 'open'), cursor, pageSize }),
  }),

  'mediation.roster': defineAction<{ mediators: MediatorView[] }>()({
    roles: STAFF,
    request: v.object({}),
  }),

  'mediation.saveMediator': defineAction<MediatorView>()({
    roles: STAFF,
    idempotent: true,
    request: v.object({
      id: v.optional(v.pipe(v.string('调解员编号不对'), v.regex(/^[a-z0-9-]{2,40}$/, '调解员编号不对'))),
      name: personName,
      kind: v.picklist(MEDIATOR_KIND_VALUES, '请选择金银铜铁锡哪一类'),
      role: v.picklist(MEDIATOR_ROLE_VALUES, '请选择身份'),
      villageId: v.optional(v.union([v.literal(''), id('村')], '村不对'), ''),
      group: textOrEmpty('社', 10),
      phone: optionalMobile,
      specialties: v.optional(v.array(disputeKind, '擅长格式不对'), []),
      relatives: v.optional(v.pipe(v.array(personName, '亲属格式不对'), v.maxLength(30, '亲属最多30位')), []),
      active: v.optional(v.boolean('在岗选项不对'), true),
      openid: v.optional(v.union([v.literal(''), id('账号')], '账号不对'), ''),
    }),
  }),

  'mediation.figures': defineAction<FiguresView>()({
    roles: STAFF,
    request: v.object({}),
  }),
} as const
