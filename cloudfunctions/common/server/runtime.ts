// The entry every cloud function uses: `export const main = createFunction('<fn>', handlers)`.
import { contract, type ActionKey, type Contract, type FunctionName, type Result, ERROR_MESSAGES } from '@contract'
import { dispatch, type LooseHandler, type PlatformRoutes, type Runtime } from './dispatch'
import { buildDeps, sdk } from './sdk'
import { requestLedger, userDirectory } from './stores'
import type { Deps, Handler } from './types'

/** The handlers a function must provide: one per contract action named `<fn>.<action>`. */
export type FunctionHandlers<F extends FunctionName> = {
  [K in ActionKey as K extends `${F}.${string}` ? K : never]: Handler<Contract[K]>
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
export function createFunction<F extends FunctionName>(fn: F, handlers: FunctionHandlers<F>, platform?: PlatformRoutes<Deps>): CloudFunctionMain {
  const table: Record<string, LooseHandler<Deps>> = handlers
  return async (event) => {
    try {
      const rt: Runtime<Deps> = { ...sharedRuntime(), fn, specs: contract, handlers: table, ...(platform ? { platform } : {}) }
      const wx = sdk().getWXContext()
      return await dispatch(rt, event, { OPENID: wx.OPENID, SOURCE: wx.SOURCE, TRIGGER_SRC: process.env.TRIGGER_SRC })
    } catch (err) {
      // Only SDK start-up can get here; dispatch itself never throws.
      console.error(`[${fn}] runtime start-up failed`, err)
      return { ok: false, error: { code: 'internal', message: ERROR_MESSAGES.internal } }
    }
  }
}
