// The one way a form shows its photos: what to photograph, each photo with its upload progress, 重传 when it did not
// get through, 删除, and a big button to add more. The photos and their uploads come from usePhotoUploads, so a
// report, an errand, a visit, a mediation request and an alert all behave alike on a weak network.
import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import type { PhotoUploads } from '@/hooks/usePhotoUploads'
import './index.scss'

export interface PhotoExample {
  what: string
  why: string
}

export interface PhotoPickerProps {
  uploads: PhotoUploads
  max: number
  examples?: readonly PhotoExample[]
  error?: string
  /** Ids of the parts: `${idPrefix}-0` (a photo, with `-done`, `-retry`, `-remove`), `-count`, `-add`. */
  idPrefix?: string
  /** Shown but no longer changed (an alert already sent): no buttons. */
  readOnly?: boolean
  addLabel?: string
}

function PhotoTile({ uploads, index, idPrefix, readOnly }: { uploads: PhotoUploads; index: number; idPrefix: string; readOnly: boolean }) {
  const photo = uploads.photos[index]
  // A temp path from an earlier session may be gone, and a restored draft may keep only the file id; the uploaded
  // photo is safe all the same.
  const [broken, setBroken] = useState(false)
  const pct = uploads.progress[photo.key]
  const failure = uploads.failed[photo.key]
  const id = `${idPrefix}-${index}`
  return (
    <View className='fq-photo' id={id}>
      {broken || !photo.path ? (
        <View className='fq-photo__img fq-photo__placeholder'>
          <Text>{photo.fileId ? '照片已上传' : '照片'}</Text>
        </View>
      ) : (
        <Image className='fq-photo__img' src={photo.path} mode='aspectFill' onError={() => setBroken(true)} />
      )}
      {pct !== undefined ? (
        <View className='fq-photo__progress' id={`${id}-progress`}>
          <View className='fq-photo__bar' style={{ width: `${pct}%` }} />
          <Text className='fq-photo__pct'>{`正在上传 ${pct}%`}</Text>
        </View>
      ) : failure ? (
        <View className='fq-photo__failed'>
          <Text className='fq-photo__failed-text'>{failure}</Text>
          {readOnly ? null : (
            <Text className='fq-photo__action' id={`${id}-retry`} onClick={() => uploads.retry(photo.key)}>
              重传
            </Text>
          )}
        </View>
      ) : photo.fileId ? (
        <Text className='fq-photo__ok' id={`${id}-done`}>
          ✓ 已上传
        </Text>
      ) : (
        <Text className='fq-photo__pct'>等待上传…</Text>
      )}
      {readOnly ? null : (
        <Text className='fq-photo__remove' id={`${id}-remove`} onClick={() => uploads.remove(photo.key)}>
          删除
        </Text>
      )}
    </View>
  )
}

export default function PhotoPicker({ uploads, max, examples, error, idPrefix = 'photo', readOnly = false, addLabel = '拍照或从相册选' }: PhotoPickerProps) {
  const full = uploads.photos.length >= max
  return (
    <View className='fq-photos'>
      {examples && examples.length > 0 && !readOnly ? (
        <View className='fq-photos__examples' id={`${idPrefix}-examples`}>
          <Text className='fq-photos__examples-title'>请拍这些：</Text>
          {examples.map((ex, i) => (
            <View className='fq-photos__example' key={ex.what}>
              <Text className='fq-photos__example-no'>{i + 1}</Text>
              <View className='fq-photos__example-text'>
                <Text className='fq-photos__example-what'>{ex.what}</Text>
                <Text className='fq-photos__example-why'>{ex.why}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {uploads.photos.length > 0 ? (
        <View className='fq-photos__grid'>
          {uploads.photos.map((p, i) => (
            <PhotoTile key={p.key} uploads={uploads} index={i} idPrefix={idPrefix} readOnly={readOnly} />
          ))}
        </View>
      ) : null}
      <Text className='fq-muted fq-photos__count' id={`${idPrefix}-count`}>
        {readOnly ? `${uploads.photos.length} 张` : `已选 ${uploads.photos.length} 张，最多 ${max} 张`}
      </Text>
      {error ? <Text className='fq-photos__error'>{error}</Text> : null}
      {readOnly ? null : (
        <BigButton kind='plain' id={`${idPrefix}-add`} disabled={full} onClick={() => void uploads.add()}>
          {full ? `已经${max}张了` : addLabel}
        </BigButton>
      )}
    </View>
  )
}
