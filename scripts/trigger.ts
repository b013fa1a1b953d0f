// `npm run trigger -- <fn> [triggerName]`: runs a function's timer trigger now on the running local cloud.
// PORT picks the local cloud (default 7788).
import { DEFAULT_PORT } from '../local-cloud/src/main'

async function main(): Promise<number> {
  const [fn, name] = process.argv.slice(2)
  if (!fn) {
    console.error('用法 usage: npm run trigger -- <function> [triggerName]')
    return 2
  }
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT
  const url = `http://127.0.0.1:${port}/dev/api/trigger`
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn, name }) })
  } catch {
    console.error(`本地云没有运行（${url} 连不上）。请先运行 npm start。`)
    return 1
  }
  const body = (await res.json()) as { result?: unknown; errCode?: number; errMsg?: string }
  if (!res.ok) {
    console.error(`触发失败 trigger failed (${body.errCode}): ${body.errMsg}`)
    return 1
  }
  console.log(JSON.stringify(body.result, null, 2))
  return 0
}

main().then((code) => process.exit(code))
