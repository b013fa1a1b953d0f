// A form's draft kept on the phone, so a closed app or a weak network loses nothing the person typed: the one way
// every form keeps its draft. It is saved on every change the person makes (not merely for opening the form), read
// back when the form opens again, and dropped once sent or thrown away.
import { useCallback, useEffect, useRef, useState, type SetStateAction } from 'react'
import { clearDraft, loadDraft, saveDraft } from '@/services/drafts'

export interface DraftOptions<T> {
  /** Turns what storage holds into a draft, or undefined when it is unusable (an old shape, another form's). Defaults
   * to the stored fields laid over a fresh draft. */
  restore?: (stored: Partial<T>, fresh: T) => T | undefined
  /** Whether a draft is worth keeping (e.g. has any text); one that is not is removed instead of saved. */
  keep?: (draft: T) => boolean
}

export interface DraftState<T> {
  draft: T
  /** A change by the person: kept on the phone. `touch: false` for defaults filled in by the page itself. */
  setDraft: (next: SetStateAction<T>, touch?: boolean) => void
  /** A kept draft was found when the form opened. */
  restored: boolean
  /** Drops the kept copy (sent, or the person cancelled); the form's state stays until changed again. */
  clear: () => void
  /** Starts over with `next`, nothing kept. */
  reset: (next: T) => void
}

export function useDraft<T extends object>(name: string, fresh: () => T, options: DraftOptions<T> = {}): DraftState<T> {
  const [initial] = useState(() => {
    const base = fresh()
    const stored = loadDraft<T>(name)
    const kept = stored ? (options.restore ? options.restore(stored, base) : { ...base, ...stored }) : undefined
    return { draft: kept ?? base, restored: kept !== undefined }
  })
  const [draft, setState] = useState<T>(initial.draft)
  const touched = useRef(initial.restored)
  const keep = useRef(options.keep)
  keep.current = options.keep

  useEffect(() => {
    if (!touched.current) return
    if (keep.current && !keep.current(draft)) clearDraft(name)
    else saveDraft(name, draft)
  }, [draft, name])

  const setDraft = useCallback((next: SetStateAction<T>, touch = true) => {
    if (touch) touched.current = true
    setState(next)
  }, [])

  const clear = useCallback(() => {
    touched.current = false
    clearDraft(name)
  }, [name])

  const reset = useCallback(
    (next: T) => {
      touched.current = false
      clearDraft(name)
      setState(next)
    },
    [name],
  )

  return { draft, setDraft, restored: initial.restored, clear, reset }
}
