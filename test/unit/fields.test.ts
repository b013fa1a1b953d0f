// Input hygiene of the contract's shared fields: text, names, dates and numbers, table by table.
import * as v from 'valibot'
import { contract, type ActionSpec } from '@contract'
import { date, day, id, optionalText, personName, text } from '@contract/fields'
import { validatePayload } from '@contract/validate'

function outcome(schema: v.GenericSchema, input: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = v.safeParse(schema, input)
  return r.success ? { ok: true, value: r.output } : { ok: false, message: r.issues[0].message }
}

describe('text (one line)', () => {
  const title = text('标题', 40)
  it.each<[string, string, string]>([
    ['plain Chinese', '警惕冒充公检法诈骗', '警惕冒充公检法诈骗'],
    ['spaces around', '  警惕诈骗\u3000', '警惕诈骗'],
    ['zero-width characters around', '\u200b\ufeff警惕诈骗\u2060\u200c', '警惕诈骗'],
    ['ordinary punctuation', '“别转账！”——平川派出所（提醒）、？…', '“别转账！”——平川派出所（提醒）、？…'],
    ['ASCII punctuation and digits', 'A-1/2 #3 @4 50% & 100元', 'A-1/2 #3 @4 50% & 100元'],
    ['emoji, including joined and variation-selected ones', '丰收🌾 全家👨‍👩‍👧 ❤️', '丰收🌾 全家👨‍👩‍👧 ❤️'],
    ['a flag with tag characters', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  ])('keeps %s', (_name, input, expected) => {
    expect(outcome(title, input)).toEqual({ ok: true, value: expected })
  })

  it.each<[string, string, string]>([
    ['empty', '', '请填写标题'],
    ['only spaces', '   ', '请填写标题'],
    ['only an ideographic space', '\u3000\u3000', '请填写标题'],
    ['only zero-width spaces', '\u200b\u200b\u200b', '请填写标题'],
    ['only joiners and word joiners', '\u200c\u200d\u2060', '请填写标题'],
    ['only a byte order mark', '\ufeff', '请填写标题'],
    ['only a variation selector', '\ufe0f', '请填写标题'],
    ['a NUL', '警惕\u0000诈骗', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a bell', '警惕\u0007', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['an escape sequence', '\u001b[31m警惕', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['DEL', '警惕\u007f', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a C1 control', '警惕\u0085诈骗', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a right-to-left override', '\u202egpj.exe', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a left-to-right embedding', '\u202a警惕', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a bidi isolate', '\u2066警惕\u2069', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a right-to-left mark', '警惕\u200f诈骗', '标题里有不能用的特殊符号，请删掉后重新填写'],
    ['a line break', '警惕\n诈骗', '标题请写成一行，不要换行'],
    ['a tab', '警惕\t诈骗', '标题请写成一行，不要换行'],
    ['a line separator', '警惕\u2028诈骗', '标题请写成一行，不要换行'],
    ['41 characters', '诈'.repeat(41), '标题最多40个字'],
  ])('refuses %s', (_name, input, message) => {
    expect(outcome(title, input)).toEqual({ ok: false, message })
  })
})

describe('text (multi-line)', () => {
  const body = text('内容', 2000, { multiline: true })
  it.each<[string, string, string]>([
    ['line breaks', '第一条\n第二条', '第一条\n第二条'],
    ['Windows line breaks', '第一条\r\n第二条', '第一条\r\n第二条'],
    ['a tab', '品名\t数量', '品名\t数量'],
    ['blank lines around', '\n\n  内容  \n\n', '内容'],
  ])('keeps %s', (_name, input, expected) => {
    expect(outcome(body, input)).toEqual({ ok: true, value: expected })
  })

  it.each<[string, string, string]>([
    ['only line breaks and zero-width spaces', '\n\u200b\n\r\n\t', '请填写内容'],
    ['a NUL', '内容\u0000', '内容里有不能用的特殊符号，请删掉后重新填写'],
    ['a vertical tab', '内容\u000b更多', '内容里有不能用的特殊符号，请删掉后重新填写'],
    ['a bidi override', '内容\u202d', '内容里有不能用的特殊符号，请删掉后重新填写'],
  ])('refuses %s', (_name, input, message) => {
    expect(outcome(body, input)).toEqual({ ok: false, message })
  })
})

describe('optionalText', () => {
  const note = v.object({ note: optionalText('备注', 50) })
  it.each<[string, unknown, unknown]>([
    ['left out', undefined, undefined],
    ['empty', '', ''],
    ['only spaces', '  ', ''],
    // Nothing odd is stored: only invisible characters read as nothing written.
    ['only zero-width spaces', '\u200b\u200b', ''],
    ['text', ' 新来的辅警 ', '新来的辅警'],
  ])('%s → %j', (_name, input, expected) => {
    expect(outcome(note, input === undefined ? {} : { note: input })).toEqual({ ok: true, value: input === undefined ? {} : { note: expected } })
  })
  it.each<[string, unknown, string]>([
    ['a control character', '辅警\u0008', '备注里有不能用的特殊符号，请删掉后重新填写'],
    ['a bidi override', '\u202e辅警', '备注里有不能用的特殊符号，请删掉后重新填写'],
    ['a line break in a one-line field', '辅\n警', '备注请写成一行，不要换行'],
    ['a number', 5, '备注格式不对'],
    ['an operator', { $ne: '' }, '备注格式不对'],
  ])('refuses %s', (_name, input, message) => {
    expect(outcome(note, { note: input })).toEqual({ ok: false, message })
  })
})

describe('personName', () => {
  it.each<[string, string]>([
    ['韩春花', '韩春花'],
    [' 张三 ', '张三'],
    ['阿卜杜·热合曼', '阿卜杜·热合曼'],
    ['Li Lei', 'Li Lei'],
  ])('keeps %j', (input, expected) => {
    expect(outcome(personName, input)).toEqual({ ok: true, value: expected })
  })
  it.each<[string, string]>([
    ['\u200b\u200b', '请填写姓名'],
    ['\u3000', '请填写姓名'],
    ['张\u200b三', '姓名里有不能用的特殊符号，请重新填写'],
    ['张\u200d三', '姓名里有不能用的特殊符号，请重新填写'],
    ['张三\u0000', '姓名里有不能用的特殊符号，请重新填写'],
    ['\u202e三张', '姓名里有不能用的特殊符号，请重新填写'],
    ['张\n三', '姓名里有不能用的特殊符号，请重新填写'],
    ['韩', '姓名至少2个字'],
  ])('refuses %j', (input, message) => {
    expect(outcome(personName, input)).toEqual({ ok: false, message })
  })
})

describe('date', () => {
  const boughtAt = date('购买日期')
  it.each<[string, unknown, string]>([
    ['a day', '2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['a time with an offset', '2026-03-01T10:00:00+08:00', '2026-03-01T02:00:00.000Z'],
    ['toISOString output', '2024-02-29T16:00:00.000Z', '2024-02-29T16:00:00.000Z'],
    ['epoch ms', Date.UTC(2026, 0, 1), '2026-01-01T00:00:00.000Z'],
    ['a Date', new Date('2030-06-10T08:00:00Z'), '2030-06-10T08:00:00.000Z'],
    ['the first day allowed', '2000-01-01', '2000-01-01T00:00:00.000Z'],
    ['the last day allowed', '2100-12-31T23:59:59Z', '2100-12-31T23:59:59.000Z'],
  ])('takes %s', (_name, input, iso) => {
    const r = outcome(boughtAt, input)
    expect(r.ok && r.value instanceof Date ? r.value.toISOString() : r).toBe(iso)
  })

  it.each<[string, unknown, string]>([
    ['year 1', '0001-01-01', '购买日期不对，请重新选择'],
    ['an expanded year', '+275760-09-13', '购买日期不对，请重新选择'],
    ['30 February', '2026-02-30', '购买日期不对，请重新选择'],
    ['29 February of a common year', '2025-02-29', '购买日期不对，请重新选择'],
    ['29 February 2100 (not a leap year)', '2100-02-29', '购买日期不对，请重新选择'],
    ['month 13', '2026-13-01', '购买日期不对，请重新选择'],
    ['day 0', '2026-01-00', '购买日期不对，请重新选择'],
    ['hour 24', '2026-03-01T24:00', '购买日期不对，请重新选择'],
    ['before 2000', '1999-12-31T00:00:00Z', '购买日期不对，请重新选择'],
    ['after 2100', '2101-01-01', '购买日期不对，请重新选择'],
    ['words', 'yesterday', '购买日期不对，请重新选择'],
    ['a locale string', 'Sun Mar 01 2026', '购买日期不对，请重新选择'],
    ['epoch 0', 0, '购买日期不对，请重新选择'],
    ['NaN', Number.NaN, '请选择购买日期'],
    ['Infinity', Number.POSITIVE_INFINITY, '购买日期不对，请重新选择'],
    ['the largest Date', 8.64e15, '购买日期不对，请重新选择'],
    ['an invalid Date', new Date(Number.NaN), '请选择购买日期'],
    ['an object', { $gt: '' }, '请选择购买日期'],
  ])('refuses %s', (_name, input, message) => {
    expect(outcome(boughtAt, input)).toEqual({ ok: false, message })
  })
})

describe('day', () => {
  const d = day('日期')
  it.each<[string, boolean]>([
    ['2026-02-28', true],
    ['2024-02-29', true],
    [' 2026-06-10 ', true],
    ['2026-02-30', false],
    ['2100-02-29', false],
    ['1999-12-31', false],
    ['0001-01-01', false],
    ['2026-6-10', false],
    ['+275760-09-13', false],
  ])('%j → %s', (input, ok) => {
    expect(outcome(d, input).ok).toBe(ok)
  })
})

describe('id', () => {
  it.each<[unknown, boolean]>([
    ['pingchuan', true],
    ['dev-resident-1', true],
    ['', false],
    ['\u200b', false],
    ['  ', false],
    ['a\u0000b', false],
    ['a\nb', false],
    [{ $gt: '' }, false],
    ['x'.repeat(65), false],
  ])('%j → %s', (input, ok) => {
    expect(outcome(id('村'), input).ok).toBe(ok)
  })
})

describe('actions refuse odd values', () => {
  const spec = (key: keyof typeof contract) => contract[key] as ActionSpec
  const booking = { serviceId: 'hukou', slot: '2026-03-02T09:00', name: '韩春花', phone: '13900001111' }
  const homeVisit = { serviceId: 'hukou', reason: '腿脚不便', basis: 'elderly', name: '韩春花', phone: '13900001111', villageId: 'pingchuan', preferredDays: ['2026-03-02'] }
  it.each<[string, keyof typeof contract, Record<string, unknown>, string]>([
    ['a slot on 30 February', 'services.book', { ...booking, slot: '2026-02-30T09:00' }, 'slot'],
    ['a slot at 25 o\'clock', 'services.book', { ...booking, slot: '2026-03-02T25:00' }, 'slot'],
    ['a zero-width name', 'services.book', { ...booking, name: '\u200b\u200b' }, 'name'],
    ['a day that does not exist', 'services.slots', { serviceId: 'hukou', day: '2026-02-30' }, 'day'],
    ['a preferred day in year 1', 'services.requestHomeVisit', { ...homeVisit, preferredDays: ['0001-01-01'] }, 'preferredDays.0'],
    ['an address with a bidi override', 'services.requestHomeVisit', { ...homeVisit, address: '平川村\u202e号6' }, 'address'],
    ['a reason that is only invisible', 'services.requestHomeVisit', { ...homeVisit, reason: '\u200b\u2060\n' }, 'reason'],
    ['an age of Infinity', 'services.requestHomeVisit', { ...homeVisit, age: Number.POSITIVE_INFINITY }, 'age'],
    ['an age of NaN', 'services.requestHomeVisit', { ...homeVisit, age: Number.NaN }, 'age'],
    ['a latitude of NaN', 'services.requestHomeVisit', { ...homeVisit, location: { latitude: Number.NaN, longitude: 100 } }, 'location.latitude'],
    ['a number of attempts of Infinity', 'followups.answer', { id: 'booking-b1-done', answer: 'satisfied', attempts: Number.POSITIVE_INFINITY }, 'attempts'],
    ['a page size of Infinity', 'reports.mine', { pageSize: Number.POSITIVE_INFINITY }, 'pageSize'],
    ['a validity of NaN hours', 'account.createInvite', { expiresInHours: Number.NaN }, 'expiresInHours'],
    ['a profile address with a NUL', 'account.updateProfile', { name: '韩春花', phone: '13900001111', villageId: 'pingchuan', address: '二社\u00006号' }, 'address'],
    ['a search word with an escape', 'alerts.list', { keyword: '\u001b[2J' }, 'keyword'],
    ['a million repeated service kinds', 'services.saveService', { id: 'hukou', name: '户口', kinds: Array.from({ length: 1000 }, () => 'booking'), materials: [], durationMinutes: 20, afterHours: false }, 'kinds'],
  ])('%s', (_name, key, payload, field) => {
    const r = validatePayload(spec(key), payload)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('still takes the same payloads with ordinary punctuation and emoji', () => {
    expect(validatePayload(spec('services.book'), booking)).toMatchObject({ ok: true })
    expect(validatePayload(spec('services.requestHomeVisit'), { ...homeVisit, reason: '老人腿脚不便，\n家里没人（儿子在外打工）🙏', address: '平川村二社6号' })).toMatchObject({
      ok: true,
      data: { reason: '老人腿脚不便，\n家里没人（儿子在外打工）🙏' },
    })
  })
})
