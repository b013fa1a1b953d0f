// 有矛盾找我们: a villager asks the station to help settle a dispute, in five short steps; what they type stays on
// the phone as a draft, and a retried submit reuses the draft's one requestId so it never files twice.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import TextArea from '@/components/TextArea'
import type { Profile, Village } from '@contract/account'
import type { PartyCaseView } from '@contract/mediation'
import { MOBILE_RE } from '@contract/fields'
import { AGE_BANDS, DISPUTE_KINDS, type AgeBand, type DisputeKind } from '@domain/mediation'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { useDraft } from '@/hooks/useDraft'
import { newRequestId } from '@/services/requestId'
import { usableFolder, type UploadFolder } from '@/services/photos'
import { useDraftPhotos, type DraftPhoto } from '@/hooks/usePhotoUploads'
import PhotoPicker from '@/components/PhotoPicker'
import '@/components/MediationCase/mediation.scss'

export const DRAFT_NAME = 'mediation-apply'

export interface ApplyDraft {
  step: number
  kind: DisputeKind | ''
  otherName: string
  otherPhone: string
  otherVillageId: string
  otherGroup: string
  myGroup: string
  /** Each side's age band, so the guardian rule (under 16) applies from here too; the other's may be unknown. */
  myAgeBand: AgeBand | ''
  otherAgeBand: AgeBand | 'unknown' | ''
  what: string
  place: string
  want: string
  /** The photos picked, each with its cloud file id once uploaded into the draft's folder. */
  photos: DraftPhoto[]
  /** The upload folder this draft got (one per draft, never per person); kept so a restored draft reuses it. */
  uploadFolder?: UploadFolder
  requestId: string
}

export const PHOTOS_MAX = 6

const STEPS = ['是哪一类矛盾', '和谁有矛盾', '发生了什么', '想怎么解决', '核对提交'] as const

function emptyDraft(profile: Profile): ApplyDraft {
  return { step: 0, kind: '', otherName: '', otherPhone: '', otherVillageId: profile.villageId, otherGroup: '', myGroup: '', myAgeBand: '', otherAgeBand: '', what: '', place: '', want: '', photos: [], requestId: newRequestId() }
}

/** A kept draft laid over a fresh one. Drafts kept before photos showed their progress hold bare file ids. */
function restoreDraft(stored: Partial<ApplyDraft>, fresh: ApplyDraft): ApplyDraft {
  const kept: unknown[] = Array.isArray(stored.photos) ? stored.photos : []
  const photos = kept.flatMap((p): DraftPhoto[] => {
    if (typeof p === 'string') return [{ key: p, path: '', fileId: p }]
    const { key, path, fileId } = (p ?? {}) as Partial<Record<keyof DraftPhoto, unknown>>
    if (typeof key !== 'string' || typeof path !== 'string') return []
    return [{ key, path, ...(typeof fileId === 'string' ? { fileId } : {}) }]
  })
  return { ...fresh, ...stored, photos, uploadFolder: usableFolder(stored.uploadFolder) }
}

type Errors = Partial<Record<keyof ApplyDraft, string>>

/** What a step still needs, in words under the field. */
export function stepErrors(d: ApplyDraft, step: number): Errors {
  const e: Errors = {}
  if (step === 0 && !d.kind) e.kind = '请选一类，说不清就选“其他矛盾”'
  if (step === 1) {
    if (d.otherName.trim().length < 2) e.otherName = '请写对方的姓名，至少2个字'
    if (d.otherPhone.trim() && !MOBILE_RE.test(d.otherPhone.trim())) e.otherPhone = '手机号要11位数字，以1开头；不知道可以不填'
    if (!d.myAgeBand) e.myAgeBand = '请选您的年龄段'
    if (!d.otherAgeBand) e.otherAgeBand = '请选对方的年龄段，不知道就选“不清楚”'
  }
  if (step === 2) {
    if (!d.what.trim()) e.what = '请说说发生了什么'
    if (!d.place.trim()) e.place = '请写在哪里发生的'
  }
  if (step === 3 && !d.want.trim()) e.want = '请写您希望怎么解决，比如赔钱、道歉、修好'
  return e
}

const FIELD_OF: Record<string, keyof ApplyDraft> = {
  kind: 'kind',
  'other.name': 'otherName',
  'other.phone': 'otherPhone',
  'other.villageId': 'otherVillageId',
  'me.ageBand': 'myAgeBand',
  'other.ageBand': 'otherAgeBand',
  what: 'what',
  place: 'place',
  want: 'want',
}
const STEP_OF: Partial<Record<keyof ApplyDraft, number>> = { kind: 0, otherName: 1, otherPhone: 1, otherVillageId: 1, myAgeBand: 1, otherAgeBand: 1, what: 2, place: 2, photos: 2, want: 3 }

export interface ApplyFormProps {
  profile: Profile
  villages: readonly Village[]
}

export function ApplyForm({ profile, villages }: ApplyFormProps) {
  const { draft, setDraft, restored, clear: clearKept } = useDraft<ApplyDraft>(DRAFT_NAME, () => emptyDraft(profile), { restore: restoreDraft })
  const [errors, setErrors] = useState<Errors>({})
  const [created, setCreated] = useState<PartyCaseView>()
  const send = useAction()

  // Each photo goes into this draft's own upload folder at once, with progress and 重传, like every form's photos.
  const photos = useDraftPhotos(draft, setDraft, PHOTOS_MAX)

  const set = <K extends keyof ApplyDraft>(key: K, value: ApplyDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const next = () => {
    const e = stepErrors(draft, draft.step)
    setErrors(e)
    if (Object.keys(e).length === 0) setDraft((d) => ({ ...d, step: d.step + 1 }))
  }
  const back = () => setDraft((d) => ({ ...d, step: Math.max(0, d.step - 1) }))

  const submit = async () => {
    if (photos.pending > 0) {
      setErrors({ photos: Object.keys(photos.failed).length > 0 ? '有照片没传上，点“重传”或删掉' : '照片还在传，请等一等再交' })
      setDraft((d) => ({ ...d, step: STEP_OF.photos ?? d.step }))
      return
    }
    const res = await send.run(() =>
      call(
        'mediation.apply',
        {
          kind: draft.kind || 'other',
          me: { name: profile.name, phone: profile.phone, villageId: profile.villageId, ...(draft.myGroup ? { group: draft.myGroup } : {}), ...(draft.myAgeBand ? { ageBand: draft.myAgeBand } : {}) },
          other: {
            name: draft.otherName.trim(),
            ...(draft.otherPhone.trim() ? { phone: draft.otherPhone.trim() } : {}),
            ...(draft.otherVillageId ? { villageId: draft.otherVillageId } : {}),
            ...(draft.otherGroup ? { group: draft.otherGroup } : {}),
            ...(draft.otherAgeBand && draft.otherAgeBand !== 'unknown' ? { ageBand: draft.otherAgeBand } : {}),
          },
          what: draft.what,
          want: draft.want,
          place: draft.place,
          photos: draft.photos.flatMap((p) => (p.fileId ? [p.fileId] : [])),
        },
        { requestId: draft.requestId },
      ),
    )
    if (res) {
      clearKept()
      setCreated(res)
    }
  }

  // A server refusal that names a field takes the person back to the step where it is filled in.
  useEffect(() => {
    const key = send.field ? (FIELD_OF[send.field] ?? (send.field.startsWith('photos') ? 'photos' : undefined)) : undefined
    if (key && send.error) {
      setErrors((e) => ({ ...e, [key]: send.error }))
      const step = STEP_OF[key]
      if (step !== undefined) setDraft((d) => ({ ...d, step }))
    }
  }, [send.field, send.error, setDraft])

  if (created) return <Applied view={created} />

  const kindLabel = DISPUTE_KINDS.find((k) => k.value === draft.kind)?.label ?? ''
  return (
    <View id='mediation-apply'>
      <Text className='fq-title' id='apply-step-title'>{`第${draft.step + 1}步，共${STEPS.length}步：${STEPS[draft.step]}`}</Text>
      {restored ? <Text className='fq-muted' id='apply-restored'>上次没填完的内容都还在，接着填就行。</Text> : null}

      {draft.step === 0 ? (
        <Field label='选一类最像的' error={errors.kind} id='field-kind'>
          <View className='fq-med-chips'>
            {DISPUTE_KINDS.map((k) => (
              <View key={k.value} id={`kind-${k.value}`} className={`fq-med-chip${draft.kind === k.value ? ' fq-med-chip--on' : ''}`} onClick={() => set('kind', k.value)}>
                <Text className='fq-med-chip__name'>{k.label}</Text>
                <Text className='fq-med-chip__hint'>{k.hint}</Text>
              </View>
            ))}
          </View>
        </Field>
      ) : null}

      {draft.step === 1 ? (
        <View>
          <Field label='对方姓名' error={errors.otherName} id='field-otherName'>
            <Input id='input-otherName' className='fq-med-input' value={draft.otherName} maxlength={20} placeholder='比如：李二牛' onInput={(e) => set('otherName', e.detail.value)} />
          </Field>
          <Field label='对方手机号（不知道可以不填）' error={errors.otherPhone} id='field-otherPhone' hint='不会告诉对方是您给的电话'>
            <Input id='input-otherPhone' className='fq-med-input' type='number' value={draft.otherPhone} maxlength={11} onInput={(e) => set('otherPhone', e.detail.value)} />
          </Field>
          <Field label='对方是哪个村' error={errors.otherVillageId} id='field-otherVillageId'>
            <PickerSheet
              id='input-otherVillageId'
              mode='select'
              title='对方是哪个村'
              placeholder='点这里选村'
              options={villages.map((v) => ({ value: v.id, label: v.name }))}
              value={draft.otherVillageId}
              onChange={(v) => set('otherVillageId', v)}
            />
          </Field>
          <Field label='对方是几社（可不填）' id='field-otherGroup'>
            <Input id='input-otherGroup' className='fq-med-input' value={draft.otherGroup} maxlength={10} placeholder='比如：三社' onInput={(e) => set('otherGroup', e.detail.value)} />
          </Field>
          <AgeChips id='otherAgeBand' label='对方多大年纪' value={draft.otherAgeBand} unknown error={errors.otherAgeBand} onChange={(v) => set('otherAgeBand', v)} />
          <AgeChips id='myAgeBand' label='您多大年纪' value={draft.myAgeBand} error={errors.myAgeBand} onChange={(v) => set('myAgeBand', v as AgeBand)} />
          {draft.myAgeBand === 'under16' || draft.otherAgeBand === 'under16' ? (
            <Text className='fq-med-reason' id='apply-guardian'>
              有不满16岁的，调解时要有家长（监护人）陪着来。
            </Text>
          ) : null}
        </View>
      ) : null}

      {draft.step === 2 ? (
        <View>
          <Field label='发生了什么' error={errors.what} id='field-what' hint='只有派出所和调解员能看到，对方看不到'>
            <TextArea id='input-what' value={draft.what} maxLength={500} placeholder='比如：轮到我家浇水，他家把水口堵了' onInput={(v) => set('what', v)} />
          </Field>
          <Field label='在哪里' error={errors.place} id='field-place'>
            <Input id='input-place' className='fq-med-input' value={draft.place} maxlength={100} placeholder='比如：三社东头水渠' onInput={(e) => set('place', e.detail.value)} />
          </Field>
          <View className='fq-field' id='field-photos'>
            <Text className='fq-field__label'>照片（可不拍，比如坏了的围栏）</Text>
            <PhotoPicker uploads={photos} max={PHOTOS_MAX} error={errors.photos} />
          </View>
        </View>
      ) : null}

      {draft.step === 3 ? (
        <Field label='您希望怎么解决' error={errors.want} id='field-want'>
          <TextArea id='input-want' value={draft.want} maxLength={200} placeholder='比如：赔修围栏的钱，当面道歉' onInput={(v) => set('want', v)} />
        </Field>
      ) : null}

      {draft.step === 4 ? (
        <View className='fq-card' id='apply-confirm'>
          <Text className='fq-title'>请核对一下</Text>
          <Text className='fq-med-card__line'>{`您：${profile.name} ${profile.phone}`}</Text>
          <Text className='fq-med-card__line'>{`矛盾类别：${kindLabel}`}</Text>
          <Text className='fq-med-card__line'>{`对方：${draft.otherName}`}</Text>
          <Text className='fq-med-card__line'>{`发生了什么：${draft.what}`}</Text>
          <Text className='fq-med-card__line'>{`在哪里：${draft.place}`}</Text>
          <Text className='fq-med-card__line'>{`照片：${draft.photos.length} 张`}</Text>
          <Text className='fq-med-card__line'>{`想怎么解决：${draft.want}`}</Text>
          <Field label='您是几社（可不填）' id='field-myGroup'>
            <Input id='input-myGroup' className='fq-med-input' value={draft.myGroup} maxlength={10} onInput={(e) => set('myGroup', e.detail.value)} />
          </Field>
        </View>
      ) : null}

      {send.error && !send.field ? (
        <Text className='fq-med-error' id='apply-error'>
          {send.error}
        </Text>
      ) : null}
      {draft.step < STEPS.length - 1 ? (
        <BigButton id='apply-next' onClick={next}>
          下一步
        </BigButton>
      ) : (
        <BigButton id='apply-submit' busy={send.busy} onClick={() => void submit()}>
          交给派出所
        </BigButton>
      )}
      {draft.step > 0 ? (
        <BigButton kind='plain' id='apply-back' onClick={back}>
          上一步
        </BigButton>
      ) : null}
    </View>
  )
}

function AgeChips({ id, label, value, unknown, error, onChange }: { id: string; label: string; value: string; unknown?: boolean; error?: string; onChange: (v: AgeBand | 'unknown') => void }) {
  const options: { value: AgeBand | 'unknown'; label: string }[] = [...AGE_BANDS, ...(unknown ? [{ value: 'unknown' as const, label: '不清楚' }] : [])]
  return (
    <Field label={label} error={error} id={`field-${id}`}>
      <View className='fq-med-chips'>
        {options.map((o) => (
          <View key={o.value} id={`${id}-${o.value}`} className={`fq-med-chip${value === o.value ? ' fq-med-chip--on' : ''}`} onClick={() => onChange(o.value)}>
            <Text className='fq-med-chip__name'>{o.label}</Text>
          </View>
        ))}
      </View>
    </Field>
  )
}

function Applied({ view }: { view: PartyCaseView }) {
  return (
    <View className='fq-card' id='apply-success'>
      <Text className='fq-title'>已经交给派出所了</Text>
      <Text className='fq-med-card__line'>{`调解编号：${view.id}`}</Text>
      <Text className='fq-med-card__line'>民警会先看看能不能调解，再联系您。</Text>
      {view.inviteCode ? (
        <View id='apply-invite'>
          <Text className='fq-med-card__line'>请把这个邀请码告诉对方，对方在“我的调解”里输入就能加入：</Text>
          <Text className='fq-med-code' id='apply-invite-code'>
            {view.inviteCode}
          </Text>
        </View>
      ) : null}
      <BigButton id='apply-open' onClick={() => void Taro.redirectTo({ url: `/packages/mediation/mine/index?id=${view.id}` })}>
        看这件调解
      </BigButton>
    </View>
  )
}
