// Debian's Chromium driven by playwright-core, with the flags this closed network needs (TOOLCHAIN.md).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface BrowserSession {
  browser: Browser
  /** A phone-sized page signed in as `openid` (the H5 dev identity), privacy already agreed unless told otherwise. */
  openAs(openid: string, opts?: { agreePrivacy?: boolean }): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

export async function launchBrowser(baseUrl: string): Promise<BrowserSession> {
  // Playwright gives every launch a fresh, empty profile of its own and runs it headless.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    browser,
    async openAs(openid, opts = {}) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
      await context.addInitScript(
        ([id, agree]) => {
          if (!window.localStorage.getItem('fq_dev_openid_set')) {
            window.localStorage.setItem('fq_dev_openid_set', '1')
            window.localStorage.setItem('fq_dev_openid', id)
            // Taro's H5 storage keeps `{ data }` as JSON.
            if (agree) window.localStorage.setItem('fq_privacy_agreed', JSON.stringify({ data: true }))
          }
        },
        [openid, opts.agreePrivacy !== false] as const,
      )
      const page = await context.newPage()
      await page.goto(`${baseUrl}/`)
      return { context, page }
    },
    async close() {
      await browser.close()
    },
  }
}
