// One picked photo made small for the network, on H5 (Taro has no compressImage there): browser-image-compression
// with H5_SHRINK, which `npm run bench` measures ("Weak networks"). The weapp build uses shrinkPhoto.ts instead.
// The result is a new JPEG, so the camera's EXIF (model, often where it was taken) does not travel. When shrinking
// fails the photo is sent as it was rather than lost.
import imageCompression from 'browser-image-compression'
import { H5_SHRINK } from './photoSize'

export async function shrinkPhoto(path: string): Promise<string> {
  try {
    const blob = await (await fetch(path)).blob()
    const file = new File([blob], 'photo', { type: blob.type || 'image/jpeg' })
    return URL.createObjectURL(await imageCompression(file, { ...H5_SHRINK }))
  } catch {
    return path
  }
}
