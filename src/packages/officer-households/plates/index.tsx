// 二维码门牌 for officers (`?villageId=&group=` preselects a 社, e.g. from a household without a plate).
import { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import PlatesView from './PlatesView'

export default function PlatesPage() {
  const params = routeParams(useRouter().params)
  const setup = useAsync(async () => {
    const [station, groups] = await Promise.all([loadStation(), call('households.groups', {})])
    return { villages: station.villages, groups: groups.groups }
  })
  return (
    <PageShell id='page-plates' state={setup}>
      {setup.data ? <PlatesView villages={setup.data.villages} groups={setup.data.groups} initialVillageId={params.villageId} initialGroup={params.group} /> : null}
    </PageShell>
  )
}
