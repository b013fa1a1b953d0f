// 办公时间和预约设置 (officer): weekly hours with 错时/延时/周末 windows, holidays and one-day exceptions, slot length,
// seats per slot, how far ahead and how close to the time people may book. Saved with services.saveSchedule.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import type { ScheduleView } from '@contract/services'
import { AFTER_HOURS, scheduleProblem, type AfterHoursKind, type DayException, type ScheduleConfig, type TimeWindow } from '@domain/schedule'
import { WEEKDAY_LABELS, addDays, stationDay } from '@domain/station-time'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'
import { useLeaveGuard } from '@/hooks/useLeaveGuard'
import type { FieldErrors } from '@/services/formErrors'
import { useAction } from '@/hooks/useAction'
import { toast } from '@/services/toast'
import '../shared/officer.scss'

/** Monday first, as people here read a week. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]
const KIND_CHOICES: (AfterHoursKind | '')[] = ['', 'noon', 'evening', 'weekend']
const kindText = (k: AfterHoursKind | '') => (k ? `${AFTER_HOURS[k].mark}（${AFTER_HOURS[k].label}）` : '正常办公')

function WindowsEditor({ windows, onChange, idPrefix }: { windows: TimeWindow[]; onChange: (w: TimeWindow[]) => void; idPrefix: string }) {
  const patch = (i: number, w: Partial<TimeWindow>) => onChange(windows.map((x, j) => (j === i ? { ...x, ...w } : x)))
  return (
    <View>
      {windows.length === 0 ? <Text className='fq-muted'>休息</Text> : null}
      {windows.map((w, i) => (
        <View key={i} className='fq-off__row' id={`${idPrefix}-w${i}`}>
          <PickerSheet id={`${idPrefix}-w${i}-start`} className='fq-off__picker' mode='time' title='几点开始' value={w.start} onChange={(v) => patch(i, { start: v })} />
          <Text>到</Text>
          <PickerSheet id={`${idPrefix}-w${i}-end`} className='fq-off__picker' mode='time' title='几点结束' value={w.end} onChange={(v) => patch(i, { end: v })} />
          <PickerSheet
            id={`${idPrefix}-w${i}-kind`}
            className='fq-off__picker'
            mode='select'
            title='这一段是'
            options={KIND_CHOICES.map((k) => ({ value: k, label: kindText(k) }))}
            value={w.afterHours ?? ''}
            display={w.afterHours ? AFTER_HOURS[w.afterHours].mark : '正常'}
            onChange={(v) => {
              const k = KIND_CHOICES.find((c) => c === v)
              const { afterHours: _old, ...rest } = w
              onChange(windows.map((x, j) => (j === i ? (k ? { ...rest, afterHours: k } : rest) : x)))
            }}
          />
          <View className='fq-off__small fq-off__small--danger' onClick={() => onChange(windows.filter((_, j) => j !== i))}>
            <Text>删</Text>
          </View>
        </View>
      ))}
      <View
        className='fq-off__small'
        id={`${idPrefix}-add`}
        onClick={() => {
          const last = windows[windows.length - 1]
          onChange([...windows, last ? { start: last.end, end: last.end < '22:00' ? '22:00' : '23:30' } : { start: '08:30', end: '12:00' }])
        }}
      >
        <Text>+ 加一段时间</Text>
      </View>
    </View>
  )
}

type NumberKey = 'slotMinutes' | 'capacity' | 'horizonDays' | 'cutoffMinutes' | 'maxPerDay'
const NUMBERS: { key: NumberKey; label: string; hint: string }[] = [
  { key: 'slotMinutes', label: '每个时段多少分钟', hint: '例如30，就是8:30、9:00、9:30…' },
  { key: 'capacity', label: '每个时段几个名额', hint: '业务自己设了名额的，以业务为准' },
  { key: 'horizonDays', label: '能约几天以内的', hint: '含今天，一般7天' },
  { key: 'cutoffMinutes', label: '提前多少分钟截止', hint: '到点前这么久不能再约、改、取消' },
  { key: 'maxPerDay', label: '每人每天最多约几次', hint: '' },
]

function ScheduleForm({ initial, onSaved }: { initial: ScheduleConfig; onSaved: (v: ScheduleView) => void }) {
  const [config, setConfig] = useState<ScheduleConfig>(initial)
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(() => ({
    slotMinutes: String(initial.slotMinutes),
    capacity: String(initial.capacity),
    horizonDays: String(initial.horizonDays),
    cutoffMinutes: String(initial.cutoffMinutes),
    maxPerDay: String(initial.maxPerDay),
  }))
  const saving = useAction()
  const busy = saving.busy
  const today = stationDay(new Date())
  const upcoming = config.exceptions.map((e, i) => ({ e, i })).filter(({ e }) => e.date >= today)
  const fields: FormFieldInfo[] = [
    { key: 'weekly', label: '办公时间', anchor: 'schedule-weekly' },
    ...upcoming.map(({ e, i }) => ({ key: `exception-${i}`, label: `${e.date}的说明`, anchor: `exception-${i}` })),
    ...NUMBERS.map((n) => ({ key: n.key, label: n.label, anchor: `field-${n.key}` })),
  ]
  const form = useFormErrors(fields)
  const { errors } = form
  // Unsaved edits are not lost silently: leaving asks first (WeChat's own dialog on weapp, the back control on h5).
  const dirty = JSON.stringify(config) !== JSON.stringify(initial) || NUMBERS.some((n) => numbers[n.key] !== String(initial[n.key]))
  useLeaveGuard(dirty, '办公时间和预约设置改了还没保存，离开就没了。')

  const setWeekday = (d: number, windows: TimeWindow[]) => {
    setConfig((c) => ({ ...c, weekly: c.weekly.map((w, i) => (i === d ? windows : w)) }))
    form.clear('weekly')
  }
  const setException = (i: number, e: Partial<DayException>) => setConfig((c) => ({ ...c, exceptions: c.exceptions.map((x, j) => (j === i ? { ...x, ...e } : x)) }))

  const save = async () => {
    // Every problem at once, each at its place, and the summary by the button.
    const found: FieldErrors = {}
    const parsed = { ...config } as ScheduleConfig
    for (const n of NUMBERS) {
      const value = Number(numbers[n.key])
      if (numbers[n.key].trim() === '') found[n.key] = `还没填“${n.label}”`
      else if (!Number.isInteger(value)) found[n.key] = `“${n.label}”要填整数`
      else parsed[n.key] = value
    }
    for (const { e, i } of upcoming) if (!e.note.trim()) found[`exception-${i}`] = `${e.date} 请写一下说明，例如“国庆节放假”`
    // Days already past are history; keeping them only makes the list long.
    parsed.exceptions = parsed.exceptions.filter((e) => e.date >= today).map((e) => (e.closed ? { date: e.date, closed: true, note: e.note } : e))
    if (Object.keys(found).length === 0) {
      const problem = scheduleProblem(parsed)
      if (problem) found.weekly = problem
    }
    if (form.show(found)) return
    const saved = await saving.run((requestId) => call('services.saveSchedule', parsed, { requestId }), {
      intent: JSON.stringify(parsed),
      onError: (err) => form.show({ [FORM_KEY]: err.message }),
    })
    if (!saved) return
    toast('保存好了', { kind: 'success' })
    onSaved(saved)
  }

  return (
    <View id='schedule-form'>
      <View className='fq-card' id='schedule-weekly'>
        <Text className='fq-title'>每周办公时间</Text>
        <Text className='fq-muted'>中午的标“错时”，晚上的标“延时”，周末的标“周末”，群众能看到。</Text>
        {errors.weekly ? (
          <Text className='fq-off__error' id='schedule-weekly-error'>
            {errors.weekly}
          </Text>
        ) : null}
        {WEEK_ORDER.map((d) => (
          <View key={d} className='fq-off__day' id={`week-${d}`}>
            <Text className='fq-off__day-name'>{WEEKDAY_LABELS[d]}</Text>
            <WindowsEditor windows={config.weekly[d]} onChange={(w) => setWeekday(d, w)} idPrefix={`week-${d}`} />
          </View>
        ))}
      </View>

      <View className='fq-card' id='schedule-exceptions'>
        <Text className='fq-title'>放假和特殊日子</Text>
        {upcoming.length === 0 ? <Text className='fq-muted'>没有。</Text> : null}
        {upcoming.map(({ e, i }) => (
          <View key={i} className='fq-off__day' id={`exception-${i}`}>
            <View className='fq-off__row'>
              <PickerSheet id={`exception-${i}-date`} className='fq-off__picker' mode='date' title='哪天' value={e.date} start={today} display={e.date} onChange={(v) => setException(i, { date: v })} />
              <View className='fq-off__small' onClick={() => setException(i, e.closed ? { closed: false, windows: e.windows ?? [{ start: '09:00', end: '12:00' }] } : { closed: true })}>
                <Text>{e.closed ? '休息（点这里改成特殊时间）' : '特殊时间（点这里改成休息）'}</Text>
              </View>
            </View>
            <Field label='说明' id={`exception-${i}-note`} error={errors[`exception-${i}`]}>
              <Input
                value={e.note}
                placeholder='例如：国庆节放假'
                maxlength={30}
                onInput={(ev) => {
                  setException(i, { note: ev.detail.value })
                  form.clear(`exception-${i}`)
                }}
              />
            </Field>
            {!e.closed ? <WindowsEditor windows={e.windows ?? []} onChange={(w) => setException(i, { windows: w })} idPrefix={`exception-${i}`} /> : null}
            <View className='fq-off__small fq-off__small--danger' onClick={() => setConfig((c) => ({ ...c, exceptions: c.exceptions.filter((_, j) => j !== i) }))}>
              <Text>删掉这一天</Text>
            </View>
          </View>
        ))}
        <View
          className='fq-off__small'
          id='exception-add'
          onClick={() => {
            let date = addDays(today, 1)
            while (config.exceptions.some((x) => x.date === date)) date = addDays(date, 1)
            setConfig((c) => ({ ...c, exceptions: [...c.exceptions, { date, closed: true, note: '' }] }))
          }}
        >
          <Text>+ 加一个放假或特殊日子</Text>
        </View>
      </View>

      <View className='fq-card' id='schedule-numbers'>
        <Text className='fq-title'>预约规则</Text>
        {NUMBERS.map((n) => (
          <Field key={n.key} label={n.label} hint={n.hint || undefined} error={errors[n.key]} id={`field-${n.key}`}>
            <Input
              id={`input-${n.key}`}
              type='number'
              value={numbers[n.key]}
              maxlength={4}
              onInput={(e) => {
                setNumbers((x) => ({ ...x, [n.key]: e.detail.value }))
                form.clear(n.key)
              }}
            />
          </Field>
        ))}
      </View>

      {dirty ? (
        <Text className='fq-muted' id='schedule-dirty'>
          有改动还没保存。
        </Text>
      ) : null}
      <FormErrorSummary id='schedule-error' state={form} fields={fields} />
      <BigButton id='save-schedule' busy={busy} onClick={() => void save()}>
        保存设置
      </BigButton>
    </View>
  )
}

export default function SchedulePage() {
  const state = useAsync<ScheduleView>(() => call('services.schedule', {}))
  return (
    <PageShell id='page-schedule' state={state}>
      {/* Remount after a save, so the form shows exactly what the server kept. */}
      {state.data ? <ScheduleForm key={JSON.stringify(state.data.schedule)} initial={state.data.schedule} onSaved={(v) => state.setData(v)} /> : null}
    </PageShell>
  )
}
