// 长辈模式 beyond the page itself: the parts drawn outside any page follow the setting too. On h5 Taro's tab bar is DOM,
// styled by a class on <html> (app.scss). On weapp the tab bar is our own component (src/custom-tab-bar) and so is the
// navigation bar (components/NavBar, drawn by PageShell, navigationStyle 'custom'); both follow the setting themselves.
// Toasts, pickers and dialogs are the app's own components inside each page (components/Toast, PickerSheet, Dialog).
import { getLargeFont, onLargeFontChange } from '@/services/settings'

export const CARE_CLASS = 'fq-care'

export function applyCareMode(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle(CARE_CLASS, on)
}

/** Called once at launch: applies the saved setting and follows later changes. */
export function installCareMode(): void {
  applyCareMode(getLargeFont())
  onLargeFontChange(applyCareMode)
}
