// A villager's 我住这里 / 我是房东 waiting for an officer: confirm (they join the household, their profile points at it)
// or turn it down with a reason they will read.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ClaimView } from '@contract/households'
import BigButton from '@/components/BigButton'
import TextArea from '@/components/TextArea'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import './officer-hh.scss'

export default function ClaimCard({ claim, onDecided }: { claim: ClaimView; onDecided: (claim: ClaimView) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const act = useAction()
  const decide = async (confirm: boolean) => {
    if (!confirm && !reason.trim()) return act.fail('请写一句为什么不通过，村民会看到')
    const done = await act.run(() => call('households.decideClaim', { id: claim.id, confirm, reason: reason.trim() }))
    if (done) onDecided(done)
  }
  return (
    <View className='fq-hh-card' id={`claim-${claim.id}`}>
      <Text className='fq-hh-card__title'>{`${claim.claimant?.name ?? '村民'}：${claim.asLabel}`}</Text>
      <Text className='fq-hh-line'>{claim.addressLine}</Text>
      <Text className='fq-muted'>{`${claim.claimant?.phone ?? ''}　${formatDateTime(claim.createdAt)}申报`}</Text>
      {claim.note ? <Text className='fq-hh-line'>{`说明：${claim.note}`}</Text> : null}
      {claim.status !== 'pending' ? (
        <Text className='fq-hh-line' id={`claim-${claim.id}-status`}>
          {claim.statusLabel}
        </Text>
      ) : rejecting ? (
        <View>
          <TextArea id={`claim-${claim.id}-reason`} value={reason} maxLength={200} minLines={2} placeholder='比如：核实后不住这里' onInput={setReason} />
          {act.error ? <Text className='fq-hh-error'>{act.error}</Text> : null}
          <BigButton kind='danger' id={`claim-${claim.id}-reject-send`} busy={act.busy} onClick={() => void decide(false)}>
            不通过
          </BigButton>
          <BigButton kind='plain' id={`claim-${claim.id}-reject-cancel`} onClick={() => setRejecting(false)}>
            返回
          </BigButton>
        </View>
      ) : (
        <View>
          {act.error ? <Text className='fq-hh-error'>{act.error}</Text> : null}
          <BigButton id={`claim-${claim.id}-confirm`} busy={act.busy} onClick={() => void decide(true)}>
            核实了，确认
          </BigButton>
          <BigButton kind='plain' id={`claim-${claim.id}-reject`} onClick={() => setRejecting(true)}>
            不通过
          </BigButton>
        </View>
      )}
    </View>
  )
}
