import {
  ALERT_CATEGORIES,
  ALERT_SEVERITIES,
  type AlertContent,
  type AlertDoc,
  type AlertPhase,
  type AlertSeverity,
  alertsForVillage,
  canApply,
  compareForFeed,
  countMarks,
  countUnread,
  createdKeyOf,
  decodeCursor,
  diffContent,
  emptyCounters,
  encodeCursor,
  expiryText,
  feedKeyOf,
  isUnread,
  isUpdatedSinceRead,
  phaseOf,
  readAccess,
  relativeTime,
  scopeLabel,
  summariseStats,
  targetedVillageIds,
  targetsVillage,
  unknownVillageIds,
} from '@domain/alerts'

const VILLAGES = [
  { id: 'pingchuan', name: '平川村' },
  { id: 'luwan', name: '芦湾村' },
  { id: 'huangjia', name: '黄家堡村' },
  { id: 'sanyi', name: '三一村' },
]

// 2024-06-10 12:00 in Shanghai
const NOW = new Date('2024-06-10T12:00:00+08:00')
const h = (n: number) => new Date(NOW.getTime() + n * 3600_000)

function alert(over: Partial<AlertDoc> = {}): AlertDoc {
  const base: AlertDoc = {
    _id: 'a1',
    title: '冒充公检法电话诈骗',
    body: '正文',
    category: 'fraud',
    severity: 'severe',
    target: 'all',
    advice: [],
    images: [],
    effectiveAt: h(-24),
    expiresAt: h(24 * 7),
    pinned: false,
    status: 'active',
    revision: 1,
    audience: ['all'],
    feedKey: '',
    createdKey: '',
    history: [],
    counters: emptyCounters(),
    createdBy: 'dev-officer',
    createdAt: h(-25),
    updatedAt: h(-24),
    publishedAt: h(-24),
    cancelledAt: null,
    cancelReason: null,
  }
  const a = { ...base, ...over }
  return { ...a, feedKey: feedKeyOf(a), createdKey: createdKeyOf(a) }
}

describe('label tables', () => {
  it('pins the categories and severities with their Chinese labels, most severe first', () => {
    expect(ALERT_CATEGORIES.map((c) => [c.value, c.label])).toEqual([
      ['fraud', '诈骗预警'],
      ['safety', '安全提示'],
      ['case', '案情通报'],
      ['policy', '政策法规'],
      ['service', '便民服务'],
    ])
    expect(ALERT_SEVERITIES.map((s) => [s.value, s.label])).toEqual([
      ['extreme', '特别严重'],
      ['severe', '严重'],
      ['moderate', '较重'],
      ['minor', '一般'],
    ])
    for (const e of [...ALERT_CATEGORIES, ...ALERT_SEVERITIES]) expect(e.color).toMatch(/^#[0-9a-f]{6}$/)
  })
})

describe('phase (lifecycle read against the clock)', () => {
  it.each<[string, Partial<AlertDoc>, AlertPhase]>([
    ['draft stays draft even when its times have passed', { status: 'draft', expiresAt: h(-1) }, 'draft'],
    ['active between effective and expiry', {}, 'active'],
    ['active before it takes effect is scheduled', { effectiveAt: h(1) }, 'scheduled'],
    ['active at its expiry instant is expired', { expiresAt: NOW }, 'expired'],
    ['active past expiry is expired', { expiresAt: h(-1) }, 'expired'],
    ['cancelled stays cancelled', { status: 'cancelled', expiresAt: h(-1) }, 'cancelled'],
  ])('%s', (_name, over, phase) => {
    expect(phaseOf(alert(over), NOW)).toBe(phase)
  })

  it.each<[Parameters<typeof canApply>[0], AlertPhase[]]>([
    ['publish', ['draft']],
    ['editDraft', ['draft']],
    ['update', ['scheduled', 'active', 'expired']],
    ['cancel', ['draft', 'scheduled', 'active']],
  ])('%s is allowed exactly from %j', (action, allowed) => {
    const all: AlertPhase[] = ['draft', 'scheduled', 'active', 'expired', 'cancelled']
    expect(all.filter((p) => canApply(action, p))).toEqual(allowed)
  })
})

describe('targeting', () => {
  it.each<[AlertContent['target'], string | null, boolean]>([
    ['all', 'luwan', true],
    [['pingchuan'], 'pingchuan', true],
    [['pingchuan'], 'luwan', false],
    [['pingchuan', 'luwan'], 'luwan', true],
    ['all', null, false],
  ])('target %j reaches village %s: %s', (target, village, expected) => {
    expect(targetsVillage({ target }, village)).toBe(expected)
  })

  it('resolves all villages, finds unknown ids and writes the scope in words', () => {
    expect(targetedVillageIds('all', VILLAGES)).toEqual(['pingchuan', 'luwan', 'huangjia', 'sanyi'])
    expect(unknownVillageIds(['pingchuan', 'nowhere'], VILLAGES)).toEqual(['nowhere'])
    expect(unknownVillageIds('all', VILLAGES)).toEqual([])
    expect(scopeLabel('all', VILLAGES)).toBe('全部村')
    expect(scopeLabel(['luwan', 'pingchuan'], VILLAGES)).toBe('芦湾村、平川村')
    expect(scopeLabel(['pingchuan', 'luwan', 'huangjia', 'sanyi'], VILLAGES)).toBe('平川村、芦湾村、黄家堡村等4个村')
  })
})

describe('feed order and cursor', () => {
  const items = [
    alert({ _id: 'old-minor', severity: 'minor', publishedAt: h(-48) }),
    alert({ _id: 'new-moderate', severity: 'moderate', publishedAt: h(-1) }),
    alert({ _id: 'old-extreme', severity: 'extreme', publishedAt: h(-72) }),
    alert({ _id: 'pinned-minor', severity: 'minor', pinned: true, publishedAt: h(-96) }),
    alert({ _id: 'new-severe', severity: 'severe', publishedAt: h(-2) }),
    alert({ _id: 'old-severe', severity: 'severe', publishedAt: h(-30) }),
  ]
  const expected = ['pinned-minor', 'old-extreme', 'new-severe', 'old-severe', 'new-moderate', 'old-minor']

  it('puts pinned first, then more severe, then newer', () => {
    expect([...items].sort(compareForFeed).map((a) => a._id)).toEqual(expected)
  })

  it('encodes the same order in feedKey, so the database sorts on one field', () => {
    const byKey = [...items].sort((a, b) => (a.feedKey < b.feedKey ? 1 : -1))
    expect(byKey.map((a) => a._id)).toEqual(expected)
  })

  it('pages through with the last key: no item lost or repeated', () => {
    const sorted = [...items].sort((a, b) => (a.feedKey < b.feedKey ? 1 : -1))
    const seen: string[] = []
    let cursor: string | undefined
    for (;;) {
      const after = decodeCursor('feed', cursor)
      const page = sorted.filter((a) => after === null || a.feedKey < after).slice(0, 4)
      if (page.length === 0) break
      seen.push(...page.map((a) => a._id))
      cursor = encodeCursor('feed', page[page.length - 1].feedKey)
    }
    expect(seen).toEqual(expected)
  })

  it('rejects a cursor of the other order or a forged one', () => {
    const key = items[0].feedKey
    expect(decodeCursor('feed', encodeCursor('feed', key))).toBe(key)
    expect(decodeCursor('created', encodeCursor('feed', key))).toBeNull()
    expect(decodeCursor('feed', 'f.{"$gt":1}')).toBeNull()
    expect(decodeCursor('feed', undefined)).toBeNull()
  })

  it('the resident feed keeps only live alerts of the village, in order', () => {
    const all = [
      ...items,
      alert({ _id: 'other-village', target: ['luwan'] }),
      alert({ _id: 'draft', status: 'draft' }),
      alert({ _id: 'expired', expiresAt: h(-1) }),
      alert({ _id: 'cancelled', status: 'cancelled' }),
      alert({ _id: 'later', effectiveAt: h(2) }),
    ]
    expect(alertsForVillage(all, 'pingchuan', NOW).map((a) => a._id)).toEqual(expected)
  })
})

describe('visibility', () => {
  const resident = { role: 'resident' as const, villageId: 'pingchuan' }
  const officer = { role: 'officer' as const, villageId: null }
  it.each<[string, Partial<AlertDoc>, typeof resident | typeof officer, 'feed' | 'share', string]>([
    ['resident reads an active alert for their village', { target: ['pingchuan'] }, resident, 'feed', 'full'],
    ['resident reads an all-village alert', {}, resident, 'feed', 'full'],
    ['resident cannot open another village’s alert directly', { target: ['luwan'] }, resident, 'feed', 'denied'],
    ['resident reads another village’s active alert through a share', { target: ['luwan'] }, resident, 'share', 'full'],
    ['a shared expired alert elsewhere only says it is over', { target: ['luwan'], expiresAt: h(-1) }, resident, 'share', 'notice'],
    ['a shared cancelled alert elsewhere only says it is over', { target: ['luwan'], status: 'cancelled' }, resident, 'share', 'notice'],
    ['an expired alert of their own village stays readable', { expiresAt: h(-1) }, resident, 'feed', 'full'],
    ['residents never see drafts', { status: 'draft' }, resident, 'share', 'denied'],
    ['residents do not see alerts before they take effect', { effectiveAt: h(1) }, resident, 'share', 'denied'],
    ['officers read drafts', { status: 'draft', target: ['luwan'] }, officer, 'feed', 'full'],
  ])('%s', (_n, over, viewer, via, access) => {
    expect(readAccess(alert(over), viewer, NOW, via)).toBe(access)
  })
})

describe('unread after updates', () => {
  it.each<[number, number | null, boolean, boolean]>([
    [1, null, true, false],
    [1, 1, false, false],
    [2, 1, true, true],
    [3, 3, false, false],
  ])('alert revision %i, mark revision %p → unread %p, updated %p', (rev, markRev, unread, updated) => {
    const mark = markRev === null ? null : { revision: markRev }
    expect(isUnread({ revision: rev }, mark)).toBe(unread)
    expect(isUpdatedSinceRead({ revision: rev }, mark)).toBe(updated)
  })

  it('counts unread alerts for the badge', () => {
    const alerts = [
      { _id: 'a', revision: 1 },
      { _id: 'b', revision: 2 },
      { _id: 'c', revision: 1 },
    ]
    expect(countUnread(alerts, [{ alertId: 'a', revision: 1 }, { alertId: 'b', revision: 1 }])).toBe(2)
    expect(countUnread(alerts, [])).toBe(3)
  })
})

describe('update diff', () => {
  it('records each changed field with before and after in words, and nothing else', () => {
    const before = alert({ target: ['pingchuan'] })
    const after = { ...before, severity: 'extreme' as AlertSeverity, target: ['pingchuan', 'luwan'], expiresAt: new Date('2024-06-20T18:00:00+08:00') }
    expect(diffContent(before, after, VILLAGES)).toEqual([
      { field: 'severity', label: '严重程度', before: '严重', after: '特别严重' },
      { field: 'target', label: '发送范围', before: '平川村', after: '平川村、芦湾村' },
      { field: 'expiresAt', label: '到期时间', before: '2024年6月17日 12:00', after: '2024年6月20日 18:00' },
    ])
    expect(diffContent(before, { ...before, expiresAt: new Date(before.expiresAt.getTime()) }, VILLAGES)).toEqual([])
  })
})

describe('time in plain words (Asia/Shanghai)', () => {
  it.each<[string, string]>([
    ['2024-06-10T11:59:40+08:00', '刚刚'],
    ['2024-06-10T11:55:00+08:00', '5分钟前'],
    ['2024-06-10T09:00:00+08:00', '3小时前'],
    ['2024-06-10T00:30:00+08:00', '11小时前'],
    ['2024-06-09T23:30:00+08:00', '昨天 23:30'],
    ['2024-06-06T08:00:00+08:00', '4天前'],
    ['2024-05-01T08:00:00+08:00', '5月1日'],
    ['2023-12-31T08:00:00+08:00', '2023年12月31日'],
  ])('%s → %s', (at, text) => {
    expect(relativeTime(new Date(at), NOW)).toBe(text)
  })

  it('uses the Shanghai calendar day, not UTC, for "yesterday"', () => {
    // 00:30 Shanghai on the 10th is still the 9th in UTC; at 01:00 it is "30分钟前", at 23:00 it is "今天".
    const now = new Date('2024-06-10T23:00:00+08:00')
    expect(relativeTime(new Date('2024-06-10T00:30:00+08:00'), now)).toBe('22小时前')
    expect(relativeTime(new Date('2024-06-09T23:59:00+08:00'), now)).toBe('昨天 23:59')
  })

  it.each<[string, string]>([
    ['2024-06-10T18:00:00+08:00', '今天 18:00 到期'],
    ['2024-06-11T08:00:00+08:00', '明天 08:00 到期'],
    ['2024-06-13T08:00:00+08:00', '还有3天到期'],
    ['2024-06-10T12:00:00+08:00', '已过期'],
  ])('expiry %s → %s', (at, text) => {
    expect(expiryText(new Date(at), NOW)).toBe(text)
  })
})

describe('stats', () => {
  it('aggregates read marks per village and against reach', () => {
    const counters = countMarks([
      { villageId: 'pingchuan', acked: true },
      { villageId: 'pingchuan', acked: false },
      { villageId: 'luwan', acked: true },
      { villageId: 'sanyi', acked: true }, // moved out of a targeted village: counted overall only
    ])
    expect(counters).toEqual({
      read: 4,
      acked: 3,
      byVillage: { pingchuan: { read: 2, acked: 1 }, luwan: { read: 1, acked: 1 }, sanyi: { read: 1, acked: 1 } },
    })
    const s = summariseStats(VILLAGES, ['pingchuan', 'luwan'], { pingchuan: 4, luwan: 4 }, counters)
    expect(s).toEqual({
      reach: 8,
      read: 4,
      acked: 3,
      readRate: 50,
      ackRate: 38,
      byVillage: [
        { villageId: 'pingchuan', name: '平川村', reach: 4, read: 2, acked: 1 },
        { villageId: 'luwan', name: '芦湾村', reach: 4, read: 1, acked: 1 },
      ],
    })
  })

  it('reports zero rates when nobody is reached', () => {
    expect(summariseStats(VILLAGES, ['huangjia'], {}, emptyCounters())).toMatchObject({ reach: 0, readRate: 0, ackRate: 0 })
  })
})
