// 记一次走访: fast, one-handed, on a weak network. Everything typed is on the phone at once (a closed app loses
// nothing); photos go up one at a time in the background; the submit carries the draft's one requestId, so pressing
// it again after a failure never records the visit twice. The time is the server's.
import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { OrganisationView, VisitView } from '@contract/households'
import { householdsActions, CONCERNS_MAX, VISIT_PHOTOS_MAX } from '@contract/households'
import { CONCERN_TOPIC_LABELS, CONCERN_TOPIC_VALUES, VISIT_KIND_LABELS, type ConcernTopic, type VisitKind } from '@domain/households'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import PhotoPicker from '@/components/PhotoPicker'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import TextArea from '@/components/TextArea'
import VillagePicker from '@/components/VillagePicker'
import { useDraftPhotos, type DraftPhoto } from '@/hooks/usePhotoUploads'
import { useLeaveGuard } from '@/hooks/useLeaveGuard'
import { call } from '@/services/client'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import { toCallError } from '@/services/errors'
import { formErrors } from '@/services/formErrors'
import { usableFolder, type UploadFolder } from '@/services/photos'
import { newRequestId } from '@/services/requestId'
import VisitDone from './VisitDone'
import '../shared/officer-hh.scss'

export interface VisitTarget {
  kind: VisitKind
  addressId?: string
  plateId?: string
  /** The address as the page that opened this one showed it. */
  line?: string
}

export interface VisitDraft {
  kind: VisitKind
  villageId: string
  group: string
  place: string
  organisationId: string
  notes: string
  concerns: { topic: ConcernTopic; text: string }[]
  photos: DraftPhoto[]
  uploadFolder?: UploadFolder
  requestId: string
}

/** One draft per household (or one for field and organisation visits): an unfinished visit waits for its place. */
export const visitDraftName = (t: VisitTarget) => (t.addressId ? `officer-visit-${t.addressId}` : `officer-visit-${t.kind}`)

/** What officers write most, one tap each. */
export const QUICK_NOTES = ['家里一切正常', '宣传了防诈骗', '留了民警电话', '老人身体还好', '提醒锁好门窗', '看了农资票据'] as const

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'target', label: '走访地点', anchor: 'visit-where' },
  { key: 'notes', label: '走访记录', anchor: 'field-visit-notes' },
  { key: 'concerns', label: '反映的事', anchor: 'visit-concerns' },
  { key: 'photos', label: '照片', anchor: 'visit-photos' },
]

function newDraft(t: VisitTarget, defaultVillageId: string): VisitDraft {
  return { kind: t.kind, villageId: defaultVillageId, group: '', place: '', organisationId: '', notes: '', concerns: [], photos: [], requestId: newRequestId() }
}

export function readVisitDraft(stored: Partial<VisitDraft> | undefined): Partial<VisitDraft> {
  if (!stored || typeof stored.requestId !== 'string') return {}
  return { ...stored, uploadFolder: usableFolder(stored.uploadFolder), photos: Array.isArray(stored.photos) ? stored.photos : [], concerns: Array.isArray(stored.concerns) ? stored.concerns : [] }
}

/** The `households.recordVisit` payload for a draft. */
export function visitPayload(t: VisitTarget, d: VisitDraft) {
  const target =
    d.kind === 'household'
      ? { kind: 'household' as const, addressId: t.addressId ?? '', ...(t.plateId ? { plateId: t.plateId } : {}) }
      : d.kind === 'organisation'
        ? { kind: 'organisation' as const, organisationId: d.organisationId }
        : { kind: 'field' as const, villageId: d.villageId, group: d.group.trim(), place: d.place.trim() }
  return {
    target,
    notes: d.notes.trim(),
    concerns: d.concerns.map((c) => ({ topic: c.topic, text: c.text.trim() })),
    photos: d.photos.map((p) => p.fileId ?? '').filter(Boolean),
  }
}

/** Server paths (`target.place`, `concerns.0.text`) to the form's error keys. */
function errorKey(path: string): string {
  if (path.startsWith('target')) return 'target'
  if (path.startsWith('concerns')) return 'concerns'
  if (path.startsWith('photos')) return 'photos'
  return path === 'notes' ? 'notes' : FORM_KEY
}

export interface VisitFormProps {
  target: VisitTarget
  villages: readonly Village[]
  organisations: readonly OrganisationView[]
  defaultVillageId: string
}

export default function VisitForm({ target, villages, organisations, defaultVillageId }: VisitFormProps) {
  const name = visitDraftName(target)
  const [restored] = useState(() => Boolean(readVisitDraft(loadDraft<VisitDraft>(name)).requestId))
  const [draft, setDraft] = useState<VisitDraft>(() => ({ ...newDraft(target, defaultVillageId), ...readVisitDraft(loadDraft<VisitDraft>(name)), kind: target.addressId ? 'household' : (readVisitDraft(loadDraft<VisitDraft>(name)).kind ?? target.kind) }))
  const [done, setDone] = useState<VisitView>()
  const [busy, setBusy] = useState(false)
  const form = useFormErrors(FIELDS)
  const dirty = !done && (draft.notes.trim() !== '' || draft.concerns.length > 0 || draft.photos.length > 0)
  useLeaveGuard(dirty, '走访记录已经存在手机上，')

  useEffect(() => {
    if (!done) saveDraft(name, draft)
  }, [draft, done, name])

  const photos = useDraftPhotos(draft, setDraft, VISIT_PHOTOS_MAX)

  const set = <K extends keyof VisitDraft>(key: K, value: VisitDraft[K], errorOf: string = key) => {
    setDraft((d) => ({ ...d, [key]: value }))
    form.clear(errorOf)
  }
  const addNote = (phrase: string) => set('notes', draft.notes.trim() ? `${draft.notes.trim()}；${phrase}` : phrase)
  const addConcern = (topic: ConcernTopic) => {
    if (draft.concerns.length >= CONCERNS_MAX) return
    set('concerns', [...draft.concerns, { topic, text: '' }], 'concerns')
  }
  const setConcern = (i: number, text: string) => set('concerns', draft.concerns.map((c, j) => (j === i ? { ...c, text } : c)), 'concerns')
  const dropConcern = (i: number) => set('concerns', draft.concerns.filter((_, j) => j !== i), 'concerns')

  const submit = async () => {
    const payload = visitPayload(target, draft)
    const found: Record<string, string> = {}
    for (const [path, message] of Object.entries(formErrors(householdsActions['households.recordVisit'].request, payload))) {
      const key = errorKey(path)
      if (message && !found[key]) found[key] = message
    }
    if (draft.kind === 'field' && !draft.place.trim()) found.target = '请写在哪里走访，比如：三社东头麦地'
    if (draft.kind === 'organisation' && !draft.organisationId) found.target = '请选走访的是哪个单位'
    if (!payload.notes && payload.concerns.length === 0) found.notes = '请写一句走访情况，或点上面的常用语'
    if (photos.pending > 0) found.photos = Object.keys(photos.failed).length > 0 ? '有照片没传上，点“重传”或删掉' : '照片还在传，请等一等'
    if (form.show(found)) return
    setBusy(true)
    try {
      const visit = await call('households.recordVisit', payload, { requestId: draft.requestId })
      clearDraft(name)
      setDone(visit)
    } catch (e) {
      const err = toCallError(e)
      form.show({ [err.field ? errorKey(err.field) : FORM_KEY]: err.code === 'network' ? '网络不好，没交上。记录还在手机上，有信号了再点一次。' : err.message })
    } finally {
      setBusy(false)
    }
  }

  if (done) return <VisitDone visit={done} line={target.line} />

  const orgIndex = organisations.findIndex((o) => o.id === draft.organisationId)
  return (
    <View id='visit-form'>
      <View className='fq-card' id='visit-where'>
        <Text className='fq-title'>{VISIT_KIND_LABELS[draft.kind]}</Text>
        {restored ? (
          <Text className='fq-muted' id='visit-restored'>
            上次没交的记录还在，接着写就行。
          </Text>
        ) : null}
        {target.addressId ? (
          <Text className='fq-hh-line' id='visit-target'>
            {target.line || '这一户'}
            {target.plateId ? '（扫门牌）' : ''}
          </Text>
        ) : (
          <>
            <View className='fq-hh-chips' id='visit-kinds'>
              {(['field', 'organisation'] as const).map((k) => (
                <View key={k} id={`visit-kind-${k}`} className={`fq-hh-chip${draft.kind === k ? ' fq-hh-chip--on' : ''}`} onClick={() => set('kind', k, 'target')}>
                  <Text>{VISIT_KIND_LABELS[k]}</Text>
                </View>
              ))}
            </View>
            {draft.kind === 'field' ? (
              <>
                <Field label='哪个村' id='field-visit-village'>
                  <VillagePicker id='input-visit-village' villages={villages} value={draft.villageId} onChange={(v) => set('villageId', v, 'target')} />
                </Field>
                <Field label='哪个社（可不填）' id='field-visit-group'>
                  <Input id='input-visit-group' value={draft.group} maxlength={10} placeholder='比如：三社' onInput={(e) => set('group', e.detail.value, 'target')} />
                </Field>
                <Field label='在哪里' id='field-visit-place'>
                  <Input id='input-visit-place' value={draft.place} maxlength={100} placeholder='比如：东头麦地、机井房' onInput={(e) => set('place', e.detail.value, 'target')} />
                </Field>
              </>
            ) : (
              <Field label='哪个单位' id='field-visit-org'>
                {organisations.length === 0 ? (
                  <Text className='fq-muted'>还没有登记单位。</Text>
                ) : (
                  <View className='fq-hh-chips'>
                    {organisations.map((o, i) => (
                      <View key={o.id} id={`visit-org-${o.id}`} className={`fq-hh-chip${i === orgIndex ? ' fq-hh-chip--on' : ''}`} onClick={() => set('organisationId', o.id, 'target')}>
                        <Text>{`${o.name}（${o.kindLabel}）`}</Text>
                      </View>
                    ))}
                  </View>
                )}
              </Field>
            )}
          </>
        )}
        {form.errors.target ? (
          <Text className='fq-field__error' id='visit-where-error'>
            {form.errors.target}
          </Text>
        ) : null}
      </View>

      <View className='fq-card'>
        <Field label='走访情况' error={form.errors.notes} id='field-visit-notes'>
          <TextArea id='input-visit-notes' value={draft.notes} maxLength={1000} placeholder='说了什么、看到什么' onInput={(t) => set('notes', t)} />
        </Field>
        <View className='fq-hh-chips' id='visit-quick'>
          {QUICK_NOTES.map((q, i) => (
            <View key={q} id={`quick-${i}`} className='fq-hh-chip' onClick={() => addNote(q)}>
              <Text>{`+ ${q}`}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='fq-card' id='visit-concerns'>
        <Text className='fq-title'>群众反映的事</Text>
        <Text className='fq-muted'>点一类就加一条。交了以后，每条都能一下转成举报、调解或预警。</Text>
        {draft.concerns.map((c, i) => (
          <View key={i} id={`concern-${i}`} className='fq-hh-card'>
            <View className='fq-hh-row'>
              <Text className='fq-hh-row__name'>{CONCERN_TOPIC_LABELS[c.topic]}</Text>
              <View className='fq-hh-small' id={`concern-${i}-drop`} onClick={() => dropConcern(i)}>
                <Text>删掉</Text>
              </View>
            </View>
            <TextArea id={`input-concern-${i}`} value={c.text} maxLength={300} minLines={2} placeholder='反映了什么' onInput={(t) => setConcern(i, t)} />
          </View>
        ))}
        {form.errors.concerns ? <Text className='fq-field__error'>{form.errors.concerns}</Text> : null}
        {draft.concerns.length < CONCERNS_MAX ? (
          <View className='fq-hh-chips'>
            {CONCERN_TOPIC_VALUES.map((t) => (
              <View key={t} id={`add-concern-${t}`} className='fq-hh-chip' onClick={() => addConcern(t)}>
                <Text>{`+ ${CONCERN_TOPIC_LABELS[t]}`}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <View className='fq-card' id='visit-photos'>
        <Text className='fq-title'>照片（可不拍）</Text>
        <PhotoPicker uploads={photos} max={VISIT_PHOTOS_MAX} error={form.errors.photos} idPrefix='visit-photo' addLabel='拍照' />
      </View>

      <FormErrorSummary id='visit-errors' state={form} fields={FIELDS} />
      <BigButton id='visit-submit' busy={busy} onClick={() => void submit()}>
        交上走访记录
      </BigButton>
      <Text className='fq-muted'>写的内容随时存在手机上，没信号也不会丢，走访时间以交上时为准。</Text>
    </View>
  )
}
