import { MOVES, allowedMoves, applyMove, publicTimeline, createdEvent, supplementEvent, assignEvent, canSupplement, newReport } from '@domain/reports-lifecycle'
import { moveSet } from '@domain/lifecycle'
import { REPORT_STATUS_VALUES, isOpen, type ReportStatus, type ActorKind } from '@domain/reports'

const at = new Date('2026-11-28T02:00:00Z')
const officer = { kind: 'officer' as const, id: 'dev-officer', name: '李警官' }
const reporter = { kind: 'reporter' as const, id: 'dev-resident-1' }

describe('transition table', () => {
  // Every legal (from, to, who) triple; anything else must be refused.
  const legal: [ReportStatus, ReportStatus, ActorKind][] = [
    ['submitted', 'accepted', 'officer'],
    ['submitted', 'rejected', 'officer'],
    ['submitted', 'transferred', 'officer'],
    ['submitted', 'withdrawn', 'reporter'],
    ['accepted', 'investigating', 'officer'],
    ['accepted', 'resolved', 'officer'],
    ['accepted', 'rejected', 'officer'],
    ['accepted', 'transferred', 'officer'],
    ['investigating', 'resolved', 'officer'],
    ['investigating', 'rejected', 'officer'],
    ['investigating', 'transferred', 'officer'],
  ]
  const key = (f: string, t: string, a: string) => `${f}>${t}>${a}`
  const legalKeys = new Set(legal.map(([f, t, a]) => key(f, t, a)))

  it('pins exactly the legal moves', () => {
    expect(new Set(moveSet(MOVES))).toEqual(legalKeys)
  })

  const all: [ReportStatus, ReportStatus, ActorKind][] = []
  for (const f of REPORT_STATUS_VALUES) for (const t of REPORT_STATUS_VALUES) for (const a of ['officer', 'reporter'] as const) all.push([f, t, a])

  it.each(all)('%s → %s by %s', (from, to, kind) => {
    const actor = kind === 'officer' ? officer : reporter
    const out = applyMove({ from, to, actor, at, note: '结果', agency: '农业农村局' })
    expect(out.ok).toBe(legalKeys.has(key(from, to, kind)))
    if (!out.ok) expect(out.problem.code).toBe('transition_not_allowed')
  })

  it('closed reports cannot move at all', () => {
    for (const s of ['resolved', 'rejected', 'transferred', 'withdrawn'] as const) {
      expect(allowedMoves(s, 'officer')).toEqual([])
      expect(allowedMoves(s, 'reporter')).toEqual([])
    }
  })

  it('offers the reporter only withdraw, and only before acceptance', () => {
    expect(allowedMoves('submitted', 'reporter').map((m) => m.to)).toEqual(['withdrawn'])
    expect(allowedMoves('accepted', 'reporter')).toEqual([])
  })

  it('offers officers the right buttons', () => {
    expect(allowedMoves('submitted', 'officer').map((m) => m.label)).toEqual(['受理', '不予受理', '移交其他部门'])
    expect(allowedMoves('investigating', 'officer').map((m) => m.to)).toEqual(['resolved', 'rejected', 'transferred'])
  })
})

describe('what moves need', () => {
  it.each([
    ['resolved', { note: '' }, 'note'],
    ['resolved', { note: '   ' }, 'note'],
    ['rejected', {}, 'note'],
    ['transferred', { note: '请联系' }, 'agency'],
  ] as const)('→ %s without its text names %s', (to, extra, field) => {
    const out = applyMove({ from: 'accepted', to, actor: officer, at, ...extra })
    expect(out).toEqual({ ok: false, problem: { code: 'invalid_argument', field, message: expect.any(String) } })
  })

  it('a transfer names the agency in its note', () => {
    const out = applyMove({ from: 'submitted', to: 'transferred', actor: officer, at, agency: '农业农村局', note: '已移交执法大队' })
    expect(out.ok && out.event).toEqual({
      at,
      actor: officer,
      action: 'transfer',
      status: 'transferred',
      note: '移交给农业农村局：已移交执法大队',
      public: true,
    })
  })
})

describe('public and internal events', () => {
  it('an officer may keep acceptance internal', () => {
    const out = applyMove({ from: 'submitted', to: 'accepted', actor: officer, at, note: '先核实', public: false })
    expect(out.ok && out.event.public).toBe(false)
  })
  it('moves are public by default', () => {
    const out = applyMove({ from: 'accepted', to: 'investigating', actor: officer, at })
    expect(out.ok && out.event.public).toBe(true)
  })
  it.each(['resolved', 'rejected', 'transferred'] as const)('%s is always public: the reporter must learn the outcome', (to) => {
    const out = applyMove({ from: 'accepted', to, actor: officer, at, note: '说明', agency: '市场监督管理局', public: false })
    expect(out.ok && out.event.public).toBe(true)
  })
})

describe('public timeline', () => {
  const events = [
    createdEvent({ id: 'dev-resident-1' }, at),
    assignEvent({ id: 'dev-officer', name: '李警官' }, at, 'submitted', '张警官'),
    { at, actor: officer, action: 'accept', status: 'accepted' as const, note: '内部：先核实', public: false },
    supplementEvent({ id: 'dev-resident-1' }, at, 'accepted', '又想起来一点', 2),
    { at, actor: officer, action: 'resolve', status: 'resolved' as const, note: '水桶已追回', public: true },
  ]
  it('shows the reporter only public events, without officer identities', () => {
    const tl = publicTimeline(events)
    expect(tl.map((e) => [e.action, e.by, e.note])).toEqual([
      ['create', '您', ''],
      ['supplement', '您', '又想起来一点；补充照片2张'],
      ['resolve', '派出所', '水桶已追回'],
    ])
    expect(JSON.stringify(tl)).not.toMatch(/dev-officer|李警官|张警官|内部/)
    expect(tl[2].statusLabel).toBe('已办结')
  })
  it('supplements are allowed only while open', () => {
    expect(canSupplement('investigating')).toBe(true)
    expect(canSupplement('resolved')).toBe(false)
    expect(canSupplement('withdrawn')).toBe(false)
  })
})

describe('what each move writes', () => {
  it('closes the case exactly when it moves to a closed status', () => {
    for (const m of MOVES) expect(m.writes.includes('closedAt')).toBe(!isOpen(m.to))
  })

  it.each<[ReportStatus, ReportStatus, Record<string, unknown>]>([
    ['submitted', 'accepted', { status: 'accepted', updatedAt: at, acceptedAt: at }],
    ['accepted', 'investigating', { status: 'investigating', updatedAt: at }],
    ['investigating', 'resolved', { status: 'resolved', updatedAt: at, closedAt: at, result: '已查处' }],
    ['submitted', 'rejected', { status: 'rejected', updatedAt: at, closedAt: at, result: '已查处' }],
    ['accepted', 'transferred', { status: 'transferred', updatedAt: at, closedAt: at, transferredTo: '农业农村局' }],
  ])('%s → %s writes its fields', (from, to, fields) => {
    const out = applyMove({ from, to, actor: officer, at, note: ' 已查处 ', agency: ' 农业农村局 ' })
    expect(out.ok && out.fields).toEqual(fields)
  })

  it('a withdrawal closes the case', () => {
    const out = applyMove({ from: 'submitted', to: 'withdrawn', actor: reporter, at })
    expect(out.ok && out.fields).toEqual({ status: 'withdrawn', updatedAt: at, closedAt: at })
  })
})

describe('a new report', () => {
  const common = { anonymous: false, reporter: 'dev-resident-1', contact: { name: '王大爷', phone: '13800000000' }, photos: [], contentFlag: 'pass' as const, at }

  it('is submitted, unassigned, with one public event and its cluster', () => {
    const doc = newReport({
      ...common,
      villageId: 'v1',
      report: { type: 'fake_pesticide', product: '草甘膦', brand: '丰收', registrationNo: 'pd20180001', shop: '老李农资', boughtAt: at, crop: '玉米', damage: '苗黄了', amountPaid: 0 },
    })
    expect(doc).toMatchObject({ type: 'fake_pesticide', status: 'submitted', reporter: 'dev-resident-1', assignee: null, result: null, acceptedAt: null, closedAt: null, createdAt: at })
    expect(doc.pesticide).toMatchObject({ registrationNo: 'PD20180001', amountPaid: 0 })
    expect(doc.pesticide).not.toHaveProperty('batchNo')
    expect(doc.clusterKey).toMatch(/^p:/)
    expect(doc.timeline).toEqual([createdEvent({ id: 'dev-resident-1' }, at)])
  })

  it('names a theft cluster after the village, or its id when the station has no name for it', () => {
    const theft = { type: 'theft' as const, items: [{ name: '水泵', value: 300 }], from: at, to: at, place: '地头' }
    expect(newReport({ ...common, villageId: 'v1', villageName: '平川村', report: theft })).toMatchObject({ clusterKey: 't:v1', clusterLabel: '平川村', theft: { place: '地头' } })
    expect(newReport({ ...common, villageId: 'v9', report: theft }).clusterLabel).toBe('v9')
  })
})
