// A full-width button at least 96px tall (more in large-font mode): the only kind of button villagers should need.
import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'
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
  const off = disabled || busy
  return (
    <Button
      id={id}
      className={`fq-big-button fq-big-button--${kind}${off ? ' fq-big-button--off' : ''}${className ? ` ${className}` : ''}`}
      disabled={off}
      openType={openType}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
      onClick={off ? undefined : onClick}
    >
      {busy ? '请稍候…' : children}
    </Button>
  )
}
