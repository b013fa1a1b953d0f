// 回访评价: one survey of one of the person's cases. They answer once, may change it for a few days, then it is final.
// Opened from 待评价, a case page or the subscription message (`?id=`).
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SurveyView } from '@contract/followups'
import { EDIT_DAYS } from '@domain/followups'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import SurveyForm from '../shared/SurveyForm'
import { monthDayOf } from '../shared/format'
import '../shared/followup.scss'
import { toast } from '@/services/toast'

function isOwnView(v: unknown): v is SurveyView {
  return typeof v === 'object' && v !== null && 'canAnswer' in v
}

export function SurveyBody({ survey, onChanged }: { survey: SurveyView; onChanged: (s: SurveyView) => void }) {
  const [editing, setEditing] = useState(false)
  const open = (path: string) => void Taro.navigateTo({ url: path }).catch(() => Taro.redirectTo({ url: path }))
  return (
    <>
      <View className='fq-card' id='survey-case'>
        <Text className='fq-fu-case'>
          {survey.case.kindLabel}・{survey.stageLabel}
        </Text>
        <Text className='fq-title'>{survey.case.title}</Text>
        <View className='fq-rec__toggle' id='survey-open-case' onClick={() => open(survey.case.path)}>
          <Text>看这件事 ›</Text>
        </View>
      </View>

      {survey.canAnswer || (survey.canRevise && editing) ? (
        <View className='fq-card'>
          <SurveyForm
            draftName={`followup_${survey.id}`}
            asksAttempts={survey.asksAttempts}
            initial={survey.canRevise ? { answer: survey.answer, words: survey.words, attempts: survey.attempts } : undefined}
            submitLabel={survey.canRevise ? '保存修改' : '提交评价'}
            onSubmit={async (values, requestId) => {
              const payload = { id: survey.id, ...values }
              const next = survey.canRevise ? await call('followups.revise', payload, { requestId }) : await call('followups.answer', payload, { requestId })
              setEditing(false)
              onChanged(next)
              toast('谢谢您的评价', { kind: 'success' })
            }}
          />
          {survey.canAnswer ? (
            <Text className='fq-muted' id='survey-window'>
              交了以后{EDIT_DAYS}天内还可以改。{monthDayOf(survey.lapsesAt)}以后就不能评价了。
            </Text>
          ) : null}
        </View>
      ) : survey.answer ? (
        <View className='fq-card' id='survey-answered'>
          <Text className='fq-fu-line'>您的评价：</Text>
          <Text className={`fq-fu-answer fq-fu-answer--${survey.answer}`} id='survey-answer-label'>
            {survey.answerLabel}
          </Text>
          {survey.words ? <Text className='fq-fu-words'>“{survey.words}”</Text> : null}
          {survey.attempts ? <Text className='fq-fu-line'>跑了{survey.attempts}次办成</Text> : null}
          {survey.recordedByName ? (
            <Text className='fq-muted'>
              {survey.viaLabel}（{survey.recordedByName}记录）
            </Text>
          ) : null}
          {survey.answer === 'unsatisfied' ? <Text className='fq-fu-line'>所长已经知道了，会尽快联系您。</Text> : null}
          {survey.canRevise && survey.editableUntil ? (
            <>
              <Text className='fq-muted' id='survey-edit-until'>
                {monthDayOf(survey.editableUntil)}以前还可以改。
              </Text>
              <BigButton kind='plain' id='survey-edit' onClick={() => setEditing(true)}>
                修改评价
              </BigButton>
            </>
          ) : (
            <Text className='fq-muted'>评价已经定下来了，谢谢您。</Text>
          )}
        </View>
      ) : (
        <View className='fq-card' id='survey-lapsed'>
          <Text className='fq-fu-line'>这次回访已经过期了。有意见可以直接打电话给派出所。</Text>
        </View>
      )}
    </>
  )
}

export default function SurveyPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const state = useAsync(async () => {
    if (!id) throw new CallError({ code: 'not_found', message: '没有找到这份回访，请从“我的”里的“待评价”打开' })
    return call('followups.get', { id })
  }, [id])
  const own = state.data && isOwnView(state.data) ? state.data : undefined
  return (
    <PageShell
      id='page-survey'
      state={state}
      exits={[{ text: '看我的待评价', onTap: () => void Taro.redirectTo({ url: '/packages/followup/pending/index' }) }]}
      empty={state.data && !own ? { icon: '!', text: '这份回访是群众本人填的。民警请到“回访”页查看。', actionText: '去回访页', onAction: () => void Taro.redirectTo({ url: '/packages/followup/staff/index' }) } : false}
    >
      {own ? <SurveyBody survey={own} onChanged={(s) => state.setData(s)} /> : null}
    </PageShell>
  )
}
