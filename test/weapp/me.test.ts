// The compiled WeChat build's 我的 page, in miniprogram-simulate, against the seeded local cloud.
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type SimComponent, type WeappHarness } from '../support/weapp'

let weapp: WeappHarness

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: 'dev-resident-2', storage: { fq_privacy_agreed: true } })
})

function typeInto(page: SimComponent, id: string, value: string): void {
  const input = page.querySelector(`#${id}`)
  if (!input) throw new Error(`no input #${id}`)
  input.dispatchEvent('input', { detail: { value, cursor: value.length } })
}

it('shows the profile the server holds, and saves an edit', async () => {
  const page = await weapp.openPage('pages/me/index')
  const phone = await waitFor(() => textOf(page, 'profile-phone'), 'the profile phone')
  expect(phone).toMatch(/^1\d{10}$/)
  expect(textOf(page, 'profile-village')).toBe('芦湾村')
  expect(weapp.calls.map((c) => `${c.name}.${c.data.action}`)).toContain('account.me')

  tap(page, 'edit-profile')
  await waitFor(() => page.querySelector('#input-phone'), 'the edit form')

  // A bad number is refused on the phone, before anything is sent.
  typeInto(page, 'input-phone', '1380013')
  const before = weapp.calls.length
  tap(page, 'save-profile')
  await waitFor(() => textOf(page, 'field-phone-error'), 'the phone error')
  expect(textOf(page, 'field-phone-error')).toContain('11位')
  expect(weapp.calls.length).toBe(before)

  typeInto(page, 'input-phone', '13712345678')
  typeInto(page, 'input-name', '芦湾村民改名')
  tap(page, 'save-profile')
  await waitFor(() => textOf(page, 'profile-phone') === '13712345678', 'the saved phone on the profile card')
  const save = weapp.calls.find((c) => c.data.action === 'updateProfile')
  expect(save?.data.requestId).toEqual(expect.any(String))
  expect(page.dom.textContent).toContain('芦湾村民改名')
  // Kept on the server, not only on the screen.
  const me = (await gatewayCall(process.env.TEST_CLOUD_URL ?? '', 'dev-resident-2', 'account', { action: 'me', payload: {} })) as { data: { phone: string } }
  expect(me.data.phone).toBe('13712345678')
})
