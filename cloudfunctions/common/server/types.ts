// What every action handler receives: dependencies (database, clock, openapi, config) and the caller.
import type { ActionSpec, ErrorCode, Role } from '@contract/core'
import type { DB } from 'wx-server-sdk'
import type * as v from 'valibot'

export interface UserDoc {
  _id: string // the caller's OPENID
  role: Role
  name: string
  phone: string
  villageId: string
  address: string
  /** 警号 (staff only, optional). */
  badgeNo?: string
  /** The household (一标 address id) an officer confirmed; '' or absent until then. */
  household?: string
  /** When they last read an alert meant for their village (see @server/alertReach). */
  lastAlertReadAt?: Date | null
  /** That household's 社, `<villageId>|<社>` (the hh_groups key): where an alert sent to a 社 reaches the user. */
  householdGroup?: string
  createdAt: Date
  updatedAt: Date
}

/** The caller of an `anyCaller` action: who, but not their role or profile (the runtime did not look them up). */
export interface AnyCallerContext {
  /** '' for the system caller. */
  openid: string
  /** True only for a timer trigger or platform push the platform vouches for (see platform.ts). */
  system?: boolean
  requestId?: string
  /**
   * For an idempotent call with a requestId: the key its records are created under (`createOnce`), so a retry after
   * a crash finds the first call's record. Derived from caller, action and requestId.
   */
  requestKey?: string
}

export interface CallerContext extends AnyCallerContext {
  /** A system caller acts as 'admin'; see SYSTEM in @contract/core. */
  role: Role
  /** Null until the caller's first `account.me` creates a profile. */
  user: UserDoc | null
}

export interface MsgSecCheckResult {
  suggest: 'pass' | 'review' | 'risky'
  label: number
}

/** The openapi calls the app uses, wrapped so actions stay testable. */
export interface OpenApi {
  msgSecCheck(input: { openid: string; content: string; scene: 1 | 2 | 3 | 4; title?: string }): Promise<MsgSecCheckResult>
  mediaCheckAsync(input: { openid: string; mediaUrl: string; mediaType: 1 | 2; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>
  sendSubscribeMessage(input: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<{ errCode: number; errMsg: string }>
  getUnlimitedQr(input: { scene: string; page?: string; width?: number }): Promise<Buffer>
}

export interface AppConfig {
  /** OPENID named in the function's environment as the first admin. */
  firstAdminOpenid?: string
  /** Subscription message template ids, by purpose. */
  templates: Record<string, string | undefined>
}

export interface Deps {
  db: DB.Database
  /** The clock; domain code never reads it directly. */
  now: () => Date
  openapi: OpenApi
  config: AppConfig
  /** Writes one audit record of an officer's access to personal data. */
  audit: (entry: { actor: string; action: string; target: string; detail?: Record<string, unknown> }) => Promise<void>
  log: (message: string, detail?: Record<string, unknown>) => void
  /** Cloud storage helpers. */
  storage: {
    /** The environment the function runs in: file ids of this storage start `cloud://<env>.`. */
    env: string
    /** Signed download URLs by file id; `maxAgeSeconds` shortens how long they work (CloudBase's default otherwise). */
    tempUrls(fileIds: string[], maxAgeSeconds?: number): Promise<Record<string, string>>
    upload(cloudPath: string, content: Buffer): Promise<string>
    /** A file's bytes, or null when this environment's storage has no such file. */
    download(fileId: string): Promise<Buffer | null>
    /** Deletes files; answers the ids that are gone now (deleted, or there was no such file). */
    remove(fileIds: string[]): Promise<string[]>
  }
}

export type Handler<A> =
  A extends ActionSpec<infer S, infer Res, infer AnyCaller>
    ? (deps: Deps, ctx: [AnyCaller] extends [true] ? AnyCallerContext : CallerContext, payload: v.InferOutput<S>) => Promise<Res>
    : never

/** An expected failure: becomes `{ ok: false, error }`, never a thrown error at the client. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new AppError(code, message, field)
}
