// What a photo becomes before it leaves the phone (services/photos uploadPhoto → shrinkPhoto, the weapp path): at most
// 1600 px on its longest side at JPEG quality 80, a new file (so the camera's EXIF does not travel), then uploaded
// under a random name; a photo that cannot be shrunk is still sent rather than lost.
import { recorded, resetTaroStub, setChosenMedia } from './stubs/taro'
import { pickPhotos, uploadPhoto } from '@/services/photos'
import { PHOTO_LONG_SIDE } from '@/services/photoSize'
import type { UploadRequest } from '@/services/upload'

const mockSent: UploadRequest[] = []
jest.mock('@/services/upload', () => ({
  uploadFile: (req: UploadRequest) => {
    mockSent.push(req)
    return Promise.resolve({ fileID: `cloud://env.bucket/${req.cloudPath}` })
  },
}))

beforeEach(() => {
  resetTaroStub()
  mockSent.length = 0
})

const FOLDER = 'uploads/0123456789abcdef0123456789abcdef/'

it('a landscape and a portrait 12-megapixel photo both go out 1600 px on their long side, as new files', async () => {
  await uploadPhoto('wxfile://tmp/field.jpg', FOLDER)
  await uploadPhoto('wxfile://tmp/portrait-door.png', FOLDER)
  expect(recorded.compressed).toEqual([
    { src: 'wxfile://tmp/field.jpg', quality: 80, compressedWidth: PHOTO_LONG_SIDE },
    { src: 'wxfile://tmp/portrait-door.png', quality: 80, compressedHeight: PHOTO_LONG_SIDE },
  ])
  expect(mockSent.map((r) => r.filePath)).toEqual(['wxfile://tmp/field-small.jpg', 'wxfile://tmp/portrait-door-small.jpg'])
  // Random names in the folder; the PNG went out as the JPEG it became.
  expect(mockSent.map((r) => r.cloudPath)).toEqual([expect.stringMatching(/^uploads\/0123456789abcdef0123456789abcdef\/[a-z0-9]{12}\.jpg$/), expect.stringMatching(/[a-z0-9]{12}\.jpg$/)])
})

it('a photo the phone cannot shrink is sent as it was', async () => {
  await uploadPhoto('wxfile://tmp/unreadable.heic', FOLDER)
  expect(mockSent.map((r) => [r.filePath, r.cloudPath.slice(-5)])).toEqual([['wxfile://tmp/unreadable.heic', '.heic']])
})

it('picks no more than the room left, and a cancel is no photo and no error', async () => {
  setChosenMedia(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg', 'wxfile://tmp/c.jpg'])
  expect(await pickPhotos(2)).toEqual({ paths: ['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg'] })
  setChosenMedia([])
  expect(await pickPhotos(2)).toEqual({ paths: [] })
})
