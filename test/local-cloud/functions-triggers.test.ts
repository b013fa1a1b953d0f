// Timer triggers: CloudBase's 7-field cron in UTC+8, the timer event, firing on schedule, running one now.
import { parseCloudbaseCron, timerEvent } from '../../local-cloud/src/triggers'
import { startFixtureCloud, FIXTURE_TIMERS } from './fixtures/cloud'

jest.setTimeout(30_000)

describe('parseCloudbaseCron', () => {
  it('hands the first six fields to croner and checks the year itself', () => {
    const everyNight = parseCloudbaseCron('0 0 2 * * * *')
    expect(everyNight.pattern).toBe('0 0 2 * * *')
    expect(everyNight.yearMatches(2031)).toBe(true)

    const some = parseCloudbaseCron('0 30 8 1 1 * 2025,2027-2028')
    expect([2024, 2025, 2026, 2027, 2028, 2029].map(some.yearMatches)).toEqual([false, true, false, true, true, false])
    const stepped = parseCloudbaseCron('0 0 0 1 1 * 2024/2')
    expect([2024, 2025, 2026].map(stepped.yearMatches)).toEqual([true, false, true])
  })

  it('refuses expressions that are not 7 fields or have a bad year', () => {
    expect(() => parseCloudbaseCron('0 0 2 * * *')).toThrow(/7 fields/)
    expect(() => parseCloudbaseCron('0 0 2 * * * 20x5')).toThrow(/year field/)
  })
})

describe('timerEvent', () => {
  it('has CloudBase’s shape with a whole-second UTC time', () => {
    expect(timerEvent('nightly', new Date('2025-03-01T18:00:00.456Z'))).toEqual({
      Type: 'Timer',
      TriggerName: 'nightly',
      Time: '2025-03-01T18:00:00Z',
      Message: '',
    })
  })
})

describe('scheduled triggers', () => {
  it('fire on schedule through the real SDK while the local cloud runs', async () => {
    const cloud = await startFixtureCloud({ functionsDir: FIXTURE_TIMERS, schedule: true })
    try {
      const deadline = Date.now() + 5000
      while (cloud.db.find('ticks', { name: 'everySecond' }).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      const ticks = cloud.db.find('ticks', { name: 'everySecond' })
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      for (const t of ticks) expect(t.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      // The nightly trigger is scheduled for 02:00 Beijing time.
      const nightly = cloud.triggers.list().find((t) => t.name === 'nightly')
      expect(nightly?.next).toBeInstanceOf(Date)
      const next = nightly?.next as Date
      expect((next.getUTCHours() + 8) % 24).toBe(2)
      expect(next.getUTCMinutes()).toBe(0)
    } finally {
      await cloud.stop()
    }
  })

  it('runTrigger runs one now with the timer event, an empty OPENID and SOURCE wx_trigger', async () => {
    const cloud = await startFixtureCloud({ functionsDir: FIXTURE_TIMERS })
    try {
      const r = (await cloud.runTrigger('tick', 'nightly')) as { event: Record<string, unknown>; wx: Record<string, unknown>; triggerSrc: string }
      expect(r.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly', Message: '' })
      expect(r.wx).toEqual({ OPENID: '', ENV: 'local', SOURCE: 'wx_trigger' })
      expect(r.triggerSrc).toBe('timer')
      // Without a name: the function's first timer trigger.
      await expect(cloud.runTrigger('tick')).resolves.toMatchObject({ event: { TriggerName: 'everySecond' } })
      await expect(cloud.runTrigger('tick', 'nope')).rejects.toThrow(/no timer trigger named nope/)
      // Scheduling is off in this cloud: only the two runs by hand wrote ticks.
      expect(cloud.db.find('ticks', {})).toHaveLength(2)
    } finally {
      await cloud.stop()
    }
  })
})
