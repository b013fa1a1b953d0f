// The station's mediation figures: the success rate always beside what it is a share of, then cases by level, kind,
// village and source, days to close, outcomes by mediator kind, 回访 satisfaction and cases routed on.
import { Text, View } from '@tarojs/components'
import type { FiguresView as Figures } from '@domain/mediation-figures'
import '@/components/MediationCase/mediation.scss'

function Rows({ title, rows, id }: { title: string; rows: readonly { key: string; label: string; count: number }[]; id: string }) {
  return (
    <View className='fq-card' id={id}>
      <Text className='fq-med-section'>{title}</Text>
      {rows.map((r) => (
        <View className='fq-med-figure' key={r.key}>
          <Text>{r.label}</Text>
          <Text>{`${r.count} 件`}</Text>
        </View>
      ))}
    </View>
  )
}

export function FiguresView({ f }: { f: Figures }) {
  return (
    <View id='mediation-figures'>
      <View className='fq-card' id='figures-success'>
        <Text className='fq-med-section'>调解成功率</Text>
        <Text className='fq-med-rate' id='figures-rate'>
          {f.success.rate === null ? '—' : `${f.success.rate}%`}
        </Text>
        <Text className='fq-med-card__line' id='figures-denominator'>
          {f.success.text}
        </Text>
        <Text className='fq-med-card__line'>{`登记案件共 ${f.total} 件；转交 ${f.routed.total} 件；协议没履行重新调解 ${f.reopened} 次`}</Text>
        <Text className='fq-med-card__line'>{f.averageDaysToClose === null ? '还没有结案' : `平均 ${f.averageDaysToClose} 天结案`}</Text>
        <Text className='fq-med-card__line'>{f.satisfaction.average === null ? '还没有回访' : `回访满意度 ${f.satisfaction.average} 分（${f.satisfaction.answers} 次回访）`}</Text>
      </View>
      <Rows title='按等级' rows={f.byLevel} id='figures-level' />
      <Rows title='按纠纷类别' rows={f.byKind} id='figures-kind' />
      <Rows title='按村' rows={f.byVillage} id='figures-village' />
      <Rows title='按来源' rows={f.bySource} id='figures-source' />
      <View className='fq-card' id='figures-mediator-kind'>
        <Text className='fq-med-section'>按调解员类别</Text>
        {f.byMediatorKind.map((k) => (
          <View className='fq-med-figure' key={k.kind}>
            <Text>{k.label}</Text>
            <Text>{`调成 ${k.resolved}，没调成 ${k.failed}`}</Text>
          </View>
        ))}
      </View>
      <Rows title='转交去向' rows={f.routed.byTarget} id='figures-routed' />
    </View>
  )
}
