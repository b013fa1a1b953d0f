import { maskIdNumber, maskName, maskPhone } from '@domain/privacy'

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    [' 13912345678 ', '139****5678'],
    ['09365123456', '093****3456'],
    ['5123456', '***3456'],
    ['110', '***'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked)
  })

  it('never shows the middle digits of a mobile number', () => {
    expect(maskPhone('13812345678')).not.toContain('1234')
  })
})

describe('maskName', () => {
  it.each([
    ['王小明', '王*明'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '李'],
  ])('%s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked)
  })
})

describe('maskIdNumber', () => {
  it('keeps the region and the last four characters', () => {
    expect(maskIdNumber('62072319580101123X')).toBe('620723********123X')
  })
  it('masks a short value completely', () => {
    expect(maskIdNumber('12345')).toBe('*****')
  })
})
