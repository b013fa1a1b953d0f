// The layering rules in eslint.config.mjs, pinned: each forbidden import is reported where it must be,
// and the imports each layer needs stay allowed. ESLint runs in a child process (jest cannot load
// the ESM config), once for every probe.
import { execFileSync } from 'node:child_process'

type Probe = { file: string; imports: string[] }

const LINT = `
const { ESLint } = require('eslint')
const probes = JSON.parse(process.argv[1])
const eslint = new ESLint({ cwd: process.cwd() })
Promise.all(probes.map(async ({ file, imports }) => {
  const code = imports.map((m, i) => 'import * as m' + i + " from '" + m + "'").join('\\n') + '\\nexport const all = [' + imports.map((_, i) => 'm' + i).join(', ') + ']\\n'
  const [result] = await eslint.lintText(code, { filePath: file })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => imports[m.line - 1])
})).then((r) => process.stdout.write(JSON.stringify(r)))
`

const PROBES: Array<Probe & { refused: string[] }> = [
  ...['cloudfunctions/common/domain/probe.ts', 'cloudfunctions/common/contract/probe.ts'].flatMap((file) => [
    {
      file,
      imports: ['@server/db', 'wx-server-sdk', '@tarojs/taro', '@tarojs/components', '@/services/client', '../server/db'],
      refused: ['@server/db', 'wx-server-sdk', '@tarojs/taro', '@tarojs/components', '@/services/client', '../server/db'],
    },
    { file, imports: ['dayjs', 'valibot', '@domain/schedule', '@contract/core', './fields'], refused: [] },
  ]),
  {
    file: 'src/pages/home/probe.ts',
    imports: ['@server/db', 'wx-server-sdk', '@/packages/booking/shared/format', '@/components/PageShell'],
    refused: ['@server/db', 'wx-server-sdk', '@/packages/booking/shared/format'],
  },
  { file: 'src/components/probe.tsx', imports: ['@server/atomic', '@tarojs/taro', '@contract/core', '@domain/schedule'], refused: ['@server/atomic'] },
  {
    file: 'src/packages/staff/index/probe.tsx',
    imports: ['@/packages/booking/shared/format', '@/packages/officer-alerts/compose/form', '@server/db', '@/pages/me/index'],
    refused: ['@/packages/booking/shared/format', '@/packages/officer-alerts/compose/form', '@server/db'],
  },
  { file: 'src/packages/booking/book/probe.tsx', imports: ['@/packages/booking/shared/format', '@/components/PageShell', '@/services/client'], refused: [] },
  { file: 'cloudfunctions/reports/probe.ts', imports: ['@server/db', 'wx-server-sdk', '@domain/reports'], refused: [] },
]

it('reports exactly the imports that break the layering', () => {
  const out = execFileSync(process.execPath, ['-e', LINT, JSON.stringify(PROBES.map(({ file, imports }) => ({ file, imports })))], { encoding: 'utf8' })
  const refused = JSON.parse(out) as string[][]
  expect(PROBES.map((p, i) => ({ file: p.file, refused: refused[i] }))).toEqual(PROBES.map((p) => ({ file: p.file, refused: p.refused })))
}, 60_000)
