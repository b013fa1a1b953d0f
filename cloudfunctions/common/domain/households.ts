// 一标三实: the standard address (一标) and its real houses, people and organisations (三实); doorplates and visits.
// Pure rules and labels only; the `households` function stores, the contract validates shapes.

/** How a house is used. A public scanner never learns it (出租 tells a thief the owner is away). */
export const HOUSE_USE_VALUES = ['own', 'rented', 'vacant', 'business'] as const
export type HouseUse = (typeof HOUSE_USE_VALUES)[number]
export const HOUSE_USE_LABELS: Record<HouseUse, string> = { own: '自住', rented: '出租', vacant: '空置', business: '经营' }

/** 常住 / 流动 / 暂住. */
export const PERSON_KIND_VALUES = ['permanent', 'floating', 'temporary'] as const
export type PersonKind = (typeof PERSON_KIND_VALUES)[number]
export const PERSON_KIND_LABELS: Record<PersonKind, string> = { permanent: '常住', floating: '流动', temporary: '暂住' }

/** How a person stands to the house. */
export const PERSON_ROLE_VALUES = ['member', 'owner', 'tenant'] as const
export type PersonRole = (typeof PERSON_ROLE_VALUES)[number]
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = { member: '家庭成员', owner: '房东', tenant: '租户' }

/** Key-person categories (重点人员): officers only, never in any resident or public view. */
export const FOCUS_VALUES = ['', 'elderly_alone', 'left_behind_child', 'disabled', 'mental', 'released', 'drug', 'petition'] as const
export type Focus = (typeof FOCUS_VALUES)[number]
export const FOCUS_LABELS: Record<Focus, string> = {
  '': '无',
  elderly_alone: '独居老人',
  left_behind_child: '留守儿童',
  disabled: '残疾人',
  mental: '严重精神障碍',
  released: '刑满释放',
  drug: '吸毒人员',
  petition: '重点信访',
}

/** 实有单位. `agri_shop` is the 农资店 that pesticide reports name. */
export const ORG_KIND_VALUES = ['agri_shop', 'shop', 'school', 'workshop', 'clinic', 'other'] as const
export type OrgKind = (typeof ORG_KIND_VALUES)[number]
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  agri_shop: '农资店',
  shop: '商店',
  school: '学校',
  workshop: '作坊工厂',
  clinic: '卫生室',
  other: '其他单位',
}

/** 在用 / 损坏 / 注销. */
export const PLATE_STATE_VALUES = ['active', 'damaged', 'void'] as const
export type PlateState = (typeof PLATE_STATE_VALUES)[number]
export const PLATE_STATE_LABELS: Record<PlateState, string> = { active: '在用', damaged: '损坏', void: '注销' }

/** A doorplate problem seen at a scan: 重错漏损破. */
export const PLATE_PROBLEM_VALUES = ['duplicate', 'wrong', 'missing', 'damaged', 'broken'] as const
export type PlateProblem = (typeof PLATE_PROBLEM_VALUES)[number]
export const PLATE_PROBLEM_LABELS: Record<PlateProblem, string> = {
  duplicate: '重：一个地方挂了两块牌',
  wrong: '错：地址写错了',
  missing: '漏：这里没有门牌',
  damaged: '损：门牌看不清了',
  broken: '破：门牌坏了或掉了',
}

export const CLAIM_AS_VALUES = ['resident', 'landlord'] as const
export type ClaimAs = (typeof CLAIM_AS_VALUES)[number]
export const CLAIM_STATUS_VALUES = ['pending', 'confirmed', 'rejected'] as const
export type ClaimStatus = (typeof CLAIM_STATUS_VALUES)[number]
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = { pending: '等民警确认', confirmed: '已确认', rejected: '没有通过' }

export const VISIT_KIND_VALUES = ['household', 'field', 'organisation'] as const
export type VisitKind = (typeof VISIT_KIND_VALUES)[number]
export const VISIT_KIND_LABELS: Record<VisitKind, string> = { household: '入户走访', field: '田间警务', organisation: '走访单位' }

/** What a concern raised on a visit is about (社情民意). */
export const CONCERN_TOPIC_VALUES = ['theft', 'pesticide', 'dispute', 'fraud', 'safety', 'traffic', 'other'] as const
export type ConcernTopic = (typeof CONCERN_TOPIC_VALUES)[number]
export const CONCERN_TOPIC_LABELS: Record<ConcernTopic, string> = {
  theft: '偷盗',
  pesticide: '假农药',
  dispute: '矛盾纠纷',
  fraud: '防诈骗',
  safety: '安全隐患',
  traffic: '交通',
  other: '其他',
}

/** A concern becomes one of these in one call. */
export const ESCALATE_TO_VALUES = ['report', 'mediation', 'alert'] as const
export type EscalateTo = (typeof ESCALATE_TO_VALUES)[number]

export const IMPORT_MAX_ROWS = 5000
/** Shown to scanners who live elsewhere; plate ids are short so the scene fits WeChat's 32 characters. */
export const PLATE_ID_RE = /^MP[0-9A-HJ-NP-Z]{8}$/
export const SCENE_PREFIX = 'mp='
