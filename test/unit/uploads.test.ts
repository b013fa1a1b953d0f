// Which file ids a function may accept: the path rules, the folder grant and the size and type rules, as tables.
import {
  FOLDER_TTL_MS,
  MAX_UPLOAD_BYTES,
  cloudPathOf,
  cloudPathProblem,
  folderProblem,
  isAllowedImage,
  parseUploadFileId,
  sizeProblem,
  uploadPrefixOf,
} from '@domain/uploads'

const ENV = 'env-1'
const K = '3f9a0c1d2e4b5a6c7d8e9f0a1b2c3d4e'
const HOST = `cloud://${ENV}.656e-env-1-1300`

describe('parseUploadFileId', () => {
  it.each([
    [`${HOST}/uploads/${K}/1.jpg`, { ok: true, path: `uploads/${K}/1.jpg`, folder: K }],
    [`${HOST}/uploads/${K}/sub/2.png`, { ok: true, path: `uploads/${K}/sub/2.png`, folder: K }],
  ])('accepts %s', (fileId, expected) => {
    expect(parseUploadFileId(fileId, ENV)).toEqual(expected)
  })

  it.each([
    // not a cloud file id
    [`https://example.com/uploads/${K}/1.jpg`, 'not_file_id'],
    [`uploads/${K}/1.jpg`, 'not_file_id'],
    ['', 'not_file_id'],
    // another environment, or none
    [`cloud://env-2.656e-env-2-1300/uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://env-10.656e/uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://${ENV}/uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://${ENV}./uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://${ENV}.b@evil.com/uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://x${ENV}.656e/uploads/${K}/1.jpg`, 'other_env'],
    // the bucket of another environment behind this environment's name
    [`cloud://${ENV}.656e-env-2-1300/uploads/${K}/1.jpg`, 'other_env'],
    [`cloud://${ENV}.656e/uploads/${K}/1.jpg`, 'other_env'],
    // unsafe paths
    [`${HOST}/uploads/${K}/../${'a'.repeat(32)}/1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/%2e%2e/x/1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/%2E%2E%2F1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/./1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}//1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/`, 'bad_path'],
    [`${HOST}//uploads/${K}/1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/a\\..\\1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/1.jpg?x=1`, 'bad_path'],
    [`${HOST}/uploads/${K}/1.jpg\n`, 'bad_path'],
    [`${HOST}/uploads/${K}/ 1.jpg`, 'bad_path'],
    [`${HOST}/uploads/${K}/${'a'.repeat(900)}.jpg`, 'bad_path'],
    // not inside a folder the server issues
    [`${HOST}/uploads/${K}`, 'not_upload'],
    [`${HOST}/uploads/${K}d/1.jpg`, 'not_upload'],
    [`${HOST}/uploads/K3F9A0C1D2E4B5A6C7D8E9F0A1B2C3D4/1.jpg`, 'not_upload'],
    [`${HOST}/uploads/k3f9a0c1d2e4b5a6/1.jpg`, 'not_upload'],
    [`${HOST}/alerts/${K}/1.jpg`, 'not_upload'],
    [`${HOST}/reports/1.jpg`, 'not_upload'],
  ])('refuses %s as %s', (fileId, problem) => {
    expect(parseUploadFileId(fileId, ENV)).toEqual({ ok: false, problem })
  })

  it('knows no environment when the function cannot tell its own', () => {
    expect(parseUploadFileId(`${HOST}/uploads/${K}/1.jpg`, '')).toEqual({ ok: false, problem: 'other_env' })
  })
})

describe('cloud paths', () => {
  it.each([
    ['uploads/a/b.jpg', null],
    ['a', null],
    ['a/../b', 'bad_path'],
    ['a/%2e%2e/b', 'bad_path'],
    ['a/b%20c', 'bad_path'],
    ['/a', 'bad_path'],
    ['a/', 'bad_path'],
    ['', 'bad_path'],
  ])('%s → %p', (path, expected) => {
    expect(cloudPathProblem(path)).toBe(expected)
  })
  it('reads the cloud path out of a file id, or nothing for an unsafe one', () => {
    expect(cloudPathOf('cloud://env.bucket/uploads/o1/a.jpg')).toBe('uploads/o1/a.jpg')
    expect(cloudPathOf('cloud://env.bucket/uploads/../a.jpg')).toBeNull()
  })
  it('puts each draft under uploads/ in a folder named by its key', () => {
    expect(uploadPrefixOf(K)).toBe(`uploads/${K}/`)
  })
})

describe('folderProblem', () => {
  const now = new Date('2026-12-01T10:00:00Z')
  const grant = (owner: string, staff: boolean, ageMs: number) => ({ owner, staff, createdAt: new Date(now.getTime() - ageMs) })
  it.each([
    ['never issued', null, 'me', false, 'not_yours'],
    ['issued to someone else', grant('them', false, 0), 'me', false, 'not_yours'],
    ['no caller', grant('', false, 0), '', false, 'not_yours'],
    ['mine', grant('me', false, 0), 'me', false, null],
    ['mine, a resident folder, for an alert', grant('me', false, 0), 'me', true, 'not_staff'],
    ['mine, a staff folder, for an alert', grant('me', true, 0), 'me', true, null],
    ['mine, on its last day', grant('me', false, FOLDER_TTL_MS), 'me', false, null],
    ['mine, too old', grant('me', false, FOLDER_TTL_MS + 1), 'me', false, 'expired'],
  ])('%s → %p', (_label, g, openid, staff, expected) => {
    expect(folderProblem(g, openid, now, staff)).toBe(expected)
  })
})

describe('size and type', () => {
  it.each([
    [0, 'empty'],
    [1, null],
    [MAX_UPLOAD_BYTES, null],
    [MAX_UPLOAD_BYTES + 1, 'too_big'],
  ])('%d bytes → %p', (n, expected) => {
    expect(sizeProblem(n)).toBe(expected)
  })
  it.each([
    [['jpg'], true],
    [['png', 'apng'], true],
    [['webp'], true],
    [['heif', 'pic'], true],
    [['SVG'], false],
    [['gif'], false],
    [['pdf'], false],
    [[], false],
  ])('%p → %p', (types, expected) => {
    expect(isAllowedImage(types)).toBe(expected)
  })
})
