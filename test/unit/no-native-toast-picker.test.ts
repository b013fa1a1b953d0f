// WeChat's native toast, picker and modal keep WeChat's small type whatever 长辈模式 says; the app has its own
// (`toast()` from services/toast, components/PickerSheet, `confirmDialog()`/`alertDialog()` from services/dialog).
// This keeps new code from reaching for the native ones.
import fs from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '..', '..', 'src')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return /\.tsx?$/.test(e.name) ? [p] : []
  })
}

const files = sources(SRC).map((p) => ({ file: path.relative(SRC, p), text: fs.readFileSync(p, 'utf8') }))

it('nothing in the app calls Taro.showToast or wx.showToast', () => {
  const offenders = files.filter(({ text }) => /\b(Taro|wx)\.showToast\s*\(/.test(text)).map((f) => f.file)
  expect(offenders).toEqual([])
})

it('nothing in the app uses the native Picker of @tarojs/components', () => {
  const offenders = files
    .filter(({ text }) => /import\s*\{[^}]*\bPicker\b[^}]*\}\s*from\s*'@tarojs\/components'/.test(text) || /<Picker[\s>]/.test(text))
    .map((f) => f.file)
  expect(offenders).toEqual([])
})

it('nothing in the app calls Taro.showModal or wx.showModal (use confirmDialog/alertDialog)', () => {
  const offenders = files.filter(({ text }) => /\b(Taro|wx)\.showModal\s*\(/.test(text)).map((f) => f.file)
  expect(offenders).toEqual([])
})
