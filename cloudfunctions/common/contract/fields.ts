// Reusable field schemas with Chinese messages, shared by functions and forms.
import * as v from 'valibot'

export const MOBILE_RE = /^1[3-9]\d{9}$/

export const personName = v.pipe(
  v.string('请填写姓名'),
  v.trim(),
  v.minLength(2, '姓名至少2个字'),
  v.maxLength(20, '姓名最多20个字'),
)

export const mobile = v.pipe(
  v.string('请填写手机号'),
  v.trim(),
  v.regex(MOBILE_RE, '手机号要11位数字，以1开头，请检查'),
)

/** Short free text with a Chinese label used in its messages. */
export function text(label: string, max: number, min = 1) {
  return v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.minLength(min, `请填写${label}`),
    v.maxLength(max, `${label}最多${max}个字`),
  )
}

export function optionalText(label: string, max: number) {
  return v.optional(v.pipe(v.string(`${label}格式不对`), v.trim(), v.maxLength(max, `${label}最多${max}个字`)))
}

/** Dates travel as ISO strings or epoch ms and are normalised to Date. */
export function date(label: string) {
  return v.pipe(
    v.union([v.string(), v.number(), v.date()], `请选择${label}`),
    v.transform((x) => new Date(x)),
    v.check((d) => !Number.isNaN(d.getTime()), `${label}格式不对`),
  )
}

export const id = (label: string) => v.pipe(v.string(`缺少${label}`), v.minLength(1, `缺少${label}`), v.maxLength(64, `${label}格式不对`))

export const cursor = v.optional(v.pipe(v.string('翻页参数不对'), v.maxLength(200, '翻页参数不对')))

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
