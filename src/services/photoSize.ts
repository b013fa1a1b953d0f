// What a photo becomes before it is sent (shrinkPhoto.ts, shrinkPhoto.h5.ts): at most this many pixels on its longest side,
// JPEG at this quality, and on H5 at most this many bytes. A document or a broken fence stays readable, and on a
// village network a photo takes seconds instead of minutes. Kept apart from ./photos (which needs Taro) so that
// `npm run bench` measures the very settings the app uses.
export const PHOTO_LONG_SIDE = 1600
export const PHOTO_QUALITY = 0.8
export const PHOTO_MAX_BYTES = 500 * 1024

/** browser-image-compression's options for the H5 path: canvas in this thread (its worker would load itself from a CDN). */
export const H5_SHRINK = {
  maxWidthOrHeight: PHOTO_LONG_SIDE,
  initialQuality: PHOTO_QUALITY,
  maxSizeMB: PHOTO_MAX_BYTES / 1024 / 1024,
  fileType: 'image/jpeg',
  useWebWorker: false,
} as const
