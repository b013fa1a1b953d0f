// 我的调解: the person's cases, one case in full (`?id=`), and joining a case with the other side's invite code.
import { useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { PartyCaseView } from '@contract/mediation'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import { StatusTag } from '@/components/MediationCase'
import { PartyCase } from './PartyCase'
import '@/components/MediationCase/mediation.scss'

function OneCase({ id }: { id: string }) {
  const one = useAsync(async () => {
    const v = await call('mediation.get', { id })
    if (v.view !== 'party') throw new Error('not a party view')
    return v
  }, [id])
  // A share card to the other side opens 我的调解 with the invite code filled in.
  useShareAppMessage(() => ({ title: '请一起到派出所调解，把事情说开', path: `/packages/mediation/mine/index?code=${one.data?.inviteCode ?? ''}` }))
  return (
    <PageShell id='page-mediation-case' state={one}>
      {one.data ? <PartyCase view={one.data} onChange={(v: PartyCaseView) => one.setData(v)} /> : null}
    </PageShell>
  )
}

/** A 小程序码 carries `scene=join=<code>` (URL-encoded); a share card carries `code=<code>`. */
export function codeFromParams(params: Record<string, string | undefined>): string {
  const raw = decodeURIComponent(params.scene ?? '')
  const fromScene = raw.startsWith('join=') ? raw.slice(5) : ''
  return (fromScene || params.code || '').toUpperCase().slice(0, 6)
}

function JoinByCode({ initial }: { initial: string }) {
  const [code, setCode] = useState(initial)
  const act = useAction()
  const join = async () => {
    const v = await act.run(() => call('mediation.join', { code }))
    if (v) void Taro.navigateTo({ url: `/packages/mediation/mine/index?id=${v.id}` })
  }
  return (
    <View className='fq-card' id='join-by-code'>
      <Text className='fq-med-card__line'>对方给了您邀请码？输入后就能一起调解：</Text>
      <Field label='邀请码（6位）' error={act.error} id='field-code'>
        <Input id='input-code' className='fq-med-input' value={code} maxlength={6} onInput={(e) => setCode(e.detail.value.toUpperCase())} />
      </Field>
      <BigButton id='join-submit' busy={act.busy} onClick={() => void join()}>
        加入调解
      </BigButton>
    </View>
  )
}

export default function MyMediationPage() {
  const { params } = useRouter()
  const list = useCall('mediation.mine', {}, [params.id])
  if (params.id) return <OneCase id={params.id} />
  const items = list.data?.items ?? []
  return (
    <PageShell id='page-mediation-mine' state={list}>
      <BigButton id='mine-apply' onClick={() => void Taro.navigateTo({ url: '/packages/mediation/apply/index' })}>
        有矛盾，申请调解
      </BigButton>
      {list.data && items.length === 0 ? <Text className='fq-muted' id='mine-empty'>您还没有调解申请。</Text> : null}
      {items.map((c) => (
        <View className={`fq-med-card${c.risk ? ' fq-med-card--risk' : ''}`} key={c.id} id={`mine-${c.id}`} onClick={() => void Taro.navigateTo({ url: `/packages/mediation/mine/index?id=${c.id}` })}>
          <Text className='fq-med-card__title'>{c.title}</Text>
          <StatusTag c={c} />
          <Text className='fq-med-card__line'>{c.nextSession ? `下次调解：${formatDateTime(c.nextSession)}` : `提交于 ${formatDateTime(c.createdAt)}`}</Text>
          {c.overdueTerms > 0 ? <Text className='fq-med-card__line fq-med-term--overdue'>{`有${c.overdueTerms}条协议过期没做`}</Text> : null}
        </View>
      ))}
      <JoinByCode initial={codeFromParams(params)} />
    </PageShell>
  )
}
