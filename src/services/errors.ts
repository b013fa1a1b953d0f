// The one error type pages see: a stable code, a Chinese message for the person, and the offending field.
import { ERROR_MESSAGES, type AppErrorBody, type ErrorCode } from '@contract/core'

export class CallError extends Error {
  readonly code: ErrorCode
  readonly field?: string

  constructor(body: AppErrorBody) {
    super(body.message || ERROR_MESSAGES[body.code] || ERROR_MESSAGES.internal)
    this.name = 'CallError'
    this.code = body.code
    if (body.field) this.field = body.field
  }
}

/** Any thrown value as a CallError, so the UI always has a Chinese message to show. */
export function toCallError(e: unknown): CallError {
  if (e instanceof CallError) return e
  return new CallError({ code: 'internal', message: ERROR_MESSAGES.internal })
}

/** Thrown by a transport when the call did not reach the function or no answer came back. */
export class TransportError extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'TransportError'
  }
}
