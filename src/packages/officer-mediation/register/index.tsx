// 登记调解: an officer registers a walk-in, a 110 call, a home visit, a report that is really a dispute, or a brewing
// conflict for the 排查台账 (logged by a 治安户长, 网格员 or officer before anyone files anything).
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { CASE_SOURCES, DISPUTE_KINDS, OFFICER_SOURCE_VALUES, type DisputeKind } from '@domain/mediation'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import '@/components/MediationCase/mediation.scss'

type Source = (typeof OFFICER_SOURCE_VALUES)[number]

export default function RegisterPage() {
  const { params } = useRouter()
  const station = useStation()
  const act = useAction()
  const [source, setSource] = useState<Source>(params.source === 'screening' ? 'screening' : 'walk_in')
  const [kind, setKind] = useState<DisputeKind>('neighbour')
  const [villageId, setVillageId] = useState('')
  const [f, setF] = useState({ name: '', phone: '', otherName: '', otherPhone: '', what: '', place: '', reportId: '', reportedBy: '' })
  const set = (k: keyof typeof f) => (e: { detail: { value: string } }) => setF({ ...f, [k]: e.detail.value })
  const err = (field: string) => (act.field === field ? act.error : undefined)
  const submit = async () => {
    const res = await act.run((requestId) =>
      call(
        'mediation.register',
        {
          source,
          kind,
          villageId,
          applicant: { name: f.name, phone: f.phone, villageId },
          other: { name: f.otherName, ...(f.otherPhone ? { phone: f.otherPhone } : {}), villageId },
          what: f.what,
          place: f.place,
          ...(source === 'report' ? { reportId: f.reportId } : {}),
          ...(f.reportedBy ? { reportedBy: f.reportedBy } : {}),
        },
        { requestId },
      ),
    )
    if (res) void Taro.redirectTo({ url: `/packages/officer-mediation/detail/index?id=${res.id}` })
  }
  const chip = (on: boolean) => `fq-med-chip${on ? ' fq-med-chip--on' : ''}`
  return (
    <PageShell id='page-mediation-register' state={station}>
      <Field label='从哪来的' id='field-source'>
        <View className='fq-med-chips'>
          {CASE_SOURCES.filter((s) => (OFFICER_SOURCE_VALUES as readonly string[]).includes(s.value)).map((s) => (
            <View key={s.value} id={`source-${s.value}`} className={chip(source === s.value)} onClick={() => setSource(s.value as Source)}>
              <Text className='fq-med-chip__name'>{s.label}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='哪一类' id='field-kind'>
        <View className='fq-med-chips'>
          {DISPUTE_KINDS.map((k) => (
            <View key={k.value} className={chip(kind === k.value)} onClick={() => setKind(k.value)}>
              <Text className='fq-med-chip__name'>{k.label}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='哪个村' id='field-villageId' error={err('villageId')}>
        <View className='fq-med-chips'>
          {(station.data?.villages ?? []).map((v) => (
            <View key={v.id} id={`village-${v.id}`} className={chip(villageId === v.id)} onClick={() => setVillageId(v.id)}>
              <Text className='fq-med-chip__name'>{v.name}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='一方姓名' id='field-name' error={err('applicant.name')}><Input id='input-name' className='fq-med-input' value={f.name} onInput={set('name')} /></Field>
      <Field label='一方手机号' id='field-phone' error={err('applicant.phone')}><Input id='input-phone' className='fq-med-input' type='number' value={f.phone} onInput={set('phone')} /></Field>
      <Field label='另一方姓名' id='field-otherName' error={err('other.name')}><Input id='input-otherName' className='fq-med-input' value={f.otherName} onInput={set('otherName')} /></Field>
      <Field label='另一方手机号（可不填）' id='field-otherPhone' error={err('other.phone')}><Input id='input-otherPhone' className='fq-med-input' type='number' value={f.otherPhone} onInput={set('otherPhone')} /></Field>
      <Field label='怎么回事' id='field-what' error={err('what')}><TextArea id='input-what' value={f.what} maxLength={500} onInput={(what) => setF({ ...f, what })} /></Field>
      <Field label='地点' id='field-place' error={err('place')}><Input id='input-place' className='fq-med-input' value={f.place} onInput={set('place')} /></Field>
      {source === 'report' ? <Field label='举报编号' id='field-reportId' error={err('reportId')}><Input id='input-reportId' className='fq-med-input' value={f.reportId} onInput={set('reportId')} /></Field> : null}
      {source === 'screening' ? <Field label='谁发现的（治安户长、网格员）' id='field-reportedBy'><Input id='input-reportedBy' className='fq-med-input' value={f.reportedBy} onInput={set('reportedBy')} /></Field> : null}
      {act.error && !act.field ? <Text className='fq-med-error' id='register-error'>{act.error}</Text> : null}
      <BigButton id='register-submit' busy={act.busy} onClick={() => void submit()}>
        {source === 'screening' ? '记入排查台账' : '登记'}
      </BigButton>
    </PageShell>
  )
}
