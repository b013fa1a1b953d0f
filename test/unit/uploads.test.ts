// Upload ownership: which cloud file ids lie under an uploader's own folder.
import { cloudPathOf, isOwnUpload, uploadPrefixOf } from '@domain/uploads'

describe('upload ownership', () => {
  const K = 'k3f9a0c1d2e4b5a6'
  const OTHER = 'a1b2c3d4e5f60718'
  it.each([
    [`cloud://env-1.656e-env-1-1300/uploads/${K}/1.jpg`, K, true],
    [`cloud://local/uploads/${K}/sub/2.png`, K, true],
    [`cloud://env-1.656e/uploads/${OTHER}/1.jpg`, K, false],
    [`cloud://env-1.656e/uploads/${K}d/1.jpg`, K, false],
    [`cloud://env-1.656e/uploads/${K}/`, K, false],
    [`cloud://env-1.656e/uploads/${K}/../${OTHER}/1.jpg`, K, false],
    [`cloud://env-1.656e/avatars/${K}/1.jpg`, K, false],
    [`cloud://env-1.656e/reports/${K}/1.jpg`, K, false],
    [`https://example.com/uploads/${K}/1.jpg`, K, false],
    [`uploads/${K}/1.jpg`, K, false],
    // A key that is not one the server makes never owns anything (an empty key would own all of uploads/).
    ['cloud://env-1.656e/uploads//1.jpg', '', false],
  ])('%s owned by %s → %p', (fileId, openid, expected) => {
    expect(isOwnUpload(fileId, openid)).toBe(expected)
  })
  it('puts each uploader under uploads/ in a folder named by the key', () => {
    expect(uploadPrefixOf(K)).toBe(`uploads/${K}/`)
  })
  it('reads the cloud path out of a file id', () => {
    expect(cloudPathOf('cloud://env.bucket/uploads/o1/a.jpg')).toBe('uploads/o1/a.jpg')
  })
})
