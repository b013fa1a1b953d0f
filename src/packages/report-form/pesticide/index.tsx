// 举报假农药: the fake-pesticide report page. Opened from a doorplate scan it brings the plate's village (`?villageId=`).
import { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import ReportFormPage from '@/packages/report-form/shared/ReportFormPage'
import { PesticideForm } from '@/packages/report-form/pesticide/PesticideForm'

export default function PesticideReportPage() {
  const params = routeParams(useRouter().params)
  const prefill = params.villageId ? { values: { villageId: params.villageId, address: params.address ?? '' }, addressId: params.addressId } : undefined
  return <ReportFormPage id='page-report-pesticide'>{(profile, villages) => <PesticideForm profile={profile} villages={villages} prefill={prefill} />}</ReportFormPage>
}
