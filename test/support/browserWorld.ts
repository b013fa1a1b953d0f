// The world of one browser test file: a seeded local cloud serving the H5 build and a Chromium on it, started before
// the file's tests and stopped after them.
import { launchBrowser, type BrowserSession } from './browser'
import { startTestCloud, type TestCloud, type TestCloudOptions } from './localCloud'

export interface BrowserWorld {
  /** Read inside tests and hooks: both exist once the file's `beforeAll` has run. */
  readonly cloud: TestCloud
  readonly browser: BrowserSession
}

/** Call once at the top of a test file; registers the `beforeAll` that starts the world and the `afterAll` that ends it. */
export function browserWorldForFile(opts: Omit<TestCloudOptions, 'h5'> = {}): BrowserWorld {
  let cloud: TestCloud | undefined
  let browser: BrowserSession | undefined
  beforeAll(async () => {
    cloud = await startTestCloud({ ...opts, h5: true })
    browser = await launchBrowser(cloud.url)
  })
  afterAll(async () => {
    await browser?.close()
    await cloud?.stop()
  })
  const started = <T>(thing: T | undefined, name: string): T => {
    if (!thing) throw new Error(`the ${name} is not started: use it inside a test or hook`)
    return thing
  }
  return {
    get cloud() {
      return started(cloud, 'test cloud')
    },
    get browser() {
      return started(browser, 'browser')
    },
  }
}
