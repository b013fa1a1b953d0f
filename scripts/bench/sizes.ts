// Package sizes of the weapp build (main package and each subpackage, as WeChat counts them) and the function bundles.
import fs from 'node:fs'
import path from 'node:path'

export interface WeappSizes {
  /** Bytes of every file of dist/weapp outside the subpackage roots. */
  main: number
  /** Subpackage root → bytes of every file under it. */
  subpackages: Record<string, number>
  files: number
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (entry.isFile()) out.push(full)
  }
  return out
}

/** Reads dist/weapp/app.json for the subpackage roots and sums file sizes; throws when the build is missing. */
export function weappSizes(weappDir: string): WeappSizes {
  const appJson = path.join(weappDir, 'app.json')
  if (!fs.existsSync(appJson)) throw new Error(`${appJson} is missing: the weapp build did not run`)
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''))
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]))
  let main = 0
  const files = walk(weappDir)
  for (const file of files) {
    const rel = path.relative(weappDir, file).split(path.sep).join('/')
    const bytes = fs.statSync(file).size
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
    if (root) subpackages[root] += bytes
    else main += bytes
  }
  return { main, subpackages, files: files.length }
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`
