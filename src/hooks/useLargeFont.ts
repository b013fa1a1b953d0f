// The large-font setting as React state, kept in step across open pages.
import { useEffect, useState } from 'react'
import { getLargeFont, onLargeFontChange, setLargeFont } from '@/services/settings'

export function useLargeFont(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(getLargeFont)
  useEffect(() => onLargeFontChange(setOn), [])
  return [on, setLargeFont]
}
