// Consent that is enforced: after 不同意, filling in the profile (like 预约、举报) asks again at the moment of need
// and sends nothing without 同意.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { Profile, Station } from '@contract/account'
import MePage from '@/pages/me/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { resetStationCache } from '@/hooks/useStation'
import { CONSENT_REFUSED } from '@/services/privacyGate'
import { pickOption } from './pickers'

const station: Station = { name: '平川派出所', address: '临泽县平川镇', phone: '0936-5500110', hours: [], villages: [{ id: 'luwan', name: '芦湾村' }] }
const blank: Profile = { openid: 'r1', role: 'resident', name: '', phone: '', villageId: '', villageName: '', address: '', profileComplete: false }

function backend() {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'account.me') return { ok: true, data: blank }
    if (key === 'account.station') return { ok: true, data: station }
    if (key === 'account.updateProfile') return { ok: true, data: { ...blank, ...(req.data.payload as object), villageName: '芦湾村', profileComplete: true } }
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })
const sheet = () => document.getElementById('privacy-sheet')

beforeEach(() => {
  resetTaroStub()
  resetStationCache()
})
afterAll(() => installTransport(undefined))

it('after 不同意, saving asks again; 不同意 sends nothing, 同意 sends it', async () => {
  const seen = backend()
  render(<MePage />)
  // First launch: the sheet, with a link to the full policy.
  expect(sheet()).toBeTruthy()
  expect(within(sheet() as HTMLElement).getByText('看完整的隐私政策 ›')).toBeTruthy()
  fireEvent.click(screen.getByText('不同意'))
  expect(sheet()).toBeNull()

  await screen.findByText('填写我的资料')
  type('input-name', '李秀英')
  type('input-phone', '13912345678')
  pickOption('input-village', 0)
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(sheet()).toBeTruthy())
  fireEvent.click(screen.getByText('不同意'))
  expect(await screen.findByText(CONSENT_REFUSED)).toBeTruthy()
  expect(seen.some((r) => r.data.action === 'updateProfile')).toBe(false)

  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(sheet()).toBeTruthy())
  fireEvent.click(screen.getByText('同意，继续使用'))
  await waitFor(() => expect(seen.some((r) => r.data.action === 'updateProfile')).toBe(true))
})
