// The app's one dialog: a question (离开吗？ 取消这次上门？) or a notice (没有改成) drawn inside the page by `DialogHost`
// (in PageShell). WeChat's own modal keeps WeChat's small grey type whatever 长辈模式 says, so nothing calls
// Taro.showModal; the app's dialog grows with the page and ignores the double tap that opened it (ConfirmSheet).

export interface DialogOptions {
  title: string
  content?: string
  /** Defaults to 确定, like WeChat's modal. */
  confirmText?: string
  /** Defaults to 取消. */
  cancelText?: string
  /** danger paints the confirm button red (for something that cannot be undone). */
  kind?: 'primary' | 'danger'
}

export interface ShownDialog {
  seq: number
  title: string
  content: string
  confirmText: string
  cancelText: string
  /** false for a notice: one button, and the promise only says it was seen. */
  showCancel: boolean
  kind: 'primary' | 'danger'
}

type Listener = (d: ShownDialog | undefined) => void
const listeners = new Set<Listener>()
let current: { dialog: ShownDialog; settle: (confirmed: boolean) => void } | undefined
let seq = 0

function open(options: DialogOptions, showCancel: boolean): Promise<boolean> {
  // Without a page shell on screen nobody could answer: a question counts as 不 (nothing irreversible happens),
  // a notice as seen.
  if (listeners.size === 0) return Promise.resolve(!showCancel)
  // A new dialog replaces one still open; the old question is answered 不.
  if (current) settleDialog(current.dialog.seq, false)
  return new Promise<boolean>((resolve) => {
    const dialog: ShownDialog = {
      seq: ++seq,
      title: options.title,
      content: options.content ?? '',
      confirmText: options.confirmText ?? '确定',
      cancelText: options.cancelText ?? '取消',
      showCancel,
      kind: options.kind ?? 'primary',
    }
    current = { dialog, settle: resolve }
    listeners.forEach((l) => l(dialog))
  })
}

/** Asks a question; resolves true when the person taps the confirm button, false on cancel or the dimmed area. */
export function confirmDialog(options: DialogOptions): Promise<boolean> {
  return open(options, true)
}

/** Tells the person something that needs reading (an error with what to do next); resolves when they tap 确定. */
export async function alertDialog(options: Omit<DialogOptions, 'cancelText'>): Promise<void> {
  await open(options, false)
}

/** The host's answer for dialog `which`; later answers for the same dialog are ignored. */
export function settleDialog(which: number, confirmed: boolean): void {
  if (!current || current.dialog.seq !== which) return
  const { settle, dialog } = current
  current = undefined
  listeners.forEach((l) => l(undefined))
  settle(dialog.showCancel ? confirmed : true)
}

/** The dialog waiting for an answer, if any. */
export function currentDialog(): ShownDialog | undefined {
  return current?.dialog
}

/** Notified when a dialog opens and when it is answered; returns the unsubscribe. */
export function onDialog(l: Listener): () => void {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}
