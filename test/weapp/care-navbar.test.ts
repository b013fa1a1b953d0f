// On weapp, 长辈模式 reaches the navigation bar: WeChat's own bar keeps a 17 px title whatever the app says, so the app
// switches it off (navigationStyle 'custom') and PageShell draws its own. The compiled build in miniprogram-simulate
// (its phone: 428 px wide, 47 px status bar, capsule at top 51, 32 px tall, left 334): every page shows its config's
// title level with the capsule and clear of it, a tab page has no back control, a page opened from another has 返回,
// a page opened directly has 回首页, pull-to-refresh still refreshes, and in 长辈模式 the title is large and the back
// target at least 48 px. Sizes are measured in the built WXSS the way WeChat draws them (rpx on a 375 px wide phone).
import fs from 'node:fs'
import path from 'node:path'
import { loadWeapp, tap, textOf, waitFor, WEAPP_DIST, type SimComponent, type WeappHarness } from '../support/weapp'

const RESIDENT = 'dev-resident-5' // 杨玉梅, 四坝村: no other weapp test signs in as her
let weapp: WeappHarness
const navigations: string[] = []
let refreshStopped = 0

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: RESIDENT, storage: { fq_privacy_agreed: true } })
  const wx = (globalThis as unknown as { wx: Record<string, (o?: { url?: string; success?: (r: unknown) => void }) => unknown> }).wx
  for (const api of ['navigateBack', 'switchTab']) {
    wx[api] = (o = {}) => {
      navigations.push(`${api}${o.url ? ` ${o.url}` : ''}`)
      o.success?.({ errMsg: `${api}:ok` })
      return Promise.resolve({ errMsg: `${api}:ok` })
    }
  }
  wx.stopPullDownRefresh = (o = {}) => {
    refreshStopped++
    o.success?.({ errMsg: 'stopPullDownRefresh:ok' })
    return Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' })
  }
})

/** The declarations of one rule in the built stylesheets (app-origin.wxss and common.wxss). */
function rule(selector: string): Record<string, string> {
  const css = ['app-origin.wxss', 'common.wxss'].map((f) => fs.readFileSync(path.join(WEAPP_DIST, f), 'utf8')).join('\n')
  const blocks = css.split('}').filter((block) => block.split('{')[0].trim() === selector)
  if (blocks.length === 0) throw new Error(`no rule ${selector} in the built WXSS`)
  const out: Record<string, string> = {}
  for (const block of blocks)
    for (const d of block.split('{')[1].split(';').filter((x) => x.includes(':'))) out[d.slice(0, d.indexOf(':')).trim()] = d.slice(d.indexOf(':') + 1).trim()
  return out
}

/** CSS px on a 375 px wide phone (750rpx is the screen width). */
function cssPx(value: string): number {
  const m = /^([\d.]+)rpx$/.exec(value.trim())
  if (!m) throw new Error(`not an rpx size: ${value}`)
  return Number(m[1]) / 2
}

/** An inline style of the element with this id (the bar's geometry comes from the phone, in px). */
function inline(page: SimComponent, id: string): Record<string, string> {
  const style = page.querySelector(`#${id}`)?.dom.getAttribute('style') ?? ''
  return Object.fromEntries(
    style
      .split(';')
      .filter((d) => d.includes(':'))
      .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()]),
  )
}

const classOf = (page: SimComponent, id: string): string => page.querySelector(`#${id}`)?.dom.getAttribute('class') ?? ''
const px = (v: string | undefined): number => parseFloat(v ?? '')

it('WeChat is told to draw no bar, and every page keeps its title and its pull-to-refresh in its config', () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as { window: Record<string, unknown> }
  expect(app.window.navigationStyle).toBe('custom')
  const home = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'pages/home/index.json'), 'utf8')) as Record<string, unknown>
  expect(home).toMatchObject({ navigationBarTitleText: '枫桥警民通', enablePullDownRefresh: true })
})

let home: SimComponent

it('a tab page shows its title level with the capsule, clear of it, and no back control', async () => {
  home = await weapp.openPage('pages/home/index')
  await waitFor(() => textOf(home, 'nav-title'), 'the navigation bar')
  expect(textOf(home, 'nav-title')).toBe('枫桥警民通')
  expect(textOf(home, 'nav-back')).toBeNull()
  // Under the 47 px status bar; the row is the capsule's (4 px above it, 32 px, 4 px below), the title's line on it.
  expect(inline(home, 'nav-bar')['padding-top']).toBe('47px')
  expect(inline(home, 'nav-title')['line-height']).toBe('40px')
  // 94 px (428 − 334) kept free at both sides: the title never runs under the capsule and stays centred.
  expect(inline(home, 'nav-row')).toMatchObject({ height: '40px', padding: '0 94px 0px' })
  expect(classOf(home, 'nav-bar')).not.toContain('fq-nav--care')
})

it('pull-to-refresh still refreshes the page and ends the spinner', async () => {
  const before = weapp.calls.length
  ;(home.instance.onPullDownRefresh as () => void).call(home.instance)
  // Three calls at once may each start a function instance: on a busy machine that takes a while.
  await waitFor(() => refreshStopped > 0, 'the pull-down to stop', 30_000)
  expect(weapp.calls.length).toBeGreaterThan(before)
})

let policy: SimComponent
let me: SimComponent

it('a page opened from another shows its own title and 返回, which goes back', async () => {
  policy = await weapp.openPage('packages/privacy/policy/index')
  await waitFor(() => textOf(policy, 'nav-title'), 'the navigation bar')
  expect(textOf(policy, 'nav-title')).toBe('隐私政策')
  expect(textOf(policy, 'nav-back-text')).toBe('返回')
  // One back control: the bar's (no second one in the page).
  expect(policy.dom.textContent?.match(/返回/g)).toHaveLength(1)
  tap(policy, 'nav-back')
  await waitFor(() => navigations.length > 0, 'the navigation')
  expect(navigations).toEqual(['navigateBack'])
})

it('in 长辈模式 the title is large and bold and the back target at least 48 px, still level with the capsule', async () => {
  me = await weapp.openPage('pages/me/index')
  const toggle = await waitFor(() => me.querySelector('#large-font'), 'the 长辈模式 switch')
  toggle.dispatchEvent('change', { detail: { value: true } })
  // Every open page follows at once.
  await waitFor(() => classOf(policy, 'nav-bar').includes('fq-nav--care'), 'the bar in 长辈模式')
  expect(classOf(home, 'nav-bar')).toContain('fq-nav--care')
  const back = inline(policy, 'nav-back')
  expect(px(back.height)).toBeGreaterThanOrEqual(48)
  expect(px(back.width)).toBeGreaterThanOrEqual(48)
  // The 8 px it grew are below the capsule's row, so the label stays level with the capsule and off the status bar.
  expect(back['padding-bottom']).toBe('8px')
  expect(inline(policy, 'nav-bar')['padding-top']).toBe('47px')
  expect(inline(policy, 'nav-title')['line-height']).toBe('40px')

  // Sizes as WeChat draws them: 17 px (WeChat's own) normally, 22 px and bold in 长辈模式.
  expect(cssPx(rule('.fq-nav__title')['font-size'])).toBe(17)
  const care = rule('.fq-nav--care .fq-nav__title')
  expect(cssPx(care['font-size'])).toBeGreaterThanOrEqual(22)
  expect(['bold', '700']).toContain(care['font-weight'])
  expect(cssPx(rule('.fq-nav--care .fq-nav__back-text')['font-size'])).toBeGreaterThanOrEqual(19)

  toggle.dispatchEvent('change', { detail: { value: false } })
  await waitFor(() => !classOf(policy, 'nav-bar').includes('fq-nav--care'), 'the bar back to normal')
})

it('a page opened directly (a doorplate scan, a share) offers 回首页 instead, which goes to 首页', async () => {
  // Nothing behind it: WeChat opened it first.
  for (const open of [home, policy, me]) open.detach()
  navigations.length = 0
  const page = await weapp.openPage('packages/doorplate/index/index', { scene: encodeURIComponent('mp=MPPC030012') })
  await waitFor(() => textOf(page, 'nav-back-text'), 'the back control')
  expect(textOf(page, 'nav-title')).toBe('门牌')
  expect(textOf(page, 'nav-back-text')).toBe('回首页')
  tap(page, 'nav-back')
  await waitFor(() => navigations.length > 0, 'the navigation')
  expect(navigations).toEqual(['switchTab /pages/home/index'])
})
