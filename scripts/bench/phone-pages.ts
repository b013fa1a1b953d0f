// One role's pages of the weapp build in miniprogram-simulate (run by scripts/bench/phone.ts, one process per role:
// the harness loads dist/weapp/app.js once per process, signed in as one person). Prints one JSON line of PageFigures.
//   tsx scripts/bench/phone-pages.ts <resident|officer|officer-long> <cloudUrl>
// The DOM is jsdom's, installed on the global object before the simulator loads (what jest's jsdom environment does).
import { JSDOM } from 'jsdom'
import { loadWeapp, tap, type SimComponent, type WeappHarness } from '../../test/support/weapp'
import { tree } from './phone'

export interface PhaseFigures {
  calls: number
  bytes: number
  biggest: number
}
export interface PageFigures {
  label: string
  route: string
  interaction: string
  first: PhaseFigures
  interact: PhaseFigures
  /** Most setData calls within any 1 s window, over first render and interaction. */
  perSecond: number
  /** Rendered tree, the larger of after first render and after the interaction. */
  nodes: number
  depth: number
  /** Most children under one node. */
  maxChildren: number
  /** The cloud calls of the first screen: how many, and their JSON bytes up (data) and down (result), UTF-8. */
  firstCalls: { count: number; up: number; down: number }
}

type Interaction = { label: string; run: (page: SimComponent) => Promise<void> | void }
interface PageCase {
  label: string
  route: string
  query?: Record<string, string>
  interaction: Interaction
}

const refresh: Interaction = {
  label: '下拉刷新',
  run: (page) => void (page.instance.onPullDownRefresh as (() => unknown) | undefined)?.call(page.instance),
}
const tapOn = (label: string, id: string): Interaction => ({ label, run: (page) => tap(page, id) })
/** Types `value` into #input, one character an input event as on a phone; taps #open first when given (a form behind a button). */
const typing = (label: string, open: string | null, input: string, value: string): Interaction => ({
  label,
  run: async (page) => {
    if (open) {
      tap(page, open)
      await settle()
    }
    const el = page.querySelector(`#${input}`)
    if (!el) throw new Error(`no #${input} after tapping #${open}`)
    // A person types one character at a time, a few a second: each is an input event, as in WeChat.
    for (let i = 1; i <= value.length; i++) {
      el.dispatchEvent('input', { detail: { value: value.slice(0, i), cursor: i } })
      await new Promise((r) => setTimeout(r, 150))
    }
  },
})

/** Taps #id `times` times, waiting for each page to arrive (加载更多 down a long list). */
const more = (label: string, id: string, times: number): Interaction => ({
  label,
  run: async (page) => {
    for (let i = 0; i < times; i++) {
      tap(page, id)
      await settle()
    }
  },
})

export type Role = 'resident' | 'officer' | 'officer-long'
const CASES: Record<Role, { openid: string; pages: PageCase[] }> = {
  resident: {
    openid: 'dev-resident-1',
    pages: [
      { label: '首页 (村民)', route: 'pages/home/index', interaction: refresh },
      { label: '办事', route: 'pages/services/index', interaction: refresh },
      { label: '举报', route: 'pages/report/index', interaction: refresh },
      { label: '我的', route: 'pages/me/index', interaction: typing('打开资料表单, 输入姓名 5 个字', 'edit-profile', 'input-name', '张桂兰阿姨') },
      { label: '举报 · 假农药表单', route: 'packages/report-form/pesticide/index', interaction: typing('输入农药名称 3 个字', null, 'input-product', '草甘膦') },
    ],
  },
  officer: {
    openid: 'dev-officer',
    pages: [
      { label: '首页 (民警)', route: 'pages/home/index', interaction: refresh },
      { label: '民警 · 举报队列', route: 'packages/officer-reports/index/index', interaction: tapOn('筛选 超时未受理', 'filter-overdue') },
      { label: '民警 · 今日预约', route: 'packages/officer-services/agenda/index', interaction: tapOn('切到下一天', 'agenda-day-1') },
      { label: '民警 · 调解队列', route: 'packages/officer-mediation/index/index', interaction: tapOn('切到 有激化风险', 'queue-view-risk') },
    ],
  },
  // Run against a cloud with 100 older reports on top of the seed (scripts/bench/phone-cloud.ts 100).
  'officer-long': {
    openid: 'dev-officer',
    pages: [{ label: '民警 · 举报队列 (+100 旧举报)', route: 'packages/officer-reports/index/index', interaction: more('加载更多 ×4', 'officer-reports-more', 4) }],
  },
}

let weapp: WeappHarness
let pending = 0
/** Every cloud call the pages made, in order, with its bytes each way. */
const wire: Array<{ up: number; down: number }> = []

/** Waits until no call is in flight and no setData came for `quietMs` (Taro renders asynchronously). */
async function settle(quietMs = 600, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  let seen = weapp.setData.length
  let quietSince = Date.now()
  for (;;) {
    await new Promise((r) => setTimeout(r, 50))
    if (weapp.setData.length !== seen || pending > 0) {
      seen = weapp.setData.length
      quietSince = Date.now()
    } else if (Date.now() - quietSince >= quietMs) return
    if (Date.now() - started > timeoutMs) throw new Error('the page never settled')
  }
}

function phase(from: number, to: number): PhaseFigures {
  const records = weapp.setData.slice(from, to)
  return { calls: records.length, bytes: records.reduce((s, r) => s + r.bytes, 0), biggest: Math.max(0, ...records.map((r) => r.bytes)) }
}

function perSecond(from: number, to: number): number {
  const at = weapp.setData.slice(from, to).map((r) => r.at)
  let most = 0
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j] - at[i] > 1000) i++
    most = Math.max(most, j - i + 1)
  }
  return most
}

async function measure(c: PageCase): Promise<PageFigures> {
  const start = weapp.setData.length
  const callsFrom = wire.length
  const page = await weapp.openPage(c.route, c.query)
  await settle()
  const afterFirst = weapp.setData.length
  const first = wire.slice(callsFrom)
  const firstCalls = { count: first.length, up: first.reduce((n, w) => n + w.up, 0), down: first.reduce((n, w) => n + w.down, 0) }
  // The tree after first render and after the interaction (a filter can shrink it, a sheet can grow it): the larger.
  const before = tree(page.dom)
  await c.interaction.run(page)
  await settle()
  const end = weapp.setData.length
  const after = tree(page.dom)
  const shape = { nodes: Math.max(before.nodes, after.nodes), depth: Math.max(before.depth, after.depth), maxChildren: Math.max(before.maxChildren, after.maxChildren) }
  page.detach()
  return { label: c.label, route: c.route, interaction: c.interaction.label, first: phase(start, afterFirst), interact: phase(afterFirst, end), perSecond: perSecond(start, end), ...shape, firstCalls }
}

function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' })
  const g = globalThis as unknown as Record<string, unknown>
  const win = dom.window as unknown as Record<string, unknown>
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    // Node has its own Event classes; jsdom's elements accept only jsdom's, so those are replaced, the rest kept.
    if (key in g && !/^(Event|EventTarget|CustomEvent|[A-Za-z]+Event)$/.test(key)) continue
    try {
      g[key] = win[key]
    } catch {
      // a few window getters throw outside a browsing context; the simulator needs none of them
    }
  }
  g.window = dom.window
  g.document = dom.window.document
}

async function main(): Promise<void> {
  const role = process.argv[2] as Role
  const cloudUrl = process.argv[3]
  const set = CASES[role]
  if (!set || !cloudUrl) throw new Error('usage: phone-pages.ts <resident|officer|officer-long> <cloudUrl>')
  installDom()
  weapp = loadWeapp({ cloudUrl, openid: set.openid, storage: { fq_privacy_agreed: true } })
  const cloud = (globalThis as unknown as { wx: { cloud: { callFunction: (o: Record<string, unknown>) => Promise<unknown> } } }).wx.cloud
  const call = cloud.callFunction
  const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null), 'utf8')
  cloud.callFunction = (o) => {
    pending++
    const record = { up: bytes(o.data), down: 0 }
    wire.push(record)
    const p = call(o)
    void p.then(
      (res) => {
        record.down = bytes((res as { result?: unknown }).result)
        pending--
      },
      () => pending--,
    )
    return p
  }
  await settle()
  const out: PageFigures[] = []
  for (const c of set.pages) out.push(await measure(c))
  console.log(JSON.stringify(out))
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
