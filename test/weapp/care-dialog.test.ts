// On weapp, 长辈模式 reaches the app's dialog (services/dialog, drawn by components/Dialog in every page) the way it
// reaches the toast and the pickers: WeChat's own modal keeps its small grey type, so nothing calls it. Measured in the
// built WXSS the way WeChat draws it (rpx on a 375 px wide phone).
import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_DIST } from '../support/weapp'

function css(): string {
  return ['app-origin.wxss', 'common.wxss']
    .map((f) => path.join(WEAPP_DIST, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n')
}

function rule(selector: string): Record<string, string> {
  const blocks = css().split('}').filter((block) => block.split('{')[0].trim() === selector)
  if (blocks.length === 0) throw new Error(`no rule ${selector} in the built WXSS`)
  const out: Record<string, string> = {}
  for (const block of blocks)
    for (const d of block.split('{')[1].split(';').filter((x) => x.includes(':'))) out[d.slice(0, d.indexOf(':')).trim()] = d.slice(d.indexOf(':') + 1).trim()
  return out
}

function cssPx(value: string, vars: Record<string, string> = {}): number {
  const v = /^var\((--[\w-]+),\s*([^)]+)\)$/.exec(value)
  const resolved = v ? (vars[v[1]] ?? v[2]) : value
  const m = /^([\d.]+)rpx$/.exec(resolved.trim())
  if (!m) throw new Error(`not an rpx size: ${value}`)
  return Number(m[1]) / 2
}

it('the dialog’s words and buttons take the page’s 长辈模式 sizes, and turn black and bold', () => {
  const large = rule('.fq-page.fq-large')
  const normal = rule('.fq-page')
  const message = rule('.fq-confirm__message')
  expect(cssPx(message['font-size'], normal)).toBeGreaterThanOrEqual(17)
  expect(cssPx(message['font-size'], large)).toBeGreaterThanOrEqual(21)
  expect(cssPx(rule('.fq-sheet__title')['font-size'], large)).toBeGreaterThanOrEqual(25)
  const button = rule('.fq-big-button')
  expect(cssPx(button['font-size'], large)).toBeGreaterThanOrEqual(22)
  expect(cssPx(button['min-height'], large)).toBeGreaterThanOrEqual(58)
  const care = rule('.fq-sheet__panel.fq-dialog--care .fq-confirm__message')
  expect(care.color).toMatch(/^#000(000)?$/)
  expect(['bold', '700']).toContain(care['font-weight'])
})
