// 写预警 / 改预警: an officer writes a warning, sees it exactly as villagers will, and saves a draft, publishes,
// updates (with a reason) or cancels (with a reason) — each after a confirmation. The form is kept on the phone.
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { AlertReach, AlertView } from '@contract/alerts'
import { ADVICE_MAX_POINTS, ADVICE_POINT_MAX, BODY_MAX, IMAGES_MAX, TITLE_MAX } from '@contract/alerts'
import {
  ALERT_CATEGORIES,
  ALERT_SEVERITIES,
  canApply,
  categoryInfo,
  needsFollowUp,
  phaseInfo,
  severityInfo,
} from '@domain/alerts'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import PhotoPicker from '@/components/PhotoPicker'
import Sheet from '@/components/Sheet'
import ConfirmSheet from '@/components/ConfirmSheet'
import TextArea from '@/components/TextArea'
import FormErrorSummary, { scrollToFirstError, summaryState, type FormFieldInfo } from '@/components/FormErrors'
import AlertCard from '@/components/AlertCard'
import AlertDetailView from '@/components/AlertDetailView'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { fullDateTime } from '@/services/time'
import { call } from '@/services/client'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import type { FieldErrors } from '@/services/formErrors'
import type { UploadFolder } from '@/services/photos'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useAction } from '@/hooks/useAction'
import AudienceField from './AudienceField'
import {
  audienceOf,
  beijingAt,
  checkPublish,
  checkUpdate,
  emptyForm,
  endOfDay,
  fromAlert,
  fromPicker,
  fromPrefill,
  pickerDate,
  pickerTime,
  previewView,
  scopeOf,
  toChanges,
  toPublishPayload,
  PREFILL_KEY,
  type ComposeForm,
} from './form'
import { toast } from '@/services/toast'
import './index.scss'

type ConfirmKind = 'draft' | 'publish' | 'update' | 'cancel'

const draftName = (id: string | undefined) => `alert_compose_${id || 'new'}`

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'title', label: '标题', anchor: 'field-title' },
  { key: 'category', label: '类别', anchor: 'field-category' },
  { key: 'severity', label: '严重程度', anchor: 'field-severity' },
  { key: 'villageIds', label: '发给谁', anchor: 'field-villages' },
  { key: 'body', label: '内容', anchor: 'field-body' },
  { key: 'advice', label: '防范要点', anchor: 'field-advice' },
  { key: 'images', label: '图片', anchor: 'field-images' },
  { key: 'effectiveAt', label: '生效时间', anchor: 'field-times' },
  { key: 'expiresAt', label: '到期时间', anchor: 'field-expires' },
]

interface Loaded {
  alert: AlertView | null
  form: ComposeForm
  restored: boolean
}

function readPrefill(): unknown {
  try {
    const raw: unknown = Taro.getStorageSync(PREFILL_KEY)
    Taro.removeStorageSync(PREFILL_KEY)
    return raw
  } catch {
    return ''
  }
}

function Chips<V extends string>({ id, items, selected, onPick }: { id: string; items: readonly { value: V; label: string; color?: string }[]; selected: (v: V) => boolean; onPick: (v: V) => void }) {
  return (
    <View className='fq-chips' id={id}>
      {items.map((it) => (
        <View
          key={it.value}
          id={`${id}-${it.value}`}
          className={`fq-chip${selected(it.value) ? ' fq-chip--on' : ''}`}
          style={selected(it.value) && it.color ? { backgroundColor: it.color, borderColor: it.color } : undefined}
          onClick={() => onPick(it.value)}
        >
          <Text>{selected(it.value) ? `✓ ${it.label}` : it.label}</Text>
        </View>
      ))}
    </View>
  )
}

export default function ComposeAlertPage() {
  const { params } = useRouter()
  const station = useStation()
  const villages = station.data?.villages ?? []
  const [form, setForm] = useState<ComposeForm>()
  const [current, setCurrent] = useState<AlertView | null>(null)
  const [restored, setRestored] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [confirm, setConfirm] = useState<ConfirmKind | null>(null)
  const [reason, setReason] = useState('')
  const saving = useAction()
  const busy = saving.busy
  const [preview, setPreview] = useState(false)
  /** Who the alert will reach, fetched when the publish confirmation opens; null while unknown. */
  const [reach, setReach] = useState<AlertReach | null>(null)
  // Alert images go to a folder handed out to this officer: the server takes alert images only from staff folders.
  const [imageFolder, setImageFolder] = useState<UploadFolder>()

  const loaded = useAsync<Loaded>(async () => {
    const now = new Date()
    const alert = params.id ? await call('alerts.get', { id: params.id }) : null
    if (!alert && params.prefill === '1') {
      const prefilled = fromPrefill(readPrefill(), now)
      if (prefilled) return { alert, form: prefilled, restored: false }
    }
    const base = alert ? fromAlert(alert) : emptyForm(now)
    const kept = loadDraft<ComposeForm>(draftName(alert?.id))
    // An image that was still uploading when the page closed is gone with the phone's temp file.
    const keptImages = kept?.images?.filter((i) => i.fileId)
    return { alert, form: kept ? { ...base, ...kept, ...(keptImages ? { images: keptImages } : {}) } : base, restored: !!kept }
  }, [params.id, params.prefill])

  useEffect(() => {
    if (!loaded.data) return
    setCurrent(loaded.data.alert)
    setForm(loaded.data.form)
    setRestored(loaded.data.restored)
  }, [loaded.data])

  const phase = current?.phase ?? 'draft'
  const isDraft = !current || phase === 'draft'
  const editable = isDraft || canApply('update', phase)

  const set = (patch: Partial<ComposeForm>) => {
    if (!form) return
    const next = { ...form, ...patch }
    setForm(next)
    saveDraft(draftName(current?.id), next)
    const cleared: FieldErrors = { ...errors, form: undefined }
    for (const k of Object.keys(patch)) cleared[k] = undefined
    // Every part of 发给谁 answers the one villageIds error.
    if (['allVillages', 'toGroups', 'groupVillage', 'groups'].some((k) => k in patch)) cleared.villageIds = undefined
    setErrors(cleared)
  }

  // Images upload one at a time with progress, retry and removal, the way every form's photos do.
  const photos = usePhotoUploads({
    photos: (form?.images ?? []).map((i) => ({ key: i.key ?? i.fileId, path: i.url ?? '', ...(i.fileId ? { fileId: i.fileId } : {}) })),
    setPhotos: (update) =>
      setForm((f) => {
        if (!f) return f
        const before = f.images.map((i) => ({ key: i.key ?? i.fileId, path: i.url ?? '', ...(i.fileId ? { fileId: i.fileId } : {}) }))
        const images = update(before).map((p) => ({ key: p.key, fileId: p.fileId ?? '', url: p.path || null }))
        const next = { ...f, images }
        saveDraft(draftName(current?.id), { ...next, images: images.filter((i) => i.fileId) })
        return next
      }),
    draftId: current?.id ?? 'new-alert',
    uploadFolder: imageFolder,
    setUploadFolder: setImageFolder,
    max: IMAGES_MAX,
  })

  const startOver = () => {
    clearDraft(draftName(current?.id))
    setForm(current ? fromAlert(current) : emptyForm(new Date()))
    setRestored(false)
    setErrors({})
  }

  /** Checks first; opens the confirmation only when there is nothing to fix. */
  const ask = (kind: ConfirmKind) => {
    if (!form) return
    const now = new Date()
    let found: FieldErrors = {}
    if (kind === 'draft' || kind === 'publish') found = checkPublish(form, kind, now)
    if (kind === 'update' && current) {
      found = checkUpdate(current, form, 'ok')
      delete found.reason
    }
    if (Object.keys(photos.failed).length > 0) found.images = '有图片没传上去，请点“重传”或删掉那张'
    else if (photos.pending > 0) found.images = '图片还在上传，请等一会儿再点'
    setErrors(found)
    if (Object.values(found).some(Boolean)) {
      scrollToFirstError(FIELDS, found)
      return
    }
    setReason('')
    setReach(null)
    setConfirm(kind)
    if (kind === 'publish' || kind === 'update') {
      // The count is a help, not a condition: the confirmation works without it.
      call('alerts.reach', audienceOf(form))
        .then(setReach)
        .catch(() => undefined)
    }
  }

  const run = async () => {
    if (!form || !confirm) return
    if ((confirm === 'update' || confirm === 'cancel') && !reason.trim()) {
      setErrors({ ...errors, reason: confirm === 'update' ? '请写一下为什么修改，村民会看到' : '请写一下为什么撤销，村民会看到' })
      return
    }
    if (confirm !== 'draft' && confirm !== 'publish' && !current) return
    const send = (requestId: string): Promise<AlertView> => {
      const opts = { requestId }
      if (confirm === 'draft' || confirm === 'publish') return call('alerts.publish', toPublishPayload(form, confirm, current?.id), opts)
      const id = (current as AlertView).id
      if (confirm === 'update') return call('alerts.update', { id, reason: reason.trim(), changes: toChanges(current as AlertView, form) }, opts)
      return call('alerts.cancel', { id, reason: reason.trim() }, opts)
    }
    const saved = await saving.run(send, {
      intent: JSON.stringify({ confirm, form, reason, id: current?.id }),
      onError: (err) => {
        const field = err.field?.replace(/^changes\./, '').split('.')[0]
        setConfirm(null)
        setErrors(field && field !== 'id' ? { [field]: err.message } : { form: err.message })
      },
    })
    if (!saved) return
    clearDraft(draftName(current?.id))
    setConfirm(null)
    setCurrent(saved)
    setForm(fromAlert(saved))
    const done = { draft: '草稿已保存', publish: '已发布', update: '已修改', cancel: '已撤销' }[confirm]
    toast(done, { kind: 'success' })
    if (confirm !== 'draft') void Taro.redirectTo({ url: `/packages/officer-alerts/stats/index?id=${encodeURIComponent(saved.id)}` })
  }

  const now = new Date()
  const view = form ? previewView(form, villages, now, current ?? undefined) : null

  return (
    <PageShell id='page-alert-compose' state={loaded}>
      {form && view ? (
        <View className='fq-compose'>
          {current ? (
            <View className='fq-card' id='compose-status'>
              <Text className='fq-muted'>{`${phaseInfo(phase).label}　${current.publishedAt ? `${fullDateTime(current.publishedAt)}发布` : '还没发布'}`}</Text>
              {phase === 'cancelled' ? <Text className='fq-compose__warn'>{`已撤销${current.cancelReason ? `：${current.cancelReason}` : ''}。不能再修改。`}</Text> : null}
            </View>
          ) : null}
          {restored ? (
            <View className='fq-compose__restored' id='compose-restored'>
              <Text>已恢复上次没保存的内容。</Text>
              <Text className='fq-compose__link' onClick={startOver}>
                不要了，重新开始
              </Text>
            </View>
          ) : null}

          <View className='fq-card'>
            <Field label={`标题（${form.title.length}/${TITLE_MAX}字）`} error={errors.title} id='field-title'>
              <Input id='input-title' value={form.title} maxlength={TITLE_MAX} placeholder='例如：警惕冒充公检法电话诈骗' disabled={!editable} onInput={(e) => set({ title: e.detail.value })} />
            </Field>
            <Field label='类别' error={errors.category} id='field-category'>
              <Chips id='pick-category' items={ALERT_CATEGORIES} selected={(v) => form.category === v} onPick={(v) => editable && set({ category: v })} />
            </Field>
            <Field label='严重程度' error={errors.severity} id='field-severity' hint={form.severity && needsFollowUp(form.severity) ? '严重和特别严重的提醒会推送给订阅的村民，并列出没点“知道了”的人，方便上门' : undefined}>
              <Chips id='pick-severity' items={ALERT_SEVERITIES} selected={(v) => form.severity === v} onPick={(v) => editable && set({ severity: v })} />
            </Field>
            <AudienceField form={form} villages={villages} editable={editable} error={errors.villageIds} onChange={set} />
            <Field label='内容' error={errors.body} id='field-body'>
              <TextArea
                id='input-body'
                value={form.body}
                maxLength={BODY_MAX}
                minLines={6}
                placeholder='用大白话写：发生了什么，骗子怎么说，村民该怎么做'
                disabled={!editable}
                onInput={(body) => set({ body })}
              />
            </Field>
          </View>

          <View className='fq-card' id='field-advice'>
            <Text className='fq-compose__section'>防范要点（每条一句话）</Text>
            {form.advice.map((point, i) => (
              <View key={i} className='fq-compose__advice'>
                <View className='fq-compose__advice-input'>
                  <TextArea
                    id={`input-advice-${i}`}
                    value={point}
                    maxLength={ADVICE_POINT_MAX}
                    minLines={2}
                    placeholder={i === 0 ? '例如：公检法不会打电话让您转账' : '再写一条'}
                    disabled={!editable}
                    onInput={(text) => set({ advice: form.advice.map((x, j) => (j === i ? text : x)) })}
                  />
                </View>
                {editable && form.advice.length > 1 ? (
                  <Text className='fq-compose__link' id={`remove-advice-${i}`} onClick={() => set({ advice: form.advice.filter((_, j) => j !== i) })}>
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
            {errors.advice ? <Text className='fq-compose__error'>{errors.advice}</Text> : null}
            {editable && form.advice.length < ADVICE_MAX_POINTS ? (
              <BigButton id='add-advice' kind='plain' onClick={() => set({ advice: [...form.advice, ''] })}>
                ＋ 再加一条
              </BigButton>
            ) : null}
          </View>

          <View className='fq-card' id='field-images'>
            <Text className='fq-compose__section'>图片（可不放）</Text>
            <PhotoPicker uploads={photos} max={IMAGES_MAX} error={errors.images} idPrefix='image' readOnly={!editable} addLabel='＋ 添加图片' />
          </View>

          <View className='fq-card' id='field-times'>
            <Text className='fq-compose__section'>什么时候生效、什么时候到期</Text>
            <View className='fq-row'>
              <Text>{isDraft ? '发布后马上生效' : '生效时间'}</Text>
              {isDraft ? <Switch id='input-effective-now' checked={!form.effectiveAt} disabled={!editable} onChange={(e) => set({ effectiveAt: e.detail.value ? '' : beijingAt(new Date(), 1, 8, 0) })} /> : null}
            </View>
            {form.effectiveAt ? (
              <View className='fq-compose__when'>
                <PickerSheet mode='date' id='input-effective-date' className='fq-compose__picker' title='哪天生效' value={pickerDate(form.effectiveAt)} display={pickerDate(form.effectiveAt)} disabled={!editable} onChange={(v) => set({ effectiveAt: fromPicker(v, pickerTime(form.effectiveAt), form.effectiveAt) })} />
                <PickerSheet mode='time' id='input-effective-time' className='fq-compose__picker' title='几点生效' value={pickerTime(form.effectiveAt)} disabled={!editable} onChange={(v) => set({ effectiveAt: fromPicker(pickerDate(form.effectiveAt), v, form.effectiveAt) })} />
              </View>
            ) : null}
            <Field label={`到期：${fullDateTime(form.expiresAt)}`} error={errors.expiresAt} id='field-expires'>
              <View className='fq-compose__when'>
                <PickerSheet mode='date' id='input-expires-date' className='fq-compose__picker' title='哪天到期' value={pickerDate(form.expiresAt)} display={pickerDate(form.expiresAt)} disabled={!editable} onChange={(v) => set({ expiresAt: fromPicker(v, pickerTime(form.expiresAt), form.expiresAt) })} />
                <PickerSheet mode='time' id='input-expires-time' className='fq-compose__picker' title='几点到期' value={pickerTime(form.expiresAt)} disabled={!editable} onChange={(v) => set({ expiresAt: fromPicker(pickerDate(form.expiresAt), v, form.expiresAt) })} />
              </View>
            </Field>
            {editable ? (
              <Chips
                id='pick-expiry'
                items={[1, 3, 7, 30].map((d) => ({ value: String(d), label: `${d}天后` }))}
                selected={(d) => form.expiresAt === endOfDay(new Date(), Number(d))}
                onPick={(d) => set({ expiresAt: endOfDay(new Date(), Number(d)) })}
              />
            ) : null}
            <View className='fq-row'>
              <Text>放在首页最上面（置顶）</Text>
              <Switch id='input-pinned' checked={form.pinned} disabled={!editable} onChange={(e) => set({ pinned: !!e.detail.value })} />
            </View>
          </View>

          <FormErrorSummary id='compose-error' state={summaryState(FIELDS, errors)} fields={FIELDS} />

          <BigButton id='compose-preview' kind='plain' onClick={() => setPreview(true)}>
            看看村民看到的样子
          </BigButton>
          {isDraft ? (
            <>
              <BigButton id='compose-publish' onClick={() => ask('publish')}>
                发布
              </BigButton>
              <BigButton id='compose-draft' kind='plain' onClick={() => ask('draft')}>
                先存为草稿
              </BigButton>
            </>
          ) : null}
          {!isDraft && editable ? (
            <BigButton id='compose-update' onClick={() => ask('update')}>
              保存修改
            </BigButton>
          ) : null}
          {current && canApply('cancel', phase) ? (
            <BigButton id='compose-cancel' kind='danger' onClick={() => ask('cancel')}>
              {isDraft ? '作废这份草稿' : '撤销这条预警'}
            </BigButton>
          ) : null}

          <Sheet open={preview} title='村民看到的样子' onClose={() => setPreview(false)} id='compose-preview-sheet'>
            <Text className='fq-muted'>首页列表里：</Text>
            <AlertCard alert={view} now={now} onOpen={() => undefined} />
            <Text className='fq-muted'>点开以后：</Text>
            <View className='fq-compose__preview'>
              <AlertDetailView alert={view} now={now} preview />
            </View>
            <BigButton id='preview-close' kind='plain' onClick={() => setPreview(false)}>
              关闭预览
            </BigButton>
          </Sheet>

          <ConfirmSheet
            open={confirm !== null}
            title={confirmTitle(confirm)}
            message={confirmText(confirm, form, villages, current, reach)}
            confirmText={confirmButton(confirm)}
            kind={confirm === 'cancel' ? 'danger' : 'primary'}
            busy={busy}
            onConfirm={() => void run()}
            onCancel={() => setConfirm(null)}
            id='compose-confirm'
            confirmId='confirm-yes'
            cancelId='confirm-no'
          >
            {confirm === 'update' || confirm === 'cancel' ? (
              <Field label={confirm === 'update' ? '为什么修改（村民会看到）' : '为什么撤销（村民会看到）'} error={errors.reason} id='field-reason'>
                <Input id='input-reason' value={reason} maxlength={100} placeholder={confirm === 'update' ? '例如：又发现了新的骗法' : '例如：情况已查明，是误报'} onInput={(e) => setReason(e.detail.value)} />
              </Field>
            ) : null}
          </ConfirmSheet>
        </View>
      ) : null}
    </PageShell>
  )
}

function confirmTitle(kind: ConfirmKind | null): string {
  return { draft: '存为草稿？', publish: '确认发布？', update: '确认修改？', cancel: '确认撤销？' }[kind ?? 'draft']
}

function confirmButton(kind: ConfirmKind | null): string {
  return { draft: '存为草稿', publish: '确认发布', update: '确认修改', cancel: '确认撤销' }[kind ?? 'draft']
}

function reachText(scope: string, reach: AlertReach | null, push: boolean): string {
  const who = reach ? `发给${scope} ${reach.residents}人` : `发给${scope}`
  if (!push) return `${who}，不推送，村民打开首页能看到`
  if (!reach) return `${who}，会推送给订阅了提醒的村民`
  return reach.subscribed > 0 ? `${who}，会推送（${reach.subscribed}人订阅了提醒，会收到微信通知）` : `${who}，会推送，但还没有人订阅微信提醒，村民打开首页能看到`
}

function confirmText(kind: ConfirmKind | null, f: ComposeForm, villages: readonly { id: string; name: string }[], current: AlertView | null, reach: AlertReach | null): string {
  const scope = scopeOf(f, villages)
  const push = Boolean(f.severity && needsFollowUp(f.severity))
  switch (kind) {
    case 'draft':
      return '草稿只有民警能看到，村民看不到。以后可以接着改，再发布。'
    case 'publish': {
      const sev = f.severity ? severityInfo(f.severity).label : ''
      const cat = f.category ? categoryInfo(f.category).label : ''
      return `${reachText(scope, reach, push)}，确定发布？\n${sev} · ${cat}：${f.title}\n发布后村民马上能在首页看到。`
    }
    case 'update': {
      const changed = current ? Object.keys(toChanges(current, f)) : []
      return `${reach ? `发给${scope} ${reach.residents}人` : `发给${scope}`}。\n村民会看到“有更新”，已经看过的人会再提醒一次。${changed.length > 0 ? `\n改了${changed.length}项。` : ''}`
    }
    case 'cancel':
      return current?.phase === 'draft' ? '作废后这份草稿不能再发布。' : '撤销后村民首页不再显示这条；从转发链接打开，会看到“已撤销”和原因。'
    default:
      return ''
  }
}
