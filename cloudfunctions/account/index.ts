// Cloud function `account`: profiles, the station card and staff onboarding.
import { accountActions } from '@contract/account'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('account', accountActions, handlers)
