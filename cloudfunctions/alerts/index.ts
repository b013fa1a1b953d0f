// Cloud function `alerts`: fraud and safety alerts, read marks, acknowledgements and stats.
import { alertsActions } from '@contract/alerts'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('alerts', alertsActions, handlers)
