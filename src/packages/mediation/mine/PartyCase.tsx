// One case as a party sees it: where it stands, the next session, whether they agree to mediation, the agreement to
// confirm, terms to mark done, the follow-ups and the public timeline. Never the other side's words or phone.
// The 7/30/90-day checks are the mediator's; the party answers each with the app's one 回访 survey (满意 / 基本满意 /
// 不满意, optional words), opened when the round comes due.
import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { PartyCaseView } from '@contract/mediation'
import BigButton from '@/components/BigButton'
import CaseSurvey from '@/components/SurveyEntry/CaseSurvey'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { CallError } from '@/services/errors'
import { formatDateTime } from '@/services/time'
import { newPhotoKey, newUploadFolder, photoCloudPath } from '@/services/photos'
import { uploadFile } from '@/services/upload'
import { stationDay } from '@domain/station-time'
import { ClockLine, StatusTag, Timeline, dayText } from '@/components/MediationCase'
import { SignaturePad, type SignaturePadHandle } from '@/components/MediationCase/SignaturePad'
import '@/components/MediationCase/mediation.scss'


export interface PartyCaseProps {
  view: PartyCaseView
  onChange: (view: PartyCaseView) => void
}

export function PartyCase({ view, onChange }: PartyCaseProps) {
  const act = useAction()
  const [objecting, setObjecting] = useState<string>()
  const [reason, setReason] = useState('')
  const [qr, setQr] = useState<string>()
  const today = stationDay(new Date())
  const run = async (p: Promise<PartyCaseView | { view: 'officer' }>) => {
    const res = await act.run(() => p)
    if (res && res.view === 'party') onChange(res)
  }
  const a = view.agreement
  const mine = (party: string) => party === 'both' || party === view.side
  const pad = useRef<SignaturePadHandle>(null)
  const [signing, setSigning] = useState(false)
  const [inked, setInked] = useState(false)
  // The drawing goes up like a photo (a fresh folder the server handed out), then rides on the confirmation.
  const confirmSigned = () =>
    run(
      (async () => {
        const filePath = await pad.current?.exportPng().catch(() => undefined)
        if (!filePath) throw new CallError({ code: 'invalid_argument', message: '签名没存下来，请重写一次，或不签名直接确认' })
        const folder = await newUploadFolder()
        const { fileID } = await uploadFile({ filePath, cloudPath: photoCloudPath(folder.prefix, newPhotoKey(), 'signature.png') })
        return call('mediation.confirm', { id: view.id, signature: fileID })
      })(),
    )
  return (
    <View id='party-case'>
      <View className='fq-card'>
        <Text className='fq-title'>{view.title}</Text>
        <StatusTag c={view} />
        {view.levelLabel !== '未定级' ? <Text className='fq-med-tag'>{view.trackLabel}</Text> : null}
        <Text className='fq-med-card__line'>{`编号 ${view.id}`}</Text>
        {view.nextSession ? (
          <Text className='fq-med-clock' id='party-next-session'>
            {`下次调解：${formatDateTime(view.nextSession)}，${view.sessions.find((s) => s.outcome === 'planned')?.placeLabel ?? ''}`}
          </Text>
        ) : null}
        <ClockLine clock={view.clock} />
        {view.route ? <Text className='fq-med-clock' id='party-route'>{`已转交：${view.route.label}。${view.route.advice}`}</Text> : null}
        {view.judicial ? (
          <Text className='fq-med-clock' id='party-judicial'>
            {`调解协议已于${dayText(view.judicial.appliedDay)}送${view.judicial.court || view.judicial.label}申请司法确认。${
              view.judicial.result ? `法院结果：${view.judicial.resultLabel}${view.judicial.note ? `，${view.judicial.note}` : ''}` : '正在等法院结果。'
            }`}
          </Text>
        ) : null}
      </View>

      {view.extensionConsent ? (
        <View className='fq-card' id='party-extension'>
          <Text className='fq-med-section'>延长调解</Text>
          <Text className='fq-med-card__line'>人民调解一般一个月内调结。要继续调解，须您和对方都同意。</Text>
          {view.extensionConsent.mine ? (
            <Text className='fq-muted' id='party-extension-mine'>{view.extensionConsent.other ? '双方都同意了。' : '您已同意延长调解，等对方同意。'}</Text>
          ) : view.extensionConsent.canConsent ? (
            <>
              {view.extensionConsent.other ? <Text className='fq-muted' id='party-extension-other'>{`${view.otherPartyName}已同意延长，等您同意。`}</Text> : null}
              <BigButton id='party-extend' busy={act.busy} onClick={() => void run(call('mediation.consentExtension', { id: view.id }))}>
                同意延长调解
              </BigButton>
              <Text className='fq-muted'>不同意的，不用点。到期调不成，可以到村调委会、司法所或人民法院解决。</Text>
            </>
          ) : null}
        </View>
      ) : null}

      {act.error ? (
        <Text className='fq-med-error' id='party-error'>
          {act.error}
        </Text>
      ) : null}

      {view.inviteCode ? (
        <View className='fq-card' id='party-invite'>
          <Text className='fq-med-card__line'>{`对方（${view.otherPartyName}）还没加入。请把邀请码告诉对方：`}</Text>
          <Text className='fq-med-code'>{view.inviteCode}</Text>
          {qr ? <Image id='party-invite-qr' className='fq-med-qr' src={qr} /> : (
            <BigButton kind='plain' id='party-invite-qr-show' onClick={() => void act.run(() => call('mediation.inviteQr', { id: view.id })).then((r) => r && setQr(r.image))}>
              显示二维码，让对方扫一扫
            </BigButton>
          )}
          {process.env.TARO_ENV === 'weapp' ? (
            <BigButton kind='plain' id='party-invite-share' openType='share'>
              发给对方（微信）
            </BigButton>
          ) : null}
        </View>
      ) : null}

      {view.myConsent === 'pending' && ['applied', 'accepted'].includes(view.status) ? (
        <View className='fq-card' id='party-consent'>
          <Text className='fq-title'>您同意请派出所调解吗？</Text>
          <Text className='fq-med-card__line'>调解是自愿的。不同意的话，派出所会告诉您还能去哪里解决。</Text>
          <BigButton id='consent-yes' busy={act.busy} onClick={() => void run(call('mediation.consent', { id: view.id, agree: true }))}>
            同意调解
          </BigButton>
          <BigButton kind='plain' id='consent-no' busy={act.busy} onClick={() => void run(call('mediation.consent', { id: view.id, agree: false }))}>
            不同意
          </BigButton>
        </View>
      ) : null}

      {view.myConsent === 'refused' && ['applied', 'accepted'].includes(view.status) ? (
        <View className='fq-card' id='party-refused'>
          <Text className='fq-med-card__line'>您不同意由派出所调解。民警会把这件事转给村调委会、司法所或人民法院，并告诉您去哪里、怎么办。</Text>
          <BigButton kind='plain' id='consent-change' busy={act.busy} onClick={() => void run(call('mediation.consent', { id: view.id, agree: true }))}>
            改主意了，同意调解
          </BigButton>
        </View>
      ) : null}

      {view.team.length > 0 ? (
        <View className='fq-card' id='party-team'>
          <Text className='fq-med-section'>调解员</Text>
          {view.team.map((m) => (
            <View key={m.mediatorId} className='fq-med-term' id={`party-team-${m.mediatorId}`}>
              <Text className='fq-med-term__text'>{`${m.name}　${m.roleLabel}　${m.kindLabel}`}</Text>
              {['accepted', 'mediating'].includes(view.status) ? (
                <Text className='fq-med-link' id={`object-${m.mediatorId}`} onClick={() => setObjecting(m.mediatorId)}>
                  要求换人
                </Text>
              ) : null}
            </View>
          ))}
          <Text className='fq-muted'>如果调解员和您是亲戚、同社或有过节，可以要求换一位（回避）。</Text>
          {objecting ? (
            <View id='object-form'>
              <Field label='为什么要换人' id='field-object-reason'>
                <Input id='input-object-reason' className='fq-med-input' value={reason} maxlength={200} placeholder='比如：他是对方的亲戚' onInput={(e) => setReason(e.detail.value)} />
              </Field>
              <BigButton
                id='object-submit'
                busy={act.busy}
                onClick={() => {
                  if (!reason.trim()) return act.fail('请写一下为什么要换人')
                  void run(call('mediation.object', { id: view.id, mediatorId: objecting, reason })).then(() => setObjecting(undefined))
                }}
              >
                要求换人
              </BigButton>
            </View>
          ) : null}
        </View>
      ) : null}

      {a ? (
        <View className='fq-card' id='party-agreement'>
          <Text className='fq-med-section'>调解协议</Text>
          {a.terms.map((t) => (
            <View className={`fq-med-term${t.overdue ? ' fq-med-term--overdue' : ''}`} key={t.id} id={`term-${t.id}`}>
              <Text className='fq-med-term__text'>{`${t.partyLabel}：${t.what}（${dayText(t.dueDay)}前${t.how ? `，${t.how}` : ''}）${t.done ? ' ✓已完成' : t.overdue ? ' 已过期' : ''}`}</Text>
              {view.status === 'performing' && !t.done && mine(t.party) ? (
                <Text className='fq-med-link' id={`term-done-${t.id}`} onClick={() => void run(call('mediation.termDone', { id: view.id, termId: t.id }))}>
                  我做完了
                </Text>
              ) : null}
            </View>
          ))}
          <BigButton kind='plain' id='party-open-document' onClick={() => void Taro.navigateTo({ url: `/packages/mediation/agreement/index?id=${view.id}` })}>
            看协议书全文（可保存、打印）
          </BigButton>
          {view.status === 'agreement_pending' && !view.myConfirmation ? (
            <View id='party-confirm-box'>
              {signing ? (
                <>
                  <SignaturePad id='signature' ref={pad} onInk={setInked} />
                  <BigButton id='party-confirm-signed' busy={act.busy} disabled={!inked} onClick={() => void confirmSigned()}>
                    签好了，确认协议
                  </BigButton>
                </>
              ) : (
                <BigButton id='party-sign' onClick={() => setSigning(true)}>
                  手写签名，确认协议
                </BigButton>
              )}
              <BigButton kind='plain' id='party-confirm' busy={act.busy} onClick={() => void run(call('mediation.confirm', { id: view.id }))}>
                不签名，直接确认
              </BigButton>
              <Text className='fq-muted'>签名会印在协议书上。也可以到派出所在纸质协议书上签字，由民警拍照登记。</Text>
            </View>
          ) : null}
          {view.myConfirmation && view.status === 'agreement_pending' ? <Text className='fq-muted' id='party-confirmed'>您已确认，等对方确认。</Text> : null}
        </View>
      ) : null}

      {view.followUps.length > 0 ? (
        <View className='fq-card' id='party-followups'>
          <Text className='fq-med-section'>回访</Text>
          {view.followUps.map((f) => (
            <Text className='fq-med-card__line' key={f.round} id={`followup-${f.round}`}>
              {f.done
                ? `${f.round}天回访：${f.kept ? '协议在履行' : '协议没履行'}，${f.relations}${f.satisfaction ? `，满意度${f.satisfaction}分` : ''}`
                : f.dueDay <= today
                  ? `${f.round}天回访：到时候了，派出所会问问您`
                  : `${f.round}天回访：${dayText(f.dueDay)}左右，派出所会问问您`}
            </Text>
          ))}
          <CaseSurvey kind='mediation' id={view.id} refreshKey={view.followUps.map((f) => `${f.round}${f.done ? 1 : 0}`).join()} prompt={(stage) => `${stage}：这件事现在怎么样了，说说您满意吗？`} />
        </View>
      ) : null}

      {view.status === 'resolved' && !view.storyConsent ? (
        <View className='fq-card' id='party-story'>
          <Text className='fq-med-card__line'>派出所想把这件事隐去姓名，讲给乡亲们听（以案说法）。您同意吗？</Text>
          <BigButton kind='plain' id='story-yes' onClick={() => void run(call('mediation.storyConsent', { id: view.id, agree: true }))}>
            同意
          </BigButton>
        </View>
      ) : null}

      {view.canWithdraw ? (
        <BigButton kind='plain' id='party-withdraw' busy={act.busy} onClick={() => void run(call('mediation.withdraw', { id: view.id }))}>
          不用调了，撤回申请
        </BigButton>
      ) : null}

      <Text className='fq-med-section'>进展</Text>
      <Timeline items={view.timeline} id='party-timeline' />
    </View>
  )
}
