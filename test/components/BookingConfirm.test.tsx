// Confirming a booking: the person's details are checked before sending, and pressing 确认预约 again after a
// failure carries the same request id (the server applies it once), while a different slot is a new intent.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { BookingView, ServiceInfo, SlotView } from '@contract/services'
import BookingConfirm from '@/packages/booking/shared/BookingConfirm'
import { installTransport, TransportError, type CallRequest, type Transport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'

const service: ServiceInfo = {
  id: 'hukou',
  name: '户口迁移',
  summary: '',
  kinds: ['booking', 'errand'],
  materials: [
    { id: 'hukouben', name: '户口本原件', required: true },
    { id: 'jiehun', name: '结婚证', required: false, note: '因结婚迁户口时带' },
  ],
  durationMinutes: 30,
  afterHours: true,
  homeVisitFor: [],
  active: true,
  order: 10,
}

const slot = (time: string): SlotView => ({
  key: `2025-06-10T${time}`,
  time,
  endTime: '19:00',
  start: new Date(`2025-06-10T${time}:00+08:00`).toISOString(),
  end: new Date('2025-06-10T19:00:00+08:00').toISOString(),
  afterHours: 'evening',
  mark: '延时',
  capacity: 4,
  seatsLeft: 2,
  state: 'open',
})

const booked = (req: CallRequest): BookingView => {
  const p = req.data.payload as { slot: string; name: string; phone: string }
  return {
    kind: 'booking',
    id: 'bk-1',
    serviceId: 'hukou',
    serviceName: '户口迁移',
    status: 'booked',
    statusLabel: '已预约',
    statusType: 'open',
    name: p.name,
    phone: p.phone,
    timeline: [],
    next: ['cancelled'],
    createdAt: new Date().toISOString(),
    day: '2025-06-10',
    time: p.slot.slice(11),
    endTime: '19:00',
    start: new Date().toISOString(),
    afterHours: 'evening',
    mark: '延时',
    code: 'KM7ACE',
    canChange: true,
  }
}

/** A backend whose `book` answers are scripted per attempt: 'drop' loses the call on the network. */
function backend(script: Array<'drop' | 'ok' | 'full'>) {
  const books: CallRequest[] = []
  const transport: Transport = async (req) => {
    if (req.data.action !== 'book') throw new Error(`unexpected ${req.data.action}`)
    books.push(req)
    const step = script.shift() ?? 'ok'
    if (step === 'drop') throw new TransportError('timeout')
    if (step === 'full') return { ok: false, error: { code: 'slot_full', message: '这个时段刚刚被约满了，请换一个时段' } }
    return { ok: true, data: booked(req) }
  }
  // No automatic retries: each press of the button is one attempt, so the test sees the person's retries.
  installTransport(transport, { retries: 0, sleep: () => Promise.resolve() })
  return books
}

const type = (id: string, value: string) => fireEvent.change(document.getElementById(id) as HTMLElement, { target: { value } })

beforeEach(() => {
  resetTaroStub()
  // The person agreed to the privacy sheet; Consent.test.tsx covers one who did not.
  setAgreedPrivacy()
})
afterAll(() => installTransport(undefined))

describe('BookingConfirm', () => {
  it('lists the materials to bring before the person confirms', () => {
    backend([])
    render(<BookingConfirm service={service} slot={slot('18:30')} person={{ name: '张桂兰', phone: '13900000001' }} onBooked={jest.fn()} onSlotGone={jest.fn()} />)
    expect(screen.getByText('要带的材料')).toBeTruthy()
    expect(document.getElementById('materials')?.textContent).toContain('户口本原件')
    // The optional ones are under their own heading, in words, not a mark to decode.
    expect(document.getElementById('materials-optional')?.textContent).toContain('有就带上，没有也能办：')
    expect(document.getElementById('materials-optional')?.textContent).toContain('结婚证')
    expect(document.getElementById('materials')?.textContent).not.toMatch(/[●○]/)
    expect(document.getElementById('confirm-time')?.textContent).toBe('18:30-19:00（延时）')
  })

  it('a retry after a lost answer reuses the request id, so the booking is made once', async () => {
    const books = backend(['drop', 'ok'])
    const onBooked = jest.fn()
    render(<BookingConfirm service={service} slot={slot('18:30')} person={{ name: '张桂兰', phone: '13900000001' }} onBooked={onBooked} onSlotGone={jest.fn()} />)

    fireEvent.click(screen.getByText('确认预约'))
    await screen.findByText(/网络不好/)
    expect(document.getElementById('book-error')?.textContent).toContain('不会约两次')
    expect(onBooked).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('确认预约'))
    await waitFor(() => expect(onBooked).toHaveBeenCalledTimes(1))
    expect(books).toHaveLength(2)
    expect(books[0].data.requestId).toEqual(expect.any(String))
    expect(books[1].data.requestId).toBe(books[0].data.requestId)
    expect(books[1].data.payload).toEqual({ serviceId: 'hukou', slot: '2025-06-10T18:30', name: '张桂兰', phone: '13900000001' })
  })

  it('changing who comes is a new intent with a new request id', async () => {
    const books = backend(['drop', 'ok'])
    render(<BookingConfirm service={service} slot={slot('18:30')} person={{ name: '张桂兰', phone: '13900000001' }} onBooked={jest.fn()} onSlotGone={jest.fn()} />)
    fireEvent.click(screen.getByText('确认预约'))
    await screen.findByText(/网络不好/)
    type('input-book-phone', '13900000009')
    fireEvent.click(screen.getByText('确认预约'))
    await waitFor(() => expect(books).toHaveLength(2))
    expect(books[1].data.requestId).not.toBe(books[0].data.requestId)
  })

  it('checks name and phone on the phone first and sends nothing when they are wrong', async () => {
    const books = backend(['ok'])
    render(<BookingConfirm service={service} slot={slot('18:30')} person={{ name: '', phone: '' }} onBooked={jest.fn()} onSlotGone={jest.fn()} />)
    type('input-book-name', '张')
    type('input-book-phone', '1390000')
    fireEvent.click(screen.getByText('确认预约'))
    expect(await screen.findByText('姓名至少2个字')).toBeTruthy()
    expect(screen.getByText('手机号要11位数字，以1开头，请检查')).toBeTruthy()
    expect(books).toHaveLength(0)
  })

  it('a slot that filled up meanwhile sends the person back to pick another', async () => {
    backend(['full'])
    const onSlotGone = jest.fn()
    render(<BookingConfirm service={service} slot={slot('18:30')} person={{ name: '张桂兰', phone: '13900000001' }} onBooked={jest.fn()} onSlotGone={onSlotGone} />)
    fireEvent.click(screen.getByText('确认预约'))
    await waitFor(() => expect(onSlotGone).toHaveBeenCalledWith('这个时段刚刚被约满了，请换一个时段'))
  })
})
