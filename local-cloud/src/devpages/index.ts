// Development pages of the local cloud (loopback only): sign in as a seeded user, see the subscription-message
// outbox, run a timer trigger now. Plain server-rendered HTML; labels in Chinese.
//
// GET  /dev/                 sign-in: the `users` collection, one link per identity
// GET  /dev/login?openid=x   stores the identity where the H5 app reads it (localStorage `fq_dev_openid`, see
//                            src/services/devIdentity.ts) and opens the app; no openid = sign out
// GET  /dev/outbox           subscription messages sent by functions
// GET  /dev/triggers         every timer trigger with a "run now" button
// POST /dev/triggers/run     form post (fn, name) from that page; redirects back with the outcome
// POST /dev/api/trigger      JSON {fn, name?} → {result} | {errCode, errMsg} (used by `npm run trigger`)
//
// Like the gateway, these answer only requests with this server's Host and, from a browser, only same-origin ones
// (server.ts): a page on another site cannot sign someone in here or run a trigger. `npm run trigger` is a local
// process that sends no Origin, so it passes; /dev/api/trigger takes only a JSON content type.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendJson } from '../server'
import type { HttpRoute } from '../wire'
import { TriggerNotFoundError, type Triggers } from '../triggers'
import { FunctionError } from '../functions'

/** The key src/services/devIdentity.ts reads. */
export const DEV_OPENID_KEY = 'fq_dev_openid'

export interface DevUser {
  _id: string
  name?: string
  role?: string
  villageId?: string
}

export interface DevOutboxEntry {
  [field: string]: unknown
}

export interface DevPagesOptions {
  listUsers?: () => Promise<DevUser[]> | DevUser[]
  listOutbox?: () => Promise<DevOutboxEntry[]> | DevOutboxEntry[]
  triggers: Pick<Triggers, 'list' | 'run'>
}

const ROLE_LABELS: Record<string, string> = { admin: '管理员', officer: '民警', resident: '村民' }

export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 本地云</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;background:#f2f4f7;color:#222;font-size:18px}
header{background:#1b4f9c;color:#fff;padding:12px 16px}header a{color:#fff;margin-right:16px}
main{padding:16px;max-width:960px}
.card{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0;display:block;color:inherit;text-decoration:none}
a.card:hover{outline:2px solid #1b4f9c}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top;font-size:15px}
pre{margin:0;white-space:pre-wrap;word-break:break-all}
button{font-size:16px;padding:6px 14px}.note{color:#666;font-size:15px}.ok{color:#137333}.err{color:#b3261e}
</style></head><body>
<header><strong>本地云 · 开发页</strong>　<a href="/dev/">选择身份</a><a href="/dev/outbox">订阅消息</a><a href="/dev/triggers">定时任务</a><a href="/">打开应用</a></header>
<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' })
  res.end(html)
}

async function signInPage(opts: DevPagesOptions): Promise<string> {
  let users: DevUser[] = []
  let problem = ''
  try {
    users = opts.listUsers ? await opts.listUsers() : []
  } catch (err) {
    problem = `读不到用户：${(err as Error).message}。请先运行 npm run seed。`
  }
  const cards = users
    .slice()
    .sort((a, b) => a._id.localeCompare(b._id))
    .map(
      (u) =>
        `<a class="card" href="/dev/login?openid=${encodeURIComponent(u._id)}"><strong>${escapeHtml(u.name ?? u._id)}</strong>　${escapeHtml(
          ROLE_LABELS[u.role ?? ''] ?? u.role ?? '',
        )}${u.villageId ? `　${escapeHtml(u.villageId)}` : ''}<br><span class="note">openid: ${escapeHtml(u._id)}</span></a>`,
    )
    .join('\n')
  return page(
    '选择开发身份',
    `<p class="note">只在本机的本地云里有效。点一个身份，应用就以这个人的身份打开。</p>
${problem ? `<p class="err">${escapeHtml(problem)}</p>` : ''}
${cards || (problem ? '' : '<p>还没有用户。请运行 npm run seed 载入演示数据。</p>')}
<a class="card" href="/dev/login"><strong>不登录</strong>　以未登录的访客身份打开</a>
<p class="note">也可以在应用里的 <a href="/#/pages/dev-login/index">开发登录页</a> 选择身份。</p>`,
  )
}

function loginPage(openid: string): string {
  const action = openid
    ? `localStorage.setItem(${JSON.stringify(DEV_OPENID_KEY)}, ${JSON.stringify(openid)})`
    : `localStorage.removeItem(${JSON.stringify(DEV_OPENID_KEY)})`
  // JSON.stringify does not escape "</script>"; openids are plain ids, but keep the page safe anyway.
  const script = `${action};location.replace('/#/pages/home/index')`.replace(/</g, '\\u003c')
  return page(openid ? `以 ${openid} 的身份打开` : '退出开发身份', `<p>正在打开应用……</p><script>${script}</script>`)
}

async function outboxPage(opts: DevPagesOptions): Promise<string> {
  if (!opts.listOutbox) return page('订阅消息', '<p>本地云没有开启 openapi，没有订阅消息。</p>')
  const entries = await opts.listOutbox()
  if (entries.length === 0) return page('订阅消息', '<p>还没有发出的订阅消息。</p>')
  const columns = [...new Set(entries.flatMap((e) => Object.keys(e)))]
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
  const rows = entries
    .slice()
    .reverse()
    .map((e) => `<tr>${columns.map((c) => `<td><pre>${escapeHtml(e[c] instanceof Date ? (e[c] as Date).toISOString() : e[c])}</pre></td>`).join('')}</tr>`)
    .join('\n')
  return page('订阅消息', `<p class="note">共 ${entries.length} 条，最新的在上面。</p><table><tr>${head}</tr>${rows}</table>`)
}

function triggersPage(opts: DevPagesOptions, flash: { ok?: string; err?: string }): string {
  const list = opts.triggers.list()
  const rows = list
    .map(
      (t) => `<tr><td>${escapeHtml(t.fn)}</td><td>${escapeHtml(t.name)}</td><td><code>${escapeHtml(t.cron)}</code></td>
<td>${t.problem ? `<span class="err">${escapeHtml(t.problem)}</span>` : escapeHtml(t.next ? t.next.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—')}</td>
<td><form method="post" action="/dev/triggers/run"><input type="hidden" name="fn" value="${escapeHtml(t.fn)}"><input type="hidden" name="name" value="${escapeHtml(
        t.name,
      )}"><button type="submit">立即运行</button></form></td></tr>`,
    )
    .join('\n')
  const message = flash.ok ? `<p class="ok">${escapeHtml(flash.ok)}</p>` : flash.err ? `<p class="err">${escapeHtml(flash.err)}</p>` : ''
  return page(
    '定时任务',
    `${message}${
      list.length === 0
        ? '<p>没有定时触发器。函数的 config.json 里写 triggers 后，重新构建函数并重启本地云。</p>'
        : `<table><tr><th>函数</th><th>触发器</th><th>cron（北京时间）</th><th>下次运行</th><th></th></tr>${rows}</table>`
    }`,
  )
}

function describeFailure(err: unknown): { status: number; errCode: number; errMsg: string } {
  if (err instanceof TriggerNotFoundError) return { status: 404, errCode: -501007, errMsg: err.message }
  if (err instanceof FunctionError) return { status: 502, errCode: err.errCode, errMsg: err.message }
  throw err
}

export function createDevRoutes(opts: DevPagesOptions): HttpRoute[] {
  async function get(_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname.replace(/\/+$/, '') || '/dev'
    if (p === '/dev') return sendHtml(res, 200, await signInPage(opts))
    if (p === '/dev/login') return sendHtml(res, 200, loginPage((url.searchParams.get('openid') ?? '').trim()))
    if (p === '/dev/outbox') return sendHtml(res, 200, await outboxPage(opts))
    if (p === '/dev/triggers') {
      return sendHtml(res, 200, triggersPage(opts, { ok: url.searchParams.get('ok') ?? undefined, err: url.searchParams.get('err') ?? undefined }))
    }
    sendHtml(res, 404, page('找不到页面', '<p>没有这个开发页。</p>'))
  }

  async function post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/dev/triggers/run') {
      const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
      const fn = form.get('fn') ?? ''
      const name = form.get('name') || undefined
      let target: string
      try {
        await opts.triggers.run(fn, name)
        target = `/dev/triggers?ok=${encodeURIComponent(`已运行 ${fn} / ${name ?? ''}`)}`
      } catch (err) {
        target = `/dev/triggers?err=${encodeURIComponent(`运行失败：${describeFailure(err).errMsg.split('\n')[0]}`)}`
      }
      res.writeHead(303, { location: target })
      res.end()
      return
    }
    if (url.pathname === '/dev/api/trigger') {
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        req.resume()
        return sendJson(res, 415, { errCode: -501007, errMsg: '请求格式不对：要用 Content-Type: application/json 发送' })
      }
      let body: { fn?: unknown; name?: unknown }
      try {
        body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { fn?: unknown; name?: unknown }
      } catch {
        return sendJson(res, 400, { errCode: -501007, errMsg: '请求内容不是有效的 JSON，应为 {"fn": "云函数名", "name": "触发器名"}' })
      }
      if (typeof body.fn !== 'string' || !body.fn) return sendJson(res, 400, { errCode: -501007, errMsg: '缺少云函数名 (fn)' })
      try {
        const result = await opts.triggers.run(body.fn, typeof body.name === 'string' && body.name ? body.name : undefined)
        return sendJson(res, 200, { result })
      } catch (err) {
        const f = describeFailure(err)
        return sendJson(res, f.status, { errCode: f.errCode, errMsg: f.errMsg })
      }
    }
    sendJson(res, 404, { errCode: -501007, errMsg: `no dev route ${url.pathname}` })
  }

  return [
    { method: 'GET', path: '/dev', handle: get },
    { method: 'POST', path: '/dev', handle: post },
  ]
}
