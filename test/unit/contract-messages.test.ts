// Every action of the contract answers junk with `invalid_argument` and a Chinese message, never valibot's English.
import fc from 'fast-check'
import * as v from 'valibot'
import { contract, type ActionSpec } from '@contract'
import { isChineseMessage, issueMessage, validatePayload, VALIDATION_MESSAGES } from '@contract/validate'

const ENGLISH_RE = /Invalid|Expected|received|but |\b(?:type|key|length|value)\b/i

const actions = Object.entries(contract) as [string, ActionSpec][]

interface Shape {
  type: string
  pipe?: readonly unknown[]
  wrapped?: unknown
  entries?: Record<string, unknown>
  options?: readonly unknown[]
  key?: unknown
}

/** The payload keys an action's schema declares (all options of a variant), and its discriminator values. */
function keysOf(schema: v.GenericSchema): { keys: string[]; discriminators: Record<string, unknown>[] } {
  let s = schema as unknown as Shape
  while (s.pipe && s.pipe[0] !== s) s = s.pipe[0] as Shape
  if (s.entries) return { keys: Object.keys(s.entries), discriminators: [{}] }
  const keys = new Set<string>()
  const discriminators: Record<string, unknown>[] = []
  for (const option of s.options ?? []) {
    const o = option as Shape
    for (const k of Object.keys(o.entries ?? {})) keys.add(k)
    const d = typeof s.key === 'string' ? (o.entries?.[s.key] as { literal?: unknown } | undefined) : undefined
    if (typeof s.key === 'string' && d && 'literal' in d) discriminators.push({ [s.key]: d.literal })
  }
  return { keys: [...keys], discriminators: discriminators.length ? discriminators : [{}] }
}

/** Values no field accepts as they are: wrong types, operators, prototype keys, non-finite numbers, huge and deep things. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', ' ', '\u0000', '\u0007', '\u202e', '\u2066', '\u0085') }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }, { _id: { $exists: true } }),
  fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}') as unknown, { constructor: { prototype: { polluted: true } } }, { prototype: {} }),
  fc.constantFrom('0001-01-01', '+275760-09-13', '2026-02-30', '2026-13-01', '9999-12-31T23:59:59Z', '1970-01-01', 'yesterday'),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.constant(Array.from({ length: 2000 }, () => 'x')),
  fc.constant('字'.repeat(5000)),
  fc.object({ maxDepth: 3 }),
  fc.date({ noInvalidDate: false }),
)

/** A payload shaped like the action's own (its keys, a valid discriminator) with junk or missing values. */
function junkPayload(schema: v.GenericSchema): fc.Arbitrary<unknown> {
  const { keys, discriminators } = keysOf(schema)
  const shaped = fc
    .tuple(fc.constantFrom(...discriminators), fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['x'])), junkValue, { maxKeys: keys.length + 1 }))
    .map(([d, rest]) => ({ ...rest, ...d }))
  const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }))
  return fc.oneof(shaped, notAnObject, fc.constantFrom({}, [], [{}], { __proto__: null }, JSON.parse('{"__proto__":{"admin":true}}') as unknown, { constructor: 'x' }))
}

function expectChinese(message: string): void {
  expect(isChineseMessage(message)).toBe(true)
  expect(message).not.toMatch(ENGLISH_RE)
}

describe.each(actions)('%s', (_key, spec) => {
  it('answers junk in Chinese, every issue of it', () => {
    fc.assert(
      fc.property(junkPayload(spec.request), (payload) => {
        const r = validatePayload(spec, payload)
        if (r.ok) return
        expect(r.error.code).toBe('invalid_argument')
        expectChinese(r.error.message)
        if (r.error.field !== undefined) expect(typeof r.error.field).toBe('string')
        // Forms show every issue, not only the first: each must read as Chinese too.
        const parsed = v.safeParse(spec.request, payload)
        for (const issue of parsed.issues ?? []) {
          const message = issueMessage(issue, spec.request)
          expectChinese(message)
          // Each field of today's contract has its own words; the generic fallback is for schemas yet to come.
          expect([VALIDATION_MESSAGES.invalid, VALIDATION_MESSAGES.missing, VALIDATION_MESSAGES.tooLong, VALIDATION_MESSAGES.tooShort]).not.toContain(message)
        }
      }),
      { numRuns: 60 },
    )
  })

  it.each<[string, unknown]>([
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', []],
    ['an array of objects', [{}]],
    ['true', true],
  ])('refuses %s as the payload', (_name, payload) => {
    expect(validatePayload(spec, payload)).toEqual({ ok: false, error: { code: 'invalid_argument', message: VALIDATION_MESSAGES.payload } })
  })

  it('names each missing key with the field it wants', () => {
    const r = validatePayload(spec, {})
    if (r.ok) return
    expectChinese(r.error.message)
    expect(r.error.message).not.toBe(VALIDATION_MESSAGES.payload)
  })

  it('does not let prototype keys through to the handler', () => {
    const r = validatePayload(spec, JSON.parse('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}}}'))
    if (!r.ok) return expectChinese(r.error.message)
    const data = r.data as Record<string, unknown>
    expect(Object.prototype.hasOwnProperty.call(data, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).role).toBeUndefined()
    expect(data.role).toBeUndefined()
  })
})

describe('missing keys borrow their field message', () => {
  it.each<[string, unknown, string, string]>([
    ['account.updateProfile', { phone: '13800138000', villageId: 'pingchuan' }, 'name', '请填写姓名'],
    ['account.updateProfile', { name: '张三', villageId: 'pingchuan' }, 'phone', '请填写手机号'],
    ['account.redeemInvite', {}, 'code', '请输入邀请码'],
    ['services.slots', { serviceId: 'hukou' }, 'day', '请选择日期'],
    ['reports.get', {}, 'id', '缺少举报编号'],
    ['cron.run', {}, 'job', '缺少任务名称'],
  ])('%s %j → %s: %s', (key, payload, field, message) => {
    expect(validatePayload(contract[key as keyof typeof contract] as ActionSpec, payload)).toEqual({
      ok: false,
      error: { code: 'invalid_argument', field, message },
    })
  })
})
