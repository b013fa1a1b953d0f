// Cloud function `alerts`: fraud and safety alerts, read marks, acknowledgements and stats.
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('alerts', handlers)
