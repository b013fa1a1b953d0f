// Masks personal data for lists and staff views; the full value stays in the database.

/** `13800138000` → `138****8000`. Short or odd numbers keep at most their last 4 digits. */
export function maskPhone(phone: string): string {
  const p = phone.trim()
  if (p === '') return ''
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`
  if (p.length > 4) return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`
  return '*'.repeat(p.length)
}

/** `王小明` → `王*明`, `张三` → `张*`. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** 18-digit resident ID: first 6 (region) and last 4 kept, `620723********123X`. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim()
  if (s.length <= 10) return '*'.repeat(s.length)
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`
}
