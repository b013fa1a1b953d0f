// 民警工作台 at the top of 首页: officers reach check-in, waiting reports and a new alert in one tap; residents see nothing.
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import './index.scss'

/** One page of waiting reports is enough to count them; a station rarely has more (then it says 50+). */
const PENDING_PAGE = 50

interface Tile {
  id: string
  title: string
  note: string
  url: string
}

const AGENDA: Tile = { id: 'shortcut-agenda', title: '签到', note: '今日预约', url: '/packages/officer-services/agenda/index' }
const REPORTS: Tile = { id: 'shortcut-reports', title: '举报', note: '待受理', url: '/packages/officer-reports/index/index?status=submitted' }
const ALERT: Tile = { id: 'shortcut-alert', title: '发预警', note: '防骗提醒', url: '/packages/officer-alerts/compose/index' }

const go = (url: string) => void Taro.navigateTo({ url })

function TileView({ tile, note, warn }: { tile: Tile; note?: string; warn?: string }) {
  return (
    <View className='fq-shortcuts__tile' id={tile.id} hoverClass='fq-shortcuts__tile--down' onClick={() => go(tile.url)}>
      <Text className='fq-shortcuts__title'>{tile.title}</Text>
      <Text className='fq-shortcuts__note' id={`${tile.id}-note`}>
        {note ?? tile.note}
      </Text>
      {warn ? <Text className='fq-shortcuts__warn'>{warn}</Text> : null}
    </View>
  )
}

/** The strip itself; mounted only for staff, so residents never make its calls. */
function StaffStrip() {
  // The count is a hint: when it fails the tile still works, just without a number.
  const pending = useAsync(async () => {
    const page = await call('reports.list', { status: 'submitted', pageSize: PENDING_PAGE })
    return { count: `${page.items.length}${page.nextCursor ? '+' : ''}`, overdue: page.items.some((r) => r.overdue) }
  })
  useDidShow(() => {
    // Back from the queue: a report may have been accepted.
    if (pending.data) void pending.reload()
  })
  usePullDownRefresh(() => void pending.reload())

  return (
    <View className='fq-shortcuts' id='officer-shortcuts'>
      <View className='fq-shortcuts__head' onClick={() => go('/packages/staff/index/index')}>
        <Text className='fq-shortcuts__heading'>民警工作台</Text>
        <Text className='fq-shortcuts__more' id='shortcut-hub'>
          全部 ›
        </Text>
      </View>
      <View className='fq-shortcuts__row'>
        <TileView tile={AGENDA} />
        <TileView tile={REPORTS} note={pending.data ? `${pending.data.count}件待受理` : undefined} warn={pending.data?.overdue ? '有超时' : undefined} />
        <TileView tile={ALERT} />
      </View>
    </View>
  )
}

export default function OfficerShortcuts() {
  const me = useCall('account.me', {})
  useDidShow(() => {
    // A resident who just joined as an officer on 我的 comes back here as staff.
    if (me.data) void me.reload()
  })
  const role = me.data?.role
  return role === 'officer' || role === 'admin' ? <StaffStrip /> : null
}
