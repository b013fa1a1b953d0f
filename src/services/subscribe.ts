// WeChat's one-time subscription prompt, in one place: whether it can be offered, and which of the templates the
// person accepted.
import Taro from '@tarojs/taro'

/** Whether WeChat's subscription prompt can be offered for this template: only inside WeChat (h5 has no such prompt)
 * and only when the server has a template id configured. Every 订阅/提醒 button asks this, nothing else. */
export function canAskSubscription(templateId: string | null | undefined): templateId is string {
  return process.env.TARO_ENV === 'weapp' && typeof templateId === 'string' && templateId !== ''
}

/**
 * Opens WeChat's consent sheet for these templates (must run from a tap) and answers each template id's answer
 * (`accept`, `reject`, `ban`, ...). Throws when the sheet could not open; callers decide what that means.
 */
export async function requestSubscriptions(tmplIds: string[]): Promise<Record<string, string>> {
  // Taro types the answer as a fixed shape; WeChat answers one key per template id.
  const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, unknown>
  const answers: Record<string, string> = {}
  for (const id of tmplIds) if (typeof res[id] === 'string') answers[id] = res[id] as string
  return answers
}
