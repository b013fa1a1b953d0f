// 举报详情 (officer): the whole case — what was reported, photos in the big viewer, the reporter (one tap to call,
// unless anonymous), the moves the lifecycle table allows from here, assignment to any officer, and the full timeline.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import type { MoveOption, OfficerReportView } from '@contract/reports'
import { isOpen, TRANSFER_AGENCIES } from '@domain/reports'
import PageShell from '@/components/PageShell'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Sheet from '@/components/Sheet'
import ConfirmSheet from '@/components/ConfirmSheet'
import OfficerPicker from '@/components/OfficerPicker'
import { dial } from '@/components/CallBar'
import { useAction } from '@/hooks/useAction'
import { useAsync, useCall } from '@/hooks/useAsync'
import { call } from '@/services/client'
import { formatDateTime } from '@/services/time'
import StatusTag from '@/components/StatusTag'
import { LongText } from '@/components/ReportForm/inputs'
import { PesticideFacts, PhotoStrip, TheftFacts, Timeline } from '@/components/ReportForm/ReportFacts'
import { toast } from '@/services/toast'
import '@/styles/filters.scss'
import '@/packages/officer-reports/shared/officer.scss'

const NOTE_LABELS: Record<MoveOption['needs'], string> = {
  nothing: '说明（可不填）',
  result: '处理结果（必填，举报人会看到）',
  reason: '不予受理的原因（必填，举报人会看到）',
  agency: '说明（可不填）',
}

function MoveSheet({ report, move, onClose, onDone }: { report: OfficerReportView; move: MoveOption; onClose: () => void; onDone: (r: OfficerReportView) => void }) {
  const [note, setNote] = useState('')
  const [agency, setAgency] = useState('')
  const [tell, setTell] = useState(true)
  /** Accepting: who handles it; undefined is the officer on this page (or whoever already has it). */
  const [assignee, setAssignee] = useState<string | undefined>(report.assignee ?? undefined)
  const action = useAction()
  const fieldError = (field: string) => (action.field === field ? action.error : undefined)
  const accepting = move.to === 'accepted'

  const send = async () => {
    if (move.needs === 'result' && !note.trim()) return action.fail('请写明处理结果，举报人会看到', 'note')
    if (move.needs === 'reason' && !note.trim()) return action.fail('请写明不予受理的原因，举报人会看到', 'note')
    if (move.needs === 'agency' && !agency.trim()) return action.fail('请选择或填写移交给哪个部门', 'agency')
    const updated = await action.run((requestId) =>
      call(
        'reports.transition',
        {
          id: report.caseNo,
          to: move.to,
          note: note.trim() || undefined,
          agency: move.needs === 'agency' ? agency.trim() : undefined,
          public: move.alwaysPublic ? true : tell,
          ...(accepting ? { assignee: assignee ?? 'me' } : {}),
        },
        { requestId },
      ),
    )
    if (!updated) return
    toast('已办好', { kind: 'success' })
    onDone(updated)
  }

  return (
    <ConfirmSheet
      open
      title={move.label}
      confirmText={`确定${move.label}`}
      cancelText='取消'
      kind={move.to === 'rejected' ? 'danger' : 'primary'}
      busy={action.busy}
      onConfirm={() => void send()}
      onCancel={onClose}
      id='move-sheet'
      confirmId='move-confirm'
      cancelId='move-cancel'
    >
      {accepting ? <OfficerPicker id='accept-officer' label='受理后谁来办' value={assignee} onChange={setAssignee} /> : null}
      {move.needs === 'agency' ? (
        <Field label='移交给哪个部门' error={fieldError('agency')} id='field-agency'>
          <Input id='input-agency' value={agency} placeholder='选下面的，或者自己写' maxlength={30} onInput={(e) => setAgency(e.detail.value)} />
        </Field>
      ) : null}
      {move.needs === 'agency' ? (
        <View className='fq-filter' id='agency-choices'>
          {TRANSFER_AGENCIES.map((a) => (
            <Text key={a} className={`fq-filter__item${agency === a ? ' fq-filter__item--on' : ''}`} onClick={() => setAgency(a)}>
              {a}
            </Text>
          ))}
        </View>
      ) : null}
      <LongText id='move-note' label={NOTE_LABELS[move.needs]} maxlength={500} value={note} error={fieldError('note')} onChange={setNote} />
      {move.alwaysPublic ? (
        <Text className='fq-muted fq-moves__note'>这一步举报人会看到，并收到通知。</Text>
      ) : (
        <View className='fq-switch-row'>
          <Text>告诉举报人</Text>
          <Switch id='move-public' checked={tell} color='#1b4f9c' onChange={(e) => setTell(Boolean(e.detail.value))} />
        </View>
      )}
      {!move.alwaysPublic && !tell ? <Text className='fq-muted fq-moves__note'>关掉后这条记录只有民警能看到，不发通知。</Text> : null}
      {action.error && !action.field ? (
        <Text className='fq-error-line' id='move-error'>
          {action.error}
        </Text>
      ) : null}
    </ConfirmSheet>
  )
}

/** Hands the case to an officer ('me' or an openid), then tells the page; used by 我来办 and by the picker sheet. */
async function assignReport(report: OfficerReportView, assignee: string, requestId: string, onDone: (r: OfficerReportView) => void) {
  const updated = await call('reports.assign', { id: report.caseNo, assignee }, { requestId })
  toast('已指派', { kind: 'success' })
  onDone(updated)
}

function AssignSheet({ report, onClose, onDone }: { report: OfficerReportView; onClose: () => void; onDone: (r: OfficerReportView) => void }) {
  /** undefined: the officer on this page. */
  const [assignee, setAssignee] = useState<string>()
  const action = useAction()
  const assign = () => action.run((requestId) => assignReport(report, assignee ?? 'me', requestId, onDone), { intent: assignee ?? 'me' })

  return (
    <Sheet open title={`指派：${report.caseNo}`} onClose={onClose} id='assign-sheet'>
      <OfficerPicker id='assign-officer' label='交给谁来办' value={assignee} onChange={setAssignee} />
      {action.error ? (
        <Text className='fq-error-line' id='assign-error'>
          {action.error}
        </Text>
      ) : null}
      <BigButton id='assign-confirm' busy={action.busy} onClick={() => void assign()}>
        确定指派
      </BigButton>
      <BigButton kind='plain' onClick={onClose}>
        取消
      </BigButton>
    </Sheet>
  )
}

function Assign({ report, onDone }: { report: OfficerReportView; onDone: (r: OfficerReportView) => void }) {
  const me = useCall('account.me', {})
  const action = useAction()
  const [choosing, setChoosing] = useState(false)
  const assignMe = () => action.run((requestId) => assignReport(report, 'me', requestId, onDone))

  const mine = me.data && report.assignee === me.data.openid
  return (
    <View className='fq-card' id='assign'>
      <Text className='fq-title'>谁来办</Text>
      <Text className='fq-reporter__line' id='assignee'>
        {report.assigneeName ? `已指派给${mine ? '您' : report.assigneeName}` : '还没有指派'}
      </Text>
      {me.data && !mine ? (
        <BigButton kind='plain' id='assign-me' busy={action.busy} onClick={() => void assignMe()}>
          我来办（指派给我）
        </BigButton>
      ) : null}
      <BigButton kind='plain' id='assign-other' onClick={() => setChoosing(true)}>
        指派给其他民警
      </BigButton>
      {action.error ? <Text className='fq-error-line'>{action.error}</Text> : null}
      {choosing ? (
        <AssignSheet
          report={report}
          onClose={() => setChoosing(false)}
          onDone={(updated) => {
            setChoosing(false)
            onDone(updated)
          }}
        />
      ) : null}
    </View>
  )
}

export default function OfficerReportDetailPage() {
  const { params } = useRouter()
  const id = (params.id ?? '').trim()
  const report = useAsync(() => call('reports.get', { id }), [id])
  const [move, setMove] = useState<MoveOption>()
  const r = report.data && report.data.view === 'officer' ? report.data : undefined
  const notStaff = report.data && report.data.view !== 'officer'
  // Only reports.get reveals (and audits) the reporter's phone; answers to assign and transition mask it. Keep the
  // number already shown so 打电话给举报人 still dials a real number after a change.
  const applyUpdate = (updated: OfficerReportView) => report.setData(r ? { ...updated, reporter: r.reporter } : updated)

  return (
    <PageShell id='page-officer-report' state={report} exits={[{ text: '回举报列表', onTap: () => void Taro.redirectTo({ url: '/packages/officer-reports/index/index' }) }]} empty={notStaff ? { icon: '!', text: '这里是民警用的页面。您的举报请在“举报”页的“我的举报”里看。' } : false}>
      {r ? (
        <>
          <View className='fq-card'>
            <View className='fq-queue-card__marks'>
              <StatusTag status={r.status} id='officer-report-status' />
              {r.overdue ? <Text className='fq-mark fq-mark--overdue'>超时未受理</Text> : null}
              {r.flagged ? <Text className='fq-mark fq-mark--flag'>内容待核查</Text> : null}
            </View>
            <Text className='fq-title'>{r.title}</Text>
            <View className='fq-queue-card__meta'>
              <Text id='officer-report-case'>{r.caseNo}</Text>
              <Text>{r.typeLabel}</Text>
              <Text>{r.villageName}</Text>
              <Text>{`${formatDateTime(r.createdAt)} 提交`}</Text>
            </View>
            {r.cluster && r.cluster.count > 1 ? (
              <Text
                className='fq-mark fq-mark--cluster fq-detail__cluster'
                id='officer-report-cluster'
                onClick={() => void Taro.navigateTo({ url: '/packages/officer-reports/clusters/index' })}
              >
                {`${r.cluster.summary} ›`}
              </Text>
            ) : null}
            {r.result ? <Text className='fq-detail__result'>{`处理结果：${r.result}`}</Text> : null}
            {r.transferredTo ? <Text className='fq-detail__transfer'>{`已移交：${r.transferredTo}`}</Text> : null}
          </View>

          <View className='fq-card' id='reporter'>
            <Text className='fq-title'>举报人</Text>
            {r.reporter.anonymous ? (
              <Text className='fq-reporter__line' id='reporter-anonymous'>
                匿名举报：看不到举报人的姓名和电话。照常处理，进展会自动通知他。
              </Text>
            ) : (
              <>
                <Text className='fq-reporter__line' id='reporter-contact'>{`${r.reporter.name} ${r.reporter.phone}`}</Text>
                <BigButton id='reporter-call' onClick={() => r.reporter.anonymous || dial(r.reporter.phone)}>
                  打电话给举报人
                </BigButton>
                <Text className='fq-muted'>查看和拨打电话会记录在案。</Text>
              </>
            )}
          </View>

          {r.moves.length > 0 ? (
            <View className='fq-card' id='moves'>
              <Text className='fq-title'>下一步</Text>
              {r.moves.map((m) => (
                <BigButton key={m.to} id={`move-${m.to}`} kind={m.to === 'rejected' || m.to === 'transferred' ? 'plain' : 'primary'} onClick={() => setMove(m)}>
                  {m.label}
                </BigButton>
              ))}
            </View>
          ) : (
            <Text className='fq-muted fq-moves__note'>这件举报已经结束，不能再改状态。</Text>
          )}

          {isOpen(r.status) ? <Assign report={r} onDone={applyUpdate} /> : null}

          <View className='fq-card'>
            <Text className='fq-title'>举报内容</Text>
            {r.theft ? <TheftFacts theft={r.theft} /> : null}
            {r.pesticide ? <PesticideFacts pesticide={r.pesticide} forOfficer /> : null}
          </View>
          <View className='fq-card'>
            <Text className='fq-title'>照片（点开看大图）</Text>
            <PhotoStrip photos={r.photos} hidden={r.hiddenPhotos} />
          </View>
          <View className='fq-card'>
            <Text className='fq-title'>办理经过</Text>
            <Timeline
              lines={r.timeline.map((t) => ({
                at: t.at,
                label: t.label,
                note: t.note,
                by: t.by === 'reporter' ? '举报人' : t.officerName ?? '民警',
                internal: !t.public,
              }))}
            />
          </View>
          {move ? (
            <MoveSheet
              report={r}
              move={move}
              onClose={() => setMove(undefined)}
              onDone={(updated) => {
                setMove(undefined)
                applyUpdate(updated)
              }}
            />
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
