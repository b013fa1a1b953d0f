// 记一次走访: opened from a doorplate scan or a household (`?addressId=&plateId=&line=`), or for a field or
// organisation visit (`?kind=field`).
import { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import VisitForm, { type VisitTarget } from './VisitForm'

export default function VisitPage() {
  const params = routeParams(useRouter().params)
  const target: VisitTarget = params.addressId
    ? { kind: 'household', addressId: params.addressId, plateId: params.plateId, line: params.line }
    : { kind: params.kind === 'organisation' ? 'organisation' : 'field' }
  const setup = useAsync(async () => {
    const [station, me] = await Promise.all([loadStation(), call('account.me', {})])
    // Organisations are only needed when no household was given; a failure leaves the list empty, not the page.
    const orgs = target.addressId ? [] : await call('households.organisations', { pageSize: 50 }).then((p) => p.items).catch(() => [])
    return { villages: station.villages, organisations: orgs, villageId: me.villageId || station.villages[0]?.id || '' }
  }, [params.addressId, params.kind])
  return (
    <PageShell id='page-visit' state={setup}>
      {setup.data ? <VisitForm target={target} villages={setup.data.villages} organisations={setup.data.organisations} defaultVillageId={setup.data.villageId} /> : null}
    </PageShell>
  )
}
