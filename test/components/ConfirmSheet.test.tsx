// A confirmation needs a deliberate second act: taps right after it opens are ignored, a later tap confirms.
import { act, fireEvent, render, screen } from '@testing-library/react'
import ConfirmSheet, { CONFIRM_ARM_MS } from '@/components/ConfirmSheet'

const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)))

function renderSheet(onConfirm = jest.fn(), onCancel = jest.fn()) {
  render(
    <ConfirmSheet
      open
      title='确认发布？'
      message='发给平川村 2人，会推送，确定发布？'
      confirmText='确认发布'
      onConfirm={onConfirm}
      onCancel={onCancel}
      id='sheet'
      confirmId='yes'
      cancelId='no'
    />,
  )
  return { onConfirm, onCancel }
}

describe('ConfirmSheet', () => {
  it('says who gets it and how', () => {
    renderSheet()
    expect(screen.getByText('发给平川村 2人，会推送，确定发布？')).toBeTruthy()
  })

  it('ignores a double tap that lands on it as it opens, then confirms on a deliberate tap', async () => {
    const { onConfirm } = renderSheet()
    fireEvent.click(screen.getByText('确认发布'))
    await wait(150)
    fireEvent.click(screen.getByText('确认发布'))
    expect(onConfirm).not.toHaveBeenCalled()
    await wait(CONFIRM_ARM_MS)
    fireEvent.click(screen.getByText('确认发布'))
    expect(onConfirm).toHaveBeenCalledTimes(1)
  })

  it('返回 works at once and puts the confirm button above it, away from the bottom', () => {
    const { onCancel } = renderSheet()
    const yes = document.getElementById('yes')
    const no = document.getElementById('no')
    expect(yes && no && yes.compareDocumentPosition(no) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    fireEvent.click(screen.getByText('返回'))
    expect(onCancel).toHaveBeenCalledTimes(1)
  })
})
