// The app's one dialog (services/dialog + components/Dialog in every PageShell): it opens inside the page, ignores the
// tap that opened it, answers the promise on 确定/取消, grows and darkens in 长辈模式, and stands in for WeChat's modal
// (which 长辈模式 cannot reach) in the leave guard.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import PageShell from '@/components/PageShell'
import { CONFIRM_ARM_MS } from '@/components/ConfirmSheet'
import { alertDialog, confirmDialog, currentDialog, settleDialog } from '@/services/dialog'
import { setAgreedPrivacy, setLargeFont } from '@/services/settings'
import { confirmLeave } from '@/hooks/useLeaveGuard'

const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)))

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
  setLargeFont(false)
})
afterEach(() => {
  const open = currentDialog()
  if (open) act(() => settleDialog(open.seq, false))
})

function ask(): { answer: Promise<boolean> } {
  let answer!: Promise<boolean>
  act(() => {
    answer = confirmDialog({ title: '取消这次上门？', content: '王阿姨　身份证办理', confirmText: '取消上门', cancelText: '不了' })
  })
  return { answer }
}

describe('confirmDialog', () => {
  it('opens in the page with the words it was given, confirm above 不了', () => {
    render(<PageShell>内容</PageShell>)
    ask()
    expect(document.getElementById('dialog')).toBeTruthy()
    expect(screen.getByText('取消这次上门？')).toBeTruthy()
    expect(document.getElementById('dialog-message')?.textContent).toBe('王阿姨　身份证办理')
    const yes = document.getElementById('dialog-confirm')
    const no = document.getElementById('dialog-cancel')
    expect(yes?.textContent).toContain('取消上门')
    expect(no?.textContent).toContain('不了')
    expect(yes && no && yes.compareDocumentPosition(no) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('ignores a tap right after it opens, then resolves true on a deliberate tap and goes away', async () => {
    render(<PageShell>内容</PageShell>)
    const { answer } = ask()
    let settled: boolean | undefined
    void answer.then((v) => (settled = v))
    fireEvent.click(document.getElementById('dialog-confirm') as HTMLElement)
    await wait(150)
    fireEvent.click(document.getElementById('dialog-confirm') as HTMLElement)
    expect(settled).toBeUndefined()
    expect(document.getElementById('dialog')).toBeTruthy()
    await wait(CONFIRM_ARM_MS)
    fireEvent.click(document.getElementById('dialog-confirm') as HTMLElement)
    await expect(answer).resolves.toBe(true)
    await wait(0)
    expect(document.getElementById('dialog')).toBeNull()
  })

  it('不了 resolves false at once', async () => {
    render(<PageShell>内容</PageShell>)
    const { answer } = ask()
    fireEvent.click(document.getElementById('dialog-cancel') as HTMLElement)
    await expect(answer).resolves.toBe(false)
  })

  it('a second question replaces the first, which counts as 不', async () => {
    render(<PageShell>内容</PageShell>)
    const first = ask()
    let second!: Promise<boolean>
    act(() => {
      second = confirmDialog({ title: '记为没来？', confirmText: '记为没来' })
    })
    await expect(first.answer).resolves.toBe(false)
    expect(screen.getByText('记为没来？')).toBeTruthy()
    expect(document.getElementById('dialog-cancel')?.textContent).toContain('取消')
    fireEvent.click(document.getElementById('dialog-cancel') as HTMLElement)
    await expect(second).resolves.toBe(false)
  })

  it('is large and high-contrast in 长辈模式', () => {
    setLargeFont(true)
    render(<PageShell>内容</PageShell>)
    ask()
    const panel = document.querySelector('#dialog .fq-sheet__panel') as HTMLElement
    expect(panel.className).toContain('fq-dialog--care')
    expect(panel.closest('.fq-page')?.className).toContain('fq-large')
  })

  it('without a page on screen a question counts as 不', async () => {
    await expect(confirmDialog({ title: '确认' })).resolves.toBe(false)
    await expect(alertDialog({ title: '没有改成' })).resolves.toBeUndefined()
  })
})

describe('alertDialog', () => {
  it('shows one 好的 button and resolves when it is tapped', async () => {
    render(<PageShell>内容</PageShell>)
    let done!: Promise<void>
    act(() => {
      done = alertDialog({ title: '没有改成', content: '网络不通，请稍后再试', confirmText: '好的' })
    })
    expect(screen.getByText('网络不通，请稍后再试')).toBeTruthy()
    expect(document.getElementById('dialog-cancel')).toBeNull()
    await wait(CONFIRM_ARM_MS)
    fireEvent.click(document.getElementById('dialog-confirm') as HTMLElement)
    await expect(done).resolves.toBeUndefined()
  })
})

describe('the leave guard asks with the app dialog', () => {
  it('resolves true on 离开 and false on 留下', async () => {
    const shared = globalThis as { __fqLeaveGuard?: string | null }
    render(<PageShell>内容</PageShell>)
    shared.__fqLeaveGuard = '填的内容还没提交，'
    try {
      let leave!: Promise<boolean>
      act(() => {
        leave = confirmLeave()
      })
      expect(screen.getByText('填的内容还没提交，要离开吗？')).toBeTruthy()
      fireEvent.click(screen.getByText('留下'))
      await expect(leave).resolves.toBe(false)
      act(() => {
        leave = confirmLeave()
      })
      await wait(CONFIRM_ARM_MS)
      fireEvent.click(screen.getByText('离开'))
      await expect(leave).resolves.toBe(true)
    } finally {
      shared.__fqLeaveGuard = null
    }
  })
})
