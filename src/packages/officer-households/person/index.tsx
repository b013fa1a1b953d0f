// 住的人: add a person to a household (`?addressId=&line=`), correct one (`&id=`), or record that they moved out
// (`&id=&out=1`, 人走注销). A correction opens the person in full (`households.person`, audited).
import Taro, { useRouter } from '@tarojs/taro'
import { stationDay } from '@domain/station-time'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { routeParams } from '@/services/params'
import { CallError } from '@/services/errors'
import { toast } from '@/services/toast'
import MoveOutForm from './MoveOutForm'
import PersonForm from './PersonForm'

export default function PersonPage() {
  const params = routeParams(useRouter().params)
  const addressId = (params.addressId ?? '').trim()
  const id = (params.id ?? '').trim()
  const out = params.out === '1'
  const today = stationDay(new Date())
  const person = useAsync(async () => (id ? call('households.person', { id }) : null), [id])
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/packages/officer-households/detail/index?id=${encodeURIComponent(addressId)}` }))
  const exits = [{ text: '回这一户', onTap: back }]
  if (!addressId) {
    return <PageShell id='page-person' error={new CallError({ code: 'not_found', message: '没有说是哪一户。请从地址簿里点开这一户再登记。' })} exits={exits} />
  }
  return (
    <PageShell id='page-person' state={person} exits={exits}>
      {person.loading || person.error ? null : out && person.data ? (
        <MoveOutForm
          person={person.data}
          today={today}
          onDone={(p) => {
            toast(`${p.name} 已注销，记录留着`, { kind: 'success' })
            back()
          }}
        />
      ) : (
        <PersonForm
          addressId={addressId}
          line={params.line ?? ''}
          current={person.data ?? undefined}
          today={today}
          onSaved={(p) => {
            toast(id ? `${p.name} 的登记改好了` : `${p.name} 登记好了`, { kind: 'success' })
            back()
          }}
        />
      )}
    </PageShell>
  )
}
