// 举报假农药: the fake-pesticide report page.
import ReportFormPage from '@/packages/report-form/shared/ReportFormPage'
import { PesticideForm } from '@/packages/report-form/pesticide/PesticideForm'

export default function PesticideReportPage() {
  return <ReportFormPage id='page-report-pesticide'>{(profile, villages) => <PesticideForm profile={profile} villages={villages} />}</ReportFormPage>
}
