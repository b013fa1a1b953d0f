// 举报处理: the officers' queue — filters (type, status, village, mine, overdue), overdue marks, cluster counts,
// and pages of older reports on demand.
import { useState } from 'react'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { ActionRequest } from '@contract'
import type { OfficerListItem, ReportPage } from '@contract/reports'
import { REPORT_STATUSES, REPORT_TYPES, type ReportStatus, type ReportType } from '@domain/reports'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { useStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { formatDateTime } from '@/services/time'
import StatusTag from '@/components/StatusTag'
import '@/styles/filters.scss'
import '@/packages/officer-reports/shared/officer.scss'

type ListQuery = ActionRequest<'reports.list'>

function reporterText(r: OfficerListItem['reporter']): string {
  return r.anonymous ? '匿名举报' : `${r.name} ${r.phone}`
}

/** Cards per group in the list (the queue's page size). */
const QUEUE_GROUP = 20

function groups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function QueueCard({ item }: { item: OfficerListItem }) {
  return (
    <View
      className={`fq-queue-card${item.overdue ? ' fq-queue-card--overdue' : ''}`}
      id={`queue-${item.caseNo}`}
      onClick={() => void Taro.navigateTo({ url: `/packages/officer-reports/detail/index?id=${item.caseNo}` })}
    >
      <View className='fq-queue-card__marks'>
        <StatusTag status={item.status} />
        {item.overdue ? (
          <Text className='fq-mark fq-mark--overdue' id={`queue-${item.caseNo}-overdue`}>
            超时未受理
          </Text>
        ) : null}
        {item.flagged ? <Text className='fq-mark fq-mark--flag'>内容待核查</Text> : null}
        {item.cluster && item.cluster.count > 1 ? (
          <Text className='fq-mark fq-mark--cluster' id={`queue-${item.caseNo}-cluster`}>
            {item.cluster.summary}
          </Text>
        ) : null}
      </View>
      <Text className='fq-queue-card__title'>{item.title}</Text>
      {/* Two lines of text, not a node per fact: a card is ~8 WXML nodes, so a long queue stays near WeChat's node budget. */}
      <View className='fq-queue-card__meta'>
        <Text>{[item.caseNo, item.villageName, formatDateTime(item.createdAt)].join('　')}</Text>
        <Text>{[reporterText(item.reporter), item.assigneeName ? `指派：${item.assigneeName}` : '未指派', item.photoCount > 0 ? `照片${item.photoCount}张` : ''].filter(Boolean).join('　')}</Text>
      </View>
    </View>
  )
}

function Chip({ id, on, label, onClick }: { id: string; on: boolean; label: string; onClick: () => void }) {
  return (
    <Text id={id} className={`fq-filter__item${on ? ' fq-filter__item--on' : ''}`} onClick={onClick}>
      {on ? `✓ ${label}` : label}
    </Text>
  )
}

export default function OfficerReportsPage() {
  const station = useStation()
  const villages = station.data?.villages ?? []
  const [type, setType] = useState<ReportType | undefined>()
  // `?status=submitted` (首页's 举报 shortcut) opens the queue already filtered.
  const opened = useRouter().params.status
  const [status, setStatus] = useState<ReportStatus | undefined>(() => REPORT_STATUSES.find((st) => st.value === opened)?.value)
  const [villageId, setVillageId] = useState<string | undefined>()
  const [mine, setMine] = useState(false)
  const [overdue, setOverdue] = useState(false)
  const [more, setMore] = useState<{ items: OfficerListItem[]; next: string | null; loading: boolean; error?: string }>({ items: [], next: null, loading: false })

  const query: ListQuery = {
    ...(type ? { type } : {}),
    ...(status ? { status } : {}),
    ...(villageId ? { villageId } : {}),
    ...(mine ? { assigned: 'me' } : {}),
    ...(overdue ? { overdue: true } : {}),
  }
  const list = useAsync<ReportPage<OfficerListItem>>(async () => {
    const page = await call('reports.list', query)
    setMore({ items: [], next: page.nextCursor, loading: false })
    return page
  }, [type, status, villageId, mine, overdue])

  useDidShow(() => {
    // Back from a detail page: the case may have moved on.
    if (list.data) void list.reload()
  })

  const loadMore = () => {
    if (!more.next || more.loading) return
    setMore((m) => ({ ...m, loading: true, error: undefined }))
    call('reports.list', { ...query, cursor: more.next })
      .then((page) => setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor, loading: false })))
      .catch((e: unknown) => setMore((m) => ({ ...m, loading: false, error: toCallError(e).message })))
  }
  useReachBottom(loadMore)

  const items = [...(list.data?.items ?? []), ...more.items]
  const statusNames = ['全部状态', ...REPORT_STATUSES.map((s) => s.label)]
  const statusIndex = status ? REPORT_STATUSES.findIndex((s) => s.value === status) + 1 : 0
  const villageNames = ['全部村', ...villages.map((v) => v.name)]
  const villageIndex = villageId ? villages.findIndex((v) => v.id === villageId) + 1 : 0

  return (
    <PageShell id='page-officer-reports' state={list} onRefresh={() => Promise.all([list.reload(), station.reload()]).then(() => undefined)}>
      <BigButton kind='plain' id='open-clusters' onClick={() => void Taro.navigateTo({ url: '/packages/officer-reports/clusters/index' })}>
        看同类举报（同一店铺、同一个村）
      </BigButton>
      <View className='fq-filter' id='filter-type'>
        <Chip id='filter-type-any' on={!type} label='全部' onClick={() => setType(undefined)} />
        {REPORT_TYPES.map((t) => (
          <Chip key={t.value} id={`filter-type-${t.value}`} on={type === t.value} label={t.short} onClick={() => setType(t.value)} />
        ))}
      </View>
      <View className='fq-filter'>
        <PickerSheet
          id='filter-status'
          mode='select'
          title='看哪种状态'
          className={`fq-filter__picker${status ? ' fq-filter__item--on' : ''}`}
          options={[{ value: '', label: '全部状态' }, ...REPORT_STATUSES.map((s) => ({ value: s.value, label: s.label }))]}
          value={status ?? ''}
          display={`${statusNames[statusIndex]} ▾`}
          onChange={(v) => setStatus(REPORT_STATUSES.find((s) => s.value === v)?.value)}
        />
        <PickerSheet
          id='filter-village'
          mode='select'
          title='看哪个村'
          className={`fq-filter__picker${villageId ? ' fq-filter__item--on' : ''}`}
          options={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          value={villageId ?? ''}
          display={`${villageNames[villageIndex]} ▾`}
          onChange={(v) => setVillageId(villages.find((x) => x.id === v)?.id)}
        />
      </View>
      <View className='fq-filter'>
        <Chip id='filter-mine' on={mine} label='指派给我的' onClick={() => setMine(!mine)} />
        <Chip id='filter-overdue' on={overdue} label='超时未受理' onClick={() => setOverdue(!overdue)} />
      </View>

      {/* Cards in groups of one page each: no node holds more than QUEUE_GROUP children (体验评分: ≤ 60), however far 加载更多 goes. */}
      <View id='officer-report-list'>
        {groups(items, QUEUE_GROUP).map((group, g) => (
          <View key={g}>
            {group.map((item) => (
              <QueueCard key={item.caseNo} item={item} />
            ))}
          </View>
        ))}
      </View>
      {list.data && items.length === 0 ? (
        <Text className='fq-muted fq-filter__empty' id='officer-reports-empty'>
          没有这样的举报。换个筛选条件看看。
        </Text>
      ) : null}
      {more.error ? <Text className='fq-error-line'>{more.error}</Text> : null}
      {more.next ? (
        <BigButton kind='plain' id='officer-reports-more' busy={more.loading} onClick={loadMore}>
          加载更多
        </BigButton>
      ) : null}
    </PageShell>
  )
}
