// Timer triggers from each function's config.json, run on schedule while the local cloud runs.
//
// CloudBase's cron has 7 fields: `sec min hour day month weekday year`, read in UTC+8. croner reads the first six
// (with `timezone: 'Asia/Shanghai'`); the year field is checked here when the schedule fires.
// The function gets CloudBase's timer event `{ Type: 'Timer', TriggerName, Time, Message }`, an empty OPENID and
// SOURCE `wx_trigger`, and its process has `TRIGGER_SRC=timer` like SCF.
import { Cron } from 'croner'
import type { FunctionsRuntime } from '../functions'

export interface TriggerInfo {
  fn: string
  name: string
  /** The 7-field cron as written in config.json. */
  cron: string
  /** Next run (undefined when not scheduled: scheduling off, invalid cron, or no more runs). */
  next?: Date
  /** Why the schedule is not running, e.g. an invalid cron. */
  problem?: string
}

export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  /** ISO time of the firing, whole seconds, UTC (`2024-05-01T01:00:00Z`). */
  Time: string
  Message: string
}

export interface Triggers {
  /** Schedules every timer trigger of every function found now (again after a rebuild: call start again). */
  start(): void
  stop(): void
  list(): TriggerInfo[]
  /** Runs a function's trigger now (the first timer trigger when no name is given); answers the function's result. */
  run(fn: string, name?: string): Promise<unknown>
}

export class TriggerNotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TriggerNotFoundError'
  }
}

const TIMEZONE = 'Asia/Shanghai'

/** Splits a CloudBase cron into croner's 6-field pattern and a year test. Throws on a malformed expression. */
export function parseCloudbaseCron(expr: string): { pattern: string; yearMatches: (year: number) => boolean } {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`cron "${expr}" must have 7 fields: sec min hour day month weekday year`)
  const year = fields[6]
  return { pattern: fields.slice(0, 6).join(' '), yearMatches: yearMatcher(year) }
}

function yearMatcher(field: string): (year: number) => boolean {
  if (field === '*' || field === '?') return () => true
  const parts = field.split(',').map((part) => {
    const m = /^(\*|(\d{4})(?:-(\d{4}))?)(?:\/(\d+))?$/.exec(part)
    if (!m) throw new Error(`year field "${field}" is not valid (use *, 2025, 2025-2030, */2 or a list)`)
    const from = m[1] === '*' ? 1970 : Number(m[2])
    const to = m[1] === '*' ? 9999 : m[3] ? Number(m[3]) : m[4] ? 9999 : from
    const step = m[4] ? Number(m[4]) : 1
    if (step < 1 || to < from) throw new Error(`year field "${field}" is not valid`)
    return (y: number) => y >= from && y <= to && (y - from) % step === 0
  })
  return (y) => parts.some((test) => test(y))
}

/** The year in UTC+8 (China has no daylight saving time). */
function shanghaiYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3600_000).getUTCFullYear()
}

export function timerEvent(name: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: name, Time: `${at.toISOString().slice(0, 19)}Z`, Message: '' }
}

export function createTriggers(opts: { functions: Pick<FunctionsRuntime, 'list' | 'config' | 'invoke'>; log?: boolean }): Triggers {
  let jobs: Array<{ info: TriggerInfo; cron?: Cron }> = []

  function timerTriggers(fn: string): Array<{ name: string; config: string }> {
    return (opts.functions.config(fn)?.triggers ?? []).filter((t) => t.type === 'timer')
  }

  function fire(fn: string, name: string, at: Date): Promise<unknown> {
    return opts.functions.invoke(fn, timerEvent(name, at), { OPENID: '', SOURCE: 'wx_trigger' }, { trigger: true })
  }

  function stop(): void {
    for (const job of jobs) job.cron?.stop()
    jobs = []
  }

  return {
    start() {
      stop()
      for (const fn of opts.functions.list()) {
        for (const t of timerTriggers(fn)) {
          const info: TriggerInfo = { fn, name: t.name, cron: t.config }
          try {
            const { pattern, yearMatches } = parseCloudbaseCron(t.config)
            const cron = new Cron(pattern, { timezone: TIMEZONE, protect: true, unref: true }, async () => {
              const at = new Date()
              if (!yearMatches(shanghaiYear(at))) return
              try {
                await fire(fn, t.name, at)
              } catch (err) {
                // The runtime already logged the failed call; a scheduled run has nobody else to tell.
                if (opts.log) console.error(`[local-cloud] trigger ${fn}/${t.name} failed: ${(err as Error).message.split('\n')[0]}`)
              }
            })
            jobs.push({ info, cron })
          } catch (err) {
            info.problem = (err as Error).message
            console.error(`[local-cloud] trigger ${fn}/${t.name} not scheduled: ${info.problem}`)
            jobs.push({ info })
          }
        }
      }
    },
    stop,
    list() {
      // From the config files, so triggers show (and can be run by hand) even when scheduling is off.
      const out: TriggerInfo[] = []
      for (const fn of opts.functions.list()) {
        for (const t of timerTriggers(fn)) {
          const job = jobs.find((j) => j.info.fn === fn && j.info.name === t.name)
          let problem = job?.info.problem
          if (!job) {
            try {
              parseCloudbaseCron(t.config)
            } catch (err) {
              problem = (err as Error).message
            }
          }
          out.push({ fn, name: t.name, cron: t.config, next: job?.cron?.nextRun() ?? undefined, problem })
        }
      }
      return out
    },
    async run(fn: string, name?: string) {
      const triggers = timerTriggers(fn)
      const trigger = name ? triggers.find((t) => t.name === name) : triggers[0]
      if (!trigger) {
        throw new TriggerNotFoundError(name ? `function ${fn} has no timer trigger named ${name}` : `function ${fn} has no timer trigger`)
      }
      return fire(fn, trigger.name, new Date())
    },
  }
}
