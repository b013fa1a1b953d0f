// An action's key, `<function>.<action>`, is its only name: each function's actions carry its own prefix, and the
// contract holds each key once.
import { contract } from '@contract'
import { accountActions } from '@contract/account'
import { alertsActions } from '@contract/alerts'
import { cronActions } from '@contract/cron'
import { figuresActions } from '@contract/figures'
import { followupsActions } from '@contract/followups'
import { householdsActions } from '@contract/households'
import { mediationActions } from '@contract/mediation'
import { reportsActions } from '@contract/reports'
import { servicesActions } from '@contract/services'

const byFunction: Record<string, Record<string, unknown>> = {
  account: accountActions,
  alerts: alertsActions,
  cron: cronActions,
  figures: figuresActions,
  followups: followupsActions,
  households: householdsActions,
  mediation: mediationActions,
  reports: reportsActions,
  services: servicesActions,
}

it.each(Object.entries(byFunction))('every %s action is keyed <function>.<action>', (fn, actions) => {
  for (const key of Object.keys(actions)) expect(key).toMatch(new RegExp(`^${fn}\\.[a-zA-Z]+$`))
})

it('the contract is the union of the functions’ actions, each key once', () => {
  const keys = Object.values(byFunction).flatMap((a) => Object.keys(a))
  expect(new Set(keys).size).toBe(keys.length)
  expect(Object.keys(contract).sort()).toEqual(keys.sort())
})
