// Reminder subscriptions: WeChat asks the person, and each accepted template becomes one credit on the server.
import type { SubscriptionPurpose } from '@contract/services'
import { call } from '@/services/client'
import { canAskSubscription, requestSubscriptions } from '@/services/subscribe'
import { toast } from '@/services/toast'

/** Asks for the configured templates (weapp only); answers whether anything was accepted. Never throws. */
export async function askServiceReminders(templates: Partial<Record<SubscriptionPurpose, string>>, purposes: readonly SubscriptionPurpose[]): Promise<boolean> {
  const wanted = purposes.filter((p) => canAskSubscription(templates[p]))
  if (wanted.length === 0) return false
  const tmplIds = wanted.map((p) => templates[p] as string)
  try {
    const res = await requestSubscriptions(tmplIds)
    const accepted = wanted.filter((p) => res[templates[p] as string] === 'accept')
    if (accepted.length === 0) {
      toast('没有开启提醒')
      return false
    }
    await call('services.subscribe', { accepted })
    toast('好的，会提醒您', { kind: 'success' })
    return true
  } catch {
    toast('没有开启成功，可以再点一次', { kind: 'error' })
    return false
  }
}

/** Whether the reminder button makes sense here: weapp with a configured template. */
export function canAskReminders(templates: Partial<Record<SubscriptionPurpose, string>> | undefined, purpose: SubscriptionPurpose): boolean {
  return canAskSubscription(templates?.[purpose])
}
