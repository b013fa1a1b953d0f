// How a call reaches a cloud function. Chosen once by TARO_ENV; tests inject their own.
import Taro from '@tarojs/taro'
import { ERROR_MESSAGES, type CallEnvelope, type FunctionName } from '@contract/core'
import { CallError, TransportError } from './errors'
import { getDevOpenid } from './devIdentity'

export interface CallRequest {
  name: FunctionName
  data: CallEnvelope
}

/** Resolves with the function's raw answer (the envelope) or throws TransportError when nothing usable came back. */
export type Transport = (req: CallRequest) => Promise<unknown>

/** weapp: the real WeChat cloud. `result` is what the function returned. */
export const cloudTransport: Transport = async ({ name, data }) => {
  let res: { result?: unknown; errMsg?: string }
  try {
    res = await Taro.cloud.callFunction({ name, data: { ...data } })
  } catch (e) {
    throw new TransportError(e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e))
  }
  if (res.result === undefined) throw new TransportError(res.errMsg ?? 'no result')
  return res.result
}

export const GATEWAY_TIMEOUT_MS = 15_000

/**
 * h5: the local cloud's gateway, with the development identity chosen on pages/dev-login.
 * The identity is read on every call, never captured: the person can switch it without a page reload.
 * With no identity nothing is sent; the answer is what the gateway would say (`unauthenticated`), and PageShell
 * takes the person to the sign-in page.
 */
export const gatewayTransport: Transport = async ({ name, data }) => {
  const openid = getDevOpenid()
  if (!openid) throw new CallError({ code: 'unauthenticated', message: ERROR_MESSAGES.unauthenticated })
  let res: Taro.request.SuccessCallbackResult<{ result?: unknown }>
  try {
    res = await Taro.request<{ result?: unknown }>({
      url: '/gateway/call',
      method: 'POST',
      header: { 'Content-Type': 'application/json', 'X-Local-Openid': openid },
      data: { name, data },
      timeout: GATEWAY_TIMEOUT_MS,
    })
  } catch (e) {
    throw new TransportError(e instanceof Error ? e.message : 'request failed')
  }
  const body = res.data
  if (res.statusCode >= 200 && res.statusCode < 300 && body && typeof body === 'object' && 'result' in body) return body.result
  throw new TransportError(`gateway answered ${res.statusCode}`)
}

export function defaultTransport(): Transport {
  return process.env.TARO_ENV === 'h5' ? gatewayTransport : cloudTransport
}
