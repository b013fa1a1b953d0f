// Who the caller is, as far as the platform vouches for it. The system caller (a timer trigger, a platform push) is
// recognised only by what CloudBase guarantees for those invocations — the event's shape AND the invocation source
// (`getWXContext().SOURCE`; a timer also has `TRIGGER_SRC=timer` in its environment) — never by a missing OPENID.
// A client event that imitates one is refused. Free of wx-server-sdk so it can be tested directly.

/** CloudBase's invocation sources that mean "a client called": the mini-program, the IDE, the HTTP API. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_http', 'wx_localdebug'] as const

/** The source CloudBase gives a timer trigger invocation. */
export const TIMER_SOURCE = 'wx_trigger'

/** What the platform says about one invocation. */
export interface InvocationSource {
  /** `getWXContext().OPENID`: '' or missing when no user. */
  openid: string
  /** `getWXContext().SOURCE`: the call chain, comma separated (`wx_client,scf`). */
  source: string
  /** `process.env.TRIGGER_SRC` of the instance (`timer` for a timer trigger). */
  triggerSrc: string
}

/** CloudBase calls a timer trigger with `{ Type: 'Timer', TriggerName, Time }`. */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

/** WeChat's push of an asynchronous media check result (`security.mediaCheckAsync`, version 2). */
export interface MediaCheckEvent {
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string }
}

export type PlatformEvent =
  /** A trigger or push the platform vouches for. */
  | { kind: 'timer'; event: TimerEvent }
  | { kind: 'media_check'; event: MediaCheckEvent }
  /** Shaped like a trigger or push but not from the platform: refused. */
  | { kind: 'forged' }
  /** An ordinary call `{ action, payload, requestId }`. */
  | { kind: 'call' }

export function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false
  const e = event as Record<string, unknown>
  return e.Type === 'Timer' && typeof e.TriggerName === 'string'
}

export function isMediaCheckEvent(event: unknown): event is MediaCheckEvent {
  if (typeof event !== 'object' || event === null) return false
  const e = event as Record<string, unknown>
  return e.Event === 'wxa_media_check' && typeof e.trace_id === 'string'
}

/** True when any link of the source chain is a client (a nested `wx_client,scf` call is still a client's). */
export function isClientSource(source: string): boolean {
  return source
    .split(',')
    .map((s) => s.trim())
    .some((s) => (CLIENT_SOURCES as readonly string[]).includes(s) || CLIENT_SOURCES.some((c) => s.includes(c)))
}

/** A timer trigger: first in its chain (not relayed by another function), with the timer's environment mark. */
function isTimerSource(src: InvocationSource): boolean {
  return src.source === TIMER_SOURCE && src.triggerSrc === 'timer'
}

/**
 * Classifies an invocation. A timer event counts only from a timer invocation; a media-check push only without a
 * user and from a source that is no client's (its trace id must still match a check we started — see
 * `createFunction`'s `mediaCheck` option). Anything shaped like one otherwise is `forged`.
 */
export function classifyInvocation(event: unknown, src: InvocationSource): PlatformEvent {
  if (isTimerEvent(event)) return src.openid === '' && isTimerSource(src) ? { kind: 'timer', event } : { kind: 'forged' }
  if (isMediaCheckEvent(event)) return src.openid === '' && !isClientSource(src.source) ? { kind: 'media_check', event } : { kind: 'forged' }
  return { kind: 'call' }
}
