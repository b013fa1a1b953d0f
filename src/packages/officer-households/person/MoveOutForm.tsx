// 人走注销: the person stays on record with the day they left and why (a tenant gone, moved to the town, passed away).
// The note is kept as a draft; the submit carries the draft's requestId, so a retry never records the move twice.
import type { PersonView } from '@contract/households'
import { householdsActions } from '@contract/households'
import { Text, View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import PickerSheet, { monthDayLabel } from '@/components/PickerSheet'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { call } from '@/services/client'
import { formErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import '../shared/officer-hh.scss'

interface MoveOutDraft {
  movedOutDay: string
  reason: string
  requestId: string
}

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'movedOutDay', label: '哪天搬走', anchor: 'field-out-day' },
  { key: 'reason', label: '说明', anchor: 'field-out-reason' },
]

/** What officers write most, one tap each. */
export const MOVE_OUT_REASONS = ['外出打工', '搬到镇上住', '租期到了', '户口迁走', '去世'] as const

export interface MoveOutFormProps {
  person: PersonView
  today: string
  onDone: (person: PersonView) => void
}

export default function MoveOutForm({ person, today, onDone }: MoveOutFormProps) {
  const { draft, setDraft, clear } = useDraft<MoveOutDraft>(`officer-person-out-${person.id}`, () => ({ movedOutDay: today, reason: '', requestId: newRequestId() }), {
    restore: (stored, fresh) => (typeof stored.requestId === 'string' ? { ...fresh, ...stored } : undefined),
  })
  const form = useFormErrors(FIELDS)
  const act = useAction()
  const set = <K extends keyof MoveOutDraft>(key: K, value: MoveOutDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(key)
  }
  const submit = async () => {
    const payload = { id: person.id, movedOutDay: draft.movedOutDay, reason: draft.reason.trim() }
    const found = formErrors(householdsActions['households.movePersonOut'].request, payload)
    if (payload.movedOutDay > today) found.movedOutDay = '搬走的日子不能在今天以后'
    else if (payload.movedOutDay < person.movedInDay) found.movedOutDay = `搬走的日子不能早于住进来的日子（${person.movedInDay}）`
    if (form.show(found)) return
    const done = await act.run(() => call('households.movePersonOut', payload, { requestId: draft.requestId }), {
      onError: (err) => form.show({ [err.field && FIELDS.some((f) => f.key === err.field) ? err.field : FORM_KEY]: err.code === 'network' ? '网络不好，没存上。有信号了再点一次。' : err.message }),
    })
    if (done) {
      clear()
      onDone(done)
    }
  }
  return (
    <View className='fq-card' id='move-out-form'>
      <Text className='fq-title'>{`人走注销：${person.name}`}</Text>
      <Text className='fq-muted'>{`${person.kindLabel}・${person.movedInDay}住进来。注销后记录还留着，只是不再算这户住的人。`}</Text>
      <Field label='哪天搬走' error={form.errors.movedOutDay} id='field-out-day'>
        <PickerSheet id='input-out-day' mode='date' title='哪天搬走' value={draft.movedOutDay} start={person.movedInDay} end={today} display={`${draft.movedOutDay.slice(0, 4)}年${monthDayLabel(draft.movedOutDay)}`} onChange={(v) => set('movedOutDay', v)} />
      </Field>
      <Field label='说明（可不填）' error={form.errors.reason} id='field-out-reason'>
        <TextArea id='input-out-reason' value={draft.reason} maxLength={200} minLines={2} placeholder='比如：租期到了，搬回老家' onInput={(t) => set('reason', t)} />
      </Field>
      <View className='fq-hh-chips' id='out-reasons'>
        {MOVE_OUT_REASONS.map((r, i) => (
          <View key={r} id={`out-reason-${i}`} className='fq-hh-chip' onClick={() => set('reason', r)}>
            <Text>{r}</Text>
          </View>
        ))}
      </View>
      <FormErrorSummary id='out-errors' state={form} fields={FIELDS} />
      <BigButton kind='danger' id='out-save' busy={act.busy} onClick={() => void submit()}>
        确认注销
      </BigButton>
    </View>
  )
}
