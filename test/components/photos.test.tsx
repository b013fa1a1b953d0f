// What a picked photo becomes before it is sent (services/photos pickPhotos → shrinkPhoto, the weapp path): at most
// 1600 px on its longest side at JPEG quality 80, a new file (so the camera's EXIF does not travel), one at a time;
// a photo that cannot be shrunk is still sent rather than lost.
import { recorded, resetTaroStub, setChosenMedia } from './stubs/taro'
import { pickPhotos } from '@/services/photos'
import { PHOTO_LONG_SIDE } from '@/services/photoSize'

beforeEach(() => resetTaroStub())

it('a landscape and a portrait 12-megapixel photo both come out 1600 px on their long side, as new files', async () => {
  setChosenMedia(['wxfile://tmp/field.jpg', 'wxfile://tmp/portrait-door.jpg'])
  const picked = await pickPhotos(9)
  expect(picked).toEqual({ paths: ['wxfile://tmp/field-small.jpg', 'wxfile://tmp/portrait-door-small.jpg'] })
  expect(recorded.compressed).toEqual([
    { src: 'wxfile://tmp/field.jpg', quality: 80, compressedWidth: PHOTO_LONG_SIDE },
    { src: 'wxfile://tmp/portrait-door.jpg', quality: 80, compressedHeight: PHOTO_LONG_SIDE },
  ])
})

it('a photo the phone cannot shrink is sent as it was, and the others are still shrunk', async () => {
  setChosenMedia(['wxfile://tmp/unreadable.heic', 'wxfile://tmp/fence.jpg'])
  expect(await pickPhotos(9)).toEqual({ paths: ['wxfile://tmp/unreadable.heic', 'wxfile://tmp/fence-small.jpg'] })
})

it('takes no more than the room left, and a cancel is no photo and no error', async () => {
  setChosenMedia(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.jpg', 'wxfile://tmp/c.jpg'])
  expect(await pickPhotos(2)).toEqual({ paths: ['wxfile://tmp/a-small.jpg', 'wxfile://tmp/b-small.jpg'] })
  setChosenMedia([])
  expect(await pickPhotos(2)).toEqual({ paths: [] })
})
