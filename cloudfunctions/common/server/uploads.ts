// Uploads for every function that takes file ids: the folders handed out for drafts (`account.uploadPrefix`) and the
// one check every accepted file id goes through — this environment, a safe path, a folder the caller was given (and,
// for images villagers will see, given to staff), the file exists, is not empty, not too big, and is an image by its
// bytes. See @domain/uploads for the rules and why folders are per draft.
import { randomBytes } from 'node:crypto'
import { filetypeinfo } from 'magic-bytes.js'
import {
  FOLDERS_PER_DAY,
  UPLOADS_ROOT,
  cloudPathOf,
  folderProblem,
  isAllowedImage,
  parseUploadFileId,
  sizeProblem,
  uploadPrefixOf,
  type FolderGrant,
} from '@domain/uploads'
import { count, findMany, insert } from './db'
import { fail, type CallerContext, type Deps } from './types'
import { UPLOAD_FOLDERS } from '@server/collections'


/** One folder handed out for one draft; `_id` is the folder key. */
export interface UploadFolderDoc extends FolderGrant {
  _id: string
}

export const NOT_YOUR_UPLOAD = '不是您自己刚上传的'

/** What to tell the person, per problem; each is prefixed with which photo it is. */
const PROBLEMS = {
  elsewhere: '不是在这里上传的，请删掉后重新选择',
  notYours: `${NOT_YOUR_UPLOAD}，请删掉后重新选择`,
  notStaff: '不是工作人员上传的，请删掉后重新添加',
  expired: '放得太久了，请删掉后重新选择',
  missing: '没找到，可能没传上去，请删掉后重新选择',
  empty: '是空的，请删掉后重新选择',
  tooBig: '太大了（超过10MB），请删掉后换一张小一点的',
  notImage: '不是照片，请删掉后重新选择（只能用JPG、PNG、WebP或HEIC照片）',
} as const

export const TOO_MANY_FOLDERS = '今天上传照片的次数太多了，请明天再试'

/**
 * A fresh folder for one draft's files, recorded as the caller's, e.g. `uploads/3f9a…/`. A new one on every call: no
 * key is shared between a person's drafts, so nothing an officer sees links one record to another.
 */
export async function issueUploadFolder(deps: Deps, ctx: CallerContext): Promise<string> {
  if (!ctx.openid) fail('forbidden', '请先登录')
  const now = deps.now()
  const _ = deps.db.command
  const recent = await count(
    deps.db.collection(UPLOAD_FOLDERS).where({ owner: ctx.openid, createdAt: _.gt(new Date(now.getTime() - 24 * 60 * 60 * 1000)) }),
  )
  if (recent >= FOLDERS_PER_DAY) fail('rate_limited', TOO_MANY_FOLDERS)
  const key = randomBytes(16).toString('hex')
  const staff = ctx.role === 'officer' || ctx.role === 'admin'
  await insert<UploadFolderDoc>(deps.db, UPLOAD_FOLDERS, { _id: key, owner: ctx.openid, staff, createdAt: now })
  return uploadPrefixOf(key)
}

export interface AcceptOptions {
  /** The payload field, e.g. `photos`; problems name `<field>.<index>`. */
  field: string
  /** What one item is called in messages: 照片, 图片. */
  noun?: string
  /** Only folders handed out to staff (images every villager will see). */
  staffOnly?: boolean
  /**
   * Ids already accepted on the record (checked when they came): answered again, not read again. With `staffOnly`, a
   * kept id inside `uploads/` must still be in a staff folder (a record written before these checks may hold a
   * resident's file).
   */
  kept?: readonly string[]
}

/** Photos are read this many at a time: a few 10 MB files at once, never all nine. */
const READ_AT_ONCE = 3

async function grantsOf(deps: Deps, keys: readonly string[]): Promise<Map<string, UploadFolderDoc>> {
  if (keys.length === 0) return new Map()
  const _ = deps.db.command
  const grants = await findMany<UploadFolderDoc>(deps.db.collection(UPLOAD_FOLDERS).where({ _id: _.in([...keys]) }).limit(keys.length))
  return new Map(grants.map((g) => [g._id, g]))
}

/**
 * Checks every file id the caller hands in as an image and answers them without repeats; fails with `invalid_argument`
 * naming `<field>.<index>` at the first one that is not acceptable.
 */
export async function acceptImages(deps: Deps, ctx: CallerContext, fileIds: readonly string[], opts: AcceptOptions): Promise<string[]> {
  const kept = new Set(opts.kept ?? [])
  const all = [...new Set(fileIds)]
  const ids = all.filter((f) => !kept.has(f))
  const noun = opts.noun ?? '照片'
  const refuse = (fileId: string, why: string): never => {
    const i = fileIds.indexOf(fileId)
    fail('invalid_argument', `第${i + 1}张${noun}${why}`, `${opts.field}.${i}`)
  }

  if (opts.staffOnly) {
    const keptUploads = all.filter((f) => kept.has(f) && cloudPathOf(f)?.startsWith(`${UPLOADS_ROOT}/`))
    const keptFolders = new Map(keptUploads.map((f) => [f, cloudPathOf(f)?.split('/')[1] ?? '']))
    const keptGrants = await grantsOf(deps, [...new Set(keptFolders.values())])
    for (const f of keptUploads) if (!keptGrants.get(keptFolders.get(f) ?? '')?.staff) refuse(f, PROBLEMS.notStaff)
  }
  if (ids.length === 0) return all

  // Paths first: nothing is read for an id that cannot be ours.
  const folders = new Map<string, string>()
  for (const fileId of ids) {
    const parsed = parseUploadFileId(fileId, deps.storage.env)
    if (!parsed.ok) refuse(fileId, parsed.problem === 'not_upload' ? PROBLEMS.notYours : PROBLEMS.elsewhere)
    else folders.set(fileId, parsed.folder)
  }

  const byKey = await grantsOf(deps, [...new Set(folders.values())])
  const now = deps.now()
  for (const fileId of ids) {
    const problem = folderProblem(byKey.get(folders.get(fileId) as string) ?? null, ctx.openid, now, opts.staffOnly === true)
    if (problem === 'not_yours') refuse(fileId, PROBLEMS.notYours)
    if (problem === 'not_staff') refuse(fileId, PROBLEMS.notStaff)
    if (problem === 'expired') refuse(fileId, PROBLEMS.expired)
  }

  // Then the bytes, read through the SDK a few at a time; each is dropped once judged.
  for (let start = 0; start < ids.length; start += READ_AT_ONCE) {
    const batch = ids.slice(start, start + READ_AT_ONCE)
    const contents = await Promise.all(batch.map((fileId) => deps.storage.download(fileId)))
    batch.forEach((fileId, i) => {
      const bytes = contents[i]
      if (bytes === null) return refuse(fileId, PROBLEMS.missing)
      const size = sizeProblem(bytes.length)
      if (size === 'empty') refuse(fileId, PROBLEMS.empty)
      if (size === 'too_big') refuse(fileId, PROBLEMS.tooBig)
      if (!isAllowedImage(filetypeinfo(bytes.subarray(0, 256)).map((t) => t.typename))) refuse(fileId, PROBLEMS.notImage)
    })
  }
  return all
}

/** Kept for callers that only hand in photos: `acceptImages` with the field and the default noun. */
export async function assertOwnUploads(deps: Deps, ctx: CallerContext, fileIds: readonly string[], field: string, kept?: readonly string[]): Promise<string[]> {
  return acceptImages(deps, ctx, fileIds, { field, ...(kept ? { kept } : {}) })
}
