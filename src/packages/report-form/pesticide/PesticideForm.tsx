// The fake-pesticide form in five short steps — the product, where it was bought, the damage, photos, confirm.
import { View } from '@tarojs/components'
import type { Profile, Village } from '@contract/account'
import { PHOTOS_MAX } from '@/packages/report-form/shared/draft'
import { stationDay } from '@domain/station-time'
import { chineseDate, DatePick, LongText, TextInput, Tip, VillagePick } from '@/components/ReportForm/inputs'
import PhotoPicker, { type PhotoExample } from '@/components/PhotoPicker'
import ReportWizard, { type SummaryRow } from '@/packages/report-form/shared/ReportWizard'
import { useReportForm, type ReportPrefill } from '@/packages/report-form/shared/useReportDraft'

export const PESTICIDE_PHOTO_EXAMPLES: readonly PhotoExample[] = [
  { what: '药瓶或药袋上的标签', why: '正面、背面都拍，登记证号和批号要拍清楚' },
  { what: '购买的小票或收据', why: '没有小票，拍下微信或支付宝付款记录也行' },
  { what: '受害的庄稼', why: '拍一张整块地，再拍几张近处的叶子、果子' },
]

export function PesticideForm({ profile, villages, now, prefill }: { profile: Profile; villages: readonly Village[]; now?: () => Date; prefill?: ReportPrefill<'fake_pesticide'> }) {
  const form = useReportForm('fake_pesticide', { defaultVillageId: profile.villageId, now, prefill })
  const v = form.draft.values
  const e = form.errors
  const today = stationDay((now ?? (() => new Date()))())

  const renderStep = (step: number) => {
    if (step === 0)
      return (
        <View id='pesticide-step-product'>
          <Tip>照着药瓶、药袋上的字填。</Tip>
          <TextInput id='product' label='农药名称' placeholder='例如：草甘膦' maxlength={50} value={v.product} error={e.product} onChange={(x) => form.set('product', x)} />
          <TextInput id='brand' label='品牌或厂家' placeholder='例如：某某化工有限公司' maxlength={50} value={v.brand} error={e.brand} onChange={(x) => form.set('brand', x)} />
          <TextInput
            id='registration-no'
            label='农药登记证号（可不填）'
            hint='标签上“PD”开头的一串字，例如 PD20080001'
            maxlength={30}
            value={v.registrationNo}
            error={e.registrationNo}
            onChange={(x) => form.set('registrationNo', x)}
          />
          <TextInput id='batch-no' label='批号（可不填）' hint='印在瓶底或袋子边上' maxlength={30} value={v.batchNo} error={e.batchNo} onChange={(x) => form.set('batchNo', x)} />
        </View>
      )
    if (step === 1)
      return (
        <View id='pesticide-step-shop'>
          <TextInput
            id='shop'
            label='在哪个店买的'
            placeholder='店名；上门卖的就写“流动商贩”'
            maxlength={50}
            value={v.shop}
            error={e.shop}
            onChange={(x) => form.set('shop', x)}
          />
          <VillagePick id='village' label='店在哪个村' value={v.villageId} villages={villages} error={e.villageId} onChange={(x) => form.set('villageId', x)} />
          <TextInput id='address' label='详细地址（可不填）' placeholder='例如：镇上十字路口北边' maxlength={100} value={v.address} error={e.address} onChange={(x) => form.set('address', x)} />
          <DatePick id='bought-date' label='哪天买的' hint='记不清就选个大概的日子' value={v.boughtDate} end={today} error={e.boughtAt} onChange={(x) => form.set('boughtDate', x)} />
          <TextInput id='amount-paid' label='花了多少钱（元，可不填）' numeric maxlength={8} value={v.amountPaid} error={e.amountPaid} onChange={(x) => form.set('amountPaid', x)} />
        </View>
      )
    if (step === 2)
      return (
        <View id='pesticide-step-damage'>
          <TextInput id='crop' label='用在什么庄稼上' placeholder='例如：玉米、辣椒' maxlength={20} value={v.crop} error={e.crop} onChange={(x) => form.set('crop', x)} />
          <TextInput id='area-mu' label='受害多少亩（可不填）' numeric maxlength={8} value={v.areaMu} error={e.areaMu} onChange={(x) => form.set('areaMu', x)} />
          <LongText
            id='damage'
            label='庄稼怎么了'
            placeholder='例如：打药后三天，叶子发黄打卷，草一点没死'
            maxlength={500}
            value={v.damage}
            error={e.damage}
            onChange={(x) => form.set('damage', x)}
          />
        </View>
      )
    return (
      <View id='pesticide-step-photos'>
        <Tip>照片是最要紧的证据。药瓶先别扔，留着给民警看。</Tip>
        <PhotoPicker uploads={form.uploads} max={PHOTOS_MAX} examples={PESTICIDE_PHOTO_EXAMPLES} error={e.photos} />
      </View>
    )
  }

  const villageName = villages.find((x) => x.id === v.villageId)?.name ?? ''
  const summary: SummaryRow[] = [
    { label: '农药', value: `${v.brand} ${v.product}`.trim(), step: 0 },
    { label: '登记证号', value: v.registrationNo, step: 0 },
    { label: '在哪买的', value: `${villageName} ${v.shop}`.trim(), step: 1 },
    { label: '哪天买的', value: chineseDate(v.boughtDate), step: 1 },
    { label: '庄稼', value: [v.crop, v.areaMu ? `${v.areaMu}亩` : ''].filter(Boolean).join('，'), step: 2 },
    { label: '受害情况', value: v.damage, step: 2 },
    { label: '照片', value: form.draft.photos.length ? `${form.draft.photos.length}张` : '没拍（可以不拍）', step: 3 },
  ]

  return <ReportWizard form={form} profile={profile} renderStep={renderStep} summary={summary} />
}
