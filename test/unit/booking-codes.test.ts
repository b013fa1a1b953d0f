import { CODE_ALPHABET, checkInCode, codeFromScan, codeProblem, normaliseCode } from '@domain/booking-codes'

function sequence(values: number[]): () => number {
  let i = 0
  return () => values[i++ % values.length]
}

describe('check-in codes', () => {
  test('the alphabet has no look-alike characters', () => {
    for (const ch of '0O1IL2Z5S8BUV') expect(CODE_ALPHABET).not.toContain(ch)
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length)
  })

  test.each([
    [[0], 'AAAAAA'],
    [[0.9999999], '999999'],
    [[0, 0.5, 0.99], 'AP9AP9'],
  ])('random %j → %s', (values, code) => {
    expect(checkInCode(sequence(values))).toBe(code)
  })

  test('codes from Math.random are 6 characters of the alphabet and spread out', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => checkInCode(Math.random)))
    expect(codes.size).toBeGreaterThan(1990)
    for (const c of codes) expect(normaliseCode(c)).toBe(c)
  })

  test.each([
    ['aq9-aq9', 'AQ9AQ9'],
    [' AQ9 AQ9 ', 'AQ9AQ9'],
    ['AQ9AQ', null],
    ['AQ0AQ9', null],
    ['', null],
  ])('typed %j → %s', (typed, code) => expect(normaliseCode(typed)).toBe(code))

  test.each([
    ['AQ9AQ9', 'AQ9AQ9'],
    ['checkin=AQ9AQ9', 'AQ9AQ9'],
    ['pages/x?scene=checkin%3DAQ9AQ9', 'AQ9AQ9'],
    ['https://example.com', null],
  ])('scanned %j → %s', (scanned, code) => expect(codeFromScan(scanned)).toBe(code))
})

describe('codeProblem', () => {
  it.each([
    ['', '请输入签到码'],
    ['KM7A', '签到码是6位，这里是4位，请对着村民手机上的码再核对'],
    ['ZZZZZZ', '签到码里不会有“Z”（容易看错的字母和数字都不用），请对着村民手机上的码再核对'],
    ['km0o1a', '签到码里不会有“0、O、1”（容易看错的字母和数字都不用），请对着村民手机上的码再核对'],
  ])('%j → %s', (typed, message) => {
    expect(codeProblem(typed)).toBe(message)
  })
})
