// Real, tiny image files for tests: the functions read every photo's bytes and accept only real images.

/** A 1×1 baseline JPEG. */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** The bytes a file called `name` would have: a PNG for `.png`, a JPEG otherwise. */
export function imageFor(name: string): { bytes: Buffer; type: string } {
  return /\.png$/i.test(name) ? { bytes: TINY_PNG, type: 'image/png' } : { bytes: TINY_JPEG, type: 'image/jpeg' }
}
