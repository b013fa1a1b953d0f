// Actions of the `cron` function: timer ticks (system only) and manual runs by staff.
import * as v from 'valibot'
import { defineAction, STAFF, SYSTEM } from './core'
import { id } from './fields'

export interface JobReportView {
  job: string
  ok: boolean
  ms: number
  error?: string
}

export interface CronRun {
  ran: JobReportView[]
}

export const cronActions = {
  /** A timer trigger fired; `cron/index.ts` turns CloudBase's `{ Type: 'Timer', TriggerName }` into this. */
  'cron.tick': defineAction<CronRun>()({
    roles: [SYSTEM],
    request: v.object({ trigger: id('触发器名称') }),
  }),
  /** Runs one job now (staff, or the local cloud's trigger command). */
  'cron.run': defineAction<CronRun>()({
    roles: [...STAFF, SYSTEM],
    request: v.object({ job: id('任务名称') }),
  }),
} as const
