// Every idempotent create survives a crash between storing its record and recording the answer: the request ledger
// is put back to `pending` as a killed call leaves it, and a retry with the same requestId answers the first record
// without storing a second one (the record is found by the request key, see createOnce in @server/atomic).
import { addDays, stationDay } from '@domain/station-time'
import { requestKeyOf } from '@server/dispatch'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud()
})

afterAll(async () => {
  await t?.stop()
})

const day = (n: number) => addDays(stationDay(new Date()), n)
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

interface Case {
  fn: string
  action: string
  openid: string
  collection: string
  payload: () => Record<string, unknown>
  /** The stored record's id in the answer. */
  idOf: (data: Record<string, unknown>) => string
}

const CASES: Case[] = [
  {
    fn: 'reports',
    action: 'create',
    openid: 'idem-reporter',
    collection: 'reports',
    payload: () => ({
      type: 'theft',
      anonymous: true,
      villageId: 'pingchuan',
      items: [{ name: '电动车电瓶', value: 300 }],
      from: new Date(Date.now() - 6 * 3600_000).toISOString(),
      to: new Date(Date.now() - 3600_000).toISOString(),
      place: '村口',
      photos: [],
    }),
    idOf: (d) => String(d.id),
  },
  {
    fn: 'services',
    action: 'book',
    openid: 'idem-booker',
    collection: 'bookings',
    payload: () => ({ serviceId: 'hukou', slot: `${day(2)}T10:00`, name: '测试村民', phone: '13700000001' }),
    idOf: (d) => String(d.id),
  },
  {
    fn: 'services',
    action: 'requestErrand',
    openid: 'idem-errand',
    collection: 'errands',
    payload: () => ({ serviceId: 'hukou', photos: [], name: '王淑珍', phone: '13900000009', handover: 'pickup', materials: ['hukouben', 'idcard', 'zhunqian'] }),
    idOf: (d) => String(d.id),
  },
  {
    fn: 'services',
    action: 'requestHomeVisit',
    openid: 'idem-visit',
    collection: 'home_visits',
    payload: () => ({
      serviceId: 'idcard',
      reason: '老人卧床，身份证过期',
      basis: 'elderly',
      age: 82,
      name: '黄德福',
      phone: '13900000006',
      villageId: 'huangjiapu',
      address: '黄家堡村六社3号',
      preferredDays: [day(1), day(2)],
    }),
    idOf: (d) => String(d.id),
  },
  {
    fn: 'alerts',
    action: 'publish',
    openid: 'dev-officer',
    collection: 'alerts',
    payload: () => ({
      mode: 'publish',
      title: '警惕冒充快递理赔诈骗',
      body: '有人冒充快递客服打电话说您的包裹丢了要理赔，让您下载软件、开屏幕共享。这是诈骗，请挂断。',
      category: 'fraud',
      severity: 'severe',
      villageIds: ['pingchuan'],
      advice: ['快递理赔不用下载软件'],
      expiresAt: inDays(7),
    }),
    idOf: (d) => String(d.id),
  },
  {
    fn: 'account',
    action: 'createInvite',
    openid: 'dev-admin',
    collection: 'invites',
    payload: () => ({ note: '新来的辅警' }),
    idOf: (d) => String(d.code),
  },
]

describe.each(CASES.map((c) => [`${c.fn}.${c.action}`, c] as const))('%s', (_name, c) => {
  it('a retry after the first call died past its write answers the first record and stores no second one', async () => {
    const requestId = `idem-${c.fn}-${c.action}-${Date.now().toString(36)}`
    const first = await t.call<Record<string, unknown>>(c.openid, c.fn, c.action, c.payload(), requestId)
    expect(first).toMatchObject({ ok: true })
    if (!first.ok) return
    const before = t.store.find(c.collection, {}).length

    // As a kill -9 after the record's commit leaves it: the ledger claim pending, the request key's mark stored.
    const ledgerKey = `${c.openid}:${c.fn}.${c.action}:${requestId}`
    expect(t.store.find('requests', { _id: requestKeyOf(ledgerKey) })).toHaveLength(1)
    await t.db.collection('requests').where({ _id: ledgerKey }).update({ data: { status: 'pending', result: t.db.command.remove() } })

    const retry = await t.call<Record<string, unknown>>(c.openid, c.fn, c.action, c.payload(), requestId)
    expect(retry).toMatchObject({ ok: true })
    if (!retry.ok) return
    expect(c.idOf(retry.data)).toBe(c.idOf(first.data))
    expect(t.store.find(c.collection, {}).length).toBe(before)
  })
})
