// The development identity of the H5 build (local cloud only): which seeded user the gateway acts as.
const KEY = 'fq_dev_openid'

export interface DevIdentity {
  openid: string
  label: string
}

/** The identities the seed creates (scripts/seed-data/account.ts). */
export const DEV_IDENTITIES: readonly DevIdentity[] = [
  { openid: 'dev-admin', label: '管理员' },
  { openid: 'dev-officer', label: '民警' },
  { openid: 'dev-resident-1', label: '平川村村民' },
  { openid: 'dev-resident-2', label: '芦湾村村民' },
]

function storage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage
}

/** The chosen identity, read afresh each time (it changes on the sign-in page); an empty value means none. */
export function getDevOpenid(): string | undefined {
  return storage()?.getItem(KEY) || undefined
}

export function setDevOpenid(openid: string): void {
  storage()?.setItem(KEY, openid)
}

export function clearDevOpenid(): void {
  storage()?.removeItem(KEY)
}
