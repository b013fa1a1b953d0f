// 一标三实 for officers: the address book (by 村/社, search), declarations to confirm, and the way to plates,
// coverage and import/export.
import { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import AddressBook from './AddressBook'

export default function AddressBookPage() {
  const params = routeParams(useRouter().params)
  const setup = useAsync(async () => {
    const [station, groups, claims] = await Promise.all([loadStation(), call('households.groups', {}), call('households.claims', { pageSize: 50 })])
    return { villages: station.villages, groups: groups.groups, claims: claims.items }
  })
  return (
    <PageShell id='page-address-book' state={setup}>
      {setup.data ? <AddressBook villages={setup.data.villages} groups={setup.data.groups} claims={setup.data.claims} initialVillageId={params.villageId} initialGroup={params.group} /> : null}
    </PageShell>
  )
}
