// The body of an alert as a resident sees it: head, over-notice, body, advice, images, history, 知道了 and share.
// The detail page and the officer's compose preview both render this one component.
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { AlertView } from '@contract/alerts'
import { categoryInfo, expiryText, phaseInfo, severityInfo } from '@domain/alerts'
import { fullDateTime } from '@/services/time'
import BigButton from '@/components/BigButton'
import { definedProps } from '@/components/definedProps'
import './index.scss'

const HISTORY_LABELS = { created: '起草', published: '发布', updated: '修改', cancelled: '撤销' } as const

export interface AlertDetailViewProps {
  alert: AlertView
  now: Date
  /** The resident's 知道了; unset in a preview (the button shows but does nothing). */
  onAck?: () => void
  acking?: boolean
  /** A preview inside the officer's compose page: buttons are shown as residents see them, but inert. */
  preview?: boolean
}

/** What an expired or cancelled alert says in place of a warning that still holds. */
export function overNotice(a: Pick<AlertView, 'phase' | 'cancelReason'>): string | null {
  if (a.phase === 'cancelled') return `这条提醒已经撤销了，不用再按它做。${a.cancelReason ? `原因：${a.cancelReason}` : ''}`
  if (a.phase === 'expired') return '这条提醒已经过期了。最新的提醒请看首页。'
  return null
}

export default function AlertDetailView({ alert: a, now, onAck, acking, preview }: AlertDetailViewProps) {
  const sev = severityInfo(a.severity)
  const cat = categoryInfo(a.category)
  const notice = overNotice(a)
  // Officers can open a draft from a link: it offers what can be done with a draft, not 知道了 or 转发.
  const unpublished = !preview && (a.phase === 'draft' || a.phase === 'scheduled')
  const editUrl = `/packages/officer-alerts/compose/index?id=${encodeURIComponent(a.id)}`
  const urls = a.images.map((i) => i.url).filter((u): u is string => !!u)
  const history = a.history.filter((h) => h.kind === 'updated' || h.kind === 'cancelled')
  // A preview sits beside the real form on the officer's page: it carries no ids, so tests and styles find one of each.
  const idOf = (name: string) => definedProps({ id: preview ? undefined : name })

  return (
    <View className='fq-alert'>
      {notice ? (
        <View className='fq-alert__over' {...idOf('alert-over')}>
          <Text>{notice}</Text>
        </View>
      ) : null}
      <View className='fq-alert__head' style={{ borderLeftColor: sev.color }}>
        <View className='fq-alert__tags'>
          <Text className='fq-alert__severity' style={{ backgroundColor: sev.color }}>
            {sev.label}
          </Text>
          <Text style={{ color: cat.color }}>{cat.label}</Text>
          {a.updatedSinceRead ? <Text className='fq-alert__updated'>有更新</Text> : null}
        </View>
        <Text className='fq-alert__title' {...idOf('alert-title')}>
          {a.title}
        </Text>
        <Text className='fq-alert__meta'>发给：{a.scope}</Text>
        <Text className='fq-alert__meta'>{a.publishedAt ? `${fullDateTime(a.publishedAt)} 发布` : phaseInfo(a.phase).label}</Text>
        {a.phase === 'active' ? <Text className='fq-alert__meta'>{expiryText(new Date(a.expiresAt), now)}</Text> : null}
      </View>

      {a.access === 'full' ? (
        <>
          <Text className='fq-alert__body' {...idOf('alert-body')}>
            {a.body}
          </Text>
          {a.advice.length > 0 ? (
            <View className='fq-alert__card' {...idOf('alert-advice')}>
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
          {history.length > 0 ? (
            <View className='fq-alert__card' {...idOf('alert-history')}>
              <Text className='fq-alert__section'>修改记录</Text>
              {history.map((h, i) => (
                <View key={i} className='fq-alert__history'>
                  <Text>
                    {fullDateTime(h.at)} {HISTORY_LABELS[h.kind]}
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
          {unpublished ? (
            <View className='fq-alert__over' id='alert-draft'>
              <Text>{a.phase === 'draft' ? '这是草稿，村民还看不到。' : '还没到生效时间，村民还看不到。'}</Text>
              <BigButton id='alert-edit' onClick={() => void Taro.redirectTo({ url: editUrl })}>
                {a.phase === 'draft' ? '接着改，然后发布' : '修改'}
              </BigButton>
            </View>
          ) : null}
          {!notice && !unpublished ? (
            <BigButton {...idOf('alert-ack')} kind={a.acked ? 'plain' : 'primary'} disabled={a.acked} busy={acking} onClick={preview ? undefined : onAck}>
              {a.acked ? '✓ 已知道' : '知道了'}
            </BigButton>
          ) : null}
          {!notice && !unpublished ? (
            <BigButton {...idOf('alert-share')} kind='plain' openType={preview ? undefined : 'share'}>
              转发给家里人
            </BigButton>
          ) : null}
        </>
      ) : null}
      {notice && !preview ? (
        <BigButton id='alert-go-home' kind='plain' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          回首页看最新提醒
        </BigButton>
      ) : null}
    </View>
  )
}
