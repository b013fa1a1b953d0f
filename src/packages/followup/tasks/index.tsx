// 回访任务 (所长): every 不满意 opens one; the 所长 follows it up and closes it with a note of what was done. The person's
// full phone shows only in the task's own view (audited); an anonymous report's task shows no person at all.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { TaskView } from '@contract/followups'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Sheet from '@/components/Sheet'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import { newRequestId } from '@/services/requestId'
import StaffSurveyCard from '../shared/StaffSurveyCard'
import '../shared/followup.scss'
import { toast } from '@/services/toast'

function CloseSheet({ taskId, onClose, onDone }: { taskId: string; onClose: () => void; onDone: (t: TaskView) => void }) {
  const draftName = `followup_task_${taskId}`
  const [note, setNote] = useState(() => loadDraft<{ note: string }>(draftName)?.note ?? '')
  const [requestId] = useState(newRequestId)
  const act = useAction()
  const task = useAsync(() => call('followups.task', { id: taskId }), [taskId])
  const send = async () => {
    if (!note.trim()) {
      act.fail('请写一句怎么处理的，比如：已打电话道歉，重新办好了')
      return
    }
    const done = await act.run(() => call('followups.closeTask', { id: taskId, note: note.trim() }, { requestId }))
    if (done) {
      clearDraft(draftName)
      onDone(done)
    }
  }
  const person = task.data?.survey.person
  return (
    <Sheet open title='处理这条不满意' onClose={onClose} id='close-sheet'>
      {task.data ? (
        <Text className='fq-fu-line' id='close-person'>
          {person ? `${person.name}　${person.phone}` : '匿名举报人：不知道是谁，请改进办理本身'}
        </Text>
      ) : task.error ? (
        <Text className='fq-book__error'>{task.error.message}</Text>
      ) : (
        <Text className='fq-muted'>正在加载…</Text>
      )}
      <Field label='怎么处理的' error={act.error} id='close-note'>
        <TextArea
          id='close-note-input'
          value={note}
          maxLength={300}
          placeholder='比如：已上门道歉，说明了原因'
          onInput={(v) => {
            setNote(v)
            saveDraft(draftName, { note: v })
          }}
        />
      </Field>
      <BigButton id='close-send' busy={act.busy} onClick={() => void send()}>
        处理完了，关闭任务
      </BigButton>
      <BigButton kind='plain' id='close-cancel' onClick={onClose}>
        先不关
      </BigButton>
    </Sheet>
  )
}

export default function TasksPage() {
  const me = useCall('account.me', {})
  const [status, setStatus] = useState<'open' | 'closed'>('open')
  const tasks = useAsync(() => call('followups.tasks', { status }), [status])
  const [closing, setClosing] = useState<string>()
  const isAdmin = me.data?.role === 'admin'
  const items = tasks.data?.items ?? []
  return (
    <PageShell
      id='page-followup-tasks'
      state={me.data && !isAdmin ? me : tasks}
      onRefresh={() => tasks.reload()}
      exits={[{ text: '回回访页', onTap: () => void Taro.redirectTo({ url: '/packages/followup/staff/index' }) }]}
      empty={me.data && !isAdmin ? { icon: '!', text: '回访任务由所长处理。' } : false}
    >
      <View className='fq-fu-tabs' id='task-tabs'>
        <View id='task-tab-open' className={`fq-fu-tab${status === 'open' ? ' fq-fu-tab--on' : ''}`} onClick={() => setStatus('open')}>
          <Text>待处理</Text>
        </View>
        <View id='task-tab-closed' className={`fq-fu-tab${status === 'closed' ? ' fq-fu-tab--on' : ''}`} onClick={() => setStatus('closed')}>
          <Text>已处理</Text>
        </View>
      </View>
      <View id='task-list'>
        {tasks.data && items.length === 0 ? (
          <Text className='fq-muted' id='task-list-empty'>
            {status === 'open' ? '没有待处理的不满意，很好。' : '还没有处理过的任务。'}
          </Text>
        ) : null}
        {items.map((t) => (
          <StaffSurveyCard key={t.id} survey={t.survey}>
            {t.status === 'open' ? (
              <BigButton id={`task-${t.id}-close`} onClick={() => setClosing(t.id)}>
                处理并关闭
              </BigButton>
            ) : (
              <Text className='fq-fu-line' id={`task-${t.id}-note`}>{`${t.closedByName}：${t.note}`}</Text>
            )}
          </StaffSurveyCard>
        ))}
      </View>
      {closing ? (
        <CloseSheet
          taskId={closing}
          onClose={() => setClosing(undefined)}
          onDone={() => {
            setClosing(undefined)
            void tasks.reload()
            toast('已关闭', { kind: 'success' })
          }}
        />
      ) : null}
    </PageShell>
  )
}
