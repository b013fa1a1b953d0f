// The compiled WeChat build in miniprogram-simulate: the 首页 badge on the app's own tab bar (custom-tab-bar) follows
// the real unread count when the person comes back from reading an alert at once, while the read mark is still on its
// way: the badge never shows the old number again.
import { gatewayCall, loadWeapp, textOf, waitFor, type SimComponent, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
const RESIDENT = 'dev-resident-3' // 五里墩村: nothing of theirs is read by other weapp tests
let weapp: WeappHarness
let bar: SimComponent
/** The badge text after every update of the tab bar, as the person saw it ('' = no badge). */
const shown: string[] = []

interface Envelope<T> {
  ok: boolean
  data: T
}

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: RESIDENT, storage: { fq_privacy_agreed: true } })
  bar = weapp.openTabBar()
  const instance = bar.instance as { setData: (data: unknown, done?: () => void) => void }
  const setData = instance.setData.bind(instance)
  instance.setData = (data, done) => {
    setData(data, done)
    shown.push(textOf(bar, 'tab-badge') ?? '')
  }
})

const unread = async () => ((await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'unreadCount', payload: {} })) as Envelope<{ count: number }>).data.count

it('reading an alert and coming straight back lowers the badge to the real count', async () => {
  const before = await unread()
  expect(before).toBeGreaterThan(0)
  const home = await weapp.openPage('pages/home/index')
  await waitFor(() => textOf(home, 'alert-seed-alert-shuadan'), 'the 刷单 card')
  await waitFor(() => textOf(bar, 'tab-badge') === String(before), `the badge showing ${before}`)

  // Open the alert: the detail page sends its read mark in the background...
  const detail = await weapp.openPage('packages/alert/detail/index', { id: 'seed-alert-shuadan' })
  await waitFor(() => textOf(detail, 'alert-title'), 'the alert title')
  // ...and the person goes back to 首页 at once, as WeChat's back button does (onShow of the tab page).
  shown.length = 0
  const onShow = home.instance.onShow as (() => void) | undefined
  onShow?.call(home.instance)

  const expected = before - 1
  const want = expected > 0 ? String(expected) : ''
  await waitFor(() => (textOf(bar, 'tab-badge') ?? '') === want, `the badge after reading (${expected})`)
  expect(shown.length).toBeGreaterThan(0)
  expect(shown.filter((text) => text !== want)).toEqual([])
  expect(await unread()).toBe(expected)
})
