// The 回访 questions, the same for every kind of case: 满意 / 基本满意 / 不满意 as three big buttons, optional words,
// and for services "办了几次才办成". The draft is kept on the phone until it is sent; one request id per intent.
import { useRef, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { followupsActions, WORDS_MAX } from '@contract/followups'
import { ANSWER_LABELS, ANSWERS, ATTEMPTS_MAX, type Answer } from '@domain/followups'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import TextArea from '@/components/TextArea'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'
import { formErrors } from '@/services/formErrors'
import { newRequestId } from '@/services/requestId'
import { toCallError } from '@/services/errors'
import './followup.scss'

export interface SurveyValues {
  answer: Answer | null
  words: string
  attempts: number | null
}

/** The draft also keeps the send's request id, so a send retried after the app was closed is applied once. */
interface SurveyDraft extends SurveyValues {
  requestId?: string
}

export interface SurveyFormProps {
  /** Draft key: one per survey (and per recorder). */
  draftName: string
  asksAttempts: boolean
  /** The answer already given, when changing it. */
  initial?: SurveyValues
  submitLabel: string
  /** Sends the answer; throws a call error when refused (shown above the button). */
  onSubmit: (values: { answer: Answer; words?: string; attempts?: number }, requestId: string) => Promise<void>
  id?: string
}

const FIELDS: readonly FormFieldInfo[] = [
  { key: 'answer', label: '满意不满意', anchor: 'survey-answer' },
  { key: 'attempts', label: '办了几次', anchor: 'survey-attempts' },
  { key: 'words', label: '想说的话', anchor: 'survey-words' },
]

const ICONS: Record<Answer, string> = { satisfied: '☺', basic: '○', unsatisfied: '☹' }
const ATTEMPT_CHOICES = Array.from({ length: ATTEMPTS_MAX }, (_, i) => i + 1)
const schema = followupsActions['followups.answer'].request

/** A labelled group of big choices with its error under it (Field is for inputs: it draws an input's box). */
function ChoiceGroup({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <View className={`fq-survey__group${error ? ' fq-survey__group--error' : ''}`} id={id}>
      <Text className='fq-field__label'>{label}</Text>
      {children}
      {error ? (
        <Text className='fq-field__error' id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

function attemptLabel(n: number): string {
  return n === ATTEMPTS_MAX ? `${n}次或更多` : n === 1 ? '1次就办成' : `${n}次`
}

export default function SurveyForm({ draftName, asksAttempts, initial, submitLabel, onSubmit, id = 'survey-form' }: SurveyFormProps) {
  const [values, setValues] = useState<SurveyValues>(() => {
    const draft = loadDraft<SurveyDraft>(draftName)
    return { answer: draft?.answer ?? initial?.answer ?? null, words: draft?.words ?? initial?.words ?? '', attempts: draft?.attempts ?? initial?.attempts ?? null }
  })
  const [busy, setBusy] = useState(false)
  const errors = useFormErrors(FIELDS)
  const intent = useRef<string | undefined>(loadDraft<SurveyDraft>(draftName)?.requestId)

  const change = (next: Partial<SurveyValues>) => {
    const merged = { ...values, ...next }
    setValues(merged)
    saveDraft<SurveyDraft>(draftName, { ...merged, ...(intent.current ? { requestId: intent.current } : {}) })
    errors.clear(...Object.keys(next))
  }

  const submit = async () => {
    const payload = {
      id: 'x',
      answer: values.answer ?? undefined,
      ...(values.words.trim() ? { words: values.words.trim() } : {}),
      ...(asksAttempts && values.attempts ? { attempts: values.attempts } : {}),
    }
    const found = formErrors(schema, payload)
    delete found.id
    if (!values.answer) found.answer = '请点一下：满意、基本满意，还是不满意'
    if (errors.show(found)) return
    if (!intent.current) {
      intent.current = newRequestId()
      saveDraft<SurveyDraft>(draftName, { ...values, requestId: intent.current })
    }
    setBusy(true)
    try {
      const { answer } = values
      if (!answer) return
      await onSubmit({ answer, ...(payload.words ? { words: payload.words } : {}), ...(payload.attempts ? { attempts: payload.attempts } : {}) }, intent.current)
      intent.current = undefined
      clearDraft(draftName)
    } catch (e) {
      const err = toCallError(e)
      errors.show({ [err.field && FIELDS.some((f) => f.key === err.field) ? err.field : FORM_KEY]: err.message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='fq-survey' id={id}>
      <ChoiceGroup label='这件事办得您满意吗？' error={errors.errors.answer} id='survey-answer'>
        <View className='fq-survey__answers'>
          {ANSWERS.map((a) => (
            <View
              key={a}
              id={`survey-answer-${a}`}
              className={`fq-survey__answer fq-survey__answer--${a}${values.answer === a ? ' fq-survey__answer--on' : ''}`}
              onClick={() => change({ answer: a })}
            >
              <Text className='fq-survey__icon'>{ICONS[a]}</Text>
              <Text className='fq-survey__label'>{ANSWER_LABELS[a]}</Text>
            </View>
          ))}
        </View>
      </ChoiceGroup>
      {asksAttempts ? (
        <ChoiceGroup label='跑了几次才办成？（可不选）' error={errors.errors.attempts} id='survey-attempts'>
          <View className='fq-survey__attempts'>
            {ATTEMPT_CHOICES.map((n) => (
              <View
                key={n}
                id={`survey-attempts-${n}`}
                className={`fq-survey__attempt${values.attempts === n ? ' fq-survey__attempt--on' : ''}`}
                onClick={() => change({ attempts: values.attempts === n ? null : n })}
              >
                <Text>{attemptLabel(n)}</Text>
              </View>
            ))}
          </View>
        </ChoiceGroup>
      ) : null}
      <Field label='想说的话（可不填）' error={errors.errors.words} id='survey-words' hint={values.answer === 'unsatisfied' ? '哪里不满意？所长会亲自联系您' : undefined}>
        <TextArea id='survey-words-input' value={values.words} maxLength={WORDS_MAX} placeholder='比如：民警很耐心 / 等的时间太长' onInput={(w) => change({ words: w })} />
      </Field>
      <FormErrorSummary id='survey-errors' state={errors} fields={FIELDS} />
      <BigButton id='survey-submit' busy={busy} onClick={() => void submit()}>
        {submitLabel}
      </BigButton>
    </View>
  )
}
