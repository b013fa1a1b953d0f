// One survey as staff see it: the case (with a link), who was asked — or 匿名, and nothing else, for an anonymous
// report — the answer, the words, and who recorded a phone or door-step 回访.
import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { StaffSurveyView } from '@contract/followups'
import { monthDay } from './format'

export default function StaffSurveyCard({ survey: s, children }: { survey: StaffSurveyView; children?: ReactNode }) {
  return (
    <View className='fq-card' id={`staff-survey-${s.id}`}>
      <Text className='fq-fu-case'>
        {s.case.kindLabel}・{s.stageLabel}・{monthDay(s.openedDay)}
      </Text>
      <Text className='fq-title'>{s.case.title}</Text>
      <Text className='fq-fu-line' id={`staff-survey-${s.id}-person`}>
        {s.person ? `${s.person.name}　${s.person.phone}` : '匿名举报人（不显示是谁）'}
      </Text>
      {s.answer ? (
        <>
          <Text className={`fq-fu-answer fq-fu-answer--${s.answer}`} id={`staff-survey-${s.id}-answer`}>
            {s.answerLabel}
          </Text>
          {s.words ? <Text className='fq-fu-words'>“{s.words}”</Text> : null}
          {s.attempts ? <Text className='fq-fu-line'>{`跑了${s.attempts}次办成`}</Text> : null}
          <Text className='fq-muted'>
            {s.answeredDay ? `${monthDay(s.answeredDay)} ` : ''}
            {s.recordedByName ? `${s.viaLabel}，${s.recordedByName}记录` : '群众自己评价'}
          </Text>
        </>
      ) : (
        <Text className='fq-muted'>{s.state === 'lapsed' ? '过期没有评价' : '还没有评价'}</Text>
      )}
      <View className='fq-rec__toggle' id={`staff-survey-${s.id}-case`} onClick={() => void Taro.navigateTo({ url: s.case.path })}>
        <Text>看这件事 ›</Text>
      </View>
      {children}
    </View>
  )
}
