// 代办和上门申请 (officer): open errands with the steps the lifecycle allows from their status, and home-visit
// requests to schedule (which officer, date, time window) or cancel.
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { AgendaView, HomeVisitView, ErrandView } from '@contract/services'
import { HANDOVER_LABELS } from '@contract/services'
import type { Station } from '@contract/account'
import { ERRAND_LIFECYCLE, type AnyStatus, type ErrandStatus } from '@domain/service-lifecycles'
import { HOME_VISIT_BASES } from '@domain/schedule'
import { addDays, stationDay } from '@domain/station-time'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import OfficerPicker from '@/components/OfficerPicker'
import { useAsync } from '@/hooks/useAsync'
import { loadStation } from '@/hooks/useStation'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import { dayLabel } from '@/services/dayLabels'
import { formatDateTime } from '@/services/time'
import '../shared/officer.scss'
import TextArea from '@/components/TextArea'
import ConfirmSheet from '@/components/ConfirmSheet'
import { toast } from '@/services/toast'
import { alertDialog, confirmDialog } from '@/services/dialog'

interface Queue {
  agenda: AgendaView
  station: Station
}

/** The officer's button for each step of an errand (what the tap does; the status labels stay in the table). */
const ERRAND_ACTIONS: Record<ErrandStatus, string> = {
  submitted: '退回提交',
  accepted: '受理',
  in_progress: '开始办',
  ready: '办好了',
  completed: '已交给群众',
  rejected: '不受理',
  cancelled: '取消',
}

/** Moves that must say why, from the lifecycle table itself. */
function needsReason(from: ErrandStatus, to: ErrandStatus): boolean {
  return ERRAND_LIFECYCLE.moves.some((t) => t.from.includes(from) && t.to === to && t.needsReason)
}

function ErrandCard({ e, onMove, busy }: { e: ErrandView; onMove: (to: ErrandStatus) => void; busy: boolean }) {
  const next = e.next.filter((s): s is ErrandStatus => s in ERRAND_LIFECYCLE.statuses)
  return (
    <View className={`fq-card fq-ag fq-ag--${e.statusType}`} id={`errand-${e.id}`}>
      <View className='fq-ag__head'>
        <Text className='fq-ag__time'>{e.serviceName}</Text>
        <Text className='fq-ag__status' id={`errand-${e.id}-status`}>
          {e.statusLabel}
        </Text>
      </View>
      <Text className='fq-ag__who'>
        {e.name}　{e.phone}
      </Text>
      <Text className='fq-muted'>提交于 {formatDateTime(e.createdAt)}</Text>
      <Text className='fq-muted'>
        材料：{e.materials.map((m) => `${m.checked ? '✓' : '✗'}${m.name}`).join('　')}
      </Text>
      <Text className='fq-muted'>
        办好后：{HANDOVER_LABELS[e.handover]}
        {e.handover === 'delivery' ? `（${e.address}）` : ''}
      </Text>
      {e.note ? <Text className='fq-muted'>群众说：{e.note}</Text> : null}
      {e.photoUrls.length > 0 ? (
        <View className='fq-ag__actions'>
          {e.photoUrls.map((url) => (
            <Image key={url} src={url} mode='aspectFill' style={{ width: '160px', height: '160px', borderRadius: '12px' }} onClick={() => void Taro.previewImage({ urls: e.photoUrls, current: url })} />
          ))}
        </View>
      ) : null}
      <View className='fq-ag__actions'>
        {next.map((to) => (
          <View
            key={to}
            id={`errand-${e.id}-${to}`}
            className={`fq-ag__action${to === 'rejected' || to === 'cancelled' ? ' fq-ag__action--danger' : ''}${busy ? ' fq-ag__action--off' : ''}`}
            onClick={busy ? undefined : () => onMove(to)}
          >
            <Text>{ERRAND_ACTIONS[to]}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function RequestCard({ r, villageName, onSchedule, onCancel, busy }: { r: HomeVisitView; villageName: string; onSchedule: () => void; onCancel: () => void; busy: boolean }) {
  return (
    <View className='fq-card fq-ag' id={`request-${r.id}`}>
      <View className='fq-ag__head'>
        <Text className='fq-ag__time'>{r.serviceName}</Text>
        <Text className='fq-ag__status'>{r.statusLabel}</Text>
      </View>
      <Text className='fq-ag__who'>
        {r.name}　{r.phone}
      </Text>
      <Text className='fq-muted'>
        {HOME_VISIT_BASES[r.basis]}
        {r.age ? `，${r.age}岁` : ''}：{r.reason}
      </Text>
      <Text className='fq-muted'>
        {villageName} {r.address}
      </Text>
      <Text className='fq-muted'>希望：{r.preferredDays.map((d) => dayLabel(d)).join('、')}</Text>
      <View className='fq-ag__actions'>
        <View id={`request-${r.id}-schedule`} className={`fq-ag__action${busy ? ' fq-ag__action--off' : ''}`} onClick={busy ? undefined : onSchedule}>
          <Text>安排上门</Text>
        </View>
        {r.next.includes('cancelled') ? (
          <View id={`request-${r.id}-cancel`} className={`fq-ag__action fq-ag__action--danger${busy ? ' fq-ag__action--off' : ''}`} onClick={busy ? undefined : onCancel}>
            <Text>取消</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}

function ScheduleSheet({ r, onClose, onDone }: { r: HomeVisitView; onClose: () => void; onDone: (v: HomeVisitView) => void }) {
  const today = stationDay(new Date())
  const firstPreferred = r.preferredDays.find((d) => d >= today) ?? addDays(today, 1)
  const [day, setDay] = useState(firstPreferred)
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('10:00')
  /** undefined: the officer scheduling it goes. */
  const [officer, setOfficer] = useState<string>()
  const { busy, error, run } = useAction()

  const save = async () => {
    const done = await run((requestId) => call('services.scheduleHomeVisit', { id: r.id, day, start, end, ...(officer ? { officer } : {}) }, { requestId }))
    if (done) onDone(done)
  }

  return (
    <Sheet open title={`安排上门：${r.name}`} onClose={onClose} id='visit-sheet'>
      <Text className='fq-muted'>群众希望：{r.preferredDays.map((d) => dayLabel(d)).join('、')}</Text>
      <OfficerPicker id='visit-officer' label='谁去上门' value={officer} onChange={setOfficer} />
      <View className='fq-off__row'>
        <Text>日期</Text>
        <PickerSheet id='visit-day' className='fq-off__picker' mode='date' title='哪天上门' value={day} start={today} display={dayLabel(day)} onChange={setDay} />
      </View>
      <View className='fq-off__row'>
        <Text>时间</Text>
        <PickerSheet id='visit-start' className='fq-off__picker' mode='time' title='几点到' value={start} onChange={setStart} />
        <Text>到</Text>
        <PickerSheet id='visit-end' className='fq-off__picker' mode='time' title='几点走' value={end} onChange={setEnd} />
      </View>
      {error ? <Text className='fq-off__error'>{error}</Text> : null}
      <BigButton id='visit-save' busy={busy} onClick={() => void save()}>
        确定安排
      </BigButton>
      <BigButton kind='plain' onClick={onClose}>
        先不安排
      </BigButton>
    </Sheet>
  )
}

function ReasonSheet({ title, onClose, onSend }: { title: string; onClose: () => void; onSend: (reason: string) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  return (
    <ConfirmSheet
      open
      title={title}
      message='群众能看到，请写清楚原因和下一步怎么办。'
      confirmText='确定'
      cancelText='不了'
      kind='danger'
      onConfirm={() => (reason.trim() ? onSend(reason.trim()) : setError('请写明原因'))}
      onCancel={onClose}
      id='reason-sheet'
      confirmId='reason-send'
      cancelId='reason-cancel'
    >
      <TextArea id='input-reason' value={reason} placeholder='例如：缺户口本原件，请带齐后再申请' maxLength={200} onInput={setReason} />
      {error ? <Text className='fq-off__error'>{error}</Text> : null}
    </ConfirmSheet>
  )
}

export default function QueuePage() {
  const queue = useAsync<Queue>(async () => {
    const [agenda, station] = await Promise.all([call('services.agenda', {}), loadStation()])
    return { agenda, station }
  })
  const moving = useAction()
  /** The card whose move is being sent. */
  const [doing, setDoing] = useState<string>()
  const busy = moving.busy ? doing : undefined
  const [scheduling, setScheduling] = useState<HomeVisitView>()
  const [asking, setAsking] = useState<{ e: ErrandView; to: ErrandStatus }>()

  useDidShow(() => {
    if (queue.data) void queue.reload()
  })

  const transition = async (kind: 'errand' | 'home_visit', id: string, to: AnyStatus, note?: string) => {
    setDoing(id)
    const done = await moving.run((requestId) => call('services.transition', { kind, id, to, ...(note ? { note } : {}) }, { requestId }), {
      intent: `${kind}:${id}:${to}`,
      onError: (e) => void alertDialog({ title: '没有改成', content: e.message, confirmText: '好的' }),
    })
    if (!done) return
    toast('好了', { kind: 'success' })
    await queue.reload()
  }

  const moveErrand = async (e: ErrandView, to: ErrandStatus) => {
    if (needsReason(e.status as ErrandStatus, to)) return setAsking({ e, to })
    if (to === 'cancelled') {
      if (!(await confirmDialog({ title: '取消这件代办？', content: `${e.name}　${e.serviceName}`, confirmText: '取消代办', cancelText: '不了' }))) return
    }
    await transition('errand', e.id, to)
  }

  const cancelRequest = async (r: HomeVisitView) => {
    if (await confirmDialog({ title: '取消这次上门？', content: `${r.name}　${r.serviceName}`, confirmText: '取消上门', cancelText: '不了' })) await transition('home_visit', r.id, 'cancelled')
  }

  const errands = queue.data?.agenda.errands ?? []
  const requests = queue.data?.agenda.requests ?? []
  const villageName = (id: string) => queue.data?.station.villages.find((v) => v.id === id)?.name ?? ''

  return (
    <PageShell
      id='page-queue'
      state={queue}
      empty={queue.data && errands.length + requests.length === 0 ? { icon: '✓', text: '现在没有要处理的代办和上门申请。' } : false}
    >
      <Text className='fq-off__section'>{`上门申请（${requests.length}）`}</Text>
      <View id='request-list'>
        {requests.length === 0 ? <Text className='fq-muted'>没有等着安排的上门申请。</Text> : null}
        {requests.map((r) => (
          <RequestCard key={r.id} r={r} villageName={villageName(r.villageId)} busy={busy === r.id} onSchedule={() => setScheduling(r)} onCancel={() => void cancelRequest(r)} />
        ))}
      </View>
      <Text className='fq-off__section'>{`代办（${errands.length}）`}</Text>
      <View id='errand-list'>
        {errands.length === 0 ? <Text className='fq-muted'>没有在办的代办。</Text> : null}
        {errands.map((e) => (
          <ErrandCard key={e.id} e={e} busy={busy === e.id} onMove={(to) => void moveErrand(e, to)} />
        ))}
      </View>
      {scheduling ? (
        <ScheduleSheet
          r={scheduling}
          onClose={() => setScheduling(undefined)}
          onDone={() => {
            setScheduling(undefined)
            toast('安排好了', { kind: 'success' })
            void queue.reload()
          }}
        />
      ) : null}
      {asking ? (
        <ReasonSheet
          title={`${asking.e.name}：${ERRAND_ACTIONS[asking.to]}`}
          onClose={() => setAsking(undefined)}
          onSend={(reason) => {
            const { e, to } = asking
            setAsking(undefined)
            void transition('errand', e.id, to, reason)
          }}
        />
      ) : null}
    </PageShell>
  )
}
