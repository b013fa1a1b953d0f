// Serves the H5 build (dist/h5) at `/`. The app uses hash routing, so only real files are served.
import fs from 'node:fs'
import path from 'node:path'
import type { HttpRoute } from '../wire'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>本地云</title>
<body style="font-family:sans-serif;font-size:18px;padding:24px"><h1>应用还没有构建</h1>
<p>请运行 <code>npm run build:h5</code>（或 <code>npm start</code>），然后刷新这个页面。</p>
<p><a href="/dev/">开发页：选择身份、订阅消息、定时任务</a></p></body></html>`

export function createStaticRoute(dir: string | undefined): HttpRoute {
  const root = dir ? path.resolve(dir) : undefined
  return {
    method: 'GET',
    path: '/',
    async handle(_req, res, url) {
      let rel: string
      try {
        rel = decodeURIComponent(url.pathname)
      } catch {
        res.writeHead(400).end()
        return
      }
      if (rel.endsWith('/')) rel += 'index.html'
      if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
        if (rel === '/index.html') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          res.end(NOT_BUILT)
          return
        }
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
        return
      }
      const file = path.resolve(root, `.${rel}`)
      if (!file.startsWith(root + path.sep)) {
        res.writeHead(403).end()
        return
      }
      let stat: fs.Stats
      try {
        stat = fs.statSync(file)
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
        return
      }
      if (!stat.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
        return
      }
      res.writeHead(200, {
        'content-type': contentTypeOf(file),
        'content-length': stat.size,
        // index.html must be fresh after a rebuild; hashed assets may be cached.
        'cache-control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
      })
      fs.createReadStream(file).pipe(res)
    },
  }
}
