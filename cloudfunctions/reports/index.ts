// Cloud function `reports`: villagers' reports of fake pesticide and minor theft, and the officers' work on them.
import { createFunction, type CloudFunctionMain } from '@server/runtime'
import { handlers } from './handlers'

const route = createFunction('reports', handlers)

/** WeChat's push of an asynchronous media check result (`security.mediaCheckAsync`, version 2). */
interface MediaCheckEvent {
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string }
}

function isMediaCheckEvent(event: unknown): event is MediaCheckEvent {
  if (typeof event !== 'object' || event === null) return false
  const e = event as Record<string, unknown>
  return e.Event === 'wxa_media_check' && typeof e.trace_id === 'string'
}

// A media check push becomes the system-only `mediaCheckResult` action, so a client that sends a fake push still
// meets the runtime's role check (a mini-program caller always has an OPENID) and is refused.
export const main: CloudFunctionMain = (event, context) =>
  isMediaCheckEvent(event)
    ? route({ action: 'mediaCheckResult', payload: { traceId: event.trace_id, suggest: event.result?.suggest ?? 'review' } }, context)
    : route(event, context)
