// Cloud function `mediation`: disputes from intake through the legality gate, grading, a matched team, sessions, the
// agreement, its performance and follow-ups (矛盾纠纷化解).
import { mediationActions } from '@contract/mediation'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('mediation', mediationActions, handlers)
