// Runs an async loader and exposes its state in the shape PageShell expects.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionKey, ActionRequest, ActionResponse } from '@contract'
import { call } from '@/services/client'
import { CallError, toCallError } from '@/services/errors'

export interface AsyncState<T> {
  data: T | undefined
  error: CallError | undefined
  loading: boolean
  /** Runs the loader again (retry button, pull-to-refresh). Resolves when done, never rejects. */
  reload: () => Promise<void>
  /** Replace the data locally, e.g. after a save returned the new value. */
  setData: (data: T) => void
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[] = []): AsyncState<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<CallError>()
  const [loading, setLoading] = useState(true)
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(undefined)
    try {
      const value = await loadRef.current()
      if (mine === seq.current) setData(value)
    } catch (e) {
      if (mine === seq.current) setError(toCallError(e))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's
  }, deps)

  return { data, error, loading, reload, setData }
}

/** `useAsync` for one contract action. */
export function useCall<K extends ActionKey>(key: K, payload: ActionRequest<K>, deps: readonly unknown[] = []): AsyncState<ActionResponse<K>> {
  return useAsync(() => call(key, payload), [key, ...deps])
}
