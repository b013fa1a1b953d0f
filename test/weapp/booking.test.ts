// The compiled WeChat build's booking flow in miniprogram-simulate, against the shared seeded local cloud:
// picking a day shows that day's slots with the seats the server counts, marks and full slots included.
import type { Result } from '@contract'
import type { ScheduleView, SlotsView } from '@contract/services'
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type WeappHarness } from '../support/weapp'

const CLOUD = process.env.TEST_CLOUD_URL ?? ''
const SERVICE = 'hukou' // 户口迁移: bookings with 错时/延时 slots
let weapp: WeappHarness

async function ok<T>(openid: string, action: string, payload: unknown, requestId?: string): Promise<T> {
  const r = (await gatewayCall(CLOUD, openid, 'services', { action, payload, ...(requestId ? { requestId } : {}) })) as Result<T>
  if (!r.ok) throw new Error(`services.${action}: ${r.error.code} ${r.error.message}`)
  return r.data
}

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: CLOUD, openid: 'dev-resident-1', storage: { fq_privacy_agreed: true } })
})

it('the slot step shows the slots of the chosen day with seats left, marks and full slots', async () => {
  // The last bookable day of the horizon: its slots are all in the future whatever time the test runs.
  const { days } = await ok<ScheduleView>('dev-resident-1', 'schedule', {})
  const day = [...days].reverse().find((d) => d.open)?.day
  if (!day) throw new Error('the seeded schedule has no open day in the horizon')
  const before = await ok<SlotsView>('dev-resident-1', 'slots', { serviceId: SERVICE, day })
  const last = before.slots[before.slots.length - 1]
  // Someone else takes a seat in the day's last slot, so the count the page shows is one the server changed.
  await ok('dev-resident-2', 'book', { serviceId: SERVICE, slot: last.key, name: '刘建国', phone: '13900000002' }, `weapp-booking-${Date.now()}`)
  const expected = await ok<SlotsView>('dev-resident-1', 'slots', { serviceId: SERVICE, day })
  expect(expected.slots.find((s) => s.key === last.key)?.seatsLeft).toBe(last.seatsLeft - 1)

  const page = await weapp.openPage('packages/booking/book/index', { serviceId: SERVICE })
  await waitFor(() => page.querySelector(`#day-${day}`), 'the day list')
  expect(textOf(page, 'book-service')).toContain('户口迁移')
  tap(page, `day-${day}`)
  await waitFor(() => page.querySelector('#slot-list') && textOf(page, `slot-${last.time.replace(':', '')}-seats`), 'the slots of the day')

  expect(weapp.calls.some((c) => c.data.action === 'slots' && (c.data.payload as { day: string }).day === day)).toBe(true)
  for (const s of expected.slots) {
    const id = `slot-${s.time.replace(':', '')}`
    expect(textOf(page, `${id}-seats`)).toBe(s.state === 'open' ? `剩${s.seatsLeft}个` : s.state === 'full' ? '已约满' : s.state === 'cutoff' ? '已截止' : '已过')
    expect(textOf(page, `${id}-mark`)).toBe(s.mark)
  }
  expect(textOf(page, `slot-${last.time.replace(':', '')}-seats`)).toBe(`剩${last.seatsLeft - 1}个`)

  // Tapping an open slot moves on to the confirm step with the materials to bring.
  tap(page, `slot-${last.time.replace(':', '')}`)
  await waitFor(() => page.querySelector('#booking-confirm'), 'the confirm step')
  expect(textOf(page, 'confirm-time')).toContain(last.time)
  expect(textOf(page, 'materials')).toContain('户口本原件')
})
