// The one contract: every action of every function, by `<function>.<action>` key.
import type { ActionSpec, RequestIn, RequestOut, ResponseOf } from './core'
import { accountActions } from './account'
import { alertsActions } from './alerts'
import { servicesActions } from './services'
import { reportsActions } from './reports'
import { cronActions } from './cron'
import { mediationActions } from './mediation'
import { followupsActions } from './followups'
import { figuresActions } from './figures'
import { householdsActions } from './households'

export * from './core'
export * from './validate'

export const contract = {
  ...accountActions,
  ...alertsActions,
  ...servicesActions,
  ...reportsActions,
  ...cronActions,
  ...mediationActions,
  ...followupsActions,
  ...figuresActions,
  ...householdsActions,
} satisfies Record<string, ActionSpec>

export type Contract = typeof contract
export type ActionKey = keyof Contract
export type ActionRequest<K extends ActionKey> = RequestIn<Contract[K]>
export type ActionPayload<K extends ActionKey> = RequestOut<Contract[K]>
export type ActionResponse<K extends ActionKey> = ResponseOf<Contract[K]>
