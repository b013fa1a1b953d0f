// A function's own npm dependencies (cloudfunctions/<fn>/package.json) stay out of its bundle and reach CloudBase
// pinned to exactly what the tests ran against.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildFunctions, declaredDependencies, functionNames } from '../../../scripts/build-functions'

describe('per-function dependencies', () => {
  it('every declared dependency is pinned to the version installed at the root', () => {
    for (const name of functionNames()) expect(() => declaredDependencies(name)).not.toThrow()
  })

  it('the bundle leaves declared dependencies external and its package.json names them with wx-server-sdk', async () => {
    const withDeps = functionNames().filter((name) => Object.keys(declaredDependencies(name)).length > 0)
    const names = withDeps.length ? withDeps : functionNames().slice(0, 1)
    const out = mkdtempSync(join(tmpdir(), 'fn-deps-'))
    try {
      const built = await buildFunctions({ outDir: out, only: names, quiet: true })
      for (const fn of built) {
        const pkg = JSON.parse(readFileSync(join(fn.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
        expect(pkg.dependencies).toEqual({ 'wx-server-sdk': expect.any(String), ...fn.dependencies })
        const code = readFileSync(join(fn.dir, 'index.js'), 'utf8')
        for (const dep of Object.keys(fn.dependencies)) expect(code).toContain(`require("${dep}")`)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 60_000)
})
