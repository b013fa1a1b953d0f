// The `alerts` function against a local cloud, through the real wx-server-sdk and the seeded demo data.
import type { ActionKey, ActionRequest, Result } from '@contract'
import type { AlertView } from '@contract/alerts'
import { settle } from '@server/db'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud } from '../support/localCloud'

type TestCloud = Awaited<ReturnType<typeof startTestCloud>>

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})

afterAll(async () => {
  await cloud?.stop()
})

const OFFICER = 'dev-officer'
const R1 = 'dev-resident-1' // 平川村
const R2 = 'dev-resident-2' // 芦湾村
const R9 = 'dev-resident-9' // 平川村
const TEMPLATE = 'local-template-alert'

let seq = 0
const rid = (tag: string) => `t-${tag}-${Date.now().toString(36)}-${++seq}`

const { call, ok } = contractCalls(() => cloud)

/** Input below the contract, on purpose (the function must refuse it): sent as it is, untyped. */
async function unchecked(openid: string, key: ActionKey, payload: unknown, requestId?: string): Promise<Result<unknown>> {
  const [fn, action] = key.split('.')
  return cloud.call(openid, fn, action, payload, requestId)
}

async function docs(collection: string, where: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const res = await settle(cloud.db.collection(collection).where(where).limit(1000).get())
  return res.data as Record<string, unknown>[]
}

async function countAlerts(): Promise<number> {
  const res = await settle(cloud.db.collection('alerts').count())
  return res.total
}

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

function draft(over: Partial<ActionRequest<'alerts.publish'>> = {}): ActionRequest<'alerts.publish'> {
  return {
    title: '警惕冒充快递理赔诈骗',
    body: '有人冒充快递客服打电话说您的包裹丢了要理赔，让您下载软件、开屏幕共享。这是诈骗，请挂断。',
    category: 'fraud',
    severity: 'severe',
    villageIds: ['pingchuan'],
    advice: ['快递理赔不用下载软件', '不开屏幕共享'],
    expiresAt: inDays(7),
    ...over,
  }
}

async function feed(openid: string, payload: ActionRequest<'alerts.list'> = {}): Promise<AlertView[]> {
  const items: AlertView[] = []
  let cursor: string | undefined
  for (let i = 0; i < 20; i++) {
    const page = await ok(openid, 'alerts.list', { ...payload, ...(cursor ? { cursor } : {}) })
    items.push(...page.items)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return items
}

describe('officer → resident → stats', () => {
  let alertId = ''

  it('publishes a severe alert to one village; only that village sees it, unread', async () => {
    const before = await ok(R1, 'alerts.unreadCount', {})
    const published = await ok(OFFICER, 'alerts.publish', draft({ title: '冒充快递理赔诈骗（平川村）' }), rid('pub'))
    alertId = published.id
    expect(published).toMatchObject({ phase: 'active', revision: 1, scope: '平川村', severity: 'severe' })
    expect(published.history.map((h) => h.kind)).toEqual(['created', 'published'])

    const r1 = await feed(R1)
    expect(r1.find((a) => a.id === alertId)).toMatchObject({ unread: true, acked: false })
    expect((await ok(R1, 'alerts.unreadCount', {})).count).toBe(before.count + 1)
    expect((await feed(R2)).some((a) => a.id === alertId)).toBe(false)
  })

  it('a resident elsewhere cannot open it directly, but can through a share link', async () => {
    expect(await call(R2, 'alerts.get', { id: alertId })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await call(R2, 'alerts.get', { id: alertId, via: 'share' })).toMatchObject({ ok: true, data: { access: 'full', phase: 'active' } })
  })

  it('reading and acknowledging count once, however often they are sent', async () => {
    await ok(R1, 'alerts.markRead', { id: alertId })
    expect((await feed(R1)).find((a) => a.id === alertId)).toMatchObject({ unread: false })
    const first = await ok(R1, 'alerts.ack', { id: alertId }, rid('ack'))
    const again = await ok(R1, 'alerts.ack', { id: alertId }, rid('ack'))
    expect(again.ackedAt).toBe(first.ackedAt)
    await ok(R1, 'alerts.markRead', { id: alertId })
    // a share-link reader from another village is not counted against this village's reach
    await ok(R2, 'alerts.ack', { id: alertId, via: 'share' }, rid('ack2'))

    const stats = await ok(OFFICER, 'alerts.stats', { id: alertId })
    expect(stats.stats).toMatchObject({ reach: 2, read: 1, acked: 1, readRate: 50, ackRate: 50 })
    expect(stats.stats.byVillage).toEqual([{ villageId: 'pingchuan', name: '平川村', reach: 2, read: 1, acked: 1 }])
    expect(stats.followUp).toBeNull()
    expect(await docs('alert_reads', { alertId })).toHaveLength(2)
  })

  it('the follow-up list names who has not acknowledged, phone masked, and is audited', async () => {
    const auditBefore = (await docs('audit_log', { action: 'alerts.followUp' })).length
    const stats = await ok(OFFICER, 'alerts.stats', { id: alertId, followUp: true })
    expect(stats.followUp).toEqual({
      items: [{ openid: R9, name: '王淑珍', villageId: 'pingchuan', villageName: '平川村', phone: '139****0009', read: false }],
      nextCursor: null,
    })
    const audit = await docs('audit_log', { action: 'alerts.followUp' })
    expect(audit).toHaveLength(auditBefore + 1)
    expect(audit[audit.length - 1]).toMatchObject({ actor: OFFICER, target: alertId })
    expect(await ok(OFFICER, 'alerts.revealPhone', { id: alertId, openid: R9 })).toEqual({ phone: '13900000009' })
  })

  it('an update records what changed and why, and shows as unread again', async () => {
    const updated = await ok(OFFICER, 'alerts.update', { id: alertId, reason: '又有村民接到这种电话', changes: { severity: 'extreme' } }, rid('upd'))
    expect(updated.revision).toBe(2)
    expect(updated.history[updated.history.length - 1]).toMatchObject({
      kind: 'updated',
      reason: '又有村民接到这种电话',
      changes: [{ field: 'severity', before: '严重', after: '特别严重' }],
    })
    expect((await feed(R1)).find((a) => a.id === alertId)).toMatchObject({ unread: true, updatedSinceRead: true, acked: true })
  })

  it('a cancelled alert leaves the feed and says so when opened from a share', async () => {
    const cancelled = await ok(OFFICER, 'alerts.cancel', { id: alertId, reason: '情况已核实处理' }, rid('cancel'))
    expect(cancelled).toMatchObject({ phase: 'cancelled', cancelReason: '情况已核实处理' })
    expect((await feed(R1)).some((a) => a.id === alertId)).toBe(false)
    expect(await call(R1, 'alerts.get', { id: alertId })).toMatchObject({ ok: true, data: { phase: 'cancelled', access: 'full' } })
    expect(await call(R2, 'alerts.get', { id: alertId, via: 'share' })).toMatchObject({
      ok: true,
      data: { phase: 'cancelled', access: 'notice', body: '', advice: [], cancelReason: '情况已核实处理' },
    })
    expect(await call(OFFICER, 'alerts.cancel', { id: alertId, reason: '再撤一次' }, rid('cancel2'))).toMatchObject({
      ok: false,
      error: { code: 'transition_not_allowed' },
    })
  })
})

describe('the resident feed', () => {
  it('shows the seeded live alerts in order: pinned, then severity, then newest; no expired, cancelled or draft', async () => {
    const titles = (await feed(R1, { pageSize: 2 })).map((a) => a.id).filter((id) => id.startsWith('seed-'))
    // R1's confirmed household is in 平川村三社: the seeded 社 alert is hers too (minor, so last).
    expect(titles).toEqual(['seed-alert-gongjianfa', 'seed-alert-jianongyao', 'seed-alert-shuadan', 'seed-alert-fangnishui', 'seed-alert-sanshe-dianping'])
    const luwan = (await feed(R2)).map((a) => a.id).filter((id) => id.startsWith('seed-'))
    expect(luwan).toEqual(['seed-alert-gongjianfa', 'seed-alert-shuadan', 'seed-alert-fangnishui'])
  })

  it('a newcomer with no village yet still gets the 全部村 alerts, can open them and sees them as unread', async () => {
    const newcomer = `fn-newcomer-${Date.now().toString(36)}`
    const ids = (await feed(newcomer)).map((a) => a.id).filter((id) => id.startsWith('seed-'))
    expect(ids).toEqual(['seed-alert-gongjianfa', 'seed-alert-shuadan', 'seed-alert-fangnishui'])
    expect(await ok(newcomer, 'alerts.get', { id: 'seed-alert-gongjianfa' })).toMatchObject({ access: 'full', unread: true })
    expect(await call(newcomer, 'alerts.get', { id: 'seed-alert-jianongyao' })).toMatchObject({ ok: false })
    const before = await ok(newcomer, 'alerts.unreadCount', {})
    expect(before.count).toBeGreaterThanOrEqual(3)
    await ok(newcomer, 'alerts.markRead', { id: 'seed-alert-gongjianfa' })
    expect((await ok(newcomer, 'alerts.unreadCount', {})).count).toBe(before.count - 1)
  })

  it('sends cards, not whole alerts: no body, advice or images in the feed (resident or officer); the detail has them', async () => {
    for (const who of [R1, OFFICER]) {
      const card = (await feed(who)).find((a) => a.id === 'seed-alert-gongjianfa')
      expect(card).toMatchObject({ title: '警惕冒充公检法电话诈骗', body: '', advice: [], images: [], history: [] })
      const whole = await ok(who, 'alerts.get', { id: 'seed-alert-gongjianfa' })
      expect(whole.body.length).toBeGreaterThan(20)
      expect(whole.advice.length).toBeGreaterThan(0)
    }
  })

  it('filters by category and keyword', async () => {
    expect((await feed(R1, { category: 'safety' })).map((a) => a.id)).toEqual(['seed-alert-jianongyao', 'seed-alert-fangnishui'])
    expect((await feed(R1, { keyword: '农药' })).map((a) => a.id)).toEqual(['seed-alert-jianongyao'])
    expect(await feed(R1, { keyword: '.*' })).toEqual([])
  })

  it('officers see drafts, expired and cancelled alerts, filtered by phase', async () => {
    const drafts = await feed(OFFICER, { phase: 'draft' })
    expect(drafts.map((a) => a.id)).toContain('seed-alert-yanglao-draft')
    expect(drafts.every((a) => a.phase === 'draft')).toBe(true)
    expect((await feed(OFFICER, { phase: 'expired' })).map((a) => a.id)).toContain('seed-alert-yanhua')
    expect(await call(R1, 'alerts.get', { id: 'seed-alert-yanglao-draft', via: 'share' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('a draft is continued and then published', async () => {
    const saved = await ok(OFFICER, 'alerts.publish', { ...draft({ severity: 'minor' }), mode: 'draft' }, rid('draft'))
    expect(saved).toMatchObject({ phase: 'draft', revision: 0 })
    expect((await feed(R1)).some((a) => a.id === saved.id)).toBe(false)
    const live = await ok(OFFICER, 'alerts.publish', { ...draft({ severity: 'minor', title: '改过标题后发布' }), id: saved.id }, rid('draft-pub'))
    expect(live).toMatchObject({ id: saved.id, phase: 'active', title: '改过标题后发布' })
    expect((await feed(R1)).some((a) => a.id === saved.id)).toBe(true)
  })
})

describe('alerts.reach', () => {
  it('tells an officer how many residents the chosen villages hold, and refuses residents', async () => {
    const seeded = await docs('users', { role: 'resident', villageId: 'pingchuan' })
    expect(await ok(OFFICER, 'alerts.reach', { villageIds: ['pingchuan'] })).toMatchObject({ residents: seeded.length })
    const all = await ok(OFFICER, 'alerts.reach', { villageIds: 'all' })
    expect(all.residents).toBeGreaterThanOrEqual(9)
    expect(await call(OFFICER, 'alerts.reach', { villageIds: ['atlantis'] })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(await call(R1, 'alerts.reach', { villageIds: ['pingchuan'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('access and validation', () => {
  it.each([
    ['publish', draft()],
    ['update', { id: 'seed-alert-shuadan', reason: '改', changes: { title: '改' } }],
    ['cancel', { id: 'seed-alert-shuadan', reason: '撤销' }],
    ['stats', { id: 'seed-alert-shuadan' }],
  ])('a resident calling %s is forbidden', async (action, payload) => {
    expect(await unchecked(R1, `alerts.${action}` as ActionKey, payload, rid('forbid'))).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it.each<[string, string, Record<string, unknown>]>([
    ['missing title', 'title', { title: undefined }],
    ['title over 40 characters', 'title', { title: '诈'.repeat(41) }],
    ['body over 2000 characters', 'body', { body: '骗'.repeat(2001) }],
    ['unknown category', 'category', { category: 'rumour' }],
    ['unknown severity', 'severity', { severity: 'catastrophic' }],
    ['expiry before effect', 'expiresAt', { effectiveAt: inDays(3), expiresAt: inDays(2) }],
    ['unknown village', 'villageIds', { villageIds: ['pingchuan', 'atlantis'] }],
    ['ten images', 'images', { images: Array.from({ length: 10 }, (_, i) => `cloud://local/a/${i}.jpg`) }],
  ])('%s → invalid_argument naming %s, nothing stored', async (_name, field, over) => {
    const before = await countAlerts()
    const res = await unchecked(OFFICER, 'alerts.publish', { ...draft(), ...over }, rid('bad'))
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
    if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await countAlerts()).toBe(before)
  })

  it('a retried publish with the same requestId stores one alert', async () => {
    const before = await countAlerts()
    const key = rid('same')
    const [a, b] = await Promise.all([ok(OFFICER, 'alerts.publish', draft({ severity: 'minor' }), key), ok(OFFICER, 'alerts.publish', draft({ severity: 'minor' }), key)])
    expect(a.id).toBe(b.id)
    expect(await countAlerts()).toBe(before + 1)
  })
})

describe('subscription messages', () => {
  const runJob = () => cloud.call('dev-admin', 'cron', 'run', { job: 'alerts.notify' })
  const credits = async (openid: string) => ((await docs('subscriptions', { _id: openid }))[0]?.credits as number | undefined) ?? 0

  it('spends exactly one credit per message, even when the job runs twice at once', async () => {
    await runJob() // drain jobs left by earlier tests
    await ok(R1, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))
    expect(await ok(R1, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))).toEqual({ credits: 2 })
    await ok(R9, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))
    expect(await ok(R9, 'alerts.subscribe', { results: { [TEMPLATE]: 'reject' } }, rid('sub'))).toEqual({ credits: 1 })
    await ok(R2, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))

    const severe = await ok(OFFICER, 'alerts.publish', draft({ title: '严重预警：订阅消息测试' }), rid('pub-sub'))
    const minor = await ok(OFFICER, 'alerts.publish', draft({ title: '一般提示不推送', severity: 'minor' }), rid('pub-minor'))
    const results = await Promise.all([runJob(), runJob()])
    for (const r of results) expect(r).toMatchObject({ ok: true })

    const sends = await docs('alert_sends', { alertId: severe.id })
    expect(sends.map((s) => [s.openid, s.status]).sort()).toEqual([
      [R1, 'sent'],
      [R9, 'sent'],
    ])
    expect(await docs('alert_sends', { alertId: minor.id })).toEqual([])
    expect(await credits(R1)).toBe(1)
    expect(await credits(R9)).toBe(0)
    expect(await credits(R2)).toBe(1) // 芦湾村 was not targeted

    await runJob()
    expect(await docs('alert_sends', { alertId: severe.id })).toHaveLength(2)
    expect(await credits(R1)).toBe(1)

    // every send landed in the local cloud's outbox, once, from the cron function, with the alert's page
    const outbox = cloud.cloud.openapi.listOutbox().filter((m) => m.page === `packages/alert/detail/index?id=${severe.id}`)
    expect(outbox.map((m) => [m.touser, m.templateId, m.functionName]).sort()).toEqual([
      [R1, TEMPLATE, 'cron'],
      [R9, TEMPLATE, 'cron'],
    ])
    expect(outbox[0].data.thing1.value).toBe('严重预警：订阅消息测试')
  })

  it('the next severe alert reaches only residents who still hold a credit', async () => {
    const next = await ok(OFFICER, 'alerts.publish', draft({ title: '第二条严重预警', villageIds: 'all' }), rid('pub-2'))
    await runJob()
    const sends = await docs('alert_sends', { alertId: next.id })
    expect(sends.map((s) => s.openid).sort()).toEqual([R1, R2])
    expect(await credits(R1)).toBe(0)
    expect(await credits(R2)).toBe(0)
  })
})
