// 办事: booking station services. Until the services feature lands, say so and offer the phone.
import PageShell, { EmptyView } from '@/components/PageShell'
import CallBar from '@/components/CallBar'
import { useStation } from '@/hooks/useStation'

export default function ServicesPage() {
  const station = useStation()
  return (
    <PageShell id='page-services' onRefresh={station.reload}>
      <EmptyView icon='…' text='办事功能即将开放。现在要办事，可以先打电话问派出所。' />
      <CallBar stationPhone={station.data?.phone} />
    </PageShell>
  )
}
