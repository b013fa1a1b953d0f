// A bottom sheet over a dimmed page: for consent, confirmations and short choices.
import { useEffect, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import { setTabBarHidden } from '@/services/tabBar'
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

/** Open sheets; the tab bar comes back when the last one closes. */
let openSheets = 0

function hideTabBarWhileOpen(): () => void {
  // The tab bar is drawn above the page: it would cover the sheet's bottom buttons. WeChat's call fails quietly off tab
  // pages; the weapp bar (our own component) also hides itself.
  if (openSheets++ === 0) {
    setTabBarHidden(true)
    Promise.resolve(Taro.hideTabBar({ animation: false })).catch(() => undefined)
  }
  return () => {
    if (--openSheets === 0) {
      setTabBarHidden(false)
      Promise.resolve(Taro.showTabBar({ animation: false })).catch(() => undefined)
    }
  }
}

export default function Sheet({ open, title, children, onClose, id, panelClassName }: SheetProps) {
  useEffect(() => (open ? hideTabBarWhileOpen() : undefined), [open])
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
