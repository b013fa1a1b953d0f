// The unread badge on the 首页 tab follows the server's count. Reading an alert is sent from its detail page in the
// background; the badge waits for those sends before asking the count, so coming back never shows the old number.
import Taro from '@tarojs/taro'
import { call } from '@/services/client'
import { setTabBadge } from '@/services/tabBar'

const HOME_TAB = 0
// On the global object: the detail page (which sends reads) and 首页 (which counts) are separate chunks on h5, each
// with its own copy of this module.
const shared = globalThis as { __fqPendingReads?: Set<Promise<unknown>> }
const pendingReads = (shared.__fqPendingReads ??= new Set<Promise<unknown>>())

/** A read or 知道了 being sent; the next badge refresh waits for it. */
export function trackRead<T>(send: Promise<T>): Promise<T> {
  const settled = send.then(
    () => undefined,
    () => undefined,
  )
  pendingReads.add(settled)
  void settled.then(() => pendingReads.delete(settled))
  return send
}

/** Best effort: a failure never breaks the page, the badge just stays as it was. */
export async function refreshUnreadBadge(): Promise<void> {
  try {
    await Promise.all([...pendingReads])
    const { count } = await call('alerts.unreadCount', {})
    // weapp's tab bar is our own component (WeChat's badge API does not reach it); h5 keeps Taro's tab bar.
    if (process.env.TARO_ENV === 'weapp') setTabBadge(count > 99 ? '99+' : count > 0 ? String(count) : '')
    else if (count > 0) await Taro.setTabBarBadge({ index: HOME_TAB, text: count > 99 ? '99+' : String(count) })
    else await Taro.removeTabBarBadge({ index: HOME_TAB })
  } catch {
    // no badge change this time
  }
}
