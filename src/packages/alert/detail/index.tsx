// 预警详情: the whole alert, what to do, its update history, a big 知道了 button, and sharing to chats and Moments.
import { useEffect, useState } from 'react'
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { AlertView } from '@contract/alerts'
import { severityInfo } from '@domain/alerts'
import PageShell from '@/components/PageShell'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { trackRead } from '@/services/badge'
import AlertDetailView from '@/components/AlertDetailView'
import { toast } from '@/services/toast'
import { alertDialog } from '@/services/dialog'

/** The path a shared alert opens; `via=share` lets a resident of another village read an active alert. */
export function alertSharePath(id: string): string {
  return `/packages/alert/detail/index?id=${encodeURIComponent(id)}&via=share`
}

export default function AlertDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const via = params.via === 'share' ? 'share' : 'feed'
  const alert = useAsync<AlertView>(() => call('alerts.get', { id, via }), [id, via])
  const [acking, setAcking] = useState(false)
  const a = alert.data

  useEffect(() => {
    // Seeing the page is reading it; a failure here only leaves the alert marked unread.
    if (a && a.access === 'full' && a.unread) trackRead(call('alerts.markRead', { id, via })).catch(() => undefined)
  }, [a, id, via])

  useShareAppMessage(() => ({ title: a ? `【${severityInfo(a.severity).label}】${a.title}` : '派出所提醒', path: alertSharePath(id) }))
  useShareTimeline(() => ({ title: a ? `【${severityInfo(a.severity).label}】${a.title}` : '派出所提醒', query: `id=${encodeURIComponent(id)}&via=share` }))

  const ack = async () => {
    if (!a) return
    setAcking(true)
    try {
      await trackRead(call('alerts.ack', { id, via }))
      alert.setData({ ...a, acked: true, unread: false, updatedSinceRead: false })
      toast('好的，已记下', { kind: 'success' })
    } catch (e) {
      void alertDialog({ title: '没有记上', content: toCallError(e).message, confirmText: '好的' })
    } finally {
      setAcking(false)
    }
  }

  return (
    <PageShell id='page-alert-detail' state={alert}>
      {a ? <AlertDetailView alert={a} now={new Date()} onAck={() => void ack()} acking={acking} /> : null}
    </PageShell>
  )
}
