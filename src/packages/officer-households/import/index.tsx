// 导入导出 for officers: the station's household spreadsheet in and out.
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import ImportExport from './ImportExport'

export default function ImportPage() {
  const setup = useAsync(async () => {
    const [station, groups] = await Promise.all([loadStation(), call('households.groups', {})])
    return { villages: station.villages, groups: groups.groups }
  })
  return (
    <PageShell id='page-import' state={setup}>
      {setup.data ? <ImportExport villages={setup.data.villages} groups={setup.data.groups} /> : null}
    </PageShell>
  )
}
