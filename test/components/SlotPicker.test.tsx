// The slot picker of the booking flow: seats left on each slot, 错时/延时 marks, and slots that cannot be booked
// (full, past the cutoff) shown greyed and not tappable.
import { fireEvent, render, screen } from '@testing-library/react'
import type { SlotView } from '@contract/services'
import SlotPicker, { seatsText } from '@/packages/booking/shared/SlotPicker'

const DAY = '2025-06-10'

function slot(time: string, over: Partial<SlotView> = {}): SlotView {
  const start = new Date(`${DAY}T${time}:00+08:00`)
  return {
    key: `${DAY}T${time}`,
    time,
    endTime: time.replace(/:(\d\d)$/, (_, m: string) => `:${String(Number(m) + 30).padStart(2, '0')}`),
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    afterHours: null,
    mark: null,
    capacity: 4,
    seatsLeft: 4,
    state: 'open',
    ...over,
  }
}

const slots: SlotView[] = [
  slot('09:00', { seatsLeft: 3 }),
  slot('09:30', { seatsLeft: 0, state: 'full' }),
  slot('10:00', { state: 'cutoff' }),
  slot('12:00', { afterHours: 'noon', mark: '错时', seatsLeft: 1 }),
  slot('18:00', { afterHours: 'evening', mark: '延时', seatsLeft: 0, state: 'full' }),
  slot('18:30', { afterHours: 'evening', mark: '延时', seatsLeft: 2 }),
]

const text = (id: string) => document.getElementById(id)?.textContent

describe('SlotPicker', () => {
  it('shows the seats left on open slots and why the others cannot be booked', () => {
    render(<SlotPicker slots={slots} onPick={() => undefined} />)
    expect(text('slot-0900-seats')).toBe('剩3个')
    expect(text('slot-0930-seats')).toBe('已约满')
    expect(text('slot-1000-seats')).toBe('已截止')
    expect(text('slot-1200-seats')).toBe('剩1个')
    expect(text('slot-1830-seats')).toBe('剩2个')
    expect(seatsText({ state: 'past', seatsLeft: 4 })).toBe('已过')
  })

  it('marks noon slots 错时 and evening slots 延时, and ordinary slots not at all', () => {
    render(<SlotPicker slots={slots} onPick={() => undefined} />)
    expect(text('slot-1200-mark')).toBe('错时')
    expect(text('slot-1800-mark')).toBe('延时')
    expect(text('slot-1830-mark')).toBe('延时')
    expect(document.getElementById('slot-0900-mark')).toBeNull()
  })

  it('a tap on a full or closed slot does nothing; a tap on an open one picks it', () => {
    const onPick = jest.fn()
    render(<SlotPicker slots={slots} onPick={onPick} />)
    fireEvent.click(document.getElementById('slot-0930') as HTMLElement)
    fireEvent.click(document.getElementById('slot-1800') as HTMLElement)
    fireEvent.click(document.getElementById('slot-1000') as HTMLElement)
    expect(onPick).not.toHaveBeenCalled()
    expect(document.getElementById('slot-0930')?.className).toContain('fq-slot--off')

    fireEvent.click(screen.getByText('12:00'))
    expect(onPick).toHaveBeenCalledTimes(1)
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ key: `${DAY}T12:00`, mark: '错时' }))
  })

  it('highlights the chosen slot', () => {
    render(<SlotPicker slots={slots} selected={`${DAY}T18:30`} onPick={() => undefined} />)
    expect(document.getElementById('slot-1830')?.className).toContain('fq-slot--on')
    expect(document.getElementById('slot-0900')?.className).not.toContain('fq-slot--on')
  })
})
