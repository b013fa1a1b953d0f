// The officer's stats page with a fake backend: the numbers per village, and one tap from a name on the
// follow-up list to a phone call (the full number is fetched only then, through alerts.revealPhone).
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { recorded, resetTaroStub, setRouterParams } from './stubs/taro'
import type { AlertStatsView } from '@contract/alerts'
import AlertStatsPage from '@/packages/officer-alerts/stats/index'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'
import { CONFIRM_ARM_MS } from '@/components/ConfirmSheet'

const view: AlertStatsView = {
  alert: { id: 'a1', title: '警惕冒充公检法', severity: 'severe', phase: 'active' },
  stats: {
    reach: 3,
    read: 2,
    acked: 1,
    readRate: 67,
    ackRate: 33,
    byVillage: [
      { villageId: 'pingchuan', name: '平川村', reach: 2, read: 2, acked: 1 },
      { villageId: 'luwan', name: '芦湾村', reach: 1, read: 0, acked: 0 },
    ],
  },
  followUp: {
    items: [
      { openid: 'r2', name: '张桂兰', villageId: 'pingchuan', villageName: '平川村', phone: '139****0001', read: true },
      { openid: 'r3', name: '刘建国', villageId: 'luwan', villageName: '芦湾村', phone: '139****0002', read: false },
    ],
    nextCursor: null,
  },
}

function backend(revealFails = false) {
  const seen: CallRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const key = `${req.name}.${req.data.action}`
    if (key === 'alerts.stats') return { ok: true, data: view }
    if (key === 'alerts.revealPhone' && revealFails) return { ok: false, error: { code: 'forbidden', message: '这位不在你管的村，请找所在村的民警' } }
    if (key === 'alerts.revealPhone') return { ok: true, data: { phone: '13900000002' } }
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
  setRouterParams({ id: 'a1' })
})

afterAll(() => installTransport(undefined))

it('shows reach, read and acknowledged overall and per village, and the follow-up list with masked phones', async () => {
  const seen = backend()
  render(<AlertStatsPage />)
  await screen.findByText('警惕冒充公检法')
  expect(document.getElementById('stats-reach')?.textContent).toBe('3')
  expect(document.getElementById('stats-read')?.textContent).toBe('2')
  expect(document.getElementById('stats-acked')?.textContent).toBe('1')
  expect(document.getElementById('stats-village-luwan')?.textContent).toContain('看过 0/1')
  expect(document.getElementById('followup-r2')?.textContent).toContain('139****0001')
  expect(document.getElementById('followup-r2')?.textContent).not.toContain('13900000001')
  expect(screen.getByText('看过，没点“知道了”')).toBeTruthy()
  expect(seen[0].data.payload).toMatchObject({ id: 'a1', followUp: true })
})

it('calls a resident with one tap: the number is revealed for that person only, then dialled', async () => {
  const seen = backend()
  render(<AlertStatsPage />)
  await screen.findByText('刘建国')
  fireEvent.click(document.getElementById('call-r3') as HTMLElement)
  await waitFor(() => expect(recorded.phoneCalls).toEqual(['13900000002']))
  expect(seen.find((r) => r.data.action === 'revealPhone')?.data.payload).toEqual({ id: 'a1', openid: 'r3' })
})

it('narrows the follow-up list to one village when the officer taps it', async () => {
  const seen = backend()
  render(<AlertStatsPage />)
  await screen.findByText('刘建国')
  fireEvent.click(document.getElementById('stats-village-luwan') as HTMLElement)
  await waitFor(() => expect(seen.filter((r) => r.data.action === 'stats').pop()?.data.payload).toMatchObject({ villageId: 'luwan' }))
})

it('says in the app dialog why the number could not be fetched, and 好的 closes it without a call', async () => {
  backend(true)
  render(<AlertStatsPage />)
  await screen.findByText('刘建国')
  fireEvent.click(document.getElementById('call-r3') as HTMLElement)
  await screen.findByText('没有拿到电话')
  expect(document.getElementById('dialog-message')?.textContent).toBe('这位不在你管的村，请找所在村的民警')
  expect(document.getElementById('dialog-cancel')).toBeNull()
  await act(() => new Promise<void>((r) => setTimeout(r, CONFIRM_ARM_MS)))
  fireEvent.click(document.getElementById('dialog-confirm') as HTMLElement)
  await waitFor(() => expect(document.getElementById('dialog')).toBeNull())
  expect(recorded.phoneCalls).toEqual([])
})
