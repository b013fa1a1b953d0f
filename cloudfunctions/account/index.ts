// Cloud function `account`: profiles, the station card and staff onboarding.
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('account', handlers)
