// .env.deploy: the git-ignored file with everything that must not be in the repository.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './repo'

export const SECRETS_FILE = join(ROOT, '.env.deploy')

/** KEY=VALUE lines; `#` starts a comment line; values may be quoted. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!m) continue
    let value = m[2].trim()
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1)
    out[m[1]] = value
  }
  return out
}

/** The file's values, with the process environment taking precedence (CI can pass secrets as variables). */
export function readSecrets(file = SECRETS_FILE, env: Record<string, string | undefined> = process.env): { values: Record<string, string | undefined>; fileFound: boolean } {
  const fileFound = existsSync(file)
  const fromFile = fileFound ? parseEnvFile(readFileSync(file, 'utf8')) : {}
  const values: Record<string, string | undefined> = { ...fromFile }
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '' && (k in fromFile || /^(TEMPLATE_|FIRST_ADMIN_OPENID$|TENCENTCLOUD_|WX_APPID$|WX_PRIVATE_KEY_PATH$|ENV_ID$)/.test(k))) values[k] = v
  return { values, fileFound }
}

/** Names the deploy itself needs besides the functions' variables. */
export const CREDENTIALS = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']
export const WEAPP_KEYS = ['WX_APPID', 'WX_PRIVATE_KEY_PATH']
