// 首页's 民警工作台 strip with a fake backend: officers get one-tap tiles (with the count of waiting reports),
// residents get nothing and make no officer calls; on a quiet day the strip is still there.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import type { Profile, Station } from '@contract/account'
import type { OfficerListItem } from '@contract/reports'
import OfficerShortcuts from '@/components/OfficerShortcuts'
import HomePage from '@/pages/home/index'
import { installTransport, type CallRequest } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'
import { setAgreedPrivacy } from '@/services/settings'

const station: Station = { name: '平川派出所', address: '临泽县平川镇', phone: '0936-5500110', hours: [], villages: [{ id: 'pingchuan', name: '平川村' }] }

function person(role: Profile['role']): Profile {
  return { openid: `dev-${role}`, role, name: '李明', phone: '138****0001', villageId: 'pingchuan', villageName: '平川村', address: '', profileComplete: true }
}

function waiting(caseNo: string, overdue: boolean): OfficerListItem {
  return {
    id: caseNo,
    caseNo,
    type: 'theft',
    typeLabel: '小偷小摸',
    title: '院里的羊丢了',
    status: 'submitted',
    statusLabel: '已提交，等待受理',
    open: true,
    villageId: 'pingchuan',
    villageName: '平川村',
    anonymous: true,
    createdAt: '2025-06-10T03:00:00.000Z',
    updatedAt: '2025-06-10T03:00:00.000Z',
    reporter: { anonymous: true },
    overdue,
    assignee: null,
    assigneeName: null,
    flagged: false,
    photoCount: 0,
    cluster: null,
  }
}

/** Answers as the given person; `reports` is what reports.list returns (or an error when omitted). */
function backend(role: Profile['role'], reports?: { items: OfficerListItem[]; nextCursor: string | null }) {
  const seen: CallRequest[] = []
  installTransport(
    async (req) => {
      seen.push(req)
      const key = `${req.name}.${req.data.action}`
      if (key === 'account.me') return { ok: true, data: person(role) }
      if (key === 'account.station') return { ok: true, data: station }
      if (key === 'alerts.list') return { ok: true, data: { items: [], nextCursor: null, subscribeTemplateId: null } }
      if (key === 'alerts.unreadCount') return { ok: true, data: { count: 0 } }
      if (key === 'reports.list' && reports) return { ok: true, data: reports }
      return { ok: false, error: { code: 'internal', message: '网络不好，请稍后再试' } }
    },
    { sleep: () => Promise.resolve() },
  )
  return seen
}

const tap = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)
const textOf = (id: string) => document.getElementById(id)?.textContent

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

describe('OfficerShortcuts', () => {
  it('an officer taps 签到 and lands on today’s agenda, taps 举报 and gets the waiting ones, taps 发预警 and gets the form', async () => {
    backend('officer', { items: [waiting('PC20250610-0001', false), waiting('PC20250609-0003', false)], nextCursor: null })
    render(<OfficerShortcuts />)
    await screen.findByText('民警工作台')
    tap('shortcut-agenda')
    tap('shortcut-reports')
    tap('shortcut-alert')
    tap('shortcut-hub')
    expect(recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/officer-services/agenda/index' },
      { kind: 'navigateTo', url: '/packages/officer-reports/index/index?status=submitted' },
      { kind: 'navigateTo', url: '/packages/officer-alerts/compose/index' },
      { kind: 'navigateTo', url: '/packages/staff/index/index' },
    ])
  })

  it('counts the waiting reports from one status-filtered list call and says when some are overdue', async () => {
    const seen = backend('admin', { items: [waiting('PC20250610-0001', false), waiting('PC20250601-0002', true)], nextCursor: null })
    render(<OfficerShortcuts />)
    await waitFor(() => expect(textOf('shortcut-reports-note')).toBe('2件待受理'))
    expect(textOf('shortcut-reports')).toContain('有超时')
    const lists = seen.filter((r) => r.name === 'reports')
    expect(lists).toHaveLength(1)
    expect(lists[0].data).toMatchObject({ action: 'list', payload: { status: 'submitted' } })
  })

  it('says 50+ when there is more than one page of waiting reports', async () => {
    const items = Array.from({ length: 50 }, (_, i) => waiting(`PC20250610-${String(i + 1).padStart(4, '0')}`, false))
    backend('officer', { items, nextCursor: 'PC20250610-0050' })
    render(<OfficerShortcuts />)
    await waitFor(() => expect(textOf('shortcut-reports-note')).toBe('50+件待受理'))
    expect(textOf('shortcut-reports')).not.toContain('有超时')
  })

  it('still works without a count when the report list fails', async () => {
    const seen = backend('officer')
    render(<OfficerShortcuts />)
    await screen.findByText('民警工作台')
    await waitFor(() => expect(seen.some((r) => r.name === 'reports')).toBe(true))
    await new Promise((r) => setTimeout(r, 20))
    expect(textOf('shortcut-reports-note')).toBe('待受理')
    tap('shortcut-reports')
    expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/officer-reports/index/index?status=submitted' }])
  })

  it('a resident sees none of it and the app makes no officer calls', async () => {
    const seen = backend('resident')
    render(<OfficerShortcuts />)
    await waitFor(() => expect(seen.some((r) => r.data.action === 'me')).toBe(true))
    // Give any follow-up call a chance to go out before checking that none did.
    await new Promise((r) => setTimeout(r, 20))
    expect(document.getElementById('officer-shortcuts')).toBeNull()
    expect(screen.queryByText('民警工作台')).toBeNull()
    expect(seen.filter((r) => r.name !== 'account')).toHaveLength(0)
  })
})

describe('首页 with the strip', () => {
  it('an officer keeps the shortcuts above the feed on a day with no alerts', async () => {
    backend('officer', { items: [], nextCursor: null })
    render(<HomePage />)
    await screen.findByText('暂时没有预警。有新的防骗提醒，会在这里告诉您。')
    await screen.findByText('民警工作台')
    await waitFor(() => expect(textOf('shortcut-reports-note')).toBe('0件待受理'))
    tap('shortcut-agenda')
    expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/officer-services/agenda/index' }])
  })

  it('a resident’s 首页 has no strip', async () => {
    backend('resident')
    render(<HomePage />)
    await screen.findByText('暂时没有预警。有新的防骗提醒，会在这里告诉您。')
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByText('民警工作台')).toBeNull()
  })
})
