// The way into dispute mediation from 首页 and 办事: villagers see 有矛盾找我们; officers see the cases at risk of
// turning criminal pinned at the top (民转刑), with a tap into the mediation queue.
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

function RiskPin() {
  // A hint: when it fails the tile still opens the queue.
  const risk = useAsync(async () => {
    const page = await call('mediation.queue', { view: 'risk', pageSize: 20 })
    return page.items
  })
  useDidShow(() => {
    if (risk.data) void risk.reload()
  })
  const items = risk.data ?? []
  return (
    <View className={`fq-med-entry${items.length ? ' fq-med-entry--risk' : ''}`} id='mediation-risk-pin' onClick={() => go('/packages/officer-mediation/index/index')}>
      <Text className='fq-med-entry__title'>{items.length ? `${items.length}件纠纷有激化风险` : '矛盾纠纷化解'}</Text>
      {items.slice(0, 3).map((c) => (
        <Text className='fq-med-entry__note' key={c.id}>{`${c.title}：${c.riskReasons.join('，')}`}</Text>
      ))}
      {items.length === 0 ? <Text className='fq-med-entry__note'>调解案件、排查台账、调解员名册</Text> : null}
    </View>
  )
}

export default function MediationEntry({ id = 'mediation-entry' }: { id?: string }) {
  const me = useCall('account.me', {})
  const role = me.data?.role
  if (role === 'officer' || role === 'admin') return <RiskPin />
  return (
    <View className='fq-med-entry' id={id}>
      <View className='fq-med-entry__main' id={`${id}-apply`} onClick={() => go('/packages/mediation/apply/index')}>
        <Text className='fq-med-entry__title'>有矛盾找我们</Text>
        <Text className='fq-med-entry__note'>邻里、土地、家庭、欠钱的矛盾，调解员帮您说和</Text>
      </View>
      <Text className='fq-med-entry__link' id={`${id}-mine`} onClick={() => go('/packages/mediation/mine/index')}>
        我的调解 ›
      </Text>
    </View>
  )
}
