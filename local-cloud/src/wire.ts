// Shared shapes of the CloudBase wire protocol as the local cloud answers it.

/** A failure the SDK turns into its usual thrown error: `{ code, message, requestId }` in the reply body. */
export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status to answer with; CloudBase answers most errors with 200 and a code in the body. */
    readonly status = 200,
  ) {
    super(message)
    this.name = 'WireError'
  }
}

/** One collection as declared in `cloudfunctions/database.json`. */
export interface CollectionSchema {
  /** Index keys in MongoDB order: `[["villageId", 1], ["createdAt", -1]]`. */
  indexes?: Array<{ name: string; fields: Array<[string, 1 | -1]>; unique?: boolean }>
  /** The CloudBase security rule we set in the console (documentation; functions bypass it). */
  rules?: Record<string, unknown> | string
}

export interface DatabaseSchema {
  collections: Record<string, CollectionSchema>
}

/** Who is calling the /admin API: a function instance (by name) or a local tool. */
export interface WireCaller {
  functionName?: string
}

/** One call to `/admin`, after the server parsed it (JSON or multipart). */
export interface AdminRequest {
  action: string
  /** The body's fields: JSON values, or for multipart, strings and Buffers. */
  params: Record<string, unknown>
  caller: WireCaller
  /** The `env` query parameter the SDK sends. */
  env: string
}

/** A JSON reply (the server adds `requestId`), or raw bytes (wx.openApi answers the payload itself). */
export type AdminReply = { json: Record<string, unknown> } | { raw: Buffer; contentType: string; headers?: Record<string, string> }

/** A part of the local cloud serving some `/admin` actions, chosen by prefix (`database.`, `storage.`, ...). */
export interface AdminService {
  prefixes: string[]
  handle(req: AdminRequest): Promise<AdminReply>
  close?(): void | Promise<void>
}

/** A plain HTTP route (gateway, uploads, downloads, dev pages). The first route whose method and path prefix match wins. */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL): Promise<void>
}
