// Waits for a local cloud started in a child process to print its `{"url": ...}` line (see cloudProcess.ts).
import type { ChildProcess } from 'node:child_process'

/** The cloud's URL once the child prints it; fails if it exits first or takes longer than 60 s. */
export function cloudUrlOf(child: ChildProcess, label: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s`)), 60_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n').find((l) => l.startsWith('{"url"'))
      if (line) {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      }
    })
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)))
  })
}
