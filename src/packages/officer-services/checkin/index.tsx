// Opened when an officer scans a resident's check-in 小程序码 with WeChat's own scanner: checks the code in at once.
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { checkInCode, type CheckInResult } from '../shared/scan'
import '../shared/officer.scss'

export default function CheckInPage() {
  const { params } = useRouter()
  // The 小程序码 carries `scene=checkin=<code>` (URL-encoded); the server reads either form.
  const raw = decodeURIComponent(params.scene ?? params.code ?? '')
  const [result, setResult] = useState<CheckInResult>()

  useEffect(() => {
    if (raw) void checkInCode(raw).then(setResult)
    else setResult({ ok: false, message: '没有读到签到码，请在“预约签到”里输入' })
  }, [raw])

  return (
    <PageShell id='page-checkin' loading={!result}>
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
