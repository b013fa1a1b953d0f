// Form drafts kept on the phone, so a closed app or a weak network loses nothing the person typed. Forms use them
// through `useDraft` (hooks/useDraft.ts); this is its storage.
import Taro from '@tarojs/taro'

const PREFIX = 'fq_draft_'

export function loadDraft<T extends object>(name: string): Partial<T> | undefined {
  try {
    const v: unknown = Taro.getStorageSync(PREFIX + name)
    return v && typeof v === 'object' ? (v as Partial<T>) : undefined
  } catch {
    return undefined
  }
}

/** Whether a draft of this form is kept on the phone. */
export function hasDraft(name: string): boolean {
  return loadDraft(name) !== undefined
}

export function saveDraft<T extends object>(name: string, value: T): void {
  try {
    Taro.setStorageSync(PREFIX + name, value)
  } catch {
    // storage full: the draft is a convenience, the form still works
  }
}

export function clearDraft(name: string): void {
  try {
    Taro.removeStorageSync(PREFIX + name)
  } catch {
    // nothing to clear
  }
}
