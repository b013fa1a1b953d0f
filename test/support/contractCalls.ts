// Typed calls by contract key over a test cloud's gateway, and photo uploads made the way the app makes them.
import type { ActionKey, ActionRequest, ActionResponse, Result } from '@contract'
import { imageFor } from './images'
import type { TestCloud } from './localCloud'

export interface UploadOptions {
  /** The folder to put it in (from `folder()`); by default one folder per person for the whole test file. */
  prefix?: string
  /** The file's bytes and stored type; by default a real tiny JPEG (PNG for `.png`). */
  bytes?: Buffer
  type?: string
}

export interface ContractCalls {
  call<K extends ActionKey>(openid: string, key: K, payload: ActionRequest<K>, requestId?: string): Promise<Result<ActionResponse<K>>>
  /** Like `call`, but fails the test unless the answer is ok, and gives the data. */
  ok<K extends ActionKey>(openid: string, key: K, payload: ActionRequest<K>, requestId?: string): Promise<ActionResponse<K>>
  /** Stores a photo under a folder from `account.uploadPrefix`, as the app does; answers its fileID. */
  upload(openid: string, name: string, opts?: UploadOptions): Promise<string>
  /** A fresh folder from `account.uploadPrefix`, as a new draft gets. */
  folder(openid: string): Promise<string>
}

/** `cloud` is read on each call: test files start their cloud in `beforeAll`. */
export function contractCalls(cloud: () => TestCloud): ContractCalls {
  const prefixes = new Map<string, string>()
  const ok = <K extends ActionKey>(openid: string, key: K, payload: ActionRequest<K>, requestId?: string) => {
    const [fn, action] = key.split('.')
    return cloud().ok<ActionResponse<K>>(openid, fn, action, payload, requestId)
  }
  return {
    call(openid, key, payload, requestId) {
      const [fn, action] = key.split('.')
      return cloud().call(openid, fn, action, payload, requestId)
    },
    ok,
    async upload(openid, name, opts = {}) {
      let prefix = opts.prefix ?? prefixes.get(openid)
      if (!prefix) {
        prefix = (await ok(openid, 'account.uploadPrefix', {})).prefix
        prefixes.set(openid, prefix)
      }
      const image = imageFor(name)
      return cloud().cloud.storage.put(`${prefix}${name}`, opts.bytes ?? image.bytes, opts.type ?? image.type)
    },
    async folder(openid) {
      return (await ok(openid, 'account.uploadPrefix', {})).prefix
    },
  }
}
