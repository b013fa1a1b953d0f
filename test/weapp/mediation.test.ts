// The compiled WeChat build's 我的调解 in miniprogram-simulate, against the seeded local cloud: a party sees the
// case the seed left being carried out (家庭赡养), with an overdue term, and marks a shared term done.
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type WeappHarness } from '../support/weapp'

const PARTY = 'dev-resident-4' // 陈志强, 三一村: the seeded 家庭赡养 case being carried out
let weapp: WeappHarness

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: PARTY, storage: { fq_privacy_agreed: true } })
})

it('opens the case being carried out and marks the shared term done', async () => {
  const mine = (await gatewayCall(process.env.TEST_CLOUD_URL ?? '', PARTY, 'mediation', { action: 'mine', payload: {} })) as { data: { items: { id: string; status: string }[] } }
  const performing = mine.data.items.find((c) => c.status === 'performing')
  expect(performing).toBeDefined()
  const id = performing?.id ?? ''

  // (One page component per file in simulate: the list is the same page without `id`.)
  const page = await weapp.openPage('packages/mediation/mine/index', { id })
  await waitFor(() => page.querySelector('#party-agreement'), 'the agreement on the case page')
  expect(page.dom.textContent).toContain('协议履行中')
  expect(textOf(page, 'term-t1')).toContain('已过期')
  // The other side's term has no button for this party; the shared one does.
  expect(page.querySelector('#term-done-t1') ?? null).toBeNull()
  tap(page, 'term-done-t2')
  await waitFor(() => (textOf(page, 'term-t2') ?? '').includes('已完成'), 'the shared term marked done')
  expect(weapp.calls.some((c) => c.name === 'mediation' && c.data.action === 'termDone')).toBe(true)
})
