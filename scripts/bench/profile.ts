// Profiles the 16-caller `account.station` load: a local cloud in this process (with its function instances in
// worker threads) and the callers in another process (scripts/bench/loadgen.ts), as `npm run bench` runs it.
//   node --cpu-prof --cpu-prof-dir=<dir> --import tsx scripts/bench/profile.ts [fn action openid] [total]
// `--cpu-prof` is inherited by worker threads (Node writes one .cpuprofile per thread: main and every instance);
// `npx tsx scripts/bench/profile-split.ts <dir>` then sums each profile's samples by where the time went.
// Prints the CPU per call (process.cpuUsage: every thread of this process, callers excluded).
import path from 'node:path'
import { ROOT } from '../../local-cloud/src/main'
import { startBenchCloud, warmUp } from './cloud'
import { loadFromAnotherProcess, median, percentile, threadCpuMs } from './measure'

async function main(): Promise<void> {
  const [fn = 'account', action = 'station', openid = 'dev-resident-1', totalArg = '2000'] = process.argv.slice(2)
  const total = Number(totalArg)
  const callers = Number(process.env.BENCH_CALLERS ?? 16)
  const maxInstances = process.env.BENCH_MAX_INSTANCES ? Number(process.env.BENCH_MAX_INSTANCES) : undefined
  const bc = await startBenchCloud(path.resolve(process.env.BENCH_FUNCTIONS_DIR ?? path.join(ROOT, 'dist', 'cloudfunctions')), new Date(), maxInstances ? { maxInstances } : {})
  try {
    await warmUp(bc, openid, fn, action, callers)
    const request = { name: fn, data: { action, payload: {} } }
    const cpu0 = process.cpuUsage()
    const threads0 = threadCpuMs()
    const from = process.hrtime.bigint() / 1000n
    const { latencies, wallMs } = await loadFromAnotherProcess(`${bc.cloud.url}/gateway/call`, openid, request, callers, total)
    const cpu = process.cpuUsage(cpu0)
    const threads1 = threadCpuMs()
    const to = process.hrtime.bigint() / 1000n
    const perCall = (cpu.user + cpu.system) / 1000 / total
    console.log(
      JSON.stringify({
        call: `${fn}.${action}`,
        total,
        cpuMsPerCall: Number(perCall.toFixed(3)),
        // Kernel time (loopback TCP, thread wake-ups) against user time (JavaScript, V8, llhttp).
        systemMsPerCall: Number((cpu.system / 1000 / total).toFixed(3)),
        // Threads that ended during the run (none should) drop out of the split.
        mainThreadMsPerCall: threads0 && threads1 ? Number(((threads1.main - threads0.main) / total).toFixed(3)) : null,
        otherThreadsMsPerCall: threads0 && threads1 ? Number(((threads1.others - threads0.others) / total).toFixed(3)) : null,
        p50: Number(median(latencies).toFixed(1)),
        p99: Number(percentile(latencies, 99).toFixed(1)),
        callsPerS: Math.round((total / wallMs) * 1000),
        rowsRead: bc.cloud.db.engine.rowsRead,
        // The measured window on the profiles' clock (µs, monotonic): profile-split.ts counts only these samples.
        window: `${from}-${to}`,
      }),
    )
  } finally {
    await bc.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
