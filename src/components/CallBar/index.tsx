// One tap to call the station, and one to call 110: always within reach when something is wrong.
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import './index.scss'

export interface CallBarProps {
  /** The station's phone number (from account.station); the station button is hidden until it is known. */
  stationPhone?: string
}

export function dial(phoneNumber: string) {
  // A cancelled dial is not an error the person needs to hear about.
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

export default function CallBar({ stationPhone }: CallBarProps) {
  return (
    <View className='fq-callbar'>
      {stationPhone ? (
        <BigButton id='call-station' onClick={() => dial(stationPhone)}>
          打电话给派出所
        </BigButton>
      ) : null}
      <BigButton id='call-110' kind='danger' onClick={() => dial('110')}>
        紧急情况 打110
      </BigButton>
    </View>
  )
}
