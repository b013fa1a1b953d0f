// 调解案件: one case on the officer's side (the view is audited by the function).
import { useRouter } from '@tarojs/taro'
import type { OfficerCaseView } from '@contract/mediation'
import { stationDay } from '@domain/station-time'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { OfficerCase } from './OfficerCase'

export default function OfficerMediationDetailPage() {
  const { params } = useRouter()
  const one = useAsync(async () => {
    const v = await call('mediation.get', { id: params.id ?? '' })
    if (v.view !== 'officer') throw new Error('not an officer view')
    return v
  }, [params.id])
  return (
    <PageShell id='page-officer-mediation-detail' state={one}>
      {one.data ? <OfficerCase view={one.data} onChange={(v: OfficerCaseView) => one.setData(v)} today={stationDay(new Date())} /> : null}
    </PageShell>
  )
}
