// Cloud function `cron`: CloudBase timer triggers run the registered jobs; staff can run one job by hand.
import type { CronRun } from '@contract/cron'
import { getJob, jobsForTrigger, runJobs } from '@server/jobs'
import { cronActions } from '@contract/cron'
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

// A timer trigger (its event shape and its invocation source, checked by the runtime) becomes the system-only `tick`
// action; a client that sends a timer-shaped event is refused before any action runs.
export const main: CloudFunctionMain = createFunction('cron', cronActions, handlers, {
  timer: (event) => ({ action: 'tick', payload: { trigger: event.TriggerName } }),
})
