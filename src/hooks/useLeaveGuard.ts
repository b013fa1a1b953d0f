// Warns before a page with unsaved edits is left. On weapp WeChat itself asks when the person presses back
// (enableAlertBeforeUnload); on h5 the page's back control asks, and so does the browser on reload or close.
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { confirmDialog } from '@/services/dialog'

// Kept on the global object, not in module state: the h5 build copies shared modules into each page's chunk, so the
// page setting the guard and the page shell asking it may hold different copies of this module.
const shared = globalThis as { __fqLeaveGuard?: string | null }

/** The message to ask with before leaving, or null when nothing would be lost. */
export function leaveGuardMessage(): string | null {
  return shared.__fqLeaveGuard ?? null
}

/** Asks the person (the app's dialog, see services/dialog) when there is something to lose; resolves true when they
 * choose to leave anyway. */
export async function confirmLeave(): Promise<boolean> {
  const guard = shared.__fqLeaveGuard
  if (!guard) return true
  return confirmDialog({ title: '还没保存', content: `${guard}要离开吗？`, confirmText: '离开', cancelText: '留下' })
}

function onBeforeUnload(e: BeforeUnloadEvent) {
  const guard = shared.__fqLeaveGuard
  if (!guard) return
  e.preventDefault()
  e.returnValue = guard
}

export function useLeaveGuard(dirty: boolean, message: string): void {
  useEffect(() => {
    shared.__fqLeaveGuard = dirty ? message : null
    if (process.env.TARO_ENV === 'weapp') {
      if (dirty) Promise.resolve(Taro.enableAlertBeforeUnload({ message })).catch(() => undefined)
      else Promise.resolve(Taro.disableAlertBeforeUnload()).catch(() => undefined)
    } else if (typeof window !== 'undefined') {
      window.addEventListener('beforeunload', onBeforeUnload)
    }
    return () => {
      shared.__fqLeaveGuard = null
      if (process.env.TARO_ENV === 'weapp') Promise.resolve(Taro.disableAlertBeforeUnload()).catch(() => undefined)
      else if (typeof window !== 'undefined') window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [dirty, message])
}
