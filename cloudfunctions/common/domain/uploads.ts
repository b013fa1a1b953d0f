// Which cloud file ids a function may accept, as pure rules. Every upload goes under `uploads/<folder>/`, where the
// folder is a random key the server hands out for one draft (`account.uploadPrefix`) and records as the caller's.
// A CloudBase fileID carries its environment, bucket and path (`cloud://<env>.<bucket>/uploads/<folder>/x.jpg`), so the
// server can tell a file of this environment, in a folder it issued, from anything else.
// Folders are per draft, never per person: paths and URLs are shown to officers, and an anonymous report's photos must
// share nothing with the same person's named report or errand.

/** A folder key as the server makes it: 16 random bytes, hex. Anything else owns nothing. */
export const FOLDER_KEY_RE = /^[a-f0-9]{32}$/

/** The top folder every upload goes under. */
export const UPLOADS_ROOT = 'uploads'

/** Largest file accepted (the gateway's own limit); exactly this size is still fine. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** A folder takes new files for this long after it was issued: a draft kept on the phone longer must pick again. */
export const FOLDER_TTL_MS = 30 * 24 * 60 * 60 * 1000

/** At most this many folders per person in any 24 hours (one per draft is plenty). */
export const FOLDERS_PER_DAY = 40

/** Cloud paths are at most this long (CloudBase's own limit is 850). */
const MAX_PATH_LENGTH = 850

/** The folder one draft's files go under. */
export function uploadPrefixOf(folderKey: string): string {
  return `${UPLOADS_ROOT}/${folderKey}/`
}

export type FileIdProblem =
  /** Not a `cloud://` file id at all. */
  | 'not_file_id'
  /** A file id of another environment. */
  | 'other_env'
  /** `..`, `.`, empty or percent-encoded segments, control characters, backslashes, too long. */
  | 'bad_path'
  /** Not a file inside a folder the server issues. */
  | 'not_upload'

export type ParsedUpload = { ok: true; path: string; folder: string } | { ok: false; problem: FileIdProblem }

const SEGMENT_BAD_RE = /[%\\?#\u0000-\u001f\u007f]/

/** Why a cloud path is unsafe, or null when every segment is a plain name. */
export function cloudPathProblem(path: string): 'bad_path' | null {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return 'bad_path'
  // `%` is refused outright: `%2e%2e` is `..` to anything that decodes the path once more.
  if (SEGMENT_BAD_RE.test(path)) return 'bad_path'
  if (path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..' || seg.trim() !== seg)) return 'bad_path'
  return null
}

/**
 * Reads an upload's folder out of a file id of environment `env`: `cloud://<env>.<bucket>/uploads/<folder>/<name…>`.
 * CloudBase names an environment's bucket `<hex>-<env>-<appid>` (the local cloud copies that), so the bucket must name
 * the environment too; the storage of this environment then has to hold the file.
 */
export function parseUploadFileId(fileId: string, env: string): ParsedUpload {
  const m = /^cloud:\/\/([^/]*)\/(.*)$/s.exec(fileId)
  if (!m) return { ok: false, problem: 'not_file_id' }
  const [, host, path] = m
  const bucket = host.slice(env.length + 1)
  if (!env || !host.startsWith(`${env}.`) || !/^[A-Za-z0-9-]+$/.test(bucket) || !/^[a-f0-9]+-/.test(bucket) || !bucket.includes(`-${env}-`)) {
    return { ok: false, problem: 'other_env' }
  }
  if (cloudPathProblem(path)) return { ok: false, problem: 'bad_path' }
  const segs = path.split('/')
  if (segs.length < 3 || segs[0] !== UPLOADS_ROOT || !FOLDER_KEY_RE.test(segs[1])) return { ok: false, problem: 'not_upload' }
  return { ok: true, path, folder: segs[1] }
}

/** The cloud path inside a fileID, or null if it is not a cloud file id or its path is unsafe. */
export function cloudPathOf(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/s.exec(fileId)
  if (!m || cloudPathProblem(m[1])) return null
  return m[1]
}

/** A folder as the server recorded it. */
export interface FolderGrant {
  owner: string
  /** Issued to an officer or admin: only these folders may hold images for villagers to see (alerts). */
  staff: boolean
  createdAt: Date
}

export type FolderProblem = 'not_yours' | 'expired' | 'not_staff'

/** Whether `openid` may hand in files from a folder issued as `grant` (null: never issued). */
export function folderProblem(grant: FolderGrant | null, openid: string, now: Date, needStaff: boolean): FolderProblem | null {
  if (!grant || !openid || grant.owner !== openid) return 'not_yours'
  if (needStaff && !grant.staff) return 'not_staff'
  if (now.getTime() - grant.createdAt.getTime() > FOLDER_TTL_MS) return 'expired'
  return null
}

/** The image types a photo may be, by the names magic-bytes.js gives them. */
export const IMAGE_TYPES = ['jpg', 'png', 'webp', 'heif', 'heic'] as const

export type SizeProblem = 'empty' | 'too_big'

export function sizeProblem(bytes: number): SizeProblem | null {
  if (bytes <= 0) return 'empty'
  return bytes > MAX_UPLOAD_BYTES ? 'too_big' : null
}

/** True when the most specific type sniffed from the bytes is an allowed image type. */
export function isAllowedImage(sniffed: readonly string[]): boolean {
  const first = sniffed[0]?.toLowerCase()
  return first !== undefined && (IMAGE_TYPES as readonly string[]).includes(first)
}
