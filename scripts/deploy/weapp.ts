// The mini-program side of the deploy, through miniprogram-ci 2.1.42 (its README and dist/@types/ci/*.d.ts):
// `upload` sends dist/weapp to WeChat as a version (needs WeChat's servers and the upload key), and
// `checkCodeQuality` runs DevTools' 代码质量 checks on the local files (works offline).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, WEAPP_DIST } from './repo'

export const CI_PACKAGE = 'miniprogram-ci'
export const CI_VERSION = '2.1.42'

export interface CiProject {
  appid: string
}
export interface QualityItem {
  name: string
  success: boolean
  text: string
  docURL?: string
  detail?: unknown
}
/** The part of miniprogram-ci used here (dist/@types/ci/project.d.ts, upload.d.ts, checkCodeQuality.d.ts). */
export interface MiniprogramCi {
  Project: new (options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath?: string; privateKey?: string; ignores?: string[] }) => CiProject
  upload(options: { project: CiProject; version: string; desc?: string; setting?: Record<string, boolean>; robot?: number; onProgressUpdate?: (task: unknown) => void }): Promise<{ subPackageInfo?: Array<{ name: string; size: number }> }>
  checkCodeQuality(project: CiProject): Promise<QualityItem[]>
}

/** Checks that fail the build: what the package carries. */
export const QUALITY_GATES = ['PACKAGE_SIZE_LIMIT', 'IMAGE_AND_AUDIO_LIMIT', 'CONTAINS_OTHER_PKG_JS', 'CONTAINS_OTHER_PKG_COMPONENTS', 'CONTAINS_UNUSED_PLUGINS', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES']
/**
 * Reported only. The three *_COMPRESS_OPEN checks read DevTools' upload-time minify switches in
 * project.config.json (`setting.minified` …); Taro's production build already minifies JS and WXSS itself.
 * LAZYCODE_LOADING_OPEN asks for `lazyCodeLoading` in app.json, an app change rather than a deploy one.
 */
export const QUALITY_ADVISORY = ['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN']

export function ciProject(ci: MiniprogramCi, appid: string, privateKeyPath?: string): CiProject {
  // The repo root is the DevTools project: project.config.json points miniprogramRoot at dist/weapp/.
  return new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: ROOT,
    // checkCodeQuality never signs anything; the Project constructor wants a key or a key path.
    ...(privateKeyPath ? { privateKeyPath } : { privateKey: 'offline-quality-check' }),
    ignores: ['node_modules/**/*'],
  })
}

export async function qualityCheck(ci: MiniprogramCi, log: (line: string) => void): Promise<string[]> {
  if (!existsSync(join(WEAPP_DIST, 'app.json'))) return ['dist/weapp is not built: npm run build:weapp']
  const items = await ci.checkCodeQuality(ciProject(ci, 'touristappid'))
  const problems: string[] = []
  for (const item of items) {
    const gate = QUALITY_GATES.includes(item.name)
    const mark = item.success ? '✓' : gate ? '✗' : '·'
    log(`  ${mark} ${item.name.padEnd(30)} ${item.text}${!item.success && !gate ? ' (advisory)' : ''}`)
    if (item.name === 'PACKAGE_SIZE_LIMIT' && item.detail) log(`      ${JSON.stringify(item.detail)}`)
    if (!item.success && (gate || !QUALITY_ADVISORY.includes(item.name))) problems.push(`miniprogram-ci ${item.name}: ${item.text}`)
  }
  return problems
}

export interface UploadOptions {
  appid: string
  privateKeyPath: string
  version: string
  desc: string
}

export async function uploadWeapp(ci: MiniprogramCi, options: UploadOptions, log: (line: string) => void): Promise<void> {
  const project = ciProject(ci, options.appid, options.privateKeyPath)
  const result = await ci.upload({
    project,
    version: options.version,
    desc: options.desc,
    setting: { useProjectConfig: true },
    robot: 1,
    onProgressUpdate: (task) => {
      if (typeof task === 'string') log(`  ${task}`)
    },
  })
  for (const p of result.subPackageInfo ?? []) log(`  ${p.name.padEnd(28)} ${(p.size / 1024).toFixed(1)} KB`)
}

/** Whether the weapp build was made for this environment (src/app.ts reads TARO_APP_CLOUD_ENV at build time). */
export function builtForEnv(envId: string, dist = WEAPP_DIST): boolean {
  const app = join(dist, 'app.js')
  return existsSync(app) && readFileSync(app, 'utf8').includes(JSON.stringify(envId))
}
