// Cloud function `followups`: the one 回访 survey of every kind of case, officers' phone / door-step records and the
// 所长's follow-up tasks for 不满意.
import { followupsActions } from '@contract/followups'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('followups', followupsActions, handlers)
