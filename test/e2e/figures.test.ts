// 本所数字 in a real browser on the H5 build: an officer opens it from 民警工作台, sees the month with a drawn chart,
// switches to this year and to one village (the numbers agree with a hand count of the seed), exports the report
// list as Excel and the file's rows are checked; a villager is told the page is not theirs. Screenshots go to
// SCREENSHOT_DIR when it is set.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { dayRange, stationDayOf } from '@domain/figures'
import { browserWorldForFile } from '../support/browserWorld'

const world = browserWorldForFile()
const OFFICER = 'dev-officer'
const SHOTS = process.env.SCREENSHOT_DIR

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(700)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

async function text(page: Page, id: string): Promise<string> {
  return ((await page.locator(`#${id}`).textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** Polls `read` until `ok` holds (the page redraws after each switch); answers the last value read. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 8000): Promise<T> {
  const end = Date.now() + timeout
  let v = await read()
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150))
    v = await read()
  }
  return v
}

/** Non-white pixels drawn on a chart's canvas. */
function inked(page: Page, id: string): Promise<number> {
  return page.evaluate((chartId) => {
    const host = document.getElementById(chartId)
    const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null
    if (!canvas || canvas.width === 0) return 0
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray()
    let n = 0
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) n++
    return n
  }, id)
}

interface StoredReport {
  _id: string
  assignee: string | null
  villageId: string
  anonymous: boolean
  createdAt: string | Date
}

/** The seed's reports of this officer this year (optionally in one village): the hand count. */
function handCount(villageId?: string): StoredReport[] {
  const today = stationDayOf(new Date())
  const r = dayRange(`${today.slice(0, 4)}-01-01`, today)
  return (world.cloud.store.find('reports', {}) as unknown as StoredReport[])
    .filter((d) => {
      const at = new Date(d.createdAt).getTime()
      return d.assignee === OFFICER && at >= r.start.getTime() && at < r.end.getTime() && (!villageId || d.villageId === villageId)
    })
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
}

it('an officer looks at the year and one village, sees the charts and exports the report list', async () => {
  const { page } = await world.browser.openAs(OFFICER)
  await page.goto(`${world.cloud.url}/#/packages/staff/index/index`)
  await page.locator('#staff-figures').click()
  await page.locator('#figures-period-label').filter({ hasText: '本月' }).waitFor()
  await expect(text(page, 'figures-scope-label')).resolves.toContain('王警官')
  await expect(text(page, 'tile-homicide-state')).resolves.toBe('没有数据')
  // The trend chart is drawn on its canvas.
  expect(await until(() => inked(page, 'chart-trend'), (n) => n > 500)).toBeGreaterThan(500)
  await shot(page, 'figures-month')

  await page.locator('#period-year').click()
  await page.locator('#figures-period-label').filter({ hasText: '本年' }).waitFor()
  await expect(text(page, 'metric-reports-received-value')).resolves.toBe(String(handCount().length))
  expect(handCount().length).toBeGreaterThan(20)
  expect(await until(() => inked(page, 'chart-village'), (n) => n > 200)).toBeGreaterThan(200)

  await page.locator('#village-luwan').click()
  await page.locator('#figures-scope-label').filter({ hasText: '芦湾村' }).waitFor()
  const luwan = handCount('luwan')
  expect(await until(() => text(page, 'metric-reports-received-value'), (t) => t === String(luwan.length))).toBe(String(luwan.length))
  expect(await until(() => inked(page, 'chart-type'), (n) => n > 200)).toBeGreaterThan(200)
  await shot(page, 'figures-year-luwan')

  // Export the report list as Excel: the browser downloads it; its rows are the hand-counted reports.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-reports').click()])
  expect(download.suggestedFilename()).toMatch(/^举报清单_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/)
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fq-export-')), 'reports.xlsx')
  await download.saveAs(file)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const rows: string[][] = []
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c)))))
  expect(rows[0].slice(0, 6)).toEqual(['编号', '类型', '事情', '村', '举报人', '电话'])
  expect(rows.slice(1).map((r) => r[0])).toEqual(luwan.map((d) => d._id))
  for (const [i, d] of luwan.entries()) {
    const row = rows[i + 1]
    expect(row[3]).toBe('芦湾村')
    if (d.anonymous) expect(row.slice(4, 6)).toEqual(['匿名', ''])
    else expect(row[5]).toMatch(/^\d{3}\*{4}\d{4}$/)
  }
  await page.locator('#export-done').filter({ hasText: `${luwan.length} 行` }).waitFor()
  await shot(page, 'figures-exported')
  if (SHOTS) {
    await page.locator('#figures-charts').screenshot({ path: path.join(SHOTS, 'figures-charts.png') })
    await page.locator('#section-reports').screenshot({ path: path.join(SHOTS, 'figures-reports.png') })
    await page.locator('#figures-export').screenshot({ path: path.join(SHOTS, 'figures-export.png') })
  }
}, 300_000)

it('a villager is told the figures are for the station', async () => {
  const { page } = await world.browser.openAs('dev-resident-1')
  await page.goto(`${world.cloud.url}/#/packages/figures/index/index`)
  await page.locator('#shell-empty').filter({ hasText: '派出所民警' }).waitFor()
})
