// Cloud function `services`: station services (bookings, errands, home visits, after-hours) as one engine for every service record (办事).
import { servicesActions } from '@contract/services'
import { createFunction } from '@server/runtime'
import { handlers } from './handlers'

export const main = createFunction('services', servicesActions, handlers)
