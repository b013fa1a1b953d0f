// The residents-per-village counters (village_residents) that alerts.stats and alerts.reach read: every account
// write that changes a resident's village or role moves them, so they always equal a count of `users`.
import { count, findById } from '@server/db'
import { USERS, VILLAGE_RESIDENTS } from '@server/collections'
import { startTestCloud } from '../support/localCloud'

type TestCloud = Awaited<ReturnType<typeof startTestCloud>>
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

const VILLAGES = ['pingchuan', 'luwan']

async function counters(): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const v of VILLAGES) out[v] = (await findById<{ _id: string; residents: number }>(cloud.db, VILLAGE_RESIDENTS, v))?.residents ?? 0
  return out
}

async function counted(): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const v of VILLAGES) out[v] = await count(cloud.db.collection(USERS).where({ role: 'resident', villageId: v }))
  return out
}

const profile = (villageId: string) => ({ name: '韩春花', phone: '13900001111', villageId, address: '二社6号' })

test('the seed, a new resident, a move, an invite and a role change all keep the counters equal to the users', async () => {
  expect(await counters()).toEqual(await counted())
  const before = await counters()

  // A first-time caller who saves a profile with a village counts there.
  expect(await cloud.call('fn-res-1', 'account', 'updateProfile', profile('pingchuan'))).toMatchObject({ ok: true })
  expect(await counters()).toEqual({ ...before, pingchuan: before.pingchuan + 1 })
  // Moving to another village moves the count; saving the same village again changes nothing.
  expect(await cloud.call('fn-res-1', 'account', 'setVillage', { villageId: 'luwan' })).toMatchObject({ ok: true })
  expect(await cloud.call('fn-res-1', 'account', 'setVillage', { villageId: 'luwan' })).toMatchObject({ ok: true })
  expect(await counters()).toEqual({ ...before, luwan: before.luwan + 1 })
  // Made an officer (by an admin): no longer a resident anywhere.
  expect(await cloud.call('dev-admin', 'account', 'setRole', { openid: 'fn-res-1', role: 'officer' }, 'res-promote')).toMatchObject({ ok: true })
  expect(await counters()).toEqual(before)
  // And back.
  expect(await cloud.call('dev-admin', 'account', 'setRole', { openid: 'fn-res-1', role: 'resident' }, 'res-demote')).toMatchObject({ ok: true })
  expect(await counters()).toEqual({ ...before, luwan: before.luwan + 1 })
  expect(await counters()).toEqual(await counted())

  // Concurrent saves of several new residents: each counted once.
  await Promise.all(['fn-res-2', 'fn-res-3', 'fn-res-4', 'fn-res-5'].map((id) => cloud.call(id, 'account', 'updateProfile', profile('pingchuan'))))
  expect(await counters()).toEqual(await counted())
  expect((await cloud.call('dev-officer', 'alerts', 'reach', { villageIds: ['pingchuan'] })) as unknown).toMatchObject({ ok: true, data: { residents: (await counted()).pingchuan } })
})
