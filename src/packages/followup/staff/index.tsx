// 回访 (officers): surveys still waiting — call or visit the person and record their answer for them (marked as such)
// — and the answers given, 不满意 ones apart. The 所长 also opens the follow-up tasks from here.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { StaffSurveyView } from '@contract/followups'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import SurveyForm from '../shared/SurveyForm'
import StaffSurveyCard from '../shared/StaffSurveyCard'
import '../shared/followup.scss'
import { toast } from '@/services/toast'

type View3 = 'waiting' | 'answered' | 'unsatisfied'
const TABS: { key: View3; label: string }[] = [
  { key: 'waiting', label: '待回访' },
  { key: 'answered', label: '已评价' },
  { key: 'unsatisfied', label: '不满意' },
]
const EMPTY: Record<View3, string> = {
  waiting: '没有等着回访的事。',
  answered: '还没有人评价。',
  unsatisfied: '没有不满意的评价。',
}

function RecordSheet({ survey, onClose, onDone }: { survey: StaffSurveyView; onClose: () => void; onDone: (s: StaffSurveyView) => void }) {
  const [via, setVia] = useState<'phone' | 'in_person'>('phone')
  return (
    <Sheet open title={`记录回访：${survey.case.title}`} onClose={onClose} id='record-sheet'>
      <Text className='fq-muted'>{survey.person ? `问的是${survey.person.name}本人，照本人说的记。` : ''}</Text>
      <View className='fq-fu-tabs' id='record-via'>
        <View id='record-via-phone' className={`fq-fu-tab${via === 'phone' ? ' fq-fu-tab--on' : ''}`} onClick={() => setVia('phone')}>
          <Text>电话回访</Text>
        </View>
        <View id='record-via-in-person' className={`fq-fu-tab${via === 'in_person' ? ' fq-fu-tab--on' : ''}`} onClick={() => setVia('in_person')}>
          <Text>上门回访</Text>
        </View>
      </View>
      <SurveyForm
        id='record-form'
        draftName={`followup_record_${survey.id}`}
        asksAttempts={survey.asksAttempts}
        submitLabel='保存回访记录'
        onSubmit={async (values, requestId) => {
          onDone(await call('followups.record', { id: survey.id, via, ...values }, { requestId }))
          toast('记好了', { kind: 'success' })
        }}
      />
      <BigButton kind='plain' id='record-cancel' onClick={onClose}>
        先不记
      </BigButton>
    </Sheet>
  )
}

export default function StaffFollowUpsPage() {
  const me = useCall('account.me', {})
  const [tab, setTab] = useState<View3>('waiting')
  const list = useAsync(() => call('followups.list', { view: tab }), [tab])
  const [recording, setRecording] = useState<StaffSurveyView>()
  const isStaff = me.data?.role === 'officer' || me.data?.role === 'admin'
  const items = list.data?.items ?? []

  return (
    <PageShell
      id='page-followup-staff'
      state={me.data && !isStaff ? me : list}
      onRefresh={() => list.reload()}
      empty={me.data && !isStaff ? { icon: '!', text: '这里是民警用的。您的回访在“我的”里的“待评价”。' } : false}
    >
      {me.data?.role === 'admin' ? (
        <BigButton id='open-tasks' onClick={() => void Taro.navigateTo({ url: '/packages/followup/tasks/index' })}>
          不满意的回访任务
        </BigButton>
      ) : null}
      <View className='fq-fu-tabs' id='staff-tabs'>
        {TABS.map((t) => (
          <View key={t.key} id={`staff-tab-${t.key}`} className={`fq-fu-tab${tab === t.key ? ' fq-fu-tab--on' : ''}`} onClick={() => setTab(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <View id='staff-surveys'>
        {list.data && items.length === 0 ? (
          <Text className='fq-muted' id='staff-surveys-empty'>
            {EMPTY[tab]}
          </Text>
        ) : null}
        {items.map((s) => (
          <StaffSurveyCard key={s.id} survey={s}>
            {s.canRecord ? (
              <BigButton kind='plain' id={`staff-survey-${s.id}-record`} onClick={() => setRecording(s)}>
                记录电话或上门回访
              </BigButton>
            ) : null}
          </StaffSurveyCard>
        ))}
      </View>
      {recording ? (
        <RecordSheet
          survey={recording}
          onClose={() => setRecording(undefined)}
          onDone={() => {
            setRecording(undefined)
            void list.reload()
          }}
        />
      ) : null}
    </PageShell>
  )
}
