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
