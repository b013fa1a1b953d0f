// The check-in code, big enough to read aloud, and its QR for the officer's scanner.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'

export interface CheckInCodeProps {
  bookingId: string
  code: string
  /** Fetch and show the QR right away (otherwise a button shows it). */
  showQr?: boolean
}

export default function CheckInCode({ bookingId, code, showQr = true }: CheckInCodeProps) {
  const [qr, setQr] = useState<string>()
  const [qrError, setQrError] = useState<string>()
  const [wantQr, setWantQr] = useState(showQr)

  useEffect(() => {
    if (!wantQr || qr) return
    let live = true
    call('services.checkInQr', { id: bookingId })
      .then((r) => live && setQr(r.image))
      .catch((e: unknown) => live && setQrError(toCallError(e).message))
    return () => {
      live = false
    }
  }, [wantQr, qr, bookingId])

  return (
    <View className='fq-code' id={`code-${bookingId}`}>
      <Text className='fq-code__label'>签到码（到了给民警看）</Text>
      <Text className='fq-code__value' id={`code-value-${bookingId}`}>
        {code}
      </Text>
      {wantQr ? (
        qr ? (
          <Image
            id={`code-qr-${bookingId}`}
            className='fq-code__qr'
            src={qr}
            mode='scaleToFill'
            onClick={() => void Taro.previewImage({ urls: [qr], current: qr }).catch(() => undefined)}
          />
        ) : qrError ? (
          <Text className='fq-muted'>二维码没显示出来：{qrError} 报签到码也可以。</Text>
        ) : (
          <Text className='fq-muted'>二维码加载中…</Text>
        )
      ) : (
        <View className='fq-code__show' id={`code-show-qr-${bookingId}`} onClick={() => setWantQr(true)}>
          <Text>显示签到二维码</Text>
        </View>
      )}
    </View>
  )
}
