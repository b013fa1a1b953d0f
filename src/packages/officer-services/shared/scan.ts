// Check-in by the officer: scan the resident's QR (or 小程序码) or type the code, and say plainly what happened.
import Taro from '@tarojs/taro'
import type { BookingView } from '@contract/services'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { newRequestId } from '@/services/requestId'

export type CheckInResult = { ok: true; booking: BookingView } | { ok: false; message: string }

/** What the camera read: a 小程序码 gives its page path with the scene, a plain QR its text. Null when cancelled. */
export async function scanForCode(): Promise<string | { error: string } | null> {
  if (process.env.TARO_ENV !== 'weapp') return { error: '这里不能扫码，请在下面输入签到码' }
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true })
    return res.path || res.result || ''
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/i.test(msg)) return null
    return { error: '没有扫出来，请对准二维码再扫，或者输入签到码' }
  }
}

const intents = new Map<string, string>()

/** Checks a code in; one request id per code, so a retry after a dropped answer does not fail as "already in". */
export async function checkInCode(raw: string): Promise<CheckInResult> {
  const code = raw.trim()
  if (!code) return { ok: false, message: '请输入签到码' }
  const key = code.toUpperCase()
  const requestId = intents.get(key) ?? newRequestId()
  intents.set(key, requestId)
  try {
    const booking = await call('services.checkIn', { code }, { requestId })
    return { ok: true, booking }
  } catch (e) {
    return { ok: false, message: toCallError(e).message }
  }
}
