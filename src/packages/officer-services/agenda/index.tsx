// 今日预约 (officer): check in by scanning or typing the code right at the top, then today's and tomorrow's
// bookings and home visits with the next step for each; links to the request queue, the schedule and the catalog.
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { AgendaView, BookingView, HomeVisitView, ServiceRecord } from '@contract/services'
import { LIFECYCLES, type AnyStatus } from '@domain/service-lifecycles'
import { stationDay } from '@domain/station-time'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { useAction } from '@/hooks/useAction'
import { dayLabel } from '@/services/dayLabels'
import { checkInCode, scanForCode, type CheckInResult } from '../shared/scan'
import { toast } from '@/services/toast'
import '../shared/officer.scss'
import { alertDialog, confirmDialog } from '@/services/dialog'

/** The officer's buttons, by the status they move a record to. */
const ACTION_TEXT: Partial<Record<AnyStatus, string>> = {
  checked_in: '签到',
  completed: '办结',
  no_show: '没来',
}

/**
 * What an officer may do with a booking right now, and when the rest becomes possible: 签到 only on its day,
 * 没来 only once its time has come (the server refuses them otherwise).
 */
export function bookingActions(a: Pick<BookingView, 'next' | 'day' | 'time' | 'start'>, now: Date): { now: AnyStatus[]; later: string | null } {
  const today = stationDay(now)
  const started = new Date(a.start).getTime() <= now.getTime()
  const allowed = a.next.filter((s) => {
    if (!ACTION_TEXT[s]) return false
    if (s === 'checked_in') return a.day === today
    if (s === 'no_show') return started
    return true
  })
  const waiting: string[] = []
  if (a.next.includes('checked_in') && a.day !== today) waiting.push(`${dayLabel(a.day)} 当天才能签到`)
  if (a.next.includes('no_show') && !started) waiting.push(`${a.time}以后才能记“没来”`)
  return { now: allowed, later: waiting.length > 0 ? `${waiting.join('，')}。` : null }
}

function BookingRow({ a, onMove, busy, now }: { a: BookingView; onMove: (to: AnyStatus) => void; busy: boolean; now: Date }) {
  const { now: actions, later } = bookingActions(a, now)
  return (
    <View className={`fq-card fq-ag fq-ag--${a.statusType}`} id={`appt-${a.id}`}>
      <View className='fq-ag__head'>
        <Text className='fq-ag__time'>
          {a.time}
          {a.mark ? <Text className='fq-ag__mark'>{a.mark}</Text> : null}
        </Text>
        <Text className={`fq-ag__status fq-ag__status--${a.statusType}`} id={`appt-${a.id}-status`}>
          {a.statusLabel}
        </Text>
      </View>
      <Text className='fq-ag__who'>
        {a.name}　{a.phone}
      </Text>
      <Text className='fq-muted'>
        {a.serviceName}　签到码 {a.code}
      </Text>
      {actions.length > 0 ? (
        <View className='fq-ag__actions'>
          {actions.map((to) => (
            <View
              key={to}
              id={`appt-${a.id}-${to}`}
              className={`fq-ag__action${to === 'no_show' ? ' fq-ag__action--plain' : ''}${busy ? ' fq-ag__action--off' : ''}`}
              onClick={busy ? undefined : () => onMove(to)}
            >
              <Text>{ACTION_TEXT[to]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {later ? (
        <Text className='fq-muted' id={`appt-${a.id}-later`}>
          {later}
        </Text>
      ) : null}
    </View>
  )
}

function VisitRow({ v, onMove, busy }: { v: HomeVisitView; onMove: (to: AnyStatus) => void; busy: boolean }) {
  const actions = v.next.filter((s) => s === 'completed' || s === 'no_show')
  return (
    <View className={`fq-card fq-ag fq-ag--${v.statusType}`} id={`visit-${v.id}`}>
      <View className='fq-ag__head'>
        <Text className='fq-ag__time'>
          {v.plan?.window ?? ''}
          <Text className='fq-ag__mark fq-ag__mark--visit'>上门</Text>
        </Text>
        <Text className={`fq-ag__status fq-ag__status--${v.statusType}`}>{v.statusLabel}</Text>
      </View>
      <Text className='fq-ag__who'>
        {v.name}　{v.phone}
      </Text>
      <Text className='fq-muted'>
        {v.serviceName}　{v.address}
      </Text>
      {v.plan ? <Text className='fq-muted'>上门民警：{v.plan.officerName}</Text> : null}
      {actions.length > 0 ? (
        <View className='fq-ag__actions'>
          {actions.map((to) => (
            <View
              key={to}
              id={`visit-${v.id}-${to}`}
              className={`fq-ag__action${to === 'no_show' ? ' fq-ag__action--plain' : ''}${busy ? ' fq-ag__action--off' : ''}`}
              onClick={busy ? undefined : () => onMove(to)}
            >
              <Text>{to === 'completed' ? '办结' : LIFECYCLES.home_visit.statuses.no_show.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

export default function AgendaPage() {
  const agenda = useAsync<AgendaView>(() => call('services.agenda', {}))
  const [dayIndex, setDayIndex] = useState(0)
  const [code, setCode] = useState('')
  const [checking, setChecking] = useState(false)
  const [result, setResult] = useState<CheckInResult>()
  const mover = useAction()
  /** The row whose move is being sent. */
  const [doing, setDoing] = useState<string>()
  const moving = mover.busy ? doing : undefined

  useDidShow(() => {
    if (agenda.data) void agenda.reload()
  })

  const checkIn = async (raw: string) => {
    setChecking(true)
    setResult(undefined)
    const r = await checkInCode(raw)
    setResult(r)
    setChecking(false)
    if (r.ok) {
      setCode('')
      toast('签到好了', { kind: 'success' })
      void agenda.reload()
    }
  }

  const scan = async () => {
    const read = await scanForCode()
    if (read === null) return
    if (typeof read !== 'string') {
      setResult({ ok: false, message: read.error })
      return
    }
    await checkIn(read)
  }

  const move = async (record: ServiceRecord, to: AnyStatus) => {
    if (to === 'no_show') {
      if (!(await confirmDialog({ title: '记为没来？', content: `${record.name}　${record.serviceName}`, confirmText: '记为没来', cancelText: '不了' }))) return
    }
    setDoing(record.id)
    const done = await mover.run((requestId) => call('services.transition', { kind: record.kind, id: record.id, to }, { requestId }), {
      intent: `${record.kind}:${record.id}:${to}`,
      onError: (e) => void alertDialog({ title: '没有改成', content: e.message, confirmText: '好的' }),
    })
    if (!done) return
    toast('好了', { kind: 'success' })
    await agenda.reload()
  }

  const days = agenda.data?.days ?? []
  const shown = days[dayIndex]
  const now = new Date()

  return (
    <PageShell id='page-agenda' state={agenda}>
      <View className='fq-card' id='checkin-box'>
        <BigButton id='scan-checkin' busy={checking} onClick={() => void scan()}>
          扫码签到
        </BigButton>
        <Field label='或输入签到码' id='field-checkin-code'>
          <Input id='input-checkin-code' value={code} placeholder='6位字母或数字' maxlength={12} onInput={(e) => setCode(e.detail.value)} onConfirm={() => void checkIn(code)} />
        </Field>
        <BigButton id='submit-checkin' kind='plain' busy={checking} onClick={() => void checkIn(code)}>
          签到
        </BigButton>
        {result ? (
          result.ok ? (
            <Text className='fq-off__ok' id='checkin-result'>
              {`✓ ${result.booking.name} 已签到：${result.booking.serviceName} ${result.booking.time}`}
            </Text>
          ) : (
            <Text className='fq-off__error' id='checkin-error'>
              {result.message}
            </Text>
          )
        ) : null}
      </View>

      <View className='fq-off__tabs'>
        {days.map((d, i) => (
          <View key={d.day} id={`agenda-day-${i}`} className={`fq-off__tab${i === dayIndex ? ' fq-off__tab--on' : ''}`} onClick={() => setDayIndex(i)}>
            <Text>{dayLabel(d.day)}</Text>
            <Text className='fq-off__count'>{`${d.bookings.length + d.homeVisits.length}件`}</Text>
          </View>
        ))}
      </View>

      {shown ? (
        <View id='agenda-list'>
          {shown.bookings.length + shown.homeVisits.length === 0 ? <Text className='fq-muted'>这天没有预约和上门。</Text> : null}
          {shown.bookings.map((a) => (
            <BookingRow key={a.id} a={a} now={now} busy={moving === a.id} onMove={(to) => void move(a, to)} />
          ))}
          {shown.homeVisits.map((v) => (
            <VisitRow key={v.id} v={v} busy={moving === v.id} onMove={(to) => void move(v, to)} />
          ))}
        </View>
      ) : null}

      <BigButton id='go-queue' kind='plain' onClick={() => void Taro.navigateTo({ url: '/packages/officer-services/queue/index' })}>
        {`代办和上门申请（${(agenda.data?.errands.length ?? 0) + (agenda.data?.requests.length ?? 0)}件待办）`}
      </BigButton>
      <BigButton id='go-schedule' kind='plain' onClick={() => void Taro.navigateTo({ url: '/packages/officer-services/schedule/index' })}>
        办公时间和预约设置
      </BigButton>
      <BigButton id='go-catalog' kind='plain' onClick={() => void Taro.navigateTo({ url: '/packages/officer-services/catalog/index' })}>
        业务清单：材料、办理方式
      </BigButton>
    </PageShell>
  )
}
