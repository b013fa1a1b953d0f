// 举报: reporting fake pesticide or theft. Until the reports feature lands, point to the phone.
import PageShell, { EmptyView } from '@/components/PageShell'
import CallBar from '@/components/CallBar'
import { useStation } from '@/hooks/useStation'

export default function ReportPage() {
  const station = useStation()
  return (
    <PageShell id='page-report' onRefresh={station.reload}>
      <EmptyView icon='!' text='网上举报即将开放。发现假农药、东西被偷，请先打电话给派出所；正在发生的危险，马上打110。' />
      <CallBar stationPhone={station.data?.phone} />
    </PageShell>
  )
}
