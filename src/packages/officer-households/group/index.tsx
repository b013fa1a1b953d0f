// 社的联系人 (`?villageId=&group=`), opened from the address book's 社 or the coverage list. The contacts come from
// `households.groups` (a staff view with whole phone numbers, audited).
import Taro, { useRouter } from '@tarojs/taro'
import type { GroupView } from '@contract/households'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { routeParams } from '@/services/params'
import { toast } from '@/services/toast'
import GroupForm from './GroupForm'

export default function GroupPage() {
  const params = routeParams(useRouter().params)
  const villageId = (params.villageId ?? '').trim()
  const group = (params.group ?? '').trim()
  const state = useAsync(async (): Promise<GroupView> => {
    const [{ groups }, station] = await Promise.all([call('households.groups', { villageId }), loadStation()])
    const found = groups.find((g) => g.group === group)
    // A 社 with no household yet has no counters: its contacts start empty.
    return found ?? { villageId, villageName: station.villages.find((v) => v.id === villageId)?.name ?? '', group, households: 0, contacts: { officer: null, gridWorker: null, securityHead: null, stationPhone: '' } }
  }, [villageId, group])
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/packages/officer-households/coverage/index' }))
  return (
    <PageShell id='page-group' state={state} exits={[{ text: '回见警率', onTap: back }]}>
      {state.data ? (
        <GroupForm
          group={state.data}
          onSaved={(g) => {
            toast(`${g.villageName}${g.group}的联系人存好了`, { kind: 'success' })
            back()
          }}
        />
      ) : null}
    </PageShell>
  )
}
