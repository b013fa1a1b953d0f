// What a doorplate scan shows, by who scans (the server decides the view; this only draws it). Anyone: the address,
// who to call, report buttons with the address filled in and a home-visit booking. A villager: 我住这里 / 我是房东.
// An officer: the household, its people and history, and 记一次走访. Everyone: 门牌有问题 (重错漏损破).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ClaimView, OfficerHouseholdView, ScanView } from '@contract/households'
import { PLATE_PROBLEM_LABELS, PLATE_PROBLEM_VALUES, type ClaimAs, type PlateProblem } from '@domain/households'
import BigButton from '@/components/BigButton'
import PlaceContacts from '@/components/PlaceContacts'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { newRequestId } from '@/services/requestId'
import { formatDateTime } from '@/services/time'
import { query } from './scene'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

export interface DoorplateViewProps {
  view: ScanView
  /** The scan again (after a declaration, the pending state comes from the server). */
  onChanged: (view: ScanView) => void
  /** The scene the page was opened with, to read the view again. */
  scene: string
}

/** The report and booking buttons: the address of this plate goes into the form. */
function Actions({ view }: { view: ScanView }) {
  const prefill = view.prefill
  const place = prefill?.place ?? view.address?.line ?? ''
  const villageId = prefill?.villageId ?? view.address?.villageId ?? ''
  const bookVisit = async () => {
    // 上门办理 is a service in the station's catalog; the first that offers it is the home visit.
    const catalog = await call('services.catalog', {}).catch(() => undefined)
    const service = catalog?.services.find((s) => s.kinds.includes('home_visit'))
    if (!service) {
      void Taro.switchTab({ url: '/pages/services/index' })
      return
    }
    go(`/packages/booking/home-visit/index${query({ serviceId: service.id, villageId, address: place, addressId: prefill?.addressId })}`)
  }
  return (
    <View className='fq-card' id='plate-actions'>
      <Text className='fq-title'>在这里办事</Text>
      <Text className='fq-muted'>地址会自动填好。</Text>
      <BigButton id='plate-report-theft' onClick={() => go(`/packages/report-form/theft/index${query({ villageId, place, addressId: prefill?.addressId })}`)}>
        东西被偷了
      </BigButton>
      <BigButton id='plate-report-pesticide' onClick={() => go(`/packages/report-form/pesticide/index${query({ villageId, addressId: prefill?.addressId })}`)}>
        买到假农药
      </BigButton>
      <BigButton id='plate-book-visit' kind='plain' onClick={() => void bookVisit()}>
        请民警上门
      </BigButton>
    </View>
  )
}

const CLAIM_WORDS: Record<ClaimAs, { button: string; confirm: string }> = {
  resident: { button: '我住这里', confirm: '您要申报：您住在这里。' },
  landlord: { button: '我是房东', confirm: '您要申报：这是您的房子，您是房东。' },
}

function ClaimLine({ claim }: { claim: ClaimView }) {
  return (
    <View className={`fq-plate__claim fq-plate__claim--${claim.status}`} id='declare-pending'>
      <Text className='fq-plate__claim-title'>{`${claim.asLabel}：${claim.statusLabel}`}</Text>
      <Text className='fq-muted'>{claim.status === 'pending' ? '民警核实后会确认，确认后在“我的家”里能看到。' : claim.reason || ''}</Text>
    </View>
  )
}

/** 我住这里 / 我是房东, with a second tap to confirm; the claim waits for an officer. */
function Declare({ view, scene, onChanged }: DoorplateViewProps) {
  const [as, setAs] = useState<ClaimAs>()
  const [requestId, setRequestId] = useState(newRequestId)
  const act = useAction()
  const addressId = view.address?.id
  if (!addressId) return null
  if (view.myClaim) {
    return (
      <View className='fq-card' id='declare-card'>
        <ClaimLine claim={view.myClaim} />
        <BigButton kind='plain' id='open-my-home' onClick={() => go('/packages/household/home/index')}>
          看我的家
        </BigButton>
      </View>
    )
  }
  if (!view.canDeclare) return null
  const send = async () => {
    if (!as) return
    const claim = await act.run(() => call('households.declare', { addressId, as, note: '' }, { requestId }))
    if (!claim) return
    setRequestId(newRequestId())
    const again = await call('households.scan', { scene }).catch(() => undefined)
    onChanged(again ?? { ...view, canDeclare: false, myClaim: claim })
  }
  return (
    <View className='fq-card' id='declare-card'>
      <Text className='fq-title'>您和这里的关系</Text>
      {as ? (
        <View id='declare-confirm'>
          <Text className='fq-plate__line'>{CLAIM_WORDS[as].confirm}</Text>
          <Text className='fq-plate__line'>{`地址：${view.address?.line ?? ''}`}</Text>
          <Text className='fq-muted'>民警核实后确认。确认前，别人看不到您登记了这里。</Text>
          {act.error ? (
            <Text className='fq-plate__error' id='declare-error'>
              {act.error}
            </Text>
          ) : null}
          <BigButton id='declare-send' busy={act.busy} onClick={() => void send()}>
            确认申报
          </BigButton>
          <BigButton kind='plain' id='declare-cancel' onClick={() => setAs(undefined)}>
            不申报了
          </BigButton>
        </View>
      ) : (
        <>
          <Text className='fq-muted'>住在这里或房子是您的，申报一下，派出所有事能找到您。</Text>
          <BigButton id='declare-resident' onClick={() => setAs('resident')}>
            {CLAIM_WORDS.resident.button}
          </BigButton>
          <BigButton kind='plain' id='declare-landlord' onClick={() => setAs('landlord')}>
            {CLAIM_WORDS.landlord.button}
          </BigButton>
        </>
      )}
    </View>
  )
}

/** The officer's view of the household at this plate: in full (the scan is audited). */
function OfficerHousehold({ h, plateId }: { h: OfficerHouseholdView; plateId: string }) {
  const current = h.residents.filter((p) => !p.movedOutDay)
  return (
    <View id='officer-household'>
      <View className='fq-card'>
        <Text className='fq-title'>这一户</Text>
        <Text className='fq-plate__line' id='household-house'>{`${h.house.useLabel}　房主：${h.house.ownerName || '未登记'}${h.house.ownerPhone ? `　${h.house.ownerPhone}` : ''}`}</Text>
        <Text className='fq-muted'>{h.lastVisitAt ? `上次走访：${formatDateTime(h.lastVisitAt)}` : '还没有走访过'}</Text>
        <BigButton id='record-visit' onClick={() => go(`/packages/officer-households/visit/index${query({ addressId: h.id, plateId, line: h.line })}`)}>
          记一次走访
        </BigButton>
        <BigButton kind='plain' id='open-household' onClick={() => go(`/packages/officer-households/detail/index${query({ id: h.id })}`)}>
          看这户的全部情况
        </BigButton>
      </View>
      <View className='fq-card' id='household-people'>
        <Text className='fq-title'>{`住的人（${current.length}）`}</Text>
        {current.length === 0 ? <Text className='fq-muted'>还没有登记住的人。</Text> : null}
        {current.map((p) => (
          <View className='fq-plate__person' key={p.id} id={`person-${p.id}`}>
            <Text className='fq-plate__person-name'>{p.name}</Text>
            <Text className='fq-muted'>{`${p.roleLabel}・${p.kindLabel}${p.focus ? `・${p.focusLabel}` : ''}${p.phone ? `・${p.phone}` : ''}`}</Text>
          </View>
        ))}
        {h.claims.filter((c) => c.status === 'pending').length > 0 ? (
          <Text className='fq-plate__warn' id='household-claims'>{`有${h.claims.filter((c) => c.status === 'pending').length}个申报等您确认，点“看这户的全部情况”`}</Text>
        ) : null}
      </View>
      <View className='fq-card' id='household-history'>
        <Text className='fq-title'>走访和事情</Text>
        {h.visits.length === 0 && h.reports.length === 0 && h.disputes.length === 0 ? <Text className='fq-muted'>还没有记录。</Text> : null}
        {h.visits.slice(0, 5).map((v) => (
          <View className='fq-plate__history' key={v.id} id={`visit-${v.id}`}>
            <Text>{`${formatDateTime(v.at)} ${v.kindLabel}・${v.officerName}`}</Text>
            {v.notes ? <Text className='fq-muted'>{v.notes}</Text> : null}
          </View>
        ))}
        {h.reports.map((r) => (
          <View className='fq-plate__history' key={r.id}>
            <Text>{`举报 ${r.title}・${r.statusLabel}`}</Text>
          </View>
        ))}
        {h.disputes.map((d) => (
          <View className='fq-plate__history' key={d.id}>
            <Text>{`纠纷 ${d.title}・${d.statusLabel}`}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** 门牌有问题: 重错漏损破, folded behind one line so it does not crowd the page. */
function PlateProblemReport({ plateId }: { plateId: string }) {
  const [open, setOpen] = useState(false)
  const [problem, setProblem] = useState<PlateProblem>()
  const [note, setNote] = useState('')
  const [sent, setSent] = useState(false)
  const [requestId] = useState(newRequestId)
  const act = useAction()
  if (sent) {
    return (
      <View className='fq-card' id='problem-sent'>
        <Text className='fq-plate__line'>收到了，谢谢您。派出所会来修或换门牌。</Text>
      </View>
    )
  }
  if (!open) {
    return (
      <View className='fq-plate__fold' id='problem-open' onClick={() => setOpen(true)}>
        <Text>门牌有问题？（重、错、漏、损、破）›</Text>
      </View>
    )
  }
  const send = async () => {
    if (!problem) return act.fail('请先选一种问题')
    const ok = await act.run(() => call('households.reportPlate', { plateId, problem, note: note.trim() }, { requestId }))
    if (ok) setSent(true)
  }
  return (
    <View className='fq-card' id='problem-form'>
      <Text className='fq-title'>门牌有什么问题</Text>
      {PLATE_PROBLEM_VALUES.map((p) => (
        <View key={p} id={`problem-${p}`} className={`fq-plate__choice${problem === p ? ' fq-plate__choice--on' : ''}`} onClick={() => setProblem(p)}>
          <Text>{PLATE_PROBLEM_LABELS[p]}</Text>
        </View>
      ))}
      <TextArea id='problem-note' value={note} maxLength={200} minLines={2} placeholder='可不填，比如：牌子被车刮掉一半' onInput={setNote} />
      {act.error ? (
        <Text className='fq-plate__error' id='problem-error'>
          {act.error}
        </Text>
      ) : null}
      <BigButton id='problem-submit' busy={act.busy} onClick={() => void send()}>
        告诉派出所
      </BigButton>
      <BigButton kind='plain' id='problem-cancel' onClick={() => setOpen(false)}>
        不报了
      </BigButton>
    </View>
  )
}

export default function DoorplateView(props: DoorplateViewProps) {
  const { view } = props
  const address = view.address
  return (
    <View id='doorplate'>
      <View className='fq-card fq-plate__head' id='plate-address'>
        <Text className='fq-plate__town'>{address ? `${address.town}${address.villageName}` : '门牌'}</Text>
        <Text className='fq-plate__number' id='plate-line'>
          {address ? `${address.group}${address.number}号${address.room ? ` ${address.room}` : ''}` : '这块门牌还没有对应地址'}
        </Text>
        {view.plateState !== 'active' ? (
          <Text className='fq-plate__warn' id='plate-state'>
            {view.plateState === 'void' ? '这块门牌已经注销，请以新门牌为准。' : '这块门牌已登记为损坏，派出所会来换。'}
          </Text>
        ) : null}
      </View>

      {view.view === 'officer' && view.household ? <OfficerHousehold h={view.household} plateId={view.plateId} /> : null}
      {view.view === 'officer' && !view.household && address ? (
        <View className='fq-card' id='officer-household-empty'>
          <Text className='fq-plate__line'>这个地址还没有登记住户。</Text>
          <BigButton id='record-visit' onClick={() => go(`/packages/officer-households/visit/index${query({ addressId: address.id, plateId: view.plateId, line: address.line })}`)}>
            记一次走访
          </BigButton>
        </View>
      ) : null}

      {view.view === 'resident' && view.household ? (
        <View className='fq-card' id='my-home-here'>
          <Text className='fq-title'>这是您登记的家</Text>
          <BigButton id='open-my-home' onClick={() => go('/packages/household/home/index')}>
            看我的家
          </BigButton>
        </View>
      ) : null}
      {view.view !== 'officer' && !(view.view === 'resident' && view.household) ? <Declare {...props} /> : null}

      {view.view !== 'officer' ? <Actions view={view} /> : null}
      <PlaceContacts contacts={view.contacts} id='plate-contacts' />
      <PlateProblemReport plateId={view.plateId} />
    </View>
  )
}
