// Photos being added to a form (a report, its supplement, an errand): picked, uploaded one at a time into the draft's
// own upload folder with visible progress, retried or removed. The list and the folder belong to the caller (so they
// live in the draft and survive a closed app); progress and failures are only on screen.
import { useEffect, useRef, useState } from 'react'
import { toCallError } from '@/services/errors'
import { newPhotoKey, newUploadFolder, pickPhotos, uploadPhoto, usableFolder, type UploadFolder } from '@/services/photos'
import { toast } from '@/services/toast'

/** A photo of a draft: the phone's temp path, and its cloud file id once uploaded. */
export interface DraftPhoto {
  key: string
  path: string
  fileId?: string
}

export interface PhotoUploads {
  photos: DraftPhoto[]
  /** 0–100 for photos being sent. */
  progress: Record<string, number>
  /** What went wrong, for photos that did not get through. */
  failed: Record<string, string>
  /** Photos not yet in the cloud (being sent or failed). */
  pending: number
  add: () => Promise<void>
  retry: (key: string) => void
  remove: (key: string) => void
}

export interface PhotoUploadsOptions {
  photos: DraftPhoto[]
  setPhotos: (update: (photos: DraftPhoto[]) => DraftPhoto[]) => void
  /** Which draft this is (its request id): a new draft never reuses another draft's folder. */
  draftId: string
  /** The draft's upload folder, once it has one; asked for on the first photo and handed to `setUploadFolder`. */
  uploadFolder: UploadFolder | undefined
  setUploadFolder: (folder: UploadFolder) => void
  max: number
}

export function usePhotoUploads({ photos, setPhotos, draftId, uploadFolder, setUploadFolder, max }: PhotoUploadsOptions): PhotoUploads {
  const [progress, setProgress] = useState<Record<string, number>>({})
  const [failed, setFailed] = useState<Record<string, string>>({})
  const queue = useRef<Promise<void>>(Promise.resolve())
  const sending = useRef(new Set<string>())
  // The folder each draft got, by draft: queued uploads run after renders, so they read this, not a stale prop.
  const folders = useRef(new Map<string, UploadFolder>())
  const currentDraft = useRef(draftId)
  currentDraft.current = draftId
  const kept = usableFolder(uploadFolder)
  if (kept && !usableFolder(folders.current.get(draftId))) folders.current.set(draftId, kept)

  /** The draft's folder; a new one when it has none or it is too old for the server to take new files. */
  const folderPrefix = async (forDraft: string): Promise<string> => {
    const known = usableFolder(folders.current.get(forDraft))
    if (known) return known.prefix
    const fresh = await newUploadFolder()
    folders.current.set(forDraft, fresh)
    if (forDraft === currentDraft.current) setUploadFolder(fresh)
    return fresh.prefix
  }

  const sendOne = (photo: DraftPhoto) => {
    if (sending.current.has(photo.key)) return
    sending.current.add(photo.key)
    setFailed(({ [photo.key]: _gone, ...rest }) => rest)
    setProgress((p) => ({ ...p, [photo.key]: 0 }))
    const forDraft = draftId
    // One at a time: on a weak village network parallel uploads all crawl and all fail.
    queue.current = queue.current.then(async () => {
      try {
        const prefix = await folderPrefix(forDraft)
        const { fileID } = await uploadPhoto(photo.path, prefix, (pct) => setProgress((p) => ({ ...p, [photo.key]: pct })))
        setPhotos((ps) => ps.map((p) => (p.key === photo.key ? { ...p, fileId: fileID } : p)))
      } catch (e) {
        const err = toCallError(e)
        setFailed((f) => ({ ...f, [photo.key]: err.code === 'network' ? '没传上，网络不好。点“重传”再试' : `没传上：${err.message}` }))
      } finally {
        sending.current.delete(photo.key)
        setProgress(({ [photo.key]: _done, ...rest }) => rest)
      }
    })
  }

  // Photos of a draft that were picked but not sent before the app closed are sent when the form opens again.
  useEffect(() => {
    photos.filter((p) => !p.fileId).forEach(sendOne)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the photos present when the form opens
  }, [])

  const add = async () => {
    const room = max - photos.length
    if (room <= 0) {
      toast(`最多${max}张照片`)
      return
    }
    const picked = await pickPhotos(room)
    if ('error' in picked) {
      toast(picked.error, { kind: 'error' })
      return
    }
    const added = picked.paths.map((path) => ({ key: newPhotoKey(), path }))
    if (added.length === 0) return
    setPhotos((ps) => [...ps, ...added].slice(0, max))
    added.forEach(sendOne)
  }

  const retry = (key: string) => {
    const photo = photos.find((p) => p.key === key)
    if (photo && !photo.fileId) sendOne(photo)
  }

  const remove = (key: string) => {
    setPhotos((ps) => ps.filter((p) => p.key !== key))
    setFailed(({ [key]: _gone, ...rest }) => rest)
  }

  return { photos, progress, failed, pending: photos.filter((p) => !p.fileId).length, add, retry, remove }
}

/** A draft that keeps its photos and their upload folder, made with its own request id (a report, an errand…). */
export interface PhotoDraft {
  photos: DraftPhoto[]
  uploadFolder?: UploadFolder
  requestId: string
}

/** usePhotoUploads for a draft of that shape: the photos and the folder live in the draft itself. */
export function useDraftPhotos<D extends PhotoDraft>(draft: D, setDraft: (update: (d: D) => D) => void, max: number): PhotoUploads {
  return usePhotoUploads({
    photos: draft.photos,
    setPhotos: (update) => setDraft((d) => ({ ...d, photos: update(d.photos) })),
    draftId: draft.requestId,
    uploadFolder: draft.uploadFolder,
    setUploadFolder: (uploadFolder) => setDraft((d) => ({ ...d, uploadFolder })),
    max,
  })
}
