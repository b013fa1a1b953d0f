// Busy and error state of one thing a person does with a button (send, withdraw, assign): the spinner while it runs
// and the Chinese message when it fails, so each sheet does not rewrite the same try/catch/finally.
import { useCallback, useState } from 'react'
import { toCallError } from '@/services/errors'

export interface ActionState {
  busy: boolean
  /** What went wrong last time, in words for the person; undefined while running and after a success. */
  error: string | undefined
  /** The form field the last failure names, if the server or a check named one. */
  field: string | undefined
  /** Show a message without calling anything: a check that failed before sending. */
  fail: (message: string, field?: string) => void
  /** Runs `act` with busy on and the old message cleared. Resolves to its result, or undefined when it failed
   * (the message is then in `error`). Never rejects. */
  run: <T>(act: () => Promise<T>) => Promise<T | undefined>
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; field?: string }>()

  const fail = useCallback((message: string, field?: string) => setFailure({ message, field }), [])

  const run = useCallback(async <T>(act: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setFailure(undefined)
    try {
      return await act()
    } catch (e) {
      const err = toCallError(e)
      setFailure({ message: err.message, field: err.field })
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])

  return { busy, error: failure?.message, field: failure?.field, fail, run }
}
