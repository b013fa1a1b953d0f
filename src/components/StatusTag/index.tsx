// A report's status as a coloured tag. Labels come from the one status table in @domain/report-statuses.
import { Text } from '@tarojs/components'
import { definedProps } from '@/components/definedProps'
import { statusLabel, type ReportStatus } from '@domain/report-statuses'
import './index.scss'

/** Colour only; the words are the table's. Waiting is amber, being worked on is blue, done is green, closed otherwise grey. */
const COLOURS: Record<ReportStatus, string> = {
  submitted: '#a04d00',
  accepted: '#1b4f9c',
  investigating: '#4a2f96',
  resolved: '#1b5e20',
  rejected: '#5c5c5c',
  transferred: '#00695c',
  withdrawn: '#5c5c5c',
}

export function statusColour(status: ReportStatus): string {
  return COLOURS[status] ?? '#5c5c5c'
}

export default function StatusTag({ status, id }: { status: ReportStatus; id?: string }) {
  return (
    <Text className='fq-status-tag' {...definedProps({ id })} style={{ backgroundColor: statusColour(status) }}>
      {statusLabel(status)}
    </Text>
  )
}
