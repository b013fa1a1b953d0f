// Reports in a real browser on the H5 build: a resident reports a theft with a photo through the four-step form and
// gets a case number; an officer accepts it from the queue and resolves it with a result; after each move the
// resident's own page shows the new status and one more entry on the timeline, and the station sent a message.
import type { Page } from 'playwright-core'
import QRCode from 'qrcode'
import type { ReporterReportView } from '@contract/reports'
import { browserWorldForFile } from '../support/browserWorld'
import { expectSamePicture } from '../support/samePicture'

const world = browserWorldForFile()

const RESIDENT = 'dev-resident-1' // 张桂兰, 平川村
const OFFICER = 'dev-officer'
const ACCEPT_NOTE = '明天上午去大棚看看'
const RESULT = '喷雾器已追回，请到派出所领取'

/** Taro's H5 Input and Textarea are custom elements around a real control. */
async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input, #${id} textarea`).first().fill(value)
}

async function text(page: Page, id: string): Promise<string> {
  return ((await page.locator(`#${id}`).textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** The reporter's page for the case, freshly loaded, once it shows `status`. */
async function openAsReporter(page: Page, caseNo: string, status: string): Promise<void> {
  await page.goto(`${world.cloud.url}/#/packages/report-form/detail/index?id=${caseNo}`)
  await page.reload()
  await page.locator('#report-status').filter({ hasText: status }).waitFor()
}

async function timelineOf(page: Page): Promise<string[]> {
  return (await page.locator('#report-timeline [id^="timeline-"]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())
}

/** The officer's move through the sheet: the button for `to`, an optional note, 确定. */
async function move(page: Page, to: string, note: string | null, statusAfter: string): Promise<void> {
  await page.locator(`#move-${to}`).click()
  await page.locator('#move-sheet').waitFor()
  if (note !== null) await fill(page, 'input-move-note', note)
  await page.locator('#move-confirm:not(.fq-big-button--off)').click()
  await page.locator('#officer-report-status').filter({ hasText: statusAfter }).waitFor()
}

async function reportAsResident(page: Page, png: Buffer): Promise<string> {
  await page.goto(`${world.cloud.url}/#/pages/report/index`)
  await page.locator('#report-choose-theft').click()

  // Step 1: what was taken.
  await page.locator('#report-step-title').filter({ hasText: '第1步' }).waitFor()
  await fill(page, 'input-item-0-name', '喷雾器')
  await fill(page, 'input-item-0-value', '150')
  await page.locator('#report-next').click()

  // Step 2: when and where. Nothing picked yet: the form says what is missing and stays.
  await page.locator('#report-step-title').filter({ hasText: '第2步' }).waitFor()
  await page.locator('#report-next').click()
  await page.locator('#field-from-date-error').waitFor()
  await expect(text(page, 'field-place-error')).resolves.toBe('请填写具体地点')
  // "Last seen" is today (the app's date sheet offers 今天; no time means the start of the day); found missing is now.
  await page.locator('#input-from-date').click()
  await page.locator('#input-from-date-today').click()
  await page.locator('#field-from-date-error').waitFor({ state: 'detached' })
  await fill(page, 'input-place', '三社东头自家大棚')
  await fill(page, 'input-suspect', '看到一辆蓝色三轮车')
  await page.locator('#report-next').click()

  // Step 3: one photo, through the page's own file chooser, uploaded with progress until it says so.
  await page.locator('#report-step-title').filter({ hasText: '第3步' }).waitFor()
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#photo-add').click()])
  await chooser.setFiles({ name: 'sprayer.png', mimeType: 'image/png', buffer: png })
  await page.locator('#photo-0-done').waitFor()
  await expect(text(page, 'photo-count')).resolves.toContain('已选 1 张')
  await page.locator('#report-next').click()

  // Step 4: check, and send with name and phone.
  await page.locator('#report-confirm').waitFor()
  const summary = await text(page, 'report-confirm')
  expect(summary).toContain('喷雾器（150元）')
  expect(summary).toContain('平川村 三社东头自家大棚')
  expect(summary).toContain('1张')
  await page.locator('#report-submit').click()

  await page.locator('#report-success').waitFor()
  const caseNo = await text(page, 'report-case-no')
  expect(caseNo).toMatch(/^PC\d{8}-\d{4}$/)
  // The H5 build has no WeChat to ask for 举报进展通知.
  expect(await page.locator('#report-updates-consent').count()).toBe(0)
  return caseNo
}

it('a resident reports a theft with a photo; an officer accepts and resolves it; the resident sees each step', async () => {
  // 1. The resident sends the report and opens it from the success screen.
  const png = await QRCode.toBuffer('PC 喷雾器 大棚')
  const resident = await world.browser.openAs(RESIDENT)
  const caseNo = await reportAsResident(resident.page, png)
  const stored = await world.cloud.ok<ReporterReportView>(RESIDENT, 'reports', 'get', { id: caseNo })
  expect(stored).toMatchObject({ status: 'submitted', villageId: 'pingchuan', anonymous: false, canWithdraw: true })
  expect(stored.theft).toMatchObject({ items: [{ name: '喷雾器', value: 150 }], place: '三社东头自家大棚', suspect: '看到一辆蓝色三轮车' })
  expect(stored.photos).toHaveLength(1)
  // The picture chosen in the browser is in cloud storage, as the JPEG the app made of it.
  await expectSamePicture(resident.page, { bytes: png, type: 'image/png' }, Buffer.from(await (await fetch(stored.photos[0].url)).arrayBuffer()))

  await resident.page.locator('#report-open-detail').click()
  await resident.page.locator('#report-status').filter({ hasText: '已提交，等待受理' }).waitFor()
  await expect(text(resident.page, 'report-case-no')).resolves.toBe(`编号 ${caseNo}`)
  await resident.page.locator('#report-photo-0').waitFor()
  expect(await timelineOf(resident.page)).toEqual([expect.stringContaining('提交举报')])
  await resident.page.locator('#withdraw-open').waitFor()

  // 2. The officer finds it at the top of the queue and accepts it.
  const officer = await world.browser.openAs(OFFICER)
  await officer.page.goto(`${world.cloud.url}/#/packages/officer-reports/index/index`)
  await officer.page.locator(`#queue-${caseNo}`).click()
  await officer.page.locator('#officer-report-case').filter({ hasText: caseNo }).waitFor()
  await expect(text(officer.page, 'reporter-contact')).resolves.toContain('张桂兰')
  await move(officer.page, 'accepted', ACCEPT_NOTE, '已受理')

  await openAsReporter(resident.page, caseNo, '已受理')
  const afterAccept = await timelineOf(resident.page)
  expect(afterAccept).toHaveLength(2)
  expect(afterAccept[1]).toContain('派出所已受理')
  expect(afterAccept[1]).toContain(ACCEPT_NOTE)
  // Accepted: too late to take it back, still open for more material.
  expect(await resident.page.locator('#withdraw-open').count()).toBe(0)
  await resident.page.locator('#supplement-open').waitFor()

  // 3. The officer resolves it; a result is required and the sheet says so.
  await officer.page.locator('#move-resolved').click()
  await officer.page.locator('#move-confirm:not(.fq-big-button--off)').click()
  await officer.page.locator('#field-move-note-error').waitFor()
  await fill(officer.page, 'input-move-note', RESULT)
  await officer.page.locator('#move-confirm:not(.fq-big-button--off)').click()
  await officer.page.locator('#officer-report-status').filter({ hasText: '已办结' }).waitFor()
  await officer.context.close()

  await openAsReporter(resident.page, caseNo, '已办结')
  await expect(text(resident.page, 'report-result')).resolves.toBe(`处理结果：${RESULT}`)
  const afterResolve = await timelineOf(resident.page)
  expect(afterResolve).toHaveLength(3)
  expect(afterResolve[2]).toContain('已办结')
  expect(afterResolve[2]).toContain(RESULT)
  expect(await resident.page.locator('#supplement-open').count()).toBe(0)
  await resident.context.close()

  // The server agrees, and sent the reporter one message per public move.
  const final = await world.cloud.ok<ReporterReportView>(RESIDENT, 'reports', 'get', { id: caseNo })
  expect(final).toMatchObject({ status: 'resolved', result: RESULT, open: false, canSupplement: false, canWithdraw: false })
  expect(final.timeline.map((e) => e.status)).toEqual(['submitted', 'accepted', 'resolved'])
  const sent = world.cloud.cloud.openapi.listOutbox({ touser: RESIDENT }).filter((m) => m.data.character_string1?.value === caseNo)
  expect(sent.map((m) => m.data.phrase2.value)).toEqual(['已受理', '已办结'])
})
