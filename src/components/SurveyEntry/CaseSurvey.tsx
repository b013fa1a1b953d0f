// On a case page (我的举报 detail, 我的调解): the case's 回访, once it has one — "说说您满意吗" while it waits, the answer after.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FollowUpKind } from '@domain/followups'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'

export interface CaseSurveyProps {
  kind: FollowUpKind
  id: string
  refreshKey?: string
  /** What it asks while the survey waits (the default suits a finished case). */
  prompt?: (stageLabel: string) => string
}

export default function CaseSurvey({ kind, id, refreshKey, prompt }: CaseSurveyProps) {
  const survey = useAsync(() => call('followups.forCase', { kind, id }), [kind, id, refreshKey])
  const s = survey.data
  if (!s) return null
  const open = () => void Taro.navigateTo({ url: `/packages/followup/survey/index?id=${encodeURIComponent(s.id)}` })
  return (
    <View className='fq-card' id='case-survey'>
      <Text className='fq-title'>回访</Text>
      {s.canAnswer ? (
        <>
          <Text className='fq-muted' id='case-survey-prompt'>{prompt ? prompt(s.stageLabel) : '这件事办完了，说说您满意吗？'}</Text>
          <BigButton id='case-survey-go' onClick={open}>
            去评价
          </BigButton>
        </>
      ) : s.answer ? (
        <View onClick={s.canRevise ? open : undefined} id='case-survey-answer'>
          <Text>{`${prompt ? `${s.stageLabel}，` : ''}您的评价：${s.answerLabel}${s.words ? `　${s.words}` : ''}`}</Text>
          {s.canRevise ? <Text className='fq-muted'>　还可以改 ›</Text> : null}
        </View>
      ) : (
        <Text className='fq-muted'>回访已经过期了。</Text>
      )}
    </View>
  )
}
