// Uploads a local file (photo, etc.) to cloud storage: Taro.cloud on weapp, the gateway's upload route on h5.
import Taro from '@tarojs/taro'
import { ERROR_MESSAGES } from '@contract/core'
import { CallError } from './errors'
import { getDevOpenid } from './devIdentity'

export interface UploadRequest {
  /** A temp path from chooseImage/chooseMedia (on h5 a blob: URL). */
  filePath: string
  /** Where to store it, e.g. `uploads/<key>/reports/<requestId>-1.jpg` (see `@/services/photos`). */
  cloudPath: string
  /** 0–100. */
  onProgress?: (percent: number) => void
}

export type Uploader = (req: UploadRequest) => Promise<{ fileID: string }>

const networkError = () => new CallError({ code: 'network', message: ERROR_MESSAGES.network })

export const cloudUploader: Uploader = ({ filePath, cloudPath, onProgress }) =>
  new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      filePath,
      cloudPath,
      success: (res) => (res.fileID ? resolve({ fileID: res.fileID }) : reject(networkError())),
      fail: () => reject(networkError()),
    })
    if (onProgress && task && typeof task.onProgressUpdate === 'function') {
      task.onProgressUpdate((p) => onProgress(p.progress))
    }
  })

export const gatewayUploader: Uploader = async ({ filePath, cloudPath, onProgress }) => {
  let blob: Blob
  try {
    blob = await (await fetch(filePath)).blob()
  } catch {
    throw new CallError({ code: 'invalid_argument', message: '找不到这张图片，请重新选择' })
  }
  const form = new FormData()
  form.append('cloudPath', cloudPath)
  form.append('file', blob, cloudPath.split('/').pop() || 'file')
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/gateway/upload')
    xhr.setRequestHeader('X-Local-Openid', getDevOpenid() ?? '')
    xhr.upload.onprogress = (e) => {
      if (onProgress && e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { fileID?: unknown }
        if (xhr.status >= 200 && xhr.status < 300 && typeof body.fileID === 'string') return resolve({ fileID: body.fileID })
      } catch {
        // fall through: an unreadable answer is a failed upload
      }
      reject(networkError())
    }
    xhr.onerror = () => reject(networkError())
    xhr.ontimeout = () => reject(networkError())
    xhr.send(form)
  })
}

let current: Uploader | undefined

export const uploadFile: Uploader = (req) => {
  current ??= process.env.TARO_ENV === 'h5' ? gatewayUploader : cloudUploader
  return current(req)
}
