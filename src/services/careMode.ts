// 长辈模式 beyond the page itself: the parts drawn outside any page (tab bar, the navigation bar) follow the setting too.
// On h5 Taro's tab bar is DOM, styled by a class on <html> (app.scss). On weapp the tab bar is our own component
// (src/custom-tab-bar, it follows the setting itself); the navigation bar is WeChat's, so the app asks for a darker one.
// Toasts, pickers and dialogs are the app's own components inside each page (components/Toast, PickerSheet, Dialog).
import Taro from '@tarojs/taro'
import { getLargeFont, onLargeFontChange } from '@/services/settings'

export const CARE_CLASS = 'fq-care'

export function applyCareMode(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle(CARE_CLASS, on)
    return
  }
  if (process.env.TARO_ENV === 'weapp') {
    Promise.resolve(Taro.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: on ? '#0b3a7e' : '#1b4f9c' })).catch(() => undefined)
  }
}

/** Called once at launch: applies the saved setting and follows later changes. */
export function installCareMode(): void {
  applyCareMode(getLargeFont())
  onLargeFontChange(applyCareMode)
}
