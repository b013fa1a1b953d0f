// 一标三实 in a real browser on the H5 build: an officer generates the doorplates of a 社 and prints the sheet (A4, 3×4
// plates with the address under each code, saved as PDF by the browser); a villager opens one plate by its URL (what
// the printed code holds) and declares that she lives there; the officer confirms it and it is her home in 我的家.
// With SCREENSHOT_DIR set, every households page is also shot at 375×812, normal and in 长辈模式.
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import type { MyHomeView, PlateJobView } from '@contract/households'
import { browserWorldForFile } from '../support/browserWorld'

const world = browserWorldForFile()

const VILLAGER = 'dev-resident-3' // 马秀英, 五里墩村
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

async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${world.cloud.url}/#/${route}`)
  await page.reload()
}

it('an officer prints a sheet, a villager opens a plate by URL and declares, the officer confirms', async () => {
  // 1. The officer makes the codes for 平川村五社 and opens the sheet.
  const o = await world.browser.openAs(OFFICER)
  await open(o.page, 'packages/officer-households/plates/index')
  await o.page.locator('#scope-groups').waitFor()
  await o.page.locator('#group-五社').click()
  await o.page.locator('#plates-generate').click()
  await o.page.locator('#plate-job').filter({ hasText: '都生成好了' }).waitFor({ timeout: 120_000 })
  await o.page.locator('#plates-sheet').click()
  await o.page.locator('#print-sheet').waitFor()
  const summary = await text(o.page, 'sheet-summary')
  const plates = await o.page.locator('[id^="sheet-plate-"]').count()
  expect(plates).toBeGreaterThan(0)
  expect(summary).toContain(`${plates}块门牌`)
  // Every code has loaded and every plate has its address under it.
  await o.page.waitForFunction(() => Array.from(document.querySelectorAll('.fq-sheet__code img')).every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))
  const first = o.page.locator('[id^="sheet-plate-"]').first()
  const plateId = ((await first.getAttribute('id')) ?? '').replace('sheet-plate-', '')
  expect(plateId).toMatch(/^MP[0-9A-Z]{8}$/)
  expect(await first.textContent()).toMatch(/平川村五社\s*\d+号/)
  await shot(o.page, 'officer-plates-sheet')

  // The browser's own print: A4 pages holding only the plates (3×4 a page).
  await o.page.emulateMedia({ media: 'print' })
  // In print the officer's controls are gone and only the sheet remains.
  expect(await o.page.locator('#plates-generate').isVisible()).toBe(false)
  expect(await o.page.locator('#sheet-page-0').isVisible()).toBe(true)
  await shot(o.page, 'officer-plates-print')
  const pdf = await o.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
  expect(pdfPages).toBe(Math.ceil(plates / 12))
  if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'officer-plates-sheet.pdf'), pdf)
  await o.page.emulateMedia({ media: 'screen' })

  // 2. A villager opens that plate as its code would (the H5 link with ?scene=) and declares.
  const v = await world.browser.openAs(VILLAGER)
  await open(v.page, `packages/doorplate/index/index?scene=${encodeURIComponent(`mp=${plateId}`)}`)
  await v.page.locator('#plate-line').waitFor()
  const line = await text(v.page, 'plate-line')
  expect(line).toMatch(/^五社\d+号/)
  await shot(v.page, 'doorplate-villager')
  await v.page.locator('#declare-resident').click()
  await v.page.locator('#declare-confirm').waitFor()
  await shot(v.page, 'doorplate-declare-confirm')
  await v.page.locator('#declare-send').click()
  await v.page.locator('#declare-pending').filter({ hasText: '等民警确认' }).waitFor()
  await shot(v.page, 'doorplate-declared')

  // 3. The officer confirms it from the address book.
  await open(o.page, 'packages/officer-households/book/index')
  await o.page.locator('#claims').waitFor()
  const card = o.page.locator('#claims [id^="claim-"]').filter({ hasText: line.replace(/\s.*$/, '') }).filter({ hasText: '马秀英' }).first()
  await card.waitFor()
  await shot(o.page, 'officer-book-claims')
  await card.locator('[id$="-confirm"]').click()
  await card.locator('[id$="-status"]').filter({ hasText: '已确认' }).waitFor()

  // 4. It is her home now.
  await open(v.page, 'packages/household/home/index')
  await v.page.locator('#home-address').waitFor()
  expect(await text(v.page, 'home-address')).toBe(line)
  await shot(v.page, 'my-home')
  const home = await world.cloud.ok<MyHomeView>(VILLAGER, 'households', 'myHome', {})
  expect(home.homes.map((h) => h.address.id)).toHaveLength(1)
  const job = await world.cloud.ok<PlateJobView>(OFFICER, 'households', 'generatePlates', { villageId: 'pingchuan', group: '五社' })
  expect(job.status).toBe('done')
}, 300_000)

/** Every households page at 375×812, normal and 长辈模式, for people to look at (only with SCREENSHOT_DIR). */
it('screenshots every households page', async () => {
  if (!SHOTS) return
  const pages: Array<[string, string, string]> = [
    ['public', VILLAGER, 'packages/doorplate/index/index?scene=mp%3DMPPC030012'],
    ['resident-home-plate', 'dev-resident-1', 'packages/doorplate/index/index?scene=mp%3DMPPC030012'],
    ['officer-scan', OFFICER, 'packages/doorplate/index/index?scene=mp%3DMPPC030012'],
    ['my-home-landlord', 'dev-resident-9', 'packages/household/home/index'],
    ['book', OFFICER, 'packages/officer-households/book/index'],
    ['visit', OFFICER, 'packages/officer-households/visit/index?kind=field'],
    ['plates', OFFICER, 'packages/officer-households/plates/index'],
    ['coverage', OFFICER, 'packages/officer-households/coverage/index'],
    ['import', OFFICER, 'packages/officer-households/import/index'],
  ]
  const home = await world.cloud.ok<{ items: { id: string }[] }>(OFFICER, 'households', 'searchAddresses', { villageId: 'pingchuan', group: '三社' })
  pages.push(['household', OFFICER, `packages/officer-households/detail/index?id=${encodeURIComponent(home.items[0]?.id ?? '')}`])
  for (const care of [false, true]) {
    for (const [name, openid, route] of pages) {
      const context: BrowserContext = await world.browser.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' })
      await context.addInitScript(
        ([id, large]) => {
          window.localStorage.setItem('fq_dev_openid_set', '1')
          window.localStorage.setItem('fq_dev_openid', id)
          window.localStorage.setItem('fq_privacy_agreed', JSON.stringify({ data: true }))
          window.localStorage.setItem('fq_large_font', JSON.stringify({ data: large }))
        },
        [openid, care] as const,
      )
      const page = await context.newPage()
      await page.goto(`${world.cloud.url}/#/${route}`)
      await page.locator('#shell-loading').waitFor({ state: 'detached' }).catch(() => undefined)
      await page.waitForTimeout(1200)
      await shot(page, `hh-${name}${care ? '-care' : ''}`)
      await context.close()
    }
  }
}, 600_000)
