// Which 村 and 社 an officer's list is about: the station's villages, then that village's 社 as chips (全部 first).
import { Text, View } from '@tarojs/components'
import type { Village } from '@contract/account'
import type { GroupView } from '@contract/households'
import Field from '@/components/Field'
import VillagePicker from '@/components/VillagePicker'
import './officer-hh.scss'

export interface ScopeProps {
  villages: readonly Village[]
  villageId: string
  group: string
  groups: readonly GroupView[]
  onVillage: (villageId: string) => void
  onGroup: (group: string) => void
  /** Offer 全部社 (a whole village); off where one 社 must be chosen. */
  allGroups?: boolean
}

export default function Scope({ villages, villageId, group, groups, onVillage, onGroup, allGroups = true }: ScopeProps) {
  const mine = groups.filter((g) => g.villageId === villageId)
  return (
    <View id='scope'>
      <Field label='村' id='field-scope-village'>
        <VillagePicker id='scope-village' villages={villages} value={villageId} onChange={onVillage} />
      </Field>
      {villageId ? (
        <View className='fq-hh-chips' id='scope-groups'>
          {allGroups ? (
            <View id='group-all' className={`fq-hh-chip${group === '' ? ' fq-hh-chip--on' : ''}`} onClick={() => onGroup('')}>
              <Text>全部社</Text>
            </View>
          ) : null}
          {mine.map((g) => (
            <View key={g.group} id={`group-${g.group}`} className={`fq-hh-chip${group === g.group ? ' fq-hh-chip--on' : ''}`} onClick={() => onGroup(g.group)}>
              <Text>{`${g.group}（${g.households}户）`}</Text>
            </View>
          ))}
          {mine.length === 0 ? <Text className='fq-muted'>这个村还没有登记社。</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
