// Choosing one's village from the station's list: a big tap target showing the choice, or an invitation to choose.
import { Picker, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import './index.scss'

export interface VillagePickerProps {
  /** The control's element id (the Field around it has its own). */
  id: string
  villages: readonly Village[]
  /** The chosen village id; '' when none yet. */
  value: string
  onChange: (villageId: string) => void
}

export default function VillagePicker({ id, villages, value, onChange }: VillagePickerProps) {
  const index = villages.findIndex((x) => x.id === value)
  return (
    <Picker
      id={id}
      mode='selector'
      range={villages.map((x) => x.name)}
      value={index < 0 ? 0 : index}
      onChange={(e) => {
        const chosen = villages[Number(e.detail.value)]
        if (chosen) onChange(chosen.id)
      }}
    >
      <View className='fq-village-picker'>{index < 0 ? '点这里选择村' : villages[index].name}</View>
    </Picker>
  )
}
