// 办事: the station's services as large tiles, each with the ways it can be done, and the way to 我的办事.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ServiceInfo } from '@contract/services'
import { SERVICE_KINDS, type ServiceKind } from '@domain/service-kinds'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import CallBar from '@/components/CallBar'
import MediationEntry from '@/components/MediationEntry'
import { useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import './index.scss'

/** Where each kind of service is asked for. */
const KIND_PAGES: Record<ServiceKind, string> = {
  booking: '/packages/booking/book/index',
  errand: '/packages/booking/errand/index',
  home_visit: '/packages/booking/home-visit/index',
}

const go = (url: string) => void Taro.navigateTo({ url })

function ServiceTile({ service }: { service: ServiceInfo }) {
  return (
    <View className='fq-card fq-svc-tile' id={`service-${service.id}`}>
      <View className='fq-svc-tile__head'>
        <Text className='fq-svc-tile__name'>{service.name}</Text>
        {service.afterHours && service.kinds.includes('booking') ? (
          <Text className='fq-svc-tile__after' id={`service-${service.id}-after-hours`}>
            错时/延时：午休、晚上也能约
          </Text>
        ) : null}
      </View>
      {service.summary ? <Text className='fq-muted'>{service.summary}</Text> : null}
      <View className='fq-svc-tile__kinds'>
        {service.kinds.map((kind) => (
          <View
            key={kind}
            id={`service-${service.id}-${kind}`}
            className={`fq-svc-tile__kind fq-svc-tile__kind--${kind}`}
            onClick={() => go(`${KIND_PAGES[kind]}?serviceId=${encodeURIComponent(service.id)}`)}
          >
            <Text className='fq-svc-tile__kind-label'>{SERVICE_KINDS[kind].label}</Text>
            <Text className='fq-svc-tile__kind-hint'>{SERVICE_KINDS[kind].hint}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default function ServicesPage() {
  const catalog = useCall('services.catalog', {})
  const station = useStation()
  const services = catalog.data?.services.filter((s) => s.active && s.kinds.length > 0) ?? []
  return (
    <PageShell
      id='page-services'
      state={catalog}
      onRefresh={() => Promise.all([catalog.reload(), station.reload()]).then(() => undefined)}
      empty={catalog.data && services.length === 0 ? { icon: '…', text: '现在还没有能在网上办的业务。要办事，请先打电话问派出所。' } : false}
    >
      <BigButton id='go-mine' kind='plain' onClick={() => go('/packages/booking/mine/index')}>
        我的办事（预约、进度、签到码）
      </BigButton>
      <MediationEntry id='services-mediation' />
      <View id='service-list'>
        {services.map((s) => (
          <ServiceTile key={s.id} service={s} />
        ))}
      </View>
      <CallBar stationPhone={station.data?.phone} />
    </PageShell>
  )
}
