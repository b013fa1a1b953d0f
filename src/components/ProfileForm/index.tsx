// The profile form: name, mobile, village, address. Checks with the server's own rules before sending,
// keeps a draft on the phone, and shows the server's answer next to the field it is about.
import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { accountActions, type Profile, type Village } from '@contract/account'
import type { ActionRequest } from '@contract'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import VillagePicker from '@/components/VillagePicker'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import { formErrors, type FieldErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import './index.scss'

export const PROFILE_DRAFT = 'profile'

type ProfileInput = Required<ActionRequest<'account.updateProfile'>>

export interface ProfileFormProps {
  profile: Profile
  villages: readonly Village[]
  onSaved: (profile: Profile) => void
  onCancel?: () => void
}

export function hasProfileDraft(): boolean {
  return loadDraft<ProfileInput>(PROFILE_DRAFT) !== undefined
}

export default function ProfileForm({ profile, villages, onSaved, onCancel }: ProfileFormProps) {
  const [values, setValues] = useState<ProfileInput>(() => ({
    name: profile.name,
    phone: profile.phone,
    villageId: profile.villageId,
    address: profile.address,
    ...loadDraft<ProfileInput>(PROFILE_DRAFT),
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)
  // One request id per intent: pressing 保存 again after a network failure with the same content reuses it.
  const intent = useRef<{ key: string; id: string }>()

  const set = (field: keyof ProfileInput, value: string) => {
    const next = { ...values, [field]: value }
    setValues(next)
    saveDraft(PROFILE_DRAFT, next)
    if (errors[field]) setErrors({ ...errors, [field]: undefined })
  }

  const save = async () => {
    setFormError(undefined)
    const found = formErrors(accountActions['account.updateProfile'].request, values)
    if (!values.villageId) found.villageId = '请选择所在村'
    if (Object.keys(found).length > 0) {
      setErrors(found)
      return
    }
    const key = JSON.stringify(values)
    if (intent.current?.key !== key) intent.current = { key, id: newRequestId() }
    setSaving(true)
    try {
      const saved = await call('account.updateProfile', values, { requestId: intent.current.id })
      intent.current = undefined
      clearDraft(PROFILE_DRAFT)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(saved)
    } catch (e) {
      const err = toCallError(e)
      if (err.field && err.field in values) setErrors({ [err.field]: err.message })
      else setFormError(err.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='fq-card fq-profile-form' id='profile-form'>
      <Text className='fq-title'>填写我的资料</Text>
      <Field label='姓名' error={errors.name} id='field-name'>
        <Input id='input-name' value={values.name} placeholder='例如：张建国' maxlength={20} onInput={(e) => set('name', e.detail.value)} />
      </Field>
      <Field label='手机号' error={errors.phone} id='field-phone'>
        <Input id='input-phone' type='number' value={values.phone} placeholder='11位手机号' maxlength={11} onInput={(e) => set('phone', e.detail.value)} />
      </Field>
      <Field label='所在村' error={errors.villageId} id='field-village'>
        <VillagePicker id='input-village' villages={villages} value={values.villageId} onChange={(id) => set('villageId', id)} />
      </Field>
      <Field label='住址（可不填）' error={errors.address} id='field-address' hint='例如：三组12号'>
        <Input id='input-address' value={values.address} placeholder='几组几号' maxlength={100} onInput={(e) => set('address', e.detail.value)} />
      </Field>
      {formError ? (
        <Text className='fq-profile-form__error' id='form-error'>
          {formError}
        </Text>
      ) : null}
      <BigButton id='save-profile' busy={saving} onClick={() => void save()}>
        保存
      </BigButton>
      {onCancel ? (
        <BigButton
          kind='plain'
          onClick={() => {
            clearDraft(PROFILE_DRAFT)
            onCancel()
          }}
        >
          不改了
        </BigButton>
      ) : null}
    </View>
  )
}
