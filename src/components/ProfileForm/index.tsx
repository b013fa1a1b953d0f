// The profile form: name, mobile, village, address. Checks with the server's own rules before sending,
// keeps a draft on the phone, and shows the server's answer next to the field it is about.
import { Input, Text, View } from '@tarojs/components'
import { accountActions, type Profile, type Village } from '@contract/account'
import type { ActionRequest } from '@contract'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import VillagePicker from '@/components/VillagePicker'
import { call } from '@/services/client'
import { hasDraft } from '@/services/drafts'
import { useDraft } from '@/hooks/useDraft'
import { formErrors, withMissing } from '@/services/formErrors'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { useAction } from '@/hooks/useAction'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'
import { toast } from '@/services/toast'
import './index.scss'

export const PROFILE_DRAFT = 'profile'

type ProfileInput = Required<ActionRequest<'account.updateProfile'>>

export interface ProfileFormProps {
  profile: Profile
  villages: readonly Village[]
  onSaved: (profile: Profile) => void
  onCancel?: () => void
}

const RESIDENT_FIELDS: readonly FormFieldInfo[] = [
  { key: 'name', label: '姓名', anchor: 'field-name' },
  { key: 'phone', label: '手机号', anchor: 'field-phone' },
  { key: 'villageId', label: '所在村', anchor: 'field-village' },
  { key: 'address', label: '住址', anchor: 'field-address' },
]

const STAFF_FIELDS: readonly FormFieldInfo[] = [
  { key: 'name', label: '姓名', anchor: 'field-name' },
  { key: 'phone', label: '手机号', anchor: 'field-phone' },
  { key: 'badgeNo', label: '警号', anchor: 'field-badge' },
]

export function hasProfileDraft(): boolean {
  return hasDraft(PROFILE_DRAFT)
}

export default function ProfileForm({ profile, villages, onSaved, onCancel }: ProfileFormProps) {
  // Staff work for the whole jurisdiction: they are asked for name, phone and (optionally) 警号, not a village.
  const staff = profile.role !== 'resident'
  const fields = staff ? STAFF_FIELDS : RESIDENT_FIELDS
  const { draft: values, setDraft: setValues, clear: clearProfileDraft } = useDraft<ProfileInput>(PROFILE_DRAFT, () => ({
    name: profile.name,
    phone: profile.phone,
    villageId: profile.villageId,
    address: profile.address,
    badgeNo: profile.badgeNo ?? '',
  }))
  const form = useFormErrors(fields)
  const { errors } = form
  // Pressing 保存 again after a network failure with the same content reuses the request id.
  const saving = useAction()

  const set = (field: keyof ProfileInput, value: string) => {
    setValues({ ...values, [field]: value })
    form.clear(field)
  }

  const save = async () => {
    const found = withMissing(formErrors(accountActions['account.updateProfile'].request, values), values, { name: '姓名', phone: '手机号' })
    if (!values.villageId && !staff) found.villageId = '请选择所在村'
    if (form.show(found)) return
    if (!(await requireConsent())) {
      form.show({ [FORM_KEY]: CONSENT_REFUSED })
      return
    }
    const { badgeNo, ...residentValues } = values
    const payload: ActionRequest<'account.updateProfile'> = staff ? { ...residentValues, badgeNo } : residentValues
    const saved = await saving.run((requestId) => call('account.updateProfile', payload, { requestId }), {
      intent: JSON.stringify(payload),
      onError: (err) => form.show(err.field && err.field in values ? { [err.field]: err.message } : { [FORM_KEY]: err.message }),
    })
    if (!saved) return
    clearProfileDraft()
    toast('已保存', { kind: 'success' })
    onSaved(saved)
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
      {staff ? (
        <Field label='警号（可不填）' error={errors.badgeNo} id='field-badge' hint='填了，群众和同事更好认'>
          <Input id='input-badge' value={values.badgeNo} placeholder='例如：012345' maxlength={12} onInput={(e) => set('badgeNo', e.detail.value)} />
        </Field>
      ) : (
        <>
          <Field label='所在村' error={errors.villageId} id='field-village'>
            <VillagePicker id='input-village' villages={villages} value={values.villageId} onChange={(id) => set('villageId', id)} />
          </Field>
          <Field label='住址（可不填）' error={errors.address} id='field-address' hint='例如：三组12号'>
            <Input id='input-address' value={values.address} placeholder='几组几号' maxlength={100} onInput={(e) => set('address', e.detail.value)} />
          </Field>
        </>
      )}
      <FormErrorSummary id='form-error' state={form} fields={fields} />
      <BigButton id='save-profile' busy={saving.busy} onClick={() => void save()}>
        保存
      </BigButton>
      {onCancel ? (
        <BigButton
          kind='plain'
          onClick={() => {
            clearProfileDraft()
            onCancel()
          }}
        >
          不改了
        </BigButton>
      ) : null}
    </View>
  )
}
