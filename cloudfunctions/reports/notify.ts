// Subscription messages of the reports function: the reporter is told of each public move.
import { toIso } from '@contract/core'
import { statusLabel, statusShort, type ReportDoc, type TimelineEvent } from '@domain/reports'
import { ACTION_LABELS } from '@domain/reports-lifecycle'
import type { Deps } from '@server/types'

/** The reporter's detail page, opened from a subscription message. */
export const REPORT_DETAIL_PAGE = 'packages/report-form/detail/index'

/** The 举报进展通知 template (env `TEMPLATE_REPORT_STATUS`, or `TEMPLATE_REPORT`); null when none is configured. */
export function reportTemplateId(deps: Deps): string | null {
  return deps.config.templates.report_status ?? deps.config.templates.report ?? null
}

/** Tells the reporter about a public move. A user who did not subscribe is not an error. `page` opens another page (the survey). */
export async function notifyReporter(deps: Deps, doc: ReportDoc, event: TimelineEvent, page = `${REPORT_DETAIL_PAGE}?id=${doc._id}`): Promise<void> {
  const templateId = reportTemplateId(deps)
  if (!templateId) {
    deps.log('reports: no TEMPLATE_REPORT_STATUS configured; no subscription message sent', { id: doc._id })
    return
  }
  try {
    const res = await deps.openapi.sendSubscribeMessage({
      touser: doc.reporter,
      templateId,
      page,
      data: {
        character_string1: { value: doc._id },
        phrase2: { value: statusShort(event.status) },
        thing3: { value: (event.note || ACTION_LABELS[event.action] || statusLabel(event.status)).slice(0, 20) },
        time4: { value: toIso(event.at).slice(0, 16).replace('T', ' ') },
      },
    })
    if (res.errCode !== 0) deps.log('reports: subscription message not sent', { id: doc._id, errCode: res.errCode, errMsg: res.errMsg })
  } catch (err) {
    deps.log('reports: subscription message failed', { id: doc._id, error: String(err) })
  }
}
