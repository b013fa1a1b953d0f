// Report photos: picking them on the phone and the caller's upload folder, which the server checks file ids against.
import Taro from '@tarojs/taro'
import { call } from '@/services/client'

let prefix: Promise<string> | undefined

/** `reports/<key>/`, asked once per app session. */
export function uploadPrefix(): Promise<string> {
  prefix ??= call('reports.uploadPrefix', {})
    .then((r) => r.prefix)
    .catch((e: unknown) => {
      prefix = undefined
      throw e
    })
  return prefix
}

/** Forget the folder (tests; another identity on the H5 dev build). */
export function resetUploadPrefix(): void {
  prefix = undefined
}

export type PickResult = { paths: string[] } | { error: string }

/** Up to `count` photos from the camera or the album; a cancel is not an error. */
export async function pickPhotos(count: number): Promise<PickResult> {
  if (count <= 0) return { paths: [] }
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return { paths: res.tempFiles.map((f) => f.tempFilePath).slice(0, count) }
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/i.test(msg)) return { paths: [] }
    if (/auth|permission|privacy/i.test(msg)) return { error: '没有拍照或相册的权限。请在微信“设置”里允许后再试' }
    return { error: '没有选上照片，请再试一次' }
  }
}

/** Where one photo of a draft goes: the caller's folder, the draft's request id, a number. */
export function photoCloudPath(folder: string, requestId: string, key: string, localPath: string): string {
  const ext = /\.(jpe?g|png|gif|webp|heic)$/i.exec(localPath)?.[1]?.toLowerCase() ?? 'jpg'
  return `${folder}${requestId}-${key}.${ext}`
}
