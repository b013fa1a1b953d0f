import { CODE_ALPHABET, checkInCode, codeFromScan, normaliseCode } from '@domain/booking-codes'

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
