// 有矛盾找我们: the application page; waits for the person's profile and the station's villages, then the form.
import PageShell from '@/components/PageShell'
import { useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { ApplyForm } from './ApplyForm'

export default function MediationApplyPage() {
  const me = useCall('account.me', {})
  const station = useStation()
  const error = (!me.data && me.error) || (!station.data && station.error) || undefined
  return (
    <PageShell
      id='page-mediation-apply'
      loading={(!me.data || !station.data) && !error}
      error={error}
      needProfile={me.data ? !me.data.profileComplete : false}
      onRetry={() => Promise.all([me.reload(), station.reload()]).then(() => undefined)}
    >
      {me.data && station.data ? <ApplyForm profile={me.data} villages={station.data.villages} /> : null}
    </PageShell>
  )
}
