// The schedule editor: every problem at once at its field with the summary by the button, and a warning before
// leaving with unsaved edits.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import { DEFAULT_SCHEDULE } from '@domain/schedule'
import type { ScheduleView } from '@contract/services'
import SchedulePage from '@/packages/officer-services/schedule/index'
import { leaveGuardMessage } from '@/hooks/useLeaveGuard'
import { installTransport, type CallRequest, type Transport } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'

function backend() {
  const seen: CallRequest[] = []
  let view: ScheduleView = { schedule: DEFAULT_SCHEDULE, days: [] }
  const transport: Transport = async (req) => {
    seen.push(req)
    if (req.data.action === 'schedule') return { ok: true, data: view }
    if (req.data.action === 'saveSchedule') {
      view = { schedule: req.data.payload as ScheduleView['schedule'], days: [] }
      return { ok: true, data: view }
    }
    return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
  }
  installTransport(transport, { sleep: () => Promise.resolve() })
  return seen
}

const byId = (id: string) => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`#${id} is not on the page`)
  return el
}
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } })

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
})
afterAll(() => installTransport(undefined))

describe('schedule editor', () => {
  it('shows every problem at its field and names them all by the button; nothing is sent', async () => {
    const seen = backend()
    render(<SchedulePage />)
    await screen.findByText('每周办公时间')
    type('input-capacity', '')
    type('input-horizonDays', '3.5')
    fireEvent.click(byId('exception-add'))
    fireEvent.click(screen.getByText('保存设置'))
    expect(byId('field-capacity-error').textContent).toBe('还没填“每个时段几个名额”')
    expect(byId('field-horizonDays-error').textContent).toBe('“能约几天以内的”要填整数')
    expect(byId('exception-0-note-error').textContent).toMatch(/请写一下说明/)
    expect(byId('schedule-error').textContent).toMatch(/还有3处没填好：.+的说明、每个时段几个名额、能约几天以内的/)
    expect(seen.some((r) => r.data.action === 'saveSchedule')).toBe(false)
  })

  it('warns before leaving with unsaved edits, and not after saving', async () => {
    backend()
    render(<SchedulePage />)
    await screen.findByText('每周办公时间')
    expect(leaveGuardMessage()).toBeNull()
    type('input-capacity', '6')
    expect(screen.getByText('有改动还没保存。')).toBeTruthy()
    expect(leaveGuardMessage()).toMatch(/还没保存/)
    fireEvent.click(screen.getByText('保存设置'))
    await waitFor(() => expect(leaveGuardMessage()).toBeNull())
    expect(screen.queryByText('有改动还没保存。')).toBeNull()
  })
})
