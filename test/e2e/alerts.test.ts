// Fraud and safety alerts in a real browser on the H5 build: an officer writes a severe warning for one
// village through the compose page; a resident there sees it with its badges and presses 知道了; a resident
// of another village never sees it; the officer's numbers and follow-up list change accordingly.
import type { Page } from 'playwright-core'
import { browserWorldForFile } from '../support/browserWorld'

const world = browserWorldForFile()

const TITLE = '警惕假冒电力公司上门收费'

async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input, #${id} textarea, input#${id}, textarea#${id}`).first().fill(value)
}

async function number(page: Page, id: string): Promise<number> {
  return Number((await page.locator(`#${id}`).textContent())?.trim())
}

async function publishAsOfficer(): Promise<string> {
  const { page, context } = await world.browser.openAs('dev-officer')
  await page.goto(`${world.cloud.url}/#/packages/officer-alerts/compose/index`)
  await page.locator('#pick-village-pingchuan').waitFor()

  // Nothing filled in: the page says what is missing and sends nothing.
  await page.locator('#compose-publish').click()
  await page.locator('#field-title-error').filter({ hasText: '请填写标题' }).waitFor()

  await fill(page, 'input-title', TITLE)
  await fill(page, 'input-body', '有人穿着像电力公司的衣服上门，说电表要换、要先交钱。电力公司不会上门收现金。')
  await page.locator('#pick-category-fraud').click()
  await page.locator('#pick-severity-severe').click()
  await page.locator('#pick-village-pingchuan').click()
  await fill(page, 'input-advice-0', '电费只在营业厅或手机上交')

  await page.locator('#compose-preview').click()
  await page.locator('#compose-preview-sheet').filter({ hasText: '电费只在营业厅或手机上交' }).waitFor()
  await page.locator('#preview-close').click()

  // A double tap on 发布 (150 ms apart): the second tap lands where 发布 was and on the just-opened sheet, and
  // publishes nothing.
  const publish = await page.locator('#compose-publish').boundingBox()
  if (!publish) throw new Error('no 发布 button')
  await page.mouse.click(publish.x + publish.width / 2, publish.y + publish.height / 2)
  await page.waitForTimeout(150)
  await page.mouse.click(publish.x + publish.width / 2, publish.y + publish.height / 2)
  await page.locator('#confirm-yes').click({ force: true })
  const sheet = page.locator('#compose-confirm-message')
  await sheet.filter({ hasText: /发给平川村 \d+人，会推送/ }).waitFor()
  expect(await sheet.textContent()).toContain('确定发布？')
  expect(page.url()).toContain('/officer-alerts/compose/')
  // A deliberate tap a moment later publishes.
  await page.locator('#confirm-yes:not(.fq-big-button--off)').click()

  // Published: the officer lands on the new alert's numbers.
  await page.locator('#stats-title').filter({ hasText: TITLE }).waitFor()
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
  expect(id).not.toBe('')
  expect(await number(page, 'stats-acked')).toBe(0)
  await page.locator('#followup-dev-resident-1').waitFor()
  await context.close()
  return id
}

it('an officer publishes to one village; only that village sees it; 知道了 shows up in the stats', async () => {
  const id = await publishAsOfficer()
  const stored = await world.cloud.ok<{ severity: string; villageIds: string[]; phase: string }>('dev-officer', 'alerts', 'get', { id })
  expect(stored).toMatchObject({ severity: 'severe', villageIds: ['pingchuan'], phase: 'active' })
  const before = await world.cloud.ok<{ stats: { reach: number; acked: number } }>('dev-officer', 'alerts', 'stats', { id })

  // 平川村: the card with its severity label, and the count on the 首页 tab.
  const r1 = await world.browser.openAs('dev-resident-1')
  await r1.page.goto(`${world.cloud.url}/#/pages/home/index`)
  const card = r1.page.locator(`#alert-${id}`)
  await card.waitFor()
  await expect(card.textContent()).resolves.toContain('严重')
  await expect(card.textContent()).resolves.toContain('诈骗预警')
  await r1.page.locator(`#alert-unread-${id}`).waitFor()
  const unread = await world.cloud.ok<{ count: number }>('dev-resident-1', 'alerts', 'unreadCount', {})
  await r1.page.locator('.taro-tabbar-badge, .weui-badge').filter({ hasText: String(unread.count) }).first().waitFor()

  await card.click()
  await r1.page.locator('#alert-title').filter({ hasText: TITLE }).waitFor()
  await r1.page.locator('#alert-ack').click()
  await r1.page.locator('#alert-ack').filter({ hasText: '已知道' }).waitFor()
  await r1.context.close()

  // 芦湾村: not in the feed, and not readable from the feed either.
  const r2 = await world.browser.openAs('dev-resident-2')
  await r2.page.goto(`${world.cloud.url}/#/pages/home/index`)
  await r2.page.locator('#alert-seed-alert-gongjianfa').waitFor()
  expect(await r2.page.locator('#alert-feed').textContent()).not.toContain(TITLE)
  await r2.context.close()
  const denied = await world.cloud.call('dev-resident-2', 'alerts', 'get', { id })
  expect(denied.ok).toBe(false)

  // The officer sees one more acknowledgement in 平川村, and resident 1 is off the follow-up list.
  const o = await world.browser.openAs('dev-officer')
  await o.page.goto(`${world.cloud.url}/#/packages/officer-alerts/stats/index?id=${id}`)
  await o.page.locator('#stats-acked').filter({ hasText: '1' }).waitFor()
  expect(await number(o.page, 'stats-reach')).toBe(before.stats.reach)
  expect(await number(o.page, 'stats-read')).toBe(1)
  await expect(o.page.locator('#stats-village-pingchuan').textContent()).resolves.toContain('知道了 1')
  await o.page.locator('#followup-list').waitFor()
  expect(await o.page.locator('#followup-dev-resident-1').count()).toBe(0)
  await o.context.close()
  const after = await world.cloud.ok<{ stats: { acked: number } }>('dev-officer', 'alerts', 'stats', { id })
  expect(after.stats.acked).toBe(before.stats.acked + 1)
})

it('an officer cancels an alert with a reason; a share link then says so plainly', async () => {
  const { page, context } = await world.browser.openAs('dev-officer')
  await page.goto(`${world.cloud.url}/#/packages/officer-alerts/compose/index?id=seed-alert-shuadan`)
  await page.locator('#compose-cancel').click()
  await page.locator('#confirm-yes:not(.fq-big-button--off)').click()
  await page.locator('#field-reason-error').waitFor()
  await fill(page, 'input-reason', '已核实，改发新的提醒')
  await page.locator('#confirm-yes:not(.fq-big-button--off)').click()
  await page.locator('#stats-phase').filter({ hasText: '已撤销' }).waitFor()
  await context.close()

  const r2 = await world.browser.openAs('dev-resident-2')
  await r2.page.goto(`${world.cloud.url}/#/packages/alert/detail/index?id=seed-alert-shuadan&via=share`)
  await r2.page.locator('#alert-over').filter({ hasText: '已核实，改发新的提醒' }).waitFor()
  expect(await r2.page.locator('#alert-ack').count()).toBe(0)
  await r2.context.close()
})
