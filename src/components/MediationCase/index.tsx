// Pieces both sides of mediation show: the status tag, the rule clock, the timeline and the 调解协议书 itself.
import { Text, View } from '@tarojs/components'
import type { AgreementView, CaseSummary, TimelineView } from '@contract/mediation'
import { formatDateTime } from '@/services/time'
import './mediation.scss'

export function StatusTag({ c }: { c: Pick<CaseSummary, 'statusLabel' | 'statusKind'> }) {
  return <Text className={`fq-med-tag fq-med-tag--${c.statusKind}`}>{c.statusLabel}</Text>
}

export function ClockLine({ clock, id }: { clock: CaseSummary['clock']; id?: string }) {
  if (!clock) return null
  const text = clock.paused
    ? `${clock.label}：${clock.note}`
    : clock.overdue
      ? `${clock.label}：已超过期限${Math.abs(clock.left ?? 0)}${clock.unit}（${clock.dueDay}前）`
      : `${clock.label}：还有${clock.left}${clock.unit}（${clock.dueDay}前）`
  return (
    <Text className={`fq-med-clock${clock.overdue ? ' fq-med-clock--overdue' : ''}`} id={id ?? 'case-clock'}>
      {text}
    </Text>
  )
}

export function Timeline({ items, id }: { items: readonly TimelineView[]; id: string }) {
  return (
    <View id={id}>
      {[...items].reverse().map((e, i) => (
        <View className='fq-med-timeline__item' key={`${e.at}-${i}`}>
          <Text className='fq-med-timeline__when'>{`${formatDateTime(e.at)}  ${e.by}${e.public ? '' : '（内部记录）'}`}</Text>
          <Text className={e.public ? '' : 'fq-med-timeline__internal'}>{e.note || e.label}</Text>
        </View>
      ))}
    </View>
  )
}

function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** `2026-12-10` → `12月10日`, how a due day reads on a phone. */
export function dayText(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

/** The 调解协议书 in the station's format: parties, what happened, the terms with how and by when, signatures. */
export function AgreementDocument({ a, station }: { a: AgreementView; station: string }) {
  return (
    <View className='fq-med-doc' id='agreement-document'>
      <Text className='fq-med-doc__head'>调解协议书</Text>
      <Text className='fq-med-doc__sub'>{`${station}　编号：${a.documentNo}`}</Text>
      <Text className='fq-med-doc__h'>一、当事人</Text>
      <Text className='fq-med-doc__p'>{`申请人：${a.parties.applicant}`}</Text>
      <Text className='fq-med-doc__p'>{`对方当事人：${a.parties.respondent}`}</Text>
      {a.attendees.length > 0 ? <Text className='fq-med-doc__p'>{`其他在场人员：${a.attendees.join('、')}`}</Text> : null}
      <Text className='fq-med-doc__h'>二、事情经过</Text>
      <Text className='fq-med-doc__p'>{`时间：${a.facts.time}；地点：${a.facts.place}。`}</Text>
      <Text className='fq-med-doc__p'>{`起因：${a.facts.cause}`}</Text>
      <Text className='fq-med-doc__p'>{`经过：${a.facts.course}`}</Text>
      <Text className='fq-med-doc__p'>{`后果：${a.facts.result}`}</Text>
      <Text className='fq-med-doc__h'>三、双方自愿达成如下协议</Text>
      {a.terms.map((t, i) => (
        <Text className='fq-med-doc__p' key={t.id}>{`${i + 1}. ${t.partyLabel}${t.what}，于${chineseDay(t.dueDay)}前完成${t.how ? `；履行方式：${t.how}` : ''}。`}</Text>
      ))}
      <Text className='fq-med-doc__p'>本协议经双方当事人确认后生效，一式三份，双方当事人各执一份，派出所留存一份。</Text>
      <View className='fq-med-doc__sign'>
        {a.confirmations.map((c) => (
          <Text key={c.side} id={`sign-${c.side}`}>{`${c.name}：${c.at ? `已确认（${c.via === 'paper' ? '纸质签字' : c.signed ? '手写签名' : '本人在小程序确认'}，${formatDateTime(c.at)}）` : '待确认'}`}</Text>
        ))}
        <Text>{`调解主持人：${a.host}`}</Text>
      </View>
    </View>
  )
}
