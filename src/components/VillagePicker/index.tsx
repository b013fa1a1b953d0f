// Choosing one's village from the station's list: a big tap target showing the choice, or an invitation to choose.
import type { Village } from '@contract/account'
import PickerSheet from '@/components/PickerSheet'

export interface VillagePickerProps {
  /** The control's element id (the Field around it has its own). */
  id: string
  villages: readonly Village[]
  /** The chosen village id; '' when none yet. */
  value: string
  onChange: (villageId: string) => void
}

export default function VillagePicker({ id, villages, value, onChange }: VillagePickerProps) {
  return (
    <PickerSheet
      id={id}
      mode='select'
      title='您住哪个村'
      placeholder='点这里选择村'
      options={villages.map((v) => ({ value: v.id, label: v.name }))}
      value={value}
      onChange={onChange}
    />
  )
}
