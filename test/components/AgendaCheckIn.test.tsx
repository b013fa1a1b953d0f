// The officer agenda offers only what is allowed now and says when the rest becomes allowed; a resident who
// scans a check-in code is told what the code is for.
import { render, screen } from '@testing-library/react'
import { resetTaroStub, setRouterParams } from './stubs/taro'
import type { Profile } from '@contract/account'
import { bookingActions } from '@/packages/officer-services/agenda/index'
import CheckInPage from '@/packages/officer-services/checkin/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'

// 2026-12-02 10:00 in Beijing.
const NOW = new Date('2026-12-02T02:00:00Z')
const appt = (day: string, time: string, start: string) => ({ next: ['checked_in', 'no_show', 'cancelled'] as const, day, time, start })

describe('agenda actions', () => {
  it('today, before its time: 签到 only; 没来 waits for the time', () => {
    const a = bookingActions({ ...appt('2026-12-02', '14:30', '2026-12-02T06:30:00.000Z'), next: ['checked_in', 'no_show'] }, NOW)
    expect(a.now).toEqual(['checked_in'])
    expect(a.later).toBe('14:30以后才能记“没来”。')
  })

  it('tomorrow: nothing yet, and it says when', () => {
    const a = bookingActions({ ...appt('2026-12-03', '09:00', '2026-12-03T01:00:00.000Z'), next: ['checked_in', 'no_show'] }, NOW)
    expect(a.now).toEqual([])
    expect(a.later).toMatch(/当天才能签到/)
  })

  it('today, past its time: 签到 and 没来', () => {
    const a = bookingActions({ ...appt('2026-12-02', '09:00', '2026-12-02T01:00:00.000Z'), next: ['checked_in', 'no_show'] }, NOW)
    expect(a.now).toEqual(['checked_in', 'no_show'])
    expect(a.later).toBeNull()
  })
})

const resident: Profile = { openid: 'r1', role: 'resident', name: '张桂兰', phone: '13900000001', villageId: 'pingchuan', villageName: '平川村', address: '', profileComplete: true }

function backend(profile: Profile) {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    if (req.data.action === 'me') return { ok: true, data: profile }
    return { ok: false, error: { code: 'forbidden', message: '您没有权限' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})
afterAll(() => installTransport(undefined))

describe('scanning a check-in code', () => {
  it('a resident is told it is for the officer, with ways to go on, and nothing is checked in', async () => {
    setRouterParams({ scene: 'checkin%3DKM7ACE' })
    const seen = backend(resident)
    render(<CheckInPage />)
    expect(await screen.findByText('这是签到码，请给民警扫')).toBeTruthy()
    expect(screen.getByText('看我的办事')).toBeTruthy()
    expect(screen.getByText('回首页')).toBeTruthy()
    expect(screen.queryByText('您没有权限')).toBeNull()
    expect(seen.some((r) => r.data.action === 'checkIn')).toBe(false)
  })
})
