// The compiled WeChat build's doorplate page in miniprogram-simulate, opened the way a scan of a 小程序码 opens it:
// `scene` in the page query, URL-encoded by WeChat. A villager who does not live there sees the address and who to
// call (never the names of the people who live there), and says 我住这里; the declaration then waits for an officer.
import { gatewayCall, loadWeapp, tap, textOf, waitFor, type WeappHarness } from '../support/weapp'

const VILLAGER = 'dev-resident-3' // 马秀英, 五里墩村: lives elsewhere
const PLATE = 'MPPC030012' // 平川村三社12号, 张桂兰's home (seed)
let weapp: WeappHarness

beforeAll(() => {
  weapp = loadWeapp({ cloudUrl: process.env.TEST_CLOUD_URL ?? '', openid: VILLAGER, storage: { fq_privacy_agreed: true } })
})

it('opens from a scene, shows the plate to a passer-by and takes a declaration', async () => {
  const page = await weapp.openPage('packages/doorplate/index/index', { scene: encodeURIComponent(`mp=${PLATE}`) })
  // The first call warms the cloud function; on a busy machine that takes a while.
  await waitFor(() => page.querySelector('#plate-line'), 'the address of the plate', 30_000).catch((e: Error) => {
    throw new Error(`${e.message}; the page shows: ${page.dom.textContent ?? ''}`)
  })
  expect(textOf(page, 'plate-line')).toBe('三社12号')
  const scan = weapp.calls.find((c) => c.name === 'households' && c.data.action === 'scan')
  expect(scan?.data.payload).toEqual({ scene: `mp=${PLATE}` })
  // Privacy first: a passer-by sees no resident's name and not whether the house is let.
  expect(page.dom.textContent).not.toContain('张桂兰')
  expect(page.dom.textContent).not.toContain('出租')
  expect(page.querySelector('#plate-contacts')).not.toBeNull()
  expect(page.querySelector('#plate-report-theft')).not.toBeNull()

  tap(page, 'declare-resident')
  await waitFor(() => page.querySelector('#declare-send'), 'the confirm step')
  tap(page, 'declare-send')
  await waitFor(() => (textOf(page, 'declare-pending') ?? '').includes('等民警确认'), 'the declaration waiting for an officer')
  const declare = weapp.calls.find((c) => c.name === 'households' && c.data.action === 'declare')
  expect(declare?.data.requestId).toEqual(expect.any(String))

  // The officer's queue has it.
  const claims = (await gatewayCall(process.env.TEST_CLOUD_URL ?? '', 'dev-officer', 'households', { action: 'claims', payload: {} })) as { ok: boolean; data: { items: { addressLine: string; status: string }[] } }
  expect(claims.data.items.some((c) => c.addressLine.includes('三社12号') && c.status === 'pending')).toBe(true)
})
