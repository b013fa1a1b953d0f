// The app's one picker: a field that opens a bottom sheet of big rows, day cells or hour and minute cells, inside the
// page (so 长辈模式 reaches it), within the bounds it is given.
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { resetTaroStub } from './stubs/taro'
import PageShell from '@/components/PageShell'
import PickerSheet, { monthGrid, type PickerOption } from '@/components/PickerSheet'
import { setAgreedPrivacy, setLargeFont } from '@/services/settings'
import { pickDate, pickTime } from './pickers'

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})

const byId = (id: string) => document.getElementById(id)
const tap = (id: string) => fireEvent.click(byId(id) as HTMLElement)

interface ControlledProps {
  mode: 'select' | 'date' | 'time'
  options?: PickerOption[]
  start?: string
  end?: string
  placeholder?: string
  disabled?: boolean
  initial?: string
  seen?: string[]
}

function Controlled({ mode, options = [], start, end, placeholder, disabled, initial, seen }: ControlledProps) {
  const [value, setValue] = useState(initial ?? '')
  const common = { id: 'pick', title: '选一个', value, placeholder, disabled, onChange: (v: string) => {
    seen?.push(v)
    setValue(v)
  } }
  if (mode === 'select') return <PickerSheet {...common} mode='select' options={options} />
  if (mode === 'date') return <PickerSheet {...common} mode='date' start={start} end={end} />
  return <PickerSheet {...common} mode='time' />
}

const villages = [
  { value: 'pingchuan', label: '平川村' },
  { value: 'luwan', label: '芦湾村' },
]

describe('PickerSheet, a list', () => {
  it('shows the invitation until something is chosen; a tap opens big rows; a row chooses and closes', () => {
    const seen: string[] = []
    render(<Controlled mode='select' options={villages} placeholder='点这里选村' seen={seen} />)
    expect(byId('pick')?.textContent).toContain('点这里选村')
    expect(byId('pick-sheet')).toBeNull()
    tap('pick')
    expect(screen.getByText('选一个')).toBeTruthy()
    expect(byId('pick-option-1')?.textContent).toContain('芦湾村')
    tap('pick-option-1')
    expect(seen).toEqual(['luwan'])
    expect(byId('pick-sheet')).toBeNull()
    expect(byId('pick')?.textContent).toContain('芦湾村')
    // The chosen row is marked when it opens again; 不选了 leaves the choice as it was.
    tap('pick')
    expect(byId('pick-option-1')?.className).toContain('fq-pick-row--on')
    tap('pick-cancel')
    expect(byId('pick-sheet')).toBeNull()
    expect(seen).toEqual(['luwan'])
  })

  it('does not open while disabled', () => {
    render(<Controlled mode='select' options={villages} initial='pingchuan' disabled />)
    tap('pick')
    expect(byId('pick-sheet')).toBeNull()
  })
})

describe('PickerSheet, a date', () => {
  it('lays a month out Monday first', () => {
    // 1 December 2026 is a Tuesday: one blank, then 31 days.
    const grid = monthGrid(2026, 12)
    expect(grid.slice(0, 2)).toEqual(['', '2026-12-01'])
    expect(grid.filter(Boolean)).toHaveLength(31)
    // February 2028 is a leap month starting on a Tuesday.
    expect(monthGrid(2028, 2).filter(Boolean).pop()).toBe('2028-02-29')
  })

  it('chooses a day in another month, shown as 月日', () => {
    const seen: string[] = []
    render(<Controlled mode='date' initial='2026-03-10' seen={seen} />)
    expect(byId('pick')?.textContent).toContain('3月10日')
    pickDate('pick', '2026-01-31')
    expect(seen).toEqual(['2026-01-31'])
    expect(byId('pick')?.textContent).toContain('1月31日')
  })

  it('keeps to its bounds: days outside cannot be chosen and the months stop at the bounds', () => {
    const seen: string[] = []
    render(<Controlled mode='date' initial='2026-03-10' start='2026-03-05' end='2026-04-20' seen={seen} />)
    tap('pick')
    expect(byId('pick-month')?.textContent).toBe('2026年3月')
    tap('pick-day-2026-03-04')
    expect(seen).toEqual([])
    expect(byId('pick-day-2026-03-04')?.className).toContain('fq-pick-cell--off')
    expect(byId('pick-prev')?.className).toContain('fq-pick-cal__nav--off')
    tap('pick-prev')
    expect(byId('pick-month')?.textContent).toBe('2026年3月')
    tap('pick-next')
    expect(byId('pick-month')?.textContent).toBe('2026年4月')
    expect(byId('pick-next')?.className).toContain('fq-pick-cal__nav--off')
    tap('pick-day-2026-04-21')
    expect(seen).toEqual([])
    tap('pick-day-2026-04-20')
    expect(seen).toEqual(['2026-04-20'])
  })

  it('turns a whole year at a time when the bounds allow it', () => {
    const seen: string[] = []
    render(<Controlled mode='date' initial='2026-03-10' start='2000-01-01' end='2026-12-31' seen={seen} />)
    tap('pick')
    tap('pick-prev-year')
    expect(byId('pick-month')?.textContent).toBe('2025年3月')
    expect(byId('pick-next-year')?.className).not.toContain('fq-pick-cal__nav--off')
    tap('pick-next-year')
    expect(byId('pick-next-year')?.className).toContain('fq-pick-cal__nav--off')
    pickDate('pick', '2019-11-20')
    expect(seen).toEqual(['2019-11-20'])
  })

  it('offers 今天 when today is allowed', () => {
    const seen: string[] = []
    render(<Controlled mode='date' seen={seen} />)
    tap('pick')
    expect(byId('pick-today')?.textContent).toContain('今天')
    tap('pick-today')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})

describe('PickerSheet, a time', () => {
  it('chooses the hour and the minute, then 就选 HH:mm', () => {
    const seen: string[] = []
    render(<Controlled mode='time' placeholder='几点（可不选）' seen={seen} />)
    expect(byId('pick')?.textContent).toContain('几点（可不选）')
    pickTime('pick', '20:45')
    expect(seen).toEqual(['20:45'])
    expect(byId('pick')?.textContent).toContain('20:45')
  })

  it('keeps a minute that is off the 5-minute steps selectable', () => {
    render(<Controlled mode='time' initial='14:37' />)
    tap('pick')
    expect(byId('pick-minute-37')?.className).toContain('fq-pick-cell--on')
    expect(byId('pick-ok')?.textContent).toBe('就选 14:37')
  })
})

describe('PickerSheet in 长辈模式', () => {
  it('opens inside the page, so the page’s large sizes (fq-large) reach the sheet’s rows', () => {
    setLargeFont(true)
    render(
      <PageShell>
        <Controlled mode='select' options={villages} />
      </PageShell>,
    )
    tap('pick')
    const sheet = byId('pick-sheet') as HTMLElement
    expect(sheet.closest('.fq-page')?.className).toContain('fq-large')
    setLargeFont(false)
  })
})
