// A report form's state: the draft (saved on the phone at every change), its steps, photos and the submit that
// always carries the draft's requestId, so pressing 提交 again after a network failure never makes two reports.
import { useEffect, useState } from 'react'
import type { CreatedReport } from '@contract/reports'
import type { ReportType } from '@domain/reports'
import { useDraftPhotos, type PhotoUploads } from '@/hooks/usePhotoUploads'
import { call } from '@/services/client'
import { useDraft } from '@/hooks/useDraft'
import { toCallError } from '@/services/errors'
import type { FieldErrors } from '@/services/formErrors'
import { CONSENT_REFUSED, requireConsent } from '@/services/privacyGate'
import {
  DRAFT_NAMES,
  PHOTOS_MAX,
  STEPS,
  draftErrors,
  newDraft,
  readDraft,
  stepErrors,
  stepOfField,
  toPayload,
  type ReportDraft,
  type ValuesOf,
} from './draft'

export interface ReportForm<T extends ReportType> {
  draft: ReportDraft<T>
  steps: (typeof STEPS)[T]
  /** Errors on the current step, by payload path. */
  errors: FieldErrors
  /** A problem with the whole submit (network, daily limit), shown on the last step. */
  submitError?: string
  submitting: boolean
  created?: CreatedReport
  /** The draft came back from an earlier visit. */
  restored: boolean
  uploads: PhotoUploads
  set: <K extends keyof ValuesOf[T]>(field: K, value: ValuesOf[T][K]) => void
  setAnonymous: (on: boolean) => void
  next: () => void
  back: () => void
  goTo: (step: number) => void
  submit: () => Promise<void>
  /** Throw the draft away and start again. */
  discard: () => void
}

/** The payload path an input writes (the date and time pickers make one date). */
function payloadPathOf(input: string): string {
  if (input === 'boughtDate') return 'boughtAt'
  if (input === 'fromDate' || input === 'fromTime') return 'from'
  if (input === 'toDate' || input === 'toTime') return 'to'
  return input
}

/** Fields a page opened from elsewhere fills in (a doorplate scan: its village and place); typed text is never replaced. */
export interface ReportPrefill<T extends ReportType> {
  values: Partial<Record<keyof ValuesOf[T], string>>
  /** The plate's standard address; kept with the draft only when the draft's place is still the plate's. */
  addressId?: string
}

function withPrefill<T extends ReportType>(draft: ReportDraft<T>, prefill: ReportPrefill<T> | undefined): ReportDraft<T> {
  if (!prefill) return draft
  const typed = draft.values as unknown as Record<string, unknown>
  const filled: Record<string, string> = {}
  for (const [k, v] of Object.entries(prefill.values)) if (typeof v === 'string' && v && (typed[k] === '' || typed[k] === undefined)) filled[k] = v
  const values = { ...draft.values, ...filled }
  const merged = values as unknown as Record<string, unknown>
  const samePlace = Object.entries(prefill.values).every(([k, v]) => !v || merged[k] === v)
  return { ...draft, values, ...(prefill.addressId && !draft.addressId && samePlace ? { addressId: prefill.addressId } : {}) }
}

export function useReportForm<T extends ReportType>(type: T, opts: { defaultVillageId?: string; now?: () => Date; prefill?: ReportPrefill<T> } = {}): ReportForm<T> {
  const now = opts.now ?? (() => new Date())
  const name = DRAFT_NAMES[type]
  // Every change is on the phone at once; a sent draft is gone. A page opened from a doorplate scan fills in its place.
  const kept = useDraft<ReportDraft<T>>(name, () => withPrefill(newDraft(type, opts.prefill?.values.villageId || opts.defaultVillageId || '', now()), opts.prefill), {
    restore: (stored) => {
      const d = readDraft(type, stored)
      return d ? withPrefill(d, opts.prefill) : undefined
    },
  })
  const { draft, setDraft, restored } = kept
  const [errors, setErrors] = useState<FieldErrors>({})
  const [submitError, setSubmitError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)
  const [created, setCreated] = useState<CreatedReport>()
  // The reporter's village arrives after the form opens; it is only a default.
  useEffect(() => {
    const village = opts.defaultVillageId
    if (!village) return
    setDraft((d) => ((d.values as { villageId: string }).villageId ? d : { ...d, values: { ...d.values, villageId: village } }), false)
  }, [opts.defaultVillageId, setDraft])

  const update = (fn: (d: ReportDraft<T>) => ReportDraft<T>) => setDraft(fn)

  const uploads = useDraftPhotos(draft, update, PHOTOS_MAX)

  const set = <K extends keyof ValuesOf[T]>(field: K, value: ValuesOf[T][K]) => {
    update((d) => ({ ...d, values: { ...d.values, [field]: value } }))
    // The message under a field goes once the person changes it.
    const path = payloadPathOf(String(field))
    setErrors((e) => {
      const kept = Object.entries(e).filter(([k]) => !(k === path || k.startsWith(`${path}.`)))
      return kept.length === Object.keys(e).length ? e : Object.fromEntries(kept)
    })
  }

  const goTo = (step: number) => {
    setErrors({})
    setSubmitError(undefined)
    update((d) => ({ ...d, step: Math.max(0, Math.min(step, STEPS[type].length - 1)) }))
  }

  const next = () => {
    // Photos still uploading do not hold the person up: submit waits for them.
    const found = stepErrors(draft, draft.step, now())
    if (Object.keys(found).length > 0) {
      setErrors(found)
      return
    }
    goTo(draft.step + 1)
  }

  const back = () => goTo(draft.step - 1)

  const setAnonymous = (on: boolean) => update((d) => ({ ...d, anonymous: on }))

  const submit = async () => {
    if (submitting) return
    setSubmitError(undefined)
    const all = draftErrors(draft, now())
    const first = Object.keys(all)[0]
    if (first !== undefined) {
      const step = stepOfField(type, first)
      update((d) => ({ ...d, step }))
      setErrors(stepErrors(draft, step, now()))
      return
    }
    if (Object.keys(uploads.failed).length > 0) {
      setSubmitError('有照片没传上去。请回到“拍照片”那一步，点“重传”或删掉那张')
      return
    }
    if (uploads.pending > 0) {
      setSubmitError('照片还在上传，请等一会儿再点提交')
      return
    }
    // The privacy sheet says 举报 needs consent: ask now if it was refused, and send nothing without it.
    if (!(await requireConsent())) {
      setSubmitError(CONSENT_REFUSED)
      return
    }
    setSubmitting(true)
    try {
      const res = await call('reports.create', toPayload(draft), { requestId: draft.requestId })
      kept.clear()
      setCreated(res)
    } catch (e) {
      const err = toCallError(e)
      if (err.field && err.code === 'invalid_argument') {
        const step = stepOfField(type, err.field)
        update((d) => ({ ...d, step }))
        setErrors({ [err.field]: err.message })
        if (step === draft.step) setSubmitError(err.message)
      } else {
        setSubmitError(err.code === 'network' ? '网络不好，举报还没送到。已经帮您存在手机上了，到信号好的地方再点“提交”' : err.message)
      }
    } finally {
      setSubmitting(false)
    }
  }

  const discard = () => {
    setErrors({})
    setSubmitError(undefined)
    kept.reset(newDraft(type, opts.defaultVillageId ?? '', now()))
  }

  return {
    draft,
    steps: STEPS[type],
    errors,
    submitError,
    submitting,
    created,
    restored,
    uploads,
    set,
    setAnonymous,
    next,
    back,
    goTo,
    submit,
    discard,
  }
}
