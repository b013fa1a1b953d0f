// jest globalSetup for layers that drive a whole app (weapp, e2e): one seeded local cloud per run, in a child
// process (tsx resolves the path aliases; the weapp layer's jsdom is no place for native modules and workers).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

declare global {
  var __TEST_CLOUD_PROCESS__: ChildProcess | undefined
}

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..')
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'cloudProcess.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  globalThis.__TEST_CLOUD_PROCESS__ = child
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('the test cloud did not start within 60 s')), 60_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n').find((l) => l.startsWith('{"url"'))
      if (line) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      }
    })
    child.once('exit', (code) => reject(new Error(`the test cloud exited with ${code}`)))
  })
  // Function logs keep flowing; they are not the test's output.
  child.stdout?.resume()
  process.env.TEST_CLOUD_URL = url
}
