// 一标三实: the standard address (一标) and its real houses, people and organisations (三实); doorplates and visits.
// Pure rules and labels only; the `households` function stores, the contract validates shapes.
import { stationDay } from './schedule'

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

// ---------------------------------------------------------------------------------------------------------------
// Address normalisation (一标): one spelling per place, so 一号多址 (one number, several records) is found by key.


const DIGITS = '零一二三四五六七八九'
const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9 }
const CN_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }

/** Full-width digits, letters and dashes to ASCII; spaces removed. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u3000]/g, '')
}

/** `十二` → 12, `一百零三` → 103, `二〇三` → 203, `12` → 12; null when it is not a number. */
export function parseNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s)
  if (!s || ![...s].every((c) => c in CN_DIGIT || c in CN_UNIT)) return null
  if (![...s].some((c) => c in CN_UNIT)) return Number([...s].map((c) => CN_DIGIT[c]).join(''))
  let total = 0
  let digit = 0
  for (const c of s) {
    if (c in CN_DIGIT) digit = CN_DIGIT[c]
    else {
      total += (digit || 1) * CN_UNIT[c]
      digit = 0
    }
  }
  return total + digit
}

/** 1..99 in Chinese numerals as 社 are named: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十. */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`
}

export interface NormalGroup {
  /** `三社`, or the name as written when it is not a numbered 社. */
  name: string
  /** 1..99 for numbered 社; 99 for others (they sort last). */
  order: number
}

/** `3`, `3社`, `三社`, `叁社`, `第三村民小组`, `三组` → 三社. */
export function normaliseGroup(raw: string): NormalGroup | null {
  const s = halfWidth(raw).replace(/^第/, '').replace(/(村民小组|小组|社|组|队)$/, '')
  if (!s) return null
  const n = parseNumeral(s)
  if (n !== null) return n >= 1 && n <= 99 ? { name: `${chineseNumeral(n)}社`, order: n } : null
  const name = halfWidth(raw)
  return /^[\u4e00-\u9fffA-Za-z0-9]{1,10}$/.test(name) ? { name, order: 99 } : null
}

export interface NormalNumber {
  /** `12`, `12-1`. */
  text: string
  main: number
  sub: number
}

/** `12`, `12号`, `十二号`, `１２号`, `12-1`, `12之1`, `12附1号` → 12 / 12-1. Null when it is not a 门牌号. */
export function normaliseNumber(raw: string): NormalNumber | null {
  const s = halfWidth(raw).replace(/^(门牌)?(第)?/, '').replace(/号$/, '').replace(/号?(之|附|-|—)/, '-')
  const m = /^([0-9零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+)(?:-([0-9零〇一二三四五六七八九十]+))?$/.exec(s)
  if (!m) return null
  const main = parseNumeral(m[1])
  const sub = m[2] === undefined ? 0 : parseNumeral(m[2])
  if (main === null || sub === null || main < 1 || main > 99999 || sub > 999) return null
  return { text: sub ? `${main}-${sub}` : String(main), main, sub }
}

export function normaliseRoom(raw: string): string {
  return halfWidth(raw).replace(/室$/, '').toUpperCase()
}

export interface NormalAddress {
  villageId: string
  group: string
  number: string
  room: string
  /** One per place: a second record with this key is 一号多址. */
  key: string
  /** Orders the address book: 社 by number, then 门牌号, then 户室号. */
  sortKey: string
}

export type AddressProblem = { field: 'group' | 'number'; message: string }

export function normaliseAddress(input: { villageId: string; group: string; number: string; room?: string }): NormalAddress | AddressProblem {
  const group = normaliseGroup(input.group)
  if (!group) return { field: 'group', message: '社填得不对，要像“三社”或“3社”这样' }
  const number = normaliseNumber(input.number)
  if (!number) return { field: 'number', message: '门牌号填得不对，要像“12号”或“12-1号”这样' }
  const room = normaliseRoom(input.room ?? '')
  return {
    villageId: input.villageId,
    group: group.name,
    number: number.text,
    room,
    key: `${input.villageId}|${group.name}|${number.text}|${room}`,
    sortKey: `${String(group.order).padStart(2, '0')}|${group.name}|${String(number.main).padStart(5, '0')}-${String(number.sub).padStart(3, '0')}|${room}`,
  }
}

export function isAddressProblem(a: NormalAddress | AddressProblem): a is AddressProblem {
  return 'message' in a
}

/** `平川镇平川村三社12号` (+ `3室`). */
export function addressLine(town: string, villageName: string, a: { group: string; number: string; room: string }): string {
  return `${town}${villageName}${a.group}${a.number}号${a.room ? `${a.room}室` : ''}`
}

/** The two lines printed under a plate's code. */
export function plateLines(villageName: string, a: { group: string; number: string; room: string }): [string, string] {
  return [`${villageName}${a.group}`, `${a.number}号${a.room ? ` ${a.room}室` : ''}`]
}

/** Metres between two points (haversine); good enough for a village. */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

/** Two map points this close with different numbers are probably one place with two numbers (多号一址). */
export const SAME_PLACE_METRES = 5

export interface PlaceCandidate {
  id: string
  key: string
  number: string
  room: string
  location: { latitude: number; longitude: number } | null
}

export interface AddressCheck {
  /** Another record with the same key: 一号多址, refused. */
  duplicateOf: string | null
  /** Other numbers at the same point: 多号一址, a warning. */
  samePlace: string[]
  warnings: string[]
}

/** Checks a new or corrected address against the others of its 社. */
export function checkAddress(a: NormalAddress & { id: string | null; location: { latitude: number; longitude: number } | null }, others: readonly PlaceCandidate[]): AddressCheck {
  const rest = others.filter((o) => o.id !== a.id)
  const dup = rest.find((o) => o.key === a.key)
  const samePlace = a.location
    ? rest.filter((o) => o.location && o.number !== a.number && o.room === a.room && distanceMetres(o.location, a.location as { latitude: number; longitude: number }) <= SAME_PLACE_METRES)
    : []
  return {
    duplicateOf: dup ? dup.id : null,
    samePlace: samePlace.map((o) => o.id),
    warnings: samePlace.map((o) => `多号一址：和${o.number}号在同一个位置，请核实是不是一处房子`),
  }
}

/** Sheet rows (import): keys that appear twice are 一号多址 within the sheet itself. */
export function duplicateKeys(keys: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>()
  keys.forEach((k, i) => seen.set(k, [...(seen.get(k) ?? []), i]))
  return new Map([...seen].filter(([, rows]) => rows.length > 1))
}

/** Search terms an address is found by: names (prefix search), the number, 社+number. */
export function searchTerms(a: { group: string; number: string; ownerName: string }, people: readonly string[]): string[] {
  const terms = new Set<string>()
  const add = (t: string) => {
    const s = halfWidth(t)
    if (s) terms.add(s)
  }
  add(a.ownerName)
  for (const p of people) add(p)
  add(a.number)
  add(`${a.group}${a.number}`)
  return [...terms].slice(0, 40)
}

/** What the officer types, in the terms' spelling: `三社12号` → 三社12, `3社12` → 三社12, `12号` → 12. */
export function normaliseQuery(q: string): string {
  const s = halfWidth(q).replace(/号$/, '')
  const m = /^(.+?(?:社|组))(\d+(?:-\d+)?)$/.exec(s)
  if (m) {
    const g = normaliseGroup(m[1])
    if (g) return `${g.name}${m[2]}`
  }
  return s
}

// ---------------------------------------------------------------------------------------------------------------
// Doorplates: the scene carries only a short plate id.

/** Crockford-like alphabet without I and O (never misread on a faded plate). */
export const PLATE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'.replace(/[IO]/g, '')
/** WeChat's scene: at most 32 visible characters of this set. */
export const SCENE_RE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/

/** A plate id from 8 random bytes: `MP` + 8 characters of PLATE_ALPHABET. */
export function plateIdFrom(bytes: Uint8Array): string {
  let id = 'MP'
  for (let i = 0; i < 8; i++) id += PLATE_ALPHABET[bytes[i] % PLATE_ALPHABET.length]
  return id
}

export function sceneOf(plateId: string): string {
  return `${SCENE_PREFIX}${plateId}`
}

/** The plate id a scene (or a typed id) names; null when it is not one. Accepts URL-encoded scenes (`mp%3D…`). */
export function plateIdOfScene(scene: string): string | null {
  let s = scene.trim()
  try {
    s = decodeURIComponent(s)
  } catch {
    return null
  }
  if (s.startsWith(SCENE_PREFIX)) s = s.slice(SCENE_PREFIX.length)
  s = s.toUpperCase()
  return PLATE_ID_RE.test(s) ? s : null
}

// ---------------------------------------------------------------------------------------------------------------
// Who sees what.

export type Audience = 'public' | 'resident' | 'officer'

/** A staff member sees the officer view; a signed-in resident the resident view; anyone else the public one. */
export function audienceOf(role: 'resident' | 'officer' | 'admin' | null): Audience {
  if (role === 'officer' || role === 'admin') return 'officer'
  return role === 'resident' ? 'resident' : 'public'
}

export interface PersonFacts {
  _id: string
  role: PersonRole
  openid: string | null
  landlordOpenid: string | null
  movedOutDay: string | null
}

/**
 * The people of a household a resident may see: a household member or owner sees the members and owners; a tenant
 * only themselves; a landlord also their tenants. Nobody else sees anyone.
 */
export function visiblePeople<P extends PersonFacts>(people: readonly P[], openid: string): P[] {
  const me = people.filter((p) => p.openid === openid && p.movedOutDay === null)
  if (me.length === 0) return people.filter((p) => p.role === 'tenant' && p.landlordOpenid === openid)
  const isTenant = me.every((p) => p.role === 'tenant')
  if (isTenant) return me
  return people.filter((p) => (p.role !== 'tenant' && p.movedOutDay === null) || p.openid === openid || (p.role === 'tenant' && p.landlordOpenid === openid))
}

/** A resident lives at (or owns) the address when a current person record is theirs. */
export function livesHere<P extends PersonFacts>(people: readonly P[], openid: string): P | null {
  return people.find((p) => p.openid === openid && p.movedOutDay === null) ?? null
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage (见警率): counters per 社, kept as visits are recorded, so the figure reads one document per 社.

/** `2026Q4`, in station time. */
export function quarterOf(at: Date): string {
  const day = stationDay(at)
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
}

export interface GroupCounters {
  villageId: string
  group: string
  order: number
  households: number
  /** Households visited at least once ever. */
  everVisited: number
  /** Households visited per quarter: `{ '2026Q4': 12 }`. */
  visited: Record<string, number>
  lastVisitAt: Date | null
  /** Addresses of the 社 with a map point, and the sums of their coordinates (the 社's point is their mean). */
  located?: number
  latSum?: number
  lngSum?: number
}

/** What saving an address with (or without) a map point adds to its 社's location sums; `sign` -1 takes it away. */
export function locationIncrements(location: { latitude: number; longitude: number } | null | undefined, sign: 1 | -1): Record<string, number> {
  if (!location) return {}
  return { located: sign, latSum: sign * location.latitude, lngSum: sign * location.longitude }
}

/** Two sets of counter increments as one. */
export function sumIncrements(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a }
  for (const [k, by] of Object.entries(b)) out[k] = (out[k] ?? 0) + by
  return out
}

/** The 社's map point: the mean of its located addresses; null when none has a point. */
export function groupCenter(g: Pick<GroupCounters, 'located' | 'latSum' | 'lngSum'>): { latitude: number; longitude: number } | null {
  const n = g.located ?? 0
  if (n <= 0 || g.latSum === undefined || g.lngSum === undefined) return null
  return { latitude: Math.round((g.latSum / n) * 1e6) / 1e6, longitude: Math.round((g.lngSum / n) * 1e6) / 1e6 }
}

export interface CoverageFigure {
  villageId: string
  group: string
  households: number
  visitedThisQuarter: number
  neverVisited: number
  lastVisitAt: Date | null
  rate: number
  /** The 社's map point (see `groupCenter`). */
  center: { latitude: number; longitude: number } | null
}

export function coverageOf(groups: readonly GroupCounters[], quarter: string): { rows: CoverageFigure[]; total: Omit<CoverageFigure, 'villageId' | 'group' | 'center'> } {
  const rows = [...groups]
    .sort((a, b) => a.villageId.localeCompare(b.villageId) || a.order - b.order || a.group.localeCompare(b.group))
    .map((g) => {
      const households = Math.max(0, g.households)
      const visitedThisQuarter = Math.min(households, Math.max(0, g.visited[quarter] ?? 0))
      return {
        villageId: g.villageId,
        group: g.group,
        households,
        visitedThisQuarter,
        neverVisited: Math.max(0, households - Math.max(0, g.everVisited)),
        lastVisitAt: g.lastVisitAt,
        rate: households ? visitedThisQuarter / households : 0,
        center: groupCenter(g),
      }
    })
  const households = rows.reduce((s, r) => s + r.households, 0)
  const visitedThisQuarter = rows.reduce((s, r) => s + r.visitedThisQuarter, 0)
  const last = rows.reduce<Date | null>((m, r) => (r.lastVisitAt && (!m || r.lastVisitAt > m) ? r.lastVisitAt : m), null)
  return {
    rows,
    total: { households, visitedThisQuarter, neverVisited: rows.reduce((s, r) => s + r.neverVisited, 0), lastVisitAt: last, rate: households ? visitedThisQuarter / households : 0 },
  }
}

/** What a visit changes in its 社's counters, given the household's last visit before it. */
export function visitIncrements(lastVisitAt: Date | null, lastQuarter: string, at: Date): { everVisited: number; quarter: string; visited: number } {
  const quarter = quarterOf(at)
  return { everVisited: lastVisitAt ? 0 : 1, quarter, visited: lastQuarter === quarter ? 0 : 1 }
}

// ---------------------------------------------------------------------------------------------------------------
// Import / export: the station's spreadsheet columns.

export const SHEET_COLUMNS = ['村', '社', '门牌号', '户室号', '房屋用途', '房主', '房主电话', '姓名', '电话', '身份证号', '人员类别', '与户主关系', '搬来日期'] as const
export type SheetColumn = (typeof SHEET_COLUMNS)[number]
export const REQUIRED_COLUMNS: readonly SheetColumn[] = ['村', '社', '门牌号']

export function houseUseOf(label: string): HouseUse | null {
  const s = halfWidth(label)
  if (!s) return 'own'
  const hit = (Object.entries(HOUSE_USE_LABELS) as [HouseUse, string][]).find(([, l]) => l === s)
  return hit ? hit[0] : null
}

export function personKindOf(label: string): PersonKind | null {
  const s = halfWidth(label)
  if (!s) return 'permanent'
  const hit = (Object.entries(PERSON_KIND_LABELS) as [PersonKind, string][]).find(([, l]) => l === s)
  return hit ? hit[0] : null
}
