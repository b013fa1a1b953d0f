// 我的办事: every booking, errand and home visit of the person, open ones first, with status, check-in code,
// cancel and reschedule while allowed, the timeline, and once done its 回访 (待评价).
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BookingView, Catalog, MineView, ScheduleView, ServiceRecord, SlotsView } from '@contract/services'
import type { PendingView, SurveyView } from '@contract/followups'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { toCallError } from '@/services/errors'
import { useAction } from '@/hooks/useAction'
import DayPicker from '../shared/DayPicker'
import SlotPicker from '../shared/SlotPicker'
import { dayLabel } from '@/services/dayLabels'
import { askServiceReminders, canAskReminders } from '../shared/subscribe'
import RecordCard from './RecordCard'
import { toast } from '@/services/toast'
import '../shared/booking.scss'
import './index.scss'
import { confirmDialog } from '@/services/dialog'

interface Mine {
  mine: MineView
  catalog: Catalog
  /** 待评价: surveys of done records; empty when they could not be loaded (the records still show). */
  surveys: PendingView
}

const NO_SURVEYS: PendingView = { waiting: [], editable: [], count: 0 }

function RescheduleSheet({ booking, onClose, onMoved }: { booking: BookingView; onClose: () => void; onMoved: (b: BookingView) => void }) {
  const schedule = useAsync<ScheduleView>(() => call('services.schedule', {}), [])
  const [day, setDay] = useState<string>()
  const [slots, setSlots] = useState<SlotsView>()
  const [slotsError, setSlotsError] = useState<string>()
  const moving = useAction()
  const busy = moving.busy
  const error = moving.error ?? slotsError

  const pickDay = async (d: string) => {
    setDay(d)
    setSlots(undefined)
    setSlotsError(undefined)
    try {
      setSlots(await call('services.slots', { serviceId: booking.serviceId, day: d }))
    } catch (e) {
      setSlotsError(toCallError(e).message)
    }
  }

  const move = async (slot: string, label: string) => {
    if (!(await confirmDialog({ title: '改到这个时间？', content: label, confirmText: '改约', cancelText: '再看看' }))) return
    setSlotsError(undefined)
    const moved = await moving.run((requestId) => call('services.reschedule', { id: booking.id, slot }, { requestId }), {
      intent: slot,
      onError: (err) => {
        if (err.code === 'slot_full' && day) void pickDay(day)
      },
    })
    if (moved) onMoved(moved)
  }

  return (
    <Sheet open title={`改约：${booking.serviceName}`} onClose={onClose} id='reschedule-sheet'>
      <Text className='fq-muted'>
        现在约的是 {dayLabel(booking.day)} {booking.time}
      </Text>
      {error ? <Text className='fq-book__error'>{error}</Text> : null}
      {busy ? <Text className='fq-muted'>正在改约…</Text> : null}
      {!day && schedule.data ? <DayPicker days={schedule.data.days} onPick={(d) => void pickDay(d)} idPrefix='re-day' /> : null}
      {!day && schedule.error ? <Text className='fq-book__error'>{schedule.error.message}</Text> : null}
      {day ? (
        <>
          <Text className='fq-title'>{dayLabel(day)}</Text>
          {slots ? (
            <SlotPicker
              idPrefix='re-slot'
              slots={slots.slots.filter((s) => s.key !== `${booking.day}T${booking.time}`)}
              onPick={(s) => void move(s.key, `${dayLabel(day)} ${s.time}${s.mark ? `（${s.mark}）` : ''}`)}
            />
          ) : (
            <Text className='fq-muted'>正在查有空的时间…</Text>
          )}
          <BigButton kind='plain' onClick={() => setDay(undefined)}>
            换一天
          </BigButton>
        </>
      ) : null}
      <BigButton kind='plain' id='reschedule-close' onClick={onClose}>
        不改了
      </BigButton>
    </Sheet>
  )
}

export default function MinePage() {
  const state = useAsync<Mine>(async () => {
    const [mine, catalog, surveys] = await Promise.all([
      call('services.mine', {}),
      call('services.catalog', {}),
      call('followups.pending', { kind: 'services' }).catch(() => NO_SURVEYS),
    ])
    return { mine, catalog, surveys }
  })
  const [moving, setMoving] = useState<BookingView>()
  const [tab, setTab] = useState<'open' | 'finished'>('open')
  const items = state.data?.mine.items ?? []
  // 进行中: still to happen or being handled; 已完成: done, cancelled, refused or missed.
  const open = items.filter((r) => r.statusType === 'open')
  const finished = items.filter((r) => r.statusType !== 'open')
  const shown = tab === 'open' ? open : finished
  const surveys = state.data?.surveys ?? NO_SURVEYS
  const surveyOf = new Map<string, SurveyView>([...surveys.editable, ...surveys.waiting].map((s) => [`${s.case.kind}-${s.case.recordId}`, s]))

  useDidShow(() => {
    if (state.data) void state.reload()
  })

  const replace = (next: ServiceRecord) => {
    if (!state.data) return
    state.setData({ ...state.data, mine: { items: state.data.mine.items.map((x) => (x.id === next.id && x.kind === next.kind ? next : x)) } })
    // Done now: its survey has just opened.
    if (next.statusType === 'done') void state.reload()
  }

  const templates = state.data?.catalog.templates

  return (
    <PageShell
      id='page-mine'
      state={state}
      empty={
        state.data && items.length === 0
          ? { icon: '○', text: '您还没有办过事。在“办事”里可以预约、代办、请民警上门。', actionText: '去办事', onAction: () => void Taro.switchTab({ url: '/pages/services/index' }) }
          : false
      }
    >
      {canAskReminders(templates, 'reminder') ? (
        <BigButton id='ask-reminders' kind='plain' onClick={() => void askServiceReminders(templates ?? {}, ['reminder', 'progress'])}>
          开启办事提醒
        </BigButton>
      ) : null}
      {surveys.count > 0 ? (
        <View className='fq-card' id='mine-pending-surveys'>
          <Text className='fq-title'>{`有${surveys.count}件办完的事等您评价`}</Text>
          <Text className='fq-muted'>说说满意不满意，派出所会看每一条。</Text>
          <BigButton id='mine-go-rate' onClick={() => setTab('finished')}>
            去评价
          </BigButton>
        </View>
      ) : null}
      <View className='fq-mine__tabs' id='mine-tabs'>
        <View id='mine-tab-open' className={`fq-mine__tab${tab === 'open' ? ' fq-mine__tab--on' : ''}`} onClick={() => setTab('open')}>
          <Text>{`进行中（${open.length}）`}</Text>
        </View>
        <View id='mine-tab-finished' className={`fq-mine__tab${tab === 'finished' ? ' fq-mine__tab--on' : ''}`} onClick={() => setTab('finished')}>
          <Text>{`已完成（${finished.length}）`}</Text>
        </View>
      </View>
      <View id='mine-list'>
        {shown.length === 0 ? (
          <Text className='fq-muted' id='mine-none'>
            {tab === 'open' ? '现在没有正在办的事。办完的在“已完成”里。' : '还没有办完的事。'}
          </Text>
        ) : null}
        {shown.map((r) => (
          <RecordCard key={`${r.kind}-${r.id}`} record={r} onChanged={replace} onReschedule={setMoving} survey={surveyOf.get(`${r.kind}-${r.id}`)} />
        ))}
      </View>
      {moving ? (
        <RescheduleSheet
          booking={moving}
          onClose={() => setMoving(undefined)}
          onMoved={(b) => {
            replace(b)
            setMoving(undefined)
            toast('改好了', { kind: 'success' })
          }}
        />
      ) : null}
    </PageShell>
  )
}
