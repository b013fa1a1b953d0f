// 走访覆盖: the coverage list of every 社, or one village's (picked at the top).
import { useState } from 'react'
import { View } from '@tarojs/components'
import PageShell from '@/components/PageShell'
import VillagePicker from '@/components/VillagePicker'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import CoverageView from './CoverageView'

export default function CoveragePage() {
  const station = useStation()
  const [villageId, setVillageId] = useState('')
  const coverage = useAsync(() => call('households.coverage', villageId ? { villageId } : {}), [villageId])
  return (
    <PageShell id='page-coverage' state={coverage}>
      {station.data ? (
        <View className='fq-card'>
          <VillagePicker id='coverage-village' villages={[{ id: '', name: '全部村' }, ...station.data.villages]} value={villageId} onChange={setVillageId} />
        </View>
      ) : null}
      {coverage.data ? <CoverageView data={coverage.data} /> : null}
    </PageShell>
  )
}
