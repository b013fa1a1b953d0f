// 社的联系人: the 社区民警, 网格员 and 治安户长 a scan of any plate in this 社 shows. Each is a name and a phone together
// (or neither). What is typed stays on the phone as a draft; the submit carries the draft's requestId.
import { Input, Text, View } from '@tarojs/components'
import type { GroupView } from '@contract/households'
import { householdsActions } from '@contract/households'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { call } from '@/services/client'
import { formErrors, type FieldErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import '../shared/officer-hh.scss'

export interface GroupDraft {
  officerName: string
  officerPhone: string
  gridName: string
  gridPhone: string
  headName: string
  headPhone: string
  requestId: string
}

const ROLES = [
  { name: 'officerName', phone: 'officerPhone', label: '社区民警', anchor: 'group-officer' },
  { name: 'gridName', phone: 'gridPhone', label: '网格员', anchor: 'group-grid' },
  { name: 'headName', phone: 'headPhone', label: '治安户长', anchor: 'group-head' },
] as const

const FIELDS: readonly FormFieldInfo[] = ROLES.flatMap((r) => [
  { key: r.name, label: `${r.label}姓名`, anchor: r.anchor },
  { key: r.phone, label: `${r.label}电话`, anchor: r.anchor },
])

export function freshGroup(g: GroupView): GroupDraft {
  const c = g.contacts
  return {
    officerName: c.officer?.name ?? '',
    officerPhone: c.officer?.phone ?? '',
    gridName: c.gridWorker?.name ?? '',
    gridPhone: c.gridWorker?.phone ?? '',
    headName: c.securityHead?.name ?? '',
    headPhone: c.securityHead?.phone ?? '',
    requestId: newRequestId(),
  }
}

export default function GroupForm({ group, onSaved }: { group: GroupView; onSaved: (g: GroupView) => void }) {
  const { draft, setDraft, restored, clear } = useDraft<GroupDraft>(`officer-group-${group.villageId}-${group.group}`, () => freshGroup(group), {
    restore: (stored, fresh) => (typeof stored.requestId === 'string' ? { ...fresh, ...stored } : undefined),
  })
  const form = useFormErrors(FIELDS)
  const act = useAction()
  const set = (key: keyof Omit<GroupDraft, 'requestId'>, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(key)
  }
  const submit = async () => {
    const payload = {
      villageId: group.villageId,
      group: group.group,
      officerName: draft.officerName.trim(),
      officerPhone: draft.officerPhone.trim(),
      gridName: draft.gridName.trim(),
      gridPhone: draft.gridPhone.trim(),
      headName: draft.headName.trim(),
      headPhone: draft.headPhone.trim(),
    }
    const found: FieldErrors = formErrors(householdsActions['households.saveGroup'].request, payload)
    for (const r of ROLES) {
      if (payload[r.name] && !payload[r.phone] && !found[r.phone]) found[r.phone] = `请填${r.label}的电话，群众扫码要能打过去`
      if (payload[r.phone] && !payload[r.name] && !found[r.name]) found[r.name] = `请填${r.label}的姓名`
    }
    if (form.show(found)) return
    const saved = await act.run(() => call('households.saveGroup', payload, { requestId: draft.requestId }), {
      onError: (err) => form.show({ [err.field && FIELDS.some((f) => f.key === err.field) ? err.field : FORM_KEY]: err.code === 'network' ? '网络不好，没存上。填的还在手机上，有信号了再点一次。' : err.message }),
    })
    if (saved) {
      clear()
      onSaved(saved)
    }
  }
  return (
    <View id='group-form'>
      <View className='fq-card'>
        <Text className='fq-title'>{`${group.villageName}${group.group}的联系人`}</Text>
        <Text className='fq-muted'>{`共${group.households}户。谁扫这个社的门牌都能看到这几个人的电话，请填值班能接的号码。`}</Text>
        {restored ? (
          <Text className='fq-muted' id='group-restored'>
            上次没存的内容还在。
          </Text>
        ) : null}
      </View>
      {ROLES.map((r) => (
        <View className='fq-card' id={r.anchor} key={r.name}>
          <Text className='fq-title'>{r.label}</Text>
          <Field label='姓名' error={form.errors[r.name]} id={`field-${r.name}`}>
            <Input id={`input-${r.name}`} value={draft[r.name]} maxlength={20} placeholder='没有就空着' onInput={(e) => set(r.name, e.detail.value)} />
          </Field>
          <Field label='电话' error={form.errors[r.phone]} id={`field-${r.phone}`}>
            <Input id={`input-${r.phone}`} type='number' value={draft[r.phone]} maxlength={11} placeholder='11位手机号' onInput={(e) => set(r.phone, e.detail.value)} />
          </Field>
          {draft[r.name] || draft[r.phone] ? (
            <View className='fq-hh-small' id={`clear-${r.name}`} onClick={() => (set(r.name, ''), set(r.phone, ''))}>
              <Text>清空</Text>
            </View>
          ) : null}
        </View>
      ))}
      <FormErrorSummary id='group-errors' state={form} fields={FIELDS} />
      <BigButton id='group-save' busy={act.busy} onClick={() => void submit()}>
        保存联系人
      </BigButton>
    </View>
  )
}
