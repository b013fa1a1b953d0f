// Whose upload a cloud file id is. Each user uploads under a folder of their own, `uploads/<uploader key>/`, where the
// key is random and handed out by the server (`account.uploadPrefix`). A CloudBase fileID carries its path
// (`cloud://<env>.<bucket>/uploads/<key>/x.jpg`), so the server can tell a caller's own file from anyone else's.
// The key is not the OPENID: paths and URLs are shown to officers and must not identify an anonymous reporter.

export const UPLOADER_KEY_RE = /^[a-z0-9]{12,40}$/

/** The folder one uploader's files go under. */
export function uploadPrefixOf(uploaderKey: string): string {
  return `uploads/${uploaderKey}/`
}

/** The cloud path inside a fileID, or null if it is not a cloud file id. */
export function cloudPathOf(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
  if (!m) return null
  const path = m[1]
  if (path.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) return null
  return path
}

/** True for a file under the uploader's own folder (not the folder itself). A key the server never makes owns nothing. */
export function isOwnUpload(fileId: string, uploaderKey: string): boolean {
  if (!UPLOADER_KEY_RE.test(uploaderKey)) return false
  const path = cloudPathOf(fileId)
  const prefix = uploadPrefixOf(uploaderKey)
  return path !== null && path.startsWith(prefix) && path.length > prefix.length
}
