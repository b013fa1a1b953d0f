// Personal settings kept on the phone: large-font mode and privacy consent.
import Taro from '@tarojs/taro'

const LARGE_FONT = 'fq_large_font'
const PRIVACY = 'fq_privacy_agreed'

type Listener = (on: boolean) => void
const listeners = new Set<Listener>()

export function getLargeFont(): boolean {
  try {
    return Taro.getStorageSync(LARGE_FONT) === true
  } catch {
    return false
  }
}

export function setLargeFont(on: boolean): void {
  Taro.setStorageSync(LARGE_FONT, on)
  listeners.forEach((l) => l(on))
}

/** Notified when the setting changes, so open pages switch at once. Returns the unsubscribe. */
export function onLargeFontChange(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function hasAgreedPrivacy(): boolean {
  try {
    return Taro.getStorageSync(PRIVACY) === true
  } catch {
    return false
  }
}

export function setAgreedPrivacy(): void {
  Taro.setStorageSync(PRIVACY, true)
}
