// A resident in a real browser (Debian's Chromium) on the H5 build served by a local cloud: sign in, edit the
// profile, reload, still there; large font switched on applies to every page.
import type { Page } from 'playwright-core'
import { browserWorldForFile } from '../support/browserWorld'

const world = browserWorldForFile()

/** Taro's H5 Input is a custom element wrapping a real <input>. */
async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input`).fill(value)
}

async function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

it('a resident signs in, edits the profile, and it is kept after a reload', async () => {
  const { page, context } = await world.browser.openAs('', { agreePrivacy: true })
  // No identity yet: the H5 build sends the person to the dev sign-in page.
  await page.locator('#dev-login-dev-resident-1').click()
  // Signing in relaunches the app on the home tab; go to 我的 from there, as a person would.
  await page.waitForURL(/pages\/home\/index/)
  await page.getByText('我的', { exact: true }).last().click()
  await page.locator('#profile-phone').waitFor()
  expect(await page.locator('#profile-village').textContent()).toContain('平川村')
  // Nothing asked before sign-in may linger: the station loads (its call button shows) and no error banner stays.
  await page.locator('#page-me #call-station').waitFor()
  expect(await page.locator('#shell-banner').count()).toBe(0)
  // Taro's h5 components copy every prop onto the element: an unset id must not become id="undefined".
  expect(await page.locator('[id="undefined"]').count()).toBe(0)

  await page.locator('#edit-profile').click()
  await fill(page, 'input-phone', '12345')
  await page.locator('#save-profile').click()
  await expect(page.locator('#field-phone-error').textContent()).resolves.toContain('11位')

  await fill(page, 'input-name', '张桂兰')
  await fill(page, 'input-phone', '13811112222')
  await page.locator('#save-profile').click()
  await page.locator('#profile-phone').filter({ hasText: '13811112222' }).waitFor()

  await page.reload()
  await page.locator('#profile-phone').filter({ hasText: '13811112222' }).waitFor()
  const me = await world.cloud.ok<{ phone: string; name: string }>('dev-resident-1', 'account', 'me')
  expect(me).toMatchObject({ phone: '13811112222', name: '张桂兰' })
  await context.close()
})

it('large font, switched on once, applies to every page and survives a reload', async () => {
  const { page, context } = await world.browser.openAs('dev-resident-2')
  await page.goto(`${world.cloud.url}/#/pages/me/index`)
  await page.locator('#large-font').waitFor()
  const normal = await fontSize(page, '#page-me')
  await page.locator('#large-font').click()
  await page.waitForFunction((before) => parseFloat(getComputedStyle(document.querySelector('#page-me') as Element).fontSize) > before, normal)

  await page.goto(`${world.cloud.url}/#/pages/home/index`)
  await page.reload()
  await page.locator('.fq-page').first().waitFor()
  await expect(page.locator('.fq-page').first().getAttribute('class')).resolves.toContain('fq-large')
  await context.close()
})
