// Where the station is and when it is open, on every booking page: address, a map point (WeChat's own map on
// weapp), opening hours and one tap to call.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Station } from '@contract/account'
import BigButton from '@/components/BigButton'
import { dial } from '@/components/CallBar'
import { toast } from '@/services/toast'
import './index.scss'

export interface StationCardProps {
  station: Station
}

/** Opens the station on a map: WeChat's map with directions on weapp; on h5 there is no map, so the address is copied. */
export function openStationMap(station: Station): void {
  const loc = station.location
  if (process.env.TARO_ENV === 'weapp' && loc) {
    Taro.openLocation({ latitude: loc.latitude, longitude: loc.longitude, name: station.name, address: station.address, scale: 16 }).catch(
      () => toast('地图没打开，请照着地址走，或打电话问路', { kind: 'error' }),
    )
    return
  }
  void Taro.setClipboardData({ data: `${station.name} ${station.address}` }).then(() => toast('地址已复制，可以发给家里人'))
}

export default function StationCard({ station }: StationCardProps) {
  const weappMap = process.env.TARO_ENV === 'weapp' && station.location
  return (
    <View className='fq-card fq-station' id='station-card'>
      <Text className='fq-station__title'>派出所在哪、几点开门</Text>
      <Text className='fq-station__name'>{station.name}</Text>
      <Text className='fq-station__address' id='station-address'>
        {station.address}
      </Text>
      <View className='fq-station__hours' id='station-hours'>
        {station.hours.map((h) => (
          <Text key={h} className='fq-station__hour'>
            {h}
          </Text>
        ))}
      </View>
      <View className='fq-station__actions'>
        <BigButton id='station-map' kind='plain' onClick={() => openStationMap(station)}>
          {weappMap ? '在地图上看怎么走' : '复制地址'}
        </BigButton>
        <BigButton id='station-call' kind='plain' onClick={() => dial(station.phone)}>
          打电话问路
        </BigButton>
      </View>
    </View>
  )
}
