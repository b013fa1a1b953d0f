// A confirmation that needs a deliberate second act: its confirm button sits high on a tall sheet, away from the
// button that opened it, and ignores taps for a moment after opening, so a double tap on 发布 cannot go through.
import { useEffect, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import BigButton, { type BigButtonKind } from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import './index.scss'

/** How long the confirm button ignores taps after the sheet opens. A double tap is about 150 ms apart. */
export const CONFIRM_ARM_MS = 800

export interface ConfirmSheetProps {
  open: boolean
  title: string
  /** What will happen, in words: who gets it and how. */
  message?: string
  /** Extra content under the message (e.g. a reason field). */
  children?: ReactNode
  confirmText: string
  /** null leaves only the confirm button (a notice that needs reading); the dimmed area then confirms too. */
  cancelText?: string | null
  /** An extra class on the panel (the app dialog's 长辈模式 contrast). */
  className?: string
  kind?: Extract<BigButtonKind, 'primary' | 'danger'>
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
  id: string
  confirmId: string
  cancelId: string
}

export default function ConfirmSheet(props: ConfirmSheetProps) {
  const { open, title, message, children, confirmText, cancelText = '返回', className, kind = 'primary', busy, onConfirm, onCancel, id, confirmId, cancelId } = props
  const notice = cancelText === null
  const [armed, setArmed] = useState(false)

  useEffect(() => {
    if (!open) {
      setArmed(false)
      return
    }
    const timer = setTimeout(() => setArmed(true), CONFIRM_ARM_MS)
    return () => clearTimeout(timer)
  }, [open])

  return (
    <Sheet open={open} title={title} id={id} onClose={busy ? undefined : notice ? onConfirm : onCancel} panelClassName={className ? `fq-confirm ${className}` : 'fq-confirm'}>
      {message ? (
        <Text className='fq-confirm__message' id={`${id}-message`}>
          {message}
        </Text>
      ) : null}
      {children}
      <BigButton id={confirmId} kind={kind} busy={busy} disabled={!armed} onClick={onConfirm}>
        {confirmText}
      </BigButton>
      {/* The space keeps 返回 at the bottom, where the finger that opened the sheet is, and the confirm button away from it. */}
      <View className='fq-confirm__gap' />
      {notice ? null : (
        <BigButton id={cancelId} kind='plain' disabled={busy} onClick={onCancel}>
          {cancelText}
        </BigButton>
      )}
    </Sheet>
  )
}
