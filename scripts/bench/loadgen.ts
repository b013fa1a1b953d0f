// A load generator in its own process: callers of the local cloud are other programs (the H5 app in a browser),
// so their HTTP client must not share the local cloud's event loop. Run by the benchmark:
//   tsx scripts/bench/loadgen.ts <gatewayUrl> <openid> <json {name,data}> <concurrency> <total>
// Prints one JSON line: { latencies: number[], wallMs: number }.
import http from 'node:http'
import { concurrently } from './measure'

export interface LoadResult {
  latencies: number[]
  wallMs: number
}

function post(agent: http.Agent, url: URL, openid: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-local-openid': openid } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if (res.statusCode !== 200 || !text.includes('"result"')) reject(new Error(`gateway answered ${res.statusCode}: ${text.slice(0, 200)}`))
        else resolve()
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function main(): Promise<void> {
  const [gateway, openid, body, concurrency, total] = process.argv.slice(2)
  const c = Number(concurrency)
  const agent = new http.Agent({ keepAlive: true, maxSockets: c })
  const url = new URL(gateway)
  const result: LoadResult = await concurrently(c, Number(total), () => post(agent, url, openid, body))
  agent.destroy()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
