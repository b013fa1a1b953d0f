// 发给谁: the whole jurisdiction, some villages, or 社 (村民小组) of one village. A 社 reaches only the villagers whose
// household an officer confirmed there, and the field says how many that is before anything is sent.
import { Text, View } from '@tarojs/components'
import type { AlertGroupOption } from '@contract/alerts'
import Field from '@/components/Field'
import PickerSheet from '@/components/PickerSheet'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { audienceOf, type ComposeForm } from './form'

type Mode = 'all' | 'villages' | 'groups'

const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'all', label: '全部村' },
  { value: 'villages', label: '选几个村' },
  { value: 'groups', label: '村里的社' },
]

export interface AudienceFieldProps {
  form: ComposeForm
  villages: readonly { id: string; name: string }[]
  editable: boolean
  error?: string
  onChange: (patch: Partial<ComposeForm>) => void
}

function modeOf(f: ComposeForm): Mode {
  return f.allVillages ? 'all' : f.toGroups ? 'groups' : 'villages'
}

/** Big tappable chips, one line each where the words are long. */
function Choice({ id, on, label, onPick }: { id: string; on: boolean; label: string; onPick: () => void }) {
  return (
    <View id={id} className={`fq-chip${on ? ' fq-chip--on' : ''}`} onClick={onPick}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}

/** "只发给已登记住在该社的村民 N 人" for the chosen 社, from the per-社 counts. */
export function groupReachHint(chosen: number, options: readonly AlertGroupOption[] | undefined, f: ComposeForm): string {
  const picked = audienceOf(f).groups
  if (picked.length === 0 || !options) return '只发给已登记住在该社的村民（民警确认过住址的），没登记的村民收不到'
  const n = picked.reduce((sum, g) => sum + (options.find((o) => o.group === g.group)?.residents ?? 0), 0)
  return `只发给已登记住在${chosen > 1 ? '这些社' : '该社'}的村民 ${n} 人，没登记住址的村民收不到`
}

export default function AudienceField({ form, villages, editable, error, onChange }: AudienceFieldProps) {
  const mode = modeOf(form)
  const options = useAsync<AlertGroupOption[]>(
    async () => (form.toGroups && form.groupVillage ? (await call('alerts.groups', { villageId: form.groupVillage })).groups : []),
    [form.toGroups, form.groupVillage],
  )
  const pickMode = (m: Mode) => {
    if (!editable || m === mode) return
    if (m === 'all') onChange({ allVillages: true, toGroups: false })
    else if (m === 'villages') onChange({ allVillages: false, toGroups: false })
    else onChange({ allVillages: false, toGroups: true })
  }
  const chosen = audienceOf(form).groups
  return (
    <Field label='发给谁' error={error} id='field-villages' hint={mode === 'groups' ? groupReachHint(chosen.length, options.data, form) : undefined}>
      <View className='fq-compose__audience'>
      <View className='fq-chips' id='pick-scope'>
        {MODES.map((m) => (
          <Choice key={m.value} id={m.value === 'all' ? 'pick-village-all' : `pick-scope-${m.value}`} on={mode === m.value} label={m.label} onPick={() => pickMode(m.value)} />
        ))}
      </View>
      {mode === 'villages' ? (
        <View className='fq-chips' id='pick-village'>
          {villages.map((v) => (
            <Choice
              key={v.id}
              id={`pick-village-${v.id}`}
              on={form.villageIds.includes(v.id)}
              label={v.name}
              onPick={() => editable && onChange({ villageIds: form.villageIds.includes(v.id) ? form.villageIds.filter((x) => x !== v.id) : [...form.villageIds, v.id] })}
            />
          ))}
        </View>
      ) : null}
      {mode === 'groups' ? (
        <View className='fq-compose__groups'>
          <PickerSheet
            mode='select'
            id='pick-group-village'
            title='哪个村的社'
            placeholder='先选村'
            value={form.groupVillage}
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            disabled={!editable}
            onChange={(villageId) => onChange({ groupVillage: villageId, groups: villageId === form.groupVillage ? form.groups : [] })}
          />
          {form.groupVillage && options.loading ? <Text className='fq-muted'>正在查这个村有哪些社…</Text> : null}
          {form.groupVillage && options.error ? <Text className='fq-compose__error'>没查到这个村的社，请稍后再选一次</Text> : null}
          {form.groupVillage && options.data && options.data.length === 0 ? <Text className='fq-muted'>这个村还没有登记社和住户，请先在“一标三实”里建地址</Text> : null}
          {options.data && options.data.length > 0 ? (
            <View className='fq-chips' id='pick-group'>
              {options.data.map((o) => {
                const on = chosen.some((g) => g.group === o.group)
                return (
                  <Choice
                    key={o.group}
                    id={`pick-group-${o.group}`}
                    on={on}
                    label={`${o.group}（${o.residents}人）`}
                    onPick={() =>
                      editable &&
                      onChange({ groups: on ? chosen.filter((g) => g.group !== o.group) : [...chosen, { villageId: o.villageId, group: o.group }] })
                    }
                  />
                )
              })}
            </View>
          ) : null}
        </View>
      ) : null}
      </View>
    </Field>
  )
}
