// 举报进展通知 on the report success screen: on weapp the reporter is asked once, by a tap, for the template the
// server configured; the h5 build never asks; a refusal or a failing WeChat sheet leaves the success screen whole.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { recorded, resetTaroStub } from './stubs/taro'
import type { Profile, Village } from '@contract/account'
import { TheftForm } from '@/packages/report-form/theft/TheftForm'
import { REPORT_UPDATES_ACCEPTED, REPORT_UPDATES_DECLINED, REPORT_UPDATES_PURPOSE } from '@/packages/report-form/shared/ReportUpdatesConsent'
import { installTransport, type CallRequest } from '@/services/client'
import { setAgreedPrivacy } from '@/services/settings'
import { pickDate } from './pickers'

const TEMPLATE = 'tmpl-report-status'
const CASE_NO = 'PC20251128-0003'
const NOW = new Date('2025-11-28T10:00:00+08:00')
const now = () => NOW
const villages: Village[] = [{ id: 'pingchuan', name: '平川村' }]
const profile: Profile = {
  openid: 'dev-resident-1',
  role: 'resident',
  name: '张桂兰',
  phone: '13900000001',
  villageId: 'pingchuan',
  villageName: '平川村',
  address: '',
  profileComplete: true,
}

// WeChat's consent sheet: answers per template id, or fails (closed, or an old WeChat).
type SheetAnswer = Record<string, string> | Error
let sheetAnswer: SheetAnswer = {}
const requestSubscribeMessage = jest.fn((opts: { tmplIds: string[] }) => {
  void opts
  return sheetAnswer instanceof Error ? Promise.reject(sheetAnswer) : Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...sheetAnswer })
})
// The shared Taro stub has no subscription API; this file brings its own.
Object.assign(Taro, { requestSubscribeMessage })

function backend(subscribeTemplateId: string | null) {
  const seen: CallRequest[] = []
  installTransport(
    async (req) => {
      seen.push(req)
      if (`${req.name}.${req.data.action}` === 'reports.create') {
        return { ok: true, data: { id: CASE_NO, caseNo: CASE_NO, status: 'submitted', flagged: false, subscribeTemplateId } }
      }
      return { ok: false, error: { code: 'not_found', message: '没有这个功能' } }
    },
    { retries: 0 },
  )
  return seen
}

const byId = (id: string) => document.getElementById(id)
const click = (id: string) => fireEvent.click(byId(id) as HTMLElement)
const type = (id: string, value: string) => fireEvent.change(byId(id) as HTMLElement, { target: { value } })

/** A whole theft report, sent; resolves on the success screen. */
async function sendReport(): Promise<void> {
  render(<TheftForm profile={profile} villages={villages} now={now} />)
  type('input-item-0-name', '大塑料水桶')
  click('report-next')
  pickDate('input-from-date', '2025-11-27')
  type('input-place', '三社东头自家大棚')
  click('report-next')
  click('report-next')
  // Nothing is asked while the person is still filling in the form.
  expect(byId('report-updates-consent')).toBeNull()
  click('report-submit')
  await waitFor(() => expect(byId('report-case-no')?.textContent).toBe(CASE_NO))
}

const ENV = process.env.TARO_ENV

beforeEach(() => {
  resetTaroStub()
  setAgreedPrivacy()
  requestSubscribeMessage.mockClear()
  sheetAnswer = {}
  process.env.TARO_ENV = 'weapp'
})

afterEach(() => {
  process.env.TARO_ENV = ENV
})

afterAll(() => installTransport(undefined))

describe('举报进展通知 after a report is sent', () => {
  it('on weapp, asks once for the server’s template after success, and says the answer', async () => {
    backend(TEMPLATE)
    await sendReport()
    expect(byId('report-updates-purpose')?.textContent).toBe(REPORT_UPDATES_PURPOSE)
    // WeChat opens its sheet only from a tap: nothing was asked on the way to this screen.
    expect(requestSubscribeMessage).not.toHaveBeenCalled()

    sheetAnswer = { [TEMPLATE]: 'accept' }
    await act(async () => click('report-updates-yes'))
    await screen.findByText(REPORT_UPDATES_ACCEPTED)
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: [TEMPLATE] })
    // Asked once: the buttons are gone, so there is no second sheet.
    expect(byId('report-updates-yes')).toBeNull()
    expect(byId('report-updates-no')).toBeNull()
    expect(byId('report-case-no')?.textContent).toBe(CASE_NO)
  })

  it('a refusal in WeChat’s sheet leaves the success screen as it was, with a plain word on where to look', async () => {
    backend(TEMPLATE)
    await sendReport()
    sheetAnswer = { [TEMPLATE]: 'reject' }
    await act(async () => click('report-updates-yes'))
    await screen.findByText(REPORT_UPDATES_DECLINED)
    expect(byId('report-case-no')?.textContent).toBe(CASE_NO)
    expect(byId('report-open-detail')).not.toBeNull()
    expect(byId('report-back-tab')).not.toBeNull()
    expect(byId('report-updates-yes')).toBeNull()
  })

  it('a sheet that fails (closed, or an old WeChat) counts as no, and breaks nothing', async () => {
    backend(TEMPLATE)
    await sendReport()
    sheetAnswer = new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
    await act(async () => click('report-updates-yes'))
    await screen.findByText(REPORT_UPDATES_DECLINED)
    expect(byId('report-case-no')?.textContent).toBe(CASE_NO)
    click('report-open-detail')
    expect(recorded.navigations).toEqual([{ kind: 'redirectTo', url: `/packages/report-form/detail/index?id=${CASE_NO}` }])
  })

  it('不用了 answers without opening WeChat’s sheet', async () => {
    backend(TEMPLATE)
    await sendReport()
    click('report-updates-no')
    await screen.findByText(REPORT_UPDATES_DECLINED)
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('is never shown on h5', async () => {
    process.env.TARO_ENV = 'h5'
    backend(TEMPLATE)
    await sendReport()
    expect(byId('report-updates-consent')).toBeNull()
    expect(byId('report-open-detail')).not.toBeNull()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('is not shown on weapp when the server has no template configured', async () => {
    backend(null)
    await sendReport()
    expect(byId('report-updates-consent')).toBeNull()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })
})
