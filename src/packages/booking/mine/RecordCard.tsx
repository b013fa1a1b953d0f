// One record in 我的办事: what and when, its status label, the check-in code, what the resident can still do,
// the timeline, and once it is done its 回访 (the survey page asks how it went).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ServiceRecord } from '@contract/services'
import type { SurveyView } from '@contract/followups'
import { HANDOVER_LABELS } from '@contract/services'
import { SERVICE_KINDS } from '@domain/service-lifecycles'
import { HOME_VISIT_BASES } from '@domain/schedule'
import BigButton from '@/components/BigButton'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import CheckInCode from '../shared/CheckInCode'
import { dayLabel } from '@/services/dayLabels'
import { formatDateTime } from '@/services/time'
import { toast } from '@/services/toast'
import { confirmDialog } from '@/services/dialog'

export interface RecordCardProps {
  record: ServiceRecord
  onChanged: (record: ServiceRecord) => void
  onReschedule: (record: ServiceRecord & { kind: 'booking' }) => void
  /** The record's 回访 survey still waiting for an answer or still editable, if any. */
  survey?: SurveyView
}

function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return confirmDialog({ title, content, confirmText, cancelText: '不了', kind: 'danger' })
}

export default function RecordCard({ record: r, onChanged, onReschedule, survey }: RecordCardProps) {
  const action = useAction()
  /** Which of the card's buttons the running call belongs to. */
  const [doing, setDoing] = useState('')
  const [showTimeline, setShowTimeline] = useState(false)
  const busy = action.busy ? doing : undefined
  const error = action.error

  // One request id per intent (this action on this record), reused when the person tries again.
  const run = async (key: string, act: (requestId: string) => Promise<ServiceRecord>, done: string) => {
    setDoing(key)
    const next = await action.run(act, { intent: key })
    if (!next) return
    onChanged(next)
    toast(done, { kind: 'success' })
  }

  const cancel = async () => {
    const what = r.kind === 'booking' ? '预约' : r.kind === 'errand' ? '代办' : '上门'
    if (!(await confirm(`取消${what}？`, `取消“${r.serviceName}”的${what}，取消后要重新申请。`, `取消${what}`))) return
    const key = `cancel-${r.id}`
    await run(
      key,
      (requestId) =>
        r.kind === 'booking'
          ? call('services.cancel', { id: r.id }, { requestId })
          : call('services.transition', { kind: r.kind, id: r.id, to: 'cancelled' }, { requestId }),
      '已取消',
    )
  }

  const received = async () => {
    if (!(await confirm('确认已收到？', '办好的证件或材料已经拿到手了吗？', '已收到'))) return
    const key = `complete-${r.id}`
    await run(key, (requestId) => call('services.transition', { kind: r.kind, id: r.id, to: 'completed' }, { requestId }), '已完成')
  }

  const canCancel = r.kind === 'booking' ? r.canChange : r.next.includes('cancelled')
  const tone = r.statusType === 'open' ? 'open' : r.statusType === 'done' ? 'done' : 'closed'

  return (
    <View className={`fq-card fq-rec fq-rec--${tone}`} id={`record-${r.id}`}>
      <View className='fq-rec__head'>
        <Text className='fq-rec__kind'>{SERVICE_KINDS[r.kind].label}</Text>
        <Text className={`fq-rec__status fq-rec__status--${tone}`} id={`record-${r.id}-status`}>
          {r.statusLabel}
        </Text>
      </View>
      <Text className='fq-rec__name'>{r.serviceName}</Text>

      {r.kind === 'booking' ? (
        <>
          <Text className='fq-rec__when' id={`record-${r.id}-when`}>
            {dayLabel(r.day)} {r.time}-{r.endTime}
            {r.mark ? `（${r.mark}）` : ''}
          </Text>
          {r.status === 'booked' ? <CheckInCode bookingId={r.id} code={r.code} showQr={false} /> : null}
          {r.status === 'booked' && !r.canChange ? <Text className='fq-muted'>快到时间了，不能再改约或取消。来不了请打电话给派出所。</Text> : null}
        </>
      ) : null}

      {r.kind === 'errand' ? (
        <>
          <Text className='fq-muted'>
            办好以后：{HANDOVER_LABELS[r.handover]}
            {r.handover === 'delivery' && r.address ? `（${r.address}）` : ''}
          </Text>
          {r.reason ? <Text className='fq-book__error'>没有受理的原因：{r.reason}</Text> : null}
          {r.photoUrls.length > 0 ? (
            <View className='fq-book__thumbs'>
              {r.photoUrls.map((url) => (
                <Image key={url} className='fq-book__thumb' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: r.photoUrls, current: url })} />
              ))}
            </View>
          ) : null}
        </>
      ) : null}

      {r.kind === 'home_visit' ? (
        <>
          <Text className='fq-muted'>
            {HOME_VISIT_BASES[r.basis]}　{r.address}
          </Text>
          {r.plan ? (
            <Text className='fq-rec__when' id={`record-${r.id}-visit`}>
              {dayLabel(r.plan.day)} {r.plan.window} {r.plan.officerName}上门
            </Text>
          ) : r.status === 'requested' ? (
            <Text className='fq-muted'>民警会打电话和您约时间。您方便的日子：{r.preferredDays.map((d) => dayLabel(d)).join('、')}</Text>
          ) : null}
        </>
      ) : null}

      {error ? <Text className='fq-book__error'>{error}</Text> : null}

      {r.kind === 'booking' && r.canChange ? (
        <BigButton id={`record-${r.id}-reschedule`} kind='plain' onClick={() => onReschedule(r)}>
          改个时间
        </BigButton>
      ) : null}
      {r.kind === 'errand' && r.next.includes('completed') ? (
        <BigButton id={`record-${r.id}-received`} busy={busy === `complete-${r.id}`} onClick={() => void received()}>
          我已收到
        </BigButton>
      ) : null}
      {canCancel ? (
        <BigButton id={`record-${r.id}-cancel`} kind='plain' busy={busy === `cancel-${r.id}`} onClick={() => void cancel()}>
          {r.kind === 'booking' ? '取消预约' : r.kind === 'errand' ? '不办了，取消' : '取消上门'}
        </BigButton>
      ) : null}

      {survey ? (
        <View className='fq-rec__rate' id={`record-${r.id}-survey`}>
          {survey.canAnswer ? (
            <BigButton id={`record-${r.id}-rate`} onClick={() => void Taro.navigateTo({ url: `/packages/followup/survey/index?id=${encodeURIComponent(survey.id)}` })}>
              说说办得怎么样
            </BigButton>
          ) : (
            <Text className='fq-muted' id={`record-${r.id}-rating`} onClick={() => void Taro.navigateTo({ url: `/packages/followup/survey/index?id=${encodeURIComponent(survey.id)}` })}>
              您的评价：{survey.answerLabel}
              {survey.words ? `　${survey.words}` : ''}　（还可以改 ›）
            </Text>
          )}
        </View>
      ) : null}

      <View className='fq-rec__toggle' id={`record-${r.id}-timeline-toggle`} onClick={() => setShowTimeline(!showTimeline)}>
        <Text>{showTimeline ? '收起办理经过 ▲' : '看办理经过 ▼'}</Text>
      </View>
      {showTimeline ? (
        <View className='fq-rec__timeline' id={`record-${r.id}-timeline`}>
          {r.timeline.map((t, i) => (
            <View key={i} className='fq-rec__event'>
              <Text className='fq-rec__event-at'>{formatDateTime(t.at)}</Text>
              <Text className='fq-rec__event-label'>
                {t.label}
                {t.note ? `：${t.note}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
