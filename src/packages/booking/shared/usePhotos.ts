// Document photos of an errand: picked on the phone, sent one at a time with progress, retried or removed.
// The list lives in the caller's draft, so photos already sent survive a closed app.
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { toCallError } from '@/services/errors'
import { uploadFile } from '@/services/upload'

export interface DraftPhoto {
  key: string
  path: string
  fileId?: string
}

export interface Photos {
  progress: Record<string, number>
  failed: Record<string, string>
  /** Photos not in the cloud yet. */
  pending: number
  add: () => Promise<void>
  retry: (key: string) => void
  remove: (key: string) => void
}

let seq = 0
const newKey = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

async function pick(count: number): Promise<string[] | { error: string }> {
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return res.tempFiles.map((f) => f.tempFilePath).slice(0, count)
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/i.test(msg)) return []
    if (/auth|permission|privacy/i.test(msg)) return { error: '没有拍照或相册的权限，请在微信“设置”里允许后再试' }
    return { error: '没有选上照片，请再试一次' }
  }
}

export function usePhotos(opts: { photos: DraftPhoto[]; setPhotos: (update: (p: DraftPhoto[]) => DraftPhoto[]) => void; requestId: string; max: number }): Photos {
  const { photos, setPhotos, requestId, max } = opts
  const [progress, setProgress] = useState<Record<string, number>>({})
  const [failed, setFailed] = useState<Record<string, string>>({})
  const queue = useRef<Promise<void>>(Promise.resolve())
  const sending = useRef(new Set<string>())

  const send = (photo: DraftPhoto) => {
    if (sending.current.has(photo.key)) return
    sending.current.add(photo.key)
    setFailed(({ [photo.key]: _gone, ...rest }) => rest)
    setProgress((p) => ({ ...p, [photo.key]: 0 }))
    // One at a time: on a weak village network parallel uploads all crawl and all fail.
    queue.current = queue.current.then(async () => {
      try {
        const ext = /\.(jpe?g|png|webp|heic)$/i.exec(photo.path)?.[1]?.toLowerCase() ?? 'jpg'
        const { fileID } = await uploadFile({
          filePath: photo.path,
          cloudPath: `services/proxy/${requestId}-${photo.key}.${ext}`,
          onProgress: (pct) => setProgress((p) => ({ ...p, [photo.key]: pct })),
        })
        setPhotos((ps) => ps.map((p) => (p.key === photo.key ? { ...p, fileId: fileID } : p)))
      } catch (e) {
        const err = toCallError(e)
        setFailed((f) => ({ ...f, [photo.key]: err.code === 'network' ? '网络不好没传上，点“重传”' : `没传上：${err.message}` }))
      } finally {
        sending.current.delete(photo.key)
        setProgress(({ [photo.key]: _done, ...rest }) => rest)
      }
    })
  }

  // Photos picked but not sent before the app closed go up when the form opens again.
  useEffect(() => {
    photos.filter((p) => !p.fileId).forEach(send)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the photos present on opening
  }, [])

  return {
    progress,
    failed,
    pending: photos.filter((p) => !p.fileId).length,
    async add() {
      const room = max - photos.length
      if (room <= 0) {
        void Taro.showToast({ title: `最多${max}张照片`, icon: 'none' })
        return
      }
      const picked = await pick(room)
      if (!Array.isArray(picked)) {
        void Taro.showToast({ title: picked.error, icon: 'none', duration: 3000 })
        return
      }
      const added = picked.map((path) => ({ key: newKey(), path }))
      setPhotos((ps) => [...ps, ...added].slice(0, max))
      added.forEach(send)
    },
    retry(key) {
      const photo = photos.find((p) => p.key === key)
      if (photo && !photo.fileId) send(photo)
    },
    remove(key) {
      setPhotos((ps) => ps.filter((p) => p.key !== key))
      setFailed(({ [key]: _gone, ...rest }) => rest)
    },
  }
}
