// 这一户: an officer opens a household from the address book or a doorplate scan (`?id=<address id>`).
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import PageShell from '@/components/PageShell'
import { useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import HouseholdDetail from './HouseholdDetail'

export default function HouseholdDetailPage() {
  const params = routeParams(useRouter().params)
  const id = (params.id ?? '').trim()
  const h = useCall('households.household', { id }, [id])
  const station = useStation()
  useDidShow(() => {
    // Back from recording a visit: it is in the list now.
    if (h.data) void h.reload()
  })
  return (
    <PageShell id='page-household' state={h} exits={[{ text: '回地址簿', onTap: () => void Taro.redirectTo({ url: '/packages/officer-households/book/index' }) }]}>
      {h.data ? <HouseholdDetail h={h.data} villages={station.data?.villages ?? []} onChange={() => void h.reload()} /> : null}
    </PageShell>
  )
}
