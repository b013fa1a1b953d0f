// One picked photo made small for the network, on weapp: `Taro.compressImage` to PHOTO_LONG_SIDE on its longest side
// at PHOTO_QUALITY (base library 2.26.0 for the size; an older one only lowers the quality). H5 has its own file,
// shrinkPhoto.h5.ts, which Taro picks for that build (多端文件), so neither build carries the other's code.
// Re-encoding also drops what the camera wrote into the file (EXIF: the phone's model, often where it was taken),
// which an anonymous report must not carry. When shrinking fails the photo is sent as it was rather than lost.
import Taro from '@tarojs/taro'
import { PHOTO_LONG_SIDE, PHOTO_QUALITY } from './photoSize'

export async function shrinkPhoto(path: string): Promise<string> {
  try {
    const { width, height } = await Taro.getImageInfo({ src: path })
    const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(width, height, 1))
    const size = width >= height ? { compressedWidth: Math.round(width * scale) } : { compressedHeight: Math.round(height * scale) }
    const { tempFilePath } = await Taro.compressImage({ src: path, quality: Math.round(PHOTO_QUALITY * 100), ...size })
    return tempFilePath || path
  } catch {
    return path
  }
}
