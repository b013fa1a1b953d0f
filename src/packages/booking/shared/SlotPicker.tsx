// The slots of one day as big buttons: time, seats left, 错时/延时 marks; full or closed slots cannot be tapped.
import { Text, View } from '@tarojs/components'
import type { SlotView } from '@contract/services'
import type { SlotState } from '@domain/slots'
import './SlotPicker.scss'

export interface SlotPickerProps {
  slots: readonly SlotView[]
  selected?: string
  onPick: (slot: SlotView) => void
  /** Prefix for element ids (two pickers on one page). */
  idPrefix?: string
}

/** What a slot that cannot be booked says instead of its seats. */
const CLOSED_STATE: Record<Exclude<SlotState, 'open'>, string> = {
  full: '已约满',
  cutoff: '已截止',
  past: '已过',
}

export function seatsText(slot: Pick<SlotView, 'state' | 'seatsLeft'>): string {
  return slot.state === 'open' ? `剩${slot.seatsLeft}个` : CLOSED_STATE[slot.state]
}

export default function SlotPicker({ slots, selected, onPick, idPrefix = 'slot' }: SlotPickerProps) {
  return (
    <View className='fq-slots' id={`${idPrefix}-list`}>
      {slots.map((slot) => {
        const open = slot.state === 'open'
        const id = `${idPrefix}-${slot.time.replace(':', '')}`
        return (
          <View
            key={slot.key}
            id={id}
            className={`fq-slot${open ? '' : ' fq-slot--off'}${slot.afterHours ? ' fq-slot--after' : ''}${selected === slot.key ? ' fq-slot--on' : ''}`}
            onClick={open ? () => onPick(slot) : undefined}
          >
            <Text className='fq-slot__time'>{slot.time}</Text>
            {slot.mark ? (
              <Text className='fq-slot__mark' id={`${id}-mark`}>
                {slot.mark}
              </Text>
            ) : null}
            <Text className='fq-slot__seats' id={`${id}-seats`}>
              {seatsText(slot)}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
