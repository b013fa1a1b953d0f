// 首页: alerts for the person's village, most important first, with an unread badge on the tab; officers also get
// their most used actions at the top.
import { useState } from 'react'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AlertPage, AlertView } from '@contract/alerts'
import PageShell, { EmptyView } from '@/components/PageShell'
import OfficerShortcuts from '@/components/OfficerShortcuts'
import MediationEntry from '@/components/MediationEntry'
import AlertCard from '@/components/AlertCard'
import BigButton from '@/components/BigButton'
import CallBar from '@/components/CallBar'
import { useAsync, useCall } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { canAskSubscription, requestSubscriptions } from '@/services/subscribe'
import { refreshUnreadBadge } from '@/services/badge'
import FirstRunCard from '@/components/FirstRunCard'
import { toast } from '@/services/toast'

async function askForReminders(templateId: string): Promise<void> {
  try {
    const results = await requestSubscriptions([templateId])
    const { credits } = await call('alerts.subscribe', { results })
    toast(credits > 0 ? '有严重预警会通知您' : '没有订阅')
  } catch {
    toast('没有订阅成功，可以再点一次', { kind: 'error' })
  }
}

export default function HomePage() {
  const station = useStation()
  const me = useCall('account.me', {})
  const [more, setMore] = useState<{ items: AlertView[]; next: string | null; loading: boolean }>({ items: [], next: null, loading: false })
  const feed = useAsync<AlertPage>(async () => {
    const page = await call('alerts.list', {})
    setMore({ items: [], next: page.nextCursor, loading: false })
    void refreshUnreadBadge()
    return page
  })
  const now = new Date()

  useDidShow(() => {
    // Coming back from a detail page: read marks and acks changed.
    if (feed.data) void feed.reload()
    else void refreshUnreadBadge()
  })

  useReachBottom(() => {
    if (!more.next || more.loading) return
    setMore((m) => ({ ...m, loading: true }))
    call('alerts.list', { cursor: more.next })
      .then((page) => setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor, loading: false })))
      .catch(() => setMore((m) => ({ ...m, loading: false })))
  })

  const items = [...(feed.data?.items ?? []), ...more.items]
  // A draft (officers only) opens where it can be edited and published, not as a published alert.
  const open = (id: string) => {
    const a = items.find((x) => x.id === id)
    const unpublished = a && (a.phase === 'draft' || a.phase === 'scheduled')
    void Taro.navigateTo({ url: unpublished ? `/packages/officer-alerts/compose/index?id=${id}` : `/packages/alert/detail/index?id=${id}` })
  }
  const templateId = feed.data?.subscribeTemplateId

  return (
    <PageShell
      id='page-home'
      state={feed}
      onRefresh={() => Promise.all([feed.reload(), station.reload(), me.reload()]).then(() => undefined)}
    >
      {/* First run: no village yet. Asked before anything else; the 全部村 alerts are already listed below. */}
      {me.data && me.data.role === 'resident' && !me.data.villageId ? (
        <FirstRunCard
          villages={station.data?.villages ?? []}
          villagesError={station.error?.message}
          onRetryVillages={() => void station.reload()}
          onChosen={(p) => {
            me.setData(p)
            void feed.reload()
          }}
        />
      ) : null}
      <OfficerShortcuts />
      <MediationEntry id='home-mediation' />
      {/* Shown inside the page, not as PageShell's empty state, so an officer keeps the shortcuts on a quiet day. */}
      {feed.data && items.length === 0 ? <EmptyView icon='✓' text='暂时没有预警。有新的防骗提醒，会在这里告诉您。' /> : null}
      <View id='alert-feed'>
        {items.map((a) => (
          <AlertCard key={a.id} alert={a} now={now} onOpen={open} />
        ))}
        {more.next ? <Text className='fq-muted'>{more.loading ? '正在加载…' : '往上滑，看更多'}</Text> : null}
      </View>
      {canAskSubscription(templateId) ? (
        <BigButton kind='plain' id='alert-subscribe' onClick={() => void askForReminders(templateId)}>
          订阅预警提醒
        </BigButton>
      ) : null}
      <CallBar stationPhone={station.data?.phone} />
    </PageShell>
  )
}
