// What the weapp tab bar shows: the four tabs, which one is current, the 首页 unread badge and whether a sheet hides
// it. On weapp the bar is our own component (src/custom-tab-bar) so 长辈模式 reaches its labels; WeChat gives every
// tab page its own instance, and they all follow this one state (modules are shared across weapp chunks).
import Taro from '@tarojs/taro'

export interface Tab {
  pagePath: string
  text: string
  icon: string
  activeIcon: string
}

/** Same order, texts and icons as `tabBar.list` in app.config.ts (h5 still draws that one). */
export const TABS: readonly Tab[] = [
  { pagePath: 'pages/home/index', text: '首页', icon: '/assets/tab/home.png', activeIcon: '/assets/tab/home-active.png' },
  { pagePath: 'pages/services/index', text: '办事', icon: '/assets/tab/services.png', activeIcon: '/assets/tab/services-active.png' },
  { pagePath: 'pages/report/index', text: '举报', icon: '/assets/tab/report.png', activeIcon: '/assets/tab/report-active.png' },
  { pagePath: 'pages/me/index', text: '我的', icon: '/assets/tab/me.png', activeIcon: '/assets/tab/me-active.png' },
]

export interface TabState {
  current: number
  /** Text of the 首页 badge; empty means no badge. */
  badge: string
  hidden: boolean
}

type Listener = (s: TabState) => void
const state: TabState = { current: 0, badge: '', hidden: false }
const listeners = new Set<Listener>()

function update(patch: Partial<TabState>): void {
  if (Object.entries(patch).every(([k, v]) => state[k as keyof TabState] === v)) return
  Object.assign(state, patch)
  const snapshot = { ...state }
  listeners.forEach((l) => l(snapshot))
}

export const getTabState = (): TabState => ({ ...state })

/** Notified on every change; returns the unsubscribe. */
export function onTabStateChange(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

/** The tab index of a route ('/pages/me/index?x=1' or 'pages/me/index'), or -1 off the tab pages. */
export function tabIndexOf(route: string): number {
  const bare = route.replace(/^\//, '').split('?')[0]
  return TABS.findIndex((t) => t.pagePath === bare)
}

/** A page came to the front: when it is a tab page, its tab is the selected one (covers back, switchTab, relaunch). */
export function showRoute(route: string): void {
  const i = tabIndexOf(route)
  if (i >= 0) update({ current: i })
}

export const setTabBadge = (badge: string): void => update({ badge })
export const setTabBarHidden = (hidden: boolean): void => update({ hidden })

/** A tap on a tab: selected at once (no flicker of the old tab), then WeChat switches the page. */
export function selectTab(i: number): void {
  if (i === state.current) return
  update({ current: i })
  Promise.resolve(Taro.switchTab({ url: `/${TABS[i].pagePath}` })).catch(() => undefined)
}
