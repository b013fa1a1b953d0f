// Contended bookings (issue 5, issue 16 §3): many residents book a few slots of one service at the same moment.
// Used by `npm run bench`; on its own (a fresh local cloud with the demo seed):
//   npx tsx scripts/bench/booking.ts [attempts=96] [slots=8]
import path from 'node:path'
import type { SlotsView } from '@contract/services'
import { ROOT } from '../../local-cloud/src/main'
import { startBenchCloud, type BenchCloud } from './cloud'
import { booker } from './data'
import { concurrently, nowMs, threadCpuMs } from './measure'

export interface BookingRun {
  service: string
  day: string
  slots: number
  capacity: number
  attempts: number
  wallMs: number
  instances: number
  outcomes: Map<string, number>
  booked: number
  /** Bookings stored per slot, its highest value, the highest seat counter, and whether every counter equals its bookings. */
  maxBooked: number
  maxTaken: number
  seatsMatch: boolean
  /** Transactions the database started, and how many of them conflicted (and were run again by the caller). */
  txStarted: number
  txConflicts: number
  /** Wire calls the function instances made per attempt, and the local cloud's CPU per attempt (all threads). */
  rowsRead: number
  /** Database wire calls during the run, by action. */
  wireCalls: Record<string, number>
  cpuMsPerAttempt: number
  mainMsPerAttempt?: number
}

/** Rushes on other days before the measured one (each with its own residents). */
export const WARM_ROUNDS = 3

export async function contendedBooking(bc: BenchCloud, RESIDENT: string, ATTEMPTS = 96, SLOTS = 8): Promise<BookingRun> {
  const SERVICE = 'wufanzui'
  // Open days with enough untouched slots of the service: the last one is measured, the ones before it warm up.
  const days: Array<{ day: string; slots: SlotsView['slots'] }> = []
  for (let d = 1; d <= 21 && days.length < WARM_ROUNDS + 1; d++) {
    const candidate = new Date(bc.now.getTime() + d * 86_400_000)
    const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(candidate)
    const view = await bc.call<SlotsView>(RESIDENT, 'services', 'slots', { serviceId: SERVICE, day: iso })
    const free = view.slots.filter((x) => x.state === 'open' && x.seatsLeft === x.capacity)
    if (free.length >= SLOTS) days.push({ day: iso, slots: free.slice(0, SLOTS) })
  }
  const measured = days.pop()
  if (!measured) throw new Error(`no day in the next 3 weeks has ${SLOTS} free ${SERVICE} slots`)
  const { day, slots } = measured
  const capacity = slots[0].capacity
  const rush = (round: number, on: SlotsView['slots']) =>
    Promise.all(
      Array.from({ length: ATTEMPTS }, async (_, i) => {
        const k = round * ATTEMPTS + i
        const r = await bc.callRaw(`bench-booker-${String(k).padStart(3, '0')}`, 'services', 'book', { serviceId: SERVICE, slot: on[i % SLOTS].key, name: '张三', phone: '13700000000' }, `bench-book-${k}`)
        return r.ok ? 'booked' : r.error.code
      }),
    )
  // Steady state, as instances that have served a morning's bookings: every instance the runtime allows is running
  // and the same rush has run on other days first (other residents, so no one's one-booking rule is touched), so
  // the figure is bookings, not instance start-up and code not yet optimised.
  bc.cloud.db.insertMany('users', Array.from({ length: ATTEMPTS * (days.length + 1) }, (_, k) => booker(k, bc.now)))
  await concurrently(16, 64, () => bc.call(RESIDENT, 'services', 'slots', { serviceId: SERVICE, day }))
  for (const [round, warm] of days.entries()) await rush(round, warm.slots)
  const outcomes = new Map<string, number>()
  const engine = bc.cloud.db.engine
  const tx0 = { started: engine.txStarted, conflicts: engine.txConflicts, rows: engine.rowsRead }
  const calls0 = { ...bc.cloud.db.calls }
  const cpu0 = process.cpuUsage()
  const threads0 = threadCpuMs()
  const t0 = nowMs()
  for (const outcome of await rush(days.length, slots)) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
  const wallMs = nowMs() - t0
  const cpu = process.cpuUsage(cpu0)
  const threads1 = threadCpuMs()
  const stored = bc.cloud.db.find('bookings', { serviceId: SERVICE, day, status: 'booked' }) as Array<{ slotKey: string }>
  const perSlot = new Map<string, number>()
  for (const b of stored) perSlot.set(b.slotKey, (perSlot.get(b.slotKey) ?? 0) + 1)
  const seats = bc.cloud.db.find('slot_seats', { serviceId: SERVICE, day }) as Array<{ slotKey: string; taken: number }>
  return {
    service: SERVICE,
    day,
    slots: SLOTS,
    capacity,
    attempts: ATTEMPTS,
    wallMs,
    instances: bc.cloud.functions.stats('services').instances,
    outcomes,
    booked: outcomes.get('booked') ?? 0,
    maxBooked: Math.max(0, ...perSlot.values()),
    maxTaken: Math.max(0, ...seats.map((x) => x.taken)),
    seatsMatch: seats.every((x) => x.taken === (perSlot.get(x.slotKey) ?? 0)),
    txStarted: engine.txStarted - tx0.started,
    txConflicts: engine.txConflicts - tx0.conflicts,
    rowsRead: engine.rowsRead - tx0.rows,
    wireCalls: Object.fromEntries(Object.entries(bc.cloud.db.calls).map(([k, v]) => [k, v - (calls0[k] ?? 0)])),
    cpuMsPerAttempt: (cpu.user + cpu.system) / 1000 / ATTEMPTS,
    ...(threads0 && threads1 ? { mainMsPerAttempt: (threads1.main - threads0.main) / ATTEMPTS } : {}),
  }
}

if (require.main === module) {
  ;(async () => {
    const [attempts = '96', slots = '8'] = process.argv.slice(2)
    const bc = await startBenchCloud(process.env.BENCH_FUNCTIONS_DIR ?? path.join(ROOT, 'dist', 'cloudfunctions'))
    try {
      const r = await contendedBooking(bc, 'dev-resident-1', Number(attempts), Number(slots))
      console.log(JSON.stringify({ ...r, outcomes: Object.fromEntries(r.outcomes), attemptsPerS: Math.round((r.attempts / r.wallMs) * 1000) }))
    } finally {
      await bc.stop()
    }
  })().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
