// Where `confirmDialog()` / `alertDialog()` appear: the ConfirmSheet on the page in front, so a question keeps its
// double-tap guard (the confirm button waits a moment and sits away from the tap that opened it) and grows, darker and
// bolder, in 长辈模式. Every page has one (PageShell).
import { useEffect, useState } from 'react'
import ConfirmSheet from '@/components/ConfirmSheet'
import { useLargeFont } from '@/hooks/useLargeFont'
import { currentDialog, onDialog, settleDialog, type ShownDialog } from '@/services/dialog'
import './index.scss'

export default function DialogHost() {
  const [large] = useLargeFont()
  const [shown, setShown] = useState<ShownDialog | undefined>(currentDialog)
  useEffect(() => {
    setShown(currentDialog())
    return onDialog(setShown)
  }, [])
  if (!shown) return null
  return (
    <ConfirmSheet
      // A new key per dialog restarts the tap guard when one dialog follows another.
      key={shown.seq}
      open
      title={shown.title}
      message={shown.content || undefined}
      confirmText={shown.confirmText}
      cancelText={shown.showCancel ? shown.cancelText : null}
      kind={shown.kind}
      className={large ? 'fq-dialog fq-dialog--care' : 'fq-dialog'}
      onConfirm={() => settleDialog(shown.seq, true)}
      onCancel={() => settleDialog(shown.seq, false)}
      id='dialog'
      confirmId='dialog-confirm'
      cancelId='dialog-cancel'
    />
  )
}
