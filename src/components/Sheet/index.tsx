// A bottom sheet over a dimmed page: for consent, confirmations and short choices.
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import './index.scss'

export interface SheetProps {
  open: boolean
  title: string
  children: ReactNode
  /** Tapping the dimmed area; omit to make the sheet modal. */
  onClose?: () => void
  id?: string
  /** An extra class on the panel (a confirmation makes it tall). */
  panelClassName?: string
}

export default function Sheet({ open, title, children, onClose, id, panelClassName }: SheetProps) {
  if (!open) return null
  return (
    <View className='fq-sheet' {...definedProps({ id })}>
      <View className='fq-sheet__mask' onClick={onClose} />
      <View className={`fq-sheet__panel${panelClassName ? ` ${panelClassName}` : ''}`} catchMove>
        <Text className='fq-sheet__title'>{title}</Text>
        {children}
      </View>
    </View>
  )
}
