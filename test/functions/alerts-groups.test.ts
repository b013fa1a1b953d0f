// Alerts sent to a 社 (村民小组), through the real SDK against a seeded local cloud: a 社 alert reaches a villager whose
// household an officer confirmed in that 社 — not a neighbour confirmed in another 社, nor one whose 我住这里 is still
// pending — in the feed, the badge, the push job and the stats; the preview counts exactly them; a 社 that does not
// exist is refused before anything is stored; moving out takes the villager off it.
import type { ActionRequest } from '@contract'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const OFFICER = 'dev-officer'
const TEMPLATE = 'local-template-alert'
const MEMBER = 'fn-she-member' // confirmed at 平川村三社13号
const NEIGHBOUR = 'fn-she-neighbour' // confirmed at 平川村五社1号
const CLAIMANT = 'fn-she-claimant' // declared at 平川村三社14号, not yet confirmed
const SANSHE = { villageId: 'pingchuan', group: '三社' }

const api = contractCalls(() => t)
let seq = 0
const rid = (tag: string) => `she-${tag}-${++seq}`
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

function sheAlert(over: Partial<ActionRequest<'alerts.publish'>> = {}): ActionRequest<'alerts.publish'> {
  return {
    title: '三社今晚有人偷电瓶',
    body: '三社这两天夜里有电动车电瓶被偷，请把车推进屋里，锁好院门。',
    category: 'case',
    severity: 'severe',
    villageIds: [],
    groups: [SANSHE],
    advice: ['车推进屋里'],
    expiresAt: inDays(3),
    ...over,
  }
}

async function villager(openid: string, name: string, phone: string, addressId: string, confirm: boolean): Promise<void> {
  await api.ok(openid, 'account.updateProfile', { name, phone, villageId: 'pingchuan', address: '' })
  // Subscribed before anything is confirmed: the 社 must follow onto the subscription when it is.
  await api.ok(openid, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))
  const claim = await api.ok(openid, 'households.declare', { addressId, as: 'resident' }, rid('declare'))
  if (confirm) await api.ok(OFFICER, 'households.decideClaim', { id: claim.id, confirm: true }, rid('decide'))
}

const feedIds = async (openid: string) => (await api.ok(openid, 'alerts.list', {})).items.map((a) => a.id)
const reachOfSanshe = () => api.ok(OFFICER, 'alerts.reach', { villageIds: [], groups: [SANSHE] })

beforeAll(async () => {
  await villager(MEMBER, '韩春花', '13700000031', 'ad-pingchuan-三社-13', true)
  await villager(NEIGHBOUR, '马永福', '13700000032', 'ad-pingchuan-五社-1', true)
  await villager(CLAIMANT, '杨小梅', '13700000033', 'ad-pingchuan-三社-14', false)
}, 120_000)

test('the profile points at the confirmed household and its 社; a pending claim points at nothing', async () => {
  const user = (openid: string) => t.store.find('users', { _id: openid })[0] as unknown as { household?: string; householdGroup?: string }
  expect(user(MEMBER)).toMatchObject({ household: 'ad-pingchuan-三社-13', householdGroup: 'pingchuan|三社' })
  expect(user(NEIGHBOUR)).toMatchObject({ householdGroup: 'pingchuan|五社' })
  expect(user(CLAIMANT).householdGroup ?? '').toBe('')
  expect((await api.ok(MEMBER, 'account.me', {})).householdId).toBe('ad-pingchuan-三社-13')
})

test('the preview counts the confirmed members of the 社 and their push credits, nobody else', async () => {
  // The seed's 张桂兰 (三社12号, no subscription) and the member; not the neighbour (五社) nor the claimant.
  expect(await reachOfSanshe()).toEqual({ residents: 2, subscribed: 1 })
  const groups = await api.ok(OFFICER, 'alerts.groups', { villageId: 'pingchuan' })
  expect(groups.groups.find((g) => g.group === '三社')).toEqual({ villageId: 'pingchuan', group: '三社', label: '平川村三社', residents: 2 })
  expect(groups.groups.find((g) => g.group === '五社')?.residents).toBe(1)
  // The village preview still counts every resident with that village on the profile, the claimant included.
  const village = await api.ok(OFFICER, 'alerts.reach', { villageIds: ['pingchuan'] })
  expect(village.subscribed).toBe(3)
})

test('a 社 that does not exist, or villages mixed with 社, is refused in Chinese and stores nothing', async () => {
  const before = t.store.find('alerts', {}).length
  const missing = await api.call(OFFICER, 'alerts.publish', sheAlert({ groups: [{ villageId: 'pingchuan', group: '九十九社' }] }), rid('bad'))
  expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'villageIds', message: '平川村没有九十九社，请从列表里重新选择' } })
  const otherVillage = await api.call(OFFICER, 'alerts.publish', sheAlert({ groups: [{ villageId: 'luwan', group: '三社' }] }), rid('bad'))
  expect(otherVillage).toMatchObject({ ok: false, error: { message: '芦湾村没有三社，请从列表里重新选择' } })
  const mixed = await api.call(OFFICER, 'alerts.publish', sheAlert({ villageIds: ['luwan'] }), rid('bad'))
  expect(mixed).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: '村和社只能选一种：要么选整个村，要么选村里的社' } })
  expect(t.store.find('alerts', {}).length).toBe(before)
})

describe('a published 社 alert', () => {
  let id = ''
  beforeAll(async () => {
    await t.call('dev-admin', 'cron', 'run', { job: 'alerts.notify' }) // nothing else pending
    // Spelled as officers type it: 3社 is 三社.
    const saved = await api.ok(OFFICER, 'alerts.publish', sheAlert({ groups: [{ villageId: 'pingchuan', group: '3社' }] }), rid('pub'))
    id = saved.id
    expect(saved).toMatchObject({ scope: '平川村三社', villageIds: [], groups: [SANSHE] })
  })

  test('reaches the confirmed member only: feed, badge and opening it', async () => {
    expect(await feedIds(MEMBER)).toContain(id)
    expect(await feedIds('dev-resident-1')).toContain(id)
    expect(await feedIds(NEIGHBOUR)).not.toContain(id)
    expect(await feedIds(CLAIMANT)).not.toContain(id)
    expect(await feedIds('dev-resident-2')).not.toContain(id)
    const before = (await api.ok(MEMBER, 'alerts.unreadCount', {})).count
    await api.ok(MEMBER, 'alerts.markRead', { id })
    expect((await api.ok(MEMBER, 'alerts.unreadCount', {})).count).toBe(before - 1)
    expect(await api.call(NEIGHBOUR, 'alerts.get', { id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  test('the push job sends to the subscribed member, not to the neighbour or the claimant who also subscribed', async () => {
    expect(await t.call('dev-admin', 'cron', 'run', { job: 'alerts.notify' })).toMatchObject({ ok: true })
    const sends = t.store.find('alert_sends', { alertId: id }) as unknown as { openid: string; status: string }[]
    expect(sends.map((s) => [s.openid, s.status])).toEqual([[MEMBER, 'sent']])
  })

  test('stats count the 社 as one row, and officers find it under its village', async () => {
    await api.ok(MEMBER, 'alerts.ack', { id }, rid('ack'))
    const stats = await api.ok(OFFICER, 'alerts.stats', { id, followUp: true })
    expect(stats.stats).toMatchObject({ reach: 2, read: 1, acked: 1, byVillage: [{ villageId: 'pingchuan|三社', name: '平川村三社', reach: 2, read: 1, acked: 1 }] })
    // Not yet acknowledged: 张桂兰 only (the member pressed 知道了).
    expect(stats.followUp?.items.map((r) => [r.openid, r.villageName])).toEqual([['dev-resident-1', '平川村三社']])
    const underVillage = await api.ok(OFFICER, 'alerts.list', { villageId: 'pingchuan' })
    expect(underVillage.items.map((a) => a.id)).toContain(id)
    const underLuwan = await api.ok(OFFICER, 'alerts.list', { villageId: 'luwan' })
    expect(underLuwan.items.map((a) => a.id)).not.toContain(id)
  })

  test('moving out takes the villager off the 社: feed, preview and push credits', async () => {
    await api.ok(MEMBER, 'alerts.subscribe', { results: { [TEMPLATE]: 'accept' } }, rid('sub'))
    expect(await reachOfSanshe()).toEqual({ residents: 2, subscribed: 1 })
    const person = (t.store.find('hh_people', { openid: MEMBER }) as unknown as { _id: string }[])[0]
    await api.ok(OFFICER, 'households.movePersonOut', { id: person._id, movedOutDay: '2025-06-01', reason: '搬到县城了' }, rid('out'))
    expect(await feedIds(MEMBER)).not.toContain(id)
    expect(await reachOfSanshe()).toEqual({ residents: 1, subscribed: 0 })
  })
})
