// .env.deploy parsing: the file the deploy reads its secrets from.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnvFile, readSecrets } from '../../../scripts/deploy/secrets'

describe('.env.deploy', () => {
  test('KEY=VALUE lines, comments, quotes and export', () => {
    expect(parseEnvFile('# keys\nA=1\n  B = two words \nexport C="quoted # not a comment"\nD=\'x\'\nnot a line\n\nE=')).toEqual({ A: '1', B: 'two words', C: 'quoted # not a comment', D: 'x', E: '' })
  })

  test('the shell wins over the file for the deploy names; a missing file is reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdeploy-'))
    writeFileSync(join(dir, '.env.deploy'), 'TEMPLATE_ALERT=from-file\nFIRST_ADMIN_OPENID=oFile\n')
    const { values, fileFound } = readSecrets(join(dir, '.env.deploy'), { TEMPLATE_ALERT: 'from-shell', HOME: '/root' })
    expect(fileFound).toBe(true)
    expect(values).toEqual({ TEMPLATE_ALERT: 'from-shell', FIRST_ADMIN_OPENID: 'oFile' })
    expect(readSecrets(join(dir, 'absent'), {}).fileFound).toBe(false)
  })
})
