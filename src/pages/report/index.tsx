// 举报: two big choices (假农药 / 被偷了) and the person's own reports with their status.
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReportPage, ReportSummary } from '@contract/reports'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import SurveyEntry from '@/components/SurveyEntry'
import CallBar from '@/components/CallBar'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { formatDateTime } from '@/services/time'
import StatusTag from '@/components/StatusTag'
import './index.scss'

const open = (url: string) => void Taro.navigateTo({ url })

function MyReport({ report }: { report: ReportSummary }) {
  return (
    <View className='fq-my-report' id={`my-report-${report.caseNo}`} onClick={() => open(`/packages/report-form/detail/index?id=${report.caseNo}`)}>
      <View className='fq-my-report__top'>
        <StatusTag status={report.status} id={`my-report-${report.caseNo}-status`} />
        <Text className='fq-my-report__time'>{formatDateTime(report.createdAt)}</Text>
      </View>
      <Text className='fq-my-report__title'>{report.title}</Text>
      <Text className='fq-my-report__case'>{`编号 ${report.caseNo}`}</Text>
    </View>
  )
}

export default function ReportTab() {
  const station = useStation()
  const [more, setMore] = useState<{ items: ReportSummary[]; next: string | null; loading: boolean; error?: string }>({ items: [], next: null, loading: false })
  const mine = useAsync<ReportPage<ReportSummary>>(async () => {
    const page = await call('reports.mine', {})
    setMore({ items: [], next: page.nextCursor, loading: false })
    return page
  })

  // Back from a form or a detail page: a new report or a new status.
  useDidShow(() => {
    if (mine.data) void mine.reload()
  })

  const loadMore = () => {
    if (!more.next || more.loading) return
    setMore((m) => ({ ...m, loading: true, error: undefined }))
    call('reports.mine', { cursor: more.next })
      .then((page) => setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor, loading: false })))
      .catch((e: unknown) => setMore((m) => ({ ...m, loading: false, error: toCallError(e).message })))
  }

  const items = [...(mine.data?.items ?? []), ...more.items]

  return (
    <PageShell id='page-report' onRefresh={() => Promise.all([mine.reload(), station.reload()]).then(() => undefined)}>
      <Text className='fq-report-tab__ask'>遇到什么事了？</Text>
      <View className='fq-report-tab__choices'>
        <View className='fq-report-choice fq-report-choice--pesticide' id='report-choose-pesticide' onClick={() => open('/packages/report-form/pesticide/index')}>
          <Text className='fq-report-choice__name'>假农药</Text>
          <Text className='fq-report-choice__note'>买到假药、劣质药，庄稼受了害</Text>
        </View>
        <View className='fq-report-choice fq-report-choice--theft' id='report-choose-theft' onClick={() => open('/packages/report-form/theft/index')}>
          <Text className='fq-report-choice__name'>被偷了</Text>
          <Text className='fq-report-choice__note'>家里、地里、大棚里丢了东西</Text>
        </View>
      </View>
      <Text className='fq-muted fq-report-tab__urgent'>正在发生的危险，不要在这里填，马上打110。</Text>

      <Text className='fq-title fq-report-tab__mine-title'>我的举报</Text>
      <SurveyEntry kind='report' id='report-survey-entry' />
      <View id='my-reports'>
        {mine.loading && !mine.data ? <Text className='fq-muted'>正在加载…</Text> : null}
        {mine.error && !mine.data ? (
          <View className='fq-card' id='my-reports-error'>
            <Text className='fq-report-tab__error'>{mine.error.message}</Text>
            <BigButton kind='plain' onClick={() => void mine.reload()}>
              重试
            </BigButton>
          </View>
        ) : null}
        {mine.data && items.length === 0 ? (
          <View className='fq-card fq-report-tab__empty' id='my-reports-empty'>
            <Text>您还没有举报过。提交以后，处理到哪一步都能在这里看到。</Text>
          </View>
        ) : null}
        {items.map((r) => (
          <MyReport key={r.caseNo} report={r} />
        ))}
        {more.error ? <Text className='fq-report-tab__error'>{more.error}</Text> : null}
        {more.next ? (
          <BigButton kind='plain' id='my-reports-more' busy={more.loading} onClick={loadMore}>
            看更早的
          </BigButton>
        ) : null}
      </View>
      <CallBar stationPhone={station.data?.phone} />
    </PageShell>
  )
}
