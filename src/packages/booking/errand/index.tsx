// 代办: tick the materials you have ready, photograph the documents, leave a phone number, and choose to pick the
// result up at the station or have it brought home. Everything typed is kept on the phone until it is sent.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import * as v from 'valibot'
import type { Catalog, ErrandView, Handover } from '@contract/services'
import { HANDOVER_LABELS } from '@contract/services'
import type { Profile, Station } from '@contract/account'
import { mobile, personName } from '@contract/fields'
import PageShell, { ErrorView } from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import PhotoPicker from '@/components/PhotoPicker'
import { useAsync } from '@/hooks/useAsync'
import { useDraftPhotos, type DraftPhoto } from '@/hooks/usePhotoUploads'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import { useDraft } from '@/hooks/useDraft'
import { formErrors, withMissing } from '@/services/formErrors'
import { usableFolder, type UploadFolder } from '@/services/photos'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { newRequestId } from '@/services/requestId'
import SentCard from '../shared/SentCard'
import '../shared/booking.scss'
import TextArea from '@/components/TextArea'
import StationCard from '@/components/StationCard'
import { useStation } from '@/hooks/useStation'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'

const PHOTOS_MAX = 9

interface ErrandDraft {
  materials: string[]
  photos: DraftPhoto[]
  name: string
  phone: string
  handover: Handover
  address: string
  note: string
  /** Made with the draft and kept until it is sent: a retried submit never makes a second errand. */
  requestId: string
  /** This errand's own upload folder: its ID-card photos share no folder with the person's other records. */
  uploadFolder?: UploadFolder
}

const contactSchema = v.object({ name: personName, phone: mobile })
// The draft key keeps its first spelling: drafts already on phones are stored under it (see README, Names).
const draftName = (serviceId: string) => `services-proxy-${serviceId}`

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'materials', label: '材料', anchor: 'errand-materials' },
  { key: 'photos', label: '照片', anchor: 'errand-photos' },
  { key: 'name', label: '姓名', anchor: 'field-errand-name' },
  { key: 'phone', label: '手机号', anchor: 'field-errand-phone' },
  { key: 'address', label: '送到哪里', anchor: 'field-errand-address' },
]

interface Setup {
  catalog: Catalog
  me: Profile
}

function ErrandForm({ setup, serviceId, station }: { setup: Setup; serviceId: string; station?: Station }) {
  const service = setup.catalog.services.find((s) => s.id === serviceId)
  const { draft, setDraft, clear: clearKept } = useDraft<ErrandDraft>(
    draftName(serviceId),
    () => ({
      materials: [],
      photos: [],
      name: setup.me.name,
      phone: setup.me.phone,
      handover: 'pickup',
      address: setup.me.address,
      note: '',
      requestId: newRequestId(),
    }),
    { restore: (stored, fresh) => ({ ...fresh, ...stored, uploadFolder: usableFolder(stored.uploadFolder) }) },
  )
  const form = useFormErrors(FIELDS)
  const { errors } = form
  const sending = useAction()
  const busy = sending.busy
  const [sent, setSent] = useState<ErrandView>()

  const photos = useDraftPhotos(draft, setDraft, PHOTOS_MAX)

  if (!service || !service.kinds.includes('errand')) {
    return <ErrorView message='这项业务不能代办。请回到“办事”换一项，或打电话问派出所。' exits={[{ text: '回办事，换一项', onTap: () => void Taro.switchTab({ url: '/pages/services/index' }) }]} />
  }

  const set = <K extends keyof ErrandDraft>(field: K, value: ErrandDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }))
    form.clear(field)
  }
  const toggle = (id: string) => set('materials', draft.materials.includes(id) ? draft.materials.filter((m) => m !== id) : [...draft.materials, id])

  const submit = async () => {
    const found = withMissing(formErrors(contactSchema, draft), draft, { name: '姓名', phone: '手机号' })
    const missing = service.materials.filter((m) => m.required && !draft.materials.includes(m.id))
    if (missing.length > 0) found.materials = `还没勾：${missing.map((m) => m.name).join('、')}。准备好了再勾上`
    if (draft.handover === 'delivery' && !draft.address.trim()) found.address = '送到家的话，请写清楚住址'
    if (photos.pending > 0) found.photos = '还有照片没传完，请等一等或点“重传”'
    if (form.show(found)) return
    if (!(await requireConsent())) {
      form.show({ [FORM_KEY]: CONSENT_REFUSED })
      return
    }
    // The draft's own request id: a retry, even after the app was closed, files one errand.
    const errand = await sending.run(
      () => call(
        'services.requestErrand',
        {
          serviceId,
          materials: draft.materials,
          photos: draft.photos.map((p) => p.fileId ?? '').filter(Boolean),
          name: draft.name.trim(),
          phone: draft.phone.trim(),
          handover: draft.handover,
          address: draft.handover === 'delivery' ? draft.address.trim() : '',
          note: draft.note.trim() || undefined,
        },
        { requestId: draft.requestId },
      ),
      { onError: (err) => form.show(err.field && ['name', 'phone', 'address', 'materials', 'photos'].includes(err.field) ? { [err.field]: err.message } : { [FORM_KEY]: err.message }) },
    )
    if (!errand) return
    clearKept()
    setSent(errand)
  }

  if (sent) {
    return (
      <SentCard id='errand-done' title='代办申请交上了' templates={setup.catalog.templates} ask={{ id: 'ask-progress', label: '办好了通知我', purposes: ['progress'] }}>
        <Text>民警受理后会打电话或发消息给您。进度在“我的办事”里看。</Text>
      </SentCard>
    )
  }

  return (
    <View id='errand-form'>
      <View className='fq-card'>
        <Text className='fq-title' id='errand-service'>
          代办：{service.name}
        </Text>
        <Text className='fq-muted'>您把材料准备好，民警帮您办，办好了您来取或给您送去。</Text>
      </View>

      <View className='fq-card' id='errand-materials'>
        <Text className='fq-title'>1 勾上准备好的材料</Text>
        {service.materials.map((m) => {
          const on = draft.materials.includes(m.id)
          return (
            <View key={m.id} id={`material-${m.id}`} className={`fq-check${on ? ' fq-check--on' : ''}`} onClick={() => toggle(m.id)}>
              <View className='fq-check__box'>{on ? '✓' : ''}</View>
              <View className='fq-check__text'>
                <Text>
                  {m.name}
                  {m.required ? '' : '（可以没有）'}
                </Text>
                {m.note ? <Text className='fq-muted'>{m.note}</Text> : null}
              </View>
            </View>
          )
        })}
        {errors.materials ? (
          <Text className='fq-field__error' id='errand-materials-error'>
            {errors.materials}
          </Text>
        ) : null}
      </View>

      <View className='fq-card' id='errand-photos'>
        <Text className='fq-title'>2 给证件拍照</Text>
        <Text className='fq-muted'>拍清楚，民警先看一下材料对不对。照片只有民警能看。</Text>
        <PhotoPicker uploads={photos} max={PHOTOS_MAX} error={errors.photos} />
      </View>

      <View className='fq-card' id='errand-contact'>
        <Text className='fq-title'>3 怎么联系您</Text>
        <Field label='姓名' error={errors.name} id='field-errand-name'>
          <Input id='input-errand-name' value={draft.name} placeholder='姓名' maxlength={20} onInput={(e) => set('name', e.detail.value)} />
        </Field>
        <Field label='手机号' error={errors.phone} id='field-errand-phone'>
          <Input id='input-errand-phone' type='number' value={draft.phone} placeholder='11位手机号' maxlength={11} onInput={(e) => set('phone', e.detail.value)} />
        </Field>
        <Text className='fq-field__label'>办好以后</Text>
        <View className='fq-choices' id='errand-handover'>
          {(Object.keys(HANDOVER_LABELS) as Handover[]).map((h) => (
            <View key={h} id={`handover-${h}`} className={`fq-choice${draft.handover === h ? ' fq-choice--on' : ''}`} onClick={() => set('handover', h)}>
              <Text>{HANDOVER_LABELS[h]}</Text>
            </View>
          ))}
        </View>
        {draft.handover === 'delivery' ? (
          <Field label='送到哪里' error={errors.address} id='field-errand-address' hint='例如：平川村三组12号'>
            <Input id='input-errand-address' value={draft.address} placeholder='村、组、门牌号' maxlength={100} onInput={(e) => set('address', e.detail.value)} />
          </Field>
        ) : null}
        <Field label='还想说的（可不填）' id='field-errand-note'>
          <TextArea id='input-errand-note' value={draft.note} placeholder='例如：给谁办、急不急' maxLength={200} onInput={(t) => set('note', t)} />
        </Field>
      </View>

      <FormErrorSummary id='errand-error' state={form} fields={FIELDS} />
      <BigButton id='submit-errand' busy={busy} onClick={() => void submit()}>
        交给民警代办
      </BigButton>
      <Text className='fq-muted'>填的内容会先存在手机上，没网也不会丢。</Text>
      {station ? <StationCard station={station} /> : null}
    </View>
  )
}

export default function ErrandPage() {
  const { params } = useRouter()
  const serviceId = params.serviceId ?? ''
  const station = useStation()
  const setup = useAsync<Setup>(async () => {
    const [catalog, me] = await Promise.all([call('services.catalog', {}), call('account.me', {})])
    return { catalog, me }
  }, [serviceId])
  return (
    <PageShell id='page-errand' state={setup}>
      {setup.data ? <ErrandForm setup={setup.data} serviceId={serviceId} station={station.data} /> : null}
    </PageShell>
  )
}
