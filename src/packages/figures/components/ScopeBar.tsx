// What the figures are of: the period (本月 / 本季度 / 本年 / 自选), the village and, for the 所长, one officer; each
// choice is one large tap (no scrolling picker), except the two days of a chosen range.
import { Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { FiguresView } from '@contract/figures'
import { PERIOD_KINDS, PERIOD_LABELS, type PeriodKind } from '@domain/figures'

export interface Scope {
  kind: PeriodKind
  from: string
  to: string
  villageId: string
  officer: string
}

export interface ScopeBarProps {
  scope: Scope
  villages: FiguresView['villages']
  officers: FiguresView['officers']
  today: string
  onChange: (next: Scope) => void
}

export default function ScopeBar({ scope, villages, officers, today, onChange }: ScopeBarProps) {
  return (
    <View className='fq-card fq-fig-scope' id='figures-scope'>
      <View className='fq-fig-seg' id='figures-period'>
        {PERIOD_KINDS.map((k) => (
          <View
            key={k}
            id={`period-${k}`}
            className={`fq-fig-seg__item${scope.kind === k ? ' fq-fig-seg__item--on' : ''}`}
            onClick={() => onChange({ ...scope, kind: k })}
          >
            {PERIOD_LABELS[k]}
          </View>
        ))}
      </View>
      {scope.kind === 'custom' ? (
        <View className='fq-fig-range'>
          <PickerSheet id='period-from' mode='date' title='开始日期' className='fq-fig-pick' value={scope.from} start='2020-01-01' end={today} placeholder='开始日期' onChange={(v) => onChange({ ...scope, from: v })} />
          <Text className='fq-fig-range__to'>至</Text>
          <PickerSheet id='period-to' mode='date' title='结束日期' className='fq-fig-pick' value={scope.to} start='2020-01-01' end={today} placeholder='结束日期' onChange={(v) => onChange({ ...scope, to: v })} />
        </View>
      ) : null}
      <Text className='fq-fig-label'>村</Text>
      <View className='fq-fig-chips' id='figures-village'>
        {[{ id: '', name: '全部村' }, ...villages].map((v) => (
          <View
            key={v.id || 'all'}
            id={`village-${v.id || 'all'}`}
            className={`fq-fig-chip${scope.villageId === v.id ? ' fq-fig-chip--on' : ''}`}
            onClick={() => onChange({ ...scope, villageId: v.id })}
          >
            {v.name}
          </View>
        ))}
      </View>
      {officers.length > 0 ? (
        <>
          <Text className='fq-fig-label'>民警</Text>
          <View className='fq-fig-chips' id='figures-officer'>
            {[{ id: '', name: '全所民警' }, ...officers].map((o) => (
              <View
                key={o.id || 'all'}
                id={`officer-${o.id || 'all'}`}
                className={`fq-fig-chip${scope.officer === o.id ? ' fq-fig-chip--on' : ''}`}
                onClick={() => onChange({ ...scope, officer: o.id })}
              >
                {o.name}
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  )
}
