import {
  computeClusters,
  clusterCounts,
  pesticideClusterKey,
  theftClusterKey,
  alertDraftFromCluster,
  clusterSummary,
  type ClusterInput,
} from '@domain/reports-clusters'
import type { ReportStatus, ReportType } from '@domain/reports'

const now = new Date('2026-11-28T02:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000)
let n = 0
function r(type: ReportType, key: string | null, ageDays: number, status: ReportStatus = 'submitted', villageId = 'pingchuan'): ClusterInput {
  n += 1
  return { _id: `PC-${String(n).padStart(4, '0')}`, type, status, createdAt: daysAgo(ageDays), villageId, clusterKey: key, clusterLabel: key ? `label ${key}` : null }
}

describe('cluster keys', () => {
  it('the same brand and shop typed differently give one key', () => {
    expect(pesticideClusterKey('绿丰 生物科技有限公司', '为农农资店')).toBe(pesticideClusterKey('绿丰生物科技', '为农 农资门市部'))
  })
  it('different shops give different keys', () => {
    expect(pesticideClusterKey('绿丰', '为农农资店')).not.toBe(pesticideClusterKey('绿丰', '丰收农资店'))
  })
  it('nothing to group by gives no key', () => {
    expect(pesticideClusterKey('  ', '，')).toBeNull()
    expect(theftClusterKey('')).toBeNull()
    expect(theftClusterKey('luwan')).toBe('t:luwan')
  })
})

describe('computeClusters', () => {
  const P = pesticideClusterKey('绿丰', '为农农资店')
  const Q = pesticideClusterKey('丰收', '流动商贩')
  const T = theftClusterKey('pingchuan')
  const U = theftClusterKey('luwan')

  it.each([
    ['pesticide within 90 days', [r('fake_pesticide', P, 1), r('fake_pesticide', P, 89)], [[P, 2]]],
    ['pesticide outside 90 days is not counted', [r('fake_pesticide', P, 1), r('fake_pesticide', P, 91)], []],
    ['theft within 14 days', [r('theft', T, 0), r('theft', T, 13), r('theft', T, 5)], [[T, 3]]],
    ['theft outside 14 days is not counted', [r('theft', T, 0), r('theft', T, 15)], []],
    ['withdrawn and rejected are not evidence', [r('theft', T, 1), r('theft', T, 2, 'withdrawn'), r('theft', T, 3, 'rejected')], []],
    ['resolved and transferred still count', [r('fake_pesticide', P, 1, 'resolved'), r('fake_pesticide', P, 2, 'transferred')], [[P, 2]]],
    ['reports without a key never group', [r('theft', null, 1), r('theft', null, 2)], []],
    ['future reports are ignored', [r('theft', T, 1), r('theft', T, -1)], []],
    [
      'biggest first',
      [r('theft', U, 1), r('theft', U, 2), r('fake_pesticide', Q, 1), r('fake_pesticide', Q, 2), r('fake_pesticide', Q, 3)],
      [
        [Q, 3],
        [U, 2],
      ],
    ],
  ] as const)('%s', (_name, reports, expected) => {
    expect(computeClusters(reports, now).map((c) => [c.key, c.count])).toEqual(expected)
  })

  it('a cluster lists its reports newest first with the span and villages', () => {
    const a = r('theft', T, 10, 'submitted', 'pingchuan')
    const b = r('theft', T, 2, 'resolved', 'pingchuan')
    const [c] = computeClusters([a, b], now)
    expect(c).toMatchObject({ type: 'theft', count: 2, reportIds: [b._id, a._id], villageIds: ['pingchuan'], firstAt: a.createdAt, lastAt: b.createdAt, summary: '同村近14天 2 起' })
  })

  it('counts per key include a lone report', () => {
    const m = clusterCounts([r('theft', T, 1), r('theft', T, 2), r('theft', U, 1), r('theft', U, 30)], now)
    expect(m.get(T as string)).toBe(2)
    expect(m.get(U as string)).toBe(1)
  })

  it('summaries read naturally', () => {
    expect(clusterSummary('fake_pesticide', 3)).toBe('同一品牌和店铺近90天 3 起')
  })
})

describe('alert draft from a cluster', () => {
  it('pesticide: a 案情通报 naming brand, shop and what to do', () => {
    const P = pesticideClusterKey('绿丰', '为农农资店') as string
    const [cluster] = computeClusters([r('fake_pesticide', P, 1, 'submitted', 'pingchuan'), r('fake_pesticide', P, 3, 'accepted', 'luwan')], now)
    const draft = alertDraftFromCluster({ cluster, now, brand: '绿丰', shop: '为农农资店', products: ['草甘膦', '草甘膦', '吡虫啉'] })
    expect(draft.category).toBe('case')
    expect(draft.title).toContain('绿丰')
    expect(draft.body).toContain('2起')
    expect(draft.body).toContain('为农农资店')
    expect(draft.body).toContain('草甘膦、吡虫啉')
    expect(draft.body).toContain('登记证号')
    expect(draft.villageIds.sort()).toEqual(['luwan', 'pingchuan'])
    expect(draft.severity).toBe('moderate')
    expect(draft.title.length).toBeLessThanOrEqual(40)
    for (const point of draft.advice) expect(point.length).toBeLessThanOrEqual(60)
    expect(draft.expiresAt.getTime()).toBeGreaterThan(now.getTime())
    expect(draft.source).toEqual({ kind: 'report_cluster', key: P, reportIds: cluster.reportIds })
  })
  it('theft: names the village and the items, targets that village', () => {
    const T = theftClusterKey('pingchuan') as string
    const [cluster] = computeClusters([r('theft', T, 1), r('theft', T, 2), r('theft', T, 3)], now)
    const draft = alertDraftFromCluster({ cluster, now, villageName: '平川村', items: ['水桶', '水桶', '电动车电瓶'] })
    expect(draft.title).toBe('提醒：平川村近期发生3起盗窃')
    expect(draft.body).toContain('水桶、电动车电瓶')
    expect(draft.villageIds).toEqual(['pingchuan'])
  })
})
