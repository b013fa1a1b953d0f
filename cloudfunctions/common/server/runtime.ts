// The entry every cloud function uses: `export const main = createFunction('<fn>', <fn>Actions, handlers)`.
import { ERROR_MESSAGES, type ActionSpec, type FunctionName, type Result } from '@contract/core'
import type { ActionKey, Contract } from '@contract'
import { dispatch, type LooseHandler, type PlatformRoutes, type Runtime } from './dispatch'
import { buildDeps, sdk } from './sdk'
import { requestLedger, userDirectory } from './stores'
import type { Deps, Handler } from './types'

/** The handlers a function must provide: one per contract action named `<fn>.<action>`. */
export type FunctionHandlers<F extends FunctionName> = {
  [K in ActionKey as K extends `${F}.${string}` ? K : never]: Handler<Contract[K]>
}

/**
 * The contract's actions of one function (e.g. `mediationActions` from `@contract/mediation`). A function bundles only
 * its own table, not the whole contract: the other domains' schemas would only make every bundle bigger.
 */
export type FunctionActions<F extends FunctionName> = {
  [K in ActionKey as K extends `${F}.${string}` ? K : never]: Contract[K]
}

export type CloudFunctionMain = (event: unknown, context?: unknown) => Promise<Result<unknown>>

let shared: Omit<Runtime<Deps>, 'fn' | 'handlers' | 'specs'> | undefined

/** Deps and stores are built once per warm instance, on the first invocation. */
function sharedRuntime(): Omit<Runtime<Deps>, 'fn' | 'handlers' | 'specs'> {
  if (!shared) {
    const deps = buildDeps()
    shared = {
      deps,
      callers: userDirectory(deps.db),
      requests: requestLedger(deps.db),
      now: deps.now,
      ...(deps.config.firstAdminOpenid ? { firstAdminOpenid: deps.config.firstAdminOpenid } : {}),
    }
  }
  return shared
}

/**
 * A function's entry. `platform` names the timer triggers and platform pushes it accepts and the system action each
 * becomes; the system caller exists only through these (see platform.ts).
 */
export function createFunction<F extends FunctionName>(fn: F, actions: FunctionActions<F>, handlers: FunctionHandlers<F>, platform?: PlatformRoutes<Deps>): CloudFunctionMain {
  const table: Record<string, LooseHandler<Deps>> = handlers
  const specs: Readonly<Record<string, ActionSpec>> = actions
  return async (event) => {
    try {
      const rt: Runtime<Deps> = { ...sharedRuntime(), fn, specs, handlers: table, ...(platform ? { platform } : {}) }
      const wx = sdk().getWXContext()
      return await dispatch(rt, event, { OPENID: wx.OPENID, SOURCE: wx.SOURCE, TRIGGER_SRC: process.env.TRIGGER_SRC })
    } catch (err) {
      // Only SDK start-up can get here; dispatch itself never throws.
      console.error(`[${fn}] runtime start-up failed`, err)
      return { ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } }
    }
  }
}
