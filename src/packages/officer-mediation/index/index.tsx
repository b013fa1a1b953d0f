// 矛盾纠纷化解: the officers' queue (risk first, then level, oldest first), the 排查台账 and closed cases, with the
// roster, the figures and registering a walk-in, a 110 call or a brewing conflict one tap away.
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OfficerQueueItem } from '@contract/mediation'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useCall } from '@/hooks/useAsync'
import { formatDateTime } from '@/services/time'
import { ClockLine, StatusTag } from '@/components/MediationCase'
import '@/components/MediationCase/mediation.scss'
import '@/styles/filters.scss'

type QueueView = 'open' | 'risk' | 'screening' | 'closed'
const VIEWS: readonly { value: QueueView; label: string }[] = [
  { value: 'open', label: '在办' },
  { value: 'risk', label: '有激化风险' },
  { value: 'screening', label: '排查台账' },
  { value: 'closed', label: '已结' },
]

const go = (url: string) => void Taro.navigateTo({ url })

export function QueueCard({ c }: { c: OfficerQueueItem }) {
  return (
    <View className={`fq-med-card${c.risk ? ' fq-med-card--risk' : ''}`} id={`queue-${c.id}`} onClick={() => go(`/packages/officer-mediation/detail/index?id=${c.id}`)}>
      <Text className='fq-med-card__title'>{c.title}</Text>
      {c.risk ? <Text className='fq-med-tag fq-med-tag--danger'>民转刑风险</Text> : null}
      <StatusTag c={c} />
      <Text className='fq-med-tag'>{c.levelLabel}</Text>
      <ClockLine clock={c.clock} id={`queue-${c.id}-clock`} />
      <Text className='fq-med-card__line'>{`${c.villageName}　${c.sourceLabel}　${c.applicantName} ${c.applicantPhone}`}</Text>
      {c.nextSession ? <Text className='fq-med-card__line'>{`下次调解 ${formatDateTime(c.nextSession)}`}</Text> : null}
      {c.overdueTerms > 0 ? <Text className='fq-med-card__line fq-med-term--overdue'>{`${c.overdueTerms}条协议过期未履行`}</Text> : null}
    </View>
  )
}

export default function OfficerMediationQueuePage() {
  const [view, setView] = useState<QueueView>('open')
  const queue = useCall('mediation.queue', { view, pageSize: 50 }, [view])
  useDidShow(() => {
    if (queue.data) void queue.reload()
  })
  const items = queue.data?.items ?? []
  return (
    <PageShell id='page-officer-mediation' state={queue}>
      <View className='fq-filter' id='queue-views'>
        {VIEWS.map((v) => (
          <Text key={v.value} id={`queue-view-${v.value}`} className={`fq-filter__item${view === v.value ? ' fq-filter__item--on' : ''}`} onClick={() => setView(v.value)}>
            {v.label}
          </Text>
        ))}
      </View>
      {queue.data && items.length === 0 ? <Text className='fq-muted fq-filter__empty' id='queue-empty'>这里现在没有案件。</Text> : null}
      {items.map((c) => (
        <QueueCard key={c.id} c={c} />
      ))}
      <BigButton id='queue-register' onClick={() => go(`/packages/officer-mediation/register/index${view === 'screening' ? '?source=screening' : ''}`)}>
        {view === 'screening' ? '登记矛盾隐患' : '登记调解案件'}
      </BigButton>
      <BigButton kind='plain' id='queue-roster' onClick={() => go('/packages/officer-mediation/roster/index')}>
        调解员名册
      </BigButton>
      <BigButton kind='plain' id='queue-figures' onClick={() => go('/packages/officer-mediation/figures/index')}>
        调解数据
      </BigButton>
    </PageShell>
  )
}
