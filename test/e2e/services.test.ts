// Station services in a real browser on the H5 build: a resident books an after-hours (延时) slot and sees the
// check-in code; the officer checks it in from today's agenda by typing the code; a second resident sees one seat fewer.
import type { Page } from 'playwright-core'
import type { ActionRequest } from '@contract'
import type { MineView } from '@contract/services'
import { DEFAULT_SCHEDULE } from '@domain/schedule'
import { minutesOf, stationDay, stationTime } from '@domain/station-time'
import { settle } from '@server/db'
import { SCHEDULE_ID } from '../../cloudfunctions/services/store'
import { browserWorldForFile } from '../support/browserWorld'
import { SERVICE_CONFIG } from '@server/collections'

const world = browserWorldForFile()

const SERVICE = 'juzhu' // 居住证: offers noon 错时 and evening 延时 slots
const SLOT_MINUTES = 5
/**
 * From saving the schedule until the second resident has looked at the slot, whose seats show only until it begins:
 * that takes a few seconds.
 */
const LEAD_MS = 30_000
const WINDOW_END = '23:59'
/** More than the longest wait for midnight (see below), and the test's own time. */
const MAX_WAIT_MS = 7 * 60_000
const TEST_MS = 90_000

/**
 * Check-in works only on the booking's own day, so the resident books a 延时 slot today that starts a minute or so
 * after the schedule is saved. A 5-minute slot fits until 23:54 Beijing time; when the test runs after 23:53:30 it
 * first waits for midnight, at most 6½ minutes.
 */
function eveningWindowToday(now: Date): { day: string; start: string } | null {
  const from = new Date(now.getTime() + LEAD_MS + 59_999) // the next whole minute at least LEAD_MS away
  const start = stationTime(from)
  if (stationDay(from) !== stationDay(now) || minutesOf(start) + SLOT_MINUTES > minutesOf(WINDOW_END)) return null
  return { day: stationDay(now), start }
}

/** Until a second past the next Beijing midnight. */
function untilMidnight(now: Date): number {
  return (24 * 60 - minutesOf(stationTime(now))) * 60_000 - (now.getTime() % 60_000) + 1_000
}

async function openSlotsOf(page: Page, day: string, slot: string): Promise<void> {
  await page.goto(`${world.cloud.url}/#/packages/booking/book/index?serviceId=${SERVICE}`)
  await page.locator(`#day-${day}`).click()
  await page.locator(`#slot-${slot}-seats`).waitFor()
}

it('a resident books a 延时 slot and sees the code; the officer checks it in; another resident sees a seat fewer', async () => {
  if (!eveningWindowToday(new Date())) await new Promise((r) => setTimeout(r, untilMidnight(new Date())))
  // Open every day with the usual hours; today also has a 延时 window starting shortly, whatever the date and time.
  const evening = eveningWindowToday(new Date())
  if (!evening) throw new Error('no room for a slot today even after midnight')
  const { day, start } = evening
  const SLOT = start.replace(':', '')
  const office = DEFAULT_SCHEDULE.weekly[1]
  const schedule: ActionRequest<'services.saveSchedule'> = {
    ...DEFAULT_SCHEDULE,
    weekly: Array.from({ length: 7 }, () => office),
    exceptions: [{ date: day, closed: false, windows: [{ start, end: WINDOW_END, afterHours: 'evening' }], note: '今晚延时服务' }],
    slotMinutes: 10,
    cutoffMinutes: 0,
  }
  await world.cloud.ok('dev-officer', 'services', 'saveSchedule', schedule, 'e2e-services-schedule')
  // The schedule editor allows slots of 10 minutes or more; 5 lets the test run until 23:54 instead of 23:49.
  await settle(world.cloud.db.collection(SERVICE_CONFIG).doc(SCHEDULE_ID).update({ data: { schedule: { slotMinutes: SLOT_MINUTES } } }))

  // 1. The resident books this evening's first 延时 slot.
  const resident = await world.browser.openAs('dev-resident-1')
  await openSlotsOf(resident.page, day, SLOT)
  await expect(resident.page.locator(`#slot-${SLOT}-mark`).textContent()).resolves.toBe('延时')
  const seatsBefore = Number(/剩(\d+)个/.exec((await resident.page.locator(`#slot-${SLOT}-seats`).textContent()) ?? '')?.[1])
  expect(seatsBefore).toBeGreaterThan(0)

  await resident.page.locator(`#slot-${SLOT}`).click()
  await resident.page.locator('#materials').waitFor()
  await expect(resident.page.locator('#materials').textContent()).resolves.toContain('租房合同或房产证明')
  await expect(resident.page.locator('#input-book-name input').inputValue()).resolves.toBe('张桂兰')
  await resident.page.locator('#confirm-book').click()

  await resident.page.locator('#book-done').waitFor()
  await expect(resident.page.locator('#done-when').textContent()).resolves.toContain(start)
  await expect(resident.page.locator('#done-when').textContent()).resolves.toContain('延时')
  const codeEl = resident.page.locator('[id^="code-value-"]')
  const code = ((await codeEl.textContent()) ?? '').trim()
  expect(code).toMatch(/^[A-Z0-9]{6}$/)
  const bookingId = ((await codeEl.getAttribute('id')) ?? '').replace('code-value-', '')
  // The QR beside the code is a real image from the server.
  await resident.page.locator(`#code-qr-${bookingId}`).waitFor()
  const mine = await world.cloud.ok<MineView>('dev-resident-1', 'services', 'mine')
  expect(mine.items.find((i) => i.id === bookingId)).toMatchObject({ kind: 'booking', status: 'booked', code, mark: '延时' })
  await resident.context.close()

  // 2. The officer types the code at the top of the agenda.
  const officer = await world.browser.openAs('dev-officer')
  await officer.page.goto(`${world.cloud.url}/#/packages/officer-services/agenda/index`)
  await officer.page.locator('#input-checkin-code input').fill(code.toLowerCase())
  await officer.page.locator('#submit-checkin').click()
  await officer.page.locator('#checkin-result').waitFor()
  await expect(officer.page.locator('#checkin-result').textContent()).resolves.toContain('已签到')
  await officer.page.locator(`#appt-${bookingId}-status`).filter({ hasText: '已签到' }).waitFor()
  const after = await world.cloud.ok<MineView>('dev-resident-1', 'services', 'mine')
  expect(after.items.find((i) => i.id === bookingId)?.status).toBe('checked_in')
  await officer.context.close()

  // 3. Another resident sees one seat fewer in that slot.
  const other = await world.browser.openAs('dev-resident-2')
  await openSlotsOf(other.page, day, SLOT)
  await expect(other.page.locator(`#slot-${SLOT}-seats`).textContent()).resolves.toBe(`剩${seatsBefore - 1}个`)
  await other.context.close()
}, TEST_MS + MAX_WAIT_MS)
