// One source's numbers: each count with its 同比 and 环比 and both counts beside them, shares with their parts,
// times as median and 90th percentile, and the small tables (by status, by village…).
import { Text, View } from '@tarojs/components'
import type { Change, FigureSection, Metric } from '@contract/figures'

function changeText(label: string, c: Change): string {
  return `${label} ${c.text}（${c.now} 比 ${c.before}）`
}

function MetricRow({ m, id }: { m: Metric; id: string }) {
  let value = ''
  let detail = ''
  if (m.compared) {
    value = `${m.compared.value}`
    detail = `${changeText('同比', m.compared.yoy)} · ${changeText('环比', m.compared.mom)}`
  } else if (m.share) {
    value = m.share.rate === null ? '—' : `${m.share.rate}%`
    detail = `${m.share.part} / ${m.share.whole}`
  } else if (m.durations) {
    value = m.durations.medianHours === null ? '—' : `${m.durations.medianHours} 小时`
    detail = m.durations.count === 0 ? '本期没有' : `中位数；90% 在 ${m.durations.p90Hours} 小时内（共 ${m.durations.count} 件）`
  } else {
    value = `${m.count ?? 0}`
  }
  return (
    <View className='fq-fig-metric' id={id}>
      <View className='fq-fig-metric__head'>
        <Text className='fq-fig-metric__label'>{m.label}</Text>
        <Text className='fq-fig-metric__value' id={`${id}-value`}>
          {value}
        </Text>
      </View>
      {detail ? <Text className='fq-fig-metric__detail'>{detail}</Text> : null}
      {m.note ? <Text className='fq-fig-metric__note'>{m.note}</Text> : null}
    </View>
  )
}

export default function SectionCard({ s }: { s: FigureSection }) {
  return (
    <View className='fq-card' id={`section-${s.key}`}>
      <Text className='fq-fig-section'>{s.title}</Text>
      {s.scopeNote ? <Text className='fq-fig-scope-note'>{s.scopeNote}</Text> : null}
      {s.available ? null : <Text className='fq-muted'>暂时没有数据</Text>}
      {s.metrics.map((m) => (
        <MetricRow key={m.key} m={m} id={`metric-${s.key}-${m.key.replace(/\./g, '-')}`} />
      ))}
      {s.tables.map((t) => (
        <View key={t.key} className='fq-fig-table' id={`table-${s.key}-${t.key}`}>
          <Text className='fq-fig-table__title'>{t.title}</Text>
          {t.rows.map((r) => (
            <View key={r.key} className='fq-fig-table__row'>
              <Text>{r.label}</Text>
              <Text>{`${r.count} 件`}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
