// The compiled WeChat build's alert pages in miniprogram-simulate, against the seeded local cloud: the home
// feed shows the seeded warnings with an unread badge on the tab, and 知道了 on the detail page is kept.
import { relativeTime } from '@domain/alert-labels'
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type SimComponent, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
const RESIDENT = 'dev-resident-1' // 平川村
let weapp: WeappHarness
let bar: SimComponent

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: RESIDENT, storage: { fq_privacy_agreed: true } })
  // The app's own tab bar (custom-tab-bar), as WeChat shows it under 首页.
  bar = weapp.openTabBar()
})

interface Envelope<T> {
  ok: boolean
  data: T
}

it('the home feed shows the seeded alerts for the village, most important first, with a badge on the tab', async () => {
  // Published 3 hours before the seed: "3小时前", or "昨天 …" once the station's midnight falls in between.
  const seeded = (await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'get', payload: { id: 'seed-alert-gongjianfa' } })) as Envelope<{ publishedAt: string }>
  const publishedAt = new Date(seeded.data.publishedAt)
  const labelBefore = relativeTime(publishedAt, new Date())
  expect(labelBefore).toMatch(/^(3小时前|昨天 \d\d:\d\d)$/)
  const page = await weapp.openPage('pages/home/index')
  await waitFor(() => textOf(page, 'alert-seed-alert-gongjianfa'), 'the 冒充公检法 card')
  const card = textOf(page, 'alert-seed-alert-gongjianfa') ?? ''
  expect(card).toContain('警惕冒充公检法电话诈骗')
  expect(card).toContain('严重')
  expect(card).toContain('诈骗预警')
  expect(card).toContain('全部村')
  expect([labelBefore, relativeTime(publishedAt, new Date())].some((label) => card.includes(label))).toBe(true)
  // 平川村 gets the fake-pesticide warning; 芦湾村's cancelled water notice and the draft never show.
  expect(textOf(page, 'alert-seed-alert-jianongyao')).toContain('假农药')
  expect(textOf(page, 'alert-seed-alert-tingshui')).toBeNull()
  expect(textOf(page, 'alert-seed-alert-yanglao-draft')).toBeNull()
  expect(page.querySelector('#alert-unread-seed-alert-gongjianfa')).toBeTruthy()
  // Pinned first, then severe before moderate.
  const feed = textOf(page, 'alert-feed') ?? ''
  const order = ['冒充公检法', '假农药', '刷单返利', '防溺水'].map((t) => feed.indexOf(t))
  expect(order.every((i) => i >= 0)).toBe(true)
  expect([...order].sort((a, b) => a - b)).toEqual(order)

  const unread = (await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'unreadCount', payload: {} })) as Envelope<{ count: number }>
  expect(unread.data.count).toBeGreaterThan(0)
  await waitFor(() => textOf(bar, 'tab-badge') === String(unread.data.count), `the tab badge showing ${unread.data.count}`)
})

it('the detail page shows the advice and 知道了 is recorded on the server', async () => {
  const page = await weapp.openPage('packages/alert/detail/index', { id: 'seed-alert-gongjianfa' })
  await waitFor(() => textOf(page, 'alert-title'), 'the alert title')
  expect(textOf(page, 'alert-title')).toBe('警惕冒充公检法电话诈骗')
  expect(textOf(page, 'alert-advice')).toContain('没有“安全账户”这回事')
  expect(textOf(page, 'alert-ack')).toBe('知道了')

  tap(page, 'alert-ack')
  await waitFor(() => textOf(page, 'alert-ack')?.includes('已知道'), 'the acknowledged button')
  const ack = weapp.calls.find((c) => c.data.action === 'ack')
  expect(ack?.data.requestId).toEqual(expect.any(String))

  const seen = (await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'get', payload: { id: 'seed-alert-gongjianfa' } })) as Envelope<{ acked: boolean; unread: boolean }>
  expect(seen.data).toMatchObject({ acked: true, unread: false })
  const stats = (await gatewayCall(CLOUD, 'dev-officer', 'alerts', { action: 'stats', payload: { id: 'seed-alert-gongjianfa' } })) as Envelope<{
    stats: { byVillage: Array<{ villageId: string; acked: number }> }
  }>
  // The seed has one acknowledgement in 平川村; this resident makes two.
  expect(stats.data.stats.byVillage.find((v) => v.villageId === 'pingchuan')?.acked).toBe(2)
})
