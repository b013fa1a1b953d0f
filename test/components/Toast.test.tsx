// The app's one toast: what `toast()` puts on the page, for how long, how large in 长辈模式, and that WeChat's small native
// toast is never used.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { recorded, resetTaroStub } from './stubs/taro'
import PageShell from '@/components/PageShell'
import ToastHost from '@/components/Toast'
import { setAgreedPrivacy, setLargeFont } from '@/services/settings'
import { hideToast, readableDuration, setToastClock, toast } from '@/services/toast'

let now = 1_000_000
beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
  jest.useFakeTimers()
  now = 1_000_000
  setToastClock(() => now)
  jest.setSystemTime(now)
})
afterEach(() => {
  act(() => hideToast())
  jest.useRealTimers()
})

/** Moves both the toast's clock and the timers. */
function wait(ms: number): void {
  act(() => {
    now += ms
    jest.advanceTimersByTime(ms)
  })
}

const shownText = () => document.getElementById('toast-text')?.textContent ?? null

describe('toast', () => {
  it('shows the words in the page, in a polite live region screen readers announce, with ✓ for a success', () => {
    render(<PageShell>内容</PageShell>)
    act(() => toast('已保存', { kind: 'success' }))
    expect(shownText()).toBe('已保存')
    const region = document.getElementById('toast')?.parentElement as HTMLElement
    expect(region.getAttribute('role')).toBe('status')
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(screen.getByText('✓')).toBeTruthy()
    expect(recorded.toasts).toEqual([])
  })

  it('stays long enough to read, then goes away by itself', () => {
    setLargeFont(false)
    render(<ToastHost />)
    act(() => toast('地址已复制，可以发给家里人'))
    const duration = readableDuration('地址已复制，可以发给家里人', false)
    expect(duration).toBeGreaterThanOrEqual(5000)
    wait(duration - 100)
    expect(shownText()).toBe('地址已复制，可以发给家里人')
    wait(200)
    expect(shownText()).toBeNull()
  })

  it('gives longer words more time, never less than 2.5 s nor more than 7 s, and half as long again in 长辈模式', () => {
    expect(readableDuration('好了', false)).toBe(3000)
    expect(readableDuration('没找到派出所电话，有急事请打110', false)).toBeGreaterThan(readableDuration('好了', false))
    expect(readableDuration('字'.repeat(100), false)).toBe(7000)
    expect(readableDuration('好了', true)).toBe(4500)
  })

  it('is large and bold in 长辈模式 and stays longer there', () => {
    setLargeFont(true)
    render(<ToastHost />)
    act(() => toast('好的，会提醒您', { kind: 'success' }))
    expect(document.getElementById('toast')?.className).toContain('fq-toast--care')
    wait(readableDuration('好的，会提醒您', false) + 100)
    expect(shownText()).toBe('好的，会提醒您')
    wait(readableDuration('好的，会提醒您', true))
    expect(shownText()).toBeNull()
  })

  it('goes away at a tap, and a newer toast replaces the old one', () => {
    render(<ToastHost />)
    act(() => toast('签到好了', { kind: 'success' }))
    act(() => toast('没有开启成功，可以再点一次', { kind: 'error' }))
    expect(shownText()).toBe('没有开启成功，可以再点一次')
    expect(screen.getByText('!')).toBeTruthy()
    fireEvent.click(document.getElementById('toast') as HTMLElement)
    expect(shownText()).toBeNull()
  })

  it('is still there on the page a person goes back to (a host mounted later shows it until its time is up)', () => {
    act(() => toast('已撤回', { kind: 'success' }))
    wait(1000)
    render(<ToastHost />)
    expect(shownText()).toBe('已撤回')
    wait(readableDuration('已撤回', false))
    expect(shownText()).toBeNull()
  })
})
