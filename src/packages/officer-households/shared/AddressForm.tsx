// 一标: an officer adds a standard address or corrects one (a correction needs a reason: it is written as an event with
// who and why). The server normalises the number and refuses a second address for the same place (一号多址).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { AddressListItem } from '@contract/households'
import { householdsActions } from '@contract/households'
import { HOUSE_USE_LABELS, HOUSE_USE_VALUES, type HouseUse } from '@domain/households'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import VillagePicker from '@/components/VillagePicker'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { formErrors, withMissing } from '@/services/formErrors'
import './officer-hh.scss'

interface AddressValues {
  villageId: string
  group: string
  number: string
  room: string
  use: HouseUse
  ownerName: string
  ownerPhone: string
  reason: string
}

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'villageId', label: '村', anchor: 'field-addr-village' },
  { key: 'group', label: '社', anchor: 'field-addr-group' },
  { key: 'number', label: '门牌号', anchor: 'field-addr-number' },
  { key: 'room', label: '户室号', anchor: 'field-addr-room' },
  { key: 'ownerName', label: '房主姓名', anchor: 'field-addr-owner' },
  { key: 'ownerPhone', label: '房主电话', anchor: 'field-addr-phone' },
  { key: 'reason', label: '修改原因', anchor: 'field-addr-reason' },
]

export interface AddressFormProps {
  villages: readonly Village[]
  /** The address being corrected; none for a new one. */
  current?: AddressListItem
  defaultVillageId?: string
  onSaved: (saved: AddressListItem) => void
  onCancel: () => void
}

export default function AddressForm({ villages, current, defaultVillageId, onSaved, onCancel }: AddressFormProps) {
  const [values, setValues] = useState<AddressValues>(() => ({
    villageId: current?.villageId ?? defaultVillageId ?? villages[0]?.id ?? '',
    group: current?.group ?? '',
    number: current?.number ?? '',
    room: current?.room ?? '',
    use: current?.house.use ?? 'own',
    ownerName: current?.house.ownerName ?? '',
    // Corrections are made from the household's detail view, where the phone is whole (that view is audited); the
    // save writes every field, so what is not changed is sent back as it was.
    ownerPhone: current?.house.ownerPhone ?? '',
    reason: '',
  }))
  const form = useFormErrors(FIELDS)
  const save = useAction()
  const set = <K extends keyof AddressValues>(key: K, value: AddressValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    form.clear(key)
  }
  const submit = async () => {
    const payload = {
      ...(current ? { id: current.id } : {}),
      villageId: values.villageId,
      group: values.group.trim(),
      number: values.number.trim(),
      room: values.room.trim(),
      use: values.use,
      ownerName: values.ownerName.trim(),
      ownerPhone: values.ownerPhone.trim(),
      reason: values.reason.trim(),
      ...(current?.location ? { location: current.location } : {}),
    }
    const found = withMissing(formErrors(householdsActions['households.saveAddress'].request, payload), values, { group: '社', number: '门牌号' })
    if (current && !payload.reason) found.reason = '改地址要写一句原因，比如：门牌号写错了'
    if (form.show(found)) return
    const saved = await save.run(() => call('households.saveAddress', payload), {
      intent: JSON.stringify(payload),
      onError: (err) => form.show(err.field && FIELDS.some((f) => f.key === err.field) ? { [err.field]: err.message } : { [FORM_KEY]: err.message }),
    })
    if (saved) onSaved(saved)
  }
  return (
    <View className='fq-card' id='address-form'>
      <Text className='fq-title'>{current ? '改这个地址' : '新增地址'}</Text>
      <Field label='村' error={form.errors.villageId} id='field-addr-village'>
        <VillagePicker id='input-addr-village' villages={villages} value={values.villageId} onChange={(v) => set('villageId', v)} />
      </Field>
      <Field label='社' error={form.errors.group} id='field-addr-group' hint='写“三社”或“3社”都行'>
        <Input id='input-addr-group' value={values.group} maxlength={10} placeholder='比如：三社' onInput={(e) => set('group', e.detail.value)} />
      </Field>
      <Field label='门牌号' error={form.errors.number} id='field-addr-number'>
        <Input id='input-addr-number' value={values.number} maxlength={20} placeholder='比如：12' onInput={(e) => set('number', e.detail.value)} />
      </Field>
      <Field label='户室号（可不填）' error={form.errors.room} id='field-addr-room'>
        <Input id='input-addr-room' value={values.room} maxlength={20} onInput={(e) => set('room', e.detail.value)} />
      </Field>
      <Text className='fq-field__label'>房屋用途</Text>
      <View className='fq-hh-chips' id='addr-use'>
        {HOUSE_USE_VALUES.map((u) => (
          <View key={u} id={`addr-use-${u}`} className={`fq-hh-chip${values.use === u ? ' fq-hh-chip--on' : ''}`} onClick={() => set('use', u)}>
            <Text>{HOUSE_USE_LABELS[u]}</Text>
          </View>
        ))}
      </View>
      <Field label='房主姓名（可不填）' error={form.errors.ownerName} id='field-addr-owner'>
        <Input id='input-addr-owner' value={values.ownerName} maxlength={20} onInput={(e) => set('ownerName', e.detail.value)} />
      </Field>
      <Field label='房主电话（可不填）' error={form.errors.ownerPhone} id='field-addr-phone'>
        <Input id='input-addr-phone' type='number' value={values.ownerPhone} maxlength={11} onInput={(e) => set('ownerPhone', e.detail.value)} />
      </Field>
      {current ? (
        <Field label='为什么改' error={form.errors.reason} id='field-addr-reason'>
          <Input id='input-addr-reason' value={values.reason} maxlength={200} placeholder='比如：门牌号写错了' onInput={(e) => set('reason', e.detail.value)} />
        </Field>
      ) : null}
      <FormErrorSummary id='address-errors' state={form} fields={FIELDS} />
      <BigButton id='address-save' busy={save.busy} onClick={() => void submit()}>
        保存
      </BigButton>
      <BigButton kind='plain' id='address-cancel' onClick={onCancel}>
        不改了
      </BigButton>
    </View>
  )
}
