// Photos from the phone into the caller's own upload folder: picking them, the folder the server hands out (it
// accepts only file ids under it) and where each photo of a draft goes.
import Taro from '@tarojs/taro'
import { call } from '@/services/client'

let prefix: Promise<string> | undefined

/** `uploads/<key>/` from `account.uploadPrefix`, asked once per app session. */
export function uploadPrefix(): Promise<string> {
  prefix ??= call('account.uploadPrefix', {})
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

/** What a folder of photos is for, inside the caller's upload folder. */
export type PhotoFolder = 'reports' | 'errands'

/** Where one photo of a draft goes: the caller's folder, what it is for, the draft's request id, a number. */
export function photoCloudPath(prefix: string, folder: PhotoFolder, requestId: string, key: string, localPath: string): string {
  const ext = /\.(jpe?g|png|gif|webp|heic)$/i.exec(localPath)?.[1]?.toLowerCase() ?? 'jpg'
  return `${prefix}${folder}/${requestId}-${key}.${ext}`
}
