// Registers the alerts feature's timer work with the cron function (imported from cloudfunctions/cron/jobs.ts).
import { registerJob } from '@server/jobs'
import { sendAlertMessages } from './notify'

export const ALERT_NOTIFY_JOB = 'alerts.notify'

registerJob(ALERT_NOTIFY_JOB, sendAlertMessages, { triggers: ['every5min'] })
