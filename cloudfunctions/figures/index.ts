// Cloud function `figures`: the station's figures for a period and village, and their exports (staff only).
import { figuresActions } from '@contract/figures'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('figures', figuresActions, handlers)
