// 登记住的人: an officer adds a person to a household or corrects one (常住 / 流动 / 暂住, since when, key-person category
// for officers only). What is typed stays on the phone (a closed app loses nothing) except the ID number, which is
// asked for only when the form needs it and never kept in the draft. The submit carries the draft's one requestId,
// so pressing it again after a failure never registers the person twice.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { PersonView } from '@contract/households'
import { householdsActions } from '@contract/households'
import { FOCUS_LABELS, FOCUS_VALUES, PERSON_KIND_LABELS, PERSON_KIND_VALUES, PERSON_ROLE_LABELS, PERSON_ROLE_VALUES, type Focus, type PersonKind, type PersonRole } from '@domain/households'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import PickerSheet, { monthDayLabel } from '@/components/PickerSheet'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { useLeaveGuard } from '@/hooks/useLeaveGuard'
import { call } from '@/services/client'
import { formErrors, withMissing, type FieldErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import '../shared/officer-hh.scss'

export interface PersonDraft {
  name: string
  phone: string
  kind: PersonKind
  role: PersonRole
  relation: string
  movedInDay: string
  focus: Focus
  note: string
  /** The officer said this person's ID number is needed (the number itself is never in the draft). */
  needIdNo: boolean
  requestId: string
}

/** One draft per household for a new person, one per person for a correction. */
export const personDraftName = (addressId: string, personId?: string) => `officer-person-${addressId}-${personId ?? 'new'}`

export const PERSON_FIELDS: readonly FormFieldInfo[] = [
  { key: 'name', label: '姓名', anchor: 'field-person-name' },
  { key: 'kind', label: '常住还是流动', anchor: 'field-person-kind' },
  { key: 'movedInDay', label: '哪天住进来', anchor: 'field-person-day' },
  { key: 'phone', label: '电话', anchor: 'field-person-phone' },
  { key: 'relation', label: '与户主关系', anchor: 'field-person-relation' },
  { key: 'idNo', label: '身份证号', anchor: 'field-person-idno' },
  { key: 'note', label: '备注', anchor: 'field-person-note' },
]

const RELATIONS = ['户主', '配偶', '子女', '父母', '孙辈', '租户'] as const

export function freshPerson(today: string, current?: PersonView): PersonDraft {
  return {
    name: current?.name ?? '',
    phone: current?.phone ?? '',
    kind: current?.kind ?? 'permanent',
    role: current?.role ?? 'member',
    relation: current?.relation ?? '',
    movedInDay: current?.movedInDay ?? today,
    focus: current?.focus ?? '',
    note: current?.note ?? '',
    needIdNo: Boolean(current?.idNo),
    requestId: newRequestId(),
  }
}

/** The `households.savePerson` payload; `idNo` is '' unless the form asks for it. */
export function personPayload(addressId: string, d: PersonDraft, idNo: string, personId?: string) {
  return {
    ...(personId ? { id: personId } : {}),
    addressId,
    name: d.name.trim(),
    phone: d.phone.trim(),
    kind: d.kind,
    role: d.role,
    relation: d.relation.trim(),
    idNo: d.needIdNo ? idNo.trim().toUpperCase() : '',
    movedInDay: d.movedInDay,
    focus: d.focus,
    note: d.note.trim(),
  }
}

const fieldKey = (path: string) => (PERSON_FIELDS.some((f) => f.key === path) ? path : FORM_KEY)

export interface PersonFormProps {
  addressId: string
  /** The address as the household page shows it. */
  line: string
  /** The person in full (from `households.person`, audited) when correcting one. */
  current?: PersonView
  today: string
  onSaved: (person: PersonView) => void
}

export default function PersonForm({ addressId, line, current, today, onSaved }: PersonFormProps) {
  const name = personDraftName(addressId, current?.id)
  const { draft, setDraft, restored, clear } = useDraft<PersonDraft>(name, () => freshPerson(today, current), {
    restore: (stored, fresh) => (typeof stored.requestId === 'string' ? { ...fresh, ...stored } : undefined),
  })
  // Kept in memory only: an ID number is not left on a phone that may be lost in a field.
  const [idNo, setIdNo] = useState(current?.idNo ?? '')
  const form = useFormErrors(PERSON_FIELDS)
  const save = useAction()
  const [saved, setSaved] = useState(false)
  useLeaveGuard(!saved && draft.name.trim() !== '' && draft.name !== (current?.name ?? ''), '填的内容已经存在手机上，')

  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(key)
  }

  const submit = async () => {
    const payload = personPayload(addressId, draft, idNo, current?.id)
    const found: FieldErrors = {}
    for (const [path, message] of Object.entries(withMissing(formErrors(householdsActions['households.savePerson'].request, payload), payload, { name: '姓名' }))) {
      const key = fieldKey(path)
      if (message && !found[key]) found[key] = message
    }
    if (draft.needIdNo && !payload.idNo) found.idNo = '还没填身份证号；不需要就点“不登记证号”'
    if (payload.movedInDay > today) found.movedInDay = '住进来的日子不能在今天以后'
    if (form.show(found)) return
    const person = await save.run(() => call('households.savePerson', payload, { requestId: draft.requestId }), {
      onError: (err) =>
        form.show({
          [err.field ? fieldKey(err.field) : FORM_KEY]: err.code === 'network' ? '网络不好，没存上。填的还在手机上，有信号了再点一次“保存”。' : err.message,
        }),
    })
    if (person) {
      setSaved(true)
      clear()
      onSaved(person)
    }
  }

  const chips = <T extends string>(id: string, values: readonly T[], labels: Record<T, string>, value: T, onPick: (v: T) => void) => (
    <View className='fq-hh-chips' id={id}>
      {values.map((v) => (
        <View key={v || 'none'} id={`${id}-${v || 'none'}`} className={`fq-hh-chip${value === v ? ' fq-hh-chip--on' : ''}`} onClick={() => onPick(v)}>
          <Text>{labels[v]}</Text>
        </View>
      ))}
    </View>
  )

  return (
    <View id='person-form'>
      <View className='fq-card'>
        <Text className='fq-title'>{current ? `改 ${current.name} 的登记` : '登记住的人'}</Text>
        <Text className='fq-hh-line' id='person-line'>
          {line || '这一户'}
        </Text>
        {restored ? (
          <Text className='fq-muted' id='person-restored'>
            上次没存的内容还在，接着填就行。
          </Text>
        ) : null}
        <Field label='姓名' error={form.errors.name} id='field-person-name'>
          <Input id='input-person-name' value={draft.name} maxlength={20} placeholder='比如：张德福' onInput={(e) => set('name', e.detail.value)} />
        </Field>
        <Field label='常住、流动还是暂住' error={form.errors.kind} id='field-person-kind'>
          {chips('person-kind', PERSON_KIND_VALUES, PERSON_KIND_LABELS, draft.kind, (v) => set('kind', v))}
        </Field>
        <Field label='和这户的关系' id='field-person-role'>
          {chips('person-role', PERSON_ROLE_VALUES, PERSON_ROLE_LABELS, draft.role, (v) => set('role', v))}
        </Field>
        <Field label='哪天住进来' error={form.errors.movedInDay} id='field-person-day'>
          <PickerSheet id='input-person-day' mode='date' title='哪天住进来' value={draft.movedInDay} start='1930-01-01' end={today} display={draft.movedInDay ? `${draft.movedInDay.slice(0, 4)}年${monthDayLabel(draft.movedInDay)}` : undefined} onChange={(v) => set('movedInDay', v)} />
        </Field>
      </View>

      <View className='fq-card'>
        <Field label='电话（可不填）' error={form.errors.phone} id='field-person-phone'>
          <Input id='input-person-phone' type='number' value={draft.phone} maxlength={11} placeholder='11位手机号' onInput={(e) => set('phone', e.detail.value)} />
        </Field>
        <Field label='与户主关系（可不填）' error={form.errors.relation} id='field-person-relation'>
          <Input id='input-person-relation' value={draft.relation} maxlength={10} placeholder='比如：配偶' onInput={(e) => set('relation', e.detail.value)} />
        </Field>
        <View className='fq-hh-chips' id='person-relations'>
          {RELATIONS.map((r) => (
            <View key={r} id={`person-relation-${r}`} className={`fq-hh-chip${draft.relation === r ? ' fq-hh-chip--on' : ''}`} onClick={() => set('relation', r)}>
              <Text>{r}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='fq-card' id='field-person-focus'>
        <Text className='fq-title'>重点人员（只有民警看得到）</Text>
        {chips('person-focus', FOCUS_VALUES, FOCUS_LABELS, draft.focus, (v) => set('focus', v))}
      </View>

      <View className='fq-card' id='field-person-idno'>
        <Text className='fq-title'>身份证号</Text>
        {draft.needIdNo ? (
          <>
            <Field label='身份证号（18位）' error={form.errors.idNo} id='field-person-idno-input' hint='只在要用时登记；列表里只显示头尾几位，看全号会留记录，手机上不存。'>
              <Input id='input-person-idno' type='idcard' value={idNo} maxlength={18} onInput={(e) => {
                setIdNo(e.detail.value)
                form.clear('idNo')
              }} />
            </Field>
            <BigButton kind='plain' id='person-idno-off' onClick={() => {
              set('needIdNo', false)
              form.clear('idNo')
            }}>
              不登记证号
            </BigButton>
          </>
        ) : (
          <>
            <Text className='fq-muted'>不需要就不登记。要办暂住登记、核查时再填。</Text>
            <BigButton kind='plain' id='person-idno-on' onClick={() => set('needIdNo', true)}>
              要登记身份证号
            </BigButton>
          </>
        )}
      </View>

      <View className='fq-card'>
        <Field label='备注（可不填）' error={form.errors.note} id='field-person-note'>
          <TextArea id='input-person-note' value={draft.note} maxLength={200} minLines={2} placeholder='比如：在外打工，过年回来' onInput={(t) => set('note', t)} />
        </Field>
      </View>

      <FormErrorSummary id='person-errors' state={form} fields={PERSON_FIELDS} />
      <BigButton id='person-save' busy={save.busy} onClick={() => void submit()}>
        保存
      </BigButton>
      <Text className='fq-muted'>填的内容随时存在手机上（身份证号除外），没信号也不会丢。</Text>
    </View>
  )
}
