// Choosing which officer does a job (a home visit, a report): 我 first, then colleagues, each a big row to tap.
import { Text, View } from '@tarojs/components'
import type { Colleague } from '@contract/account'
import { useAsync } from '@/hooks/useAsync'
import { call } from '@/services/client'
import './index.scss'

export interface OfficerPickerProps {
  /** Element id; rows get `<id>-me` and `<id>-<openid>`. */
  id: string
  /** The question it answers, e.g. 谁去上门. */
  label: string
  /** The chosen colleague's openid; undefined means the caller (我), the default. */
  value: string | undefined
  onChange: (openid: string | undefined) => void
}

interface Staff {
  me: string
  myName: string
  others: Colleague[]
}

async function loadStaff(): Promise<Staff> {
  const [me, colleagues] = await Promise.all([call('account.me', {}), call('account.colleagues', {})])
  return { me: me.openid, myName: me.name, others: colleagues.filter((c) => c.openid !== me.openid) }
}

function Row({ id, on, label, note, onTap }: { id: string; on: boolean; label: string; note?: string; onTap: () => void }) {
  return (
    <View id={id} className={`fq-officer-picker__row${on ? ' fq-officer-picker__row--on' : ''}`} onClick={onTap}>
      <Text className='fq-officer-picker__mark'>{on ? '●' : '○'}</Text>
      <Text className='fq-officer-picker__name'>{label}</Text>
      {note ? <Text className='fq-officer-picker__note'>{note}</Text> : null}
    </View>
  )
}

export default function OfficerPicker({ id, label, value, onChange }: OfficerPickerProps) {
  const staff = useAsync(loadStaff)
  const mine = value === undefined || value === staff.data?.me
  return (
    <View id={id} className='fq-officer-picker'>
      <Text className='fq-officer-picker__label'>{label}</Text>
      <Row id={`${id}-me`} on={mine} label={staff.data?.myName ? `我（${staff.data.myName}）` : '我'} onTap={() => onChange(undefined)} />
      {staff.data?.others.map((c) => (
        <Row
          key={c.openid}
          id={`${id}-${c.openid}`}
          on={value === c.openid}
          label={c.name || '没填姓名的民警'}
          note={c.role === 'admin' ? '管理员' : undefined}
          onTap={() => onChange(c.openid)}
        />
      ))}
      {staff.loading && !staff.data ? <Text className='fq-officer-picker__hint'>正在找同事名单…</Text> : null}
      {staff.error ? (
        <Text id={`${id}-retry`} className='fq-officer-picker__hint fq-officer-picker__hint--tap' onClick={() => void staff.reload()}>
          同事名单没有打开，现在只能选自己。点这里再试一次
        </Text>
      ) : null}
      {staff.data && staff.data.others.length === 0 ? <Text className='fq-officer-picker__hint'>所里还没有别的民警账号。</Text> : null}
    </View>
  )
}
