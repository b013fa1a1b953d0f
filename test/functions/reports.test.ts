// The `reports` function against a local cloud, through the real wx-server-sdk and the seeded demo data.
import type { ActionRequest, ActionResponse } from '@contract'
import type { OfficerReportView, ReporterReportView } from '@contract/reports'
import { stationDayKey } from '@domain/station-time'
import { contractCalls } from '../support/contractCalls'
import { startTestCloud, type TestCloud } from '../support/localCloud'

let t: TestCloud

beforeAll(async () => {
  // The media-check results are delivered by hand, so a test sees a photo both before and after its result.
  t = await startTestCloud({ mediaCheckPush: false })
}, 120_000)

afterAll(async () => {
  await t?.stop()
})

const OFFICER = 'dev-officer'
const R1 = 'dev-resident-1' // 张桂兰 13900000001, 平川村
const R2 = 'dev-resident-2' // 刘建国 13900000002, 芦湾村
const H = 3600_000

const api = contractCalls(() => t)

let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now().toString(36)}`

interface Person {
  openid: string
  name: string
  phone: string
}

/** A fresh resident with a profile, so each test stays within the 5-a-day limit and owns what it asserts on. */
function newResident(name: string, villageId = 'pingchuan'): Person {
  const n = ++seq
  const person = { openid: `fn-res-${n}`, name, phone: `137${String(10_000_000 + n * 7919).slice(-8)}` }
  const at = new Date()
  t.store.insertMany('users', [{ _id: person.openid, role: 'resident', name, phone: person.phone, villageId, address: '', createdAt: at, updatedAt: at }])
  return person
}

/** Uploads a photo the way the app does: into the caller's folder from `account.uploadPrefix`. */
const upload = (openid: string, name: string) => api.upload(openid, name)

function theft(over: Partial<Extract<ActionRequest<'reports.create'>, { type: 'theft' }>> = {}): ActionRequest<'reports.create'> {
  const now = Date.now()
  return {
    type: 'theft',
    items: [{ name: '水桶', value: 60 }, { name: '铁锹', value: 40 }],
    from: new Date(now - 10 * H).toISOString(),
    to: new Date(now - 1 * H).toISOString(),
    villageId: 'pingchuan',
    place: '三社大棚',
    suspect: '看到一辆蓝色三轮车',
    ...over,
  }
}

function pesticide(over: Partial<Extract<ActionRequest<'reports.create'>, { type: 'fake_pesticide' }>> = {}): ActionRequest<'reports.create'> {
  return {
    type: 'fake_pesticide',
    product: '草甘膦',
    brand: '金丰收 生物科技有限公司',
    registrationNo: 'PD20080001',
    batchNo: '20250101',
    shop: '平川新农农资店',
    villageId: 'pingchuan',
    boughtAt: new Date(Date.now() - 10 * 24 * H).toISOString(),
    amountPaid: 120,
    crop: '玉米',
    areaMu: 5,
    damage: '打了药草没死，玉米叶子发黄',
    ...over,
  }
}

const reportCount = () => t.store.find('reports', {}).length
const outboxFor = (openid: string) => t.cloud.openapi.listOutbox({ touser: openid })

function asOfficer(v: ActionResponse<'reports.get'>): OfficerReportView {
  if (v.view !== 'officer') throw new Error('expected the officer view')
  return v
}
function asReporter(v: ActionResponse<'reports.get'>): ReporterReportView {
  if (v.view !== 'reporter') throw new Error('expected the reporter view')
  return v
}

describe('a theft, end to end', () => {
  it('goes from a villager with photos to a resolved case the villager follows step by step', async () => {
    const who = newResident('韩春花')
    const R1 = who.openid
    const photos = [await upload(R1, 'bucket-1.jpg'), await upload(R1, 'bucket-2.jpg')]
    const created = await api.ok(R1, 'reports.create', theft({ photos }), rid('theft'))
    expect(created.caseNo).toMatch(new RegExp(`^PC${stationDayKey(new Date())}-\\d{4}$`))
    // The app asks the reporter for 举报进展通知 with the template the function is configured with.
    expect(created).toMatchObject({ status: 'submitted', flagged: false, subscribeTemplateId: 'local-template-report-status' })

    const mine = await api.ok(R1, 'reports.mine', {})
    expect(mine.items[0]).toMatchObject({ id: created.id, type: 'theft', status: 'submitted', villageName: '平川村', title: '被盗：水桶、铁锹' })

    // The officer's queue: masked phone, no audit for a list.
    const queue = await api.ok(OFFICER, 'reports.list', { type: 'theft', status: 'submitted' })
    const row = queue.items.find((i) => i.id === created.id)
    expect(row?.reporter).toEqual({ anonymous: false, name: '韩春花', phone: `${who.phone.slice(0, 3)}****${who.phone.slice(-4)}` })
    expect(row?.overdue).toBe(false)
    // The two seeded 平川村 thefts of the last 14 days and this one make a pattern.
    expect(row?.cluster?.count).toBeGreaterThanOrEqual(3)
    expect(row?.cluster?.summary).toBe(`同村近14天 ${row?.cluster?.count} 起`)

    // The detail shows the full phone to the officer and writes the viewing to the audit log.
    const before = t.store.find('audit_log', { target: created.id }).length
    const detail = asOfficer(await api.ok(OFFICER, 'reports.get', { id: created.id }))
    expect(detail.reporter).toEqual({ anonymous: false, name: '韩春花', phone: who.phone })
    expect(detail.photos.map((p) => p.fileId)).toEqual(photos)
    expect(detail.photos.every((p) => p.url.startsWith('http'))).toBe(true)
    expect(detail.moves.map((m) => m.to)).toEqual(['accepted', 'rejected', 'transferred'])
    expect(t.store.find('audit_log', { target: created.id })).toHaveLength(before + 1)

    const sentBefore = outboxFor(R1).length
    await api.ok(OFFICER, 'reports.transition', { id: created.id, to: 'accepted', note: '下午去大棚看看' }, rid('accept'))
    await api.ok(OFFICER, 'reports.transition', { id: created.id, to: 'investigating', note: '内部：查三轮车', public: false }, rid('inv'))
    const resolved = await api.ok(OFFICER, 'reports.transition', { id: created.id, to: 'resolved', note: '水桶已追回，请到派出所领取' }, rid('resolve'))
    expect(resolved).toMatchObject({ status: 'resolved', result: '水桶已追回，请到派出所领取', moves: [] })

    // One subscription message per public move: accepted and resolved, not the internal one.
    const sent = outboxFor(R1).slice(sentBefore)
    expect(sent.map((m) => m.data.character_string1.value)).toEqual([created.id, created.id])
    expect(sent.map((m) => m.data.phrase2.value)).toEqual(['已受理', '已办结'])
    expect(sent.map((m) => m.templateId)).toEqual([created.subscribeTemplateId, created.subscribeTemplateId])
    expect(sent[0].page).toContain(created.id)

    const mineNow = asReporter(await api.ok(R1, 'reports.get', { id: created.id }))
    expect(mineNow.timeline.map((e) => [e.action, e.by])).toEqual([
      ['create', '您'],
      ['accept', '派出所'],
      ['resolve', '派出所'],
    ])
    expect(JSON.stringify(mineNow)).not.toMatch(/内部|王警官|dev-officer/)
    expect(mineNow).toMatchObject({ result: '水桶已追回，请到派出所领取', canSupplement: false, canWithdraw: false })

    // A closed case takes no more moves or supplements.
    const again = await api.call(OFFICER, 'reports.transition', { id: created.id, to: 'accepted' })
    expect(again).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
    const late = await api.call(R1, 'reports.supplement', { id: created.id, text: '又想起一件事' })
    expect(late).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
  })

  it('lets the reporter supplement while open and withdraw before acceptance', async () => {
    const R1 = newResident('马玉兰').openid
    const { id } = await api.ok(R1, 'reports.create', theft({ items: [{ name: '电动车电瓶', value: 400 }] }), rid('theft-w'))
    const extra = await upload(R1, 'extra.jpg')
    const supplemented = await api.ok(R1, 'reports.supplement', { id, text: '邻居说半夜听到动静', photos: [extra] }, rid('sup'))
    expect(supplemented.photos.map((p) => p.fileId)).toEqual([extra])
    expect(supplemented.timeline.at(-1)).toMatchObject({ action: 'supplement', note: '邻居说半夜听到动静；补充照片1张' })

    const withdrawn = await api.ok(R1, 'reports.withdraw', { id, reason: '找到了，是家里人拿去用了' }, rid('wd'))
    expect(withdrawn).toMatchObject({ status: 'withdrawn', open: false, canWithdraw: false })
    expect(await api.call(OFFICER, 'reports.transition', { id, to: 'accepted' })).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
  })

  it('accepting assigns the report to the accepting officer, or to the one chosen; a case already assigned keeps its officer', async () => {
    const R1 = newResident('钱桂芳').openid
    const mine = (await api.ok(R1, 'reports.create', theft(), rid('acc-me'))).id
    const accepted = await api.ok(OFFICER, 'reports.transition', { id: mine, to: 'accepted' }, rid('acc-me-t'))
    expect(accepted).toMatchObject({ status: 'accepted', assignee: OFFICER, assigneeName: '王警官' })
    expect(accepted.timeline.at(-1)).toMatchObject({ action: 'assign', note: '指派给王警官' })

    const chosen = (await api.ok(R1, 'reports.create', theft(), rid('acc-other'))).id
    expect(await api.ok(OFFICER, 'reports.transition', { id: chosen, to: 'accepted', assignee: 'dev-officer-2' }, rid('acc-other-t'))).toMatchObject({
      assignee: 'dev-officer-2',
      assigneeName: '赵警官',
    })

    const kept = (await api.ok(R1, 'reports.create', theft(), rid('acc-kept'))).id
    await api.ok(OFFICER, 'reports.assign', { id: kept, assignee: 'dev-officer-2' }, rid('acc-kept-a'))
    expect(await api.ok('dev-admin', 'reports.transition', { id: kept, to: 'accepted' }, rid('acc-kept-t'))).toMatchObject({ assignee: 'dev-officer-2' })

    const bad = (await api.ok(R1, 'reports.create', theft(), rid('acc-bad'))).id
    expect(await api.call(OFFICER, 'reports.transition', { id: bad, to: 'accepted', assignee: R1 }, rid('acc-bad-t'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', field: 'assignee' },
    })
  })

  it('does not let the reporter withdraw once the station has accepted', async () => {
    const R1 = newResident('赵金花').openid
    const { id } = await api.ok(R1, 'reports.create', theft(), rid('theft-a'))
    await api.ok(OFFICER, 'reports.transition', { id, to: 'accepted' }, rid('acc'))
    const res = await api.call(R1, 'reports.withdraw', { id })
    expect(res).toMatchObject({ ok: false, error: { code: 'transition_not_allowed' } })
  })
})

describe('fake pesticide, end to end', () => {
  it('records the purchase, flags a bad registration number, and is transferred to an agency', async () => {
    const photos = [await upload(R2, 'label.jpg'), await upload(R2, 'receipt.jpg'), await upload(R2, 'field.jpg')]
    const { id } = await api.ok(R2, 'reports.create', pesticide({ registrationNo: 'PD-FAKE', photos }), rid('pest'))

    const detail = asOfficer(await api.ok(OFFICER, 'reports.get', { id }))
    expect(detail.pesticide).toMatchObject({ product: '草甘膦', registrationNo: 'PD-FAKE', registrationNoPlausible: false, crop: '玉米', areaMu: 5, amountPaid: 120 })
    expect(detail.photos).toHaveLength(3)

    const noAgency = await api.call(OFFICER, 'reports.transition', { id, to: 'transferred', note: '请等通知' })
    expect(noAgency).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'agency' } })

    await api.ok(OFFICER, 'reports.transition', { id, to: 'transferred', agency: '农业农村局', note: '执法大队会联系您取样', public: false }, rid('tr'))
    const seen = asReporter(await api.ok(R2, 'reports.get', { id }))
    expect(seen).toMatchObject({ status: 'transferred', transferredTo: '农业农村局' })
    // A transfer is always told to the reporter, even if the officer unticked "public".
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'transfer', note: '移交给农业农村局：执法大队会联系您取样' })
    expect(outboxFor(R2).at(-1)?.data.phrase2.value).toBe('已移交')
  })

  it('groups reports of one brand and shop typed differently, and drafts a 案情通报 from the group', async () => {
    await api.ok(R1, 'reports.create', pesticide({ brand: '金丰收生物科技', shop: '平川新农 农资门市部', product: '吡虫啉' }), rid('pc1'))
    await api.ok(R2, 'reports.create', pesticide({ brand: '金丰收 生物科技有限公司', shop: '平川新农农资店' }), rid('pc2'))

    const { clusters } = await api.ok(OFFICER, 'reports.clusters', { type: 'fake_pesticide' })
    const group = clusters.find((c) => c.label.includes('金丰收'))
    expect(group).toBeDefined()
    expect(group?.count).toBeGreaterThanOrEqual(2)
    expect(group?.summary).toBe(`同一品牌和店铺近90天 ${group?.count} 起`)

    const queue = await api.ok(OFFICER, 'reports.list', { type: 'fake_pesticide' })
    expect(queue.items.filter((i) => i.cluster?.key === group?.key).length).toBeGreaterThanOrEqual(2)

    const draft = await api.ok(OFFICER, 'reports.draftAlertFromCluster', { key: group?.key ?? '' })
    expect(draft).toMatchObject({ category: 'case', severity: 'moderate', villageIds: ['pingchuan'] })
    expect(draft.title).toContain('金丰收')
    expect(draft.body).toContain('吡虫啉')
    expect(draft.source.reportIds).toEqual(group?.reportIds)
    expect(new Date(draft.expiresAt).getTime()).toBeGreaterThan(Date.now())
  })
})

describe('anonymity', () => {
  it('no officer-facing answer carries an anonymous reporter’s name, phone or openid', async () => {
    const who = newResident('郭秀琴')
    const R1 = who.openid
    const photo = await upload(R1, 'anon.jpg')
    const { id } = await api.ok(R1, 'reports.create', theft({ anonymous: true, photos: [photo] }), rid('anon'))
    expect(t.store.find('reports', { _id: id })[0]).toMatchObject({ anonymous: true, contact: null })

    const answers: unknown[] = [
      await api.ok(OFFICER, 'reports.list', {}),
      await api.ok(OFFICER, 'reports.list', { villageId: 'pingchuan', status: 'submitted' }),
      await api.ok(OFFICER, 'reports.get', { id }),
      await api.ok(OFFICER, 'reports.assign', { id, assignee: 'dev-officer-2' }, rid('as')),
      await api.ok(OFFICER, 'reports.transition', { id, to: 'accepted', note: '已收到' }, rid('acc-anon')),
      await api.ok(OFFICER, 'reports.clusters', {}),
    ]
    for (const answer of answers) {
      const text = JSON.stringify(answer)
      expect(text).toContain(id)
      for (const secret of [who.name, who.phone, `${who.phone.slice(0, 3)}****${who.phone.slice(-4)}`, who.openid]) expect(text).not.toContain(secret)
    }
    expect(asOfficer(await api.ok(OFFICER, 'reports.get', { id })).reporter).toEqual({ anonymous: true })

    // The station can still tell the reporter what happened.
    expect(outboxFor(R1).at(-1)?.data.character_string1.value).toBe(id)
    // And the reporter still sees their own report.
    expect(asReporter(await api.ok(R1, 'reports.get', { id })).anonymous).toBe(true)
  })

  it('needs a name and phone on file unless the report is anonymous', async () => {
    const res = await api.call('fn-no-profile', 'reports.create', theft())
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'anonymous' } })
    expect((await api.ok('fn-no-profile', 'reports.create', theft({ anonymous: true }), rid('np'))).status).toBe('submitted')
  })
})

describe('idempotent create', () => {
  it('a retry with the same requestId returns the first case number and stores one report', async () => {
    const requestId = rid('retry')
    const before = reportCount()
    const first = await api.ok(R2, 'reports.create', theft({ villageId: 'luwan', place: '五社羊圈' }), requestId)
    const second = await api.ok(R2, 'reports.create', theft({ villageId: 'luwan', place: '五社羊圈' }), requestId)
    expect(second.caseNo).toBe(first.caseNo)
    expect(reportCount()).toBe(before + 1)
  })

  it('concurrent reports get distinct case numbers', async () => {
    const made = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((k) => api.ok(`fn-conc-${k}`, 'reports.create', theft({ anonymous: true }), rid(k))))
    expect(new Set(made.map((m) => m.caseNo)).size).toBe(4)
  })
})

describe('content safety', () => {
  it('refuses risky text with a plain message and stores nothing', async () => {
    const R1 = newResident('石玉珍').openid
    const before = reportCount()
    const res = await api.call(R1, 'reports.create', theft({ suspect: '那人说自己是搞赌博的' }), rid('risky'))
    expect(res).toMatchObject({ ok: false, error: { code: 'content_risky' } })
    if (!res.ok) expect(res.error.message).toMatch(/改一改/)
    expect(reportCount()).toBe(before)
  })

  it('accepts text that needs review and flags it for officers', async () => {
    const created = await api.ok(R2, 'reports.create', pesticide({ damage: '卖药的人还让我报验证码，说能退钱' }), rid('review'))
    expect(created.flagged).toBe(true)
    const detail = asOfficer(await api.ok(OFFICER, 'reports.get', { id: created.id }))
    expect(detail.flagged).toBe(true)
  })

  it('hides a photo the media check finds risky once the result arrives', async () => {
    const R1 = newResident('孙桂芳').openid
    const good = await upload(R1, 'ok-photo.jpg')
    const bad = await upload(R1, 'dev-risky-photo.jpg')
    const { id } = await api.ok(R1, 'reports.create', theft({ photos: [good, bad] }), rid('media'))
    expect(asOfficer(await api.ok(OFFICER, 'reports.get', { id })).photos).toHaveLength(2)

    // Deliver WeChat's wxa_media_check pushes to the function, as message push does (no user).
    const checks = t.cloud.openapi.listMediaChecks().filter((c) => c.functionName === 'reports')
    const mine = checks.filter((c) => c.mediaUrl.includes('ok-photo') || c.mediaUrl.includes('dev-risky-photo'))
    expect(mine).toHaveLength(2)
    for (const c of mine) {
      const result = (await t.cloud.functions.invoke('reports', c.event, { OPENID: '', SOURCE: 'wx_unknown' })) as { ok: boolean }
      expect(result.ok).toBe(true)
    }

    const detail = asOfficer(await api.ok(OFFICER, 'reports.get', { id }))
    expect(detail.photos.map((p) => p.fileId)).toEqual([good])
    expect(detail.hiddenPhotos).toBe(1)
    expect(asReporter(await api.ok(R1, 'reports.get', { id })).photos.map((p) => p.fileId)).toEqual([good])
  })

  it('a user cannot post a fake media check result', async () => {
    const res = await api.call(R1, 'reports.mediaCheckResult', { traceId: 'x', suggest: 'pass' })
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('rate limit', () => {
  it('allows 5 new reports a day per resident, then answers rate_limited', async () => {
    const who = 'fn-rate-limit'
    for (let i = 0; i < 5; i++) await api.ok(who, 'reports.create', theft({ anonymous: true }), rid(`rl${i}`))
    const before = reportCount()
    const sixth = await api.call(who, 'reports.create', theft({ anonymous: true }), rid('rl6'))
    expect(sixth).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    expect(reportCount()).toBe(before)
    // Another resident is not affected.
    expect((await api.ok('fn-rate-limit-2', 'reports.create', theft({ anonymous: true }), rid('rl-other'))).status).toBe('submitted')
  })

  it('a refused report does not use up the quota', async () => {
    const who = 'fn-rate-refused'
    for (let i = 0; i < 3; i++) {
      const res = await api.call(who, 'reports.create', theft({ anonymous: true, suspect: '赌博' }), rid(`rr${i}`))
      expect(res.ok).toBe(false)
    }
    for (let i = 0; i < 5; i++) await api.ok(who, 'reports.create', theft({ anonymous: true }), rid(`rr-ok${i}`))
  })
})

describe('bad input stores nothing and names the field', () => {
  const now = Date.now()
  const cases: [string, () => ActionRequest<'reports.create'> | Promise<ActionRequest<'reports.create'>>, string][] = [
    ['a theft window that ends before it starts', () => theft({ from: new Date(now - 2 * H).toISOString(), to: new Date(now - 5 * H).toISOString() }), 'to'],
    ['a theft in the future', () => theft({ from: new Date(now + 2 * H).toISOString(), to: new Date(now + 5 * H).toISOString() }), 'from'],
    ['a purchase in the future', () => pesticide({ boughtAt: new Date(now + 3 * 24 * H).toISOString() }), 'boughtAt'],
    ['more than 9 photos', async () => theft({ photos: await Promise.all(Array.from({ length: 10 }, (_, i) => upload(R1, `many-${i}.jpg`))) }), 'photos'],
    ['another person’s photo', async () => theft({ photos: [await upload(R2, 'not-yours.jpg')] }), 'photos.0'],
    [
      'a file id that climbs out of the caller’s folder',
      async () => {
        const mine = await upload(R1, 'mine.jpg')
        const theirs = await upload(R2, 'theirs.jpg')
        return theft({ photos: [`${mine.slice(0, mine.lastIndexOf('/'))}/../${theirs.split('/').slice(-2).join('/')}`] })
      },
      'photos.0',
    ],
    ['a file named after the caller’s openid', () => theft({ photos: [`cloud://local.x/uploads/${R1}/a.jpg`] }), 'photos.0'],
    ['a photo from elsewhere', () => theft({ photos: ['https://example.com/a.jpg'] }), 'photos.0'],
    ['over-long text', () => pesticide({ damage: '药'.repeat(501) }), 'damage'],
    ['no items', () => theft({ items: [] }), 'items'],
    ['missing product', () => ({ ...pesticide(), product: '' }), 'product'],
    ['an unknown village', () => theft({ villageId: 'nowhere' }), 'villageId'],
    ['a negative value', () => theft({ items: [{ name: '水桶', value: -5 }] }), 'items.0.value'],
  ]
  it.each(cases)('%s', async (_name, payload, field) => {
    const before = reportCount()
    const res = await api.call(R1, 'reports.create', await payload(), rid('bad'))
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field } })
    expect(reportCount()).toBe(before)
  })
})

describe('access', () => {
  let r1Report = ''
  let R1 = ''
  beforeAll(async () => {
    R1 = newResident('何秀兰').openid
    r1Report = (await api.ok(R1, 'reports.create', theft({ place: '自家院子' }), rid('acc-setup'))).id
  })

  it.each([
    ['reports.list', {}],
    ['reports.clusters', {}],
    ['reports.transition', { id: 'PC20260101-0001', to: 'accepted' }],
    ['reports.assign', { id: 'PC20260101-0001', assignee: 'dev-officer' }],
    ['reports.draftAlertFromCluster', { key: 't:pingchuan' }],
  ] as const)('a resident calling %s is forbidden', async (key, payload) => {
    const res = await api.call(R2, key, payload)
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('another resident’s report is not found, to read or to change', async () => {
    for (const res of [
      await api.call(R2, 'reports.get', { id: r1Report }),
      await api.call(R2, 'reports.supplement', { id: r1Report, text: '我也看到了' }),
      await api.call(R2, 'reports.withdraw', { id: r1Report }),
    ]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    expect((await api.ok(R2, 'reports.mine', {})).items.map((i) => i.id)).not.toContain(r1Report)
  })

  it('only staff can be assigned', async () => {
    const res = await api.call(OFFICER, 'reports.assign', { id: r1Report, assignee: R2 })
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'assignee' } })
    const ok = await api.ok(OFFICER, 'reports.assign', { id: r1Report, assignee: 'me' }, rid('assign-me'))
    expect(ok).toMatchObject({ assignee: OFFICER, assigneeName: '王警官' })
    const mineOnly = await api.ok(OFFICER, 'reports.list', { assigned: 'me' })
    expect(mineOnly.items.every((i) => i.assignee === OFFICER)).toBe(true)
    expect(mineOnly.items.map((i) => i.id)).toContain(r1Report)
  })
})

describe('officer queue', () => {
  it('marks overdue reports and filters them', async () => {
    const overdue = await api.ok(OFFICER, 'reports.list', { overdue: true })
    expect(overdue.items.length).toBeGreaterThan(0)
    expect(overdue.items.every((i) => i.overdue && i.status === 'submitted')).toBe(true)
    // The seeded battery theft from two days ago is overdue.
    expect(overdue.items.some((i) => i.title.includes('电动车电瓶'))).toBe(true)
  })

  it('pages with a cursor without repeats or gaps', async () => {
    const all = await api.ok(OFFICER, 'reports.list', { pageSize: 50 })
    const seen: string[] = []
    let cursor: string | undefined
    // The seed holds a year of history: the first 50, three at a time, must be the first page of 50.
    do {
      const page = await api.ok(OFFICER, 'reports.list', { pageSize: 3, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor && seen.length < all.items.length)
    expect(seen.slice(0, all.items.length)).toEqual(all.items.map((i) => i.id))
    expect([...seen].sort().reverse()).toEqual(seen)
  })

  it('the filtered list and clusters are served by indexes', () => {
    const planFor = (query: Record<string, unknown>, order: Array<[string, 1 | -1]>) => t.store.explain('reports', query, order)
    expect(planFor({ type: 'theft', status: 'submitted' }, [['_id', -1]]).plan.join(' ')).toMatch(/USING (COVERING )?INDEX/)
    expect(planFor({ villageId: 'pingchuan' }, [['_id', -1]]).plan.join(' ')).toMatch(/USING (COVERING )?INDEX/)
    expect(planFor({ createdAt: { $gte: new Date(Date.now() - 90 * 24 * H) } }, [['createdAt', -1]]).plan.join(' ')).toMatch(/USING (COVERING )?INDEX/)
  })
})

// Last in the file: it adds 200 reports, which the list tests above must not see.
describe('case numbers under load', () => {
  it('20 concurrent writers of first-time reports: every report is taken, with distinct consecutive case numbers', async () => {
    const WRITERS = 20
    const EACH = 10
    let n = 0
    const refused: string[] = []
    const made: string[] = []
    const times: number[] = []
    const started = Date.now()
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++) {
          const t0 = Date.now()
          const res = await api.call(`fn-load-${w}-${i}-${++n}`, 'reports.create', theft({ anonymous: true }), rid('load'))
          times.push(Date.now() - t0)
          if (res.ok) made.push(res.data.caseNo)
          else refused.push(res.error.code)
        }
      }),
    )
    const seqs = made.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)
    const sorted = [...times].sort((a, b) => a - b)
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    console.log(JSON.stringify({ writers: WRITERS, reports: made.length, refused: refused.length, ms: Date.now() - started, p50: p(0.5), p99: p(0.99) }))
    expect(refused).toEqual([])
    expect(new Set(made).size).toBe(WRITERS * EACH)
    expect(seqs).toEqual(Array.from({ length: WRITERS * EACH }, (_, i) => seqs[0] + i))
  }, 180_000)
})
