// The compiled WeChat build in miniprogram-simulate: after 不同意, saving the profile asks again at the moment of
// need (the sheet comes back, the tab bar is hidden under it) and nothing reaches the server until 同意.
import { loadWeapp, tap, textOf, waitFor, type SimComponent, type WeappHarness } from '../support/weapp'

let weapp: WeappHarness
let bar: SimComponent
const tabBar: string[] = []

beforeAll(() => {
  // No fq_privacy_agreed: a first launch.
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: 'dev-resident-4' })
  bar = weapp.openTabBar()
  const wx = (globalThis as unknown as { wx: Record<string, (o: unknown) => unknown> }).wx
  const hide = wx.hideTabBar
  const show = wx.showTabBar
  wx.hideTabBar = (o) => {
    tabBar.push('hide')
    return hide?.(o)
  }
  wx.showTabBar = (o) => {
    tabBar.push('show')
    return show?.(o)
  }
})

function typeInto(page: SimComponent, id: string, value: string): void {
  const input = page.querySelector(`#${id}`)
  if (!input) throw new Error(`no input #${id}`)
  input.dispatchEvent('input', { detail: { value, cursor: value.length } })
}

const saves = () => weapp.calls.filter((c) => c.data.action === 'updateProfile').length

it('不同意 holds back the profile; asked again at 保存, 同意 sends it', async () => {
  const page = await weapp.openPage('pages/me/index')
  await waitFor(() => page.querySelector('#privacy-sheet'), 'the privacy sheet at first launch')
  expect(tabBar).toContain('hide')
  // The app's own tab bar (custom-tab-bar) is gone too, so it cannot cover the sheet's buttons...
  await waitFor(() => !bar.querySelector('#tabbar'), 'the tab bar hidden under the sheet')
  tap(page, 'privacy-disagree')
  await waitFor(() => !page.querySelector('#privacy-sheet'), 'the sheet closing')
  // ...and comes back with it.
  await waitFor(() => bar.querySelector('#tabbar'), 'the tab bar back')

  await waitFor(() => page.querySelector('#edit-profile'), 'the profile card')
  tap(page, 'edit-profile')
  await waitFor(() => page.querySelector('#input-phone'), 'the edit form')
  typeInto(page, 'input-phone', '13712340004')
  tap(page, 'save-profile')
  await waitFor(() => page.querySelector('#privacy-sheet'), 'the sheet again at the moment of need')
  tap(page, 'privacy-disagree')
  await waitFor(() => textOf(page, 'form-error-form'), 'the refusal message')
  expect(textOf(page, 'form-error-form')).toContain('没有同意个人信息保护说明，所以没有交上去')
  expect(saves()).toBe(0)

  tap(page, 'save-profile')
  const agree = await waitFor(() => page.querySelector('#fq-privacy-agree'), 'the agree button')
  // WeChat's agreePrivacyAuthorization button reports through bindagreeprivacyauthorization.
  agree.dispatchEvent('agreeprivacyauthorization')
  await waitFor(() => saves() === 1, 'the profile sent after 同意')
  await waitFor(() => textOf(page, 'profile-phone') === '13712340004', 'the saved phone')
})
