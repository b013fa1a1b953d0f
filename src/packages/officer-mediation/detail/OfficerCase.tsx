// An officer's case detail: who and what, the legality gate and grade with its reasons, the team with why each was
// picked and who must stand aside, sessions and the 调解室, the agreement editor, performance and 回访, closing,
// reopening and routing, and the full timeline. Each form calls one action and shows what the server answered.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import PickerSheet from '@/components/PickerSheet'
import TextArea from '@/components/TextArea'
import type { OfficerCaseView } from '@contract/mediation'
import { EXCLUSIONS, LEVELS, ROUTE_TARGETS, legalityGate, routeChoices, routeLabel, type Exclusion, type RouteTarget } from '@domain/mediation'
import { addDays, stationInstant } from '@domain/station-time'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { newUploadFolder, pickPhotos, uploadPhoto } from '@/services/photos'
import { formatDateTime } from '@/services/time'
import { ClockLine, StatusTag, Timeline, dayText } from '@/components/MediationCase'
import '@/components/MediationCase/mediation.scss'

export interface OfficerCaseProps {
  view: OfficerCaseView
  onChange: (view: OfficerCaseView) => void
  /** Today as `YYYY-MM-DD` (station day), for date pickers. */
  today: string
}

const PREFILL_KEY = 'fq_alert_prefill'

function Chips<T extends string | number>({ id, options, value, onChange }: { id: string; options: readonly { value: T; label: string }[]; value: T; onChange: (v: T) => void }) {
  return (
    <View className='fq-med-chips' id={id}>
      {options.map((o) => (
        <View key={String(o.value)} id={`${id}-${o.value}`} className={`fq-med-chip${value === o.value ? ' fq-med-chip--on' : ''}`} onClick={() => onChange(o.value)}>
          <Text className='fq-med-chip__name'>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

function TextRow({ id, label, value, onChange, long, numeric, error }: { id: string; label: string; value: string; onChange: (v: string) => void; long?: boolean; numeric?: boolean; error?: string }) {
  return (
    <Field label={label} id={`field-${id}`} error={error}>
      {long ? (
        <TextArea id={`input-${id}`} value={value} maxLength={500} onInput={onChange} />
      ) : (
        <Input id={`input-${id}`} className='fq-med-input' type={numeric ? 'number' : 'text'} value={value} maxlength={100} onInput={(e) => onChange(e.detail.value)} />
      )}
    </Field>
  )
}

const YES_NO = [
  { value: 'no', label: '没有' },
  { value: 'yes', label: '有' },
] as const

function ReviewForm({ view, onChange }: Omit<OfficerCaseProps, 'today'>) {
  const act = useAction()
  const [violation, setViolation] = useState<'yes' | 'no'>('no')
  const [exclusions, setExclusions] = useState<Exclusion[]>([])
  const [injury, setInjury] = useState<'none' | 'minor' | 'assessment'>('none')
  const [amount, setAmount] = useState('')
  const [people, setPeople] = useState('2')
  const [prior, setPrior] = useState('0')
  const [threats, setThreats] = useState<'yes' | 'no'>('no')
  const [weapons, setWeapons] = useState<'yes' | 'no'>('no')
  const [difficulty, setDifficulty] = useState<'easy' | 'normal' | 'hard'>('normal')
  const [level, setLevel] = useState<number>(0)
  const [levelReason, setLevelReason] = useState('')
  const [routeTo, setRouteTo] = useState<RouteTarget>()
  const gate = legalityGate({ violation: violation === 'yes', exclusions })
  const choices = gate.ok ? [] : routeChoices(gate.route)
  const target = routeTo && choices.includes(routeTo) ? routeTo : choices[0]
  const toggle = (e: Exclusion) => setExclusions((xs) => (xs.includes(e) ? xs.filter((x) => x !== e) : [...xs, e]))
  const submit = async () => {
    const res = await act.run(() =>
      call('mediation.review', {
        id: view.id,
        facts: { violation: violation === 'yes', exclusions, injury, amount: Number(amount) || 0, people: Math.max(2, Number(people) || 2), priorClashes: Number(prior) || 0, threats: threats === 'yes', weapons: weapons === 'yes', difficulty },
        ...(level ? { level: level as 1 | 2 | 3 | 4 | 5, levelReason } : {}),
        ...(target ? { routeTo: target } : {}),
      }),
    )
    if (res) onChange(res)
  }
  return (
    <View className='fq-card' id='review-form'>
      <Text className='fq-med-section'>审查和定级</Text>
      <Field label='有没有打人、损坏东西等违反治安管理的行为' id='field-violation'>
        <Chips id='violation' options={YES_NO} value={violation} onChange={setViolation} />
      </Field>
      <Field label='有没有不能调解的情形（有就转交）' id='field-exclusions'>
        <View className='fq-med-chips' id='exclusions'>
          {EXCLUSIONS.map((e) => (
            <View key={e.value} id={`exclusion-${e.value}`} className={`fq-med-chip${exclusions.includes(e.value) ? ' fq-med-chip--on' : ''}`} onClick={() => toggle(e.value)}>
              <Text className='fq-med-chip__name'>{e.label}</Text>
              <Text className='fq-med-chip__hint'>{e.basis}</Text>
            </View>
          ))}
        </View>
      </Field>
      {choices.length > 1 && target ? (
        <Field label='转给哪里' id='field-routeTo' error={act.field === 'routeTo' ? act.error : undefined}>
          <Chips id='review-route' options={choices.map((r) => ({ value: r, label: routeLabel(r) }))} value={target} onChange={setRouteTo} />
        </Field>
      ) : null}
      <Field label='受伤情况' id='field-injury'>
        <Chips id='injury' options={[{ value: 'none', label: '没人受伤' }, { value: 'minor', label: '轻微伤' }, { value: 'assessment', label: '要做伤情鉴定' }]} value={injury} onChange={setInjury} />
      </Field>
      <TextRow id='amount' label='涉及多少钱（元）' value={amount} onChange={setAmount} numeric />
      <TextRow id='people' label='一共涉及几个人' value={people} onChange={setPeople} numeric />
      <TextRow id='prior' label='以前闹过几次' value={prior} onChange={setPrior} numeric />
      <Field label='有没有威胁、扬言报复' id='field-threats'>
        <Chips id='threats' options={YES_NO} value={threats} onChange={setThreats} />
      </Field>
      <Field label='有没有动刀棍等器械' id='field-weapons'>
        <Chips id='weapons' options={YES_NO} value={weapons} onChange={setWeapons} />
      </Field>
      <Field label='调解难不难' id='field-difficulty'>
        <Chips id='difficulty' options={[{ value: 'easy', label: '容易' }, { value: 'normal', label: '一般' }, { value: 'hard', label: '难' }]} value={difficulty} onChange={setDifficulty} />
      </Field>
      <Field label='等级（不选就按规则定）' id='field-level'>
        <Chips id='level' options={[{ value: 0, label: '按规则' }, ...LEVELS.map((l) => ({ value: l.value as number, label: l.label }))]} value={level} onChange={setLevel} />
      </Field>
      {level ? <TextRow id='levelReason' label='为什么改等级' value={levelReason} onChange={setLevelReason} error={act.field === 'levelReason' ? act.error : undefined} /> : null}
      {act.error && act.field !== 'levelReason' && act.field !== 'routeTo' ? <Text className='fq-med-error' id='review-error'>{act.error}</Text> : null}
      <BigButton id='review-submit' busy={act.busy} onClick={() => void submit()}>
        {exclusions.length > 0 ? `不适用调解，转${target ? routeLabel(target) : '交'}` : '受理并定级'}
      </BigButton>
    </View>
  )
}

function ScheduleForm({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [place, setPlace] = useState<'room' | 'site'>('room')
  // Tomorrow by default: a session is agreed with both parties at least a day ahead.
  const [day, setDay] = useState(() => addDays(today, 1))
  const [time, setTime] = useState('09:00')
  const [address, setAddress] = useState(view.place)
  const submit = async () => {
    const at = stationInstant(day, time).toISOString()
    const res = await act.run(() => call('mediation.schedule', { id: view.id, place, at, ...(place === 'site' ? { siteAddress: address } : {}) }))
    if (res) onChange(res)
  }
  return (
    <View id='schedule-form'>
      <Field label='在哪里调解' id='field-place'>
        <Chips id='place' options={[{ value: 'room', label: '派出所调解室' }, { value: 'site', label: '到现场' }]} value={place} onChange={setPlace} />
      </Field>
      <Field label='哪天' id='field-day'>
        <PickerSheet id='input-day' mode='date' title='哪天调解' value={day} start={today} display={day} onChange={setDay} />
      </Field>
      <Field label='几点（调解室按整点）' id='field-time'>
        <PickerSheet id='input-time' mode='time' title='几点调解' value={time} onChange={setTime} />
      </Field>
      {place === 'site' ? <TextRow id='siteAddress' label='现场地址' value={address} onChange={setAddress} /> : null}
      {act.error ? <Text className='fq-med-error' id='schedule-error'>{act.error}</Text> : null}
      <BigButton id='schedule-submit' busy={act.busy} onClick={() => void submit()}>
        约调解
      </BigButton>
    </View>
  )
}

interface TermRow {
  party: 'applicant' | 'respondent' | 'both'
  what: string
  how: string
  dueDay: string
}

function AgreementEditor({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [facts, setFacts] = useState({ time: '', place: view.place, cause: '', course: '', result: '' })
  const [terms, setTerms] = useState<TermRow[]>([{ party: 'respondent', what: '', how: '', dueDay: today }])
  const setFact = (k: keyof typeof facts) => (v: string) => setFacts((f) => ({ ...f, [k]: v }))
  const setTerm = (i: number, patch: Partial<TermRow>) => setTerms((ts) => ts.map((t, j) => (j === i ? { ...t, ...patch } : t)))
  const submit = async () => {
    const res = await act.run(() => call('mediation.agreement', { id: view.id, facts, terms, attendees: view.team.map((m) => m.name) }))
    if (res) onChange(res)
  }
  const partyOptions = [
    { value: 'applicant' as const, label: view.parties[0].name },
    { value: 'respondent' as const, label: view.parties[1].name },
    { value: 'both' as const, label: '双方' },
  ]
  return (
    <View className='fq-card' id='agreement-editor'>
      <Text className='fq-med-section'>写调解协议书</Text>
      <TextRow id='fact-time' label='事情发生的时间' value={facts.time} onChange={setFact('time')} />
      <TextRow id='fact-place' label='地点' value={facts.place} onChange={setFact('place')} />
      <TextRow id='fact-cause' label='起因' value={facts.cause} onChange={setFact('cause')} long />
      <TextRow id='fact-course' label='经过' value={facts.course} onChange={setFact('course')} long />
      <TextRow id='fact-result' label='后果' value={facts.result} onChange={setFact('result')} long />
      <Text className='fq-med-section'>协议内容（谁、做什么、哪天前）</Text>
      {terms.map((t, i) => (
        <View key={i} id={`term-row-${i}`} className='fq-med-card'>
          <Chips id={`term-${i}-party`} options={partyOptions} value={t.party} onChange={(party) => setTerm(i, { party })} />
          <TextRow id={`term-${i}-what`} label='做什么' value={t.what} onChange={(what) => setTerm(i, { what })} error={act.field === `terms.${i}.what` ? act.error : undefined} />
          <TextRow id={`term-${i}-how`} label='怎么履行（比如当面给现金、到场修好；可不填）' value={t.how} onChange={(how) => setTerm(i, { how })} error={act.field === `terms.${i}.how` ? act.error : undefined} />
          <Field label='哪天前做完' id={`field-term-${i}-due`} error={act.field === `terms.${i}.dueDay` ? act.error : undefined}>
            <PickerSheet id={`input-term-${i}-due`} mode='date' title='哪天前做完' value={t.dueDay} start={today} display={t.dueDay} onChange={(dueDay) => setTerm(i, { dueDay })} />
          </Field>
        </View>
      ))}
      <BigButton kind='plain' id='term-add' onClick={() => setTerms((ts) => [...ts, { party: 'respondent', what: '', how: '', dueDay: today }])}>
        再加一条
      </BigButton>
      {act.error && !act.field?.startsWith('terms.') ? <Text className='fq-med-error' id='agreement-error'>{act.error}</Text> : null}
      <BigButton id='agreement-submit' busy={act.busy} onClick={() => void submit()}>
        拟好了，请双方确认
      </BigButton>
    </View>
  )
}

function FollowUpForm({ view, onChange }: Omit<OfficerCaseProps, 'today'>) {
  const act = useAction()
  const due = view.followUps.find((f) => !f.done)
  const [kept, setKept] = useState<'yes' | 'no'>('yes')
  const [relations, setRelations] = useState('')
  const [satisfaction, setSatisfaction] = useState(5)
  if (!due) return null
  const submit = async () => {
    const res = await act.run(() => call('mediation.followUp', { id: view.id, round: due.round, kept: kept === 'yes', relations, satisfaction }))
    if (res && res.view === 'officer') onChange(res)
  }
  return (
    <View className='fq-card' id='followup-form'>
      <Text className='fq-med-section'>{`${due.round}天回访（${due.dueDay}）`}</Text>
      <Field label='协议履行了吗' id='field-kept'>
        <Chips id='kept' options={[{ value: 'yes', label: '在履行' }, { value: 'no', label: '没履行' }]} value={kept} onChange={setKept} />
      </Field>
      <TextRow id='relations' label='双方关系怎么样' value={relations} onChange={setRelations} error={act.field === 'relations' ? act.error : undefined} />
      <Field label='满意度' id='field-satisfaction'>
        <Chips id='satisfaction' options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n}分` }))} value={satisfaction} onChange={setSatisfaction} />
      </Field>
      {act.error && act.field !== 'relations' ? <Text className='fq-med-error'>{act.error}</Text> : null}
      <BigButton id='followup-submit' busy={act.busy} onClick={() => void submit()}>
        记下回访
      </BigButton>
    </View>
  )
}

function NoteAction({ id, label, kind, placeholder, onSubmit }: { id: string; label: string; kind?: 'danger' | 'plain'; placeholder: string; onSubmit: (note: string) => Promise<unknown> }) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const act = useAction()
  if (!open)
    return (
      <BigButton kind={kind ?? 'plain'} id={id} onClick={() => setOpen(true)}>
        {label}
      </BigButton>
    )
  return (
    <View className='fq-card' id={`${id}-form`}>
      <TextRow id={`${id}-note`} label={placeholder} value={text} onChange={setText} long />
      {act.error ? <Text className='fq-med-error' id={`${id}-error`}>{act.error}</Text> : null}
      <BigButton kind={kind ?? 'primary'} id={`${id}-submit`} busy={act.busy} onClick={() => void act.run(() => onSubmit(text))}>
        {label}
      </BigButton>
    </View>
  )
}

/** A party without the app signs the paper 调解协议书; the officer photographs it to confirm for them. */
function PaperConfirm({ view, side, name, onChange }: { view: OfficerCaseView; side: 'applicant' | 'respondent'; name: string; onChange: (v: OfficerCaseView) => void }) {
  const act = useAction()
  const go = async () => {
    const picked = await pickPhotos(1)
    if ('error' in picked) return act.fail(picked.error)
    const [filePath] = picked.paths
    if (!filePath) return
    const res = await act.run(async () => {
      const folder = await newUploadFolder()
      const { fileID } = await uploadPhoto(filePath, folder.prefix)
      return call('mediation.confirm', { id: view.id, side, paperPhoto: fileID })
    })
    if (res && res.view === 'officer') onChange(res)
  }
  return (
    <View id={`paper-confirm-${side}`}>
      <BigButton kind='plain' id={`paper-confirm-${side}-go`} busy={act.busy} onClick={() => void go()}>
        {`${name}签了纸质协议？拍照登记`}
      </BigButton>
      {act.error ? <Text className='fq-med-error'>{act.error}</Text> : null}
    </View>
  )
}

/** 伤情鉴定 under 治安调解: start the pause, or record the day the result came out (the clock runs from then). */
function AssessmentForm({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [day, setDay] = useState(today)
  const a = view.assessment
  if (!a) return null
  const waiting = a.needed && !a.doneDay
  const submit = async (state: 'awaiting' | 'done') => {
    const res = await act.run(() => call('mediation.assessment', { id: view.id, state, day: state === 'awaiting' ? today : day }))
    if (res) onChange(res)
  }
  if (a.doneDay) return <Text className='fq-med-reason' id='assessment-done'>{`伤情鉴定：${a.awaitingFrom ?? ''}起等结果，${a.doneDay}结果已出，从这天算3个工作日`}</Text>
  return (
    <View className='fq-card' id='assessment-form'>
      <Text className='fq-med-section'>伤情鉴定</Text>
      {waiting ? (
        <>
          <Text className='fq-med-reason'>{`${a.awaitingFrom ?? ''}起等鉴定结果，调解期限暂停。结果出来后登记日期，期限从这天起算。`}</Text>
          <Field label='鉴定结果哪天出来的' id='field-assessment-day' error={act.field === 'day' ? act.error : undefined}>
<PickerSheet id='input-assessment-day' mode='date' title='鉴定结果哪天出来的' value={day} end={today} display={day} onChange={setDay} />
          </Field>
          <BigButton id='assessment-done-submit' busy={act.busy} onClick={() => void submit('done')}>
            鉴定结果出来了
          </BigButton>
        </>
      ) : (
        <BigButton kind='plain' id='assessment-start' busy={act.busy} onClick={() => void submit('awaiting')}>
          要做伤情鉴定，从今天起暂停期限
        </BigButton>
      )}
      {act.error && act.field !== 'day' ? <Text className='fq-med-error' id='assessment-error'>{act.error}</Text> : null}
    </View>
  )
}

/** 人民调解 past its month, only with both parties' consent written down, one record for each. */
function ExtendForm({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [until, setUntil] = useState(() => addDays(today, 15))
  const [applicant, setApplicant] = useState('')
  const [respondent, setRespondent] = useState('')
  const [a, r] = view.parties
  const submit = async () => {
    const res = await act.run(() => call('mediation.extend', { id: view.id, until, consents: { applicant, respondent } }))
    if (res) onChange(res)
  }
  return (
    <View className='fq-card' id='extend-form'>
      <Text className='fq-med-section'>双方同意延长调解</Text>
      <Text className='fq-med-reason'>人民调解一般一个月内调结；要继续，须两边都同意，并分别记下来。</Text>
      <Field label='延长到哪天' id='field-until' error={act.field === 'until' ? act.error : undefined}>
        <PickerSheet id='input-until' mode='date' title='延长到哪天' value={until} start={today} display={until} onChange={setUntil} />
      </Field>
      <TextRow id='consent-applicant' label={`${a?.name ?? '申请人'}怎么同意的（什么时候、当面还是电话）`} value={applicant} onChange={setApplicant} error={act.field === 'consents.applicant' ? act.error : undefined} />
      <TextRow id='consent-respondent' label={`${r?.name ?? '对方'}怎么同意的（什么时候、当面还是电话）`} value={respondent} onChange={setRespondent} error={act.field === 'consents.respondent' ? act.error : undefined} />
      {act.error && !['until', 'consents.applicant', 'consents.respondent'].includes(act.field ?? '') ? <Text className='fq-med-error' id='extend-error'>{act.error}</Text> : null}
      <BigButton kind='plain' id='extend-submit' busy={act.busy} onClick={() => void submit()}>
        记下双方同意并延长
      </BigButton>
    </View>
  )
}

/**
 * 司法确认 (《人民调解法》第三十三条): once both parties confirmed, the officer records that both agree to apply jointly
 * and the day it went to the court (within 30 days), then the court's result. A recorded step; the case stays open.
 */
function JudicialForm({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [open, setOpen] = useState(false)
  const [day, setDay] = useState(today)
  const [consent, setConsent] = useState('')
  const [court, setCourt] = useState('')
  const [result, setResult] = useState<'valid' | 'rejected'>('valid')
  const [note, setNote] = useState('')
  const j = view.judicial
  const label = routeLabel('judicial_confirmation')
  const send = async (req: Parameters<typeof call<'mediation.judicialConfirmation'>>[1]) => {
    const res = await act.run(() => call('mediation.judicialConfirmation', req))
    if (res) {
      setOpen(false)
      onChange(res)
    }
  }
  if (!j && !view.judicialCanApply) return null
  return (
    <View className='fq-card' id='case-judicial'>
      <Text className='fq-med-section'>{`司法确认：${label}`}</Text>
      {j ? (
        <>
          <Text className='fq-med-card__line' id='judicial-applied'>{`${dayText(j.appliedDay)}送${j.court || '人民法院'}申请司法确认（${j.consent}）`}</Text>
          <Text className='fq-med-card__line' id='judicial-result'>{j.result ? `法院结果：${j.resultLabel}（${dayText(j.resultDay ?? '')}）${j.note ? `，${j.note}` : ''}` : '等待法院结果'}</Text>
        </>
      ) : (
        <Text className='fq-med-reason'>{`双方可在协议生效起30天内（${dayText(view.judicialCanApply?.lastDay ?? today)}前）共同向人民法院申请司法确认。`}</Text>
      )}
      {!open ? (
        j?.result ? null : (
          <BigButton kind='plain' id={j ? 'judicial-result-open' : 'judicial-apply-open'} onClick={() => setOpen(true)}>
            {j ? '登记法院结果' : '双方同意，送法院司法确认'}
          </BigButton>
        )
      ) : j ? (
        <View id='judicial-result-form'>
          <Chips id='judicial-result-pick' options={[{ value: 'valid' as const, label: '确认有效' }, { value: 'rejected' as const, label: '驳回' }]} value={result} onChange={setResult} />
          <Field label='法院结果日期' id='field-judicial-day' error={act.field === 'day' ? act.error : undefined}>
            <PickerSheet id='input-judicial-day' mode='date' title='法院结果日期' value={day} end={today} display={dayText(day)} onChange={setDay} />
          </Field>
          <TextRow id='judicial-note' label='结果说明（当事人能看到，可不填）' value={note} onChange={setNote} />
          {act.error && act.field !== 'day' ? <Text className='fq-med-error' id='judicial-error'>{act.error}</Text> : null}
          <BigButton id='judicial-result-submit' busy={act.busy} onClick={() => void send({ id: view.id, step: 'result', day, result, note })}>
            登记法院结果
          </BigButton>
        </View>
      ) : (
        <View id='judicial-apply-form'>
          <Field label='送法院的日期' id='field-judicial-day' error={act.field === 'day' ? act.error : undefined}>
            <PickerSheet id='input-judicial-day' mode='date' title='送法院的日期' value={day} end={today} display={dayText(day)} onChange={setDay} />
          </Field>
          <TextRow id='judicial-consent' label='双方怎么同意共同申请的（什么时候、当面还是电话）' value={consent} onChange={setConsent} error={act.field === 'consent' ? act.error : undefined} />
          <TextRow id='judicial-court' label='受理法院（可不填）' value={court} onChange={setCourt} />
          {act.error && !['day', 'consent'].includes(act.field ?? '') ? <Text className='fq-med-error' id='judicial-error'>{act.error}</Text> : null}
          <BigButton id='judicial-apply-submit' busy={act.busy} onClick={() => void send({ id: view.id, step: 'apply', day, consent, court })}>
            记下双方同意，送法院
          </BigButton>
        </View>
      )}
    </View>
  )
}

export function OfficerCase({ view, onChange, today }: OfficerCaseProps) {
  const act = useAction()
  const [routeTo, setRouteTo] = useState<RouteTarget>('village_committee')
  const [routing, setRouting] = useState(Boolean(view.refusedBy))
  const limit = view.limit
  const heldSessions = view.sessions.filter((s) => s.outcome !== 'planned').length
  const apply = async (p: Promise<OfficerCaseView | { view: 'party' }>) => {
    const res = await act.run(() => p)
    if (res && res.view === 'officer') onChange(res)
  }
  const can = (name: string) => view.moves.some((m) => m.name === name)
  const recommendation = view.recommendation
  const planned = view.sessions.filter((s) => s.outcome === 'planned')
  const agreedSession = view.sessions.some((s) => s.outcome === 'agreed')
  const storyDraft = async () => {
    const payload = await act.run(() => call('mediation.draftStory', { id: view.id }))
    if (!payload) return
    Taro.setStorageSync(PREFILL_KEY, JSON.stringify(payload))
    void Taro.navigateTo({ url: '/packages/officer-alerts/compose/index?prefill=1' })
  }
  return (
    <View id='officer-case'>
      <View className={`fq-med-card${view.risk ? ' fq-med-card--risk' : ''}`}>
        <Text className='fq-med-card__title'>{view.title}</Text>
        <StatusTag c={view} />
        <Text className='fq-med-tag'>{view.levelLabel}</Text>
        {view.trackLabel ? <Text className='fq-med-tag'>{view.trackLabel}</Text> : null}
        <Text className='fq-med-tag'>{view.sourceLabel}</Text>
        {view.risk ? <Text className='fq-med-tag fq-med-tag--danger' id='case-risk'>{`民转刑风险：${view.riskReasons.join('，')}`}</Text> : null}
        <ClockLine clock={view.clock} />
        <Text className='fq-med-card__line'>{`${view.id}　${view.villageName}　${view.place}`}</Text>
      </View>

      {act.error ? <Text className='fq-med-error' id='case-error'>{act.error}</Text> : null}
      {view.refusedBy ? (
        <Text className='fq-med-clock' id='case-refused'>{`${view.refusedBy}不愿调解，派出所不再调解。请在下面选转给村调委会、司法所或人民法院，并写明原因。`}</Text>
      ) : null}
      {view.partyExtensionConsents && (view.partyExtensionConsents.applicant || view.partyExtensionConsents.respondent) ? (
        <Text className='fq-med-reason' id='case-party-extension'>{`${view.partyExtensionConsents.applicant ? view.parties[0].name : view.parties[1].name}已在小程序同意延长调解，等另一方同意`}</Text>
      ) : null}
      {view.extension ? (
        <Text className='fq-med-reason' id='case-extension'>{`双方同意延长到${view.extension.until}。${view.parties[0].name}：${view.extension.consents.applicant}；${view.parties[1].name}：${view.extension.consents.respondent}`}</Text>
      ) : null}
      {limit && limit.state !== 'open' ? (
        <Text className={`fq-med-clock${limit.state === 'expired' ? ' fq-med-clock--overdue' : ''}`} id='case-limit'>
          {limit.message}
        </Text>
      ) : null}

      <View className='fq-card' id='case-parties'>
        <Text className='fq-med-section'>当事人</Text>
        {view.parties.map((p) => (
          <View key={p.side} id={`party-${p.side}`}>
            <Text className='fq-med-card__line'>{`${p.side === 'applicant' ? '申请人' : '对方'}：${p.name}　${p.phone || '没留电话'}　${p.villageName}${p.group}${p.minor ? '　不满16岁，监护人要到场' : ''}`}</Text>
            <Text className='fq-med-reason'>{`${p.joined ? '已在小程序' : '没用小程序'}；${p.consent === 'agreed' ? '同意调解' : p.consent === 'refused' ? '不同意调解' : '还没表态'}`}</Text>
            {p.consent === 'pending' && ['applied', 'accepted'].includes(view.status) ? (
              <Text className='fq-med-link' id={`consent-${p.side}`} onClick={() => void apply(call('mediation.consent', { id: view.id, side: p.side, agree: true }))}>
                {`登记${p.name}同意调解`}
              </Text>
            ) : null}
          </View>
        ))}
        <Text className='fq-med-card__line'>{`申请人说：${view.statements.applicant}`}</Text>
        {view.statements.respondent ? <Text className='fq-med-card__line'>{`对方说：${view.statements.respondent}`}</Text> : null}
        {view.want ? <Text className='fq-med-card__line'>{`诉求：${view.want}`}</Text> : null}
        {view.inviteCode ? <Text className='fq-med-reason'>{`对方还没加入，邀请码 ${view.inviteCode}`}</Text> : null}
      </View>

      {view.status === 'screening' ? (
        <View className='fq-card' id='screening-actions'>
          <BigButton id='screening-file' busy={act.busy} onClick={() => void apply(call('mediation.screening', { id: view.id, to: 'file' }))}>
            转为调解案件
          </BigButton>
          <NoteAction id='screening-clear' label='隐患已消除' placeholder='怎么消除的' onSubmit={(note) => apply(call('mediation.screening', { id: view.id, to: 'clear', note }))} />
        </View>
      ) : null}

      {view.status === 'applied' ? <ReviewForm view={view} onChange={onChange} /> : null}

      {view.gate ? <Text className='fq-med-clock' id='case-gate'>{view.gate.text}</Text> : null}
      {view.grade ? (
        <View className='fq-card' id='case-grade'>
          <Text className='fq-med-section'>{`${LEVELS[view.grade.level - 1].label}：${view.grade.lead}`}</Text>
          {view.grade.reasons.map((r, i) => (
            <Text className='fq-med-reason' key={i}>{`${r.axis}：${r.text}（${r.points}分）`}</Text>
          ))}
          {view.grade.overrideReason ? <Text className='fq-med-reason'>{`民警改了等级（建议${LEVELS[view.grade.proposed - 1].label}）：${view.grade.overrideReason}`}</Text> : null}
        </View>
      ) : null}

      {['accepted', 'mediating'].includes(view.status) ? (
        <View className='fq-card' id='case-team'>
          <Text className='fq-med-section'>调解组</Text>
          {view.team.map((m) => (
            <View key={m.mediatorId} id={`team-${m.mediatorId}`}>
              <Text className='fq-med-card__line'>{`${m.name}　${m.roleLabel}　${m.kindLabel}`}</Text>
              <Text className='fq-med-reason'>{m.reasons.join('；')}</Text>
            </View>
          ))}
          {recommendation ? (
            <View id='case-recommendation'>
              <Text className='fq-med-card__line'>{`推荐：${recommendation.team.map((m) => m.name).join('、') || '无'}`}</Text>
              {recommendation.missing.length > 0 ? <Text className='fq-med-reason'>{`名册里缺：${recommendation.missing.join('、')}`}</Text> : null}
              {recommendation.excluded.map((e) => (
                <Text className='fq-med-reason' key={e.name}>{`回避：${e.name}，${e.reason}`}</Text>
              ))}
              <BigButton kind={view.team.length ? 'plain' : 'primary'} id='team-recommend' busy={act.busy} onClick={() => void apply(call('mediation.team', { id: view.id }))}>
                用推荐的调解组
              </BigButton>
            </View>
          ) : null}
        </View>
      ) : null}

      {view.sessions.length > 0 ? (
        <View className='fq-card' id='case-sessions'>
          <Text className='fq-med-section'>调解记录</Text>
          {view.sessions.map((s) => (
            <View key={s.no} id={`session-${s.no}`}>
              <Text className='fq-med-card__line'>{`第${s.no}次　${formatDateTime(s.at)}　${s.placeLabel}　${s.outcomeLabel}`}</Text>
              {s.notes ? <Text className='fq-med-reason'>{`内部记录：${s.notes}`}</Text> : null}
            </View>
          ))}
          {planned.map((s) => (
            <View key={`r${s.no}`} className='fq-med-chips' id={`session-${s.no}-outcome`}>
              {(['agreed', 'again', 'not_agreed'] as const).map((o) => (
                <View key={o} id={`session-${s.no}-${o}`} className='fq-med-chip' onClick={() => void apply(call('mediation.recordSession', { id: view.id, no: s.no, outcome: o }))}>
                  <Text className='fq-med-chip__name'>{{ agreed: '达成协议', again: '再约一次', not_agreed: '没谈成' }[o]}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}

      {view.track === 'police' && ['accepted', 'mediating'].includes(view.status) && heldSessions === 0 ? <AssessmentForm view={view} onChange={onChange} today={today} /> : null}

      {['accepted', 'mediating'].includes(view.status) && view.team.length > 0 && (!limit || limit.state === 'open') && !view.refusedBy ? (
        <View className='fq-card'>
          <Text className='fq-med-section'>约调解</Text>
          <ScheduleForm view={view} onChange={onChange} today={today} />
        </View>
      ) : null}

      {view.track === 'people' && ['accepted', 'mediating'].includes(view.status) && ((view.clock && view.clock.left !== null && view.clock.left <= 7) || limit?.state === 'expired') ? (
        <ExtendForm view={view} onChange={onChange} today={today} />
      ) : null}

      {view.status === 'mediating' && agreedSession && !view.agreement ? <AgreementEditor view={view} onChange={onChange} today={today} /> : null}

      {view.agreement ? (
        <View className='fq-card' id='case-agreement'>
          <Text className='fq-med-section'>{`调解协议 ${view.agreement.documentNo}`}</Text>
          {view.agreement.terms.map((t) => (
            <View className={`fq-med-term${t.overdue ? ' fq-med-term--overdue' : ''}`} key={t.id}>
              <Text className='fq-med-term__text'>{`${t.partyLabel}：${t.what}（${dayText(t.dueDay)}前${t.how ? `，${t.how}` : ''}）${t.done ? ' ✓' : t.overdue ? ' 已过期' : ''}`}</Text>
              {view.status === 'performing' && !t.done ? (
                <Text className='fq-med-link' id={`officer-term-done-${t.id}`} onClick={() => void apply(call('mediation.termDone', { id: view.id, termId: t.id }))}>
                  已完成
                </Text>
              ) : null}
            </View>
          ))}
          {view.agreement.confirmations.map((c) => (
            <Text className='fq-med-reason' key={c.side}>{`${c.name}：${c.at ? `已确认 ${formatDateTime(c.at)}${c.via === 'paper' ? '（纸质签字）' : ''}` : '待确认'}`}</Text>
          ))}
          {view.status === 'agreement_pending'
            ? view.agreement.confirmations.filter((c) => !c.at).map((c) => <PaperConfirm key={c.side} view={view} side={c.side} name={c.name} onChange={onChange} />)
            : null}
          <BigButton kind='plain' id='officer-open-document' onClick={() => void Taro.navigateTo({ url: `/packages/mediation/agreement/index?id=${view.id}` })}>
            看协议书 / 打印
          </BigButton>
        </View>
      ) : null}

      <JudicialForm view={view} onChange={onChange} today={today} />

      {view.status === 'performing' ? <FollowUpForm view={view} onChange={onChange} /> : null}

      <View id='case-moves'>
        {can('close') ? (
          <BigButton id='case-close' busy={act.busy} onClick={() => void apply(call('mediation.close', { id: view.id, outcome: 'resolved' }))}>
            履行完毕，按调解成功结案
          </BigButton>
        ) : null}
        {can('fail') ? <NoteAction id='case-fail' label='调解不成，结案' kind='danger' placeholder='为什么没调成，告诉当事人可以怎么办' onSubmit={(note) => apply(call('mediation.close', { id: view.id, outcome: 'failed', note }))} /> : null}
        {can('reopen') ? <NoteAction id='case-reopen' label='协议没履行，重新调解' placeholder='哪一条没履行' onSubmit={(reason) => apply(call('mediation.reopen', { id: view.id, reason }))} /> : null}
        {can('route') ? (
          routing ? (
            <View className='fq-card' id='case-route'>
              <Text className='fq-med-section'>转给哪里</Text>
              <Chips id='route-to' options={ROUTE_TARGETS.map((r) => ({ value: r.value, label: r.label }))} value={routeTo} onChange={setRouteTo} />
              <NoteAction id='case-route-go' label='转交' placeholder='转交原因（当事人能看到）' onSubmit={(reason) => apply(call('mediation.route', { id: view.id, to: routeTo, reason }))} />
            </View>
          ) : (
            <BigButton kind='plain' id='case-route-open' onClick={() => setRouting(true)}>
              转给村调委会、司法所、法院或立案
            </BigButton>
          )
        ) : null}
        {view.status === 'resolved' && view.storyConsent.applicant && view.storyConsent.respondent ? (
          <BigButton kind='plain' id='case-story' onClick={() => void storyDraft()}>
            作为典型案例发给村民（以案说法）
          </BigButton>
        ) : null}
      </View>

      <Text className='fq-med-section'>全部经过</Text>
      <Timeline items={view.timeline} id='officer-timeline' />
    </View>
  )
}
