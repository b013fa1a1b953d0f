// Reusable field schemas with Chinese messages, shared by functions and forms.
//
// Input hygiene lives here: text refuses control and bidi characters and content that is only invisible characters,
// dates are real calendar dates inside sane years, numbers are finite. Contract files build on these rather than on a
// bare `v.string()` so every field inherits the rules.
import * as v from 'valibot'

export const MOBILE_RE = /^1[3-9]\d{9}$/

// ---------------------------------------------------------------------------------------------------------------
// Text.

/**
 * Characters no person types into a form: C0 controls except tab, line feed and carriage return; DEL and C1; the bidi
 * embeddings, overrides, isolates and marks that reorder what an officer sees (U+061C, U+200E/F, U+202A–U+202E,
 * U+2066–U+2069); the interlinear annotation marks.
 */
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]/
/** Line breaks (and tab): allowed only in fields that are multi-line. */
const LINE_BREAK_RE = /[\t\n\r\u2028\u2029]/
/** Zero-width and filler characters that show nothing; with whitespace they are stripped from both ends. */
const ZERO_WIDTH = '\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0'
const EDGE_RE = new RegExp(`^[\\s${ZERO_WIDTH}]+|[\\s${ZERO_WIDTH}]+$`, 'g')
/** Everything that shows nothing on its own, variation selectors and emoji tag characters included (never stripped: emoji need them). */
const INVISIBLE_RE = new RegExp(`[\\s${ZERO_WIDTH}\\ufe00-\\ufe0f]|\\udb40[\\udc00-\\udc7f]`, 'g')
/** Any invisible character inside a name: a name has no use for one and it can make two names look the same. */
const INVISIBLE_INSIDE_RE = new RegExp(`[${ZERO_WIDTH}\\ufe00-\\ufe0f]`)

/** Strips whitespace and zero-width characters from both ends (String#trim leaves U+200B and friends). */
export function trimInvisible(s: string): string {
  return s.replace(EDGE_RE, '')
}

/** True when nothing visible is left: only whitespace, zero-width characters, variation selectors or tags. */
export function isInvisibleOnly(s: string): boolean {
  return s.replace(INVISIBLE_RE, '') === ''
}

export function hasControlCharacters(s: string, multiline = false): boolean {
  return CONTROL_RE.test(s) || (!multiline && LINE_BREAK_RE.test(s))
}

export interface TextOptions {
  /** At least this many characters (after trimming); default 1 for `text`, 0 for `optionalText`. */
  min?: number
  /** Keeps line breaks and tabs (a textarea); other fields are one line. */
  multiline?: boolean
}

function textPipe(label: string, max: number, typeMessage: string, { min = 1, multiline = false }: TextOptions) {
  return v.pipe(
    v.string(typeMessage),
    v.transform(trimInvisible),
    v.check((s) => !CONTROL_RE.test(s), `${label}里有不能用的特殊符号，请删掉后重新填写`),
    v.check((s) => multiline || !LINE_BREAK_RE.test(s), `${label}请写成一行，不要换行`),
    // Left-over invisible characters (a lone variation selector, tags) count as nothing written.
    v.transform((s) => (isInvisibleOnly(s) ? '' : s)),
    v.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`),
    v.maxLength(max, `${label}最多${max}个字`),
  )
}

export const personName = v.pipe(
  v.string('请填写姓名'),
  v.transform(trimInvisible),
  v.check((s) => !hasControlCharacters(s) && !INVISIBLE_INSIDE_RE.test(s), '姓名里有不能用的特殊符号，请重新填写'),
  v.minLength(1, '请填写姓名'),
  v.minLength(2, '姓名至少2个字'),
  v.maxLength(20, '姓名最多20个字'),
)

export const mobile = v.pipe(
  v.string('请填写手机号'),
  v.trim(),
  v.regex(MOBILE_RE, '手机号要11位数字，以1开头，请检查'),
)

/** Free text with a Chinese label used in its messages; one line unless `multiline`. */
export function text(label: string, max: number, options: TextOptions = {}) {
  return textPipe(label, max, `请填写${label}`, options)
}

/**
 * Optional free text. Nothing, spaces or only invisible characters all come out as '' (nothing odd is stored);
 * control characters are refused as in `text`.
 */
export function optionalText(label: string, max: number, options: TextOptions = {}) {
  return v.optional(textPipe(label, max, `${label}格式不对`, { min: 0, ...options }))
}

/** Optional free text that reads as '' when left out (addresses, summaries). */
export function textOrEmpty(label: string, max: number, options: TextOptions = {}) {
  return v.optional(textPipe(label, max, `${label}格式不对`, { min: 0, ...options }), '')
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and numbers.

/** The years any date in this app can fall in; a field with a tighter rule checks it on top. */
export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
const INSTANT_MIN = Date.UTC(YEAR_MIN, 0, 1) - 14 * 3600_000
const INSTANT_MAX = Date.UTC(YEAR_MAX + 1, 0, 1) + 12 * 3600_000

/** A real day of the Gregorian calendar within YEAR_MIN..YEAR_MAX (so 2026-02-30 is not one). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) return false
  if (!Number.isInteger(month) || month < 1 || month > 12) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return Number.isInteger(day) && day >= 1 && day <= days
}

/** `YYYY-MM-DD`, optionally followed by `THH:mm[:ss[.sss]]` and `Z` or `±HH:mm`: ISO 8601 as the app sends it. */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?$/

/** An ISO string, epoch ms or Date, turned into a Date, or null when it is not a real moment in the app's years. */
export function parseDate(x: string | number | Date): Date | null {
  let d: Date
  if (typeof x === 'string') {
    const s = x.trim()
    const m = ISO_RE.exec(s)
    if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return null
    d = new Date(s)
  } else if (typeof x === 'number') {
    if (!Number.isFinite(x)) return null
    d = new Date(x)
  } else {
    d = new Date(x.getTime())
  }
  const t = d.getTime()
  return Number.isNaN(t) || t < INSTANT_MIN || t > INSTANT_MAX ? null : d
}

/** Dates travel as ISO strings or epoch ms and are normalised to Date. */
export function date(label: string) {
  return v.pipe(
    v.union([v.string(), v.number(), v.date()], `请选择${label}`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const d = parseDate(dataset.value)
      if (d) return d
      addIssue({ message: `${label}不对，请重新选择` })
      return NEVER
    }),
  )
}

/** A day as `YYYY-MM-DD` (station time), a real one within the app's years. */
export function day(label: string) {
  return v.pipe(
    v.string(`请选择${label}`),
    v.trim(),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式不对，要像 2025-06-10 这样`),
    v.check((s) => isCalendarDay(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), `${label}不对，没有这一天，请重新选择`),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Ids and paging.

export const id = (label: string) =>
  v.pipe(
    v.string(`缺少${label}`),
    v.minLength(1, `缺少${label}`),
    v.maxLength(64, `${label}格式不对`),
    v.check((s) => !hasControlCharacters(s) && !isInvisibleOnly(s), `${label}格式不对`),
  )

/**
 * A machine-made string (a code, a key, a status name): no control characters or line breaks, and not only invisible
 * characters. `invalid` is the message for a bad one, `missing` for something that is not a string.
 */
export function token(missing: string, invalid: string, max: number, min = 1) {
  return v.pipe(
    v.string(missing),
    v.minLength(min, min > 0 && min <= 1 ? missing : invalid),
    v.maxLength(max, invalid),
    v.check((s) => !hasControlCharacters(s) && (s === '' || !isInvisibleOnly(s)), invalid),
  )
}

export const cursor = v.optional(token('翻页参数不对', '翻页参数不对', 200, 0))

export const pageSize = v.optional(v.pipe(v.number('每页条数不对'), v.integer('每页条数不对'), v.minValue(1, '每页条数不对'), v.maxValue(50, '每页最多50条')), 20)

/** Cloud storage file ids, at most `max` of them. */
export function fileIds(label: string, max: number) {
  return v.optional(
    v.pipe(
      v.array(v.pipe(v.string(`${label}格式不对`), v.minLength(1, `${label}格式不对`), v.maxLength(512, `${label}格式不对`)), `${label}格式不对`),
      v.maxLength(max, `${label}最多${max}张`),
    ),
    [],
  )
}
