// 预约办理: pick a day, then a slot (seats left, 错时/延时 marked), then confirm; the check-in code and its QR at the end.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { BookingView, Catalog, ScheduleView, SlotView, SlotsView } from '@contract/services'
import type { Profile } from '@contract/account'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { toCallError, type CallError } from '@/services/errors'
import StationCard from '@/components/StationCard'
import { useStation } from '@/hooks/useStation'
import BookingConfirm from '../shared/BookingConfirm'
import CheckInCode from '../shared/CheckInCode'
import DayPicker from '../shared/DayPicker'
import SlotPicker from '../shared/SlotPicker'
import { dayLabel } from '@/services/dayLabels'
import SentCard from '../shared/SentCard'
import '../shared/booking.scss'

type Step = 'day' | 'slot' | 'confirm' | 'done'
const STEP_TITLES: [Exclude<Step, 'done'>, string][] = [
  ['day', '1 选日子'],
  ['slot', '2 选时间'],
  ['confirm', '3 确认'],
]

interface Setup {
  catalog: Catalog
  schedule: ScheduleView
  me: Profile
}

export default function BookPage() {
  const { params } = useRouter()
  const serviceId = params.serviceId ?? ''
  const station = useStation()
  const setup = useAsync<Setup>(async () => {
    const [catalog, schedule, me] = await Promise.all([call('services.catalog', {}), call('services.schedule', {}), call('account.me', {})])
    return { catalog, schedule, me }
  }, [serviceId])
  const [step, setStep] = useState<Step>('day')
  const [day, setDay] = useState<string>()
  const [slots, setSlots] = useState<SlotsView>()
  const [slotsError, setSlotsError] = useState<CallError>()
  const [loadingSlots, setLoadingSlots] = useState(false)
  const [slot, setSlot] = useState<SlotView>()
  const [notice, setNotice] = useState<string>()
  const [booked, setBooked] = useState<BookingView>()

  const service = setup.data?.catalog.services.find((s) => s.id === serviceId)
  const bookable = service?.kinds.includes('booking')

  const loadSlots = async (d: string) => {
    setLoadingSlots(true)
    setSlotsError(undefined)
    try {
      setSlots(await call('services.slots', { serviceId, day: d }))
    } catch (e) {
      setSlotsError(toCallError(e))
    } finally {
      setLoadingSlots(false)
    }
  }

  const pickDay = (d: string) => {
    setDay(d)
    setSlot(undefined)
    setSlots(undefined)
    setNotice(undefined)
    setStep('slot')
    void loadSlots(d)
  }

  const refresh = async () => {
    await setup.reload()
    if (step === 'slot' && day) await loadSlots(day)
  }

  const openSlots = slots?.slots.filter((s) => s.state === 'open').length ?? 0

  return (
    <PageShell
      id='page-book'
      state={setup}
      onRefresh={refresh}
      empty={setup.data && !bookable ? { icon: '!', text: '这项业务不能网上预约。请回到“办事”换一项，或打电话问派出所。', actionText: '回办事', onAction: () => void Taro.switchTab({ url: '/pages/services/index' }) } : false}
    >
      {service && setup.data ? (
        <>
          <View className='fq-card'>
            <Text className='fq-title' id='book-service'>
              预约：{service.name}
            </Text>
            <Text className='fq-muted'>大约要{service.durationMinutes}分钟。</Text>
          </View>
          {step !== 'done' ? (
            <View className='fq-book__steps'>
              {STEP_TITLES.map(([s, title]) => (
                <Text key={s} className={`fq-book__step${s === step ? ' fq-book__step--on' : ''}`}>
                  {title}
                </Text>
              ))}
            </View>
          ) : null}
          {notice ? (
            <Text className='fq-book__error' id='book-notice'>
              {notice}
            </Text>
          ) : null}

          {step === 'day' ? (
            <View id='step-day'>
              <Text className='fq-muted'>{`可以约${setup.data.schedule.schedule.horizonDays}天以内的。灰色的日子休息。`}</Text>
              <DayPicker days={setup.data.schedule.days} selected={day} onPick={pickDay} />
            </View>
          ) : null}

          {step === 'slot' && day ? (
            <View id='step-slot'>
              <Text className='fq-title' id='slot-day'>
                {dayLabel(day)}
              </Text>
              {loadingSlots && !slots ? <Text className='fq-muted'>正在查有空的时间…</Text> : null}
              {slotsError ? (
                <>
                  <Text className='fq-book__error'>{slotsError.message}</Text>
                  <BigButton id='slots-retry' onClick={() => void loadSlots(day)}>
                    重试
                  </BigButton>
                </>
              ) : null}
              {slots ? (
                <>
                  {slots.block === 'closed' || !slots.open ? (
                    <Text className='fq-book__note'>这天派出所休息{slots.note ? `（${slots.note}）` : ''}，请换一天。</Text>
                  ) : openSlots === 0 ? (
                    <Text className='fq-book__note' id='slots-none'>
                      这天已经约满或过了时间，请换一天。
                    </Text>
                  ) : (
                    <Text className='fq-muted'>点一个时间。标“错时”的是午休时间也能办，标“延时”的是下班以后也能办，方便白天干活的人。</Text>
                  )}
                  <SlotPicker
                    slots={slots.slots}
                    selected={slot?.key}
                    onPick={(s) => {
                      setSlot(s)
                      setNotice(undefined)
                      setStep('confirm')
                    }}
                  />
                </>
              ) : null}
              <BigButton id='back-to-days' kind='plain' onClick={() => setStep('day')}>
                换一天
              </BigButton>
            </View>
          ) : null}

          {step === 'confirm' && slot ? (
            <BookingConfirm
              service={service}
              slot={slot}
              person={{ name: setup.data.me.name, phone: setup.data.me.phone }}
              onBack={() => setStep('slot')}
              onSlotGone={(message) => {
                setNotice(message)
                setSlot(undefined)
                setStep('slot')
                if (day) void loadSlots(day)
              }}
              onBooked={(b) => {
                setBooked(b)
                setStep('done')
              }}
            />
          ) : null}

          {step === 'done' && booked ? (
            <SentCard id='book-done' title='预约好了' templates={setup.data.catalog.templates} ask={{ id: 'ask-reminder', label: '前一天提醒我', purposes: ['reminder'] }}>
              <Text id='done-when'>
                {dayLabel(booked.day)} {booked.time}-{booked.endTime}
                {booked.mark ? `（${booked.mark}）` : ''}
              </Text>
              <CheckInCode bookingId={booked.id} code={booked.code} />
              <Text className='fq-muted'>在“我的办事”里随时能看到签到码。来不了请提前取消。</Text>
            </SentCard>
          ) : null}
          {station.data ? <StationCard station={station.data} /> : null}
        </>
      ) : null}
    </PageShell>
  )
}
