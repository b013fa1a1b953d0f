// 我的家: the household the person is confirmed in (address, who lives there, who to call), their declarations
// waiting for an officer, and for a landlord the tenants: 人来登记，人走注销. The tenant form is kept on the phone.
import { useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { MyHomeView, MyHousehold, PersonBrief } from '@contract/households'
import { householdsActions } from '@contract/households'
import { PERSON_KIND_LABELS, PERSON_KIND_VALUES, type PersonKind } from '@domain/households'
import { stationDay } from '@domain/station-time'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import { toCallError } from '@/services/errors'
import { formErrors, withMissing } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import PlaceContacts from '@/components/PlaceContacts'
import './index.scss'
import { toast } from '@/services/toast'

export interface TenantDraft {
  name: string
  phone: string
  idNo: string
  kind: PersonKind
  movedInDay: string
  requestId: string
}

export const tenantDraftName = (addressId: string) => `household-tenant-${addressId}`

const TENANT_FIELDS: readonly FormFieldInfo[] = [
  { key: 'name', label: '姓名', anchor: 'field-tenant-name' },
  { key: 'phone', label: '手机号', anchor: 'field-tenant-phone' },
  { key: 'idNo', label: '身份证号', anchor: 'field-tenant-idNo' },
  { key: 'movedInDay', label: '入住日期', anchor: 'field-tenant-day' },
]

function newTenant(now: Date): TenantDraft {
  return { name: '', phone: '', idNo: '', kind: 'temporary', movedInDay: stationDay(now), requestId: newRequestId() }
}

/** 人来登记: a landlord registers a tenant at one of their addresses. */
function TenantForm({ addressId, onDone, onCancel }: { addressId: string; onDone: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<TenantDraft>(() => ({ ...newTenant(new Date()), ...loadDraft<TenantDraft>(tenantDraftName(addressId)) }))
  const form = useFormErrors(TENANT_FIELDS)
  const [busy, setBusy] = useState(false)
  useEffect(() => saveDraft(tenantDraftName(addressId), draft), [draft, addressId])
  const set = <K extends keyof TenantDraft>(key: K, value: TenantDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(key)
  }
  const submit = async () => {
    const payload = { addressId, name: draft.name.trim(), phone: draft.phone.trim(), idNo: draft.idNo.trim(), kind: draft.kind, movedInDay: draft.movedInDay }
    if (form.show(withMissing(formErrors(householdsActions['households.registerTenant'].request, payload), draft, { name: '姓名', phone: '手机号' }))) return
    setBusy(true)
    try {
      await call('households.registerTenant', payload, { requestId: draft.requestId })
      clearDraft(tenantDraftName(addressId))
      onDone()
    } catch (e) {
      const err = toCallError(e)
      form.show(err.field && TENANT_FIELDS.some((f) => f.key === err.field) ? { [err.field]: err.message } : { [FORM_KEY]: err.message })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='fq-card' id='tenant-form'>
      <Text className='fq-title'>登记租户（人来登记）</Text>
      <Field label='租户姓名' error={form.errors.name} id='field-tenant-name'>
        <Input id='input-tenant-name' value={draft.name} maxlength={20} placeholder='比如：刘小军' onInput={(e) => set('name', e.detail.value)} />
      </Field>
      <Field label='租户手机号' error={form.errors.phone} id='field-tenant-phone'>
        <Input id='input-tenant-phone' type='number' value={draft.phone} maxlength={11} placeholder='11位手机号' onInput={(e) => set('phone', e.detail.value)} />
      </Field>
      <Field label='身份证号（可不填）' error={form.errors.idNo} id='field-tenant-idNo' hint='只有民警能看到，别处都遮住'>
        <Input id='input-tenant-idNo' type='idcard' value={draft.idNo} maxlength={18} onInput={(e) => set('idNo', e.detail.value)} />
      </Field>
      <Field label='住多久' id='field-tenant-kind'>
        <PickerSheet id='input-tenant-kind' mode='select' title='住多久' value={draft.kind} options={PERSON_KIND_VALUES.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))} onChange={(v) => set('kind', (PERSON_KIND_VALUES.find((k) => k === v) ?? 'temporary'))} />
      </Field>
      <Field label='哪天住进来' error={form.errors.movedInDay} id='field-tenant-day'>
        <PickerSheet id='input-tenant-day' mode='date' title='哪天住进来' value={draft.movedInDay} placeholder='点这里选日期' onChange={(v) => set('movedInDay', v)} />
      </Field>
      <FormErrorSummary id='tenant-errors' state={form} fields={TENANT_FIELDS} />
      <BigButton id='tenant-submit' busy={busy} onClick={() => void submit()}>
        登记
      </BigButton>
      <BigButton kind='plain' id='tenant-cancel' onClick={onCancel}>
        先不登记
      </BigButton>
      <Text className='fq-muted'>填的内容先存在手机上，没网也不会丢。</Text>
    </View>
  )
}

function PersonLine({ p, children }: { p: PersonBrief; children?: ReactNode }) {
  return (
    <View className='fq-home__person' id={`person-${p.id}`}>
      <View className='fq-home__person-text'>
        <Text className='fq-home__person-name'>{`${p.name}${p.isMe ? '（我）' : ''}`}</Text>
        <Text className='fq-muted'>{`${p.roleLabel}・${p.kindLabel}・${p.movedOutDay ? `${p.movedOutDay}搬走` : `${p.movedInDay}住进来`}`}</Text>
      </View>
      {children}
    </View>
  )
}

/** 人走注销: the tenant has left; asks once, then records today as the day. */
function Tenants({ home, onChanged }: { home: MyHousehold; onChanged: () => void }) {
  const [adding, setAdding] = useState(() => Boolean(loadDraft<TenantDraft>(tenantDraftName(home.address.id))))
  const [leaving, setLeaving] = useState<string>()
  const act = useAction()
  const current = home.tenants.filter((t) => !t.movedOutDay)
  const past = home.tenants.filter((t) => t.movedOutDay)
  const endTenancy = async (id: string) => {
    const ok = await act.run(() => call('households.endTenancy', { id, movedOutDay: stationDay(new Date()) }))
    if (ok) {
      setLeaving(undefined)
      onChanged()
    }
  }
  return (
    <View id='home-tenants'>
      <View className='fq-card'>
        <Text className='fq-title'>{`我的租户（${current.length}）`}</Text>
        <Text className='fq-muted'>人来登记，人走注销。租户搬走那天点“搬走了”。</Text>
        {current.length === 0 ? (
          <Text className='fq-home__empty' id='tenants-empty'>
            现在没有登记的租户。
          </Text>
        ) : null}
        {current.map((t) =>
          leaving === t.id ? (
            <View className='fq-home__confirm' key={t.id} id={`leave-confirm-${t.id}`}>
              <Text className='fq-home__line'>{`${t.name}今天搬走了？登记后就不算住在这里了。`}</Text>
              {act.error ? <Text className='fq-home__error'>{act.error}</Text> : null}
              <BigButton kind='danger' id={`leave-yes-${t.id}`} busy={act.busy} onClick={() => void endTenancy(t.id)}>
                是，搬走了
              </BigButton>
              <BigButton kind='plain' id={`leave-no-${t.id}`} onClick={() => setLeaving(undefined)}>
                还没搬
              </BigButton>
            </View>
          ) : (
            <PersonLine p={t} key={t.id}>
              <View className='fq-home__small-button' id={`leave-${t.id}`} onClick={() => setLeaving(t.id)}>
                <Text>搬走了</Text>
              </View>
            </PersonLine>
          ),
        )}
        {past.length > 0 ? <Text className='fq-home__sub'>以前的租户</Text> : null}
        {past.map((t) => (
          <PersonLine p={t} key={t.id} />
        ))}
      </View>
      {adding ? (
        <TenantForm
          addressId={home.address.id}
          onDone={() => {
            setAdding(false)
            onChanged()
            toast('登记好了', { kind: 'success' })
          }}
          onCancel={() => {
            clearDraft(tenantDraftName(home.address.id))
            setAdding(false)
          }}
        />
      ) : (
        <BigButton id='tenant-add' onClick={() => setAdding(true)}>
          来了新租户，登记一下
        </BigButton>
      )}
    </View>
  )
}

/** On weapp the person can scan the plate at their door from here; the plate page does the rest. */
async function scanPlate() {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false })
    const path = (res as { path?: string }).path ?? ''
    const scene = /[?&]scene=([^&]+)/.exec(path)?.[1]
    if (scene) void Taro.navigateTo({ url: `/packages/doorplate/index/index?scene=${scene}` })
    else toast('这不是门牌上的码，请扫门口的门牌')
  } catch {
    // cancelled: nothing to say
  }
}

export default function HomeView({ data, onChanged }: { data: MyHomeView; onChanged: () => void }) {
  const canScan = process.env.TARO_ENV === 'weapp'
  return (
    <View id='my-home'>
      {data.homes.map((home) => (
        <View key={home.address.id} id={`home-${home.address.id}`}>
          <View className='fq-card fq-home__head'>
            <Text className='fq-muted'>{`${home.address.town}${home.address.villageName}`}</Text>
            <Text className='fq-home__address' id='home-address'>{`${home.address.group}${home.address.number}号${home.address.room ? ` ${home.address.room}` : ''}`}</Text>
            <Text className='fq-muted'>{home.myRole === 'owner' ? '您是这里的房东' : home.myRole === 'tenant' ? '您是这里的租户' : '您住在这里'}</Text>
          </View>
          {home.myRole !== 'tenant' ? (
            <View className='fq-card' id='home-people'>
              <Text className='fq-title'>{`家里的人（${home.people.filter((p) => !p.movedOutDay).length}）`}</Text>
              {home.people.filter((p) => !p.movedOutDay).map((p) => (
                <PersonLine p={p} key={p.id} />
              ))}
              <Text className='fq-muted'>家里有人搬来或搬走，请告诉社区民警，他会改过来。</Text>
            </View>
          ) : null}
          {home.myRole === 'owner' ? <Tenants home={home} onChanged={onChanged} /> : null}
          <PlaceContacts contacts={home.contacts} id='home-contacts' />
        </View>
      ))}

      {data.claims.length > 0 ? (
        <View className='fq-card' id='home-claims'>
          <Text className='fq-title'>我的申报</Text>
          {data.claims.map((c) => (
            <View className={`fq-home__claim fq-home__claim--${c.status}`} key={c.id} id={`claim-${c.id}`}>
              <Text className='fq-home__line'>{c.addressLine}</Text>
              <Text className='fq-home__claim-status'>{`${c.asLabel}・${c.statusLabel}`}</Text>
              {c.status === 'rejected' && c.reason ? <Text className='fq-muted'>{`原因：${c.reason}`}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      {data.homes.length === 0 ? (
        <View className='fq-card' id='home-none'>
          <Text className='fq-title'>还没有登记您的家</Text>
          <Text className='fq-home__line'>扫一扫您家门口的二维码门牌，点“我住这里”或“我是房东”。民警确认后，这里就能看到。</Text>
          {canScan ? (
            <BigButton id='home-scan' onClick={() => void scanPlate()}>
              扫门牌
            </BigButton>
          ) : null}
          <Text className='fq-muted'>家门口没有门牌？请打电话告诉社区民警。</Text>
        </View>
      ) : null}
    </View>
  )
}
