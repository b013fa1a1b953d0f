// Cloud function `reports`: villagers' reports of fake pesticide and minor theft, and the officers' work on them.
import { reportsActions } from '@contract/reports'
import { createFunction, type CloudFunctionMain } from '@server/runtime'
import { handlers, isPendingMediaCheck } from './handlers'

// WeChat's push of a media check result becomes the system-only `mediaCheckResult` action, but only from a source
// that is no client's and for a trace id of a check this function started and still waits for; the runtime
// refuses anything else shaped like a push.
export const main: CloudFunctionMain = createFunction('reports', reportsActions, handlers, {
  mediaCheck: {
    verify: isPendingMediaCheck,
    route: (event) => ({ action: 'mediaCheckResult', payload: { traceId: event.trace_id, suggest: event.result?.suggest ?? 'review' } }),
  },
})
