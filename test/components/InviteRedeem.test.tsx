// Entering an officer invite code on 我的: a malformed code is refused on the phone, a refused code shows the
// server's words, and pressing 加入 again after a lost answer sends the same requestId.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { Profile } from '@contract/account'
import InviteRedeem from '@/components/InviteRedeem'
import { installTransport, type CallRequest } from '@/services/client'

const officer: Profile = {
  openid: 'dev-resident-1',
  role: 'officer',
  name: '张桂兰',
  phone: '13900000001',
  villageId: 'pingchuan',
  villageName: '平川村',
  address: '',
  profileComplete: true,
}

const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })
const tap = (id: string) => fireEvent.click(document.getElementById(id) as HTMLElement)

beforeEach(() => resetTaroStub())
afterAll(() => installTransport(undefined))

it('refuses a code that is not 6 letters or digits without sending anything', async () => {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return { ok: true, data: officer }
  })
  render(<InviteRedeem onJoined={() => undefined} />)
  type('input-invite', 'ab1')
  tap('redeem-invite')
  expect(await screen.findByText('邀请码是6位字母或数字，请核对后再输入')).toBeTruthy()
  expect(seen).toHaveLength(0)
})

it("shows the server's reason, then retries with the same requestId and reports the new officer", async () => {
  const seen: CallRequest[] = []
  const answers: unknown[] = [
    { ok: false, error: { code: 'expired', message: '这个邀请码已经过期了，请找派出所要新的' } },
    { ok: true, data: officer },
  ]
  installTransport(async (req) => {
    seen.push(req)
    return answers.shift()
  })
  const joined = jest.fn()
  render(<InviteRedeem onJoined={joined} />)
  type('input-invite', 'k7pq2m')
  tap('redeem-invite')
  expect(await screen.findByText('这个邀请码已经过期了，请找派出所要新的')).toBeTruthy()
  expect(joined).not.toHaveBeenCalled()

  tap('redeem-invite')
  await waitFor(() => expect(joined).toHaveBeenCalledWith(officer))
  expect(seen.map((r) => r.data.payload)).toEqual([{ code: 'K7PQ2M' }, { code: 'K7PQ2M' }])
  expect(seen[1].data.requestId).toBe(seen[0].data.requestId)
  expect(screen.queryByText('这个邀请码已经过期了，请找派出所要新的')).toBeNull()
})
