// The doorplate landing page: opened by scanning a plate's 小程序码 (weapp: `scene` in the page query) or by its H5
// link (`?scene=`). The server answers by who scans; this page only draws that answer.
import { useRouter } from '@tarojs/taro'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import DoorplateView from './DoorplateView'
import { sceneFrom } from './scene'

export default function DoorplatePage() {
  const { params } = useRouter()
  const scene = sceneFrom(params)
  const scan = useAsync(async () => {
    if (!scene) throw new CallError({ code: 'invalid_argument', message: '没有读到门牌编号。请对准门牌上的码再扫一次。' })
    return call('households.scan', { scene })
  }, [scene])
  return (
    <PageShell id='page-doorplate' state={scan}>
      {scan.data ? <DoorplateView view={scan.data} scene={scene} onChanged={scan.setData} /> : null}
    </PageShell>
  )
}
