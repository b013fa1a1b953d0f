// Times as people here read them: Beijing time (UTC+8, no daylight saving), Chinese month/day.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export function formatDateTime(iso: string): string {
  return dayjs(iso).utcOffset(480).format('M月D日 HH:mm')
}
