// Loads Taro's compiled WeChat build (dist/weapp) into miniprogram-simulate, with wx.cloud routed to a local cloud.
// miniprogram-simulate only knows `Component`; `App`, `Page`, `getApp` and friends are defined here (TOOLCHAIN.md).
import http from 'node:http'
import path from 'node:path'
import fs from 'node:fs'

export const WEAPP_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp')

type Options = Record<string, unknown>
type Fn = (...args: unknown[]) => unknown

export interface SimComponent {
  dom: HTMLElement
  /** j-component's selector: finds elements by their WXML id (Taro's DOM ids are not HTML attributes here). */
  querySelector(selector: string): SimComponent | null
  dispatchEvent(eventName: string, options?: Record<string, unknown>): void
  attach(parent: Element): void
  detach(): void
  instance: Record<string, unknown>
}

interface Simulate {
  load(componentPath: string, options?: { rootPath?: string; compiler?: 'official' | 'simulate' }): string
  render(id: string, properties?: Record<string, unknown>): SimComponent
}

export interface WeappHarness {
  /** Renders a page (`pages/me/index`) with a query; answers the mounted page. */
  openPage(route: string, query?: Record<string, string>): Promise<SimComponent>
  /** Renders the app's own tab bar (custom-tab-bar), the one WeChat puts under every tab page; answers it mounted. */
  openTabBar(): SimComponent
  /** Every `wx.cloud.callFunction` the app made, in order. */
  calls: Array<{ name: string; data: { action: string; payload: unknown; requestId?: string } }>
  /** Storage the app wrote with wx.setStorageSync. */
  storage: Map<string, unknown>
  /** Files the next wx.chooseMedia answers with (paths on this machine); empty means the person cancelled. */
  chooseMedia: string[]
  /** Every wx.cloud.uploadFile that reached the local cloud: the local file sent, where to, and the fileID it answered. */
  uploads: Array<{ filePath: string; cloudPath: string; fileID: string }>
  /** Every wx.compressImage the app asked for, and the new temp file it answered. */
  compressed: Array<{ src: string; quality?: number; compressedWidth?: number; compressedHeight?: number; tempFilePath: string }>
  /** Every page setData, in order: which page, when (ms since load), and its payload's JSON length (what WeChat's audit weighs). */
  setData: SetDataRecord[]
}

export interface SetDataRecord {
  route: string
  at: number
  bytes: number
}

/** POSTs a file to the local cloud's upload route as `openid`, the way wx.cloud.uploadFile stores it; answers the fileID. */
export function gatewayUpload(baseUrl: string, openid: string, cloudPath: string, bytes: Buffer): Promise<string> {
  const boundary = `----weapp-harness-${Date.now().toString(16)}`
  const name = cloudPath.split('/').pop() || 'file'
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\n${cloudPath}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const url = new URL('/gateway/upload', baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, 'x-local-openid': openid } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { fileID?: string; errMsg?: string }
            if (typeof parsed.fileID === 'string') resolve(parsed.fileID)
            else reject(new Error(parsed.errMsg ?? `upload answered ${res.statusCode}`))
          } catch (err) {
            reject(err)
          }
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** POSTs to the local cloud's gateway as `openid`, the way WeChat identifies a caller to a function. */
export function gatewayCall(baseUrl: string, openid: string, name: string, data: unknown): Promise<unknown> {
  const body = JSON.stringify({ name, data })
  const url = new URL('/gateway/call', baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-local-openid': openid } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: unknown; errMsg?: string }
            if ('result' in parsed) resolve(parsed.result)
            else reject(new Error(parsed.errMsg ?? 'cloud.callFunction:fail'))
          } catch (err) {
            reject(err)
          }
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function callbacks<T>(promise: Promise<T>, opts: Options, api = 'cloud.callFunction'): Promise<T> {
  const success = opts.success as Fn | undefined
  const failCb = opts.fail as Fn | undefined
  const complete = opts.complete as Fn | undefined
  return promise.then(
    (res) => {
      success?.(res)
      complete?.(res)
      return res
    },
    (err: unknown) => {
      const res = { errMsg: `${api}:fail ${(err as Error).message}` }
      failCb?.(res)
      complete?.(res)
      throw res
    },
  )
}

/**
 * Prepares globals and loads dist/weapp/app.js once per test file (call it in beforeAll).
 * `openid` is who the app is signed in as; WeChat would know it from the session.
 */
export function loadWeapp(opts: { cloudUrl: string; openid: string; storage?: Record<string, unknown> }): WeappHarness {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.js'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  // Loading the simulator defines `Component`, `Behavior` and a `wx` mock on the global object.
  const simulate = require('miniprogram-simulate') as Simulate
  const g = globalThis as unknown as Record<string, unknown>
  const wx = g.wx as Record<string, unknown>
  const calls: WeappHarness['calls'] = []
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}))
  const uploads: WeappHarness['uploads'] = []
  const compressed: WeappHarness['compressed'] = []
  const setData: SetDataRecord[] = []
  const harness = { chooseMedia: [] as string[] }

  wx.cloud = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: () => undefined,
    callFunction: (o: Options) => {
      const name = String(o.name)
      const data = o.data as WeappHarness['calls'][number]['data']
      calls.push({ name, data })
      return callbacks(
        gatewayCall(opts.cloudUrl, opts.openid, name, data).then((result) => ({ result, errMsg: 'cloud.callFunction:ok' })),
        o,
      )
    },
    // An UploadTask whose progress listeners hear 0 when the bytes leave and 100 when the cloud has them.
    uploadFile: (o: Options) => {
      const listeners: Fn[] = []
      const progress = (pct: number) => listeners.forEach((l) => l({ progress: pct, totalBytesSent: pct, totalBytesExpectedToSend: 100 }))
      const cloudPath = String(o.cloudPath)
      const sent = Promise.resolve()
        .then(() => {
          progress(0)
          return gatewayUpload(opts.cloudUrl, opts.openid, cloudPath, fs.readFileSync(String(o.filePath)))
        })
        .then((fileID) => {
          uploads.push({ filePath: String(o.filePath), cloudPath, fileID })
          progress(100)
          return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
        })
      void callbacks(sent, o, 'cloud.uploadFile').catch(() => undefined)
      return { onProgressUpdate: (l: Fn) => void listeners.push(l), offProgressUpdate: () => undefined, abort: () => undefined }
    },
  }
  // Picked photos are what a phone camera gives: 12 megapixels. WeChat's compressImage writes a new, smaller temp
  // file; here the new file is a copy (nothing here can re-encode as WeChat does), so what is uploaded after it is
  // visibly the compressed file and not the picked one.
  wx.getImageInfo = (o: Options) => callbacks(Promise.resolve({ width: 4000, height: 3000, path: o.src, type: 'jpeg', orientation: 'up', errMsg: 'getImageInfo:ok' }), o)
  wx.compressImage = (o: Options) => {
    const src = String(o.src)
    const tempFilePath = src.replace(/(\.[a-z]+)?$/i, `-compressed-${compressed.length}.jpg`)
    fs.copyFileSync(src, tempFilePath)
    const { quality, compressedWidth, compressedHeight } = o as { quality?: number; compressedWidth?: number; compressedHeight?: number }
    compressed.push({ src, quality, compressedWidth, compressedHeight, tempFilePath })
    return callbacks(Promise.resolve({ tempFilePath, errMsg: 'compressImage:ok' }), o)
  }
  wx.chooseMedia = (o: Options) => {
    const paths = harness.chooseMedia.slice(0, Number(o.count ?? 9))
    const answer = paths.length > 0 ? Promise.resolve({ type: 'image', errMsg: 'chooseMedia:ok', tempFiles: paths.map((tempFilePath) => ({ tempFilePath, size: fs.statSync(tempFilePath).size, fileType: 'image' })) }) : Promise.reject(new Error('cancel'))
    return callbacks(answer, o, 'chooseMedia')
  }
  // The simulator's storage is not persistent across what we need to assert, so keep our own.
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.getStorage = (o: Options) => callbacks(storage.has(String(o.key)) ? Promise.resolve({ data: storage.get(String(o.key)) }) : Promise.reject(new Error('data not found')), o)
  wx.setStorage = (o: Options) => callbacks(Promise.resolve(void storage.set(String(o.key), o.data)).then(() => ({ errMsg: 'setStorage:ok' })), o)
  wx.removeStorage = (o: Options) => callbacks(Promise.resolve(void storage.delete(String(o.key))).then(() => ({ errMsg: 'removeStorage:ok' })), o)
  for (const api of ['showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal', 'stopPullDownRefresh', 'setNavigationBarTitle', 'setTabBarBadge', 'removeTabBarBadge', 'makePhoneCall']) {
    wx[api] = (o: Options = {}) => callbacks(Promise.resolve({ errMsg: `${api}:ok`, confirm: true }), o)
  }
  wx.onNeedPrivacyAuthorization = () => undefined
  wx.getPrivacySetting = (o: Options) => callbacks(Promise.resolve({ needAuthorization: false, errMsg: 'getPrivacySetting:ok' }), o)

  let app: Options = {}
  const pages: Array<{ route: string }> = []
  let pendingRoute = ''
  let pendingQuery: Record<string, string> = {}
  g.__wxConfig = { envVersion: 'develop', platform: 'devtools', pages: [], global: { window: {} } }
  g.requirePlugin = () => ({})
  g.App = (options: Options) => {
    app = options
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  // A page is a component whose lifetimes drive the page's onLoad/onShow, as WeChat's page host does.
  g.Page = (options: Options) => {
    const methods: Record<string, Fn> = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v as Fn
    const Component = g.Component as (o: Options) => void
    Component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = pendingRoute
          this.options = pendingQuery
          // Taro renders a page by setData on the page instance: record each payload as it crosses to the view layer.
          const route = pendingRoute
          const original = this.setData as Fn
          this.setData = (data: unknown, cb?: unknown) => {
            setData.push({ route, at: performance.now(), bytes: JSON.stringify(data ?? {}).length })
            return original.call(this, data, cb)
          }
          pages.push(this as unknown as { route: string })
          ;(this.onLoad as Fn | undefined)?.call(this, pendingQuery)
          ;(this.onShow as Fn | undefined)?.call(this)
          ;(this.onReady as Fn | undefined)?.call(this)
        },
        detached(this: Record<string, unknown>) {
          ;(this.onUnload as Fn | undefined)?.call(this)
          pages.splice(pages.indexOf(this as unknown as { route: string }), 1)
        },
      },
    })
  }

  require(path.join(WEAPP_DIST, 'app.js'))
  let tabBarId: string | undefined
  ;(app.onLaunch as Fn | undefined)?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
  ;(app.onShow as Fn | undefined)?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })

  return {
    calls,
    storage,
    uploads,
    compressed,
    setData,
    get chooseMedia() {
      return harness.chooseMedia
    },
    set chooseMedia(paths: string[]) {
      harness.chooseMedia = paths
    },
    async openPage(route, query = {}) {
      pendingRoute = route
      pendingQuery = query
      const id = simulate.load(path.join(WEAPP_DIST, route), { rootPath: WEAPP_DIST })
      const page = simulate.render(id)
      const parent = document.createElement('div')
      document.body.appendChild(parent)
      page.attach(parent)
      return page
    },
    openTabBar() {
      tabBarId ??= loadTaroComponent(simulate, 'custom-tab-bar/index')
      const bar = simulate.render(tabBarId)
      const parent = document.createElement('div')
      document.body.appendChild(parent)
      bar.attach(parent)
      return bar
    },
  }
}

/**
 * Loads a Taro-built component (not a page). Taro gives components `behaviors: {}` (its EMPTY_OBJ), which WeChat
 * accepts and j-component maps over, so it is made an array here. Loaded once per file (the script is `require`d).
 */
function loadTaroComponent(simulate: Simulate, name: string): string {
  const g = globalThis as unknown as Record<string, unknown>
  const Component = g.Component as (o: Options) => unknown
  g.Component = (o: Options) => Component({ ...o, behaviors: Array.isArray(o.behaviors) ? o.behaviors : [] })
  try {
    return simulate.load(path.join(WEAPP_DIST, name), { rootPath: WEAPP_DIST })
  } finally {
    g.Component = Component
  }
}

/** Polls until `find()` answers something (Taro renders asynchronously through setData). */
export async function waitFor<T>(find: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const found = find()
    if (found) return found
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Text of the element with this id inside the page (Taro's tree is found by id, not by tag). */
export function textOf(page: SimComponent, id: string): string | null {
  const el = page.querySelector(`#${id}`)
  return el ? (el.dom.textContent ?? '').trim() : null
}

/** Taps the element with this id, as a finger would. */
export function tap(page: SimComponent, id: string): void {
  const el = page.querySelector(`#${id}`)
  if (!el) throw new Error(`nothing to tap: #${id} is not on the page`)
  el.dispatchEvent('tap')
}

/** Chooses a date in the app's date sheet (components/PickerSheet) as a finger would: the field, the month, the day. */
export async function pickDate(page: SimComponent, id: string, date: string): Promise<void> {
  tap(page, id)
  await waitFor(() => page.querySelector(`#${id}-calendar`), `the date sheet of #${id}`)
  for (let turns = 0; !page.querySelector(`#${id}-day-${date}`); turns++) {
    if (turns > 60) throw new Error(`#${id} never showed ${date}`)
    const before = textOf(page, `${id}-month`) ?? ''
    const [y, m] = before.match(/\d+/g) ?? []
    const shown = `${y}-${String(m).padStart(2, '0')}`
    tap(page, shown > date.slice(0, 7) ? `${id}-prev` : `${id}-next`)
    await waitFor(() => textOf(page, `${id}-month`) !== before, 'the next month')
  }
  tap(page, `${id}-day-${date}`)
  await waitFor(() => !page.querySelector(`#${id}-calendar`), `the date sheet of #${id} closed`)
}

/** Chooses a time in the app's time sheet: the field, the hour, the minute, 就选. */
export async function pickTime(page: SimComponent, id: string, time: string): Promise<void> {
  const [h, m] = time.split(':')
  tap(page, id)
  await waitFor(() => page.querySelector(`#${id}-clock`), `the time sheet of #${id}`)
  tap(page, `${id}-hour-${h}`)
  tap(page, `${id}-minute-${m}`)
  await waitFor(() => textOf(page, `${id}-ok`) === `就选 ${time}`, `${time} chosen`)
  tap(page, `${id}-ok`)
  await waitFor(() => !page.querySelector(`#${id}-clock`), `the time sheet of #${id} closed`)
}
