// The frame of a report form: which step of how many, the step itself, 上一步 / 下一步, the confirm step with the
// anonymous choice and 提交, and the success screen with the case number.
import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Profile } from '@contract/account'
import type { ReportType } from '@domain/reports'
import BigButton from '@/components/BigButton'
import ReportUpdatesConsent from './ReportUpdatesConsent'
import type { ReportForm } from './useReportDraft'
import '@/components/ReportForm/form.scss'

export const ANONYMOUS_MEANS = '民警看不到您的姓名和电话，但派出所仍能给您发进展通知'

export interface SummaryRow {
  label: string
  value: string
  /** The step where it is filled in (for 改). */
  step: number
}

export interface ReportWizardProps<T extends ReportType> {
  form: ReportForm<T>
  profile: Profile
  /** The content of a step before the confirm step. */
  renderStep: (step: number) => ReactNode
  summary: SummaryRow[]
}

export function StepBar({ titles, current }: { titles: readonly string[]; current: number }) {
  return (
    <View className='fq-steps' id='report-steps'>
      <Text className='fq-steps__now' id='report-step-title'>{`第${current + 1}步，共${titles.length}步：${titles[current]}`}</Text>
      <View className='fq-steps__dots'>
        {titles.map((t, i) => (
          <View key={t} className={`fq-steps__dot${i < current ? ' fq-steps__dot--done' : i === current ? ' fq-steps__dot--now' : ''}`} />
        ))}
      </View>
    </View>
  )
}

export function AnonymousChoice({ anonymous, onChange, profile }: { anonymous: boolean; onChange: (on: boolean) => void; profile: Profile }) {
  const hasContact = Boolean(profile.name && profile.phone)
  return (
    <View className='fq-anon' id='anonymous-choice'>
      <Text className='fq-anon__title'>要不要留姓名电话？</Text>
      <View className={`fq-anon__option${!anonymous ? ' fq-anon__option--on' : ''}`} id='anonymous-no' onClick={() => onChange(false)}>
        <Text className='fq-anon__mark'>{!anonymous ? '●' : '○'}</Text>
        <View className='fq-anon__text'>
          <Text className='fq-anon__name'>留下姓名电话</Text>
          <Text className='fq-anon__note'>
            {hasContact ? `民警会看到：${profile.name} ${profile.phone}，可以打电话问您情况` : '您还没填姓名电话，请先到“我的”里填写，或者选匿名'}
          </Text>
        </View>
      </View>
      <View className={`fq-anon__option${anonymous ? ' fq-anon__option--on' : ''}`} id='anonymous-yes' onClick={() => onChange(true)}>
        <Text className='fq-anon__mark'>{anonymous ? '●' : '○'}</Text>
        <View className='fq-anon__text'>
          <Text className='fq-anon__name'>匿名举报</Text>
          <Text className='fq-anon__note' id='anonymous-means'>
            {ANONYMOUS_MEANS}
          </Text>
        </View>
      </View>
    </View>
  )
}

export function ReportSuccess({ caseNo, flagged, subscribeTemplateId }: { caseNo: string; flagged: boolean; subscribeTemplateId?: string | null }) {
  return (
    <View className='fq-card fq-success' id='report-success'>
      <Text className='fq-success__icon'>✓</Text>
      <Text className='fq-success__title'>举报已送到派出所</Text>
      <Text className='fq-success__label'>您的举报编号</Text>
      <Text className='fq-success__case' id='report-case-no'>
        {caseNo}
      </Text>
      <Text className='fq-success__note'>
        {flagged ? '内容需要民警再看一下，不影响受理。' : ''}派出所会尽快处理，在“举报”页的“我的举报”里随时能看到进展。
      </Text>
      <ReportUpdatesConsent templateId={subscribeTemplateId} />
      <BigButton id='report-open-detail' onClick={() => void Taro.redirectTo({ url: `/packages/report-form/detail/index?id=${caseNo}` })}>
        查看这件举报
      </BigButton>
      <BigButton kind='plain' id='report-back-tab' onClick={() => void Taro.switchTab({ url: '/pages/report/index' })}>
        回到举报页
      </BigButton>
    </View>
  )
}

export default function ReportWizard<T extends ReportType>({ form, profile, renderStep, summary }: ReportWizardProps<T>) {
  const { draft, steps } = form
  if (form.created) return <ReportSuccess caseNo={form.created.caseNo} flagged={form.created.flagged} subscribeTemplateId={form.created.subscribeTemplateId} />
  const last = steps.length - 1
  const onConfirm = draft.step === last
  const anonymousError = form.errors.anonymous
  return (
    <View className='fq-report-form' id={`report-form-${draft.type}`}>
      <StepBar titles={steps.map((s) => s.title)} current={draft.step} />
      {form.restored && draft.step === 0 ? (
        <View className='fq-report-form__restored' id='draft-restored'>
          <Text>上次没填完的内容都还在，接着填就行。</Text>
          <Text className='fq-link' id='draft-discard' onClick={form.discard}>
            清空重填
          </Text>
        </View>
      ) : null}

      {onConfirm ? (
        <View className='fq-card' id='report-confirm'>
          <Text className='fq-title'>请核对一下</Text>
          {summary.map((row) => (
            <View className='fq-summary__row' key={row.label}>
              <Text className='fq-summary__label'>{row.label}</Text>
              <Text className='fq-summary__value'>{row.value || '没填'}</Text>
              <Text className='fq-link fq-summary__edit' onClick={() => form.goTo(row.step)}>
                改
              </Text>
            </View>
          ))}
          <AnonymousChoice anonymous={draft.anonymous} onChange={form.setAnonymous} profile={profile} />
          {anonymousError ? <Text className='fq-report-form__error'>{anonymousError}</Text> : null}
        </View>
      ) : (
        <View className='fq-card'>{renderStep(draft.step)}</View>
      )}

      {form.submitError ? (
        <Text className='fq-report-form__error' id='report-submit-error'>
          {form.submitError}
        </Text>
      ) : null}
      {onConfirm && form.uploads.pending > 0 && !form.submitError ? (
        <Text className='fq-muted fq-report-form__wait' id='report-photos-pending'>{`还有 ${form.uploads.pending} 张照片在上传…`}</Text>
      ) : null}

      <View className='fq-report-form__nav'>
        {onConfirm ? (
          <BigButton id='report-submit' busy={form.submitting} onClick={() => void form.submit()}>
            提交举报
          </BigButton>
        ) : (
          <BigButton id='report-next' onClick={form.next}>
            下一步
          </BigButton>
        )}
        {draft.step > 0 ? (
          <BigButton kind='plain' id='report-back' onClick={form.back}>
            上一步
          </BigButton>
        ) : null}
      </View>
      <Text className='fq-muted fq-report-form__saved'>填的内容会自动存在手机上，没网也不会丢。</Text>
    </View>
  )
}
