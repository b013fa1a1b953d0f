// 调解协议书: the agreement both parties can read here, and the same agreement as a Word document in the station's
// format (signatures included) to save and print: WeChat downloads it and opens it with `openDocument` (forward or
// print from there); H5 downloads the file. The link is fetched fresh each time and works for ten minutes only.
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAction } from '@/hooks/useAction'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import { AgreementDocument } from '@/components/MediationCase'
import { toast } from '@/services/toast'

/** Opens the document: WeChat's viewer on weapp, a download on H5. */
export async function openAgreementDocument(id: string): Promise<void> {
  const link = await call('mediation.document', { id })
  if (process.env.TARO_ENV === 'weapp') {
    const file = await Taro.downloadFile({ url: link.url }).catch(() => undefined)
    if (!file || file.statusCode !== 200) throw new CallError({ code: 'network', message: '协议书没下载下来，请检查网络后再试' })
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'docx', showMenu: true }).catch(() => {
      throw new CallError({ code: 'internal', message: '手机打不开Word文件，可以截屏保存这一页，或到派出所打印' })
    })
    return
  }
  const a = document.createElement('a')
  a.href = link.url
  a.download = link.fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

function printPage(): void {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.print()
  else toast('请截屏保存，或发给打印店打印')
}

export default function AgreementPage() {
  const { params } = useRouter()
  const station = useStation()
  const one = useAsync(() => call('mediation.get', { id: params.id ?? '' }), [params.id])
  const download = useAction()
  const v = one.data
  return (
    <PageShell id='page-mediation-agreement' state={one}>
      {v?.agreement ? (
        <>
          <AgreementDocument a={v.agreement} station={station.data?.name ?? '派出所'} />
          <View className='fq-card' id='agreement-file'>
            <Text className='fq-med-card__line'>Word版协议书和纸质的格式一样，有双方确认的时间和手写签名，可以转发、打印。</Text>
            {download.error ? (
              <Text className='fq-med-error' id='agreement-download-error'>
                {download.error}
              </Text>
            ) : null}
            <BigButton id='agreement-download' busy={download.busy} onClick={() => void download.run(() => openAgreementDocument(v.id))}>
              {process.env.TARO_ENV === 'weapp' ? '打开Word协议书（可转发、打印）' : '下载Word协议书'}
            </BigButton>
            <BigButton kind='plain' id='agreement-print' onClick={printPage}>
              打印这一页
            </BigButton>
          </View>
        </>
      ) : v ? (
        <Text className='fq-muted'>还没有协议书。调解达成协议后，这里会有协议书全文。</Text>
      ) : null}
    </PageShell>
  )
}
