// A small stand-in for @tarojs/taro in jsdom: storage in memory, navigation and phone calls recorded,
// page hooks that tests can fire (pull-down refresh).
import { useEffect, useRef } from 'react'

const storage = new Map<string, unknown>()
const pullDownHandlers = new Set<() => void>()

export interface Recorded {
  phoneCalls: string[]
  navigations: { kind: string; url: string }[]
  toasts: string[]
  stopPullDownRefresh: number
  locations: { latitude: number; longitude: number; name?: string }[]
  /** What each `compressImage` was asked for. */
  compressed: { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }[]
}

export const recorded: Recorded = { phoneCalls: [], navigations: [], toasts: [], stopPullDownRefresh: 0, locations: [], compressed: [] }

/** Picked photos are 12 megapixels from a phone camera: 4000×3000, or 3000×4000 when the path says portrait. */
const imageSizeOf = (src: string) => (src.includes('portrait') ? { width: 3000, height: 4000 } : { width: 4000, height: 3000 })

let routerParams: Record<string, string> = {}

/** The query the page under test was opened with (`useRouter().params`). */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params
}

let chosenMedia: string[] = []

const HOME_STACK = [{ route: 'pages/home/index' }]
let currentPages: { route: string }[] = HOME_STACK
let pageConfig: Record<string, unknown> = {}

/** The page stack under test (`getCurrentPages()`, the last is in front) and the front page's config (its
 * navigationBarTitleText). By default the app is on 首页. */
export function setCurrentPages(routes: string[], config: Record<string, unknown> = {}): void {
  currentPages = routes.map((route) => ({ route }))
  pageConfig = config
}

/** The temp paths the next `chooseMedia` answers with; none means the person cancelled. */
export function setChosenMedia(paths: string[]): void {
  chosenMedia = paths
}

/** Clears storage and recordings; call in beforeEach. */
export function resetTaroStub(): void {
  storage.clear()
  chosenMedia = []
  currentPages = HOME_STACK
  pageConfig = {}
  pullDownHandlers.clear()
  routerParams = {}
  recorded.phoneCalls = []
  recorded.navigations = []
  recorded.toasts = []
  recorded.stopPullDownRefresh = 0
  recorded.locations = []
  recorded.compressed = []
}

/** What the person's pull-down gesture triggers. */
export function firePullDownRefresh(): void {
  pullDownHandlers.forEach((h) => h())
}

function nav(kind: string) {
  return (opts: { url: string }) => {
    recorded.navigations.push({ kind, url: opts.url })
    return Promise.resolve({ errMsg: `${kind}:ok` })
  }
}

export function usePullDownRefresh(cb: () => void): void {
  const ref = useRef(cb)
  ref.current = cb
  useEffect(() => {
    const h = () => ref.current()
    pullDownHandlers.add(h)
    return () => {
      pullDownHandlers.delete(h)
    }
  }, [])
}

export function useDidShow(cb: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- fires once on mount, like the page showing
  useEffect(() => cb(), [])
}

export function useLaunch(cb: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- fires once on mount, like the app launching
  useEffect(() => cb(), [])
}

export function useRouter(): { params: Record<string, string> } {
  return { params: routerParams }
}

// Page hooks with no effect in jsdom (no scrolling to the bottom, no share menu).
export function useReachBottom(_cb: () => void): void {}
export function useShareAppMessage(_cb: () => unknown): void {}
export function useShareTimeline(_cb: () => unknown): void {}

const Taro = {
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, JSON.parse(JSON.stringify(value)))
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key)
  },
  makePhoneCall: (opts: { phoneNumber: string }) => {
    recorded.phoneCalls.push(opts.phoneNumber)
    return Promise.resolve({ errMsg: 'makePhoneCall:ok' })
  },
  showToast: (opts: { title: string }) => {
    recorded.toasts.push(opts.title)
    return Promise.resolve({ errMsg: 'showToast:ok' })
  },
  // The app asks with its own dialog (services/dialog); a page reaching for WeChat's modal fails its test.
  showModal: () => Promise.reject(new Error('Taro.showModal is not used: ask with confirmDialog/alertDialog')),
  setClipboardData: () => Promise.resolve({ errMsg: 'setClipboardData:ok' }),
  stopPullDownRefresh: () => {
    recorded.stopPullDownRefresh++
  },
  switchTab: nav('switchTab'),
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  reLaunch: nav('reLaunch'),
  navigateBack: () => {
    recorded.navigations.push({ kind: 'navigateBack', url: '' })
    return Promise.resolve({ errMsg: 'navigateBack:ok' })
  },
  getCurrentPages: () => currentPages,
  getCurrentInstance: () => ({ page: { config: pageConfig }, router: { path: `/${currentPages[currentPages.length - 1]?.route ?? ''}`, params: routerParams } }),
  // An iPhone with a notch: 47 px status bar, the capsule 4 px below it (WeChat's own numbers for such a phone).
  getWindowInfo: () => ({ windowWidth: 390, windowHeight: 844, statusBarHeight: 47, pixelRatio: 3 }),
  getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, bottom: 83, left: 296, right: 383 }),
  onNeedPrivacyAuthorization: (): void => undefined,
  request: () => Promise.reject(new Error('no network in component tests: inject a transport')),
  cloud: {
    init: (): void => undefined,
    callFunction: () => Promise.reject(new Error('no cloud in component tests: inject a transport')),
    uploadFile: () => ({ onProgressUpdate: (): void => undefined }),
  },
  chooseImage: () => Promise.reject(new Error('no camera in component tests')),
  chooseMedia: (opts: { count?: number }) =>
    chosenMedia.length > 0
      ? Promise.resolve({ type: 'image', errMsg: 'chooseMedia:ok', tempFiles: chosenMedia.slice(0, opts.count ?? 9).map((tempFilePath) => ({ tempFilePath, size: 1024, fileType: 'image' })) })
      : Promise.reject({ errMsg: 'chooseMedia:fail cancel' }),
  getImageInfo: ({ src }: { src: string }) => Promise.resolve({ ...imageSizeOf(src), path: src, type: 'jpeg', orientation: 'up', errMsg: 'getImageInfo:ok' }),
  // The compressed copy is another temp file, as in WeChat: `<name>-small.jpg`.
  compressImage: (opts: Recorded['compressed'][number]) => {
    recorded.compressed.push(opts)
    if (opts.src.includes('unreadable')) return Promise.reject({ errMsg: 'compressImage:fail' })
    return Promise.resolve({ tempFilePath: opts.src.replace(/(\.[a-z]+)?$/i, '-small.jpg'), errMsg: 'compressImage:ok' })
  },
  previewImage: () => Promise.resolve({ errMsg: 'previewImage:ok' }),
  openLocation: (opts: { latitude: number; longitude: number; name?: string }) => {
    recorded.locations.push(opts)
    return Promise.resolve({ errMsg: 'openLocation:ok' })
  },
  pageScrollTo: () => Promise.resolve({ errMsg: 'pageScrollTo:ok' }),
  setTabBarBadge: () => Promise.resolve({ errMsg: 'setTabBarBadge:ok' }),
  hideTabBar: () => Promise.resolve({ errMsg: 'hideTabBar:ok' }),
  showTabBar: () => Promise.resolve({ errMsg: 'showTabBar:ok' }),
  openPrivacyContract: () => Promise.resolve({ errMsg: 'openPrivacyContract:ok' }),
  removeTabBarBadge: () => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }),
  usePullDownRefresh,
  useDidShow,
  useRouter,
  useReachBottom,
  useShareAppMessage,
  useShareTimeline,
  useLaunch,
}

export default Taro
