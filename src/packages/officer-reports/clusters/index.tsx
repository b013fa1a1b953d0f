// 同类举报: reports that belong together (fake pesticide by brand and shop within 90 days, theft by village within
// 14 days), and from each group a 案情通报 draft opened in the alerts compose page.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AlertDraftPayload, ClusterView } from '@contract/reports'
import { REPORT_TYPES, type ReportType } from '@domain/reports'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { formatDateTime } from '@/services/time'
import '@/styles/filters.scss'
import '@/packages/officer-reports/shared/officer.scss'

/**
 * Where the alerts compose page (packages/officer-alerts/compose, `?prefill=1`) picks up a pre-filled draft: the
 * JSON of an `alerts.publish` payload. Written here as a literal so this subpackage does not pull in the alerts one.
 */
const ALERT_PREFILL_KEY = 'fq_alert_prefill'
const COMPOSE_URL = '/packages/officer-alerts/compose/index?prefill=1'

function draftText(d: AlertDraftPayload): string {
  return [d.title, '', d.body, '', ...d.advice.map((a, i) => `${i + 1}. ${a}`)].join('\n')
}

function ClusterCard({ cluster, onDraft, busy }: { cluster: ClusterView; onDraft: (key: string) => void; busy: boolean }) {
  return (
    <View className='fq-card' id={`cluster-${cluster.key}`}>
      <View className='fq-cluster__head'>
        <Text className='fq-cluster__count'>{cluster.count}</Text>
        <View>
          <Text className='fq-title'>{cluster.label}</Text>
          <Text className='fq-muted'>{cluster.summary}</Text>
        </View>
      </View>
      <Text className='fq-muted'>{`${formatDateTime(cluster.firstAt)} 到 ${formatDateTime(cluster.lastAt)}`}</Text>
      <View className='fq-cluster__ids'>
        {cluster.reportIds.map((id) => (
          <Text key={id} className='fq-filter__item' onClick={() => void Taro.navigateTo({ url: `/packages/officer-reports/detail/index?id=${id}` })}>
            {id}
          </Text>
        ))}
      </View>
      <BigButton id={`cluster-draft-${cluster.key}`} busy={busy} onClick={() => onDraft(cluster.key)}>
        起草案情通报
      </BigButton>
    </View>
  )
}

export default function ClustersPage() {
  const [type, setType] = useState<ReportType | undefined>()
  const list = useAsync(() => call('reports.clusters', type ? { type } : {}), [type])
  const [drafting, setDrafting] = useState<string>()
  const [failed, setFailed] = useState<string>()
  const [shown, setShown] = useState<AlertDraftPayload>()

  const draft = async (key: string) => {
    setDrafting(key)
    setFailed(undefined)
    try {
      const payload = await call('reports.draftAlertFromCluster', { key })
      Taro.setStorageSync(ALERT_PREFILL_KEY, JSON.stringify(payload))
      try {
        await Taro.navigateTo({ url: COMPOSE_URL })
      } catch {
        // No compose page in this build: show the text so the officer can still use it.
        Taro.removeStorageSync(ALERT_PREFILL_KEY)
        setShown(payload)
      }
    } catch (e) {
      setFailed(toCallError(e).message)
    } finally {
      setDrafting(undefined)
    }
  }

  const clusters = list.data?.clusters ?? []
  return (
    <PageShell id='page-report-clusters' state={list}>
      <Text className='fq-muted fq-moves__note'>同一品牌、同一店铺的假农药（近90天），同一个村的盗窃（近14天），放在一起看。</Text>
      <View className='fq-filter' id='cluster-type'>
        <Text id='cluster-type-any' className={`fq-filter__item${!type ? ' fq-filter__item--on' : ''}`} onClick={() => setType(undefined)}>
          全部
        </Text>
        {REPORT_TYPES.map((t) => (
          <Text key={t.value} id={`cluster-type-${t.value}`} className={`fq-filter__item${type === t.value ? ' fq-filter__item--on' : ''}`} onClick={() => setType(t.value)}>
            {t.short}
          </Text>
        ))}
      </View>
      {failed ? (
        <Text className='fq-error-line' id='cluster-error'>
          {failed}
        </Text>
      ) : null}
      {list.data && clusters.length === 0 ? (
        <Text className='fq-muted fq-filter__empty' id='clusters-empty'>
          现在没有成批的同类举报。
        </Text>
      ) : null}
      {clusters.map((c) => (
        <ClusterCard key={c.key} cluster={c} busy={drafting === c.key} onDraft={(k) => void draft(k)} />
      ))}
      <Sheet open={!!shown} title='案情通报草稿' onClose={() => setShown(undefined)} id='cluster-draft-sheet'>
        {shown ? <Text className='fq-draft-text'>{draftText(shown)}</Text> : null}
        <BigButton
          onClick={() => {
            if (shown) void Taro.setClipboardData({ data: draftText(shown) })
          }}
        >
          复制全文
        </BigButton>
        <BigButton kind='plain' onClick={() => setShown(undefined)}>
          关闭
        </BigButton>
      </Sheet>
    </PageShell>
  )
}
