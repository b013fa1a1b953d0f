// 民警工作台 (staff hub): each entry card is itself the tap target; residents are told the page is not for them.
import { fireEvent, render, screen } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import type { Profile } from '@contract/account'
import StaffHubPage from '@/packages/staff/index/index'
import { installTransport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'

function as(role: Profile['role']): void {
  const me: Profile = { openid: `dev-${role}`, role, name: '王警官', phone: '138****0001', villageId: 'pingchuan', villageName: '平川村', address: '', profileComplete: true }
  installTransport(
    async (req) => (req.name === 'account' && req.data.action === 'me' ? { ok: true, data: me } : { ok: false, error: { code: 'not_found', message: '没有这个功能' } }),
    { sleep: () => Promise.resolve() },
  )
}

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})

afterAll(() => installTransport(undefined))

describe('民警工作台', () => {
  it('a tap anywhere on a card opens its page, with no separate 进入 button', async () => {
    as('officer')
    render(<StaffHubPage />)
    fireEvent.click(await screen.findByText('今天的预约和签到，代办、上门申请，办公时间设置'))
    fireEvent.click(screen.getByText('举报处理'))
    expect(recorded.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/officer-services/agenda/index' },
      { kind: 'navigateTo', url: '/packages/officer-reports/index/index' },
    ])
    expect(screen.queryByText('进入')).toBeNull()
    expect(screen.queryByText('邀请民警 / 人员管理')).toBeNull()
  })

  it('an admin also gets the invites entry', async () => {
    as('admin')
    render(<StaffHubPage />)
    fireEvent.click(await screen.findByText('邀请民警 / 人员管理'))
    expect(recorded.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/staff/invites/index' }])
  })

  it('a resident is told the page is for officers and gets no entries', async () => {
    as('resident')
    render(<StaffHubPage />)
    await screen.findByText('这里是民警用的。您还不是民警，如需加入请找派出所要邀请码。')
    expect(screen.queryByText('发布预警')).toBeNull()
  })
})
