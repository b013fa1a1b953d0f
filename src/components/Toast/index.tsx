// Where `toast()` appears: in the middle of the page, white on black, large and bold in 长辈模式, on screen long enough
// to read, and announced by screen readers on h5 (aria-live). A tap takes it away. Every page has one (PageShell).
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useLargeFont } from '@/hooks/useLargeFont'
import { currentToast, hideToast, onToast, type ShownToast } from '@/services/toast'
import './index.scss'

const MARKS: Record<ShownToast['kind'], string> = { info: '', success: '✓', error: '!' }

export default function ToastHost() {
  const [large] = useLargeFont()
  const [shown, setShown] = useState<ShownToast | undefined>(currentToast)
  useEffect(() => {
    setShown(currentToast())
    return onToast(setShown)
  }, [])
  useEffect(() => {
    if (!shown) return
    const timer = setTimeout(() => hideToast(shown.seq), Math.max(0, shown.until - Date.now()))
    return () => clearTimeout(timer)
  }, [shown])

  // The live region stays in the page so a screen reader notices the words that appear in it.
  return (
    <View className='fq-toast-region' role='status' aria-live='polite' aria-atomic='true'>
      {shown ? (
        <View
          id='toast'
          className={`fq-toast fq-toast--${shown.kind}${large ? ' fq-toast--care' : ''}`}
          onClick={() => hideToast(shown.seq)}
        >
          {MARKS[shown.kind] ? <Text className='fq-toast__mark'>{MARKS[shown.kind]}</Text> : null}
          <Text id='toast-text' className='fq-toast__text'>
            {shown.text}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
