// The app's one picker: a field showing the choice that opens a bottom sheet of big rows (a list), a month of big day
// cells (a date) or hour and minute cells (a time). It replaces WeChat's native picker, whose wheel keeps WeChat's
// small type whatever the app does: the sheet is part of the page, so 长辈模式 makes it as large as everything else.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { stationDay } from '@domain/station-time'
import BigButton from '@/components/BigButton'
import Sheet from '@/components/Sheet'
import './index.scss'

export interface PickerOption {
  value: string
  label: string
}

interface Common {
  /** The field's element id; the sheet's parts are `<id>-sheet`, `<id>-option-<i>`, `<id>-day-<YYYY-MM-DD>`, … */
  id: string
  /** The sheet's title: the question the choice answers (选村, 哪天, 几点). */
  title: string
  /** What the field says while nothing is chosen. */
  placeholder?: string
  /** What the field says for the chosen value (e.g. 11月28日 for a date); defaults to the option label or the value. */
  display?: string
  disabled?: boolean
  /** The field's own look (a filter chip, a small box in a row) instead of the full-width row. */
  className?: string
  onChange: (value: string) => void
}

export type PickerSheetProps = Common &
  (
    | { mode: 'select'; options: readonly PickerOption[]; value: string }
    | { mode: 'date'; value: string; start?: string; end?: string }
    | { mode: 'time'; value: string; minuteStep?: number }
  )

const WEEK = ['一', '二', '三', '四', '五', '六', '日']
const pad = (n: number): string => String(n).padStart(2, '0')

/** `YYYY-MM-DD` → `11月28日`. */
export function monthDayLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${Number(m[2])}月${Number(m[3])}日` : date
}

/** The days of a month laid out Monday-first, `''` for the blanks before the 1st. */
export function monthGrid(year: number, month: number): string[] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay() // 0 = Sunday; calendar arithmetic, no clock
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const blanks = (first + 6) % 7
  return [...Array<string>(blanks).fill(''), ...Array.from({ length: days }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)]
}

function shiftMonth(ym: { y: number; m: number }, by: number): { y: number; m: number } {
  const total = ym.y * 12 + (ym.m - 1) + by
  return { y: Math.floor(total / 12), m: (total % 12) + 1 }
}

const monthKey = ({ y, m }: { y: number; m: number }): string => `${y}-${pad(m)}`

function DateSheet({ id, value, start, end, onPick }: { id: string; value: string; start?: string; end?: string; onPick: (v: string) => void }) {
  const today = stationDay(new Date())
  const anchor = value || (end && end < today ? end : start && start > today ? start : today)
  const [ym, setYm] = useState(() => ({ y: Number(anchor.slice(0, 4)), m: Number(anchor.slice(5, 7)) }))
  const allowed = (d: string) => (!start || d >= start) && (!end || d <= end)
  const can = (by: number) => (by < 0 ? !start || monthKey(shiftMonth(ym, by)) >= start.slice(0, 7) : !end || monthKey(shiftMonth(ym, by)) <= end.slice(0, 7))
  const canPrev = can(-1)
  const canNext = can(1)
  return (
    <View id={`${id}-calendar`}>
      {/* Whole years at a time, for a date long ago (the day something was bought) or far ahead. */}
      {can(-12) || can(12) ? (
        <View className='fq-pick-cal__years'>
          <Text id={`${id}-prev-year`} className={`fq-pick-cal__nav${can(-12) ? '' : ' fq-pick-cal__nav--off'}`} onClick={can(-12) ? () => setYm(shiftMonth(ym, -12)) : undefined}>
            « 上一年
          </Text>
          <Text id={`${id}-next-year`} className={`fq-pick-cal__nav${can(12) ? '' : ' fq-pick-cal__nav--off'}`} onClick={can(12) ? () => setYm(shiftMonth(ym, 12)) : undefined}>
            下一年 »
          </Text>
        </View>
      ) : null}
      <View className='fq-pick-cal__head'>
        <Text id={`${id}-prev`} className={`fq-pick-cal__nav${canPrev ? '' : ' fq-pick-cal__nav--off'}`} onClick={canPrev ? () => setYm(shiftMonth(ym, -1)) : undefined}>
          ‹ 上个月
        </Text>
        <Text id={`${id}-month`} className='fq-pick-cal__month'>{`${ym.y}年${ym.m}月`}</Text>
        <Text id={`${id}-next`} className={`fq-pick-cal__nav${canNext ? '' : ' fq-pick-cal__nav--off'}`} onClick={canNext ? () => setYm(shiftMonth(ym, 1)) : undefined}>
          下个月 ›
        </Text>
      </View>
      <View className='fq-pick-grid fq-pick-grid--7'>
        {WEEK.map((w) => (
          <Text key={w} className='fq-pick-cell fq-pick-cell--head'>
            {w}
          </Text>
        ))}
        {monthGrid(ym.y, ym.m).map((d, i) =>
          d ? (
            <Text
              key={d}
              id={`${id}-day-${d}`}
              className={`fq-pick-cell${d === value ? ' fq-pick-cell--on' : ''}${d === today ? ' fq-pick-cell--today' : ''}${allowed(d) ? '' : ' fq-pick-cell--off'}`}
              onClick={allowed(d) ? () => onPick(d) : undefined}
            >
              {Number(d.slice(8))}
            </Text>
          ) : (
            <Text key={`blank-${i}`} className='fq-pick-cell fq-pick-cell--blank' />
          ),
        )}
      </View>
      {allowed(today) ? (
        <BigButton id={`${id}-today`} kind='plain' onClick={() => onPick(today)}>
          {`今天（${monthDayLabel(today)}）`}
        </BigButton>
      ) : null}
    </View>
  )
}

function TimeSheet({ id, value, minuteStep, onPick }: { id: string; value: string; minuteStep: number; onPick: (v: string) => void }) {
  const m = /^(\d{2}):(\d{2})$/.exec(value)
  const [hour, setHour] = useState(m ? m[1] : '12')
  const [minute, setMinute] = useState(m ? m[2] : '00')
  const minutes = Array.from({ length: Math.ceil(60 / minuteStep) }, (_, i) => pad(i * minuteStep))
  if (!minutes.includes(minute)) minutes.push(minute)
  minutes.sort()
  return (
    <View id={`${id}-clock`}>
      <Text className='fq-pick-sub'>几点</Text>
      <View className='fq-pick-grid fq-pick-grid--6'>
        {Array.from({ length: 24 }, (_, h) => pad(h)).map((h) => (
          <Text key={h} id={`${id}-hour-${h}`} className={`fq-pick-cell${h === hour ? ' fq-pick-cell--on' : ''}`} onClick={() => setHour(h)}>
            {h}
          </Text>
        ))}
      </View>
      <Text className='fq-pick-sub'>几分</Text>
      <View className='fq-pick-grid fq-pick-grid--6'>
        {minutes.map((mm) => (
          <Text key={mm} id={`${id}-minute-${mm}`} className={`fq-pick-cell${mm === minute ? ' fq-pick-cell--on' : ''}`} onClick={() => setMinute(mm)}>
            {mm}
          </Text>
        ))}
      </View>
      <BigButton id={`${id}-ok`} onClick={() => onPick(`${hour}:${minute}`)}>
        {`就选 ${hour}:${minute}`}
      </BigButton>
    </View>
  )
}

export default function PickerSheet(props: PickerSheetProps) {
  const { id, title, placeholder = '点这里选', disabled, className, onChange } = props
  const [open, setOpen] = useState(false)
  const pick = (v: string) => {
    setOpen(false)
    if (v !== props.value) onChange(v)
  }
  const chosen = props.mode === 'select' ? props.options.find((o) => o.value === props.value) : undefined
  const shown = props.display ?? (props.mode === 'select' ? chosen?.label : props.mode === 'date' && props.value ? monthDayLabel(props.value) : props.value)

  return (
    <>
      <View
        id={id}
        className={`${className ?? 'fq-pick'}${shown ? '' : ' fq-pick--empty'}${disabled ? ' fq-pick--off' : ''}`}
        onClick={disabled ? undefined : () => setOpen(true)}
      >
        <Text className='fq-pick__value'>{shown || placeholder}</Text>
        {disabled || className ? null : <Text className='fq-pick__mark'>▾</Text>}
      </View>
      <Sheet open={open} title={title} id={`${id}-sheet`} onClose={() => setOpen(false)}>
        {props.mode === 'select' ? (
          <View className='fq-pick-list'>
            {props.options.map((o, i) => (
              <View key={o.value} id={`${id}-option-${i}`} className={`fq-pick-row${o.value === props.value ? ' fq-pick-row--on' : ''}`} onClick={() => pick(o.value)}>
                <Text className='fq-pick-row__mark'>{o.value === props.value ? '●' : '○'}</Text>
                <Text className='fq-pick-row__label'>{o.label}</Text>
              </View>
            ))}
          </View>
        ) : props.mode === 'date' ? (
          <DateSheet id={id} value={props.value} start={props.start} end={props.end} onPick={pick} />
        ) : (
          <TimeSheet id={id} value={props.value} minuteStep={props.minuteStep ?? 5} onPick={pick} />
        )}
        <BigButton id={`${id}-cancel`} kind='plain' onClick={() => setOpen(false)}>
          不选了
        </BigButton>
      </Sheet>
    </>
  )
}
