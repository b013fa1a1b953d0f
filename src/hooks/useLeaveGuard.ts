// Warns before a page with unsaved edits is left. On weapp WeChat itself asks when the person presses back
// (enableAlertBeforeUnload); on h5 the page's back control asks, and so does the browser on reload or close.
import { useEffect } from 'react'
import Taro from '@tarojs/taro'

let guard: string | null = null

/** The message to ask with before leaving, or null when nothing would be lost. */
export function leaveGuardMessage(): string | null {
  return guard
}

/** Asks the person when there is something to lose; resolves true when they choose to leave anyway. */
export async function confirmLeave(): Promise<boolean> {
  if (!guard) return true
  const res = await Taro.showModal({ title: '还没保存', content: guard, confirmText: '不保存，离开', cancelText: '留下' }).catch(() => ({ confirm: false }))
  return Boolean(res.confirm)
}

function onBeforeUnload(e: BeforeUnloadEvent) {
  if (!guard) return
  e.preventDefault()
  e.returnValue = guard
}

export function useLeaveGuard(dirty: boolean, message: string): void {
  useEffect(() => {
    guard = dirty ? message : null
    if (process.env.TARO_ENV === 'weapp') {
      if (dirty) Promise.resolve(Taro.enableAlertBeforeUnload({ message })).catch(() => undefined)
      else Promise.resolve(Taro.disableAlertBeforeUnload()).catch(() => undefined)
    } else if (typeof window !== 'undefined') {
      window.addEventListener('beforeunload', onBeforeUnload)
    }
    return () => {
      guard = null
      if (process.env.TARO_ENV === 'weapp') Promise.resolve(Taro.disableAlertBeforeUnload()).catch(() => undefined)
      else if (typeof window !== 'undefined') window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [dirty, message])
}
