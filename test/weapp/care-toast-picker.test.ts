// On weapp, 长辈模式 reaches the toast and the pickers: WeChat's native ones keep WeChat's small type, so the app draws
// its own inside the page. The compiled build in miniprogram-simulate: the village picker opens the app's sheet of big
// rows (no native picker), saving says 已保存 in the app's toast (wx.showToast is never called), and both carry the
// 长辈模式 sizes, measured in the built WXSS the way WeChat draws them (rpx on a 375 px wide phone).
import fs from 'node:fs'
import path from 'node:path'
import { loadWeapp, tap, textOf, waitFor, WEAPP_DIST, type SimComponent, type WeappHarness } from '../support/weapp'

const RESIDENT = 'dev-resident-6' // 黄德福, 黄家堡村: no other weapp test signs in as him
let weapp: WeappHarness
const nativeToasts: unknown[] = []

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: RESIDENT, storage: { fq_privacy_agreed: true, fq_large_font: true } })
  const wx = (globalThis as unknown as { wx: Record<string, (o: unknown) => unknown> }).wx
  wx.showToast = (o) => {
    nativeToasts.push(o)
    return Promise.resolve({ errMsg: 'showToast:ok' })
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

/** CSS px on a 375 px wide phone (750rpx is the screen width); `var(--x, 34rpx)` is read through the page's variable. */
function cssPx(value: string, vars: Record<string, string> = {}): number {
  const v = /^var\((--[\w-]+),\s*([^)]+)\)$/.exec(value)
  const resolved = v ? (vars[v[1]] ?? v[2]) : value
  const m = /^([\d.]+)rpx$/.exec(resolved.trim())
  if (!m) throw new Error(`not an rpx size: ${value}`)
  return Number(m[1]) / 2
}

let page: SimComponent

it('the village picker is the app’s own sheet of big rows inside the page, in 长辈模式', async () => {
  page = await weapp.openPage('pages/me/index')
  await waitFor(() => textOf(page, 'profile-village'), 'the profile')
  tap(page, 'edit-profile')
  const field = await waitFor(() => page.querySelector('#input-village'), 'the village field')
  expect(textOf(page, 'input-village')).toContain('黄家堡村')
  tap(page, 'input-village')
  await waitFor(() => page.querySelector('#input-village-sheet'), 'the picker sheet')
  expect(textOf(page, 'input-village-option-0')).toBeTruthy()
  // The sheet is part of the page, under its 长辈模式 class, so the page's large sizes apply to its rows.
  const sheet = page.querySelector('#input-village-sheet')
  // (miniprogram-simulate prefixes each class with its component's name, main-- for a page.)
  expect(sheet?.dom.closest('.main--fq-large')).toBeTruthy()
  expect(field.dom.closest('.main--fq-large')).toBeTruthy()
  tap(page, 'input-village-cancel')
  await waitFor(() => !page.querySelector('#input-village-sheet'), 'the sheet closed')

  // Sizes: a row's text is the page's --fq-fs, 21 px in 长辈模式 (17 px otherwise), and a row is at least 58 px tall.
  const large = rule('.fq-page.fq-large')
  const normal = rule('.fq-page')
  const row = rule('.fq-pick-row')
  expect(cssPx(row['font-size'], normal)).toBeGreaterThanOrEqual(17)
  expect(cssPx(row['font-size'], large)).toBeGreaterThanOrEqual(21)
  expect(cssPx(row['min-height'], large)).toBeGreaterThanOrEqual(58)
  expect(cssPx(rule('.fq-pick-cell')['height'], large)).toBeGreaterThanOrEqual(58)
})

it('saving says 已保存 in the app’s toast, large and bold in 长辈模式, never through wx.showToast', async () => {
  // The same page, still in the edit form; the sheet's 不选了 left the village as it was.
  tap(page, 'save-profile')
  await waitFor(() => textOf(page, 'toast-text') === '已保存', 'the toast')
  expect(page.querySelector('#toast')?.dom.getAttribute('class')).toContain('fq-toast--care')
  expect(nativeToasts).toEqual([])

  // White on black; 18 px normally, 24 px and bold in 长辈模式 (WeChat's own toast is 14-16 px, grey, 7 characters).
  const box = rule('.fq-toast')
  expect(box.background).toMatch(/^#000(000)?$/)
  expect(box.color).toMatch(/^#fff(fff)?$/)
  expect(cssPx(rule('.fq-toast__text')['font-size'])).toBeGreaterThanOrEqual(18)
  const care = rule('.fq-toast--care .fq-toast__text')
  expect(cssPx(care['font-size'])).toBeGreaterThanOrEqual(24)
  expect(['bold', '700']).toContain(care['font-weight'])
})
