// The app's one toast: a short message that comes and goes by itself (已保存, 没有开启提醒). WeChat's own toast is small,
// grey and cut to 7 characters with an icon, and 长辈模式 cannot reach it, so every page draws this one instead
// (`ToastHost` in PageShell) and nothing calls Taro.showToast.
import { getLargeFont } from '@/services/settings'

export type ToastKind = 'info' | 'success' | 'error'

export interface ToastOptions {
  /** success shows ✓, error shows !, info shows only the words. */
  kind?: ToastKind
  /** Milliseconds on screen; defaults to a time long enough to read the words (see `readableDuration`). */
  duration?: number
}

export interface ShownToast {
  /** Grows with each toast, so a host restarts its timer when the same words come again. */
  seq: number
  text: string
  kind: ToastKind
  /** When it goes away (epoch ms); a host mounted later (after navigateBack) still shows it until then. */
  until: number
}

/** Long enough to read at an older person's pace: 2.5 s plus 0.25 s a character, at most 7 s; 1.5× in 长辈模式. */
export function readableDuration(text: string, care: boolean): number {
  const base = Math.min(7000, 2500 + 250 * [...text].length)
  return Math.round(care ? base * 1.5 : base)
}

type Listener = (t: ShownToast | undefined) => void
const listeners = new Set<Listener>()
let current: ShownToast | undefined
let seq = 0
let clock = (): number => Date.now()

/** Tests move time themselves. */
export function setToastClock(now: () => number): void {
  clock = now
}

/** Shows `text` on whatever page is in front. Replaces a toast still showing. */
export function toast(text: string, options: ToastOptions = {}): void {
  const duration = options.duration ?? readableDuration(text, getLargeFont())
  current = { seq: ++seq, text, kind: options.kind ?? 'info', until: clock() + duration }
  const shown = current
  listeners.forEach((l) => l(shown))
}

/** Takes the toast away (a tap on it, or its time is up). */
export function hideToast(which?: number): void {
  if (!current || (which !== undefined && current.seq !== which)) return
  current = undefined
  listeners.forEach((l) => l(undefined))
}

/** The toast still on screen, if any. */
export function currentToast(): ShownToast | undefined {
  if (current && current.until <= clock()) current = undefined
  return current
}

/** Notified on every toast and every hide; returns the unsubscribe. */
export function onToast(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}
