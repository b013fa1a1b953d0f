// Patterns no single report shows: fake pesticide grouped by brand + shop within 90 days, theft by village within
// 14 days; the counts shown on each report, and a 案情通报 alert draft pre-filled from a cluster.
import { normaliseName, type ReportStatus, type ReportType } from './reports'

const DAY_MS = 24 * 3600 * 1000

export const CLUSTER_WINDOW_DAYS: Record<ReportType, number> = { fake_pesticide: 90, theft: 14 }

/** Withdrawn and rejected reports are not evidence of a pattern. */
const NOT_COUNTED: readonly ReportStatus[] = ['withdrawn', 'rejected']

/** The key a report is grouped by, or null when it has nothing to group by. */
export function pesticideClusterKey(brand: string, shop: string): string | null {
  const b = normaliseName(brand)
  const s = normaliseName(shop)
  if (!b && !s) return null
  return `p:${b}|${s}`
}

export function theftClusterKey(villageId: string): string | null {
  return villageId ? `t:${villageId}` : null
}

export function pesticideClusterLabel(brand: string, shop: string): string {
  return `${brand.trim()}（${shop.trim()}）`
}

/** Since when reports of a type count towards a cluster at `now`. */
export function clusterWindowStart(type: ReportType, now: Date): Date {
  return new Date(now.getTime() - CLUSTER_WINDOW_DAYS[type] * DAY_MS)
}

/** The earliest window start over all types: one query can fetch every report any cluster may count. */
export function earliestClusterWindowStart(now: Date): Date {
  return new Date(now.getTime() - Math.max(...Object.values(CLUSTER_WINDOW_DAYS)) * DAY_MS)
}

export interface ClusterInput {
  _id: string
  type: ReportType
  status: ReportStatus
  createdAt: Date
  villageId: string
  clusterKey: string | null
  clusterLabel: string | null
}

export interface Cluster {
  key: string
  type: ReportType
  label: string
  count: number
  /** Newest first. */
  reportIds: string[]
  villageIds: string[]
  firstAt: Date
  lastAt: Date
  /** e.g. 同一品牌和店铺近90天 3 起 */
  summary: string
}

export function clusterSummary(type: ReportType, count: number): string {
  return type === 'fake_pesticide' ? `同一品牌和店铺近${CLUSTER_WINDOW_DAYS[type]}天 ${count} 起` : `同村近${CLUSTER_WINDOW_DAYS[type]}天 ${count} 起`
}

function counts(r: ClusterInput, now: Date): boolean {
  return (
    r.clusterKey !== null &&
    !NOT_COUNTED.includes(r.status) &&
    r.createdAt.getTime() <= now.getTime() &&
    r.createdAt.getTime() >= clusterWindowStart(r.type, now).getTime()
  )
}

/** Groups the reports that count at `now`; keeps groups of at least `minCount`, biggest and most recent first. */
export function computeClusters(reports: readonly ClusterInput[], now: Date, minCount = 2): Cluster[] {
  const groups = new Map<string, ClusterInput[]>()
  for (const r of reports) {
    if (!counts(r, now)) continue
    const key = r.clusterKey as string
    const list = groups.get(key)
    if (list) list.push(r)
    else groups.set(key, [r])
  }
  const clusters: Cluster[] = []
  for (const [key, list] of groups) {
    if (list.length < minCount) continue
    list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
    const newest = list[0]
    const type = newest.type
    clusters.push({
      key,
      type,
      label: newest.clusterLabel ?? key,
      count: list.length,
      reportIds: list.map((r) => r._id),
      villageIds: [...new Set(list.map((r) => r.villageId).filter(Boolean))],
      firstAt: list[list.length - 1].createdAt,
      lastAt: newest.createdAt,
      summary: clusterSummary(type, list.length),
    })
  }
  return clusters.sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime())
}

/** How many counted reports share each key at `now` (a report counts itself). */
export function clusterCounts(reports: readonly ClusterInput[], now: Date): Map<string, number> {
  const m = new Map<string, number>()
  for (const r of reports) if (counts(r, now)) m.set(r.clusterKey as string, (m.get(r.clusterKey as string) ?? 0) + 1)
  return m
}

// ---------------------------------------------------------------------------------------------------------------
// Alert drafts.

/** What the alerts compose page opens: an officer edits it before anything is published. */
export interface AlertDraft {
  category: 'case'
  severity: 'moderate'
  /** At most 40 characters (the alert title limit). */
  title: string
  body: string
  /** Short points, each at most 60 characters. */
  advice: string[]
  villageIds: string[]
  /** A suggestion the officer may change. */
  expiresAt: Date
  /** Where the draft came from, so the alert can link back. */
  source: { kind: 'report_cluster'; key: string; reportIds: string[] }
}

export const ALERT_DRAFT_DAYS = 30

export interface ClusterFacts {
  cluster: Cluster
  now: Date
  /** For pesticide: the brand, shop and product names as reported (newest report). */
  brand?: string
  shop?: string
  products?: string[]
  /** For theft: the village's name and what was taken. */
  villageName?: string
  items?: string[]
}

function list(xs: readonly string[] | undefined, max = 3): string {
  const uniq = [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))]
  return uniq.slice(0, max).join('、')
}

export function alertDraftFromCluster(facts: ClusterFacts): AlertDraft {
  const { cluster } = facts
  const days = CLUSTER_WINDOW_DAYS[cluster.type]
  const source = { kind: 'report_cluster' as const, key: cluster.key, reportIds: cluster.reportIds }
  const common = { category: 'case' as const, severity: 'moderate' as const, villageIds: cluster.villageIds, expiresAt: new Date(facts.now.getTime() + ALERT_DRAFT_DAYS * DAY_MS), source }
  if (cluster.type === 'fake_pesticide') {
    const brand = facts.brand?.trim() || '某品牌'
    const shop = facts.shop?.trim() || '同一卖家'
    const products = list(facts.products)
    return {
      ...common,
      title: `提醒：有村民买到假“${brand.slice(0, 20)}”农药`,
      body:
        `近${days}天，派出所接到${cluster.count}起举报：在“${shop}”买的“${brand}”${products ? `（${products}）` : ''}农药有问题，用后庄稼受了损失。` +
        `买农药请到正规农资店，看清包装上的农药登记证号，留好小票和包装。发现问题请在“举报”里反映，或打派出所电话。`,
      advice: ['到正规农资店买农药', '看清包装上的农药登记证号', '留好小票和包装袋', '用后庄稼出问题，马上拍照举报'],
    }
  }
  const village = facts.villageName?.trim() || '本村'
  const items = list(facts.items, 4)
  return {
    ...common,
    title: `提醒：${village.slice(0, 20)}近期发生${cluster.count}起盗窃`,
    body:
      `近${days}天，${village}有${cluster.count}户村民反映${items ? items : '财物'}被偷。` +
      `请大家看好大棚和院子里的东西，贵重物品收进屋里，晚上锁好门。看到可疑的人和车，请马上打110或派出所电话。`,
    advice: ['大棚、院子里的东西收好', '晚上锁好门和大棚', '看到可疑的人和车，记下车牌，打110'],
  }
}
