// Holds WeChat's pending privacy request (onNeedPrivacyAuthorization) until the person answers in the sheet.
import Taro from '@tarojs/taro'
import { hasAgreedPrivacy, setAgreedPrivacy } from './settings'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (open: boolean) => void

export const AGREE_BUTTON_ID = 'fq-privacy-agree'

let pending: Resolve[] = []
let dismissed = false
const listeners = new Set<Listener>()

function notify() {
  const open = isPrivacySheetOpen()
  listeners.forEach((l) => l(open))
}

/** Open on first launch until answered, and whenever WeChat asks for consent before a protected API. */
export function isPrivacySheetOpen(): boolean {
  return pending.length > 0 || (!dismissed && !hasAgreedPrivacy())
}

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
  notify()
}

export function disagreePrivacy(): void {
  dismissed = true
  const waiting = pending
  pending = []
  waiting.forEach((r) => r({ event: 'disagree' }))
  notify()
}
