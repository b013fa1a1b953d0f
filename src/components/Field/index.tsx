// A labelled form row with its error underneath, in red, in words the person can act on.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import './index.scss'

export interface FieldProps {
  label: string
  /** The field's error message; shown under the input. */
  error?: string
  hint?: string
  children: ReactNode
  id?: string
}

export default function Field({ label, error, hint, children, id }: FieldProps) {
  return (
    <View className={`fq-field${error ? ' fq-field--error' : ''}`} {...definedProps({ id })}>
      <Text className='fq-field__label'>{label}</Text>
      <View className='fq-field__control'>{children}</View>
      {error ? (
        <Text className='fq-field__error' {...definedProps({ id: id ? `${id}-error` : undefined })}>
          {error}
        </Text>
      ) : hint ? (
        <Text className='fq-field__hint'>{hint}</Text>
      ) : null}
    </View>
  )
}
