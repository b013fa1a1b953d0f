// Demo mediation of 平川派出所: the 金银铜铁锡 roster and one case in every state — 浇水顺序纠纷 in session, a
// 宅基地界线 at risk, 农资赊账 awaiting a signature, 家庭赡养 being carried out, 邻里损坏围栏 resolved — plus a fresh
// application, 排查台账 entries, a routed fight and a failed debt case; dates relative to `now`. The figures are
// computed from these cases, not typed in.
import type { CaseDoc, MediatorDoc, PartyDoc, SessionDoc, TermDoc } from '../../cloudfunctions/mediation/store'
import { escalationRisk, gradeCase, legalityGate, levelInfo, type CaseFacts, type DisputeKind, type Level, type MediatorKind, type MediatorRole } from '@domain/mediation'
import { followUpDays } from '@domain/mediation-clocks'
import { closeIncrements, followUpIncrements, gradeIncrements, intakeIncrements, type FigureCounters } from '@domain/mediation-figures'
import { createdCaseEvent, noteEvent, type CaseEvent, type CaseStatus, isOpenCase } from '@domain/mediation-lifecycle'
import { addDays, daysBetween, stationDay, stationDayKey, stationInstant } from '@domain/station-time'
import type { SeedDoc, SeedModule } from './index'

const DAY = 86_400_000
const OFFICER = { actor: 'officer' as const, by: 'dev-officer', name: '王警官' }

type Mediator = Omit<MediatorDoc, 'updatedAt'>

function mediator(id: string, name: string, kind: MediatorKind, role: MediatorRole, over: Partial<Mediator> = {}): Mediator {
  return { _id: id, name, kind, role, villageId: '', group: '', phone: '', specialties: [], relatives: [], active: true, openid: '', activeCases: 0, closedCases: 0, successfulCases: 0, ...over }
}

export const ROSTER: readonly Mediator[] = [
  mediator('m-wang', '王警官', 'iron', 'police', { openid: 'dev-officer', phone: '13800000002', specialties: ['damages', 'neighbour'], closedCases: 46, successfulCases: 45 }),
  mediator('m-zhao', '赵警官', 'gold', 'police', { openid: 'dev-officer-2', phone: '13800000003', specialties: ['land', 'debt'], closedCases: 31, successfulCases: 30 }),
  mediator('m-li', '李所长', 'silver', 'police', { openid: 'dev-admin', phone: '13800000001', specialties: ['land'], closedCases: 22, successfulCases: 21 }),
  mediator('m-liu', '刘辅警', 'iron', 'auxiliary', { phone: '13800000011' }),
  mediator('m-ma', '马德胜', 'copper', 'household_head', { villageId: 'pingchuan', group: '三社', phone: '13800000021', specialties: ['neighbour'] }),
  mediator('m-feng', '冯玉山', 'tin', 'household_head', { villageId: 'pingchuan', group: '五社', phone: '13800000022', specialties: ['neighbour', 'family'] }),
  mediator('m-gao', '高永福', 'copper', 'household_head', { villageId: 'luwan', group: '二社', phone: '13800000023', specialties: ['neighbour'] }),
  mediator('m-wu', '吴桂芳', 'silver', 'people_mediator', { villageId: 'luwan', group: '一社', phone: '13800000031', specialties: ['land', 'farm_supply'], closedCases: 40, successfulCases: 39 }),
  mediator('m-zheng', '郑秀兰', 'copper', 'people_mediator', { villageId: 'pingchuan', group: '一社', phone: '13800000032', specialties: ['family', 'neighbour'], closedCases: 28, successfulCases: 27 }),
  mediator('m-tian', '田春花', 'tin', 'people_mediator', { villageId: 'sanyi', group: '二社', phone: '13800000033', specialties: ['family'] }),
  mediator('m-he', '何老支书', 'tin', 'elder', { villageId: 'pingchuan', group: '三社', phone: '13800000041', relatives: ['张桂兰'], specialties: ['family', 'land'] }),
  mediator('m-zhou', '周明德', 'gold', 'worthy', { villageId: 'wulidun', group: '四社', phone: '13800000042', specialties: ['debt', 'farm_supply'] }),
  mediator('m-qian', '钱法官', 'gold', 'judge', { phone: '13800000051', specialties: ['land', 'debt', 'family'] }),
  mediator('m-sun', '孙律师', 'silver', 'lawyer', { phone: '13800000061', specialties: ['debt', 'damages', 'farm_supply'] }),
]

function person(side: PartyDoc['side'], openid: string | null, name: string, phone: string, villageId: string, group: string, statement: string, over: Partial<PartyDoc> = {}): PartyDoc {
  return { side, openid, name, phone, villageId, group, age: null, statement, consent: 'pending', storyConsent: false, ...over }
}

const calm: CaseFacts = { violation: false, exclusions: [], injury: 'none', amount: 0, people: 2, priorClashes: 0, threats: false, weapons: false, difficulty: 'easy' }

interface Plan {
  seq: number
  daysAgo: number
  kind: DisputeKind
  source: CaseDoc['source']
  status: CaseStatus
  villageId: string
  place: string
  want: string
  applicant: PartyDoc
  respondent: PartyDoc
  facts?: CaseFacts
  team?: string[]
  sessions?: Omit<SessionDoc, 'day'>[]
  agreement?: { facts: NonNullable<CaseDoc['agreement']>['facts']; terms: Omit<TermDoc, 'reminded' | 'doneBy'>[]; confirmedDaysAgo?: number; applicantConfirmed?: boolean }
  followUps?: { round: 7 | 30 | 90; kept: boolean; relations: string; satisfaction: number }[]
  route?: CaseDoc['route']
  reportedBy?: string
  events: { daysAgo: number; text: string; public?: boolean }[]
}

function build(now: Date, p: Plan, counters: FigureCounters, roster: Map<string, Mediator>): CaseDoc {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  const createdAt = at(p.daysAgo)
  const id = `TJ${stationDayKey(createdAt)}-${String(p.seq).padStart(4, '0')}`
  const facts = p.facts ?? null
  const grade = facts ? gradeCase(p.kind, facts) : null
  const gate = facts ? legalityGate(facts) : null
  const risk = facts ? escalationRisk(facts) : { flagged: false, reasons: [] }
  const accepted = gate?.ok ? at(p.daysAgo - 1) : null
  const team = (p.team ?? []).map((mid) => {
    const m = roster.get(mid)
    if (!m) throw new Error(`seed mediation: no mediator ${mid}`)
    return { mediatorId: mid, name: m.name, role: m.role, kind: m.kind, openid: m.openid, reasons: [levelInfo((grade?.level ?? 1) as Level).lead] }
  })
  const timeline: CaseEvent[] = [createdCaseEvent(p.source === 'screening' ? 'screening' : 'applied', p.source === 'app' ? { actor: 'party', by: p.applicant.openid ?? '', name: p.applicant.name } : OFFICER, createdAt, p.source === 'screening' ? '登记到排查台账' : '提交调解申请')]
  for (const e of p.events) timeline.push({ ...noteEvent(p.status, OFFICER, at(e.daysAgo), e.text, e.public ?? true), move: 'note' })
  const confirmedAt = p.agreement?.confirmedDaysAgo !== undefined ? at(p.agreement.confirmedDaysAgo) : null
  const followPlan = confirmedAt ? followUpDays(confirmedAt) : []
  const closed = !isOpenCase(p.status)
  const doc: CaseDoc = {
    _id: id,
    kind: p.kind,
    source: p.source,
    status: p.status,
    open: isOpenCase(p.status),
    villageId: p.villageId,
    place: p.place,
    want: p.want,
    happenedAt: at(p.daysAgo + 1),
    photos: [],
    minorInvolved: false,
    applicant: p.applicant,
    respondent: p.respondent,
    partyIds: [p.applicant.openid, p.respondent.openid].filter((x): x is string => Boolean(x)),
    inviteCode: `S${String(p.seq).padStart(5, '0')}`,
    reportId: null,
    reportedBy: p.reportedBy ?? '',
    facts,
    track: gate?.ok ? gate.track : null,
    gate: gate ? (gate.ok ? { ok: true, text: gate.reason } : { ok: false, text: `不适用调解：${gate.reasons.join('；')}` }) : null,
    grade: grade && gate?.ok ? { level: grade.level, proposed: grade.level, points: grade.points, reasons: grade.reasons, overrideReason: '' } : null,
    risk: { ...risk, notifiedAt: risk.flagged ? accepted : null },
    riskFlag: risk.flagged,
    handler: facts ? 'dev-officer' : null,
    handlerName: facts ? '王警官' : '',
    team,
    objections: [],
    sessions: (p.sessions ?? []).map((s) => ({ ...s, day: stationDay(s.at) })),
    sessionsFrom: 0,
    agreement: p.agreement
      ? {
          facts: p.agreement.facts,
          terms: p.agreement.terms.map((t) => ({ ...t, doneBy: t.done ? 'dev-officer' : '', reminded: false })),
          attendees: team.map((m) => m.name),
          host: '王警官',
          documentNo: `${id}-1`,
          draftedAt: at(p.agreement.confirmedDaysAgo ?? 1),
          confirmations: {
            applicant: confirmedAt || p.agreement.applicantConfirmed ? { at: confirmedAt ?? at(0.5), via: 'app', by: p.applicant.openid ?? '', signature: '', paperPhoto: '' } : null,
            respondent: confirmedAt ? { at: confirmedAt, via: p.respondent.openid ? 'app' : 'paper', by: p.respondent.openid ?? 'dev-officer', signature: '', paperPhoto: '' } : null,
          },
          confirmedAt,
        }
      : null,
    previousAgreements: [],
    followUps: followPlan.map((f) => {
      const done = p.followUps?.find((x) => x.round === f.round)
      return { ...f, done: Boolean(done), kept: done?.kept ?? null, relations: done?.relations ?? '', satisfaction: done?.satisfaction ?? null, note: '', at: done ? stationInstant(f.dueDay, '10:00') : null, reminded: Boolean(done) }
    }),
    route: p.route ?? null,
    acceptedAt: accepted,
    acceptedDay: accepted ? stationDay(accepted) : null,
    assessment: { needed: facts?.injury === 'assessment', doneDay: null },
    extendedTo: null,
    extendConsent: '',
    closedAt: closed ? at(0.2) : null,
    counted: null,
    timeline,
    queueKey: '',
    createdAt,
    createdKey: createdAt.toISOString(),
    updatedAt: at(0.1),
  }
  doc.queueKey = `${doc.riskFlag ? 1 : 0}${doc.grade?.level ?? 0}${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}`
  const add = (inc: FigureCounters) => {
    for (const [k, v] of Object.entries(inc)) counters[k] = (counters[k] ?? 0) + v
  }
  add(intakeIncrements(doc))
  if (doc.grade) add(gradeIncrements(doc.grade.level, null))
  for (const f of doc.followUps) if (f.done && f.satisfaction) add(followUpIncrements(f.satisfaction))
  if (p.status === 'resolved' || p.status === 'failed' || p.status === 'routed') {
    const days = daysBetween(stationDay(createdAt), stationDay(doc.closedAt ?? now))
    const outcome = p.status
    doc.counted = { outcome, days, kinds: team.map((m) => m.kind) }
    add(closeIncrements(outcome, days, doc.counted.kinds, doc.route?.target ?? null))
  }
  return doc
}

/** Nests flat counter keys (`kind.land`) the way `_.inc` on `counters.kind.land` stores them. */
function nest(flat: FigureCounters): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.')
    let node = out
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>
    node[parts[parts.length - 1]] = value
  }
  return out
}

export const seed: SeedModule = ({ now }) => {
  const roster = new Map(ROSTER.map((m) => [m._id, m]))
  const counters: FigureCounters = {}
  const today = stationDay(now)
  const tomorrowTen = stationInstant(addDays(today, 1), '10:00')
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  const plans: Plan[] = [
    {
      // 1. Whose turn it is to water: in mediation, a session in the room tomorrow at 10:00.
      seq: 1, daysAgo: 3, kind: 'neighbour', source: 'app', status: 'mediating', villageId: 'pingchuan', place: '平川村三社东头水渠',
      want: '按排好的顺序浇水，他家不能再抢水',
      applicant: person('applicant', 'dev-resident-1', '张桂兰', '13900000001', 'pingchuan', '三社', '轮到我家浇水，王淑珍家把水口堵了，先浇了她家的玉米地，两家吵了起来。', { consent: 'agreed' }),
      respondent: person('respondent', 'dev-resident-9', '王淑珍', '13900000009', 'pingchuan', '一社', '我家地在上游，玉米快旱死了，先浇一会儿不算抢。', { consent: 'agreed' }),
      facts: { ...calm, difficulty: 'easy' }, team: ['m-feng', 'm-zheng'],
      sessions: [{ no: 1, at: tomorrowTen, place: 'room', siteAddress: '', attendees: ['张桂兰', '王淑珍', '冯玉山', '郑秀兰'], outcome: 'planned', notes: '', seatKey: `${addDays(today, 1)}T10:00` }],
      events: [{ daysAgo: 2, text: '定为一级：治安户长就地调解' }, { daysAgo: 1, text: '第1次调解定在明天10:00，派出所调解室' }],
    },
    {
      // 2. A homestead boundary, with threats: accepted at a high level, risk flagged, the other side not yet agreed.
      seq: 1, daysAgo: 2, kind: 'land', source: 'walk_in', status: 'accepted', villageId: 'luwan', place: '芦湾村五社刘家宅基地西墙',
      want: '按老地契把界桩重新立好',
      applicant: person('applicant', 'dev-resident-2', '刘建国', '13900000002', 'luwan', '五社', '邻居孙家盖新房往我家这边多占了半米，拆了我家的界桩。', { consent: 'agreed' }),
      respondent: person('respondent', null, '孙富贵', '13700001111', 'luwan', '五社', '', {}),
      facts: { ...calm, priorClashes: 2, threats: true, amount: 8000, difficulty: 'normal' },
      events: [{ daysAgo: 1.5, text: '定为四级：民警主持，五老乡贤参加联调' }, { daysAgo: 1.5, text: '孙富贵扬言“谁动墙就跟谁拼命”，已报告所长', public: false }],
    },
    {
      // 3. Pesticide bought on credit: the agreement is drafted, the applicant has confirmed, the shop owner not yet.
      seq: 1, daysAgo: 9, kind: 'farm_supply', source: 'call_110', status: 'agreement_pending', villageId: 'wulidun', place: '五里墩村丰收农资店',
      want: '把赊的账算清楚，多算的钱不给',
      applicant: person('applicant', 'dev-resident-3', '马秀英', '13900000003', 'wulidun', '二社', '去年春天赊了化肥和种子，说好秋收后给钱，店里现在要的比账本上多了一千多。', { consent: 'agreed' }),
      respondent: person('respondent', null, '丰收农资店 韩老板', '13700002222', 'wulidun', '四社', '', { consent: 'agreed' }),
      facts: { ...calm, amount: 4600, difficulty: 'normal' }, team: ['m-wu', 'm-zhou'],
      sessions: [{ no: 1, at: at(2), place: 'site', siteAddress: '五里墩村委会', attendees: ['马秀英', '韩老板', '吴桂芳', '周明德'], outcome: 'agreed', notes: '对账后确认多算1200元是利息，双方同意免去利息', seatKey: null }],
      agreement: {
        facts: { time: '2026年春耕时', place: '五里墩村丰收农资店', cause: '赊购化肥种子，约定秋收后付款', course: '秋后结账时双方对金额有争议，多次争吵', result: '未付款，双方关系紧张' },
        terms: [
          { id: 't1', party: 'applicant', what: '付清货款3400元', dueDay: addDays(today, 12), done: false, doneAt: null },
          { id: 't2', party: 'respondent', what: '免去多算的1200元，当面交还欠条', dueDay: addDays(today, 12), done: false, doneAt: null },
        ],
        applicantConfirmed: true,
      },
      events: [{ daysAgo: 8, text: '定为二级：村人民调解员调解，社区民警指导' }, { daysAgo: 2, text: '第1次调解：达成协议' }, { daysAgo: 1, text: '马秀英确认了调解协议' }],
    },
    {
      // 4. Supporting an old mother: the agreement is being carried out; one term is overdue; the 7-day follow-up done.
      seq: 1, daysAgo: 26, kind: 'family', source: 'home_visit', status: 'performing', villageId: 'sanyi', place: '三一村一社陈家',
      want: '三个儿子轮流照顾老母亲，每月给生活费',
      applicant: person('applicant', 'dev-resident-4', '陈志强', '13900000004', 'sanyi', '一社', '母亲82岁，两个哥哥都不管，全压在我一家身上。', { consent: 'agreed' }),
      respondent: person('respondent', null, '陈志刚', '13700003333', 'sanyi', '一社', '', { consent: 'agreed' }),
      facts: { ...calm, people: 4, priorClashes: 1, difficulty: 'normal' }, team: ['m-tian', 'm-he'],
      sessions: [{ no: 1, at: at(20), place: 'site', siteAddress: '三一村一社陈家', attendees: ['陈志强', '陈志刚', '陈志明', '田春花', '何老支书'], outcome: 'agreed', notes: '老人想跟小儿子住，两个哥哥出钱', seatKey: null }],
      agreement: {
        facts: { time: '今年以来', place: '三一村一社陈家', cause: '老母亲年老多病，赡养分工不明', course: '兄弟之间多次争吵，老人伤心', result: '老人由小儿子一家照顾，生活费无人分担' },
        terms: [
          { id: 't1', party: 'respondent', what: '每月10日前给母亲生活费500元', dueDay: addDays(today, -3), done: false, doneAt: null },
          { id: 't2', party: 'both', what: '每周轮流回家看望母亲一次', dueDay: addDays(today, 20), done: false, doneAt: null },
          { id: 't3', party: 'applicant', what: '母亲住小儿子家，照顾日常起居', dueDay: addDays(today, -10), done: true, doneAt: at(12) },
        ],
        confirmedDaysAgo: 18,
      },
      followUps: [{ round: 7, kept: true, relations: '兄弟见面能说话了', satisfaction: 4 }],
      events: [{ daysAgo: 25, text: '定为二级：村人民调解员调解，社区民警指导' }, { daysAgo: 18, text: '双方都确认了，协议开始履行' }, { daysAgo: 11, text: '7天回访：协议在履行，兄弟见面能说话了，满意度4分' }],
    },
    {
      // 5. A neighbour's cattle broke a fence: resolved, follow-ups kept, both agreed to be a typical case.
      seq: 1, daysAgo: 100, kind: 'damages', source: 'app', status: 'resolved', villageId: 'siba', place: '四坝村四社杨家菜园',
      want: '赔修围栏的钱，以后把牛拴好',
      applicant: person('applicant', 'dev-resident-5', '杨玉梅', '13900000005', 'siba', '四社', '邻居李家的牛撞坏了我家菜园的铁丝围栏，菜被吃了一半，去说还被骂。', { consent: 'agreed', storyConsent: true }),
      respondent: person('respondent', null, '李富民', '13700004444', 'siba', '三社', '', { consent: 'agreed', storyConsent: true }),
      facts: { ...calm, violation: true, amount: 800, priorClashes: 1, difficulty: 'easy' }, team: ['m-wang', 'm-ma'],
      sessions: [{ no: 1, at: at(97), place: 'room', siteAddress: '', attendees: ['杨玉梅', '李富民', '王警官'], outcome: 'agreed', notes: '李富民认错，同意赔偿并修好围栏', seatKey: null }],
      agreement: {
        facts: { time: '8月的一天傍晚', place: '四坝村四社杨家菜园', cause: '李家的牛没拴好，撞进杨家菜园', course: '杨玉梅上门理论，两人争吵，李富民推了杨玉梅一把', result: '围栏损坏约10米，蔬菜被毁，无人受伤' },
        terms: [
          { id: 't1', party: 'respondent', what: '赔偿围栏和蔬菜损失800元', dueDay: addDays(today, -90), done: true, doneAt: at(95) },
          { id: 't2', party: 'respondent', what: '当面向杨玉梅道歉', dueDay: addDays(today, -96), done: true, doneAt: at(96) },
          { id: 't3', party: 'respondent', what: '修复损坏的围栏', dueDay: addDays(today, -88), done: true, doneAt: at(89) },
        ],
        confirmedDaysAgo: 96,
      },
      followUps: [
        { round: 7, kept: true, relations: '见面打招呼了', satisfaction: 5 },
        { round: 30, kept: true, relations: '关系正常', satisfaction: 5 },
        { round: 90, kept: true, relations: '牛一直拴着，没再发生', satisfaction: 5 },
      ],
      events: [{ daysAgo: 99, text: '定为二级' }, { daysAgo: 96, text: '双方都确认了，协议开始履行' }, { daysAgo: 5, text: '协议履行完毕，调解成功' }],
    },
    {
      // 6. A fresh application from the app: sheep got into the wheat.
      seq: 1, daysAgo: 0.2, kind: 'neighbour', source: 'app', status: 'applied', villageId: 'huangjiapu', place: '黄家堡村六社麦地',
      want: '赔几袋麦子，以后把羊圈好',
      applicant: person('applicant', 'dev-resident-6', '黄德福', '13900000006', 'huangjiapu', '六社', '邻居家的羊三次跑进我家麦地，啃了一大片。', {}),
      respondent: person('respondent', null, '白建军', '13700005555', 'huangjiapu', '六社', '', {}),
      events: [],
    },
    {
      // 7. 排查台账: a grid worker logged two brothers quarrelling over dividing land.
      seq: 2, daysAgo: 4, kind: 'land', source: 'screening', status: 'screening', villageId: 'beitan', place: '北滩村一社',
      want: '', reportedBy: '网格员 孙小燕',
      applicant: person('applicant', null, '孙长海', '13700006666', 'beitan', '一社', '兄弟俩分父亲留下的6亩地，为靠水渠的那块吵了几次。', {}),
      respondent: person('respondent', null, '孙长河', '13700006667', 'beitan', '一社', '', {}),
      events: [],
    },
    {
      // 8. 排查台账 cleared: a noisy wedding band that stopped.
      seq: 3, daysAgo: 12, kind: 'neighbour', source: 'screening', status: 'cleared', villageId: 'pingchuan', place: '平川村五社',
      want: '', reportedBy: '治安户长 冯玉山',
      applicant: person('applicant', null, '赵大娘', '13700007777', 'pingchuan', '五社', '隔壁办喜事连着三晚放音响到半夜。', {}),
      respondent: person('respondent', null, '钱二', '13700007778', 'pingchuan', '五社', '', {}),
      events: [{ daysAgo: 10, text: '户长上门劝说，音响已停，两家和好' }],
    },
    {
      // 9. A gang fight is not for mediation: routed to be handled as a public-order case.
      seq: 1, daysAgo: 15, kind: 'damages', source: 'call_110', status: 'routed', villageId: 'yigongcheng', place: '一工程村二社路口',
      want: '',
      applicant: person('applicant', 'dev-resident-7', '周红霞', '13900000007', 'yigongcheng', '二社', '我家男人被对方叫来的五六个人围着打了。', {}),
      respondent: person('respondent', null, '吴某', '13700008888', 'yigongcheng', '三社', '', {}),
      facts: { ...calm, violation: true, exclusions: ['gang_fight'], injury: 'minor', people: 8 },
      route: { target: 'administrative_case', reason: '结伙斗殴（《治安调解工作规范》第四条）' },
      events: [{ daysAgo: 14, text: '不适用调解：结伙斗殴（《治安调解工作规范》第四条）。转治安案件依法处理' }],
    },
    {
      // 10. A wage debt that two sessions could not settle: failed, the parties told they may sue.
      seq: 1, daysAgo: 40, kind: 'debt', source: 'walk_in', status: 'failed', villageId: 'beitan', place: '北滩村蔬菜大棚',
      want: '把欠的工钱给了',
      applicant: person('applicant', 'dev-resident-8', '孙长林', '13900000008', 'beitan', '一社', '给人搭大棚干了20天，工钱6000元一直不给。', { consent: 'agreed' }),
      respondent: person('respondent', null, '钟老板', '13700009999', 'beitan', '二社', '', { consent: 'agreed' }),
      facts: { ...calm, amount: 6000, difficulty: 'hard' }, team: ['m-zhao', 'm-sun'],
      sessions: [
        { no: 1, at: at(35), place: 'room', siteAddress: '', attendees: ['孙长林', '钟老板', '赵警官'], outcome: 'again', notes: '老板说活没干完', seatKey: null },
        { no: 2, at: at(30), place: 'room', siteAddress: '', attendees: ['孙长林', '钟老板', '赵警官', '孙律师'], outcome: 'not_agreed', notes: '老板只肯给3000', seatKey: null },
      ],
      events: [{ daysAgo: 39, text: '定为三级' }, { daysAgo: 30, text: '调解不成：告知可以到人民法院起诉，孙律师可以帮忙' }],
    },
    {
      // 11. Withdrawn: the two families made up by themselves.
      seq: 2, daysAgo: 20, kind: 'neighbour', source: 'app', status: 'withdrawn', villageId: 'luwan', place: '芦湾村二社',
      want: '让他家把柴堆挪走',
      applicant: person('applicant', 'dev-resident-2', '刘建国', '13900000002', 'luwan', '五社', '邻居把柴火堆在我家门口的路上。', {}),
      respondent: person('respondent', null, '高老三', '13700001234', 'luwan', '二社', '', {}),
      events: [{ daysAgo: 19, text: '两家自己说好了，撤回申请' }],
    },
  ]
  const cases = plans.map((p) => build(now, p, counters, roster))
  const active = new Map<string, number>()
  for (const c of cases) if (c.open) for (const m of c.team) active.set(m.mediatorId, (active.get(m.mediatorId) ?? 0) + 1)
  const mediators: SeedDoc[] = ROSTER.map((m) => ({ ...m, activeCases: active.get(m._id) ?? 0, updatedAt: now }))
  const seats: SeedDoc[] = cases.flatMap((c) => c.sessions.filter((s) => s.seatKey && s.outcome === 'planned').map((s) => ({ _id: `mediation_room|${s.seatKey}`, serviceId: 'mediation_room', day: s.day, slotKey: s.seatKey, taken: 1 })))
  return {
    mediators,
    mediation_cases: cases.map((c) => ({ ...c })),
    mediation_meta: [{ _id: 'figures', counters: nest(counters) }],
    slot_seats: seats,
  }
}
