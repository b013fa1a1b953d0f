// Runs an action's schema and turns the first problem into an `invalid_argument` in plain Chinese naming the field.
//
// Schemas carry their own Chinese messages, but valibot writes English for what a schema author rarely words: a missing
// key ("Invalid key: Expected "name" but received undefined"), a payload that is not an object, a check without a
// message. `issueMessage` is the one place that turns those into Chinese, so every action (and every form that checks
// itself with the contract, see `src/services/formErrors.ts`) gets it without repeating anything.
import * as v from 'valibot'
import type { ActionSpec, AppErrorBody, Result } from './core'

/** Han characters (CJK unified ideographs and extension A) or CJK punctuation: the mark of a message someone wrote for people. */
const CJK_RE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

/** valibot's own text: `Invalid type: Expected Object but received "…"` (the received part may quote Chinese input). */
const VALIBOT_DEFAULT_RE = /^Invalid [\w ]+: (?:Expected [\s\S]* but r|R)eceived /

/** A message written for people, in Chinese, and not valibot's default (which quotes the input, Chinese or not). */
export function isChineseMessage(message: string): boolean {
  return CJK_RE.test(message) && !VALIBOT_DEFAULT_RE.test(message)
}

export const VALIDATION_MESSAGES = {
  /** The payload is not an object at all: an old or broken app, not something a person typed. */
  payload: '提交的内容格式不对，请更新小程序后再试',
  /** A key is missing and its schema has no Chinese message to borrow. */
  missing: '还有一项没有填，请检查后再试',
  /** A value is wrong and nothing more specific is known. */
  invalid: '有一项填得不对，请检查后再试',
  tooLong: '填写的内容太多了，请删掉一些再试',
  tooShort: '填写的内容太少了，请补充后再试',
  tooBig: '填写的数字太大了，请检查',
  tooSmall: '填写的数字太小了，请检查',
} as const

function error(message: string, field?: string): AppErrorBody {
  return { code: 'invalid_argument', message, ...(field ? { field } : {}) }
}

export function validatePayload<S extends v.GenericSchema>(spec: ActionSpec<S, unknown>, payload: unknown): Result<v.InferOutput<S>> {
  const input = payload ?? {}
  // Every request is an object; valibot's object schema would also take an array (it is an object to `typeof`).
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: error(VALIDATION_MESSAGES.payload) }
  const parsed = v.safeParse(spec.request, input)
  if (parsed.success) return { ok: true, data: parsed.output }
  return { ok: false, error: issueToError(parsed.issues[0], spec.request) }
}

/** `root` is the schema that produced the issue; with it, a missing key borrows its own field's message. */
export function issueToError(issue: v.BaseIssue<unknown>, root?: v.GenericSchema): AppErrorBody {
  const field = v.getDotPath(issue) ?? undefined
  return error(issueMessage(issue, root), field)
}

/** The Chinese message for one valibot issue: the schema's own when it wrote one, else one made from the issue's kind. */
export function issueMessage(issue: v.BaseIssue<unknown>, root?: v.GenericSchema): string {
  if (isChineseMessage(issue.message)) return issue.message
  const path = issue.path ?? []
  if (path.length === 0 && issue.kind === 'schema') return VALIDATION_MESSAGES.payload
  if (isMissingKey(issue)) {
    const entry = root ? schemaAt(root, path) : undefined
    return (entry && messageForMissing(entry)) ?? VALIDATION_MESSAGES.missing
  }
  switch (issue.type) {
    case 'max_length':
    case 'max_size':
    case 'max_entries':
    case 'max_graphemes':
    case 'max_words':
      return VALIDATION_MESSAGES.tooLong
    case 'min_length':
    case 'min_size':
    case 'min_entries':
    case 'min_graphemes':
    case 'min_words':
    case 'non_empty':
      return VALIDATION_MESSAGES.tooShort
    case 'max_value':
      return VALIDATION_MESSAGES.tooBig
    case 'min_value':
      return VALIDATION_MESSAGES.tooSmall
    default: {
      // A wrong value inside a field whose schema speaks Chinese elsewhere (e.g. an object's type message).
      const own = root && path.length > 0 ? schemaAt(root, path) : undefined
      return (own && ownMessage(own)) ?? VALIDATION_MESSAGES.invalid
    }
  }
}

/** valibot reports a missing key on the object, with the key's name quoted as `expected` and the key last in the path. */
function isMissingKey(issue: v.BaseIssue<unknown>): boolean {
  const last = issue.path?.[issue.path.length - 1]
  return issue.kind === 'schema' && issue.received === 'undefined' && issue.expected === `"${String(last?.key)}"`
}

/** What the schema says when the value is absent: its own "请填写…" / "请选择…" / "缺少…". */
function messageForMissing(schema: v.GenericSchema): string | undefined {
  const parsed = v.safeParse(schema, undefined)
  const first = parsed.issues?.[0]
  return first && isChineseMessage(first.message) ? first.message : undefined
}

function ownMessage(schema: v.GenericSchema): string | undefined {
  const message = view(unwrap(schema)).message
  return typeof message === 'string' && isChineseMessage(message) ? message : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Walking a schema along an issue's path. valibot schemas are plain objects; this reads the few properties that
// lead from a schema to its children (entries, options, item, value, wrapped, pipe) and nothing else.

interface SchemaView {
  type: string
  message?: unknown
  pipe?: readonly unknown[]
  wrapped?: unknown
  entries?: Readonly<Record<string, unknown>>
  options?: readonly unknown[]
  item?: unknown
  key?: unknown
  value?: unknown
}

function isSchema(x: unknown): x is v.GenericSchema {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'schema'
}

function view(schema: v.GenericSchema): SchemaView {
  return schema as unknown as SchemaView
}

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'non_optional', 'non_nullable', 'non_nullish', 'undefinedable'])

/** The schema under pipes and optional-like wrappers. */
function unwrap(schema: v.GenericSchema): v.GenericSchema {
  let s = schema
  for (let depth = 0; depth < 20; depth++) {
    const sv = view(s)
    const head = sv.pipe?.[0]
    if (sv.pipe && isSchema(head) && head !== s) s = head
    else if (WRAPPERS.has(sv.type) && isSchema(sv.wrapped)) s = sv.wrapped
    else break
  }
  return s
}

function schemaAt(root: v.GenericSchema, path: readonly v.IssuePathItem[]): v.GenericSchema | undefined {
  let s: v.GenericSchema | undefined = root
  for (const item of path) {
    s = s && childAt(s, item)
    if (!s) return undefined
  }
  return s
}

function childAt(schema: v.GenericSchema, item: v.IssuePathItem): v.GenericSchema | undefined {
  const s = view(unwrap(schema))
  if (s.entries) {
    const key = item.key
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(s.entries, key) && isSchema(s.entries[key]) ? s.entries[key] : undefined
  }
  if (s.options) {
    // variant / union: the option that has this child; for a variant, the one whose discriminator matches the input.
    const options = s.options.filter(isSchema)
    const discriminator = s.type === 'variant' && typeof s.key === 'string' ? s.key : undefined
    const input = item.input
    const matching =
      discriminator && typeof input === 'object' && input !== null
        ? options.filter((o) => {
            const d = view(unwrap(o)).entries?.[discriminator]
            return isSchema(d) && v.is(d, (input as Record<string, unknown>)[discriminator])
          })
        : options
    for (const option of matching) {
      const child = childAt(option, item)
      if (child) return child
    }
    return undefined
  }
  if (s.type === 'array' && isSchema(s.item)) return s.item
  if (s.type === 'record') {
    const child = item.origin === 'key' ? s.key : s.value
    return isSchema(child) ? child : undefined
  }
  return undefined
}
