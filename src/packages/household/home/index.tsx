// 我的家, reached from 我的: the household, its people, the person's declarations and a landlord's tenants.
import { useDidShow } from '@tarojs/taro'
import PageShell from '@/components/PageShell'
import { useCall } from '@/hooks/useAsync'
import HomeView from './HomeView'

export default function MyHomePage() {
  const home = useCall('households.myHome', {})
  // Back from a doorplate page where a declaration was just made.
  useDidShow(() => {
    if (home.data) void home.reload()
  })
  return (
    <PageShell id='page-my-home' state={home}>
      {home.data ? <HomeView data={home.data} onChanged={() => void home.reload()} /> : null}
    </PageShell>
  )
}
