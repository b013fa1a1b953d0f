// The compiled WeChat build's own tab bar (custom-tab-bar) in miniprogram-simulate: the four tabs, the selected one
// marked, a tap switches page, the 首页 badge is the real unread count, and 长辈模式 switched on 我的 makes the labels
// large and bold. Sizes are measured in the built WXSS, the way WeChat will draw them (rpx on a 375 px wide phone).
import fs from 'node:fs'
import path from 'node:path'
import { gatewayCall, loadWeapp, tap, textOf, waitFor, WEAPP_DIST, type SimComponent, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
const RESIDENT = 'dev-resident-2' // reads nothing here, so the count only changes if another file reads as them
let weapp: WeappHarness
const switched: string[] = []

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: RESIDENT, storage: { fq_privacy_agreed: true } })
  const wx = (globalThis as unknown as { wx: Record<string, (o: { url: string }) => unknown> }).wx
  wx.switchTab = (o) => {
    switched.push(o.url)
    return Promise.resolve({ errMsg: 'switchTab:ok' })
  }
})

interface Envelope<T> {
  ok: boolean
  data: T
}

const classOf = (bar: SimComponent, id: string): string => bar.querySelector(`#${id}`)?.dom.getAttribute('class') ?? ''
const selected = (bar: SimComponent): number[] => [0, 1, 2, 3].filter((i) => classOf(bar, `tab-${i}`).includes('fq-tabbar__item--on'))

/** The declarations of one rule of the built stylesheet, e.g. `.fq-tabbar--care .fq-tabbar__label`. */
function rule(selector: string): Record<string, string> {
  const css = fs.readFileSync(path.join(WEAPP_DIST, 'custom-tab-bar', 'index.wxss'), 'utf8')
  const found = css.split('}').find((block) => block.split('{')[0].trim() === selector)
  if (!found) throw new Error(`no rule ${selector} in custom-tab-bar/index.wxss`)
  return Object.fromEntries(
    found
      .split('{')[1]
      .split(';')
      .filter((d) => d.includes(':'))
      .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()]),
  )
}

/** CSS px on a 375 px wide phone (WeChat: 750rpx is the screen width). */
const cssPx = (value: string): number => {
  const m = /^([\d.]+)rpx$/.exec(value)
  if (!m) throw new Error(`not an rpx size: ${value}`)
  return Number(m[1]) / 2
}

it('shows the four tabs with 首页 selected and the real unread count on its badge', async () => {
  const unread = ((await gatewayCall(CLOUD, RESIDENT, 'alerts', { action: 'unreadCount', payload: {} })) as Envelope<{ count: number }>).data.count
  expect(unread).toBeGreaterThan(0)
  await weapp.openPage('pages/home/index')
  const bar = weapp.openTabBar()
  await waitFor(() => textOf(bar, 'tab-label-3'), 'the tab labels')
  expect([0, 1, 2, 3].map((i) => textOf(bar, `tab-label-${i}`))).toEqual(['首页', '办事', '举报', '我的'])
  expect(selected(bar)).toEqual([0])
  await waitFor(() => textOf(bar, 'tab-badge') === String(unread), `the badge showing ${unread}`)
})

it('a tap on 我的 selects it and switches to that page', async () => {
  const bar = weapp.openTabBar()
  await waitFor(() => textOf(bar, 'tab-label-3'), 'the tab labels')
  tap(bar, 'tab-3')
  await waitFor(() => switched.length > 0, 'the tab switch')
  expect(switched).toEqual(['/pages/me/index'])
  await waitFor(() => selected(bar).join() === '3', '我的 selected')
  // The badge stays on 首页 while another tab is selected.
  expect(textOf(bar, 'tab-badge')).toMatch(/^\d+$/)
})

it('长辈模式 switched on 我的 makes the tab labels large and bold, with darker colours', async () => {
  const bar = weapp.openTabBar()
  await waitFor(() => textOf(bar, 'tab-label-3'), 'the tab labels')
  expect(classOf(bar, 'tabbar')).not.toContain('fq-tabbar--care')
  const me = await weapp.openPage('pages/me/index')
  const toggle = await waitFor(() => me.querySelector('#large-font'), 'the 长辈模式 switch')
  toggle.dispatchEvent('change', { detail: { value: true } })
  await waitFor(() => classOf(bar, 'tabbar').includes('fq-tabbar--care'), 'the tab bar in 长辈模式')
  expect(weapp.storage.get('fq_large_font')).toBe(true)

  // Normal labels are already larger than WeChat's 10 px; 长辈模式 ones are at least 18 px and bold.
  expect(cssPx(rule('.fq-tabbar__label')['font-size'])).toBeGreaterThanOrEqual(13)
  const care = rule('.fq-tabbar--care .fq-tabbar__label')
  expect(cssPx(care['font-size'])).toBeGreaterThanOrEqual(18)
  expect(['bold', '700']).toContain(care['font-weight'])
  // Big touch targets: a tab is at least 56 px tall, 70 px in 长辈模式; black text instead of grey.
  expect(cssPx(rule('.fq-tabbar__item')['min-height'])).toBeGreaterThanOrEqual(56)
  expect(cssPx(rule('.fq-tabbar--care .fq-tabbar__item')['min-height'])).toBeGreaterThanOrEqual(70)
  expect(rule('.fq-tabbar--care .fq-tabbar__item').color).toMatch(/^#000(000)?$/)

  toggle.dispatchEvent('change', { detail: { value: false } })
  await waitFor(() => !classOf(bar, 'tabbar').includes('fq-tabbar--care'), 'the tab bar back to normal')
})
