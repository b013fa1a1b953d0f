// 长辈模式 beyond the page itself: the parts drawn outside any page (tab bar, toasts, pickers, the navigation bar) follow
// the setting too. On h5 they are DOM, styled by a class on <html> (app.scss); on weapp they are WeChat's own, so the
// app asks WeChat for stronger colours (their sizes are fixed by WeChat).
import Taro from '@tarojs/taro'
import { getLargeFont, onLargeFontChange } from '@/services/settings'

export const CARE_CLASS = 'fq-care'

export function applyCareMode(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle(CARE_CLASS, on)
    return
  }
  if (process.env.TARO_ENV === 'weapp') {
    Promise.resolve(
      Taro.setTabBarStyle({ color: on ? '#000000' : '#4a4a4a', selectedColor: on ? '#0b3a7e' : '#1b4f9c', backgroundColor: '#ffffff', borderStyle: 'black' }),
    ).catch(() => undefined)
    Promise.resolve(Taro.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: on ? '#0b3a7e' : '#1b4f9c' })).catch(() => undefined)
  }
}

/** Called once at launch: applies the saved setting and follows later changes. */
export function installCareMode(): void {
  applyCareMode(getLargeFont())
  onLargeFontChange(applyCareMode)
}
