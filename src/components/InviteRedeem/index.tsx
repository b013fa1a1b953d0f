// Entering an invite code from the station to become an officer (account.redeemInvite).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Profile } from '@contract/account'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { toast } from '@/services/toast'

export interface InviteRedeemProps {
  onJoined: (profile: Profile) => void
}

export default function InviteRedeem({ onJoined }: InviteRedeemProps) {
  const [code, setCode] = useState('')
  const { busy, error, fail, run } = useAction()

  const redeem = async () => {
    const trimmed = code.trim().toUpperCase()
    if (!/^[A-Z0-9]{6}$/.test(trimmed)) {
      fail('邀请码是6位字母或数字，请核对后再输入')
      return
    }
    const profile = await run((requestId) => call('account.redeemInvite', { code: trimmed }, { requestId }), { intent: trimmed })
    if (!profile) return
    toast('已加入民警', { kind: 'success' })
    onJoined(profile)
  }

  return (
    <View className='fq-card' id='invite-redeem'>
      <Text className='fq-title'>民警加入</Text>
      <Text className='fq-muted'>派出所给了您邀请码，在这里输入。村民不用填。</Text>
      <Field label='邀请码' error={error} id='field-invite'>
        <Input id='input-invite' value={code} placeholder='6位字母或数字' maxlength={6} onInput={(e) => setCode(e.detail.value)} />
      </Field>
      <BigButton kind='plain' id='redeem-invite' busy={busy} onClick={() => void redeem()}>
        加入
      </BigButton>
    </View>
  )
}
