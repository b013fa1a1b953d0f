// The days that can be booked, one big row each; closed days are shown, marked with why, and cannot be tapped.
import { Text, View } from '@tarojs/components'
import type { DaySummary } from '@domain/slots'
import { dayLabel } from '@/services/dayLabels'
import './DayPicker.scss'

export interface DayPickerProps {
  days: readonly DaySummary[]
  selected?: string
  onPick: (day: string) => void
  now?: Date
  idPrefix?: string
}

export default function DayPicker({ days, selected, onPick, now, idPrefix = 'day' }: DayPickerProps) {
  return (
    <View className='fq-days' id={`${idPrefix}-list`}>
      {days.map((d) => (
        <View
          key={d.day}
          id={`${idPrefix}-${d.day}`}
          className={`fq-day${d.open ? '' : ' fq-day--off'}${selected === d.day ? ' fq-day--on' : ''}`}
          onClick={d.open ? () => onPick(d.day) : undefined}
        >
          <Text className='fq-day__label'>{dayLabel(d.day, now)}</Text>
          <Text className='fq-day__state'>{d.open ? (d.note ? d.note : '可以约') : `休息${d.note ? `（${d.note}）` : ''}`}</Text>
        </View>
      ))}
    </View>
  )
}
