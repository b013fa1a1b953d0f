// 实有单位: an officer adds or corrects an organisation at an address (a 农资店 — the one pesticide reports name — a
// school, a workshop), with its contact. Drafted on the phone; the submit carries the draft's requestId, so a retry
// never registers the shop twice.
import { Input, Text, View } from '@tarojs/components'
import type { OrganisationView } from '@contract/households'
import { householdsActions } from '@contract/households'
import { ORG_KIND_LABELS, ORG_KIND_VALUES, type OrgKind } from '@domain/households'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { call } from '@/services/client'
import { formErrors, withMissing, type FieldErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import '../shared/officer-hh.scss'

export interface OrgDraft {
  kind: OrgKind | ''
  name: string
  contactName: string
  contactPhone: string
  note: string
  requestId: string
}

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'kind', label: '单位类别', anchor: 'field-org-kind' },
  { key: 'name', label: '单位名称', anchor: 'field-org-name' },
  { key: 'contactName', label: '联系人', anchor: 'field-org-contact' },
  { key: 'contactPhone', label: '联系电话', anchor: 'field-org-phone' },
  { key: 'note', label: '备注', anchor: 'field-org-note' },
]

export interface OrgPlace {
  addressId: string
  villageId: string
  group: string
  line: string
}

export default function OrgForm({ place, current, onSaved }: { place: OrgPlace; current?: OrganisationView; onSaved: (o: OrganisationView) => void }) {
  const { draft, setDraft, restored, clear } = useDraft<OrgDraft>(
    `officer-org-${current?.id ?? `new-${place.addressId}`}`,
    () => ({ kind: current?.kind ?? '', name: current?.name ?? '', contactName: current?.contactName ?? '', contactPhone: current?.contactPhone ?? '', note: current?.note ?? '', requestId: newRequestId() }),
    { restore: (stored, fresh) => (typeof stored.requestId === 'string' ? { ...fresh, ...stored } : undefined) },
  )
  const form = useFormErrors(FIELDS)
  const act = useAction()
  const set = <K extends keyof OrgDraft>(key: K, value: OrgDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(key)
  }
  const submit = async () => {
    const payload = {
      ...(current ? { id: current.id } : {}),
      kind: draft.kind as OrgKind,
      name: draft.name.trim(),
      addressId: place.addressId,
      villageId: place.villageId,
      group: place.group,
      contactName: draft.contactName.trim(),
      contactPhone: draft.contactPhone.trim(),
      note: draft.note.trim(),
    }
    const found: FieldErrors = {}
    for (const [path, message] of Object.entries(withMissing(formErrors(householdsActions['households.saveOrganisation'].request, payload), payload, { name: '单位名称' }))) {
      const key = FIELDS.some((f) => f.key === path) ? path : FORM_KEY
      if (message && !found[key]) found[key] = message
    }
    if (!draft.kind) found.kind = '请选一类，说不清就选“其他单位”'
    if (payload.contactPhone && !payload.contactName && !found.contactName) found.contactName = '请填这个电话是谁的'
    if (form.show(found)) return
    const saved = await act.run(() => call('households.saveOrganisation', payload, { requestId: draft.requestId }), {
      onError: (err) => form.show({ [err.field && FIELDS.some((f) => f.key === err.field) ? err.field : FORM_KEY]: err.code === 'network' ? '网络不好，没存上。填的还在手机上，有信号了再点一次。' : err.message }),
    })
    if (saved) {
      clear()
      onSaved(saved)
    }
  }
  return (
    <View id='org-form'>
      <View className='fq-card'>
        <Text className='fq-title'>{current ? `改 ${current.name}` : '登记单位'}</Text>
        <Text className='fq-hh-line' id='org-line'>
          {place.line || '这个地址'}
        </Text>
        {restored ? (
          <Text className='fq-muted' id='org-restored'>
            上次没存的内容还在，接着填就行。
          </Text>
        ) : null}
        <Field label='哪一类' error={form.errors.kind} id='field-org-kind'>
          <View className='fq-hh-chips' id='org-kinds'>
            {ORG_KIND_VALUES.map((k) => (
              <View key={k} id={`org-kind-${k}`} className={`fq-hh-chip${draft.kind === k ? ' fq-hh-chip--on' : ''}`} onClick={() => set('kind', k)}>
                <Text>{ORG_KIND_LABELS[k]}</Text>
              </View>
            ))}
          </View>
        </Field>
        <Field label='单位名称' error={form.errors.name} id='field-org-name' hint={draft.kind === 'agri_shop' ? '写招牌上的名字，群众举报假农药时会选它' : undefined}>
          <Input id='input-org-name' value={draft.name} maxlength={50} placeholder='比如：平川农资门市部' onInput={(e) => set('name', e.detail.value)} />
        </Field>
      </View>
      <View className='fq-card'>
        <Field label='联系人（可不填）' error={form.errors.contactName} id='field-org-contact'>
          <Input id='input-org-contact' value={draft.contactName} maxlength={20} placeholder='老板、校长或负责人' onInput={(e) => set('contactName', e.detail.value)} />
        </Field>
        <Field label='联系电话（可不填）' error={form.errors.contactPhone} id='field-org-phone'>
          <Input id='input-org-phone' type='number' value={draft.contactPhone} maxlength={11} placeholder='11位手机号' onInput={(e) => set('contactPhone', e.detail.value)} />
        </Field>
        <Field label='备注（可不填）' error={form.errors.note} id='field-org-note'>
          <TextArea id='input-org-note' value={draft.note} maxLength={200} minLines={2} placeholder='比如：卖化肥农药种子，有经营许可证' onInput={(t) => set('note', t)} />
        </Field>
      </View>
      <FormErrorSummary id='org-errors' state={form} fields={FIELDS} />
      <BigButton id='org-save' busy={act.busy} onClick={() => void submit()}>
        保存
      </BigButton>
    </View>
  )
}
