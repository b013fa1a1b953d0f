// The last step of booking: what to bring, who comes, and one 确认预约 whose request id is kept for the
// same intent, so pressing it again after a failure never books twice.
import { useState } from 'react'
import * as v from 'valibot'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { BookingView, ServiceInfo, SlotView } from '@contract/services'
import { mobile, personName } from '@contract/fields'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import { formErrors, type FieldErrors } from '@/services/formErrors'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'
import { dayLabel } from '@/services/dayLabels'
import Materials from './Materials'

const personSchema = v.object({ name: personName, phone: mobile })

export interface Person {
  name: string
  phone: string
}

export interface BookingConfirmProps {
  service: ServiceInfo
  slot: SlotView
  person: Person
  onBooked: (booking: BookingView) => void
  /** The slot filled up (or closed) meanwhile: go back and pick another. */
  onSlotGone: (message: string) => void
  onBack?: () => void
}

export default function BookingConfirm({ service, slot, person, onBooked, onSlotGone, onBack }: BookingConfirmProps) {
  const [values, setValues] = useState<Person>(person)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<{ message: string; conflict: boolean }>()
  const booking = useAction()

  const set = (field: keyof Person, value: string) => {
    setValues((x) => ({ ...x, [field]: value }))
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const book = async () => {
    setFailure(undefined)
    const found = formErrors(personSchema, values)
    if (Object.keys(found).length > 0) {
      setErrors(found)
      return
    }
    if (!(await requireConsent())) {
      setFailure({ message: CONSENT_REFUSED, conflict: false })
      return
    }
    const payload = { serviceId: service.id, slot: slot.key, name: values.name.trim(), phone: values.phone.trim() }
    const booked = await booking.run((requestId) => call('services.book', payload, { requestId }), {
      intent: JSON.stringify(payload),
      onError: (err) => {
        if (err.code === 'slot_full') onSlotGone(err.message)
        else if (err.field === 'name' || err.field === 'phone') setErrors({ [err.field]: err.message })
        else setFailure({ message: err.code === 'network' ? `${err.message}。再点一次“确认预约”不会约两次。` : err.message, conflict: err.code === 'conflict' })
      },
    })
    if (booked) onBooked(booked)
  }

  return (
    <View id='booking-confirm'>
      <View className='fq-card'>
        <Text className='fq-title'>请核对</Text>
        <View className='fq-book__line'>
          <Text className='fq-book__key'>业务</Text>
          <Text id='confirm-service'>{service.name}</Text>
        </View>
        <View className='fq-book__line'>
          <Text className='fq-book__key'>日子</Text>
          <Text id='confirm-day'>{dayLabel(slot.key.slice(0, 10))}</Text>
        </View>
        <View className='fq-book__line'>
          <Text className='fq-book__key'>时间</Text>
          <Text id='confirm-time'>
            {slot.time}-{slot.endTime}
            {slot.mark ? `（${slot.mark}）` : ''}
          </Text>
        </View>
      </View>
      <Materials materials={service.materials} />
      <View className='fq-card'>
        <Field label='来办事的人' error={errors.name} id='field-book-name'>
          <Input id='input-book-name' value={values.name} placeholder='姓名' maxlength={20} onInput={(e) => set('name', e.detail.value)} />
        </Field>
        <Field label='手机号' error={errors.phone} id='field-book-phone' hint='有变动时派出所打这个电话'>
          <Input id='input-book-phone' type='number' value={values.phone} placeholder='11位手机号' maxlength={11} onInput={(e) => set('phone', e.detail.value)} />
        </Field>
      </View>
      {failure ? (
        <Text className='fq-book__error' id='book-error'>
          {failure.message}
        </Text>
      ) : null}
      {failure?.conflict ? (
        <BigButton id='confirm-go-mine' kind='plain' onClick={() => void Taro.navigateTo({ url: '/packages/booking/mine/index' })}>
          看我的办事
        </BigButton>
      ) : null}
      <BigButton id='confirm-book' busy={booking.busy} onClick={() => void book()}>
        确认预约
      </BigButton>
      {onBack ? (
        <BigButton id='confirm-back' kind='plain' onClick={onBack}>
          换个时间
        </BigButton>
      ) : null}
    </View>
  )
}
