// Opened when someone scans a check-in 小程序码 with WeChat's own scanner. An officer checks the code in at once; a
// resident (who scanned their own or someone's code) is told what the code is for and where to go instead.
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useCall } from '@/hooks/useAsync'
import { checkInCode, type CheckInResult } from '../shared/scan'
import '../shared/officer.scss'

function ResidentNote() {
  return (
    <View className='fq-card' id='checkin-resident'>
      <Text className='fq-title'>这是签到码，请给民警扫</Text>
      <Text className='fq-muted'>您到派出所办事时，打开“我的办事”里的签到码给民警看，民警一扫就签到了。您自己不用扫。</Text>
      <BigButton id='checkin-go-mine' onClick={() => void Taro.redirectTo({ url: '/packages/booking/mine/index' })}>
        看我的办事
      </BigButton>
      <BigButton id='checkin-go-home' kind='plain' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
        回首页
      </BigButton>
    </View>
  )
}

export default function CheckInPage() {
  const { params } = useRouter()
  // The 小程序码 carries `scene=checkin=<code>` (URL-encoded); the server reads either form.
  const raw = decodeURIComponent(params.scene ?? params.code ?? '')
  const me = useCall('account.me', {})
  const staff = me.data ? me.data.role !== 'resident' : undefined
  const [result, setResult] = useState<CheckInResult>()

  useEffect(() => {
    if (!staff) return
    if (raw) void checkInCode(raw).then(setResult)
    else setResult({ ok: false, message: '没有读到签到码，请在“预约签到”里输入' })
  }, [raw, staff])

  if (staff === false) {
    return (
      <PageShell id='page-checkin'>
        <ResidentNote />
      </PageShell>
    )
  }

  return (
    <PageShell id='page-checkin' state={me} loading={!result && !me.error}>
      {result ? (
        <View className='fq-card'>
          {result.ok ? (
            <Text className='fq-off__ok' id='checkin-result'>
              {`✓ ${result.booking.name} 已签到：${result.booking.serviceName} ${result.booking.time}`}
            </Text>
          ) : (
            <Text className='fq-off__error' id='checkin-error'>
              {result.message}
            </Text>
          )}
        </View>
      ) : null}
      <BigButton id='go-agenda' onClick={() => void Taro.redirectTo({ url: '/packages/officer-services/agenda/index' })}>
        去预约签到
      </BigButton>
    </PageShell>
  )
}
