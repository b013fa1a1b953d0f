// The report draft kept on the phone: what the person typed (as typed), their photos, the step they are on and the
// one requestId that every submit of this draft carries. Turns a draft into the `reports.create` payload and says,
// per step, what is still missing — with the contract's own messages.
import { createReportRequest, PHOTOS_MAX, type CreateReportInput } from '@contract/reports'
import { checkPesticideDates, checkTheftDates, type ReportType } from '@domain/reports'
import { stationDay, stationInstant, stationTime } from '@domain/station-time'
import { formErrors, type FieldErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import type { DraftPhoto } from '@/hooks/usePhotoUploads'
import { usableFolder, type UploadFolder } from '@/services/photos'


export { PHOTOS_MAX }

export type { DraftPhoto }

export interface PesticideValues {
  product: string
  brand: string
  registrationNo: string
  batchNo: string
  shop: string
  villageId: string
  address: string
  /** YYYY-MM-DD, Beijing time. */
  boughtDate: string
  amountPaid: string
  crop: string
  areaMu: string
  damage: string
}

export interface TheftValues {
  items: { name: string; value: string }[]
  /** Last seen still there: YYYY-MM-DD and HH:mm, Beijing time. */
  fromDate: string
  fromTime: string
  /** Found missing. */
  toDate: string
  toTime: string
  villageId: string
  place: string
  suspect: string
  description: string
}

export interface ValuesOf {
  fake_pesticide: PesticideValues
  theft: TheftValues
}

export interface ReportDraft<T extends ReportType> {
  type: T
  values: ValuesOf[T]
  photos: DraftPhoto[]
  anonymous: boolean
  step: number
  /** Made with the draft and kept until it is sent: a retried submit never makes a second report. */
  requestId: string
  /** The folder this draft's photos go to (its own, never shared with another draft). */
  uploadFolder?: UploadFolder
  /** The standard address (一标) the report is about, when it was opened from a doorplate scan. */
  addressId?: string
}

export const DRAFT_NAMES: Record<ReportType, string> = { fake_pesticide: 'report-pesticide', theft: 'report-theft' }

/** A date (and time) picked on the phone, read as Beijing time. Empty date → undefined (the schema asks for it). */
export function beijingIso(date: string, time = '00:00'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  const t = /^\d{2}:\d{2}$/.test(time) ? time : '00:00'
  return stationInstant(date, t).toISOString()
}

function emptyValues<T extends ReportType>(type: T, villageId: string, now: Date): ValuesOf[T] {
  if (type === 'theft') {
    const theft: TheftValues = {
      items: [{ name: '', value: '' }],
      fromDate: '',
      fromTime: '',
      toDate: stationDay(now),
      toTime: stationTime(now),
      villageId,
      place: '',
      suspect: '',
      description: '',
    }
    return theft as ValuesOf[T]
  }
  const pesticide: PesticideValues = {
    product: '',
    brand: '',
    registrationNo: '',
    batchNo: '',
    shop: '',
    villageId,
    address: '',
    boughtDate: '',
    amountPaid: '',
    crop: '',
    areaMu: '',
    damage: '',
  }
  return pesticide as ValuesOf[T]
}

export function newDraft<T extends ReportType>(type: T, villageId: string, now: Date): ReportDraft<T> {
  return { type, values: emptyValues(type, villageId, now), photos: [], anonymous: false, step: 0, requestId: newRequestId(now.getTime()) }
}

/** A stored draft if it is one of ours and whole; otherwise nothing (a broken draft is dropped, not shown). */
export function readDraft<T extends ReportType>(type: T, stored: unknown): ReportDraft<T> | undefined {
  if (!stored || typeof stored !== 'object') return undefined
  const d = stored as Partial<ReportDraft<T>>
  if (d.type !== type || typeof d.requestId !== 'string' || !d.values || typeof d.values !== 'object') return undefined
  if (!Array.isArray(d.photos) || typeof d.step !== 'number') return undefined
  const uploadFolder = usableFolder(d.uploadFolder)
  const addressId = typeof d.addressId === 'string' && d.addressId ? d.addressId : undefined
  return { type, values: d.values, photos: d.photos, anonymous: d.anonymous === true, step: d.step, requestId: d.requestId, ...(uploadFolder ? { uploadFolder } : {}), ...(addressId ? { addressId } : {}) }
}

const optionalNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()))
const optionalString = (s: string): string | undefined => (s.trim() === '' ? undefined : s)

/** The `reports.create` payload, as close to the typed values as possible (the schema judges the rest). */
export function toPayload(draft: ReportDraft<ReportType>): CreateReportInput {
  const photos = draft.photos.map((p) => p.fileId ?? '').filter(Boolean)
  if (draft.type === 'theft') {
    const t = draft.values as TheftValues
    return {
      type: 'theft',
      items: t.items.map((i) => ({ name: i.name, ...(i.value.trim() === '' ? {} : { value: Number(i.value.trim()) }) })),
      from: beijingIso(t.fromDate, t.fromTime) as string,
      to: beijingIso(t.toDate, t.toTime) as string,
      villageId: t.villageId,
      place: t.place,
      suspect: optionalString(t.suspect),
      description: optionalString(t.description),
      photos,
      anonymous: draft.anonymous,
      ...(draft.addressId ? { addressId: draft.addressId } : {}),
    }
  }
  const p = draft.values as PesticideValues
  return {
    type: 'fake_pesticide',
    product: p.product,
    brand: p.brand,
    registrationNo: optionalString(p.registrationNo),
    batchNo: optionalString(p.batchNo),
    shop: p.shop,
    villageId: optionalString(p.villageId),
    address: optionalString(p.address),
    boughtAt: beijingIso(p.boughtDate) as string,
    amountPaid: optionalNumber(p.amountPaid),
    crop: p.crop,
    areaMu: optionalNumber(p.areaMu),
    damage: p.damage,
    photos,
    anonymous: draft.anonymous,
    ...(draft.addressId ? { addressId: draft.addressId } : {}),
  }
}

/** The steps of each form and the payload fields each one asks for. */
export interface StepSpec {
  title: string
  fields: readonly string[]
}

export const STEPS: Record<ReportType, readonly StepSpec[]> = {
  fake_pesticide: [
    { title: '买的什么药', fields: ['product', 'brand', 'registrationNo', 'batchNo'] },
    { title: '在哪买的', fields: ['shop', 'villageId', 'address', 'boughtAt', 'amountPaid'] },
    { title: '庄稼怎么了', fields: ['crop', 'areaMu', 'damage'] },
    { title: '拍照片', fields: ['photos'] },
    { title: '确认提交', fields: ['anonymous'] },
  ],
  theft: [
    { title: '丢了什么', fields: ['items'] },
    { title: '在哪、什么时候', fields: ['from', 'to', 'villageId', 'place', 'suspect', 'description'] },
    { title: '拍照片', fields: ['photos'] },
    { title: '确认提交', fields: ['anonymous'] },
  ],
}

/** Every problem of the draft, keyed by payload path (`items.0.name`, `boughtAt`), checked as the server will. */
export function draftErrors(draft: ReportDraft<ReportType>, now: Date): FieldErrors {
  const payload = toPayload(draft)
  const errors = formErrors(createReportRequest, payload)
  if (draft.type === 'theft') {
    const from = payload.type === 'theft' && payload.from ? new Date(payload.from) : undefined
    const to = payload.type === 'theft' && payload.to ? new Date(payload.to) : undefined
    if (from && to && !errors.from && !errors.to) {
      const problem = checkTheftDates({ from, to }, now)
      // Same rule as the server, in the words of this form's labels.
      if (problem?.field === 'from') errors.from = '“最后一次看到”不能晚于现在，请重新选择'
      else if (problem && to.getTime() < from.getTime()) errors.to = '“发现不见了”要在“最后一次看到”之后，请重新选择'
      else if (problem) errors.to = '“发现不见了”不能晚于现在，请重新选择'
    }
  } else if (payload.type === 'fake_pesticide' && payload.boughtAt && !errors.boughtAt) {
    const problem = checkPesticideDates({ boughtAt: new Date(payload.boughtAt) }, now)
    if (problem) errors[problem.field] = problem.message
  }
  if (draft.type === 'theft' && !(draft.values as TheftValues).villageId) errors.villageId = '请选择是哪个村'
  if (draft.photos.length > PHOTOS_MAX) errors.photos = `照片最多${PHOTOS_MAX}张，请删掉几张`
  return errors
}

/** The step a payload field belongs to (`items.0.name` → the items step); the last step when unknown. */
export function stepOfField(type: ReportType, field: string): number {
  const head = field.split('.')[0]
  const steps = STEPS[type]
  const i = steps.findIndex((s) => s.fields.includes(head))
  return i < 0 ? steps.length - 1 : i
}

/** The problems to show on one step. */
export function stepErrors(draft: ReportDraft<ReportType>, step: number, now: Date): FieldErrors {
  const all = draftErrors(draft, now)
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(all)) if (stepOfField(draft.type, field) === step) out[field] = message
  return out
}
