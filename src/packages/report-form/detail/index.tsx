// 我的举报 (one report): where it stands, what the station has done (the public timeline), adding material while it
// is open, and taking it back before the station accepts it. Opened from the list and from subscription messages.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { ReporterReportView } from '@contract/reports'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import ConfirmSheet from '@/components/ConfirmSheet'
import { useAction } from '@/hooks/useAction'
import { useAsync } from '@/hooks/useAsync'
import { useDraftPhotos } from '@/hooks/usePhotoUploads'
import { call } from '@/services/client'
import { useDraft } from '@/hooks/useDraft'
import { usableFolder, type UploadFolder } from '@/services/photos'
import { newRequestId } from '@/services/requestId'
import { formatDateTime } from '@/services/time'
import StatusTag from '@/components/StatusTag'
import CaseSurvey from '@/components/SurveyEntry/CaseSurvey'
import { PHOTOS_MAX, type DraftPhoto } from '@/packages/report-form/shared/draft'
import { LongText } from '@/components/ReportForm/inputs'
import PhotoPicker from '@/components/PhotoPicker'
import { PesticideFacts, PhotoStrip, TheftFacts, Timeline } from '@/components/ReportForm/ReportFacts'
import { toast } from '@/services/toast'
import '@/components/ReportForm/form.scss'

interface SupplementDraft {
  text: string
  photos: DraftPhoto[]
  requestId: string
  /** This supplement's own upload folder. */
  uploadFolder?: UploadFolder
}

function Supplement({ report, onDone }: { report: ReporterReportView; onDone: (r: ReporterReportView) => void }) {
  const name = `report-supplement-${report.caseNo}`
  const { draft, setDraft, clear: clearKept } = useDraft<SupplementDraft>(name, () => ({ text: '', photos: [], requestId: newRequestId() }), {
    restore: (d, fresh) => {
      const uploadFolder = usableFolder(d.uploadFolder)
      return { text: d.text ?? '', photos: Array.isArray(d.photos) ? d.photos : [], requestId: d.requestId ?? fresh.requestId, ...(uploadFolder ? { uploadFolder } : {}) }
    },
    // Only a supplement with something in it is kept.
    keep: (d) => Boolean(d.text || d.photos.length),
  })
  const [open, setOpen] = useState(() => Boolean(draft.text || draft.photos.length))
  const action = useAction()
  const uploads = useDraftPhotos(draft, setDraft, PHOTOS_MAX)

  const send = async () => {
    if (!draft.text.trim() && draft.photos.length === 0) return action.fail('请写点补充说明或加几张照片')
    if (Object.keys(uploads.failed).length > 0) return action.fail('有照片没传上去，请点“重传”或删掉那张')
    if (uploads.pending > 0) return action.fail('照片还在上传，请等一会儿再点')
    const photos = draft.photos.map((p) => p.fileId ?? '').filter(Boolean)
    const updated = await action.run(() => call('reports.supplement', { id: report.caseNo, text: draft.text.trim() || undefined, photos }, { requestId: draft.requestId }))
    if (!updated) return
    clearKept()
    setDraft({ text: '', photos: [], requestId: newRequestId() }, false)
    setOpen(false)
    toast('已补充', { kind: 'success' })
    onDone(updated)
  }

  if (!open)
    return (
      <BigButton kind='plain' id='supplement-open' onClick={() => setOpen(true)}>
        补充情况或照片
      </BigButton>
    )
  return (
    <View className='fq-card' id='supplement'>
      <Text className='fq-title'>补充情况</Text>
      <LongText id='supplement-text' label='想告诉民警什么' placeholder='例如：又想起来，那天晚上听到狗叫' maxlength={500} value={draft.text} onChange={(text) => setDraft((d) => ({ ...d, text }))} />
      <PhotoPicker uploads={uploads} max={PHOTOS_MAX} idPrefix='supplement-photo' />
      {action.error ? (
        <Text className='fq-report-form__error' id='supplement-error'>
          {action.error}
        </Text>
      ) : null}
      <BigButton id='supplement-send' busy={action.busy} onClick={() => void send()}>
        提交补充
      </BigButton>
      <BigButton kind='plain' onClick={() => setOpen(false)}>
        先不补充
      </BigButton>
    </View>
  )
}

function Withdraw({ report, onDone }: { report: ReporterReportView; onDone: (r: ReporterReportView) => void }) {
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const action = useAction()
  const [requestId] = useState(newRequestId)

  const confirm = async () => {
    const updated = await action.run(() => call('reports.withdraw', { id: report.caseNo, reason: reason.trim() || undefined }, { requestId }))
    if (!updated) return
    setAsking(false)
    toast('已撤回', { kind: 'success' })
    onDone(updated)
  }

  return (
    <>
      <BigButton kind='plain' id='withdraw-open' onClick={() => setAsking(true)}>
        撤回这件举报
      </BigButton>
      <ConfirmSheet
        open={asking}
        title='确定要撤回吗？'
        message='撤回以后，派出所就不再处理这件事了。以后还要报，可以重新提交。'
        confirmText='确定撤回'
        cancelText='不撤回'
        kind='danger'
        busy={action.busy}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
        id='withdraw-sheet'
        confirmId='withdraw-confirm'
        cancelId='withdraw-cancel'
      >
        <Field label='为什么撤回（可不填）' id='field-withdraw-reason'>
          <Input id='input-withdraw-reason' value={reason} placeholder='例如：东西找到了' maxlength={100} onInput={(e) => setReason(e.detail.value)} />
        </Field>
        {action.error ? (
          <Text className='fq-report-form__error' id='withdraw-error'>
            {action.error}
          </Text>
        ) : null}
      </ConfirmSheet>
    </>
  )
}

export default function ReportDetailPage() {
  const { params } = useRouter()
  const id = (params.id ?? '').trim()
  const report = useAsync(async () => {
    const r = await call('reports.get', { id })
    if (r.view === 'officer') {
      // Staff opening a case link get the officer page, with its actions.
      void Taro.redirectTo({ url: `/packages/officer-reports/detail/index?id=${r.caseNo}` })
    }
    return r
  }, [id])
  const r = report.data && report.data.view === 'reporter' ? report.data : undefined

  return (
    <PageShell id='page-report-detail' state={report} exits={[{ text: '回我的举报', onTap: () => void Taro.switchTab({ url: '/pages/report/index' }) }]}>
      {r ? (
        <>
          <View className='fq-card'>
            <View className='fq-detail__head'>
              <StatusTag status={r.status} id='report-status' />
              <Text className='fq-detail__case' id='report-case-no'>{`编号 ${r.caseNo}`}</Text>
            </View>
            <Text className='fq-title'>{r.title}</Text>
            <Text className='fq-muted'>{`${formatDateTime(r.createdAt)} 提交${r.anonymous ? '，匿名' : ''}`}</Text>
            {r.result ? (
              <Text className='fq-detail__result' id='report-result'>{`处理结果：${r.result}`}</Text>
            ) : null}
            {r.transferredTo ? (
              <Text className='fq-detail__transfer' id='report-transferred'>{`已移交给${r.transferredTo}，他们会继续处理`}</Text>
            ) : null}
          </View>

          {!r.open ? <CaseSurvey kind='report' id={r.caseNo} refreshKey={r.status} /> : null}

          <View className='fq-card'>
            <Text className='fq-title'>办理经过</Text>
            <Timeline lines={r.timeline.map((t) => ({ at: t.at, label: t.label, note: t.note, by: t.by }))} />
          </View>

          {r.canSupplement ? <Supplement report={r} onDone={report.setData} /> : null}
          {r.canWithdraw ? <Withdraw report={r} onDone={report.setData} /> : null}

          <View className='fq-card'>
            <Text className='fq-title'>您报的情况</Text>
            {r.theft ? <TheftFacts theft={r.theft} /> : null}
            {r.pesticide ? <PesticideFacts pesticide={r.pesticide} /> : null}
          </View>
          <View className='fq-card'>
            <Text className='fq-title'>照片</Text>
            <PhotoStrip photos={r.photos} />
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
