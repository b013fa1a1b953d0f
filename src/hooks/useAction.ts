// One thing a person does with a button (send, save, withdraw, assign): the spinner while it runs, the Chinese message
// when it fails, and the request id the call carries. The id is one per user intent: every try of the same intent
// (pressing the button again after a network failure, with the same content) carries the same id, so the function
// runtime applies it once; a success or a changed intent starts a new one. Pages do not keep their own intent refs,
// busy flags or try/catch.
import { useCallback, useRef, useState } from 'react'
import { newRequestId } from '@/services/requestId'
import { toCallError, type CallError } from '@/services/errors'

export interface RunOptions {
  /** What the person asks for, e.g. the payload as JSON or `cancel:<id>`; defaults to the hook's `intentKey`. */
  intent?: string
  /** Also hands the failure to the page (e.g. to mark the field it names in a form's error pattern). */
  onError?: (error: CallError) => void
}

export interface ActionState {
  busy: boolean
  /** What went wrong last time, in words for the person; undefined while running and after a success. */
  error: string | undefined
  /** The form field the last failure names, if the server or a check named one. */
  field: string | undefined
  /** Show a message without calling anything: a check that failed before sending. */
  fail: (message: string, field?: string) => void
  /** Runs `act` with busy on and the old message cleared, handing it this intent's request id. Resolves to its
   * result, or undefined when it failed (the message is then in `error`). Never rejects. */
  run: <T>(act: (requestId: string) => Promise<T>, options?: RunOptions) => Promise<T | undefined>
}

/** `intentKey`: the intent of this hook's runs when a run names none (one button, one thing to do). */
export function useAction(intentKey = ''): ActionState {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; field?: string }>()
  // Every intent not yet done keeps its id: going back to one (cancel failed, rate, cancel again) reuses it.
  const intents = useRef(new Map<string, string>())
  const defaultKey = useRef(intentKey)
  defaultKey.current = intentKey

  const fail = useCallback((message: string, field?: string) => setFailure({ message, field }), [])

  const run = useCallback(async <T>(act: (requestId: string) => Promise<T>, options: RunOptions = {}): Promise<T | undefined> => {
    const key = options.intent ?? defaultKey.current
    const requestId = intents.current.get(key) ?? newRequestId()
    intents.current.set(key, requestId)
    setBusy(true)
    setFailure(undefined)
    try {
      const result = await act(requestId)
      // Done: the next press is a new intent, even with the same content.
      intents.current.delete(key)
      return result
    } catch (e) {
      const err = toCallError(e)
      setFailure({ message: err.message, field: err.field })
      options.onError?.(err)
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])

  return { busy, error: failure?.message, field: failure?.field, fail, run }
}
