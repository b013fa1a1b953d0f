// Timer work: features register named jobs; the `cron` function runs them on its triggers.
import type { Deps } from './types'

export type JobRun = (deps: Deps) => Promise<void>

export interface Job {
  name: string
  run: JobRun
  /** Timer triggers (names in cron's config.json) that run this job. A job decides itself what is due. */
  triggers: readonly string[]
}

export interface JobReport {
  job: string
  ok: boolean
  ms: number
  /** Short reason when it failed; the full error goes to the log. */
  error?: string
}

export const DEFAULT_TRIGGER = 'every5min'

const registry = new Map<string, Job>()

/** Registers a job by a unique dotted name, e.g. `services.remindBookings`. */
export function registerJob(name: string, run: JobRun, options: { triggers?: readonly string[] } = {}): void {
  if (registry.has(name)) throw new Error(`job ${name} is registered twice`)
  registry.set(name, { name, run, triggers: options.triggers ?? [DEFAULT_TRIGGER] })
}

export function getJob(name: string): Job | undefined {
  return registry.get(name)
}

export function jobsForTrigger(trigger: string): Job[] {
  return [...registry.values()].filter((job) => job.triggers.includes(trigger))
}

/** Runs jobs one after another; one failing job is logged and does not stop the rest. */
export async function runJobs<D = Deps>(deps: D, jobs: readonly { name: string; run: (deps: D) => Promise<void> }[]): Promise<JobReport[]> {
  const reports: JobReport[] = []
  for (const job of jobs) {
    const started = Date.now()
    try {
      await job.run(deps)
      reports.push({ job: job.name, ok: true, ms: Date.now() - started })
    } catch (err) {
      console.error(`[cron] job ${job.name} failed`, err)
      reports.push({ job: job.name, ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) })
    }
  }
  return reports
}
