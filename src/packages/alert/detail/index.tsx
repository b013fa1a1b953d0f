// 预警详情: the whole alert, what to do, its update history, a big 知道了 button, and sharing to chats and Moments.
import { useEffect, useState } from 'react'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { AlertView } from '@contract/alerts'
import { categoryInfo, expiryText, formatDateTime, phaseInfo, severityInfo } from '@domain/alerts'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import './index.scss'

const HISTORY_LABELS = { created: '起草', published: '发布', updated: '修改', cancelled: '撤销' } as const

export default function AlertDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const via = params.via === 'share' ? 'share' : 'feed'
  const alert = useAsync<AlertView>(() => call('alerts.get', { id, via }), [id, via])
  const [acking, setAcking] = useState(false)
  const a = alert.data

  useEffect(() => {
    // Seeing the page is reading it; a failure here only leaves the alert marked unread.
    if (a && a.access === 'full' && a.unread) call('alerts.markRead', { id, via }).catch(() => undefined)
  }, [a, id, via])

  const sharePath = `/packages/alert/detail/index?id=${id}&via=share`
  useShareAppMessage(() => ({ title: a ? `【${severityInfo(a.severity).label}】${a.title}` : '派出所预警', path: sharePath }))
  useShareTimeline(() => ({ title: a ? a.title : '派出所预警', query: `id=${id}&via=share` }))

  const ack = async () => {
    if (!a) return
    setAcking(true)
    try {
      await call('alerts.ack', { id, via })
      alert.setData({ ...a, acked: true, unread: false, updatedSinceRead: false })
      void Taro.showToast({ title: '好的，已记下', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toCallError(e).message, icon: 'none', duration: 3000 })
    } finally {
      setAcking(false)
    }
  }

  const now = new Date()
  const over = a && (a.phase === 'expired' || a.phase === 'cancelled')
  const sev = a ? severityInfo(a.severity) : null
  const urls = a ? a.images.map((i) => i.url).filter((u): u is string => !!u) : []

  return (
    <PageShell id='page-alert-detail' state={alert}>
      {a && sev ? (
        <View className='fq-alert'>
          {over ? (
            <View className='fq-alert__over' id='alert-over'>
              <Text>
                {a.phase === 'cancelled' ? `这条提醒已撤销${a.cancelReason ? `：${a.cancelReason}` : ''}` : '这条提醒已过期，内容仅供参考'}
              </Text>
            </View>
          ) : null}
          <View className='fq-alert__head' style={{ borderLeftColor: sev.color }}>
            <View className='fq-alert__tags'>
              <Text className='fq-alert__severity' style={{ backgroundColor: sev.color }}>
                {sev.label}
              </Text>
              <Text style={{ color: categoryInfo(a.category).color }}>{categoryInfo(a.category).label}</Text>
              {a.updatedSinceRead ? <Text className='fq-alert__updated'>有更新</Text> : null}
            </View>
            <Text className='fq-alert__title' id='alert-title'>
              {a.title}
            </Text>
            <Text className='fq-alert__meta'>
              发给：{a.scope}　{a.publishedAt ? `${formatDateTime(new Date(a.publishedAt))}发布` : phaseInfo(a.phase).label}
            </Text>
            {!over && a.phase === 'active' ? <Text className='fq-alert__meta'>{expiryText(new Date(a.expiresAt), now)}</Text> : null}
          </View>

          {a.access === 'full' ? (
            <>
              <Text className='fq-alert__body' id='alert-body'>
                {a.body}
              </Text>
              {a.advice.length > 0 ? (
                <View className='fq-alert__card'>
                  <Text className='fq-alert__section'>防范要点</Text>
                  {a.advice.map((point, i) => (
                    <Text key={i} className='fq-alert__advice'>
                      {i + 1}. {point}
                    </Text>
                  ))}
                </View>
              ) : null}
              {urls.length > 0 ? (
                <View className='fq-alert__images'>
                  {urls.map((url) => (
                    <Image key={url} src={url} mode='aspectFill' className='fq-alert__image' onClick={() => void Taro.previewImage({ current: url, urls })} />
                  ))}
                </View>
              ) : null}
              {a.history.some((h) => h.kind === 'updated' || h.kind === 'cancelled') ? (
                <View className='fq-alert__card' id='alert-history'>
                  <Text className='fq-alert__section'>修改记录</Text>
                  {a.history
                    .filter((h) => h.kind !== 'created')
                    .map((h, i) => (
                      <View key={i} className='fq-alert__history'>
                        <Text>
                          {formatDateTime(new Date(h.at))} {HISTORY_LABELS[h.kind]}
                          {h.reason ? `：${h.reason}` : ''}
                        </Text>
                        {h.changes.map((c) => (
                          <Text key={c.field} className='fq-alert__change'>
                            {c.label}：{c.before} → {c.after}
                          </Text>
                        ))}
                      </View>
                    ))}
                </View>
              ) : null}
              {!over ? (
                <BigButton id='alert-ack' kind={a.acked ? 'plain' : 'primary'} disabled={a.acked} busy={acking} onClick={() => void ack()}>
                  {a.acked ? '✓ 已知道' : '知道了'}
                </BigButton>
              ) : null}
              {!over ? (
                <BigButton id='alert-share' kind='plain' openType='share'>
                  转发给家里人
                </BigButton>
              ) : null}
            </>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
