// The one error pattern for forms: the first wrong field is scrolled to, and a summary by the button names them.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroStub } from './stubs/taro'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import FormErrorSummary, { FORM_KEY, useFormErrors, type FormFieldInfo } from '@/components/FormErrors'

const FIELDS: FormFieldInfo[] = [
  { key: 'name', label: '姓名', anchor: 'field-name' },
  { key: 'phone', label: '手机号', anchor: 'field-phone' },
  { key: 'materials', label: '材料', anchor: 'card-materials' },
]

function Form({ check }: { check: () => Record<string, string | undefined> }) {
  const form = useFormErrors(FIELDS)
  return (
    <div>
      <Field label='姓名' error={form.errors.name} id='field-name'>
        <input onChange={() => form.clear('name')} aria-label='姓名' />
      </Field>
      <Field label='手机号' error={form.errors.phone} id='field-phone'>
        <input aria-label='手机号' />
      </Field>
      <div id='card-materials'>{form.errors.materials}</div>
      <FormErrorSummary id='summary' state={form} fields={FIELDS} />
      <BigButton id='send' onClick={() => form.show(check())}>
        交上去
      </BigButton>
    </div>
  )
}

let scrolls: unknown[] = []
beforeEach(() => {
  resetTaroStub()
  scrolls = []
  jest.spyOn(Taro, 'pageScrollTo').mockImplementation((opts) => {
    scrolls.push(opts)
    return Promise.resolve({ errMsg: 'pageScrollTo:ok' })
  })
})

afterEach(() => jest.restoreAllMocks())

describe('form errors', () => {
  it('puts a summary naming every wrong field just above the button, and scrolls to the first one', () => {
    render(<Form check={() => ({ materials: '还没勾：身份证', name: '还没填姓名，请填上' })} />)
    fireEvent.click(screen.getByText('交上去'))
    const summary = document.getElementById('summary')
    expect(summary?.textContent).toContain('还有2处没填好：姓名、材料')
    // The summary sits right before the button, where the finger is.
    expect(summary?.nextElementSibling?.id).toBe('send')
    // The first wrong field in the form's order, not in the order the checks ran.
    expect(scrolls).toEqual([expect.objectContaining({ selector: '#field-name' })])
    // The field itself is marked and says what to do.
    expect(document.getElementById('field-name')?.className).toContain('fq-field--error')
    expect(screen.getByText('还没填姓名，请填上')).toBeTruthy()
  })

  it('tapping the summary goes to the first wrong field again', () => {
    render(<Form check={() => ({ phone: '手机号要11位数字' })} />)
    fireEvent.click(screen.getByText('交上去'))
    fireEvent.click(screen.getByText('点这里去第一处 ↑'))
    expect(scrolls).toHaveLength(2)
    expect(scrolls[1]).toEqual(expect.objectContaining({ selector: '#field-phone' }))
  })

  it('a fixed field leaves the summary; when all are fixed it goes away', () => {
    render(<Form check={() => ({ name: '还没填姓名，请填上' })} />)
    fireEvent.click(screen.getByText('交上去'))
    expect(document.getElementById('summary')).toBeTruthy()
    act(() => {
      fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张桂兰' } })
    })
    expect(document.getElementById('summary')).toBeNull()
    expect(screen.queryByText('还没填姓名，请填上')).toBeNull()
  })

  it('shows a failure of the whole form (e.g. the network) by the button too', () => {
    render(<Form check={() => ({ [FORM_KEY]: '网络不好，没有交上去。请到信号好的地方再点一次' })} />)
    fireEvent.click(screen.getByText('交上去'))
    expect(document.getElementById('summary')?.textContent).toContain('网络不好，没有交上去')
  })
})
