// 预警管理: every alert the station has written — drafts, live, expired, cancelled — with filters;
// tap a draft to go on writing it, any other alert to see who has read it.
import { useState } from 'react'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AlertPage, AlertView } from '@contract/alerts'
import { ALERT_CATEGORIES, ALERT_PHASES, type AlertCategory, type AlertPhase } from '@domain/alerts'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import AlertCard from '@/components/AlertCard'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import '@/styles/filters.scss'

type Filter<V extends string> = V | 'any'

export function officerAlertUrl(a: Pick<AlertView, 'id' | 'phase'>): string {
  const id = encodeURIComponent(a.id)
  return a.phase === 'draft' ? `/packages/officer-alerts/compose/index?id=${id}` : `/packages/officer-alerts/stats/index?id=${id}`
}

function FilterRow<V extends string>({ id, items, value, onPick }: { id: string; items: readonly { value: V; label: string }[]; value: Filter<V>; onPick: (v: Filter<V>) => void }) {
  const all: { value: Filter<V>; label: string }[] = [{ value: 'any', label: '全部' }, ...items]
  return (
    <View className='fq-filter' id={id}>
      {all.map((it) => (
        <Text key={it.value} id={`${id}-${it.value}`} className={`fq-filter__item${value === it.value ? ' fq-filter__item--on' : ''}`} onClick={() => onPick(it.value)}>
          {it.label}
        </Text>
      ))}
    </View>
  )
}

export default function OfficerAlertsPage() {
  const [phase, setPhase] = useState<Filter<AlertPhase>>('any')
  const [category, setCategory] = useState<Filter<AlertCategory>>('any')
  const [more, setMore] = useState<{ items: AlertView[]; next: string | null; loading: boolean }>({ items: [], next: null, loading: false })
  const query = { ...(phase !== 'any' ? { phase } : {}), ...(category !== 'any' ? { category } : {}) }
  const list = useAsync<AlertPage>(async () => {
    const page = await call('alerts.list', query)
    setMore({ items: [], next: page.nextCursor, loading: false })
    return page
  }, [phase, category])

  useDidShow(() => {
    // Back from compose or stats: something may have been published or cancelled.
    if (list.data) void list.reload()
  })

  const loadMore = () => {
    if (!more.next || more.loading) return
    setMore((m) => ({ ...m, loading: true }))
    call('alerts.list', { ...query, cursor: more.next })
      .then((page) => setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor, loading: false })))
      .catch(() => setMore((m) => ({ ...m, loading: false })))
  }
  useReachBottom(loadMore)

  const items = [...(list.data?.items ?? []), ...more.items]
  const now = new Date()
  const open = (id: string) => {
    const a = items.find((x) => x.id === id)
    if (a) void Taro.navigateTo({ url: officerAlertUrl(a) })
  }

  return (
    <PageShell id='page-officer-alerts' state={list}>
      <BigButton id='alerts-new' onClick={() => void Taro.navigateTo({ url: '/packages/officer-alerts/compose/index' })}>
        ＋ 写一条新预警
      </BigButton>
      <FilterRow id='filter-phase' items={ALERT_PHASES} value={phase} onPick={setPhase} />
      <FilterRow id='filter-category' items={ALERT_CATEGORIES} value={category} onPick={setCategory} />
      <View id='officer-alert-list'>
        {items.map((a) => (
          <AlertCard key={a.id} alert={a} now={now} onOpen={open} showPhase />
        ))}
      </View>
      {list.data && items.length === 0 ? (
        <Text className='fq-muted fq-filter__empty' id='officer-alerts-empty'>
          没有这样的预警。换个筛选条件看看。
        </Text>
      ) : null}
      {more.next ? (
        <BigButton kind='plain' busy={more.loading} onClick={loadMore}>
          看更多
        </BigButton>
      ) : null}
    </PageShell>
  )
}
