// 东西被偷了: the theft report page.
import ReportFormPage from '@/packages/report-form/shared/ReportFormPage'
import { TheftForm } from '@/packages/report-form/theft/TheftForm'

export default function TheftReportPage() {
  return <ReportFormPage id='page-report-theft'>{(profile, villages) => <TheftForm profile={profile} villages={villages} />}</ReportFormPage>
}
