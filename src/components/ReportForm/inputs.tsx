// Form inputs of the report forms, each inside the app's Field (label, error underneath): text, long text, number,
// date and time pickers, and a village picker.
import { Input, Text } from '@tarojs/components'
import type { Village } from '@contract/account'
import Field from '@/components/Field'
import PickerSheet from '@/components/PickerSheet'
import TextArea from '@/components/TextArea'

interface Base {
  /** Element id stem: the field is `field-<id>`, the control `input-<id>`, the error `field-<id>-error`. */
  id: string
  label: string
  error?: string
  hint?: string
}

export function TextInput({ id, label, error, hint, value, placeholder, maxlength, onChange, numeric }: Base & {
  value: string
  placeholder?: string
  maxlength: number
  onChange: (v: string) => void
  numeric?: boolean
}) {
  return (
    <Field label={label} error={error} hint={hint} id={`field-${id}`}>
      <Input id={`input-${id}`} type={numeric ? 'digit' : 'text'} value={value} placeholder={placeholder} maxlength={maxlength} onInput={(e) => onChange(e.detail.value)} />
    </Field>
  )
}

export function LongText({ id, label, error, hint, value, placeholder, maxlength, onChange }: Base & {
  value: string
  placeholder?: string
  maxlength: number
  onChange: (v: string) => void
}) {
  return (
    <Field label={label} error={error} hint={hint} id={`field-${id}`}>
      <TextArea id={`input-${id}`} value={value} placeholder={placeholder} maxLength={maxlength} onInput={onChange} />
    </Field>
  )
}

/** `YYYY-MM-DD` → `11月28日`. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${Number(m[2])}月${Number(m[3])}日` : ''
}

export function DatePick({ id, label, error, hint, value, end, onChange }: Base & { value: string; end: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} error={error} hint={hint} id={`field-${id}`}>
      <PickerSheet id={`input-${id}`} mode='date' title={label} value={value} end={end} start='2000-01-01' placeholder='点这里选日期' display={value ? chineseDate(value) : undefined} onChange={onChange} />
    </Field>
  )
}

export function TimePick({ id, label, error, hint, value, onChange }: Base & { value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} error={error} hint={hint} id={`field-${id}`}>
      <PickerSheet id={`input-${id}`} mode='time' title={label} value={value} placeholder='几点（可不选）' onChange={onChange} />
    </Field>
  )
}

export function VillagePick({ id, label, error, hint, value, villages, onChange }: Base & {
  value: string
  villages: readonly Village[]
  onChange: (v: string) => void
}) {
  return (
    <Field label={label} error={error} hint={hint} id={`field-${id}`}>
      <PickerSheet
        id={`input-${id}`}
        mode='select'
        title={label}
        placeholder='点这里选村'
        options={villages.map((v) => ({ value: v.id, label: v.name }))}
        value={value}
        onChange={onChange}
      />
    </Field>
  )
}

export function Tip({ children }: { children: string }) {
  return <Text className='fq-muted fq-tip'>{children}</Text>
}
