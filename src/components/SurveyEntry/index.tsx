// The 待评价 entry on 我的 and 我的举报: how many of the person's finished cases wait for their 回访 answer, one tap to
// the list. Nothing shows when none wait (or when the count could not be loaded: the page itself still works).
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import './index.scss'

export interface SurveyEntryProps {
  /** Only surveys of reports (我的举报); all kinds when left out (我的). */
  kind?: 'report'
  id?: string
}

export default function SurveyEntry({ kind, id = 'survey-entry' }: SurveyEntryProps) {
  const pending = useAsync(() => call('followups.pending', kind ? { kind } : {}), [kind])
  useDidShow(() => {
    if (pending.data) void pending.reload()
  })
  const count = pending.data?.count ?? 0
  if (count === 0) return null
  const url = `/packages/followup/pending/index${kind ? `?kind=${kind}` : ''}`
  return (
    <View className='fq-card fq-survey-entry' id={id} onClick={() => void Taro.navigateTo({ url })}>
      <View className='fq-survey-entry__text'>
        <Text className='fq-survey-entry__title'>{`待评价（${count}）`}</Text>
        <Text className='fq-muted'>{kind === 'report' ? '举报办完了，说说您满意吗' : '办完的事，说说您满意吗'}</Text>
      </View>
      <Text className='fq-survey-entry__go'>去评价 ›</Text>
    </View>
  )
}
