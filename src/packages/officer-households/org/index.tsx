// 单位 at an address: add one (`?addressId=`) or correct one (`&id=`). The address and the organisation come from the
// household view (audited; it shows the contact's whole phone, which a correction sends back as it was).
import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import { routeParams } from '@/services/params'
import { toast } from '@/services/toast'
import OrgForm from './OrgForm'

export default function OrgPage() {
  const params = routeParams(useRouter().params)
  const addressId = (params.addressId ?? '').trim()
  const id = (params.id ?? '').trim()
  const state = useAsync(async () => {
    const h = await call('households.household', { id: addressId })
    const current = id ? h.organisations.find((o) => o.id === id) : undefined
    if (id && !current) throw new CallError({ code: 'not_found', message: '这个单位不在这个地址了，请回这一户刷新后再看' })
    return { place: { addressId: h.id, villageId: h.villageId, group: h.group, line: h.line }, current }
  }, [addressId, id])
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/packages/officer-households/detail/index?id=${encodeURIComponent(addressId)}` }))
  return (
    <PageShell id='page-org' state={state} exits={[{ text: '回这一户', onTap: back }]}>
      {state.data ? (
        <OrgForm
          place={state.data.place}
          current={state.data.current}
          onSaved={(o) => {
            toast(`${o.name} 存好了`, { kind: 'success' })
            back()
          }}
        />
      ) : null}
    </PageShell>
  )
}
