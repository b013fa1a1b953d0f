// The compile gate: WeChat's own WXML and WXSS compilers (from miniprogram-compiler) accept every file of dist/weapp.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_DIST } from '../support/weapp'

const BIN = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux')

function filesWith(ext: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith(ext)) out.push(path.relative(WEAPP_DIST, full))
    }
  }
  walk(WEAPP_DIST)
  return out.sort()
}

function run(binary: string, args: string[]) {
  const bin = path.join(BIN, binary)
  fs.chmodSync(bin, 0o755)
  return spawnSync(bin, args, { cwd: WEAPP_DIST, maxBuffer: 64 * 1024 * 1024 })
}

it('wcc compiles every WXML template and WXS module', () => {
  const wxml = filesWith('.wxml')
  expect(wxml).toEqual(expect.arrayContaining(['base.wxml', 'pages/me/index.wxml', 'pages/home/index.wxml']))
  const r = run('wcc', ['-d', '-cc', '0', ...wxml, ...filesWith('.wxs'), '-gn', '$gwx'])
  expect(r.stderr.toString()).toBe('')
  expect(r.status).toBe(0)
  expect(r.stdout.length).toBeGreaterThan(1000)
})

it('wcsc compiles every WXSS stylesheet', () => {
  const wxss = filesWith('.wxss')
  expect(wxss).toEqual(expect.arrayContaining(['app.wxss', 'pages/me/index.wxss']))
  const r = run('wcsc', ['-db', '-pc', String(wxss.length), ...wxss])
  expect(r.stderr.toString()).toBe('')
  expect(r.status).toBe(0)
})

it('wcc reports a broken template with its place, so the gate can fail', () => {
  const dir = fs.mkdtempSync(path.join(WEAPP_DIST, '..', 'wcc-probe-'))
  try {
    fs.writeFileSync(path.join(dir, 'broken.wxml'), '<view>\n  <text>{{a</text>\n</view>\n')
    const r = spawnSync(path.join(BIN, 'wcc'), ['-d', '-cc', '0', 'broken.wxml', '-gn', '$gwx'], { cwd: dir })
    expect(r.status).not.toBe(0)
    expect(r.stderr.toString()).toContain('broken.wxml')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
