// jest globalSetup for layers that drive a whole app (weapp, e2e): one seeded local cloud per run, in a child
// process (tsx resolves the path aliases; the weapp layer's jsdom is no place for native modules and workers).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { cloudUrlOf } from './cloudUrl'

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
  const url = await cloudUrlOf(child, 'the test cloud')
  // Function logs keep flowing; they are not the test's output.
  child.stdout?.resume()
  process.env.TEST_CLOUD_URL = url
}
