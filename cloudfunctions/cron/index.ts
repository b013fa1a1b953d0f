// Cloud function `cron`: CloudBase timer triggers run the registered jobs; staff can run one job by hand.
import type { CronRun } from '@contract/cron'
import { getJob, jobsForTrigger, runJobs } from '@server/jobs'
import { createFunction, type CloudFunctionMain, type FunctionHandlers } from '@server/runtime'
import { fail } from '@server/types'
import './jobs'

const handlers: FunctionHandlers<'cron'> = {
  async 'cron.tick'(deps, _ctx, { trigger }): Promise<CronRun> {
    return { ran: await runJobs(deps, jobsForTrigger(trigger)) }
  },
  async 'cron.run'(deps, ctx, { job }): Promise<CronRun> {
    const found = getJob(job)
    if (!found) fail('not_found', '没有这个任务，请检查任务名称', 'job')
    if (!ctx.system) deps.log('cron.run by hand', { job, by: ctx.openid })
    return { ran: await runJobs(deps, [found]) }
  },
}

const route = createFunction('cron', handlers)

/** CloudBase calls a timer trigger with `{ Type: 'Timer', TriggerName, Time }` and no user. */
interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false
  const e = event as Record<string, unknown>
  return e.Type === 'Timer' && typeof e.TriggerName === 'string'
}

// A timer event becomes the system-only `tick` action, so a client that sends a fake timer event
// still goes through the runtime's role check (clients always have an OPENID) and is refused.
export const main: CloudFunctionMain = (event, context) =>
  isTimerEvent(event) ? route({ action: 'tick', payload: { trigger: event.TriggerName } }, context) : route(event, context)
