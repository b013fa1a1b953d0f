// Admin: make an invite code for a new officer, and change who is officer/admin.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Invite, StaffMember } from '@contract/account'
import type { Role } from '@contract/core'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import { toast } from '@/services/toast'
import './index.scss'
import { alertDialog, confirmDialog } from '@/services/dialog'

const ROLE_LABELS: Record<Role, string> = { resident: '村民', officer: '民警', admin: '管理员' }
const ROLE_ORDER: readonly Role[] = ['resident', 'officer', 'admin']

function CreateInvite() {
  const [note, setNote] = useState('')
  const [invite, setInvite] = useState<Invite>()
  const { busy, error, run } = useAction()

  const create = async () => {
    const made = await run((requestId) => call('account.createInvite', { note: note.trim() || undefined }, { requestId }))
    if (!made) return
    setInvite(made)
    setNote('')
  }

  return (
    <View className='fq-card' id='create-invite'>
      <Text className='fq-title'>邀请民警</Text>
      {invite ? (
        <View className='fq-invite__result' id='invite-result'>
          <Text className='fq-muted'>把这个邀请码告诉新民警，在“我的”页面输入：</Text>
          <Text className='fq-invite__code' id='invite-code' selectable>
            {invite.code}
          </Text>
          <Text className='fq-muted'>{`${formatDateTime(invite.expiresAt)} 前有效，只能用一次`}</Text>
        </View>
      ) : null}
      <Field label='备注（可不填）' id='field-invite-note' hint='例如：新来的王警官'>
        <Input id='input-invite-note' value={note} maxlength={50} onInput={(e) => setNote(e.detail.value)} />
      </Field>
      {error ? <Text className='fq-invite__error'>{error}</Text> : null}
      <BigButton id='make-invite' busy={busy} onClick={() => void create()}>
        {invite ? '再生成一个邀请码' : '生成邀请码'}
      </BigButton>
    </View>
  )
}

function StaffRow({ member, onChanged }: { member: StaffMember; onChanged: (role: Role) => void }) {
  const { busy, run } = useAction()
  const change = async (role: Role) => {
    if (!(await confirmDialog({ title: '确认', content: `把${member.name || '此人'}设为${ROLE_LABELS[role]}？` }))) return
    const res = await run((requestId) => call('account.setRole', { openid: member.openid, role }, { requestId }), {
      intent: role,
      onError: (e) => void alertDialog({ title: '没有改成', content: e.message }),
    })
    if (!res) return
    onChanged(res.role)
    toast('已修改', { kind: 'success' })
  }
  return (
    <View className='fq-card fq-staff-row'>
      <Text className='fq-title'>{member.name || '未填姓名'}</Text>
      <Text className='fq-muted'>{`${ROLE_LABELS[member.role]}　${member.phone}`}</Text>
      {ROLE_ORDER.filter((r) => r !== member.role).map((r) => (
        <BigButton key={r} kind={r === 'resident' ? 'danger' : 'plain'} busy={busy} onClick={() => void change(r)}>
          {`设为${ROLE_LABELS[r]}`}
        </BigButton>
      ))}
    </View>
  )
}

export default function StaffInvitesPage() {
  const staff = useCall('account.listStaff', {})
  return (
    <PageShell id='page-staff-invites' state={staff}>
      <CreateInvite />
      <Text className='fq-title fq-invite__heading'>民警和管理员</Text>
      {staff.data?.length === 0 ? <Text className='fq-muted'>还没有民警</Text> : null}
      {staff.data?.map((m) => (
        <StaffRow
          key={m.openid}
          member={m}
          onChanged={(role) => staff.setData((staff.data ?? []).map((x) => (x.openid === m.openid ? { ...x, role } : x)))}
        />
      ))}
    </PageShell>
  )
}
