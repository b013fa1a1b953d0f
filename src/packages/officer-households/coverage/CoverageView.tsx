// 见警率 per 社: households visited this quarter, those never visited, and the last visit; the 社 furthest behind first.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CoverageRow, CoverageView as Coverage } from '@contract/households'
import { EmptyView } from '@/components/PageShell'
import { formatDateTime } from '@/services/time'
import CoverageMap from './CoverageMap'
import '../shared/officer-hh.scss'

export const percent = (rate: number) => `${Math.round(rate * 100)}%`

export function Row({ r }: { r: CoverageRow }) {
  return (
    <View
      className={`fq-hh-card${r.rate < 0.5 ? ' fq-hh-card--never' : ''}`}
      id={`coverage-${r.villageId}-${r.group}`}
      onClick={() => void Taro.navigateTo({ url: `/packages/officer-households/book/index?villageId=${encodeURIComponent(r.villageId)}&group=${encodeURIComponent(r.group)}` })}
    >
      <View className='fq-hh-row'>
        <Text className='fq-hh-card__title'>{`${r.villageName}${r.group}`}</Text>
        <Text className='fq-hh-card__title'>{percent(r.rate)}</Text>
      </View>
      <View className='fq-hh-bar'>
        <View className='fq-hh-bar__fill' style={{ width: percent(r.rate) }} />
      </View>
      <Text className='fq-hh-line'>{`本季度走访 ${r.visitedThisQuarter}/${r.households}户`}</Text>
      <Text className={r.neverVisited > 0 ? 'fq-hh-warn' : 'fq-muted'}>{r.neverVisited > 0 ? `${r.neverVisited}户从没去过` : '每户都去过'}</Text>
      <Text className='fq-muted'>{r.lastVisitAt ? `最近一次 ${formatDateTime(r.lastVisitAt)}` : '还没走访过'}</Text>
      <View
        className='fq-hh-small'
        id={`coverage-${r.villageId}-${r.group}-contacts`}
        onClick={(e) => {
          e.stopPropagation()
          void Taro.navigateTo({ url: `/packages/officer-households/group/index?villageId=${encodeURIComponent(r.villageId)}&group=${encodeURIComponent(r.group)}` })
        }}
      >
        <Text>联系人</Text>
      </View>
    </View>
  )
}

export default function CoverageView({ data }: { data: Coverage }) {
  const rows = [...data.rows].sort((a, b) => a.rate - b.rate || b.neverVisited - a.neverVisited)
  return (
    <View id='coverage'>
      <View className='fq-card' id='coverage-total'>
        <Text className='fq-title'>{`${data.quarter} 见警率 ${percent(data.total.rate)}`}</Text>
        <View className='fq-hh-bar'>
          <View className='fq-hh-bar__fill' style={{ width: percent(data.total.rate) }} />
        </View>
        <Text className='fq-hh-line'>{`本季度走访 ${data.total.visitedThisQuarter}/${data.total.households}户，${data.total.neverVisited}户从没去过`}</Text>
        <Text className='fq-muted'>按走访比例从低到高排，点一个社看它的住户。</Text>
      </View>
      {rows.length > 0 ? <CoverageMap rows={rows} /> : null}
      {rows.length === 0 ? <EmptyView text='还没有登记住户，先在“导入导出”里导入表格。' /> : null}
      {rows.map((r) => (
        <Row r={r} key={`${r.villageId}-${r.group}`} />
      ))}
    </View>
  )
}
