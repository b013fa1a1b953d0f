// Short check-in codes an elderly person can read aloud and an officer can type: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679'
export const CODE_LENGTH = 6

/** A new code; `random` returns numbers in [0, 1) (Math.random or crypto in production, a sequence in tests). */
export function checkInCode(random: () => number, length = CODE_LENGTH): string {
  let code = ''
  for (let i = 0; i < length; i++) {
    const r = random()
    const index = Math.min(CODE_ALPHABET.length - 1, Math.max(0, Math.floor(r * CODE_ALPHABET.length)))
    code += CODE_ALPHABET[index]
  }
  return code
}

/** What an officer typed, tidied: upper case, spaces and dashes removed. Null if it cannot be a code. */
export function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== CODE_LENGTH) return null
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null
  return code
}

/** What a scanned QR carries: the code itself, or `checkin=<code>` (the wxacode scene). */
export function codeFromScan(scanned: string): string | null {
  const m = /(?:^|[?&])(?:checkin|scene)=([^&]+)/.exec(scanned)
  const raw = m ? decodeURIComponent(m[1]).replace(/^checkin=/, '') : scanned
  return normaliseCode(raw)
}

/** Why a typed or scanned code cannot be a check-in code, in words an officer can act on. */
export function codeProblem(typed: string): string {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length === 0) return '请输入签到码'
  if (code.length !== CODE_LENGTH) return `签到码是${CODE_LENGTH}位，这里是${code.length}位，请对着村民手机上的码再核对`
  const odd = [...new Set([...code].filter((ch) => !CODE_ALPHABET.includes(ch)))]
  return `签到码里不会有“${odd.join('、')}”（容易看错的字母和数字都不用），请对着村民手机上的码再核对`
}
