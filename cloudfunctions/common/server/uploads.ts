// Upload ownership for every function that takes file ids: the caller's upload folder, made on first use, and the
// check that each file id given lies under it (see @domain/uploads for why the folder is a random key).
import { randomBytes } from 'node:crypto'
import { isOwnUpload, uploadPrefixOf } from '@domain/uploads'
import { findById, insert } from './db'
import { fail, type Deps } from './types'

export const UPLOADERS = 'uploaders'

/** One per user who has uploaded or asked where to upload. */
export interface UploaderDoc {
  _id: string // the user's OPENID
  key: string
  createdAt: Date
}

export const NOT_YOUR_UPLOAD = '有照片不是您自己刚上传的，请删掉后重新选择照片'

async function uploaderKey(deps: Deps, openid: string, create: boolean): Promise<string | null> {
  const found = await findById<UploaderDoc>(deps.db, UPLOADERS, openid)
  if (found || !create) return found?.key ?? null
  const key = randomBytes(8).toString('hex')
  try {
    await insert<UploaderDoc>(deps.db, UPLOADERS, { _id: openid, key, createdAt: deps.now() })
    return key
  } catch (err) {
    // Concurrent first calls end with one key: the second insert fails on the unique `_id`.
    const raced = await findById<UploaderDoc>(deps.db, UPLOADERS, openid)
    if (!raced) throw err
    return raced.key
  }
}

/** The caller's upload folder, e.g. `uploads/k3f9a0c1d2e4b5a6/`; stable per user. */
export async function uploadPrefixFor(deps: Deps, openid: string): Promise<string> {
  return uploadPrefixOf((await uploaderKey(deps, openid, true)) as string)
}

/**
 * Fails with `invalid_argument` naming `<field>.<index>` unless every file id is the caller's own upload; answers the
 * ids without repeats. Someone who never asked for a folder owns no file.
 */
export async function assertOwnUploads(deps: Deps, openid: string, fileIds: readonly string[], field: string): Promise<string[]> {
  if (fileIds.length === 0) return []
  const key = await uploaderKey(deps, openid, false)
  fileIds.forEach((fileId, i) => {
    if (!key || !isOwnUpload(fileId, key)) fail('invalid_argument', NOT_YOUR_UPLOAD, `${field}.${i}`)
  })
  return [...new Set(fileIds)]
}
