// `npm test`: every test layer in order — typecheck, lint, builds, then all jest projects — and one closing tally.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const onlyFast = process.argv.includes('--fast') // skips the WeChat and H5 builds and their layers

function step(title: string, cmd: string, args: string[]): void {
  const started = Date.now()
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    console.error(`✗ ${title} failed after ${secs}s`)
    console.log('0 passed, 1 failed')
    process.exit(r.status ?? 1)
  }
  console.log(`✓ ${title} (${secs}s)`)
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
step('lint', 'npx', ['eslint', '.', '--max-warnings', '0'])
step('build cloud functions', 'npx', ['tsx', 'scripts/build-functions.ts'])
const projects = ['unit', 'components', 'local-cloud', 'functions', 'security']
if (!onlyFast) {
  step('build WeChat mini-program', 'npx', ['taro', 'build', '--type', 'weapp'])
  step('build H5', 'npx', ['taro', 'build', '--type', 'h5'])
  projects.push('weapp', 'e2e')
}
// Offline: validates database.json, rules, function configs, cloudbaserc.json and dist/weapp's package limits, prints
// the plan; the full run adds WeChat's own code-quality check (miniprogram-ci, fetched once on demand).
step('deploy dry run', 'npx', ['tsx', 'scripts/deploy.ts', '--env', 'ci-dry-run', '--dry-run', ...(onlyFast ? [] : ['--quality'])])

const report = path.join(root, 'dist', 'jest-report.json')
fs.mkdirSync(path.dirname(report), { recursive: true })
const jestArgs = ['jest', '--ci', '--json', `--outputFile=${report}`, ...projects.flatMap((p) => ['--selectProjects', p])]
console.log(`\n▶ tests: npx ${jestArgs.join(' ')}`)
const jest = spawnSync('npx', jestArgs, { cwd: root, stdio: 'inherit', env: process.env })

let passed = 0
let failed = 1
try {
  const result = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number; numPendingTests: number }
  passed = result.numPassedTests
  failed = result.numFailedTests + result.numRuntimeErrorTestSuites
  if (result.numPendingTests > 0) {
    console.error(`✗ ${result.numPendingTests} skipped test(s): skipping is not allowed here`)
    failed += result.numPendingTests
  }
} catch {
  console.error('✗ jest wrote no report')
}
if (jest.status !== 0 && failed === 0) failed = 1
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 && jest.status === 0 ? 0 : 1)
