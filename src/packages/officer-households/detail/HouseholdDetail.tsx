// One household for an officer (the server audits this view): the house, its people (ID numbers masked until asked
// for, which is audited too), organisations, visits, reports, disputes, declarations, the address's history and
// its doorplate.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OfficerHouseholdView, PersonView } from '@contract/households'
import { PLATE_STATE_LABELS, PLATE_STATE_VALUES, type PlateState } from '@domain/households'
import BigButton from '@/components/BigButton'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import type { Village } from '@contract/account'
import AddressForm from '../shared/AddressForm'
import ClaimCard from '../shared/ClaimCard'
import '../shared/officer-hh.scss'

const go = (url: string) => void Taro.navigateTo({ url })
const personUrl = (h: OfficerHouseholdView, id?: string) => `/packages/officer-households/person/index?addressId=${encodeURIComponent(h.id)}&line=${encodeURIComponent(h.line)}${id ? `&id=${encodeURIComponent(id)}` : ''}`

function Person({ p, h }: { p: PersonView; h: OfficerHouseholdView }) {
  const [full, setFull] = useState<PersonView>()
  const act = useAction()
  const shown = full ?? p
  const reveal = async () => {
    const got = await act.run(() => call('households.person', { id: p.id }))
    if (got) setFull(got)
  }
  return (
    <View className='fq-hh-row' id={`person-${p.id}`}>
      <View className='fq-hh-row__text'>
        <Text className='fq-hh-row__name'>{`${shown.name}${shown.relation ? `（${shown.relation}）` : ''}`}</Text>
        <Text className='fq-muted'>{`${shown.roleLabel}・${shown.kindLabel}・${shown.movedOutDay ? `${shown.movedOutDay}搬走` : `${shown.movedInDay}住进来`}`}</Text>
        {shown.phone ? <Text className='fq-muted'>{`电话 ${shown.phone}`}</Text> : null}
        {shown.idNo ? (
          <Text className='fq-muted' id={`person-${p.id}-idno`}>
            {`身份证 ${shown.idNo}`}
          </Text>
        ) : null}
        {shown.focus ? <Text className='fq-hh-warn'>{`重点人员：${shown.focusLabel}`}</Text> : null}
        {shown.note ? <Text className='fq-muted'>{shown.note}</Text> : null}
        {act.error ? <Text className='fq-hh-error'>{act.error}</Text> : null}
      </View>
      <View className='fq-hh-row__tools'>
        {p.idNo && !full ? (
          <View className='fq-hh-small' id={`person-${p.id}-reveal`} onClick={() => void reveal()}>
            <Text>{act.busy ? '请稍候' : '看证号'}</Text>
          </View>
        ) : null}
        {p.movedOutDay ? null : (
          <>
            <View className='fq-hh-small' id={`person-${p.id}-edit`} onClick={() => go(personUrl(h, p.id))}>
              <Text>改</Text>
            </View>
            <View className='fq-hh-small' id={`person-${p.id}-out`} onClick={() => go(`${personUrl(h, p.id)}&out=1`)}>
              <Text>人走注销</Text>
            </View>
          </>
        )}
      </View>
    </View>
  )
}

/** 在用 / 损坏 / 注销, with the reason written to the plate's history. */
function PlateCard({ h, onChange }: { h: OfficerHouseholdView; onChange: () => void }) {
  const plate = h.plate
  const [state, setState] = useState<PlateState>()
  const [reason, setReason] = useState('')
  const act = useAction()
  if (!plate) {
    return (
      <View className='fq-card' id='detail-plate'>
        <Text className='fq-title'>门牌</Text>
        <Text className='fq-hh-line'>这个地址还没有门牌码。</Text>
        <BigButton kind='plain' id='plate-generate' onClick={() => go(`/packages/officer-households/plates/index?villageId=${encodeURIComponent(h.villageId)}&group=${encodeURIComponent(h.group)}`)}>
          去生成这个社的门牌
        </BigButton>
      </View>
    )
  }
  const save = async () => {
    if (!state) return
    if (!reason.trim()) return act.fail('请写一句原因，比如：风吹坏了')
    const done = await act.run(() => call('households.setPlate', { plateId: plate.id, state, reason: reason.trim() }))
    if (done) {
      setState(undefined)
      setReason('')
      onChange()
    }
  }
  return (
    <View className='fq-card' id='detail-plate'>
      <Text className='fq-title'>{`门牌 ${plate.id}・${plate.stateLabel}`}</Text>
      {plate.problems.map((pr) => (
        <Text className='fq-hh-warn' key={`${pr.problem}-${pr.at}`}>{`${formatDateTime(pr.at)} 有人报：${pr.label}`}</Text>
      ))}
      <View className='fq-hh-chips'>
        {PLATE_STATE_VALUES.filter((s) => s !== plate.state).map((s) => (
          <View key={s} id={`plate-state-${s}`} className={`fq-hh-chip${state === s ? ' fq-hh-chip--on' : ''}`} onClick={() => setState(s)}>
            <Text>{`改为${PLATE_STATE_LABELS[s]}`}</Text>
          </View>
        ))}
      </View>
      {state ? (
        <View>
          <TextArea id='plate-reason' value={reason} maxLength={200} minLines={2} placeholder='原因' onInput={setReason} />
          {act.error ? <Text className='fq-hh-error'>{act.error}</Text> : null}
          <BigButton id='plate-save' busy={act.busy} onClick={() => void save()}>
            {`确认改为${PLATE_STATE_LABELS[state]}`}
          </BigButton>
        </View>
      ) : null}
    </View>
  )
}

export default function HouseholdDetail({ h, onChange, villages }: { h: OfficerHouseholdView; onChange: () => void; villages: readonly Village[] }) {
  const [editing, setEditing] = useState(false)
  const current = h.residents.filter((p) => !p.movedOutDay)
  const past = h.residents.filter((p) => p.movedOutDay)
  const pendingClaims = h.claims.filter((c) => c.status === 'pending')
  return (
    <View id='household-detail'>
      <View className='fq-card'>
        <Text className='fq-muted'>{`${h.town}${h.villageName}`}</Text>
        <Text className='fq-hh-card__title' id='detail-line'>{`${h.group}${h.number}号${h.room ? ` ${h.room}` : ''}`}</Text>
        <Text className='fq-hh-line' id='detail-house'>{`${h.house.useLabel}・房主 ${h.house.ownerName || '未登记'}${h.house.ownerPhone ? ` ${h.house.ownerPhone}` : ''}`}</Text>
        <Text className='fq-muted'>{h.lastVisitAt ? `上次走访 ${formatDateTime(h.lastVisitAt)}` : '还没走访过'}</Text>
        {h.warnings.map((w) => (
          <Text className='fq-hh-warn' key={w}>
            {w}
          </Text>
        ))}
        <BigButton id='detail-visit' onClick={() => go(`/packages/officer-households/visit/index?addressId=${encodeURIComponent(h.id)}&line=${encodeURIComponent(h.line)}`)}>
          记一次走访
        </BigButton>
        {editing ? null : (
          <BigButton kind='plain' id='detail-edit' onClick={() => setEditing(true)}>
            改地址
          </BigButton>
        )}
        <BigButton kind='plain' id='detail-group' onClick={() => go(`/packages/officer-households/group/index?villageId=${encodeURIComponent(h.villageId)}&group=${encodeURIComponent(h.group)}`)}>
          {`${h.group}的联系人（民警、网格员、户长）`}
        </BigButton>
      </View>
      {editing ? (
        <AddressForm
          villages={villages}
          current={h}
          onSaved={() => {
            setEditing(false)
            onChange()
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}

      {pendingClaims.length > 0 ? (
        <View id='detail-claims'>
          <Text className='fq-title'>等确认的申报</Text>
          {pendingClaims.map((c) => (
            <ClaimCard key={c.id} claim={c} onDecided={onChange} />
          ))}
        </View>
      ) : null}

      <View className='fq-card' id='detail-people'>
        <Text className='fq-title'>{`住的人（${current.length}）`}</Text>
        {current.length === 0 ? <Text className='fq-muted'>还没有登记住的人。</Text> : null}
        {current.map((p) => (
          <Person p={p} h={h} key={p.id} />
        ))}
        <BigButton kind='plain' id='detail-add-person' onClick={() => go(personUrl(h))}>
          登记住的人
        </BigButton>
        {past.length > 0 ? <Text className='fq-hh-line'>搬走的</Text> : null}
        {past.map((p) => (
          <Person p={p} h={h} key={p.id} />
        ))}
      </View>

      <View className='fq-card' id='detail-orgs'>
        <Text className='fq-title'>这里的单位</Text>
        {h.organisations.length === 0 ? <Text className='fq-muted'>这里没有登记农资店、学校、作坊等单位。</Text> : null}
        {h.organisations.map((o) => (
          <View className='fq-hh-row' key={o.id} id={`org-${o.id}`}>
            <View className='fq-hh-row__text'>
              <Text className='fq-hh-row__name'>{`${o.name}（${o.kindLabel}）`}</Text>
              <Text className='fq-muted'>{o.contactName || o.contactPhone ? `${o.contactName} ${o.contactPhone}` : '没有登记联系人'}</Text>
            </View>
            <View className='fq-hh-small' id={`org-${o.id}-edit`} onClick={() => go(`/packages/officer-households/org/index?addressId=${encodeURIComponent(h.id)}&id=${encodeURIComponent(o.id)}`)}>
              <Text>改</Text>
            </View>
          </View>
        ))}
        <BigButton kind='plain' id='detail-add-org' onClick={() => go(`/packages/officer-households/org/index?addressId=${encodeURIComponent(h.id)}`)}>
          登记单位
        </BigButton>
      </View>

      <View className='fq-card' id='detail-visits'>
        <Text className='fq-title'>{`走访记录（${h.visits.length}）`}</Text>
        {h.visits.length === 0 ? <Text className='fq-muted'>还没走访过这一户。</Text> : null}
        {h.visits.map((v) => (
          <View className='fq-hh-row' key={v.id} id={`visit-${v.id}`}>
            <View className='fq-hh-row__text'>
              <Text className='fq-hh-row__name'>{`${formatDateTime(v.at)} ${v.officerName}`}</Text>
              {v.notes ? <Text>{v.notes}</Text> : null}
              {v.concerns.map((c, i) => (
                <Text className='fq-muted' key={i}>{`反映：${c.topicLabel} ${c.text}${c.became ? `（已转${c.became.kind === 'report' ? '举报' : c.became.kind === 'mediation' ? '调解' : '预警'}）` : ''}`}</Text>
              ))}
            </View>
          </View>
        ))}
      </View>

      {h.reports.length + h.disputes.length > 0 ? (
        <View className='fq-card' id='detail-cases'>
          <Text className='fq-title'>举报和纠纷</Text>
          {h.reports.map((r) => (
            <View className='fq-hh-row' key={r.id} onClick={() => go(`/packages/officer-reports/detail/index?id=${r.id}`)}>
              <Text>{`举报 ${r.title}・${r.statusLabel}`}</Text>
            </View>
          ))}
          {h.disputes.map((d) => (
            <View className='fq-hh-row' key={d.id} onClick={() => go(`/packages/officer-mediation/detail/index?id=${d.id}`)}>
              <Text>{`纠纷 ${d.title}・${d.statusLabel}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <PlateCard h={h} onChange={onChange} />

      {h.events.length > 0 ? (
        <View className='fq-card' id='detail-events'>
          <Text className='fq-title'>地址改动记录</Text>
          {h.events.map((e, i) => (
            <View className='fq-hh-row' key={i}>
              <View className='fq-hh-row__text'>
                <Text>{`${formatDateTime(e.at)} ${e.by}${e.reason ? `：${e.reason}` : ''}`}</Text>
                {e.changes.map((c) => (
                  <Text className='fq-muted' key={c.field}>{`${c.field}：${c.from || '空'} → ${c.to || '空'}`}</Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
