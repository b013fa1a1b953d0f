// Times as people here read them. The formats live once, in the domain's station-time module (Beijing time,
// Chinese month/day); this is the app's door to them.
export { formatDateTime, fullDateTime, monthDay, stationDay, stationTime } from '@domain/station-time'
