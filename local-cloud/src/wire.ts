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
