// Cloud function `households`: 一标三实 and QR doorplates — standard addresses, houses, people and organisations,
// plates and what a scan shows, declarations and tenants, officers' visits and coverage, import and export.
import { householdsActions } from '@contract/households'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('households', householdsActions, handlers)
