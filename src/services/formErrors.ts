// Checks a form against the action's own schema and gives the first Chinese message per field.
import * as v from 'valibot'
import { issueMessage } from '@contract/validate'

export type FieldErrors = Partial<Record<string, string>>

export function formErrors(schema: v.GenericSchema, values: unknown): FieldErrors {
  const parsed = v.safeParse(schema, values)
  if (parsed.success) return {}
  const errors: FieldErrors = {}
  for (const issue of parsed.issues) {
    const field = v.getDotPath(issue) ?? ''
    // The same Chinese the server answers, also for a missing key (valibot's own text there is English).
    if (!errors[field]) errors[field] = issueMessage(issue, schema)
  }
  return errors
}

/**
 * An empty field is told it is missing ("还没填姓名"), not that it is too short: the schema's own message is kept for
 * a field that has something wrong in it.
 */
export function withMissing<T extends object>(errors: FieldErrors, values: T, labels: Partial<Record<keyof T & string, string>>): FieldErrors {
  const out: FieldErrors = { ...errors }
  for (const [key, label] of Object.entries(labels) as [keyof T & string, string | undefined][]) {
    const value = values[key]
    if (label && out[key] && (value === undefined || (typeof value === 'string' && value.trim() === ''))) out[key] = `还没填${label}，请填上`
  }
  return out
}
