// 待评价: the person's finished cases waiting for their 回访 answer, and the answers they can still change.
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SurveyView } from '@contract/followups'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { monthDayOf } from '../shared/format'
import '../shared/followup.scss'

function open(s: SurveyView) {
  void Taro.navigateTo({ url: `/packages/followup/survey/index?id=${encodeURIComponent(s.id)}` })
}

function SurveyCard({ survey: s }: { survey: SurveyView }) {
  return (
    <View className='fq-card' id={`pending-${s.id}`}>
      <Text className='fq-fu-case'>
        {s.case.kindLabel}・{s.stageLabel}・{monthDayOf(s.openedAt)}
      </Text>
      <Text className='fq-title'>{s.case.title}</Text>
      {s.canAnswer ? (
        <BigButton id={`pending-${s.id}-go`} onClick={() => open(s)}>
          说说满意吗
        </BigButton>
      ) : (
        <>
          <Text className={`fq-fu-answer fq-fu-answer--${s.answer ?? ''}`}>{`您的评价：${s.answerLabel}`}</Text>
          {s.editableUntil ? <Text className='fq-muted'>{`${monthDayOf(s.editableUntil)}以前还可以改`}</Text> : null}
          <BigButton kind='plain' id={`pending-${s.id}-edit`} onClick={() => open(s)}>
            修改评价
          </BigButton>
        </>
      )}
    </View>
  )
}

export default function PendingPage() {
  const { params } = useRouter()
  const kind = params.kind === 'report' ? 'report' : params.kind === 'services' ? 'services' : undefined
  const state = useAsync(() => call('followups.pending', kind ? { kind } : {}), [kind])
  useDidShow(() => {
    if (state.data) void state.reload()
  })
  const data = state.data
  const none = data && data.waiting.length === 0 && data.editable.length === 0
  return (
    <PageShell
      id='page-followup-pending'
      state={state}
      empty={none ? { icon: '✓', text: '没有要评价的事了，谢谢您。办完事、举报办结以后，这里会请您说说满意不满意。', actionText: '回我的', onAction: () => void Taro.switchTab({ url: '/pages/me/index' }) } : false}
    >
      {data ? (
        <>
          {data.waiting.length > 0 ? <Text className='fq-title'>{`等您评价（${data.waiting.length}）`}</Text> : null}
          <View id='pending-waiting'>
            {data.waiting.map((s) => (
              <SurveyCard key={s.id} survey={s} />
            ))}
          </View>
          {data.editable.length > 0 ? <Text className='fq-title'>已评价，还可以改</Text> : null}
          <View id='pending-editable'>
            {data.editable.map((s) => (
              <SurveyCard key={s.id} survey={s} />
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
