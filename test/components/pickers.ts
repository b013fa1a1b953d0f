// Choosing in the app's PickerSheet the way a person does: tap the field, then the row, the day or the hour and minute.
import { fireEvent } from '@testing-library/react'

function el(id: string): HTMLElement {
  const found = document.getElementById(id)
  if (!found) throw new Error(`no element #${id}`)
  return found
}

/** Taps the field and the option at `index` in its sheet. */
export function pickOption(id: string, index: number): void {
  fireEvent.click(el(id))
  fireEvent.click(el(`${id}-option-${index}`))
}

/** Taps the field, turns the years and months (« 上一年, ‹ 上个月, …) to the date's month, and taps the day. */
export function pickDate(id: string, date: string): void {
  fireEvent.click(el(id))
  const target = date.slice(0, 7)
  for (let turns = 0; !document.getElementById(`${id}-day-${date}`); turns++) {
    if (turns > 400) throw new Error(`#${id} never showed ${date}`)
    const [y, m] = (el(`${id}-month`).textContent ?? '').match(/\d+/g) ?? []
    const shown = `${y}-${String(m).padStart(2, '0')}`
    const back = shown > target
    // A year at a time while the years differ (and the year buttons are there), then a month at a time.
    const yearly = y !== target.slice(0, 4) && document.getElementById(`${id}-${back ? 'prev' : 'next'}-year`)
    const step = yearly && (back ? `${Number(y) - 1}-${String(m).padStart(2, '0')}` >= target : `${Number(y) + 1}-${String(m).padStart(2, '0')}` <= target)
    fireEvent.click(el(step ? `${id}-${back ? 'prev' : 'next'}-year` : `${id}-${back ? 'prev' : 'next'}`))
  }
  fireEvent.click(el(`${id}-day-${date}`))
}

/** Taps the field, the hour, the minute and 就选. */
export function pickTime(id: string, time: string): void {
  const [h, m] = time.split(':')
  fireEvent.click(el(id))
  fireEvent.click(el(`${id}-hour-${h}`))
  fireEvent.click(el(`${id}-minute-${m}`))
  fireEvent.click(el(`${id}-ok`))
}
