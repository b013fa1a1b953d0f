// A full-width button at least 96px tall (more in large-font mode): the only kind of button villagers should need.
import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import './index.scss'

export type BigButtonKind = 'primary' | 'danger' | 'plain'

export interface BigButtonProps {
  children: ReactNode
  kind?: BigButtonKind
  onClick?: () => void
  disabled?: boolean
  /** Shows 请稍候… and ignores taps while true. */
  busy?: boolean
  id?: string
  openType?: ButtonProps['openType']
  onAgreePrivacyAuthorization?: ButtonProps['onAgreePrivacyAuthorization']
  className?: string
}

export default function BigButton({ children, kind = 'primary', onClick, disabled, busy, id, openType, onAgreePrivacyAuthorization, className }: BigButtonProps) {
  const off = Boolean(disabled || busy)
  // On h5 every prop given to a Taro component is copied onto the custom element: `id={undefined}` becomes
  // id="undefined", and `disabled={false}` becomes disabled="false", which Taro's CSS greys out (white text on white).
  // So optional props are left out entirely unless they have a value.
  const optional = definedProps({ id, openType, onAgreePrivacyAuthorization, disabled: off || undefined })
  return (
    <Button
      {...optional}
      className={`fq-big-button fq-big-button--${kind}${off ? ' fq-big-button--off' : ''}${className ? ` ${className}` : ''}`}
      onClick={off ? undefined : onClick}
    >
      {busy ? '请稍候…' : children}
    </Button>
  )
}
