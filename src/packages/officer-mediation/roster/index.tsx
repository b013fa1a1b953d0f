// 调解员名册: the 金银铜铁锡 mediators with role, village, specialties, load and record; add one or change one.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { MediatorView } from '@contract/mediation'
import { DISPUTE_KINDS, MEDIATOR_KINDS, MEDIATOR_ROLES, type DisputeKind, type MediatorKind, type MediatorRole } from '@domain/mediation'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import '@/components/MediationCase/mediation.scss'

interface Editing {
  id?: string
  name: string
  kind: MediatorKind
  role: MediatorRole
  villageId: string
  group: string
  specialties: DisputeKind[]
  relatives: string
  active: boolean
}

function blank(): Editing {
  return { name: '', kind: 'copper', role: 'people_mediator', villageId: '', group: '', specialties: [], relatives: '', active: true }
}

function MediatorForm({ initial, onSaved }: { initial: Editing; onSaved: () => void }) {
  const [m, setM] = useState(initial)
  const act = useAction()
  const station = useStation()
  const villages = [{ id: '', name: '不在村里' }, ...(station.data?.villages ?? [])]
  const save = async () => {
    const relatives = m.relatives.split(/[,，、\s]+/).filter(Boolean)
    const res = await act.run(() => call('mediation.saveMediator', { ...(m.id ? { id: m.id } : {}), name: m.name, kind: m.kind, role: m.role, villageId: m.villageId, group: m.group, specialties: m.specialties, relatives, active: m.active }))
    if (res) onSaved()
  }
  const chip = (on: boolean) => `fq-med-chip${on ? ' fq-med-chip--on' : ''}`
  return (
    <View className='fq-card' id='mediator-form'>
      <Field label='姓名' id='field-mediator-name' error={act.field === 'name' ? act.error : undefined}>
        <Input id='input-mediator-name' className='fq-med-input' value={m.name} maxlength={20} onInput={(e) => setM({ ...m, name: e.detail.value })} />
      </Field>
      <Field label='金银铜铁锡' id='field-mediator-kind'>
        <View className='fq-med-chips'>
          {MEDIATOR_KINDS.map((k) => (
            <View key={k.value} id={`mediator-kind-${k.value}`} className={chip(m.kind === k.value)} onClick={() => setM({ ...m, kind: k.value })}>
              <Text className='fq-med-chip__name'>{k.motto}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='身份' id='field-mediator-role'>
        <View className='fq-med-chips'>
          {MEDIATOR_ROLES.map((r) => (
            <View key={r.value} id={`mediator-role-${r.value}`} className={chip(m.role === r.value)} onClick={() => setM({ ...m, role: r.value })}>
              <Text className='fq-med-chip__name'>{r.label}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='住在哪个村' id='field-mediator-village'>
        <View className='fq-med-chips'>
          {villages.map((v) => (
            <View key={v.id || 'none'} className={chip(m.villageId === v.id)} onClick={() => setM({ ...m, villageId: v.id })}>
              <Text className='fq-med-chip__name'>{v.name}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='几社（用来回避同社当事人）' id='field-mediator-group'>
        <Input id='input-mediator-group' className='fq-med-input' value={m.group} maxlength={10} onInput={(e) => setM({ ...m, group: e.detail.value })} />
      </Field>
      <Field label='擅长' id='field-mediator-specialties'>
        <View className='fq-med-chips'>
          {DISPUTE_KINDS.map((k) => (
            <View key={k.value} className={chip(m.specialties.includes(k.value))} onClick={() => setM({ ...m, specialties: m.specialties.includes(k.value) ? m.specialties.filter((x) => x !== k.value) : [...m.specialties, k.value] })}>
              <Text className='fq-med-chip__name'>{k.label}</Text>
            </View>
          ))}
        </View>
      </Field>
      <Field label='在辖区的亲属姓名（用来回避，用顿号隔开）' id='field-mediator-relatives' error={act.field?.startsWith('relatives') ? act.error : undefined}>
        <Input id='input-mediator-relatives' className='fq-med-input' value={m.relatives} maxlength={200} onInput={(e) => setM({ ...m, relatives: e.detail.value })} />
      </Field>
      {act.error && act.field !== 'name' && !act.field?.startsWith('relatives') ? <Text className='fq-med-error'>{act.error}</Text> : null}
      <BigButton id='mediator-save' busy={act.busy} onClick={() => void save()}>
        保存
      </BigButton>
    </View>
  )
}

function edit(v: MediatorView): Editing {
  return { id: v.id, name: v.name, kind: v.kind, role: v.role, villageId: v.villageId, group: v.group, specialties: v.specialties, relatives: v.relatives.join('、'), active: v.active }
}

export default function RosterPage() {
  const roster = useCall('mediation.roster', {})
  const [editing, setEditing] = useState<Editing>()
  const saved = () => {
    setEditing(undefined)
    void roster.reload()
  }
  return (
    <PageShell id='page-mediation-roster' state={roster}>
      {editing ? <MediatorForm initial={editing} onSaved={saved} /> : <BigButton id='mediator-add' onClick={() => setEditing(blank())}>添加调解员</BigButton>}
      {(roster.data?.mediators ?? []).map((m) => (
        <View className='fq-med-card' key={m.id} id={`mediator-${m.id}`} onClick={() => setEditing(edit(m))}>
          <Text className='fq-med-card__title'>{`${m.name}　${m.kindLabel}`}</Text>
          <Text className='fq-med-card__line'>{`${m.roleLabel}　${m.villageName}${m.group}　${m.phone}`}</Text>
          <Text className='fq-med-card__line'>{`擅长：${m.specialties.map((s) => DISPUTE_KINDS.find((k) => k.value === s)?.label ?? s).join('、') || '—'}`}</Text>
          <Text className='fq-med-card__line'>{`在办 ${m.activeCases} 件，调成 ${m.successfulCases}/${m.closedCases} 件${m.active ? '' : '，已停用'}`}</Text>
        </View>
      ))}
    </PageShell>
  )
}
