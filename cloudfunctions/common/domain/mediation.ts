// Dispute mediation's tables and first rules: kinds, sources, the legality gate (which cases the station may
// mediate and where the others go), five-level grading with reasons, and the 民转刑 risk flag. Pure: facts in,
// decisions out.

/** 纠纷特点: the kind of dispute. */
export type DisputeKind = 'neighbour' | 'land' | 'family' | 'farm_supply' | 'debt' | 'damages' | 'other'

export const DISPUTE_KINDS: readonly { value: DisputeKind; label: string; hint: string; weight: number }[] = [
  { value: 'neighbour', label: '邻里纠纷', hint: '浇水、围栏、噪音、牲畜', weight: 0 },
  { value: 'land', label: '土地宅基地', hint: '地界、宅基地、承包地', weight: 2 },
  { value: 'family', label: '婚姻家庭', hint: '赡养、婚姻、分家', weight: 1 },
  { value: 'farm_supply', label: '农资买卖', hint: '种子、化肥、农药、赊账', weight: 1 },
  { value: 'debt', label: '欠钱借钱', hint: '借款、工钱、货款', weight: 1 },
  { value: 'damages', label: '损害赔偿', hint: '打伤、弄坏东西', weight: 1 },
  { value: 'other', label: '其他矛盾', hint: '说不清是哪一类', weight: 0 },
]
export const DISPUTE_KIND_VALUES = DISPUTE_KINDS.map((k) => k.value) as [DisputeKind, ...DisputeKind[]]

/** Where a case came from (the seed names every one). */
export type CaseSource = 'app' | 'walk_in' | 'call_110' | 'home_visit' | 'report' | 'screening'

export const CASE_SOURCES: readonly { value: CaseSource; label: string }[] = [
  { value: 'app', label: '小程序申请' },
  { value: 'walk_in', label: '到所求助' },
  { value: 'call_110', label: '110接警' },
  { value: 'home_visit', label: '走访发现' },
  { value: 'report', label: '举报转调解' },
  { value: 'screening', label: '排查发现' },
]
export const CASE_SOURCE_VALUES = CASE_SOURCES.map((s) => s.value) as [CaseSource, ...CaseSource[]]
/** Sources an officer registers (a villager's own application is `app`). */
export const OFFICER_SOURCE_VALUES = ['walk_in', 'call_110', 'home_visit', 'report', 'screening'] as const satisfies readonly CaseSource[]

/**
 * Which rules a case is mediated under. `police`: 治安调解 (a minor public-order violation arising from a 民间纠纷,
 * 《公安机关治安调解工作规范》, at most two sessions, clocks in working days). `people`: 人民调解 by the mediators
 * stationed in the station (民调入所) for a civil dispute without a violation (《人民调解工作若干规定》, one month).
 */
export type Track = 'police' | 'people'

export const TRACKS: Record<Track, { label: string; rule: string }> = {
  police: { label: '治安调解', rule: '《公安机关治安调解工作规范》：一般调解一次，必要时再调一次' },
  people: { label: '人民调解', rule: '《人民调解工作若干规定》：一般在一个月内调结' },
}

/**
 * A party's age as a villager can tell it without a birth date: the band decides whether a guardian must attend
 * (under 16, 《治安调解工作规范》) and is enough for the document.
 */
export type AgeBand = 'under16' | '16to17' | 'adult' | 'senior'

export const AGE_BANDS: readonly { value: AgeBand; label: string }[] = [
  { value: 'under16', label: '不满16岁' },
  { value: '16to17', label: '16到17岁' },
  { value: 'adult', label: '18到59岁' },
  { value: 'senior', label: '60岁以上' },
]
export const AGE_BAND_VALUES = AGE_BANDS.map((b) => b.value) as [AgeBand, ...AgeBand[]]

/** A party under 16: from the exact age when an officer registered one, otherwise from the villager's band. */
export function isMinorParty(p: { age: number | null; ageBand?: AgeBand | null }): boolean {
  if (p.age !== null) return p.age < 16
  return p.ageBand === 'under16'
}

/** Where a case the station does not mediate goes. */
export type RouteTarget = 'village_committee' | 'justice_office' | 'court' | 'judicial_confirmation' | 'criminal_case' | 'administrative_case'

export const ROUTE_TARGETS: readonly { value: RouteTarget; label: string; tellParty: string }[] = [
  { value: 'village_committee', label: '村调委会', tellParty: '转给村人民调解委员会调解' },
  { value: 'justice_office', label: '司法所', tellParty: '转给平川司法所人民调解' },
  { value: 'court', label: '人民法院（诉讼）', tellParty: '可以到人民法院起诉，派出所可帮您联系' },
  { value: 'judicial_confirmation', label: '人民法院（司法确认）', tellParty: '协议可到人民法院申请司法确认' },
  { value: 'criminal_case', label: '刑事立案', tellParty: '涉嫌犯罪，依法立案侦查' },
  { value: 'administrative_case', label: '治安案件依法处理', tellParty: '不适用调解，依法作治安处理' },
]
export const ROUTE_TARGET_VALUES = ROUTE_TARGETS.map((r) => r.value) as [RouteTarget, ...RouteTarget[]]
export const routeLabel = (t: RouteTarget) => ROUTE_TARGETS.find((r) => r.value === t)?.label ?? t

/**
 * The cases that may not be mediated. 规范 art. 4 lists the first five and "other unsuitable cases";
 * 《公安机关办理行政案件程序规定》 adds a party's clear refusal and a suspect who fled. Each names where the case goes.
 */
export type Exclusion = 'hired_harm' | 'gang_fight' | 'provocation' | 'repeat_offender' | 'clash_during' | 'refused' | 'fled' | 'crime_suspected'

export const EXCLUSIONS: readonly { value: Exclusion; label: string; basis: string; route: RouteTarget }[] = [
  { value: 'hired_harm', label: '雇凶伤害他人', basis: '《治安调解工作规范》第四条', route: 'administrative_case' },
  { value: 'gang_fight', label: '结伙斗殴', basis: '《治安调解工作规范》第四条', route: 'administrative_case' },
  { value: 'provocation', label: '寻衅滋事', basis: '《治安调解工作规范》第四条', route: 'administrative_case' },
  { value: 'repeat_offender', label: '多次实施违反治安管理行为', basis: '《治安调解工作规范》第四条', route: 'administrative_case' },
  { value: 'clash_during', label: '调解中又对对方实施违法行为', basis: '《治安调解工作规范》第四条', route: 'administrative_case' },
  { value: 'refused', label: '当事人明确表示不愿调解', basis: '《公安机关办理行政案件程序规定》', route: 'court' },
  { value: 'fled', label: '违法嫌疑人逃跑', basis: '《公安机关办理行政案件程序规定》', route: 'administrative_case' },
  { value: 'crime_suspected', label: '涉嫌犯罪（如轻伤以上）', basis: '其他不宜调解的情形', route: 'criminal_case' },
]
export const EXCLUSION_VALUES = EXCLUSIONS.map((e) => e.value) as [Exclusion, ...Exclusion[]]

/**
 * Where the officer may send a case that the station will not mediate, given where the rules send it: a crime only
 * to 刑事立案; a public-order case to 治安处理 (or 刑事 if it turns out worse); a civil matter (a refusal, a gate
 * pointing to the court) to the village 调委会 or the 司法所 for 人民调解, or to the court — the first is the default.
 */
export function routeChoices(route: RouteTarget): RouteTarget[] {
  if (route === 'criminal_case') return ['criminal_case']
  if (route === 'administrative_case') return ['administrative_case', 'criminal_case']
  return ['court', 'village_committee', 'justice_office', 'judicial_confirmation'].includes(route)
    ? [route, ...(['village_committee', 'justice_office', 'court'] as const).filter((r) => r !== route)]
    : [route]
}

/** The facts an officer records when reviewing a case; the gate, grading and risk read them. */
export interface CaseFacts {
  /** A public-order violation (打人、损毁财物…) arose from the dispute: 治安调解. Otherwise a civil dispute. */
  violation: boolean
  exclusions: readonly Exclusion[]
  injury: 'none' | 'minor' | 'assessment'
  /** Money at stake, yuan. */
  amount: number
  /** People involved on both sides. */
  people: number
  /** Earlier clashes between the same parties. */
  priorClashes: number
  threats: boolean
  weapons: boolean
  difficulty: 'easy' | 'normal' | 'hard'
}

export type GateDecision =
  | { ok: true; track: Track; reason: string }
  | { ok: false; route: RouteTarget; reasons: string[] }

/** The legality gate, checked before anything else: excluded cases are routed with every reason that applies. */
export function legalityGate(facts: Pick<CaseFacts, 'violation' | 'exclusions'>): GateDecision {
  const hits = EXCLUSIONS.filter((e) => facts.exclusions.includes(e.value))
  if (hits.length > 0) {
    // A crime outranks an administrative case, which outranks a civil suit.
    const order: RouteTarget[] = ['criminal_case', 'administrative_case', 'court']
    const route = order.find((r) => hits.some((h) => h.route === r)) ?? hits[0].route
    return { ok: false, route, reasons: hits.map((h) => `${h.label}（${h.basis}）`) }
  }
  return facts.violation
    ? { ok: true, track: 'police', reason: '因民间纠纷引起、情节较轻的违反治安管理行为，可以治安调解' }
    : { ok: true, track: 'people', reason: '没有违反治安管理的民间纠纷，由驻所人民调解员调解（民调入所）' }
}

/** The five levels and who must lead each. */
export type Level = 1 | 2 | 3 | 4 | 5

export const LEVELS: readonly { value: Level; label: string; lead: string; needs: readonly MediatorRole[] }[] = [
  { value: 1, label: '一级', lead: '治安户长就地调解', needs: ['household_head'] },
  { value: 2, label: '二级', lead: '村人民调解员调解，社区民警指导', needs: ['people_mediator'] },
  { value: 3, label: '三级', lead: '社区民警主持，人民调解员参加', needs: ['police', 'people_mediator'] },
  { value: 4, label: '四级', lead: '民警主持，五老乡贤参加联调', needs: ['police', 'people_mediator', 'elder'] },
  { value: 5, label: '五级', lead: '所长主持，法官律师参加（庭所衔接、律师进所）', needs: ['police', 'judge', 'lawyer'] },
]
export const levelInfo = (l: Level) => LEVELS[l - 1]
export const LEVEL_VALUES = [1, 2, 3, 4, 5] as const

export type MediatorRole = 'police' | 'auxiliary' | 'people_mediator' | 'judge' | 'lawyer' | 'elder' | 'worthy' | 'household_head'

export const MEDIATOR_ROLES: readonly { value: MediatorRole; label: string }[] = [
  { value: 'police', label: '民警' },
  { value: 'auxiliary', label: '辅警' },
  { value: 'people_mediator', label: '人民调解员' },
  { value: 'judge', label: '法官' },
  { value: 'lawyer', label: '律师' },
  { value: 'elder', label: '五老' },
  { value: 'worthy', label: '乡贤' },
  { value: 'household_head', label: '治安户长' },
]
export const MEDIATOR_ROLE_VALUES = MEDIATOR_ROLES.map((r) => r.value) as [MediatorRole, ...MediatorRole[]]
export const roleLabel = (r: MediatorRole) => MEDIATOR_ROLES.find((x) => x.value === r)?.label ?? r

/** 金银铜铁锡: the station's five kinds of mediator, and the disputes each suits best. */
export type MediatorKind = 'gold' | 'silver' | 'copper' | 'iron' | 'tin'

export const MEDIATOR_KINDS: readonly { value: MediatorKind; label: string; motto: string; suits: readonly DisputeKind[] }[] = [
  { value: 'gold', label: '金舌', motto: '金舌善辩', suits: ['land', 'debt', 'damages'] },
  { value: 'silver', label: '银舌', motto: '银舌善论', suits: ['land', 'farm_supply', 'debt'] },
  { value: 'copper', label: '铜舌', motto: '铜舌善圆', suits: ['neighbour', 'family', 'other'] },
  { value: 'iron', label: '铁舌', motto: '铁舌善稳', suits: ['damages', 'neighbour'] },
  { value: 'tin', label: '锡舌', motto: '锡舌善静', suits: ['family', 'neighbour'] },
]
export const MEDIATOR_KIND_VALUES = MEDIATOR_KINDS.map((k) => k.value) as [MediatorKind, ...MediatorKind[]]
export const mediatorKindInfo = (k: MediatorKind) => MEDIATOR_KINDS.find((x) => x.value === k) ?? MEDIATOR_KINDS[2]

export interface GradeReason {
  /** The axis: 纠纷特点、事发因素、难易程度. */
  axis: '纠纷特点' | '事发因素' | '难易程度'
  text: string
  points: number
}

export interface Grade {
  level: Level
  points: number
  reasons: GradeReason[]
}

/** The grading table: each row adds points and says why. */
const FACTOR_RULES: readonly { when: (f: CaseFacts) => boolean; points: number; axis: GradeReason['axis']; text: (f: CaseFacts) => string }[] = [
  { when: (f) => f.injury === 'minor', points: 1, axis: '事发因素', text: () => '有人受了轻微伤' },
  { when: (f) => f.injury === 'assessment', points: 2, axis: '事发因素', text: () => '伤情需要鉴定' },
  { when: (f) => f.amount >= 20_000, points: 2, axis: '事发因素', text: (f) => `涉及金额${f.amount}元（2万元以上）` },
  { when: (f) => f.amount >= 2_000 && f.amount < 20_000, points: 1, axis: '事发因素', text: (f) => `涉及金额${f.amount}元（2千元以上）` },
  { when: (f) => f.people >= 10, points: 2, axis: '事发因素', text: (f) => `涉及${f.people}人（10人以上）` },
  { when: (f) => f.people >= 5 && f.people < 10, points: 1, axis: '事发因素', text: (f) => `涉及${f.people}人` },
  { when: (f) => f.priorClashes >= 3, points: 2, axis: '事发因素', text: (f) => `以前已经闹过${f.priorClashes}次` },
  { when: (f) => f.priorClashes >= 1 && f.priorClashes < 3, points: 1, axis: '事发因素', text: (f) => `以前闹过${f.priorClashes}次` },
  { when: (f) => f.threats || f.weapons, points: 2, axis: '事发因素', text: (f) => (f.weapons ? '动了或扬言动刀棍等器械' : '有威胁、扬言报复') },
  { when: (f) => f.difficulty === 'normal', points: 1, axis: '难易程度', text: () => '调解难度一般' },
  { when: (f) => f.difficulty === 'hard', points: 2, axis: '难易程度', text: () => '调解难度大' },
]

/** Points to level: 0–1 一级, 2–3 二级, 4–5 三级, 6–7 四级, 8+ 五级. */
export function levelForPoints(points: number): Level {
  return Math.min(5, Math.max(1, Math.floor(points / 2) + 1)) as Level
}

/** Proposes a level from the three axes and says why. */
export function gradeCase(kind: DisputeKind, facts: CaseFacts): Grade {
  const k = DISPUTE_KINDS.find((x) => x.value === kind) ?? DISPUTE_KINDS[DISPUTE_KINDS.length - 1]
  const reasons: GradeReason[] = [{ axis: '纠纷特点', text: k.label, points: k.weight }]
  for (const rule of FACTOR_RULES) if (rule.when(facts)) reasons.push({ axis: rule.axis, text: rule.text(facts), points: rule.points })
  const points = reasons.reduce((s, r) => s + r.points, 0)
  return { level: levelForPoints(points), points, reasons }
}

export type GradeOverride = { ok: true; level: Level; overridden: boolean } | { ok: false; message: string }

/** The officer may set another level, but only with a reason. */
export function overrideGrade(proposed: Grade, level: Level | undefined, reason: string | undefined): GradeOverride {
  if (level === undefined || level === proposed.level) return { ok: true, level: proposed.level, overridden: false }
  if (!reason?.trim()) return { ok: false, message: `建议定为${levelInfo(proposed.level).label}，改成${levelInfo(level).label}请写明理由` }
  return { ok: true, level, overridden: true }
}

export interface RiskFlag {
  flagged: boolean
  reasons: string[]
}

/** 民转刑: threats, weapons, repeated clashes and injuries raise the flag. */
export function escalationRisk(facts: Pick<CaseFacts, 'threats' | 'weapons' | 'priorClashes' | 'injury'>): RiskFlag {
  const reasons: string[] = []
  if (facts.threats) reasons.push('有威胁、扬言报复')
  if (facts.weapons) reasons.push('涉及刀棍等器械')
  if (facts.priorClashes >= 2) reasons.push(`反复冲突${facts.priorClashes}次`)
  if (facts.injury !== 'none') reasons.push('已经有人受伤')
  return { flagged: reasons.length > 0, reasons }
}

/** Words in the applicant's own text that suggest danger, flagged at intake before any officer has read it. */
const DANGER_WORDS = ['杀', '砍', '刀', '放火', '烧了', '弄死', '报复', '同归于尽', '农药喝', '跳']

export function intakeRisk(text: string): RiskFlag {
  const found = DANGER_WORDS.filter((w) => text.includes(w))
  return found.length > 0 ? { flagged: true, reasons: [`申请里提到“${found.join('、')}”，请尽快联系`] } : { flagged: false, reasons: [] }
}

export const kindLabel = (k: DisputeKind) => DISPUTE_KINDS.find((x) => x.value === k)?.label ?? k
export const sourceLabel = (s: CaseSource) => CASE_SOURCES.find((x) => x.value === s)?.label ?? s
