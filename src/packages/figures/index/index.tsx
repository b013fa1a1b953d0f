// 本所数字: the station's month (or quarter, year, chosen days) on one page — 五零, charts, every source's numbers with
// 同比 and 环比, and exports. Officers see the records they handled; the 所长 sees everyone's.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import PageShell, { Spinner } from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import type { FiguresView } from '@contract/figures'
import { stationDayOf } from '@domain/figures'
import ScopeBar, { type Scope } from '../components/ScopeBar'
import SectionCard from '../components/SectionCard'
import ExportCard from '../components/ExportCard'
import UChart from '../components/UChart'
import './index.scss'

function payloadOf(s: Scope) {
  return { kind: s.kind, ...(s.kind === 'custom' ? { from: s.from, to: s.to } : {}), villageId: s.villageId, officer: s.officer }
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00+08:00`)
  return stationDayOf(new Date(d.getTime() - n * 86_400_000))
}

function FiveZero({ v }: { v: FiguresView }) {
  return (
    <View className='fq-card' id='figures-five-zero'>
      <Text className='fq-fig-section'>五零</Text>
      <View className='fq-fig-tiles'>
        {v.fiveZero.map((t) => (
          <View key={t.key} id={`tile-${t.key}`} className={`fq-fig-tile fq-fig-tile--${t.state}`}>
            <Text className='fq-fig-tile__title'>{t.title}</Text>
            <Text className='fq-fig-tile__state' id={`tile-${t.key}-state`}>
              {t.stateLabel}
            </Text>
            <Text className='fq-fig-tile__basis'>{t.basis}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Charts({ v }: { v: FiguresView }) {
  const trend = v.charts.trend
  return (
    <View className='fq-card' id='figures-charts'>
      <Text className='fq-fig-section'>近12个月</Text>
      <UChart
        id='chart-trend'
        type='line'
        categories={trend.points.map((p) => p.label)}
        series={trend.series.map((s) => ({ name: s.label, data: trend.points.map((p) => p.values[s.key] ?? 0) }))}
        height={240}
      />
      {v.scope.villageId ? null : (
        <>
          <Text className='fq-fig-section'>本期举报按村</Text>
          <UChart id='chart-village' type='column' categories={v.charts.byVillage.map((r) => r.label.replace(/村$/, ''))} series={[{ name: '举报', data: v.charts.byVillage.map((r) => r.count) }]} />
        </>
      )}
      <Text className='fq-fig-section'>本期按事情类型</Text>
      <UChart id='chart-type' type='column' categories={v.charts.byType.map((r) => r.label)} series={[{ name: '件数', data: v.charts.byType.map((r) => r.count) }]} />
      <Text className='fq-muted' id='chart-type-text'>
        {v.charts.byType.map((r) => `${r.label} ${r.count}`).join('，')}
      </Text>
    </View>
  )
}

export default function FiguresPage() {
  const me = useCall('account.me', {})
  const today = stationDayOf(new Date())
  const [scope, setScope] = useState<Scope>({ kind: 'month', from: daysBefore(today, 29), to: today, villageId: '', officer: '' })
  const badRange = scope.kind === 'custom' && scope.from > scope.to
  const figures = useAsync(() => (badRange ? Promise.resolve(undefined) : call('figures.overview', payloadOf(scope))), [JSON.stringify(scope)])
  const role = me.data?.role
  const isStaff = role === 'officer' || role === 'admin'
  const v = figures.data

  return (
    <PageShell
      id='page-figures'
      state={me}
      onRefresh={() => figures.reload()}
      empty={me.data && !isStaff ? { icon: '!', text: '这里是派出所民警看的数字。村民的事情请在“我的”里查看。' } : false}
    >
      {isStaff ? (
        <View id='figures'>
          <ScopeBar scope={scope} villages={v?.villages ?? []} officers={v?.officers ?? []} today={today} onChange={setScope} />
          {badRange ? (
            <Text className='fq-fig-error' id='figures-range-error'>
              结束日期早于开始日期，请重新选择
            </Text>
          ) : null}
          {figures.error ? (
            <View className='fq-card' id='figures-error'>
              <Text className='fq-fig-error'>{figures.error.message}</Text>
              <BigButton kind='plain' onClick={() => void figures.reload()}>
                再试一次
              </BigButton>
              <BigButton kind='plain' onClick={() => setScope({ ...scope, kind: 'month', villageId: '', officer: '' })}>
                回到本月
              </BigButton>
            </View>
          ) : null}
          {figures.loading && !v ? <Spinner /> : null}
          {v && !figures.error ? (
            <View id='figures-body' className={figures.loading ? 'fq-fig-stale' : ''}>
              <View className='fq-card fq-fig-heading' id='figures-heading'>
                <Text className='fq-title' id='figures-period-label'>
                  {v.period.label}
                </Text>
                <Text className='fq-muted' id='figures-scope-label'>
                  {v.scope.label}
                </Text>
                <Text className='fq-muted'>{`同比：去年 ${v.period.yearEarlier.from} 至 ${v.period.yearEarlier.to}；环比：${v.period.periodEarlier.from} 至 ${v.period.periodEarlier.to}`}</Text>
              </View>
              <FiveZero v={v} />
              <Charts v={v} />
              {v.sections.map((s) => (
                <SectionCard key={s.key} s={s} />
              ))}
              <ExportCard scope={scope} isAdmin={role === 'admin'} />
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
