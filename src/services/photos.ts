// Photos from the phone into an upload folder: picking them, the folder the server hands out for one draft (it accepts
// only file ids under a folder it gave the caller) and where each photo goes.
// A folder belongs to one draft, never to the person: officers see the paths, and an anonymous report must share
// nothing with the same person's other records. So a draft keeps its folder (and a restored draft finds it again),
// and every name in a path is random.
import Taro from '@tarojs/taro'
import { call } from '@/services/client'
import { shrinkPhoto } from './shrinkPhoto'
import { uploadFile } from './upload'

/** A folder the server handed out, `uploads/<key>/`, and when (ms), kept with the draft it is for. */
export interface UploadFolder {
  prefix: string
  at: number
}

/** The server takes files into a folder for 30 days; a draft asks for a new one well before that. */
const FOLDER_FRESH_MS = 25 * 24 * 60 * 60 * 1000

/** A new folder for one draft, from `account.uploadPrefix`. */
export async function newUploadFolder(now: number = Date.now()): Promise<UploadFolder> {
  const { prefix } = await call('account.uploadPrefix', {})
  return { prefix, at: now }
}

/** A stored folder if it is whole and still good for new files; otherwise nothing (ask for a new one). */
export function usableFolder(stored: unknown, now: number = Date.now()): UploadFolder | undefined {
  if (!stored || typeof stored !== 'object') return undefined
  const f = stored as Partial<UploadFolder>
  if (typeof f.prefix !== 'string' || !/^uploads\/[a-f0-9]{32}\/$/.test(f.prefix) || typeof f.at !== 'number') return undefined
  return now - f.at < FOLDER_FRESH_MS && f.at <= now ? { prefix: f.prefix, at: f.at } : undefined
}

/** A random name for one photo (also its key on screen): nothing in it says who or when. */
export function newPhotoKey(): string {
  let key = ''
  while (key.length < 12) key += Math.floor(Math.random() * 0x100000000).toString(36)
  return key.slice(0, 12)
}

export type PickResult = { paths: string[] } | { error: string }

/** Up to `count` photos from the camera or the album, as the phone has them; a cancel is not an error. */
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

const EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic'] as const

/** Where one photo goes: the draft's folder and the photo's random key, with the photo's own image extension. */
export function photoCloudPath(prefix: string, key: string, localPath: string): string {
  const ext = /\.([a-z]+)$/i.exec(localPath)?.[1]?.toLowerCase()
  return `${prefix}${key}.${ext && (EXTENSIONS as readonly string[]).includes(ext) ? ext : 'jpg'}`
}

/**
 * Sends one photo into a folder the server handed out: first made small (shrinkPhoto: 1600 px, quality 80, no EXIF),
 * then uploaded under a random name. The one way a photo leaves the phone; `onProgress` hears 0–100 of the upload.
 * Callers send one at a time: a 12-megapixel photo decoded takes about 48 MB, and an old phone has little to spare.
 */
export async function uploadPhoto(path: string, prefix: string, onProgress?: (percent: number) => void): Promise<{ fileID: string }> {
  const small = await shrinkPhoto(path)
  return uploadFile({ filePath: small, cloudPath: photoCloudPath(prefix, newPhotoKey(), small), ...(onProgress ? { onProgress } : {}) })
}
