import * as v from 'valibot'
import { defineAction, EVERYONE } from '@contract/core'
import { validatePayload } from '@contract/validate'
import { mobile, personName } from '@contract/fields'

const spec = defineAction<{ ok: true }>()({
  roles: EVERYONE,
  request: v.object({ name: personName, phone: mobile }),
})

describe('validatePayload', () => {
  it('names the first bad field in Chinese', () => {
    const r = validatePayload(spec, { name: '张三', phone: '12345' })
    expect(r).toEqual({ ok: false, error: { code: 'invalid_argument', field: 'phone', message: '手机号要11位数字，以1开头，请检查' } })
  })
  it('trims and accepts a valid payload', () => {
    expect(validatePayload(spec, { name: ' 张三 ', phone: '13800138000' })).toEqual({ ok: true, data: { name: '张三', phone: '13800138000' } })
  })
})
