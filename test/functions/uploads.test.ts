// Every file id a function accepts, against a local cloud through the real wx-server-sdk: folders per draft, the
// checks on report photos, errand photos and alert images, and an anonymous report that shares no token with the
// same person's other records.
import type { ActionRequest, Result } from '@contract'
import { settle } from '@server/db'
import { addDays, stationDay } from '@domain/station-time'
import { MAX_UPLOAD_BYTES } from '@domain/uploads'
import { contractCalls } from '../support/contractCalls'
import { TINY_JPEG } from '../support/images'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud
const api = contractCalls(() => t)

beforeAll(async () => {
  t = await startTestCloud()
}, 120_000)
afterAll(async () => t?.stop())

const OFFICER = 'dev-officer'
const R3 = 'dev-resident-3'
const R4 = 'dev-resident-4'
const R5 = 'dev-resident-5'
const H = 3600_000

let seq = 0
const rid = (tag: string) => `up-${tag}-${Date.now().toString(36)}-${++seq}`

function theft(photos: string[], anonymous = false): ActionRequest<'reports.create'> {
  const now = Date.now()
  return {
    type: 'theft',
    items: [{ name: '水泵', value: 300 }],
    from: new Date(now - 10 * H).toISOString(),
    to: new Date(now - 1 * H).toISOString(),
    villageId: 'pingchuan',
    place: '渠边地头',
    photos,
    anonymous,
  }
}

const errand = (photos: string[], who: { name: string; phone: string }): ActionRequest<'services.requestErrand'> => ({
  serviceId: 'hukou',
  materials: ['hukouben', 'idcard', 'zhunqian'],
  photos,
  ...who,
  handover: 'pickup',
})

const alert = (images: string[]): ActionRequest<'alerts.publish'> => ({
  title: '警惕冒充客服退款诈骗',
  body: '有人冒充网店客服打电话说要给您退款，让您开屏幕共享。这是诈骗，请挂断。',
  category: 'fraud',
  severity: 'minor',
  villageIds: ['pingchuan'],
  advice: ['退款不用开屏幕共享'],
  expiresAt: new Date(Date.now() + 7 * 24 * H),
  images,
  pinned: false,
  mode: 'publish',
})

function expectRefused<T>(r: Result<T>, field: string, text?: string): void {
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
  if (!r.ok) {
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
    if (text) expect(r.error.message).toContain(text)
  }
}

/** The folder part of a file id, `cloud://<env>.<bucket>/uploads/<key>/`. */
const dirOf = (fileId: string) => fileId.slice(0, fileId.lastIndexOf('/') + 1)

const counts = () => ({
  reports: t.store.find('reports').length,
  errands: t.store.find('errands').length,
  alerts: t.store.find('alerts').length,
})

describe('upload folders', () => {
  it('are new for every draft, owned by the caller and marked staff for officers', async () => {
    const a = await api.folder(R3)
    const b = await api.folder(R3)
    expect(a).toMatch(/^uploads\/[a-f0-9]{32}\/$/)
    expect(b).not.toBe(a)
    const officer = await api.folder(OFFICER)
    const docs = t.store.find('upload_folders')
    expect(docs.find((d) => `uploads/${String(d._id)}/` === a)).toMatchObject({ owner: R3, staff: false })
    expect(docs.find((d) => `uploads/${String(d._id)}/` === officer)).toMatchObject({ owner: OFFICER, staff: true })
  })

  it('are not handed out without end', async () => {
    const who = 'dev-resident-6'
    for (let i = 0; i < 40; i++) await api.folder(who)
    const r = await api.call(who, 'account.uploadPrefix', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
  })

  it('take no new files once too old', async () => {
    const prefix = await api.folder(R3)
    const photo = await api.upload(R3, 'old.jpg', { prefix })
    const key = prefix.split('/')[1]
    await settle(t.db.collection('upload_folders').doc(key).update({ data: { createdAt: new Date(Date.now() - 31 * 24 * H) } }))
    expectRefused(await api.call(R3, 'reports.create', theft([photo]), rid('old')), 'photos.0', '太久')
  })

  it('take a file of exactly 10 MB but not one byte more', async () => {
    const big = (n: number) => Buffer.concat([TINY_JPEG, Buffer.alloc(n - TINY_JPEG.length)])
    const exact = await api.upload(R3, 'exact.jpg', { bytes: big(MAX_UPLOAD_BYTES) })
    const over = await api.upload(R3, 'over.jpg', { bytes: big(MAX_UPLOAD_BYTES + 1) })
    expectRefused(await api.call(R3, 'reports.create', theft([exact, over]), rid('big')), 'photos.1', '太大')
    expect((await api.call(R3, 'reports.create', theft([exact]), rid('exact'))).ok).toBe(true)
  }, 30_000)
})

describe('file ids refused as report photos, errand photos and alert images', () => {
  // Each makes a file id as `who` would hand it in (a resident for photos, an officer for alert images).
  const cases: [string, (who: string) => Promise<string>, string][] = [
    ['an HTML page', (who) => api.upload(who, 'page.html', { bytes: Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), type: 'text/html' }), '不是照片'],
    ['an SVG', (who) => api.upload(who, 'pic.svg', { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type: 'image/svg+xml' }), '不是照片'],
    ['text labelled image/jpeg', (who) => api.upload(who, 'note.jpg', { bytes: Buffer.from('this is not a photo at all'), type: 'image/jpeg' }), '不是照片'],
    ['a GIF', (who) => api.upload(who, 'anim.jpg', { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), type: 'image/jpeg' }), '不是照片'],
    ['a 0-byte file', (who) => api.upload(who, 'empty.jpg', { bytes: Buffer.alloc(0) }), '是空的'],
    ['a file never uploaded', async (who) => `${dirOf(await api.upload(who, 'real.jpg'))}never-uploaded.jpg`, '没找到'],
    ['a file of another environment', async (who) => (await api.upload(who, 'env.jpg')).replace(/^cloud:\/\/[^.]+\./, 'cloud://other-env.'), '不是在这里上传的'],
    ['a host that only starts like ours', async (who) => (await api.upload(who, 'host.jpg')).replace(/^(cloud:\/\/[^/]+)\//, '$1.evil.com/'), '不是在这里上传的'],
    [
      'a %2e%2e segment into another folder',
      async (who) => {
        const theirs = await api.upload(R5, 'theirs.jpg', { prefix: await api.folder(R5) })
        return `${dirOf(await api.upload(who, 'mine.jpg'))}%2e%2e/${theirs.split('/').slice(-2).join('/')}`
      },
      '不是在这里上传的',
    ],
    [
      'a .. segment into another folder',
      async (who) => {
        const theirs = await api.upload(R5, 'theirs2.jpg', { prefix: await api.folder(R5) })
        return `${dirOf(await api.upload(who, 'mine2.jpg'))}../${theirs.split('/').slice(-2).join('/')}`
      },
      '不是在这里上传的',
    ],
    ['another person’s photo', async () => api.upload(R5, 'idcard-front.jpg', { prefix: await api.folder(R5) }), '不是您自己'],
    ['a real file outside the upload folders', async () => t.cloud.storage.put('alerts/poster.jpg', TINY_JPEG, 'image/jpeg'), '不是您自己'],
    ['a folder the server never issued', async () => t.cloud.storage.put(`uploads/${'0'.repeat(32)}/x.jpg`, TINY_JPEG, 'image/jpeg'), '不是您自己'],
  ]

  it.each(cases)('%s', async (_name, make, text) => {
    const before = counts()
    const photo = await make(R3)
    const good = await api.upload(R3, 'good.jpg')
    // The bad one second: the field names which photo it is.
    expectRefused(await api.call(R3, 'reports.create', theft([good, photo]), rid('r')), 'photos.1', text)
    expectRefused(await api.call(R3, 'services.requestErrand', errand([photo], { name: '马秀英', phone: '13900000003' }), rid('e')), 'photos.0', text)
    const image = await make(OFFICER)
    expectRefused(await api.call(OFFICER, 'alerts.publish', alert([image]), rid('a')), 'images.0', text)
    expect(counts()).toEqual(before)
  })
})

describe('alert images', () => {
  it('come only from staff uploads, never a resident’s file (case 8)', async () => {
    const idcard = await api.upload(R4, 'idcard-front.jpg', { prefix: await api.folder(R4) })
    expectRefused(await api.call(OFFICER, 'alerts.publish', alert([idcard]), rid('idcard')), 'images.0', '不是您自己')
    // A resident's own file is not a staff upload either (a folder issued to a resident never holds alert images).
    const poster = await api.upload(OFFICER, 'poster.png', { prefix: await api.folder(OFFICER) })
    const published = await api.ok(OFFICER, 'alerts.publish', alert([poster]), rid('poster'))
    expect(published.images.map((i) => i.fileId)).toEqual([poster])
    // Another officer may keep the images already on the alert, but not add a resident's.
    expectRefused(
      await api.call('dev-officer-2', 'alerts.update', { id: published.id, reason: '补充图片', changes: { images: [poster, idcard] } }, rid('upd')),
      'changes.images.1',
      '不是您自己',
    )
    const own = await api.upload('dev-officer-2', 'map.jpg', { prefix: await api.folder('dev-officer-2') })
    const updated = await api.ok('dev-officer-2', 'alerts.update', { id: published.id, reason: '补充图片', changes: { images: [poster, own] } }, rid('upd2'))
    expect(updated.images.map((i) => i.fileId)).toEqual([poster, own])
  })

  it('are not kept from an alert written before these checks if one is a resident’s file', async () => {
    const poster = await api.upload(OFFICER, 'old-poster.jpg', { prefix: await api.folder(OFFICER) })
    const published = await api.ok(OFFICER, 'alerts.publish', alert([poster]), rid('legacy'))
    const idcard = await api.upload(R4, 'idcard-back.jpg', { prefix: await api.folder(R4) })
    // As the hole left it: a resident's ID card already on a live alert.
    await settle(t.db.collection('alerts').doc(published.id).update({ data: { images: [poster, idcard] } }))
    const r = await api.call(OFFICER, 'alerts.update', { id: published.id, reason: '改标题', changes: { title: '警惕冒充客服退款诈骗（更新）', images: [poster, idcard] } }, rid('legacy-upd'))
    expectRefused(r, 'changes.images.1', '不是工作人员上传的')
    // Dropping it is fine.
    const fixed = await api.ok(OFFICER, 'alerts.update', { id: published.id, reason: '去掉不该有的图片', changes: { images: [poster] } }, rid('legacy-fix'))
    expect(fixed.images.map((i) => i.fileId)).toEqual([poster])
  })
})

describe('an anonymous report', () => {
  /** Every string in an answer, split into tokens that could carry an identity (ids, keys, names, numbers). */
  function tokens(value: unknown, out = new Set<string>()): Set<string> {
    if (typeof value === 'string') {
      // Times say when, not who: ISO instants and a URL's expiry second are left out.
      const text = value.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, ' ').replace(/([?&])t=\d+/g, '$1')
      for (const tok of text.split(/[^\p{L}\p{N}]+/u)) if (tok.length >= 3) out.add(tok)
      // A whole string too: a name or phone number is a token of its own.
      if (text.trim().length >= 3) out.add(text)
    } else if (typeof value === 'number') out.add(String(value))
    else if (Array.isArray(value)) value.forEach((v) => tokens(v, out))
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => tokens(v, out))
    return out
  }

  /** Objects in an answer with this id (an item in a list or agenda). */
  function withId(value: unknown, id: string, out: unknown[] = []): unknown[] {
    if (Array.isArray(value)) value.forEach((v) => withId(v, id, out))
    else if (value && typeof value === 'object') {
      if ((value as { id?: unknown }).id === id) out.push(value)
      else Object.values(value).forEach((v) => withId(v, id, out))
    }
    return out
  }

  async function openSlot(openid: string): Promise<string> {
    const today = stationDay(new Date())
    for (let n = 1; n <= 14; n++) {
      const day = addDays(today, n)
      const view = await api.ok(openid, 'services.slots', { serviceId: 'juzhu', day })
      const free = view.slots.find((s) => s.seatsLeft > 0)
      if (free) return `${day}T${free.time}`
    }
    throw new Error('no open slot in two weeks')
  }

  /** One person's records: an anonymous report (with a supplement), a named report, an errand with photos, a booking. */
  async function recordsOf(openid: string, who: { name: string; phone: string }) {
    // Each a draft of its own, with its own folder, as the app makes them.
    const draft = async (name: string) => api.upload(openid, name, { prefix: await api.folder(openid) })
    const anon = await api.ok(openid, 'reports.create', theft([await draft('photo.jpg'), await draft('photo2.jpg')], true), rid('anon'))
    const named = await api.ok(openid, 'reports.create', theft([await draft('photo.jpg')], false), rid('named'))
    const e = await api.ok(openid, 'services.requestErrand', errand([await draft('photo.jpg')], who), rid('errand'))
    const slot = await openSlot(openid)
    const b = await api.ok(openid, 'services.book', { serviceId: 'juzhu', slot, ...who }, rid('book'))
    await api.ok(openid, 'reports.supplement', { id: anon.id, text: '又想起来一点', photos: [await draft('later.jpg')] }, rid('sup'))
    return { anon: anon.id, named: named.id, errand: e.id, booking: b.id, day: slot.slice(0, 10) }
  }

  /** Every string an officer is shown of those records: the reports' details and list items, the agenda entries. */
  async function officerSees(r: Awaited<ReturnType<typeof recordsOf>>) {
    const reportsList = await api.ok(OFFICER, 'reports.list', { type: 'theft' })
    const agenda = await api.ok(OFFICER, 'services.agenda', { day: r.day })
    const anonSeen = [await api.ok(OFFICER, 'reports.get', { id: r.anon }), ...withId(reportsList, r.anon)]
    const errandSeen = withId(agenda, r.errand)
    const bookingSeen = withId(agenda, r.booking)
    expect(anonSeen.length).toBeGreaterThanOrEqual(2)
    expect(errandSeen.length).toBeGreaterThanOrEqual(1)
    expect(bookingSeen.length).toBeGreaterThanOrEqual(1)
    const othersSeen = [await api.ok(OFFICER, 'reports.get', { id: r.named }), ...withId(reportsList, r.named), ...errandSeen, ...bookingSeen]
    return { anon: tokens(anonSeen), others: tokens(othersSeen), anonSeen }
  }

  it('shares no token with the same person’s named report, errand and booking', async () => {
    const pRecords = await recordsOf(R4, { name: '陈志强', phone: '13900000004' })
    // The same records of another person, made before anything is looked at: whatever both people share (the
    // environment, the bucket, the village, labels, counts of reports nearby) is not a per-person token.
    const qRecords = await recordsOf(R5, { name: '杨玉梅', phone: '13900000005' })
    const p = await officerSees(pRecords)
    const q = await officerSees(qRecords)
    const common = new Set([...q.anon, ...q.others])
    const shared = [...p.anon].filter((tok) => p.others.has(tok) && !common.has(tok))
    expect(shared).toEqual([])
    // The check has teeth: the photos' file ids and URLs are among what was compared.
    const anonView = p.anonSeen[0] as { photos: { fileId: string; url: string }[] }
    expect(anonView.photos.length).toBe(3)
    expect(anonView.photos.every((ph) => ph.url.startsWith('http'))).toBe(true)
    // And the named report does show who it is, so the same comparison would catch it on the anonymous one.
    expect(p.others.has('陈志强')).toBe(true)
    expect(p.anon.has('陈志强')).toBe(false)
  }, 60_000)
})
