// 业务清单 (officer): the station's services as residents see them on the 办事 tab; open one to change its name, how
// it can be done (预约 / 代办 / 上门), its materials, how long it takes, who may ask for a home visit and whether it
// has 错时/延时 slots, or add a new one. Checked with the contract, confirmed, then saved with services.saveService;
// the form is kept on the phone until then.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import type { Catalog, ServiceInfo } from '@contract/services'
import { SERVICE_KINDS } from '@domain/service-kinds'
import { HOME_VISIT_BASES } from '@domain/schedule'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import ConfirmSheet from '@/components/ConfirmSheet'
import { useAction } from '@/hooks/useAction'
import {
  BASIS_ORDER,
  KIND_ORDER,
  checkService,
  draftName,
  emptyService,
  fromService,
  moveLine,
  newMaterialId,
  newServiceId,
  toPayload,
  type MaterialLine,
  type ServiceForm,
} from './form'
import { toast } from '@/services/toast'
import '../shared/officer.scss'
import './index.scss'

/** The catalog in the order residents see it. */
function ordered(services: readonly ServiceInfo[]): ServiceInfo[] {
  return [...services].sort((a, b) => a.order - b.order)
}

function kindsText(s: Pick<ServiceInfo, 'kinds'>): string {
  return KIND_ORDER.filter((k) => s.kinds.includes(k))
    .map((k) => SERVICE_KINDS[k].label)
    .join('、')
}

/** A yes/no choice as a large button: filled when chosen. */
function Toggle({ id, on, label, onTap }: { id: string; on: boolean; label: string; onTap: () => void }) {
  return (
    <View id={id} className={`fq-cat__choice${on ? ' fq-cat__choice--on' : ''}`} onClick={onTap}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}

function ServiceRow({ s, onEdit }: { s: ServiceInfo; onEdit: () => void }) {
  return (
    <View className={`fq-card fq-cat${s.active ? '' : ' fq-cat--off'}`} id={`service-${s.id}`}>
      <View className='fq-cat__head'>
        <Text className='fq-cat__name'>{s.name}</Text>
        {s.active ? null : <Text className='fq-cat__status'>已停用</Text>}
      </View>
      <Text className='fq-muted'>{`${kindsText(s)}　约${s.durationMinutes}分钟${s.afterHours ? '　有错时延时' : ''}`}</Text>
      <Text className='fq-muted'>{s.materials.length > 0 ? `材料${s.materials.length}项：${s.materials.map((m) => m.name).join('、')}` : '不用带材料'}</Text>
      <View className='fq-cat__choices'>
        <View className='fq-cat__choice fq-cat__choice--on' id={`edit-${s.id}`} onClick={onEdit}>
          <Text>修改</Text>
        </View>
      </View>
    </View>
  )
}

function MaterialRow({ m, i, count, error, onChange, onMove, onRemove }: {
  m: MaterialLine
  i: number
  count: number
  error?: string
  onChange: (patch: Partial<MaterialLine>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  return (
    <View className='fq-off__day' id={`material-${m.id}`}>
      <Field label={`第${i + 1}项`} error={error} id={`material-${m.id}-field`}>
        <Input id={`material-${m.id}-name`} value={m.name} maxlength={40} placeholder='例如：居民户口簿' onInput={(e) => onChange({ name: e.detail.value })} />
      </Field>
      <Field label='说明（可不填）' id={`material-${m.id}-note-field`}>
        <Input id={`material-${m.id}-note`} value={m.note} maxlength={60} placeholder='例如：原件和复印件各一份' onInput={(e) => onChange({ note: e.detail.value })} />
      </Field>
      <View className='fq-off__row'>
        <View id={`material-${m.id}-required`} className='fq-off__small' onClick={() => onChange({ required: !m.required })}>
          <Text>{m.required ? '必须带（点一下改成可不带）' : '可不带（点一下改成必须带）'}</Text>
        </View>
      </View>
      <View className='fq-off__row'>
        {i > 0 ? (
          <View id={`material-${m.id}-up`} className='fq-off__small' onClick={() => onMove(-1)}>
            <Text>上移</Text>
          </View>
        ) : null}
        {i < count - 1 ? (
          <View id={`material-${m.id}-down`} className='fq-off__small' onClick={() => onMove(1)}>
            <Text>下移</Text>
          </View>
        ) : null}
        <View id={`material-${m.id}-remove`} className='fq-off__small fq-off__small--danger' onClick={onRemove}>
          <Text>删掉这项</Text>
        </View>
      </View>
    </View>
  )
}

function ServiceEditor({ base, initial, restored, onSaved, onBack }: {
  /** The service as saved (or a blank new one): what "start over" goes back to. */
  base: ServiceForm
  /** What the form opens with: `base`, or a draft of it the phone kept. */
  initial: ServiceForm
  restored: boolean
  onSaved: (s: ServiceInfo) => void
  onBack: () => void
}) {
  const [form, setForm] = useState<ServiceForm>(initial)
  const [fromDraft, setFromDraft] = useState(restored)
  const fields: FormFieldInfo[] = [
    { key: 'name', label: '业务名称', anchor: 'field-name' },
    { key: 'summary', label: '简介', anchor: 'field-summary' },
    { key: 'duration', label: '办理时长', anchor: 'field-duration' },
    { key: 'kinds', label: '办理方式', anchor: 'field-kinds' },
    { key: 'homeVisitFor', label: '上门对象', anchor: 'field-home-visit' },
    ...form.materials.map((m, i) => ({ key: `materials.${m.id}`, label: `第${i + 1}项材料`, anchor: `material-${m.id}` })),
    { key: 'materials', label: '材料', anchor: 'field-materials' },
  ]
  const checks = useFormErrors(fields)
  const { errors } = checks
  const [confirming, setConfirming] = useState(false)
  const saving = useAction()
  const busy = saving.busy

  const update = (change: (f: ServiceForm) => ServiceForm, touched: string[]) => {
    setForm((f) => {
      const next = change(f)
      saveDraft(draftName(next), next)
      return next
    })
    checks.clear(...touched)
  }
  const set = (patch: Partial<ServiceForm>) => update((f) => ({ ...f, ...patch }), Object.keys(patch))
  const setLine = (id: string, patch: Partial<MaterialLine>) =>
    update((f) => ({ ...f, materials: f.materials.map((m) => (m.id === id ? { ...m, ...patch } : m)) }), [`materials.${id}`, 'materials'])
  const setLines = (change: (lines: MaterialLine[]) => MaterialLine[]) => update((f) => ({ ...f, materials: change(f.materials) }), ['materials'])

  const startOver = () => {
    clearDraft(draftName(base))
    setForm(base)
    setFromDraft(false)
    checks.show({})
  }

  const ask = () => {
    if (checks.show(checkService(form))) return
    setConfirming(true)
  }

  const save = async () => {
    const payload = toPayload(form)
    const saved = await saving.run((requestId) => call('services.saveService', payload, { requestId }), {
      intent: JSON.stringify(payload),
      onError: (err) => {
        setConfirming(false)
        const field = err.field?.split('.')[0]
        const key = field === 'durationMinutes' ? 'duration' : field
        checks.show(key && key !== 'id' && key in form ? { [key]: err.message } : { [FORM_KEY]: err.message })
      },
    })
    if (!saved) return
    clearDraft(draftName(form))
    setConfirming(false)
    toast('保存好了', { kind: 'success' })
    onSaved(saved)
  }

  const payload = toPayload(form)
  return (
    <View id='catalog-editor'>
      {fromDraft ? (
        <View className='fq-card' id='catalog-restored'>
          <Text className='fq-muted'>已恢复上次没保存的内容。</Text>
          <View className='fq-off__small' id='catalog-start-over' onClick={startOver}>
            <Text>不要了，重新开始</Text>
          </View>
        </View>
      ) : null}

      <View className='fq-card'>
        <Text className='fq-title'>{form.isNew ? '新增业务' : `修改：${base.name}`}</Text>
        <Field label='业务名称' error={errors.name} id='field-name'>
          <Input id='input-name' value={form.name} maxlength={20} placeholder='例如：户口迁移' onInput={(e) => set({ name: e.detail.value })} />
        </Field>
        <Field label='一句话简介（可不填）' error={errors.summary} hint='显示在“办事”页的业务方块上' id='field-summary'>
          <Input id='input-summary' value={form.summary} maxlength={60} placeholder='例如：迁入迁出、投靠亲属' onInput={(e) => set({ summary: e.detail.value })} />
        </Field>
        <Field label='办理时长（分钟）' error={errors.duration} hint='在窗口大约要多久，群众能看到' id='field-duration'>
          <Input id='input-duration' type='number' value={form.duration} maxlength={3} onInput={(e) => set({ duration: e.detail.value })} />
        </Field>
      </View>

      <View className='fq-card' id='field-kinds'>
        <Text className='fq-title'>怎么办理（可多选）</Text>
        <View className='fq-cat__choices'>
          {KIND_ORDER.map((k) => (
            <Toggle
              key={k}
              id={`kind-${k}`}
              on={form.kinds.includes(k)}
              label={SERVICE_KINDS[k].label}
              onTap={() => set({ kinds: form.kinds.includes(k) ? form.kinds.filter((x) => x !== k) : KIND_ORDER.filter((x) => x === k || form.kinds.includes(x)) })}
            />
          ))}
        </View>
        {errors.kinds ? (
          <Text className='fq-off__error' id='field-kinds-error'>
            {errors.kinds}
          </Text>
        ) : null}
        {form.kinds.includes('home_visit') ? (
          <View id='field-home-visit'>
            <Text className='fq-off__day-name'>哪些人可以请民警上门</Text>
            <View className='fq-cat__choices'>
              {BASIS_ORDER.map((b) => (
                <Toggle
                  key={b}
                  id={`basis-${b}`}
                  on={form.homeVisitFor.includes(b)}
                  label={HOME_VISIT_BASES[b]}
                  onTap={() => set({ homeVisitFor: form.homeVisitFor.includes(b) ? form.homeVisitFor.filter((x) => x !== b) : BASIS_ORDER.filter((x) => x === b || form.homeVisitFor.includes(x)) })}
                />
              ))}
            </View>
            {errors.homeVisitFor ? (
              <Text className='fq-off__error' id='field-home-visit-error'>
                {errors.homeVisitFor}
              </Text>
            ) : null}
          </View>
        ) : null}
        <View className='fq-row'>
          <Text>有中午错时、晚上延时和周末的时段</Text>
          <Switch id='input-after-hours' checked={form.afterHours} onChange={(e) => set({ afterHours: !!e.detail.value })} />
        </View>
        <View className='fq-row'>
          <Text>{form.active ? '群众能看到、能预约' : '已停用，群众看不到'}</Text>
          <Switch id='input-active' checked={form.active} onChange={(e) => set({ active: !!e.detail.value })} />
        </View>
      </View>

      <View className='fq-card' id='field-materials'>
        <Text className='fq-title'>要带的材料</Text>
        {form.materials.length === 0 ? <Text className='fq-muted'>不用带材料。</Text> : null}
        {form.materials.map((m, i) => (
          <MaterialRow
            key={m.id}
            m={m}
            i={i}
            count={form.materials.length}
            error={errors[`materials.${m.id}`]}
            onChange={(patch) => setLine(m.id, patch)}
            onMove={(by) => setLines((lines) => moveLine(lines, i, by))}
            onRemove={() => setLines((lines) => lines.filter((x) => x.id !== m.id))}
          />
        ))}
        {errors.materials ? (
          <Text className='fq-off__error' id='field-materials-error'>
            {errors.materials}
          </Text>
        ) : null}
        {form.materials.length < 20 ? (
          <View className='fq-off__small' id='material-add' onClick={() => setLines((lines) => [...lines, { id: newMaterialId(lines), name: '', required: true, note: '' }])}>
            <Text>+ 加一项材料</Text>
          </View>
        ) : null}
      </View>

      <FormErrorSummary id='catalog-error' state={checks} fields={fields} />
      <BigButton id='catalog-save' onClick={ask}>
        保存
      </BigButton>
      <BigButton id='catalog-back' kind='plain' onClick={onBack}>
        返回业务清单
      </BigButton>

      <ConfirmSheet
        open={confirming}
        title={form.isNew ? '新增这项业务？' : '保存这些修改？'}
        confirmText='确认保存'
        cancelText='再看看'
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
        id='catalog-confirm'
        confirmId='catalog-confirm-save'
        cancelId='catalog-confirm-cancel'
      >
        <View id='catalog-confirm-summary'>
          <Text className='fq-cat__summary-name'>{payload.name}</Text>
          {[
            `${kindsText(payload)}　约${payload.durationMinutes}分钟　${payload.afterHours ? '有' : '没有'}错时延时`,
            payload.materials.length > 0 ? `材料：${payload.materials.map((m) => (m.required === false ? `${m.name}（可不带）` : m.name)).join('、')}` : '不用带材料',
            payload.homeVisitFor && payload.homeVisitFor.length > 0 ? `上门对象：${payload.homeVisitFor.map((b) => HOME_VISIT_BASES[b]).join('、')}` : '',
            payload.active ? '保存后群众在“办事”里马上能看到。' : '保存后这项业务停用，群众看不到。',
          ]
            .filter(Boolean)
            .map((line) => (
              <View key={line}>
                <Text className='fq-muted'>{line}</Text>
              </View>
            ))}
        </View>
      </ConfirmSheet>
    </View>
  )
}

interface Editing {
  base: ServiceForm
  form: ServiceForm
  restored: boolean
}

/** Opens a service (or a new one) with any draft of it the phone kept. */
function openEditor(base: ServiceForm): Editing {
  const kept = loadDraft<ServiceForm>(draftName(base))
  if (!kept) return { base, form: base, restored: false }
  // A kept new service keeps its own id; a kept edit is always of this service.
  const id = base.isNew && typeof kept.id === 'string' ? kept.id : base.id
  return { base, form: { ...base, ...kept, id, isNew: base.isNew }, restored: true }
}

export default function CatalogPage() {
  const catalog = useAsync<Catalog>(() => call('services.catalog', {}))
  const [editing, setEditingState] = useState<Editing | null>(null)
  const services = ordered(catalog.data?.services ?? [])
  // List and editor share one page: each opens at its top, not where the other was scrolled to.
  const setEditing = (next: Editing | null) => {
    setEditingState(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const onSaved = (saved: ServiceInfo) => {
    if (catalog.data) catalog.setData({ ...catalog.data, services: [...catalog.data.services.filter((s) => s.id !== saved.id), saved] })
    setEditing(null)
  }

  return (
    <PageShell id='page-catalog' state={catalog}>
      {editing ? (
        <ServiceEditor key={editing.form.id} base={editing.base} initial={editing.form} restored={editing.restored} onSaved={onSaved} onBack={() => setEditing(null)} />
      ) : catalog.data ? (
        <View id='catalog-list'>
          <View className='fq-card'>
            <Text className='fq-title'>业务清单</Text>
            <Text className='fq-muted'>群众在“办事”里看到的就是这些。点“修改”改名称、办理方式、材料和时长。</Text>
          </View>
          {services.length === 0 ? <Text className='fq-muted'>还没有业务，点下面新增。</Text> : null}
          {services.map((s) => (
            <ServiceRow key={s.id} s={s} onEdit={() => setEditing(openEditor(fromService(s)))} />
          ))}
          <BigButton id='catalog-add' onClick={() => setEditing(openEditor(emptyService(newServiceId(new Date(), services.map((s) => s.id)), services)))}>
            + 新增一项业务
          </BigButton>
        </View>
      ) : null}
    </PageShell>
  )
}
