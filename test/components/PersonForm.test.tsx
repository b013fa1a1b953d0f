// 登记住的人 with a fake backend: the errors an officer sees (first field marked, summary above the button), the draft
// that survives a closed app without the ID number, one requestId however often a failed save is retried, and 人走注销
// with its day checked before anything is sent.
import { fireEvent, render, waitFor } from '@testing-library/react'
import { resetTaroStub } from './stubs/taro'
import Taro from '@tarojs/taro'
import type { PersonView } from '@contract/households'
import PersonForm, { personDraftName } from '@/packages/officer-households/person/PersonForm'
import MoveOutForm from '@/packages/officer-households/person/MoveOutForm'
import { installTransport, type CallRequest } from '@/services/client'

const ADDRESS = 'addr-pc-3-12'
const LINE = '平川镇平川村三社12号'
const TODAY = '2026-12-02'

function person(over: Partial<PersonView> = {}): PersonView {
  return {
    id: 'pp1', name: '何小军', kind: 'temporary', kindLabel: '暂住', role: 'tenant', roleLabel: '租户', movedInDay: '2026-11-20', movedOutDay: null, phone: '13900000201', isMe: false,
    addressId: ADDRESS, idNo: '', relation: '租户', focus: '', focusLabel: '无', linked: false, note: '', ...over,
  }
}

function backend(answer: (req: CallRequest) => unknown) {
  const seen: CallRequest[] = []
  installTransport(async (req) => {
    seen.push(req)
    return answer(req)
  }, { retries: 0 })
  return seen
}

const el = (id: string) => document.getElementById(id) as HTMLElement
const click = (id: string) => fireEvent.click(el(id))
const type = (id: string, value: string) => fireEvent.change(el(id), { target: { value } })
const textOf = (id: string) => document.getElementById(id)?.textContent ?? null

beforeEach(() => resetTaroStub())
afterAll(() => installTransport(undefined))

describe('登记住的人', () => {
  it('says what is wrong in Chinese before sending anything: the name, a short phone, an ID number asked for but not given', async () => {
    const seen = backend(() => ({ ok: true, data: person() }))
    render(<PersonForm addressId={ADDRESS} line={LINE} today={TODAY} onSaved={() => undefined} />)
    type('input-person-phone', '1390')
    click('person-idno-on')
    click('person-save')
    expect(textOf('field-person-name-error')).toBe('还没填姓名，请填上')
    expect(textOf('field-person-phone-error')).toContain('手机号要11位数字')
    expect(textOf('field-person-idno-input-error')).toContain('还没填身份证号')
    expect(textOf('person-errors')).toContain('还有3处没填好：姓名、电话、身份证号')
    expect(seen).toHaveLength(0)
    // A wrong ID number gets the schema's own words.
    type('input-person-idno', '62070219500101')
    click('person-save')
    expect(textOf('field-person-idno-input-error')).toContain('身份证号要18位')
  })

  it('keeps what was typed through a closed app (never the ID number), and saves once however often a failed save is retried', async () => {
    let fail = true
    const seen = backend((req) => {
      if (fail) throw new Error('offline')
      return { ok: true, data: person({ name: (req.data.payload as { name: string }).name }) }
    })
    const first = render(<PersonForm addressId={ADDRESS} line={LINE} today={TODAY} onSaved={() => undefined} />)
    type('input-person-name', '何小军')
    click('person-kind-temporary')
    click('person-role-tenant')
    click('person-focus-released')
    click('person-idno-on')
    type('input-person-idno', '62070219900101123x')
    first.unmount()
    const kept = JSON.stringify(Taro.getStorageSync(`fq_draft_${personDraftName(ADDRESS)}`))
    expect(kept).toContain('何小军')
    expect(kept).not.toContain('62070219900101123')

    const saved: PersonView[] = []
    render(<PersonForm addressId={ADDRESS} line={LINE} today={TODAY} onSaved={(p) => saved.push(p)} />)
    expect(el('person-restored')).not.toBeNull()
    expect((el('input-person-name') as HTMLInputElement).value).toBe('何小军')
    // The number is asked for again, not read back from the phone.
    expect((el('input-person-idno') as HTMLInputElement).value).toBe('')
    type('input-person-idno', '62070219900101123x')
    click('person-save')
    await waitFor(() => expect(textOf('person-errors-form')).toContain('填的还在手机上'))
    fail = false
    click('person-save')
    await waitFor(() => expect(saved).toHaveLength(1))
    const sent = seen.filter((r) => r.data.action === 'savePerson')
    expect(sent).toHaveLength(2)
    expect(sent[0].data.requestId).toBe(sent[1].data.requestId)
    expect(sent[1].data.payload).toEqual({ addressId: ADDRESS, name: '何小军', phone: '', kind: 'temporary', role: 'tenant', relation: '', idNo: '62070219900101123X', movedInDay: TODAY, focus: 'released', note: '' })
    expect(Taro.getStorageSync(`fq_draft_${personDraftName(ADDRESS)}`)).toBe('')
  })

  it('a correction sends the person id back with what was not changed, and puts a server refusal under its field', async () => {
    const seen = backend(() => ({ ok: false, error: { code: 'invalid_argument', message: '手机号要11位数字，以1开头，请检查', field: 'phone' } }))
    render(<PersonForm addressId={ADDRESS} line={LINE} current={person()} today={TODAY} onSaved={() => undefined} />)
    type('input-person-note', '在砖厂打工')
    click('person-save')
    await waitFor(() => expect(textOf('field-person-phone-error')).toContain('手机号要11位数字'))
    expect(seen[0].data.payload).toMatchObject({ id: 'pp1', name: '何小军', phone: '13900000201', kind: 'temporary', movedInDay: '2026-11-20', note: '在砖厂打工' })
  })
})

describe('人走注销', () => {
  it('refuses a day before the person moved in, then records the move once with the reason tapped', async () => {
    const done: PersonView[] = []
    const seen = backend(() => ({ ok: true, data: person({ movedOutDay: '2026-11-30' }) }))
    render(<MoveOutForm person={person()} today={TODAY} onDone={(p) => done.push(p)} />)
    click('input-out-day')
    click('input-out-day-prev')
    // Before the day they moved in: the calendar does not take it.
    click('input-out-day-day-2026-11-19')
    expect(textOf('input-out-day')).toContain('12月2日')
    click('input-out-day-day-2026-11-30')
    click('out-reason-2')
    click('out-save')
    await waitFor(() => expect(done).toHaveLength(1))
    expect(seen).toHaveLength(1)
    expect(seen[0].data).toMatchObject({ action: 'movePersonOut', payload: { id: 'pp1', movedOutDay: '2026-11-30', reason: '租期到了' } })
    expect(typeof seen[0].data.requestId).toBe('string')
  })
})
