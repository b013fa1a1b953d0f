// 上门办理: for people who cannot come to the station. Says who qualifies in plain words, then asks why, where and
// which days suit; an officer calls back with a time. The form is kept on the phone until it is sent.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import { Input, Text, View } from '@tarojs/components'
import * as v from 'valibot'
import type { Catalog, HomeVisitView, ScheduleView } from '@contract/services'
import { HOME_VISIT_AGE_MAX, HOME_VISIT_AGE_MIN } from '@contract/services'
import type { Profile, Station } from '@contract/account'
import { mobile, personName } from '@contract/fields'
import { HOME_VISIT_BASES, type HomeVisitBasis, type HomeVisitRules } from '@domain/schedule'
import { addDays, stationDay } from '@domain/station-time'
import { homeVisitRefusal } from '@domain/home-visits'
import PageShell, { ErrorView } from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import VillagePicker from '@/components/VillagePicker'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { formErrors, withMissing } from '@/services/formErrors'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { newRequestId } from '@/services/requestId'
import { dayLabel } from '@/services/dayLabels'
import SentCard from '../shared/SentCard'
import '../shared/booking.scss'
import TextArea from '@/components/TextArea'
import StationCard from '@/components/StationCard'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'

/** Preferred days offered: tomorrow and the two weeks after. */
const PREFERRED_SPAN = 14
const PREFERRED_MAX = 5

interface HomeVisitDraft {
  basis: HomeVisitBasis | ''
  age: string
  reason: string
  name: string
  phone: string
  villageId: string
  address: string
  preferredDays: string[]
  requestId: string
}

interface Setup {
  catalog: Catalog
  schedule: ScheduleView
  me: Profile
  station: Station
}

const contactSchema = v.object({ name: personName, phone: mobile })
// The draft key keeps its first spelling: drafts already on phones are stored under it (see README, Names).
const draftName = (serviceId: string) => `services-doorstep-${serviceId}`

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'basis', label: '为什么上门', anchor: 'home-visit-basis-card' },
  { key: 'age', label: '年纪', anchor: 'field-home-visit-age' },
  { key: 'reason', label: '要办什么', anchor: 'field-home-visit-reason' },
  { key: 'villageId', label: '所在村', anchor: 'field-home-visit-village' },
  { key: 'address', label: '住址', anchor: 'field-home-visit-address' },
  { key: 'preferredDays', label: '方便的日子', anchor: 'home-visit-days-card' },
  { key: 'name', label: '姓名', anchor: 'field-home-visit-name' },
  { key: 'phone', label: '手机号', anchor: 'field-home-visit-phone' },
]

export function basisLabel(basis: HomeVisitBasis, rules: Pick<HomeVisitRules, 'minAge'>): string {
  return basis === 'elderly' ? `${rules.minAge}岁以上老人` : HOME_VISIT_BASES[basis]
}

/** Where to come, when the page was opened from a doorplate scan (`?villageId=&address=`): the plate's address. */
interface PlacePrefill {
  villageId?: string
  address?: string
  /** The plate's standard address (一标); sent while the address is still the plate's. */
  addressId?: string
}

function HomeVisitForm({ setup, serviceId, place }: { setup: Setup; serviceId: string; place?: PlacePrefill }) {
  const service = setup.catalog.services.find((s) => s.id === serviceId)
  const rules = setup.schedule.schedule.homeVisit
  const allowed = (service?.homeVisitFor ?? []).filter((b) => rules.bases.includes(b))
  const { draft, setDraft, clear: clearKept } = useDraft<HomeVisitDraft>(draftName(serviceId), () => ({
    basis: allowed.length === 1 ? allowed[0] : '',
    age: '',
    reason: '',
    name: setup.me.name,
    phone: setup.me.phone,
    villageId: place?.villageId || setup.me.villageId,
    address: place?.address || setup.me.address,
    preferredDays: [],
    requestId: newRequestId(),
  }))
  const form = useFormErrors(FIELDS)
  const { errors } = form
  const sending = useAction()
  const busy = sending.busy
  const [sent, setSent] = useState<HomeVisitView>()

  if (!service || !service.kinds.includes('home_visit') || allowed.length === 0) {
    return <ErrorView message='这项业务不能上门办理。请预约到派出所办，或请家人代办。' exits={[{ text: '回办事，换一项', onTap: () => void Taro.switchTab({ url: '/pages/services/index' }) }]} />
  }

  const who = allowed.map((b) => basisLabel(b, rules)).join('、')
  const today = stationDay(new Date())
  const offered = Array.from({ length: PREFERRED_SPAN }, (_, i) => addDays(today, i + 1))
  const villages = setup.station.villages

  const set = <K extends keyof HomeVisitDraft>(field: K, value: HomeVisitDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }))
    form.clear(field)
  }
  const toggleDay = (d: string) => {
    if (draft.preferredDays.includes(d)) set('preferredDays', draft.preferredDays.filter((x) => x !== d))
    else if (draft.preferredDays.length >= PREFERRED_MAX) form.show({ ...errors, preferredDays: `最多选${PREFERRED_MAX}天，先点掉一天再选` })
    else set('preferredDays', [...draft.preferredDays, d].sort())
  }

  const submit = async () => {
    const found = withMissing(formErrors(contactSchema, draft), draft, { name: '姓名', phone: '手机号' })
    const age = draft.age.trim() === '' ? undefined : Number(draft.age.trim())
    if (!draft.basis) found.basis = '请选一下为什么需要上门'
    else if (draft.basis === 'elderly' && age !== undefined && (!Number.isInteger(age) || age < HOME_VISIT_AGE_MIN || age > HOME_VISIT_AGE_MAX)) {
      found.age = '年龄填错了，请填老人的实际岁数，例如 78'
    } else {
      const refusal = homeVisitRefusal(rules, service.homeVisitFor, draft.basis, age)
      if (refusal) found[draft.basis === 'elderly' ? 'age' : 'basis'] = refusal
    }
    if (!draft.reason.trim()) found.reason = '请写一下要办什么、家里什么情况'
    if (!draft.villageId) found.villageId = '请选择所在村'
    if (!draft.address.trim()) found.address = '请写清楚住址，民警好找'
    if (draft.preferredDays.length === 0) found.preferredDays = '请至少选一个方便的日子'
    if (form.show(found) || !draft.basis) return
    const basis = draft.basis
    if (!(await requireConsent())) {
      form.show({ [FORM_KEY]: CONSENT_REFUSED })
      return
    }
    // The draft's own request id: a retry, even after the app was closed, files one visit.
    const visit = await sending.run(
      () => call(
        'services.requestHomeVisit',
        {
          serviceId,
          reason: draft.reason.trim(),
          basis,
          ...(age !== undefined && Number.isFinite(age) ? { age } : {}),
          name: draft.name.trim(),
          phone: draft.phone.trim(),
          villageId: draft.villageId,
          address: draft.address.trim(),
          preferredDays: draft.preferredDays,
          ...(place?.addressId && place.address && draft.address.trim() === place.address.trim() ? { addressId: place.addressId } : {}),
        },
        { requestId: draft.requestId },
      ),
      { onError: (err) => form.show(err.field && FIELDS.some((f) => f.key === err.field) ? { [err.field]: err.message } : { [FORM_KEY]: err.message }) },
    )
    if (!visit) return
    clearKept()
    setSent(visit)
  }

  if (sent) {
    return (
      <SentCard id='home-visit-done' title='上门申请交上了' templates={setup.catalog.templates} ask={{ id: 'ask-progress', label: '安排好了通知我', purposes: ['progress', 'reminder'] }}>
        <Text>民警会打电话和您约具体时间。安排好了在“我的办事”里能看到。</Text>
      </SentCard>
    )
  }

  return (
    <View id='home-visit-form'>
      <View className='fq-card'>
        <Text className='fq-title' id='home-visit-service'>
          上门办理：{service.name}
        </Text>
        <Text className='fq-book__note' id='home-visit-who'>
          {`谁可以申请：${who}。家里有这样的人、来不了派出所的，民警上门给办。`}
        </Text>
        <Text className='fq-muted'>不是这种情况的，可以预约到派出所办，或请家人代办。</Text>
      </View>

      <View className='fq-card' id='home-visit-basis-card'>
        <Text className='fq-title'>1 为什么需要上门</Text>
        <View className='fq-choices' id='home-visit-basis'>
          {allowed.map((b) => (
            <View key={b} id={`basis-${b}`} className={`fq-choice${draft.basis === b ? ' fq-choice--on' : ''}`} onClick={() => set('basis', b)}>
              <Text>{basisLabel(b, rules)}</Text>
            </View>
          ))}
        </View>
        {errors.basis ? <Text className='fq-field__error'>{errors.basis}</Text> : null}
        {draft.basis === 'elderly' ? (
          <Field label='老人多大年纪' error={errors.age} id='field-home-visit-age'>
            <Input id='input-home-visit-age' type='number' value={draft.age} placeholder='例如：78' maxlength={3} onInput={(e) => set('age', e.detail.value)} />
          </Field>
        ) : null}
        <Field label='要办什么、家里什么情况' error={errors.reason} id='field-home-visit-reason'>
          <TextArea id='input-home-visit-reason' value={draft.reason} placeholder='例如：父亲78岁腿脚不便，身份证过期要换' maxLength={200} onInput={(t) => set('reason', t)} />
        </Field>
      </View>

      <View className='fq-card'>
        <Text className='fq-title'>2 到哪里</Text>
        <Field label='所在村' error={errors.villageId} id='field-home-visit-village'>
          <VillagePicker id='input-home-visit-village' villages={villages} value={draft.villageId} onChange={(id) => set('villageId', id)} />
        </Field>
        <Field label='住址' error={errors.address} id='field-home-visit-address' hint='几组几号，门口有什么好认的'>
          <Input id='input-home-visit-address' value={draft.address} placeholder='例如：三组12号' maxlength={100} onInput={(e) => set('address', e.detail.value)} />
        </Field>
      </View>

      <View className='fq-card' id='home-visit-days-card'>
        <Text className='fq-title'>3 哪几天方便（最多选{PREFERRED_MAX}天）</Text>
        <View className='fq-choices' id='home-visit-days'>
          {offered.map((d) => (
            <View key={d} id={`pref-${d}`} className={`fq-choice${draft.preferredDays.includes(d) ? ' fq-choice--on' : ''}`} onClick={() => toggleDay(d)}>
              <Text>{dayLabel(d)}</Text>
            </View>
          ))}
        </View>
        {errors.preferredDays ? <Text className='fq-field__error'>{errors.preferredDays}</Text> : null}
      </View>

      <View className='fq-card'>
        <Text className='fq-title'>4 联系谁</Text>
        <Field label='姓名' error={errors.name} id='field-home-visit-name'>
          <Input id='input-home-visit-name' value={draft.name} placeholder='姓名' maxlength={20} onInput={(e) => set('name', e.detail.value)} />
        </Field>
        <Field label='手机号' error={errors.phone} id='field-home-visit-phone'>
          <Input id='input-home-visit-phone' type='number' value={draft.phone} placeholder='11位手机号' maxlength={11} onInput={(e) => set('phone', e.detail.value)} />
        </Field>
      </View>

      <FormErrorSummary id='home-visit-error' state={form} fields={FIELDS} />
      <BigButton id='submit-home-visit' busy={busy} onClick={() => void submit()}>
        申请民警上门
      </BigButton>
      <StationCard station={setup.station} />
    </View>
  )
}

export default function HomeVisitPage() {
  const params = routeParams(useRouter().params)
  const serviceId = params.serviceId ?? ''
  const setup = useAsync<Setup>(async () => {
    const [catalog, schedule, me, station] = await Promise.all([call('services.catalog', {}), call('services.schedule', {}), call('account.me', {}), loadStation()])
    return { catalog, schedule, me, station }
  }, [serviceId])
  return (
    <PageShell id='page-home-visit' state={setup}>
      {setup.data ? <HomeVisitForm setup={setup.data} serviceId={serviceId} place={{ villageId: params.villageId, address: params.address, addressId: params.addressId }} /> : null}
    </PageShell>
  )
}
