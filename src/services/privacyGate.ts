// Holds WeChat's pending privacy request (onNeedPrivacyAuthorization) until the person answers in the sheet.
import Taro from '@tarojs/taro'
import { hasAgreedPrivacy, setAgreedPrivacy } from './settings'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (open: boolean) => void

export const AGREE_BUTTON_ID = 'fq-privacy-agree'

let pending: Resolve[] = []
let dismissed = false
/** The app's own moments of need (预约、举报、填资料) waiting for an answer: true for 同意. */
let asking: ((agreed: boolean) => void)[] = []
const listeners = new Set<Listener>()

function notify() {
  const open = isPrivacySheetOpen()
  listeners.forEach((l) => l(open))
}

/** Open on first launch until answered, and whenever WeChat asks for consent before a protected API. */
export function isPrivacySheetOpen(): boolean {
  return pending.length > 0 || asking.length > 0 || (!dismissed && !hasAgreedPrivacy())
}

/**
 * At the moment of need, as WeChat's own privacy API does: asks again when the person has not agreed, and
 * resolves true only once they have. 不同意 resolves false, and the caller sends nothing.
 */
export function requireConsent(): Promise<boolean> {
  if (hasAgreedPrivacy()) return Promise.resolve(true)
  return new Promise((resolve) => {
    asking.push(resolve)
    notify()
  })
}

/** What a form says when the person did not agree at the moment of need. */
export const CONSENT_REFUSED = '没有同意个人信息保护说明，所以没有交上去。想办的话，再点一次，选“同意”。'

export function onPrivacySheetChange(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

/** Called once in app.ts on weapp. */
export function installPrivacyListener(): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending.push(resolve)
    resolve({ event: 'exposureAuthorization' })
    notify()
  })
}

export function agreePrivacy(): void {
  setAgreedPrivacy()
  const waiting = pending
  pending = []
  waiting.forEach((r) => r({ event: 'agree', buttonId: AGREE_BUTTON_ID }))
  const askers = asking
  asking = []
  askers.forEach((r) => r(true))
  notify()
}

export function disagreePrivacy(): void {
  dismissed = true
  const waiting = pending
  pending = []
  waiting.forEach((r) => r({ event: 'disagree' }))
  const askers = asking
  asking = []
  askers.forEach((r) => r(false))
  notify()
}
