// The growing text box: it grows with its text (auto-height) and tells how much room is left.
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import TextArea from '@/components/TextArea'

function Box({ max, initial = '' }: { max: number; initial?: string }) {
  const [value, setValue] = useState(initial)
  return <TextArea id='note' value={value} maxLength={max} onInput={setValue} placeholder='想说的话' />
}

describe('TextArea', () => {
  it('says 还能写N字 and counts down as the person writes', () => {
    render(<Box max={200} />)
    expect(screen.getByText('还能写200字')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('想说的话'), { target: { value: '父亲腿脚不便，身份证过期了' } })
    expect(screen.getByText('还能写187字')).toBeTruthy()
  })

  it('says when it is full, and the box itself stops at the limit', () => {
    render(<Box max={10} initial='一二三四五六七八九十' />)
    expect(screen.getByText('已经写满了（最多10字）')).toBeTruthy()
    const box = screen.getByPlaceholderText('想说的话')
    expect(box.getAttribute('maxlength')).toBe('10')
  })

  it('grows with its content instead of clipping after two lines', () => {
    const long = '第一行\n第二行\n第三行\n第四行'
    render(<Box max={500} initial={long} />)
    const box = screen.getByPlaceholderText('想说的话') as HTMLTextAreaElement
    expect(box.value).toBe(long)
    expect(box.getAttribute('data-auto-height')).toBe('true')
  })
})
