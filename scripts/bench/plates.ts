// Where the time of doorplate generation goes (issue 12): the cost of each step one plate takes (draw the code,
// the 小程序码 call over the wire, the PNG upload, the database writes), then a sample of the real job, and from
// both the figure for 6,146 plates at WeChat's rate limit. `npx tsx scripts/bench/plates.ts [sample]` on its own
// (after `npx tsx scripts/build-functions.ts`).
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import type { PlateJobView } from '@contract/households'
import { isAddressProblem, normaliseAddress } from '@domain/households'
import { ROOT } from '../../local-cloud/src/main'
import { BATCH_BUDGET_MS, CALLS_PER_MINUTE, PARALLEL } from '../../cloudfunctions/households/plates'
import { startBenchCloud, type BenchCloud } from './cloud'
import { median, nowMs } from './measure'

/** The station's plate count (issue 12). */
export const PLATES = 6146
/** Plates `npm run bench` generates: the full 6,146 take tens of minutes here, where the local cloud draws every code. */
export const PLATE_SAMPLE = 300
/**
 * What one plate waits for in production, assumed (not measurable here): getUnlimited ~250 ms, the PNG upload to
 * cloud storage ~100 ms, three database writes ~20 ms each.
 */
export const PROD_PLATE_MS = 400

/**
 * 6,146 plates from a measured time per plate: here (serial drawing, as measured) and in production, where the job
 * is bounded by the slower of the rate limit and the calls it keeps in flight.
 */
export function plateFigures(localPerPlateMs: number, plates = PLATES) {
  const floorMs = (plates / CALLS_PER_MINUTE) * 60_000
  const inFlightMs = (plates * PROD_PLATE_MS) / PARALLEL
  const prodMs = Math.max(floorMs, inFlightMs)
  return {
    localMs: localPerPlateMs * plates,
    local1kMs: localPerPlateMs * 1000,
    floorMs,
    prodMs,
    prod1kMs: (prodMs / plates) * 1000,
    prodCalls: Math.ceil(prodMs / BATCH_BUDGET_MS),
  }
}

/** Steps one plate takes, each timed on its own (ms, median of `runs`). */
export interface PlateStepCosts {
  drawMs: number
  apiMs: number
  uploadMs: number
  dbWriteMs: number
  pngBytes: number
}

export async function plateStepCosts(bc: BenchCloud, runs = 30): Promise<PlateStepCosts> {
  const draws: number[] = []
  let pngBytes = 0
  for (let i = 0; i < runs; i++) {
    const t = nowMs()
    const png = await QRCode.toBuffer(`https://example.invalid/#/packages/doorplate/index/index?scene=mp%3DP${String(i).padStart(7, '0')}`, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
    draws.push(nowMs() - t)
    pngBytes = png.length
  }
  const sdk = bc.sdk()
  const api: number[] = []
  const up: number[] = []
  const db: number[] = []
  const coll = sdk.database().collection('hh_plates')
  for (let i = 0; i < runs; i++) {
    let t = nowMs()
    const res = (await sdk.openapi.wxacode.getUnlimited({ scene: `mp=PBENCH${i}`, page: 'packages/doorplate/index/index', checkPath: false, width: 430 })) as { buffer: Buffer }
    api.push(nowMs() - t)
    t = nowMs()
    await sdk.uploadFile({ cloudPath: `plates/bench/PBENCH${i}.png`, fileContent: res.buffer })
    up.push(nowMs() - t)
    t = nowMs()
    await coll.add({ data: { _id: `PBENCH${i}`, state: 'active', imageFileId: null } })
    await coll.doc(`PBENCH${i}`).update({ data: { imageFileId: 'x' } })
    db.push((nowMs() - t) / 2)
  }
  return { drawMs: median(draws), apiMs: median(api), uploadMs: median(up), dbWriteMs: median(db), pngBytes }
}

/** `count` addresses in one village (20 社), then generation job calls until done. Use a cloud without synthetic households. */
export async function measurePlates(bc: BenchCloud, officer: string, count = 6146): Promise<{ ms: number; calls: number; plates: number; job: PlateJobView }> {
  const now = bc.now
  const addresses: Record<string, unknown>[] = []
  for (let i = 0; i < count; i++) {
    const g = i % 20
    const norm = normaliseAddress({ villageId: 'sanyi', group: `${g + 1}社`, number: String(1000 + Math.floor(i / 20)) })
    if (isAddressProblem(norm)) throw new Error(norm.message)
    addresses.push({ _id: `adp${String(i).padStart(6, '0')}`, town: '平川镇', villageId: 'sanyi', group: norm.group, groupOrder: g + 1, number: norm.number, room: '', key: norm.key, sortKey: norm.sortKey, location: null, use: 'own', ownerName: '', ownerPhone: '', people: 0, plateId: null, lastVisitAt: null, lastVisitQuarter: '', warnings: [], importId: null, createdAt: now, updatedAt: now })
  }
  bc.cloud.db.insertMany('hh_addresses', addresses)
  const t = nowMs()
  let job = await bc.call<PlateJobView>(officer, 'households', 'generatePlates', { villageId: 'sanyi' }, `bench-plates-${Date.now()}`)
  let calls = 1
  while (job.more && calls < 500) {
    job = await bc.call<PlateJobView>(officer, 'households', 'continuePlates', { jobId: job.id }, `bench-plates-${Date.now()}-${calls}`)
    calls++
  }
  const ms = nowMs() - t
  const plates = bc.cloud.db.find('hh_plates', { villageId: 'sanyi' }).filter((p) => p.imageFileId).length
  return { ms, calls, plates, job }
}

async function main(): Promise<void> {
  const functionsDir = path.join(ROOT, 'dist', 'cloudfunctions')
  const sample = Number(process.argv[2]) || 300
  const bc = await startBenchCloud(functionsDir, new Date())
  try {
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`)
    const c = await plateStepCosts(bc)
    console.log(`per plate: draw ${c.drawMs.toFixed(1)} ms (${c.pngBytes} B), getUnlimited over the wire ${c.apiMs.toFixed(1)} ms, upload ${c.uploadMs.toFixed(1)} ms, one db write ${c.dbWriteMs.toFixed(1)} ms`)
    const r = await measurePlates(bc, 'dev-officer', sample)
    console.log(`job: ${r.plates} plates in ${(r.ms / 1000).toFixed(1)} s over ${r.calls} calls → ${(r.ms / r.plates).toFixed(1)} ms a plate, ${((r.plates / r.ms) * 60_000).toFixed(0)} a minute; job ${r.job.status}, ${r.job.failed} failed`)
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  } finally {
    await bc.stop()
  }
  process.exit(0)
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
