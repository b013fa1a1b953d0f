// 东西被偷了: the theft report page. Opened from a doorplate scan it brings the plate's address (`?villageId=&place=&addressId=`).
import { useRouter } from '@tarojs/taro'
import { routeParams } from '@/services/params'
import ReportFormPage from '@/packages/report-form/shared/ReportFormPage'
import { TheftForm } from '@/packages/report-form/theft/TheftForm'

export default function TheftReportPage() {
  const params = routeParams(useRouter().params)
  const prefill = params.villageId || params.place ? { values: { villageId: params.villageId ?? '', place: params.place ?? '' }, addressId: params.addressId } : undefined
  return <ReportFormPage id='page-report-theft'>{(profile, villages) => <TheftForm profile={profile} villages={villages} prefill={prefill} />}</ReportFormPage>
}
