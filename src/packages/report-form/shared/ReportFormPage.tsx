// The page around a report form: waits for the person's profile and the station's villages, then shows the form.
import type { ReactNode } from 'react'
import type { Profile, Village } from '@contract/account'
import PageShell from '@/components/PageShell'
import { useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'

export interface ReportFormPageProps {
  id: string
  children: (profile: Profile, villages: readonly Village[]) => ReactNode
}

export default function ReportFormPage({ id, children }: ReportFormPageProps) {
  const me = useCall('account.me', {})
  const station = useStation()
  const ready = me.data && station.data
  const error = (!me.data && me.error) || (!station.data && station.error) || undefined
  return (
    <PageShell
      id={id}
      loading={!ready && !error}
      error={error}
      onRetry={() => Promise.all([me.data ? undefined : me.reload(), station.data ? undefined : station.reload()]).then(() => undefined)}
    >
      {me.data && station.data ? children(me.data, station.data.villages) : null}
    </PageShell>
  )
}
