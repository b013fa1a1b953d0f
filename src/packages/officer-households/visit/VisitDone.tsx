// After a visit is recorded: each concern raised can become a report, a dispute or an alert draft in one tap. What
// the visit already knows (village, place, the words) is filled in; only what it cannot know is asked for.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { ConcernView, VisitView } from '@contract/households'
import { DISPUTE_KINDS, type DisputeKind } from '@domain/mediation'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/client'
import { newRequestId } from '@/services/requestId'
import { formatDateTime } from '@/services/time'
import '../shared/officer-hh.scss'

/** The alerts compose page reads a prefill from here (see officer-alerts/compose/form.ts). */
const ALERT_PREFILL_KEY = 'fq_alert_prefill'

type Became = NonNullable<ConcernView['became']>
type Mode = 'report' | 'mediation'

const BECAME_LABEL: Record<Became['kind'], string> = { report: '已转举报', mediation: '已转调解', alert: '已做预警草稿' }

/** What the report form needs beyond the concern itself, per report type. */
interface ReportExtra {
  item: string
  product: string
  brand: string
  shop: string
  crop: string
}

interface DisputeExtra {
  kind: DisputeKind
  applicantName: string
  applicantPhone: string
  otherName: string
}

function ConcernActions({ visit, index, concern, place, onBecame }: { visit: VisitView; index: number; concern: ConcernView; place: string; onBecame: (b: Became) => void }) {
  const [mode, setMode] = useState<Mode>()
  const [requestId] = useState(newRequestId)
  const [report, setReport] = useState<ReportExtra>({ item: concern.text.slice(0, 30), product: '', brand: '', shop: '', crop: '' })
  const [dispute, setDispute] = useState<DisputeExtra>({ kind: 'neighbour', applicantName: '', applicantPhone: '', otherName: '' })
  const act = useAction()
  const fromVisit = { visitId: visit.id, concern: index }
  const pesticide = concern.topic === 'pesticide'

  const toReport = async () => {
    const at = visit.at
    const payload = pesticide
      ? { type: 'fake_pesticide' as const, product: report.product, brand: report.brand, shop: report.shop, villageId: visit.villageId, boughtAt: at, crop: report.crop, damage: concern.text, fromVisit, ...(visit.addressId ? { addressId: visit.addressId } : {}) }
      : { type: 'theft' as const, items: [{ name: report.item }], from: at, to: at, villageId: visit.villageId, place: place || visit.villageName, description: concern.text, fromVisit, ...(visit.addressId ? { addressId: visit.addressId } : {}) }
    const made = await act.run(() => call('reports.create', payload, { requestId }))
    if (made) onBecame({ kind: 'report', id: made.id })
  }
  const toDispute = async () => {
    const made = await act.run(() =>
      call(
        'mediation.register',
        {
          source: 'home_visit',
          kind: dispute.kind,
          applicant: { name: dispute.applicantName, phone: dispute.applicantPhone, villageId: visit.villageId, ...(visit.group ? { group: visit.group } : {}) },
          other: { name: dispute.otherName },
          what: concern.text,
          place: place || visit.villageName,
          villageId: visit.villageId,
          fromVisit,
        },
        { requestId },
      ),
    )
    if (made) onBecame({ kind: 'mediation', id: made.id })
  }
  const toAlert = async () => {
    const draft = await act.run(() => call('households.alertDraft', fromVisit))
    if (!draft) return
    Taro.setStorageSync(ALERT_PREFILL_KEY, JSON.stringify(draft))
    onBecame({ kind: 'alert', id: visit.id })
    void Taro.navigateTo({ url: '/packages/officer-alerts/compose/index?prefill=1' })
  }

  if (concern.became) {
    return (
      <Text className='fq-hh-line' id={`concern-${index}-became`}>
        {`${BECAME_LABEL[concern.became.kind]}${concern.became.kind === 'alert' ? '' : ` ${concern.became.id}`}`}
      </Text>
    )
  }
  const setR = (k: keyof ReportExtra, v: string) => setReport((r) => ({ ...r, [k]: v }))
  const setD = <K extends keyof DisputeExtra>(k: K, v: DisputeExtra[K]) => setDispute((d) => ({ ...d, [k]: v }))
  return (
    <View>
      {mode === 'report' ? (
        <View id={`concern-${index}-report`}>
          {pesticide ? (
            <>
              <Field label='农药名称' id={`esc-${index}-product`}>
                <Input id={`input-esc-${index}-product`} value={report.product} maxlength={50} onInput={(e) => setR('product', e.detail.value)} />
              </Field>
              <Field label='品牌或厂家' id={`esc-${index}-brand`}>
                <Input id={`input-esc-${index}-brand`} value={report.brand} maxlength={50} onInput={(e) => setR('brand', e.detail.value)} />
              </Field>
              <Field label='在哪里买的' id={`esc-${index}-shop`}>
                <Input id={`input-esc-${index}-shop`} value={report.shop} maxlength={50} onInput={(e) => setR('shop', e.detail.value)} />
              </Field>
              <Field label='用在什么作物上' id={`esc-${index}-crop`}>
                <Input id={`input-esc-${index}-crop`} value={report.crop} maxlength={20} onInput={(e) => setR('crop', e.detail.value)} />
              </Field>
            </>
          ) : (
            <Field label='丢了什么' id={`esc-${index}-item`}>
              <Input id={`input-esc-${index}-item`} value={report.item} maxlength={30} onInput={(e) => setR('item', e.detail.value)} />
            </Field>
          )}
          <BigButton id={`concern-${index}-report-send`} busy={act.busy} onClick={() => void toReport()}>
            转为举报
          </BigButton>
        </View>
      ) : mode === 'mediation' ? (
        <View id={`concern-${index}-mediation`}>
          <View className='fq-hh-chips'>
            {DISPUTE_KINDS.map((k) => (
              <View key={k.value} id={`esc-${index}-kind-${k.value}`} className={`fq-hh-chip${dispute.kind === k.value ? ' fq-hh-chip--on' : ''}`} onClick={() => setD('kind', k.value)}>
                <Text>{k.label}</Text>
              </View>
            ))}
          </View>
          <Field label='反映人姓名' id={`esc-${index}-aname`}>
            <Input id={`input-esc-${index}-aname`} value={dispute.applicantName} maxlength={20} onInput={(e) => setD('applicantName', e.detail.value)} />
          </Field>
          <Field label='反映人手机号' id={`esc-${index}-aphone`}>
            <Input id={`input-esc-${index}-aphone`} type='number' value={dispute.applicantPhone} maxlength={11} onInput={(e) => setD('applicantPhone', e.detail.value)} />
          </Field>
          <Field label='对方姓名' id={`esc-${index}-oname`}>
            <Input id={`input-esc-${index}-oname`} value={dispute.otherName} maxlength={20} onInput={(e) => setD('otherName', e.detail.value)} />
          </Field>
          <BigButton id={`concern-${index}-mediation-send`} busy={act.busy} onClick={() => void toDispute()}>
            转为调解
          </BigButton>
        </View>
      ) : (
        <View className='fq-hh-chips'>
          <View className='fq-hh-small' id={`concern-${index}-to-report`} onClick={() => setMode('report')}>
            <Text>转举报</Text>
          </View>
          <View className='fq-hh-small' id={`concern-${index}-to-mediation`} onClick={() => setMode('mediation')}>
            <Text>转调解</Text>
          </View>
          <View className='fq-hh-small' id={`concern-${index}-to-alert`} onClick={() => void toAlert()}>
            <Text>发预警</Text>
          </View>
        </View>
      )}
      {act.error ? (
        <Text className='fq-hh-error' id={`concern-${index}-error`}>
          {act.error}
        </Text>
      ) : null}
      {mode ? (
        <BigButton kind='plain' id={`concern-${index}-back`} onClick={() => setMode(undefined)}>
          先不转
        </BigButton>
      ) : null}
    </View>
  )
}

export default function VisitDone({ visit, line }: { visit: VisitView; line?: string }) {
  const [became, setBecame] = useState<Record<number, Became>>({})
  const place = line || visit.place
  return (
    <View id='visit-done'>
      <View className='fq-card'>
        <Text className='fq-title'>走访记上了</Text>
        <Text className='fq-hh-line' id='visit-done-when'>{`${formatDateTime(visit.at)} ${visit.kindLabel}`}</Text>
        {place ? <Text className='fq-hh-line'>{place}</Text> : null}
        {visit.notes ? <Text className='fq-muted'>{visit.notes}</Text> : null}
      </View>
      {visit.concerns.length > 0 ? (
        <View className='fq-card' id='visit-done-concerns'>
          <Text className='fq-title'>反映的事，要不要转出去</Text>
          {visit.concerns.map((c, i) => (
            <View key={i} className='fq-hh-card' id={`done-concern-${i}`}>
              <Text className='fq-hh-row__name'>{`${c.topicLabel}：${c.text}`}</Text>
              <ConcernActions visit={visit} index={i} concern={became[i] ? { ...c, became: became[i] } : c} place={place} onBecame={(b) => setBecame((m) => ({ ...m, [i]: b }))} />
            </View>
          ))}
        </View>
      ) : null}
      <BigButton kind='plain' id='visit-back' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/packages/officer-households/book/index' }))}>
        回去
      </BigButton>
    </View>
  )
}
