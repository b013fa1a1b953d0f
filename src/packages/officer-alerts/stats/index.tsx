// 谁看了、谁知道了: how many villagers an alert reached, read and acknowledged, village by village, and for
// severe warnings the people who have not pressed 知道了 yet, each one tap away from a phone call.
import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AlertStatsView, FollowUpResident } from '@contract/alerts'
import { canApply, needsFollowUp, phaseInfo, severityInfo } from '@domain/alerts'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import './index.scss'
import { alertDialog } from '@/services/dialog'

function Big({ id, label, value, note }: { id: string; label: string; value: number; note?: string }) {
  return (
    <View className='fq-stats__big'>
      <Text className='fq-stats__number' id={id}>
        {value}
      </Text>
      <Text className='fq-stats__label'>{label}</Text>
      {note ? <Text className='fq-stats__note'>{note}</Text> : null}
    </View>
  )
}

function FollowUpRow({ alertId, person }: { alertId: string; person: FollowUpResident }) {
  const { busy, run } = useAction()
  const dial = async () => {
    const revealed = await run(() => call('alerts.revealPhone', { id: alertId, openid: person.openid }), {
      onError: (e) => void alertDialog({ title: '没有拿到电话', content: e.message, confirmText: '好的' }),
    })
    if (revealed) await Taro.makePhoneCall({ phoneNumber: revealed.phone }).catch(() => undefined)
  }
  return (
    <View className='fq-followup' id={`followup-${person.openid}`}>
      <View className='fq-followup__who'>
        <Text className='fq-followup__name'>{person.name || '未填姓名'}</Text>
        <Text className='fq-muted'>{`${person.villageName}　${person.phone || '没留电话'}`}</Text>
        <Text className={person.read ? 'fq-followup__read' : 'fq-followup__unread'}>{person.read ? '看过，没点“知道了”' : '还没看'}</Text>
      </View>
      {person.phone ? (
        <BigButton id={`call-${person.openid}`} className='fq-followup__call' busy={busy} onClick={() => void dial()}>
          打电话
        </BigButton>
      ) : null}
    </View>
  )
}

export default function AlertStatsPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [villageId, setVillageId] = useState<string>()
  const [more, setMore] = useState<{ items: FollowUpResident[]; next: string | null; loading: boolean }>({ items: [], next: null, loading: false })
  const stats = useAsync<AlertStatsView>(async () => {
    const res = await call('alerts.stats', { id, followUp: true, ...(villageId ? { villageId } : {}) })
    setMore({ items: [], next: res.followUp?.nextCursor ?? null, loading: false })
    return res
  }, [id, villageId])

  useDidShow(() => {
    if (stats.data) void stats.reload()
  })

  const loadMore = () => {
    if (!more.next || more.loading) return
    setMore((m) => ({ ...m, loading: true }))
    call('alerts.stats', { id, followUp: true, cursor: more.next, ...(villageId ? { villageId } : {}) })
      .then((res) => setMore((m) => ({ items: [...m.items, ...(res.followUp?.items ?? [])], next: res.followUp?.nextCursor ?? null, loading: false })))
      .catch(() => setMore((m) => ({ ...m, loading: false })))
  }

  const d = stats.data
  const s = d?.stats
  const people = [...(d?.followUp?.items ?? []), ...more.items]
  const villageName = s?.byVillage.find((v) => v.villageId === villageId)?.name

  return (
    <PageShell id='page-alert-stats' state={stats}>
      {d && s ? (
        <>
          <View className='fq-card' style={{ borderLeft: `14px solid ${severityInfo(d.alert.severity).color}` }}>
            <Text className='fq-title' id='stats-title'>
              {d.alert.title}
            </Text>
            <Text className='fq-muted' id='stats-phase'>{`${severityInfo(d.alert.severity).label}　${phaseInfo(d.alert.phase).label}`}</Text>
          </View>

          <View className='fq-card fq-stats__row'>
            <Big id='stats-reach' label='应收到的人' value={s.reach} note='登记村民' />
            <Big id='stats-read' label='看过' value={s.read} note={`${s.readRate}%`} />
            <Big id='stats-acked' label='点了知道了' value={s.acked} note={`${s.ackRate}%`} />
          </View>

          <View className='fq-card' id='stats-villages'>
            <Text className='fq-title'>各村情况</Text>
            {s.byVillage.map((v) => (
              <View
                key={v.villageId}
                id={`stats-village-${v.villageId}`}
                className={`fq-stats__village${villageId === v.villageId ? ' fq-stats__village--on' : ''}`}
                onClick={() => setVillageId(villageId === v.villageId ? undefined : v.villageId)}
              >
                <Text className='fq-stats__village-name'>{v.name}</Text>
                <Text>{`看过 ${v.read}/${v.reach}　知道了 ${v.acked}`}</Text>
              </View>
            ))}
            <Text className='fq-muted'>点一个村，下面只看这个村没点“知道了”的人。</Text>
          </View>

          {needsFollowUp(d.alert.severity) && d.alert.phase !== 'draft' ? (
            <View className='fq-card' id='followup-list'>
              <Text className='fq-title'>{`还没点“知道了”的村民${villageName ? `（${villageName}）` : ''}`}</Text>
              <Text className='fq-muted'>请打电话或上门提醒。电话号码会记在查看记录里。</Text>
              {people.length === 0 ? (
                <Text className='fq-stats__done' id='followup-empty'>
                  都点了“知道了”，不用再跟进。
                </Text>
              ) : (
                people.map((p) => <FollowUpRow key={p.openid} alertId={d.alert.id} person={p} />)
              )}
              {more.next ? (
                <BigButton kind='plain' busy={more.loading} onClick={loadMore}>
                  看更多
                </BigButton>
              ) : null}
            </View>
          ) : (
            <Text className='fq-muted fq-stats__hint'>只有“严重”和“特别严重”的提醒，才列出需要上门跟进的人。</Text>
          )}

          {canApply('update', d.alert.phase) || canApply('cancel', d.alert.phase) ? (
            <BigButton id='stats-edit' kind='plain' onClick={() => void Taro.navigateTo({ url: `/packages/officer-alerts/compose/index?id=${encodeURIComponent(d.alert.id)}` })}>
              修改或撤销这条预警
            </BigButton>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
