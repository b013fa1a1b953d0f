// 调解协议书: the agreement as a document both parties can read, save and print (H5 prints with the browser; in
// WeChat the page can be saved as a screenshot or forwarded to a printer shop).
import { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { AgreementDocument } from '@/components/MediationCase'
import { toast } from '@/services/toast'

function printPage(): void {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.print()
  else toast('请截屏保存，或发给打印店打印')
}

export default function AgreementPage() {
  const { params } = useRouter()
  const station = useStation()
  const one = useAsync(() => call('mediation.get', { id: params.id ?? '' }), [params.id])
  const v = one.data
  return (
    <PageShell id='page-mediation-agreement' state={one}>
      {v?.agreement ? (
        <>
          <AgreementDocument a={v.agreement} station={station.data?.name ?? '派出所'} />
          <BigButton id='agreement-print' onClick={printPage}>
            保存 / 打印
          </BigButton>
        </>
      ) : v ? (
        <Text className='fq-muted'>还没有协议书。调解达成协议后，这里会有协议书全文。</Text>
      ) : null}
    </PageShell>
  )
}
