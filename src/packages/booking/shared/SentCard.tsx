// What a booking page shows once the request is in: what happens next, an offer to be told (weapp with a template
// only) and the way to 我的办事.
import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SubscriptionPurpose } from '@contract/services'
import BigButton from '@/components/BigButton'
import { askServiceReminders, canAskReminders } from './subscribe'

export interface SentCardProps {
  id: string
  title: string
  children: ReactNode
  templates: Partial<Record<SubscriptionPurpose, string>>
  /** The offer to be told: shown when the first purpose has a template; asks for all of them. */
  ask: { id: string; label: string; purposes: readonly [SubscriptionPurpose, ...SubscriptionPurpose[]] }
}

export default function SentCard({ id, title, children, templates, ask }: SentCardProps) {
  return (
    <View className='fq-card fq-book__done' id={id}>
      <Text className='fq-book__ok'>{title}</Text>
      {children}
      {canAskReminders(templates, ask.purposes[0]) ? (
        <BigButton id={ask.id} kind='plain' onClick={() => void askServiceReminders(templates, ask.purposes)}>
          {ask.label}
        </BigButton>
      ) : null}
      <BigButton id='go-mine' onClick={() => void Taro.redirectTo({ url: '/packages/booking/mine/index' })}>
        看我的办事
      </BigButton>
    </View>
  )
}
