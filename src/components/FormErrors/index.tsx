// One way for every form to say what is still wrong: the first wrong field is scrolled into view and marked (by its
// Field), and a short summary sits just above the submit button, where the person's finger is.
import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FieldErrors } from '@/services/formErrors'
import './index.scss'

/** A form field the summary can name: its error key, its name in a few words, and the element to scroll to. */
export interface FormFieldInfo {
  key: string
  label: string
  /** Element id of the field (its Field or card); the first wrong one is scrolled into view. */
  anchor: string
}

export interface FormErrorsState {
  errors: FieldErrors
  /** Shows these errors (replacing the old ones) and scrolls to the first; true when there was anything to show. */
  show: (found: FieldErrors) => boolean
  /** The person changed these fields: their errors go. */
  clear: (...keys: string[]) => void
  /** Labels of the wrong fields, in the form's order. */
  wrongLabels: string[]
}

/** The errors that belong to no field (a failure of the whole form) are under this key. */
export const FORM_KEY = 'form'

function scrollTo(anchor: string) {
  // Best effort: a page that cannot scroll there still shows the summary by the button.
  Promise.resolve(Taro.pageScrollTo({ selector: `#${anchor}`, duration: 200, offsetTop: -24 })).catch(() => undefined)
}

/** For a form that keeps its own error state: scrolls to its first wrong field; true when there is one. */
export function scrollToFirstError(fields: readonly FormFieldInfo[], errors: FieldErrors): boolean {
  const first = fields.find((f) => errors[f.key])
  if (first) scrollTo(first.anchor)
  return Boolean(first)
}

/** The summary's state for a form that keeps its own error state. */
export function summaryState(fields: readonly FormFieldInfo[], errors: FieldErrors): Pick<FormErrorsState, 'errors' | 'wrongLabels'> {
  return { errors, wrongLabels: fields.filter((f) => errors[f.key]).map((f) => f.label) }
}

export function useFormErrors(fields: readonly FormFieldInfo[]): FormErrorsState {
  const [errors, setErrors] = useState<FieldErrors>({})
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields

  const show = useCallback((found: FieldErrors) => {
    setErrors(found)
    const first = fieldsRef.current.find((f) => found[f.key])
    if (first) scrollTo(first.anchor)
    return Object.values(found).some(Boolean)
  }, [])

  const clear = useCallback((...keys: string[]) => {
    setErrors((e) => {
      if (!keys.some((k) => e[k]) && !e[FORM_KEY]) return e
      const next: FieldErrors = { ...e, [FORM_KEY]: undefined }
      for (const k of keys) next[k] = undefined
      return next
    })
  }, [])

  const wrongLabels = fields.filter((f) => errors[f.key]).map((f) => f.label)
  return { errors, show, clear, wrongLabels }
}

export interface FormErrorSummaryProps {
  id: string
  state: Pick<FormErrorsState, 'errors' | 'wrongLabels'>
  fields: readonly FormFieldInfo[]
}

/** "还有2处没填好：姓名、材料" just above the button; tapping it goes to the first one. Also shows a form-wide failure. */
export function summaryText(labels: readonly string[]): string {
  return `还有${labels.length}处没填好：${labels.join('、')}。请往上看红字改好，再点下面的按钮。`
}

export default function FormErrorSummary({ id, state, fields }: FormErrorSummaryProps) {
  const { errors, wrongLabels } = state
  const whole = errors[FORM_KEY]
  if (wrongLabels.length === 0 && !whole) return null
  const first = fields.find((f) => errors[f.key])
  return (
    <View className='fq-form-errors' id={id} onClick={first ? () => scrollTo(first.anchor) : undefined}>
      {wrongLabels.length > 0 ? <Text className='fq-form-errors__text'>{summaryText(wrongLabels)}</Text> : null}
      {whole ? (
        <Text className='fq-form-errors__text' id={`${id}-form`}>
          {whole}
        </Text>
      ) : null}
      {first ? <Text className='fq-form-errors__go'>点这里去第一处 ↑</Text> : null}
    </View>
  )
}
