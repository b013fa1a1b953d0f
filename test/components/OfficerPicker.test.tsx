// 选民警 (OfficerPicker): 我 is chosen by default, colleagues come from account.colleagues, and a failed list
// still leaves 我 to pick, with a tap to try again.
import { useState } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import type { Colleague, Profile } from '@contract/account'
import type { Result } from '@contract'
import OfficerPicker from '@/components/OfficerPicker'
import { installTransport } from '@/services/client'

const me: Profile = { openid: 'dev-officer', role: 'officer', name: '王警官', phone: '138****0002', villageId: 'pingchuan', villageName: '平川村', address: '', profileComplete: true }
const colleagues: Colleague[] = [
  { openid: 'dev-admin', name: '李所长', role: 'admin' },
  { openid: 'dev-officer', name: '王警官', role: 'officer' },
  { openid: 'dev-officer-2', name: '赵警官', role: 'officer' },
]

let colleaguesAnswer: () => Result<Colleague[]>
let colleagueCalls = 0

beforeEach(() => {
  resetTaroStub()
  colleagueCalls = 0
  colleaguesAnswer = () => ({ ok: true, data: colleagues })
  installTransport(
    async (req) => {
      if (req.name === 'account' && req.data.action === 'me') return { ok: true, data: me }
      if (req.name === 'account' && req.data.action === 'colleagues') {
        colleagueCalls++
        return colleaguesAnswer()
      }
      return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
    },
    { sleep: () => Promise.resolve() },
  )
})

afterAll(() => installTransport(undefined))

/** The picker inside a form that keeps the choice, as the home-visit and assign sheets do. */
function Form({ onChange }: { onChange: (openid: string | undefined) => void }) {
  const [value, setValue] = useState<string>()
  return (
    <OfficerPicker
      id='pick'
      label='谁去上门'
      value={value}
      onChange={(openid) => {
        setValue(openid)
        onChange(openid)
      }}
    />
  )
}

const chosen = () => Array.from(document.querySelectorAll('.fq-officer-picker__row--on')).map((el) => el.id)

describe('OfficerPicker', () => {
  it('starts on 我 and lists the other officers once, by name, with the admin marked', async () => {
    render(<Form onChange={jest.fn()} />)
    expect(await screen.findByText('赵警官')).toBeTruthy()
    expect(screen.getByText('我（王警官）')).toBeTruthy()
    expect(screen.getByText('谁去上门')).toBeTruthy()
    expect(screen.getByText('李所长')).toBeTruthy()
    expect(screen.getByText('管理员')).toBeTruthy()
    // The caller appears only as 我, not a second time under their name.
    expect(screen.queryByText('王警官')).toBeNull()
    expect(chosen()).toEqual(['pick-me'])
  })

  it('reports the colleague tapped, moves the mark, and gives undefined back for 我', async () => {
    const onChange = jest.fn()
    render(<Form onChange={onChange} />)
    fireEvent.click(await screen.findByText('赵警官'))
    expect(onChange).toHaveBeenLastCalledWith('dev-officer-2')
    expect(chosen()).toEqual(['pick-dev-officer-2'])
    fireEvent.click(screen.getByText('我（王警官）'))
    expect(onChange).toHaveBeenLastCalledWith(undefined)
    expect(chosen()).toEqual(['pick-me'])
  })

  it('when the list does not load, still offers 我 and tries again on a tap', async () => {
    colleaguesAnswer = () => ({ ok: false, error: { code: 'forbidden', message: '只有民警能看' } })
    render(<Form onChange={jest.fn()} />)
    const retry = await screen.findByText('同事名单没有打开，现在只能选自己。点这里再试一次')
    expect(screen.getByText('我')).toBeTruthy()
    expect(chosen()).toEqual(['pick-me'])
    expect(screen.queryByText('赵警官')).toBeNull()

    colleaguesAnswer = () => ({ ok: true, data: colleagues })
    await act(async () => {
      fireEvent.click(retry)
    })
    expect(await screen.findByText('赵警官')).toBeTruthy()
    expect(colleagueCalls).toBe(2)
    expect(screen.queryByText('同事名单没有打开，现在只能选自己。点这里再试一次')).toBeNull()
  })

  it('says so when the officer is the only one', async () => {
    colleaguesAnswer = () => ({ ok: true, data: [colleagues[1]] })
    render(<Form onChange={jest.fn()} />)
    expect(await screen.findByText('所里还没有别的民警账号。')).toBeTruthy()
  })
})
