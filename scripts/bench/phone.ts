// What a phone pays (issue 16 item 4): per page of the weapp build (dist/weapp) in miniprogram-simulate with the demo
// seed against a local cloud, the setData calls and their JSON length on first render and on the page's main
// interaction, the biggest single setData, the most setData in one second, and the rendered WXML tree's node count,
// depth and widest node, each next to WeChat's 体验评分 (Audits) rule. Part of `npm run bench`; alone:
//   npx tsx scripts/bench/phone.ts          (builds dist/weapp only when it is missing; --weapp rebuilds it)
// The pages run in child processes (scripts/bench/phone-pages.ts, one per signed-in role, jsdom installed there) and
// the seeded cloud in another (scripts/bench/phone-cloud.ts: the test layer's cloud, startTestCloud).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { cloudUrlOf } from '../../test/support/cloudUrl'
import type { PageFigures, PhaseFigures, Role } from './phone-pages'

const ROOT = path.resolve(__dirname, '..', '..')
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')

/**
 * WeChat's 体验评分 rules these figures are scored by (rule names as in the Audits panel; weights from
 * developers.weixin.qq.com/miniprogram/dev/framework/audits/scoring: setData 调用频率 6, setData 数据大小 6,
 * WXML 节点数 6). Thresholds: setData ≤ 20 次/秒; one setData's JSON.stringify length ≤ 256 KB (issue 16 and a
 * WeChat community answer; the platform's hard limit on one setData is 1024 KB, Page.setData); WXML 节点 < 1000,
 * 节点树深度 < 30, 子节点 ≤ 60 (the rule text as republished; WeChat's own audits/performance page was not at hand).
 */
export const AUDIT = {
  setDataBytes: 256 * 1024,
  setDataPerSecond: 20,
  nodes: 1000,
  depth: 30,
  children: 60,
} as const

export const AUDIT_NOTE =
  'Phone budgets are WeChat 体验评分 (Audits) rules, weight 6 each in its scoring table (developers.weixin.qq.com/miniprogram/dev/framework/audits/scoring): ' +
  '「setData 数据大小」 one setData ≤ 256 KB as JSON (Page.setData hard limit 1024 KB), 「setData 调用频率」 ≤ 20 次/秒, ' +
  '「WXML 节点数」 < 1000 nodes, depth < 30, ≤ 60 children per node (thresholds as republished on blog.csdn.net/shenyou_fu/article/details/105038754, w3cschool.cn/weixinapp/weixinapp-4rc538tr.html and, for 256 KB, developers.weixin.qq.com/community/develop/doc/000a6e96988810cd686fe17515c800; WeChat\'s audits/performance page itself was not checked). ' +
  'Measured in miniprogram-simulate with the demo seed (scripts/bench/phone-pages.ts): bytes = JSON.stringify length of each page setData payload; nodes = rendered elements (templates and blocks leave none, as in WeChat); ' +
  'a 下拉刷新 whose data did not change costs 0 setData (Taro sends only differences).'

/** Elements of the rendered page (what WXML nodes become), the deepest path from the page root, the widest node. */
export function tree(root: Element): { nodes: number; depth: number; maxChildren: number } {
  let nodes = 0
  let depth = 0
  let maxChildren = 0
  const walk = (el: Element, d: number) => {
    nodes++
    depth = Math.max(depth, d)
    maxChildren = Math.max(maxChildren, el.children.length)
    for (const child of Array.from(el.children)) walk(child, d + 1)
  }
  for (const child of Array.from(root.children)) walk(child, 1)
  return { nodes, depth, maxChildren }
}

export interface PhoneRow {
  figure: string
  value: string
  budget: string
  status: 'OK' | 'OVER'
}

const kb = (n: number): string => (n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`)
const ok = (good: boolean): 'OK' | 'OVER' => (good ? 'OK' : 'OVER')

function phaseRow(label: string, what: string, p: PhaseFigures): PhoneRow {
  return {
    figure: `${label} · ${what}: setData 次数 · 总量 · 最大单次`,
    value: `${p.calls} · ${kb(p.bytes)} · ${kb(p.biggest)}`,
    budget: `单次 ≤ ${kb(AUDIT.setDataBytes)}`,
    status: ok(p.biggest <= AUDIT.setDataBytes),
  }
}

/**
 * What a first screen may download through its calls: 16 KB is about 3 s on a weak village link (EDGE, ~40 kbit/s
 * of real throughput), on top of the connection itself. JSON as the function answers it; WeChat's own framing of
 * callFunction adds its headers to each call.
 */
export const FIRST_SCREEN_DOWN = 16 * 1024

/** The bench rows of one page's figures, each next to its 体验评分 rule. */
export function phoneRows(pages: PageFigures[]): PhoneRow[] {
  return pages.flatMap((p) => [
    {
      figure: `${p.label} · 首屏云函数调用: 次数 · 上行 · 下行`,
      value: `${p.firstCalls.count} · ${kb(p.firstCalls.up)} · ${kb(p.firstCalls.down)}`,
      budget: `下行 ≤ ${kb(FIRST_SCREEN_DOWN)}`,
      status: ok(p.firstCalls.down <= FIRST_SCREEN_DOWN),
    },
    phaseRow(p.label, '首次渲染', p.first),
    phaseRow(p.label, p.interaction, p.interact),
    { figure: `${p.label} · setData 调用频率 (最多 1 秒内)`, value: `${p.perSecond} 次/秒`, budget: `≤ ${AUDIT.setDataPerSecond} 次/秒`, status: ok(p.perSecond <= AUDIT.setDataPerSecond) },
    {
      figure: `${p.label} · WXML 节点数 · 深度 · 最多子节点`,
      value: `${p.nodes} · ${p.depth} · ${p.maxChildren}`,
      budget: `< ${AUDIT.nodes} · < ${AUDIT.depth} · ≤ ${AUDIT.children}`,
      status: ok(p.nodes < AUDIT.nodes && p.depth < AUDIT.depth && p.maxChildren <= AUDIT.children),
    },
  ])
}

/** Builds dist/weapp when it is missing (or when asked), as the bench's size section does. */
export function ensureWeapp(rebuild: boolean): void {
  if (!rebuild && fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) return
  const run = spawnSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: 'inherit' })
  if (run.status !== 0) throw new Error('npm run build:weapp failed')
}

function runRole(role: Role, cloudUrl: string): Promise<PageFigures[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, path.join(__dirname, 'phone-pages.ts'), role, cloudUrl], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code === 0 && line.startsWith('[')) resolve(JSON.parse(line) as PageFigures[])
      else reject(new Error(`the ${role} pages exited with ${code}: ${(err || out).trim().split('\n').slice(-3).join(' | ')}`))
    })
  })
}

/** A seeded local cloud in a child process (scripts/bench/phone-cloud.ts), `extra` older reports on top; answers its URL and a stop. */
async function startCloud(extra: number): Promise<{ url: string; stop: () => void }> {
  const cloud = spawn(process.execPath, [TSX, path.join(__dirname, 'phone-cloud.ts'), String(extra)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await cloudUrlOf(cloud, 'the bench cloud')
    cloud.stdout?.resume()
    return { url, stop: () => void cloud.kill('SIGTERM') }
  } catch (err) {
    cloud.kill('SIGTERM')
    throw err
  }
}

/**
 * The resident's and the officer's pages on the demo seed, then the officer's queue paged down 4 times on a cloud
 * with 100 older reports more (one after the other: 2 cores).
 */
export async function measurePhone(): Promise<PageFigures[]> {
  const seeded = await startCloud(0)
  const out: PageFigures[] = []
  try {
    out.push(...(await runRole('resident', seeded.url)), ...(await runRole('officer', seeded.url)))
  } finally {
    seeded.stop()
  }
  const long = await startCloud(100)
  try {
    out.push(...(await runRole('officer-long', long.url)))
  } finally {
    long.stop()
  }
  return out
}

async function main(): Promise<void> {
  ensureWeapp(process.argv.includes('--weapp'))
  const rows = phoneRows(await measurePhone())
  const w1 = Math.max(...rows.map((r) => [...r.figure].length))
  const w2 = Math.max(...rows.map((r) => [...r.value].length))
  const w3 = Math.max(...rows.map((r) => [...r.budget].length))
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length))
  console.log('\nIssue 16 — what a phone pays (weapp build in miniprogram-simulate, demo seed)')
  for (const r of rows) console.log(`${pad(r.figure, w1)}  ${pad(r.value, w2)}  ${pad(r.budget, w3)}  ${r.status}`)
  const over = rows.filter((r) => r.status === 'OVER').length
  console.log(`${rows.length - over} OK, ${over} OVER`)
  console.log(`• ${AUDIT_NOTE}`)
  process.exit(0)
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
