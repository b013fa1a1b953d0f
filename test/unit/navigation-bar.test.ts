// WeChat's navigation bar is switched off (navigationStyle 'custom'): the app draws its own (components/NavBar) in the
// page shell, so 长辈模式 reaches the title. That only holds while every page is drawn by the shell, has a title for the
// bar to show, and no page asks WeChat for a bar or a title it will no longer draw.
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')
const SRC = path.join(ROOT, 'src')
const SHELL = path.join(SRC, 'components', 'PageShell', 'index.tsx')

interface AppConfig {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  window: { navigationStyle?: string }
}

function appConfig(env: string): AppConfig {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  const saved = process.env.TARO_ENV
  g.defineAppConfig = (c) => c
  process.env.TARO_ENV = env
  try {
    let config: AppConfig | undefined
    jest.isolateModules(() => {
      config = (require(path.join(SRC, 'app.config.ts')) as { default: AppConfig }).default
    })
    return config as AppConfig
  } finally {
    if (saved === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
    else process.env.TARO_ENV = saved
  }
}

const weapp = appConfig('weapp')
const h5 = appConfig('h5')
const allPages = [...new Set([...h5.pages, ...h5.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))])]

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : path.resolve(path.dirname(from), spec)
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, 'index.tsx'), path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Whether the page module reaches the page shell through its own imports (components, its package's modules). */
function reachesShell(entry: string): boolean {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (file === SHELL) return true
    if (seen.has(file)) continue
    seen.add(file)
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/from\s+'((?:@\/|\.{1,2}\/)[^']+)'/g)) {
      const next = resolveImport(file, m[1])
      if (next && /\.tsx?$/.test(next)) queue.push(next)
    }
  }
  return false
}

it('WeChat draws no navigation bar on any page: the app’s own is in the page shell', () => {
  expect(weapp.window.navigationStyle).toBe('custom')
  const own = allPages.filter((p) => /navigationStyle/.test(fs.readFileSync(path.join(SRC, `${p}.config.ts`), 'utf8')))
  expect(own).toEqual([])
})

it.each(allPages)('%s is drawn by the page shell (so it gets the bar) and names its title', (page) => {
  expect(reachesShell(path.join(SRC, `${page}.tsx`))).toBe(true)
  const config = fs.readFileSync(path.join(SRC, `${page}.config.ts`), 'utf8')
  expect(config).toMatch(/navigationBarTitleText:\s*'[^']+'/)
})

it('nothing sets WeChat’s title, which is no longer drawn (give PageShell a title instead)', () => {
  const offenders: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name) && /\b(Taro|wx)\.setNavigationBarTitle\s*\(/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(SRC, p))
    }
  }
  walk(SRC)
  expect(offenders).toEqual([])
})
