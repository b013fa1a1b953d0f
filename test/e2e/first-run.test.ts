// A brand-new resident in a real browser on the H5 build: the first thing on 首页 asks for the village, the
// jurisdiction-wide alerts are already there, and one tap on the village brings that village's alerts.
import { browserWorldForFile } from '../support/browserWorld'

const world = browserWorldForFile()

it('first run → choose village → sees the 全部村 and the village alerts', async () => {
  const { page, context } = await world.browser.openAs('e2e-newcomer-1')
  await page.goto(`${world.cloud.url}/#/pages/home/index`)

  const card = page.locator('#first-run')
  await card.waitFor()
  expect(await card.textContent()).toContain('选一下您住哪个村，才能收到本村的防骗提醒')
  // Never "all clear" while 全部村 alerts are live: they show under the card.
  await page.locator('#alert-seed-alert-gongjianfa').waitFor()
  expect(await page.locator('#shell-empty').count()).toBe(0)
  expect(await page.getByText('暂时没有预警').count()).toBe(0)
  expect(await page.locator('#alert-seed-alert-jianongyao').count()).toBe(0)
  // The card comes before anything else on the page.
  const cardBox = await card.boundingBox()
  const alertBox = await page.locator('#alert-seed-alert-gongjianfa').boundingBox()
  expect(cardBox && alertBox && cardBox.y < alertBox.y).toBe(true)

  await page.locator('#first-run-pingchuan').click()
  await page.locator('#alert-seed-alert-jianongyao').waitFor()
  await card.waitFor({ state: 'detached' })
  expect(await page.locator('#alert-seed-alert-gongjianfa').count()).toBe(1)
  const me = await world.cloud.ok<{ villageId: string }>('e2e-newcomer-1', 'account', 'me')
  expect(me.villageId).toBe('pingchuan')

  // Opening a 全部村 alert works for them too.
  await page.locator('#alert-seed-alert-gongjianfa').click()
  await page.locator('#alert-title').filter({ hasText: '警惕冒充公检法电话诈骗' }).waitFor()
  await context.close()
})
