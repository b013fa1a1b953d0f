// Runs an action's schema and turns the first problem into an `invalid_argument` naming the field.
import * as v from 'valibot'
import type { ActionSpec, AppErrorBody, Result } from './core'

export function validatePayload<S extends v.GenericSchema>(spec: ActionSpec<S, unknown>, payload: unknown): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(spec.request, payload ?? {})
  if (parsed.success) return { ok: true, data: parsed.output }
  return { ok: false, error: issueToError(parsed.issues[0]) }
}

export function issueToError(issue: v.BaseIssue<unknown>): AppErrorBody {
  const field = v.getDotPath(issue) ?? undefined
  return { code: 'invalid_argument', message: issue.message, ...(field ? { field } : {}) }
}
