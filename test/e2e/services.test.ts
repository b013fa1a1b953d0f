// Station services in a real browser on the H5 build: a resident books an after-hours (延时) slot and sees the
// check-in code; the officer checks it in from today's agenda by typing the code; a second resident sees one seat fewer.
import type { Page } from 'playwright-core'
import type { ActionRequest } from '@contract'
import type { MineView } from '@contract/services'
import { DEFAULT_SCHEDULE, stationDay, stationTime } from '@domain/schedule'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let cloud: TestCloud
let browser: BrowserSession

const SERVICE = 'juzhu' // 居住证: offers noon 错时 and evening 延时 slots
const SLOT_MINUTES = 10

/**
 * Check-in works only on the appointment's own day, so the resident books a 延时 slot later today. The slot
 * starts 10-20 minutes from now; after 23:25 Beijing time no such slot fits in the day, so the test first
 * waits for midnight (it then takes up to 35 minutes longer, once a day at most).
 */
function waitForRoomToday(now: Date): number {
  const minutes = Number(stationTime(now).slice(0, 2)) * 60 + Number(stationTime(now).slice(3))
  if (minutes < 23 * 60 + 25) return 0
  return (24 * 60 - minutes) * 60_000 + 30_000
}
const WAIT_MS = waitForRoomToday(new Date())

/** Today's after-hours window, starting on a 10-minute mark at least 10 minutes from now. */
function eveningWindowToday(now: Date): { day: string; start: string } {
  const t = stationTime(new Date(now.getTime() + SLOT_MINUTES * 60_000))
  const m = Math.ceil((Number(t.slice(0, 2)) * 60 + Number(t.slice(3))) / SLOT_MINUTES) * SLOT_MINUTES
  return { day: stationDay(now), start: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}` }
}

beforeAll(async () => {
  cloud = await startTestCloud({ h5: true })
  browser = await launchBrowser(cloud.url)
})

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

async function openSlotsOf(page: Page, day: string, slot: string): Promise<void> {
  await page.goto(`${cloud.url}/#/packages/booking/book/index?serviceId=${SERVICE}`)
  await page.locator(`#day-${day}`).click()
  await page.locator(`#slot-${slot}-seats`).waitFor()
}

it('a resident books a 延时 slot and sees the code; the officer checks it in; another resident sees a seat fewer', async () => {
  if (WAIT_MS > 0) await new Promise((r) => setTimeout(r, WAIT_MS))
  // Open every day with the usual hours; today also has a 延时 window starting shortly, whatever the date and time.
  const { day, start } = eveningWindowToday(new Date())
  const SLOT = start.replace(':', '')
  const office = DEFAULT_SCHEDULE.weekly[1]
  const schedule: ActionRequest<'services.saveSchedule'> = {
    ...DEFAULT_SCHEDULE,
    weekly: Array.from({ length: 7 }, () => office),
    exceptions: [{ date: day, closed: false, windows: [{ start, end: '23:50', afterHours: 'evening' }], note: '今晚延时服务' }],
    slotMinutes: SLOT_MINUTES,
    cutoffMinutes: 0,
  }
  await cloud.ok('dev-officer', 'services', 'saveSchedule', schedule, 'e2e-services-schedule')

  // 1. The resident books this evening's first 延时 slot.
  const resident = await browser.openAs('dev-resident-1')
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
  const mine = await cloud.ok<MineView>('dev-resident-1', 'services', 'mine')
  expect(mine.items.find((i) => i.id === bookingId)).toMatchObject({ kind: 'appointment', status: 'booked', code, mark: '延时' })
  await resident.context.close()

  // 2. The officer types the code at the top of the agenda.
  const officer = await browser.openAs('dev-officer')
  await officer.page.goto(`${cloud.url}/#/packages/officer-services/agenda/index`)
  await officer.page.locator('#input-checkin-code input').fill(code.toLowerCase())
  await officer.page.locator('#submit-checkin').click()
  await officer.page.locator('#checkin-result').waitFor()
  await expect(officer.page.locator('#checkin-result').textContent()).resolves.toContain('已签到')
  await officer.page.locator(`#appt-${bookingId}-status`).filter({ hasText: '已签到' }).waitFor()
  const after = await cloud.ok<MineView>('dev-resident-1', 'services', 'mine')
  expect(after.items.find((i) => i.id === bookingId)?.status).toBe('checked_in')
  await officer.context.close()

  // 3. Another resident sees one seat fewer in that slot.
  const other = await browser.openAs('dev-resident-2')
  await openSlotsOf(other.page, day, SLOT)
  await expect(other.page.locator(`#slot-${SLOT}-seats`).textContent()).resolves.toBe(`剩${seatsBefore - 1}个`)
  await other.context.close()
}, 90_000 + WAIT_MS)
