// The compiled WeChat build in miniprogram-simulate: the 首页 tab badge follows the real unread count when the person
// comes back from reading an alert at once, while the read mark is still on its way.
import { gatewayCall, loadWeapp, textOf, waitFor, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
const RESIDENT = 'dev-resident-3' // 五里墩村: nothing of theirs is read by other weapp tests
let weapp: WeappHarness
const badges: Array<{ index: number; text: string }> = []
const removed: number[] = []

interface Envelope<T> {
  ok: boolean
  data: T
}

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: RESIDENT, storage: { fq_privacy_agreed: true } })
  const wx = (globalThis as unknown as { wx: Record<string, (o: { index: number; text?: string }) => unknown> }).wx
  const setBadge = wx.setTabBarBadge
  const removeBadge = wx.removeTabBarBadge
  wx.setTabBarBadge = (o) => {
    badges.push({ index: o.index, text: o.text ?? '' })
    return setBadge(o)
  }
  wx.removeTabBarBadge = (o) => {
    removed.push(o.index)
    return removeBadge(o)
  }
})

const unread = async () => ((await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'unreadCount', payload: {} })) as Envelope<{ count: number }>).data.count

it('reading an alert and coming straight back lowers the badge to the real count', async () => {
  const before = await unread()
  expect(before).toBeGreaterThan(0)
  const home = await weapp.openPage('pages/home/index')
  await waitFor(() => textOf(home, 'alert-seed-alert-shuadan'), 'the 刷单 card')
  await waitFor(() => badges.length > 0, 'the first badge')
  expect(badges[badges.length - 1]).toEqual({ index: 0, text: String(before) })

  // Open the alert: the detail page sends its read mark in the background...
  const detail = await weapp.openPage('packages/alert/detail/index', { id: 'seed-alert-shuadan' })
  await waitFor(() => textOf(detail, 'alert-title'), 'the alert title')
  // ...and the person goes back to 首页 at once, as WeChat's back button does (onShow of the tab page).
  badges.length = 0
  removed.length = 0
  const onShow = home.instance.onShow as (() => void) | undefined
  onShow?.call(home.instance)

  const expected = before - 1
  await waitFor(() => (expected > 0 ? badges.length > 0 : removed.length > 0), 'the badge after reading')
  if (expected > 0) expect(badges[badges.length - 1]).toEqual({ index: 0, text: String(expected) })
  expect(await unread()).toBe(expected)
})
