// 调解数据: the figures page (computed by the function from running counters).
import PageShell from '@/components/PageShell'
import { useCall } from '@/hooks/useAsync'
import { FiguresView } from './FiguresView'

export default function MediationFiguresPage() {
  const figures = useCall('mediation.figures', {})
  return <PageShell id='page-mediation-figures' state={figures}>{figures.data ? <FiguresView f={figures.data} /> : null}</PageShell>
}
