// Bundles each cloud function (cloudfunctions/<fn>/index.ts) into dist/cloudfunctions/<fn>/, ready to upload or to run locally.
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')
const SOURCE = join(ROOT, 'cloudfunctions')
const SDK = 'wx-server-sdk'

export interface BuiltFunction {
  name: string
  dir: string
  /** Bytes of index.js (wx-server-sdk and the function's declared dependencies are external, so not counted). */
  bytes: number
  /** The function's own npm dependencies (cloudfunctions/<fn>/package.json), left external and installed by CloudBase. */
  dependencies: Record<string, string>
}

export interface BuildOptions {
  /** Output root; default dist/cloudfunctions. */
  outDir?: string
  /** Only these functions; default every folder with an index.ts except `common`. */
  only?: string[]
  minify?: boolean
  quiet?: boolean
}

export function functionNames(): string[] {
  return readdirSync(SOURCE)
    .filter((name) => name !== 'common' && statSync(join(SOURCE, name)).isDirectory() && existsSync(join(SOURCE, name, 'index.ts')))
    .sort()
}

/** The exact wx-server-sdk version the project pins, written into every function's package.json. */
function sdkVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  const version = pkg.dependencies?.[SDK] ?? pkg.devDependencies?.[SDK]
  if (!version) throw new Error(`${SDK} is not in package.json`)
  return version
}

/**
 * A function may declare heavy npm libraries it needs (exceljs, docx, …) in `cloudfunctions/<fn>/package.json`,
 * the way WeChat cloud functions declare theirs. They are left out of the bundle, like wx-server-sdk, and written
 * into the bundle's package.json so CloudBase installs them on upload (`installDependency: true`); locally they
 * resolve from the repo's node_modules. Each must be pinned to exactly the version installed at the root, so the
 * cloud runs what the tests ran.
 */
export function declaredDependencies(name: string): Record<string, string> {
  const file = join(SOURCE, name, 'package.json')
  if (!existsSync(file)) return {}
  const declared = (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}
  for (const [dep, version] of Object.entries(declared)) {
    if (dep === SDK) throw new Error(`${file}: ${SDK} is added by the build; do not declare it`)
    const installed = join(ROOT, 'node_modules', dep, 'package.json')
    if (!existsSync(installed)) throw new Error(`${file}: ${dep} is not installed at the root (npm install ${dep}@${version})`)
    const have = (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version
    if (have !== version) throw new Error(`${file}: ${dep} is pinned to ${version} but ${have} is installed; pin the installed version`)
  }
  return declared
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const outRoot = options.outDir ?? join(ROOT, 'dist', 'cloudfunctions')
  const names = options.only ?? functionNames()
  const version = sdkVersion()
  return Promise.all(
    names.map(async (name) => {
      const dir = join(outRoot, name)
      mkdirSync(dir, { recursive: true })
      const dependencies = declaredDependencies(name)
      await build({
        entryPoints: [join(SOURCE, name, 'index.ts')],
        outfile: join(dir, 'index.js'),
        bundle: true,
        platform: 'node',
        // CloudBase's Node runtime for functions; esbuild lowers newer syntax.
        target: 'node16',
        format: 'cjs',
        external: [SDK, ...Object.keys(dependencies)],
        minify: options.minify ?? true,
        // Resolves the @contract / @domain / @server aliases.
        tsconfig: join(ROOT, 'tsconfig.json'),
        legalComments: 'none',
        // Chinese messages as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): Node reads UTF-8 source.
        charset: 'utf8',
        logLevel: 'warning',
      })
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { [SDK]: version, ...dependencies } }, null, 2)}\n`)
      const config = join(SOURCE, name, 'config.json')
      if (existsSync(config)) copyFileSync(config, join(dir, 'config.json'))
      else writeFileSync(join(dir, 'config.json'), `${JSON.stringify({ timeout: 10, permissions: { openapi: [] } }, null, 2)}\n`)
      return { name, dir, bytes: statSync(join(dir, 'index.js')).size, dependencies }
    }),
  )
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions()
    .then((built) => {
      for (const fn of built) console.log(`${fn.name.padEnd(10)} ${(fn.bytes / 1024).toFixed(1).padStart(7)} KB  ${fn.dir}${Object.keys(fn.dependencies).length ? `  (+ ${Object.keys(fn.dependencies).join(', ')} installed by CloudBase)` : ''}`)
      console.log(`built ${built.length} functions in ${Date.now() - started} ms`)
    })
    .catch((err: unknown) => {
      console.error(err)
      process.exit(1)
    })
}
