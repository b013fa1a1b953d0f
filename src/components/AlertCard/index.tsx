// One alert in a list: severity colour and label, category, village scope, time in plain words, unread/updated/cancelled marks.
import { Text, View } from '@tarojs/components'
import type { AlertView } from '@contract/alerts'
import { categoryInfo, phaseInfo, relativeTime, severityInfo } from '@domain/alert-labels'
import './index.scss'

export interface AlertCardProps {
  alert: AlertView
  now: Date
  onOpen: (id: string) => void
  /** Officers see the phase (草稿, 已过期…) on every card. */
  showPhase?: boolean
}

export default function AlertCard({ alert, now, onOpen, showPhase }: AlertCardProps) {
  const sev = severityInfo(alert.severity)
  const cat = categoryInfo(alert.category)
  const at = alert.publishedAt ?? alert.updatedAt
  const over = alert.phase === 'cancelled' || alert.phase === 'expired'
  // Not yet out (officers only ever see these): tagged so a draft never looks published.
  const unpublished = alert.phase === 'draft' || alert.phase === 'scheduled'
  return (
    <View id={`alert-${alert.id}`} className={`fq-alert-card${over ? ' fq-alert-card--over' : ''}`} style={{ borderLeftColor: sev.color }} onClick={() => onOpen(alert.id)}>
      <View className='fq-alert-card__tags'>
        <Text className='fq-alert-card__severity' style={{ backgroundColor: sev.color }}>
          {sev.label}
        </Text>
        <Text className='fq-alert-card__category' style={{ color: cat.color }}>
          {cat.label}
        </Text>
        {alert.pinned ? <Text className='fq-alert-card__mark'>置顶</Text> : null}
        {alert.updatedSinceRead ? <Text className='fq-alert-card__mark fq-alert-card__mark--updated'>有更新</Text> : null}
        {unpublished ? (
          <Text className='fq-alert-card__mark fq-alert-card__mark--draft' id={`alert-phase-${alert.id}`}>
            {phaseInfo(alert.phase).label}
          </Text>
        ) : showPhase || over ? (
          <Text className='fq-alert-card__mark'>{phaseInfo(alert.phase).label}</Text>
        ) : null}
        {alert.unread ? <Text className='fq-alert-card__dot' id={`alert-unread-${alert.id}`} /> : null}
      </View>
      <Text className='fq-alert-card__title'>{alert.title}</Text>
      <View className='fq-alert-card__meta'>
        <Text>{alert.scope}</Text>
        <Text>{relativeTime(new Date(at), now)}</Text>
      </View>
    </View>
  )
}
