// 举报进展通知: once a report is sent, the reporter is asked whether WeChat may tell them when it moves on.
// WeChat opens its consent sheet only from a tap (base library 2.8.2+), so this is a card with a button on the success
// screen rather than an automatic prompt. The server sends on each public move; WeChat delivers only what was accepted,
// so there is no credit to record (unlike alerts and services).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import { canAskSubscription, requestSubscriptions } from '@/services/subscribe'

/** What the notice is for, in one plain sentence. */
export const REPORT_UPDATES_PURPOSE = '派出所处理这件举报有了进展，会发一条微信消息告诉您。要接收吗？'

export const REPORT_UPDATES_ACCEPTED = '好的，有进展会发微信消息告诉您。'
export const REPORT_UPDATES_DECLINED = '好的，不发消息。进展在“举报”页的“我的举报”里随时能看。'

export type ReportUpdatesAnswer = 'accepted' | 'declined'

export interface ReportUpdatesConsentProps {
  /** From `reports.create` (`subscribeTemplateId`). */
  templateId: string | null | undefined
}

export default function ReportUpdatesConsent({ templateId }: ReportUpdatesConsentProps) {
  const [answer, setAnswer] = useState<ReportUpdatesAnswer>()
  const [asking, setAsking] = useState(false)
  // Only the WeChat build can ask, and only for a template the server is configured with.
  if (!canAskSubscription(templateId)) return null

  const ask = async () => {
    if (asking || answer) return
    setAsking(true)
    try {
      const res = await requestSubscriptions([templateId])
      setAnswer(res[templateId] === 'accept' ? 'accepted' : 'declined')
    } catch {
      // Closed, refused for good, or an old WeChat: the report is sent all the same.
      setAnswer('declined')
    } finally {
      setAsking(false)
    }
  }

  return (
    <View className='fq-card fq-consent' id='report-updates-consent'>
      <Text className='fq-consent__title'>举报进展通知</Text>
      {answer ? (
        <Text className='fq-consent__text' id='report-updates-answer'>
          {answer === 'accepted' ? REPORT_UPDATES_ACCEPTED : REPORT_UPDATES_DECLINED}
        </Text>
      ) : (
        <>
          <Text className='fq-consent__text' id='report-updates-purpose'>
            {REPORT_UPDATES_PURPOSE}
          </Text>
          <BigButton id='report-updates-yes' busy={asking} onClick={() => void ask()}>
            好，发消息告诉我
          </BigButton>
          <BigButton kind='plain' id='report-updates-no' disabled={asking} onClick={() => setAnswer('declined')}>
            不用了
          </BigButton>
        </>
      )}
    </View>
  )
}
