// The `households` function's actions: standard addresses and their houses, people and organisations (一标三实);
// QR doorplates, generated in resumable batches, and what a scan shows by who scans; declarations and tenants;
// officers' visits, a concern turned into a report, a dispute or an alert draft; coverage; import and export.
import { toIso } from '@contract/core'
import type { CoverageView, MyHousehold, OfficerHouseholdView, Page, ScanView, SheetItem, VisitAlertDraft } from '@contract/households'
import {
  audienceOf,
  checkAddress,
  coverageOf,
  locationIncrements,
  sumIncrements,
  isAddressProblem,
  livesHere,
  normaliseAddress,
  normaliseGroup,
  normaliseQuery,
  plateIdOfScene,
  plateLines,
  quarterOf,
  visiblePeople,
  type ConcernTopic,
} from '@domain/households'
import { stationDay } from '@domain/station-time'
import { HH_ADDRESSES, HH_CLAIMS, HH_EVENTS, HH_GROUPS, HH_ORGS, HH_PEOPLE, HH_PLATES, HH_PLATE_JOBS, HH_TERMS, HH_VISITS, MEDIATION_CASES, REPORTS, USERS } from '@server/collections'
import { createOnce, recordOf } from '@server/atomic'
import { findById, findMany, insert, updateById, updateWhere } from '@server/db'
import type { FunctionHandlers } from '@server/runtime'
import { linkHousehold } from '@server/residents'
import { fail, type CallerContext, type Deps, type UserDoc } from '@server/types'
import { assertOwnUploads } from '@server/uploads'
import { exportSheet, importSheet, readSheetFile } from './sheets'
import { runPlateBatch, startPlateJob } from './plates'
import { addressesByIds, bumpGroup, groupId, groupsOf, loadAddress, newRecordId, peopleAt, relinkPeopleAt, setUserHousehold, station, writeTerms, type AddressDoc, type ClaimDoc, type EventDoc, type GroupDoc, type OrgDoc, type PersonDoc, type PlateDoc, type PlateJobDoc, type StationInfo, type VisitDoc } from './store'
import { addressItem, addressView, claimView, contactsOf, groupView, jobView, lineOf, orgView, personBrief, personView, plateView, visitView } from './views'

const MSG = {
  noAddress: '没有找到这个地址，请回到地址簿刷新后再看',
  noVillage: '没有这个村，请重新选择',
  noPlate: '没有找到这块门牌。请确认扫的是平川派出所的门牌，或打派出所电话',
  noPerson: '没有找到这个人，请刷新后再看',
  needProfile: '请先到“我的”里填好姓名和电话，再来申报',
  badCursor: '翻页参数不对，请刷新后再看',
} as const

function isStaff(ctx: CallerContext): boolean {
  return ctx.role === 'officer' || ctx.role === 'admin'
}

function assertVillage(st: StationInfo, villageId: string, field = 'villageId'): void {
  if (!st.villages.has(villageId)) fail('invalid_argument', MSG.noVillage, field)
}

async function mustAddress(deps: Deps, id: string, field = 'addressId'): Promise<AddressDoc> {
  const a = await loadAddress(deps, id)
  if (!a) fail('not_found', MSG.noAddress, field)
  return a
}

function dateCursor(cursor: string | undefined): Date | null {
  if (!cursor) return null
  const d = new Date(cursor)
  if (Number.isNaN(d.getTime())) fail('invalid_argument', MSG.badCursor, 'cursor')
  return d
}

async function event(deps: Deps, ctx: CallerContext, addressId: string, kind: EventDoc['kind'], reason: string, changes: EventDoc['changes'] = []): Promise<void> {
  await insert<EventDoc>(deps.db, HH_EVENTS, { _id: newRecordId('ev'), addressId, at: deps.now(), kind, by: ctx.openid, byName: ctx.user?.name ?? '', reason, changes })
}

async function changePeopleCount(deps: Deps, addressId: string, by: number): Promise<void> {
  const _ = deps.db.command
  await updateById(deps.db, HH_ADDRESSES, addressId, { people: _.inc(by), updatedAt: deps.now() })
}

async function photoUrls(deps: Deps, visits: readonly VisitDoc[]): Promise<Record<string, string>> {
  const ids = visits.flatMap((v) => v.photos)
  return ids.length ? deps.storage.tempUrls(ids) : {}
}

/** The officer's view of a household; audited (phones are shown in full). */
async function officerHousehold(deps: Deps, ctx: CallerContext, a: AddressDoc, st: StationInfo, via: string): Promise<OfficerHouseholdView> {
  const db = deps.db
  const [people, orgs, visits, reports, disputesA, disputesR, claims, events, plate] = await Promise.all([
    peopleAt(deps, a._id),
    findMany<OrgDoc>(db.collection(HH_ORGS).where({ addressId: a._id }).limit(20)),
    findMany<VisitDoc>(db.collection(HH_VISITS).where({ addressId: a._id }).orderBy('at', 'desc').limit(20)),
    findMany<{ _id: string; type: string; status: string; createdAt: Date; anonymous?: boolean; pesticide?: { product: string }; theft?: { items: { name: string }[] } }>(
      db.collection(REPORTS).where({ addressId: a._id, anonymous: false }).orderBy('createdAt', 'desc').limit(10),
    ),
    findMany<{ _id: string; kind: string; status: string; createdAt: Date }>(db.collection(MEDIATION_CASES).where({ 'applicant.addressId': a._id }).orderBy('createdKey', 'desc').limit(10)),
    findMany<{ _id: string; kind: string; status: string; createdAt: Date }>(db.collection(MEDIATION_CASES).where({ 'respondent.addressId': a._id }).orderBy('createdKey', 'desc').limit(10)),
    findMany<ClaimDoc>(db.collection(HH_CLAIMS).where({ addressId: a._id }).orderBy('createdAt', 'desc').limit(20)),
    findMany<EventDoc>(db.collection(HH_EVENTS).where({ addressId: a._id }).orderBy('at', 'desc').limit(30)),
    a.plateId ? findById<PlateDoc>(db, HH_PLATES, a.plateId) : Promise.resolve(null),
  ])
  const urls = await photoUrls(deps, visits)
  const line = lineOf(a, st)
  if (!ctx.system) await deps.audit({ actor: ctx.openid, action: `households.${via}`, target: a._id, detail: { people: people.length } })
  const disputes = [...disputesA, ...disputesR.filter((d) => !disputesA.some((x) => x._id === d._id))]
  return {
    ...addressItem(a, st, true),
    residents: people.map((p) => personView(p, ctx.openid, { phone: true, idNo: false })),
    organisations: orgs.map((o) => orgView(o, st, a, true)),
    visits: visits.map((v) => visitView(v, st, urls)),
    // Anonymous reports are left out: listing one under a household would point at who made it.
    reports: reports.map((r) => ({ id: r._id, title: r.type === 'theft' ? '盗窃举报' : '假农药举报', statusLabel: r.status, createdAt: toIso(r.createdAt) })),
    disputes: disputes.map((d) => ({ id: d._id, title: '矛盾纠纷调解', statusLabel: d.status, createdAt: toIso(d.createdAt) })),
    claims: claims.map((c) => claimView(c, line, true)),
    events: events.map((e) => ({ at: toIso(e.at), kind: e.kind, by: e.byName, reason: e.reason, changes: e.changes })),
    plate: plate ? plateView(plate) : null,
  }
}

/** A resident's own household at an address, as they may see it. */
async function myHousehold(deps: Deps, openid: string, a: AddressDoc, st: StationInfo, people?: PersonDoc[]): Promise<MyHousehold | null> {
  const all = people ?? (await peopleAt(deps, a._id))
  const me = livesHere(all, openid)
  const tenants = all.filter((p) => p.role === 'tenant' && p.landlordOpenid === openid)
  if (!me && tenants.length === 0) return null
  const group = await findById<GroupDoc>(deps.db, HH_GROUPS, groupId(a.villageId, a.group))
  const seen = visiblePeople(all, openid)
  return {
    address: addressView(a, st),
    people: seen.filter((p) => p.role !== 'tenant' || p.openid === openid).map((p) => personBrief(p, openid)),
    myRole: (me?.role ?? 'owner'),
    tenants: tenants.map((p) => personBrief(p, openid)),
    contacts: contactsOf(group, st),
  }
}

function visitAlertDraft(v: VisitDoc, topic: ConcernTopic, text: string, villageName: string, now: Date): VisitAlertDraft {
  const category = topic === 'fraud' ? 'fraud' : topic === 'safety' || topic === 'traffic' ? 'safety' : 'case'
  return {
    category,
    severity: 'moderate',
    title: `提醒：${villageName}${v.group}群众反映${topic === 'other' ? '的情况' : `的${text.slice(0, 10)}`}`.slice(0, 40),
    body: `民警走访时，${villageName}${v.group}的群众反映：${text}。请大家提高警惕，有情况请打110或派出所电话。`,
    advice: ['看到可疑情况马上打110', '有事可以在小程序里反映'],
    villageIds: [v.villageId],
    expiresAt: toIso(new Date(now.getTime() + 14 * 86_400_000)),
    source: { kind: 'visit', visitId: v._id },
  }
}

export const handlers: FunctionHandlers<'households'> = {
  // -- addresses -----------------------------------------------------------------------------------------------

  async 'households.saveAddress'(deps, ctx, p) {
    const st = await station(deps)
    assertVillage(st, p.villageId)
    const norm = normaliseAddress(p)
    if (isAddressProblem(norm)) fail('invalid_argument', norm.message, norm.field)
    const now = deps.now()
    const existing = p.id ? await mustAddress(deps, p.id, 'id') : null
    if (existing && !p.reason) fail('invalid_argument', '修改地址要写明原因', 'reason')
    const others = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where({ villageId: norm.villageId, group: norm.group }).limit(1000))
    const location = p.location ?? existing?.location ?? null
    const check = checkAddress({ ...norm, id: existing?._id ?? null, location }, others.map((o) => ({ id: o._id, key: o.key, number: o.number, room: o.room, location: o.location })))
    if (check.duplicateOf) fail('conflict', `这个门牌号已经有地址了（一号多址）。请打开已有的${norm.group}${norm.number}号修改，不要再建一个`, 'number')
    const group = normaliseGroup(p.group)
    const order = group?.order ?? 99
    const fields = {
      villageId: norm.villageId,
      group: norm.group,
      groupOrder: order,
      number: norm.number,
      room: norm.room,
      key: norm.key,
      sortKey: norm.sortKey,
      location,
      use: p.use,
      ownerName: p.ownerName,
      ownerPhone: p.ownerPhone,
      warnings: check.warnings,
      updatedAt: now,
    }
    if (!existing) {
      const doc: AddressDoc = { _id: newRecordId('ad'), town: st.town, ...fields, people: 0, plateId: null, lastVisitAt: null, lastVisitQuarter: '', importId: null, createdAt: now }
      try {
        await insert(deps.db, HH_ADDRESSES, doc)
      } catch (err) {
        // The unique key refused a twin saved at the same moment.
        if (await findMany(deps.db.collection(HH_ADDRESSES).where({ key: norm.key }).limit(1)).then((r) => r.length > 0)) fail('conflict', '这个门牌号刚刚已经建好了（一号多址），请刷新后再看', 'number')
        throw err
      }
      await bumpGroup(deps.db, doc.villageId, doc.group, order, now, { households: 1, ...locationIncrements(location, 1) })
      await event(deps, ctx, doc._id, 'created', p.reason || '新建地址')
      await writeTerms(deps.db, doc)
      return addressItem(doc, st)
    }
    const changes: EventDoc['changes'] = []
    const shown = (x: unknown) => (x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x))
    for (const f of ['villageId', 'group', 'number', 'room', 'use', 'ownerName', 'ownerPhone', 'location'] as const) {
      if (shown(existing[f]) !== shown(fields[f])) changes.push({ field: f, from: shown(existing[f]), to: shown(fields[f]) })
    }
    const _ = deps.db.command
    await updateById(deps.db, HH_ADDRESSES, existing._id, { ...fields, location: _.set(location) })
    if (existing.group !== fields.group || existing.villageId !== fields.villageId) {
      await bumpGroup(deps.db, existing.villageId, existing.group, existing.groupOrder, now, { households: -1, ...locationIncrements(existing.location, -1) })
      await bumpGroup(deps.db, fields.villageId, fields.group, order, now, { households: 1, ...locationIncrements(location, 1) })
      await updateWhere(deps.db.collection(HH_PEOPLE).where({ addressId: existing._id }), { villageId: fields.villageId, group: fields.group })
      if (existing.plateId) await updateById(deps.db, HH_PLATES, existing.plateId, { villageId: fields.villageId, group: fields.group, sortKey: fields.sortKey })
      await relinkPeopleAt(deps, { _id: existing._id, villageId: fields.villageId, group: fields.group })
    } else {
      if (existing.plateId && existing.sortKey !== fields.sortKey) await updateById(deps.db, HH_PLATES, existing.plateId, { sortKey: fields.sortKey })
      // The 社's map point follows a moved, added or removed address point.
      const moved = sumIncrements(locationIncrements(existing.location, -1), locationIncrements(location, 1))
      if (Object.values(moved).some((by) => by !== 0)) await bumpGroup(deps.db, fields.villageId, fields.group, order, now, moved)
    }
    if (changes.length) await event(deps, ctx, existing._id, 'corrected', p.reason, changes)
    const updated: AddressDoc = { ...existing, ...fields }
    await writeTerms(deps.db, updated)
    return addressItem(updated, st)
  },

  async 'households.searchAddresses'(deps, _ctx, { villageId, group, q, cursor, pageSize }) {
    const st = await station(deps)
    const _ = deps.db.command
    const groupName = group ? (normaliseGroup(group)?.name ?? group) : undefined
    if (q) {
      // Prefix search over the terms index: reads about one page of terms whatever the size of the book.
      const term = normaliseQuery(q)
      const range = _.gte(cursor && cursor > term ? `${cursor}\u0000` : term).and(_.lt(`${term}\uffff`))
      const where: Record<string, unknown> = { _id: range }
      if (villageId) where.villageId = villageId
      const terms = await findMany<{ _id: string; addressId: string }>(deps.db.collection(HH_TERMS).where(where).orderBy('_id', 'asc').limit(pageSize))
      const byId = await addressesByIds(deps, terms.map((t) => t.addressId))
      const seen = new Set<string>()
      const items = []
      for (const t of terms) {
        const a = byId.get(t.addressId)
        if (!a || seen.has(a._id) || (groupName && a.group !== groupName)) continue
        seen.add(a._id)
        items.push(addressItem(a, st))
      }
      return { items, nextCursor: terms.length === pageSize ? terms[terms.length - 1]._id : null }
    }
    const where: Record<string, unknown> = {}
    if (villageId) where.villageId = villageId
    if (groupName) where.group = groupName
    if (cursor) where.sortKey = _.gt(cursor)
    const docs = await findMany<AddressDoc>(deps.db.collection(HH_ADDRESSES).where(where).orderBy('sortKey', 'asc').limit(pageSize))
    return { items: docs.map((a) => addressItem(a, st)), nextCursor: docs.length === pageSize ? docs[docs.length - 1].sortKey : null }
  },

  async 'households.groups'(deps, ctx, { villageId }) {
    const st = await station(deps)
    const groups = await groupsOf(deps, villageId)
    // The contacts are duty numbers every plate shows, but they are full phone numbers in a staff view: audited.
    await deps.audit({ actor: ctx.openid, action: 'households.groups', target: villageId ?? 'all', detail: { groups: groups.length } })
    groups.sort((a, b) => a.villageId.localeCompare(b.villageId) || a.order - b.order)
    return { groups: groups.map((g) => groupView(g, st)) }
  },

  async 'households.saveGroup'(deps, _ctx, p) {
    const st = await station(deps)
    assertVillage(st, p.villageId)
    const g = normaliseGroup(p.group)
    if (!g) fail('invalid_argument', '社填得不对，要像“三社”这样', 'group')
    const contact = (name: string, phone: string, field: string) => {
      if (!name && !phone) return null
      if (!name || !phone) fail('invalid_argument', '姓名和电话要一起填', field)
      return { name, phone }
    }
    const _ = deps.db.command
    const set = {
      officer: _.set(contact(p.officerName, p.officerPhone, 'officerName')),
      gridWorker: _.set(contact(p.gridName, p.gridPhone, 'gridName')),
      securityHead: _.set(contact(p.headName, p.headPhone, 'headName')),
    }
    await bumpGroup(deps.db, p.villageId, g.name, g.order, deps.now(), {}, set)
    const doc = await findById<GroupDoc>(deps.db, HH_GROUPS, groupId(p.villageId, g.name))
    if (!doc) fail('internal', '保存没有成功，请再试一次')
    return groupView(doc, st)
  },

  async 'households.household'(deps, ctx, { id }) {
    const st = await station(deps)
    return officerHousehold(deps, ctx, await mustAddress(deps, id, 'id'), st, 'household')
  },

  // -- people and organisations ------------------------------------------------------------------------------

  async 'households.savePerson'(deps, ctx, p) {
    const a = await mustAddress(deps, p.addressId)
    const now = deps.now()
    const fields = {
      addressId: a._id,
      villageId: a.villageId,
      group: a.group,
      name: p.name,
      phone: p.phone,
      kind: p.kind,
      role: p.role,
      relation: p.relation,
      idNo: p.idNo,
      focus: p.focus,
      note: p.note,
      updatedAt: now,
    }
    let doc: PersonDoc
    if (p.id) {
      const existing = await findById<PersonDoc>(deps.db, HH_PEOPLE, p.id)
      if (!existing) fail('not_found', MSG.noPerson, 'id')
      doc = { ...existing, ...fields, movedInDay: p.movedInDay ?? existing.movedInDay }
      await updateById(deps.db, HH_PEOPLE, existing._id, { ...fields, movedInDay: doc.movedInDay })
      if (existing.addressId !== a._id && existing.movedOutDay === null) {
        await changePeopleCount(deps, existing.addressId, -1)
        await changePeopleCount(deps, a._id, 1)
        const old = await loadAddress(deps, existing.addressId)
        if (old) await writeTerms(deps.db, old)
        if (existing.openid) await linkHousehold(deps.db, existing.openid, { addressId: a._id, groupKey: groupId(a.villageId, a.group) }, now, existing.addressId)
      }
    } else {
      const earlier = await recordOf(deps.db, ctx.requestKey, HH_PEOPLE)
      if (earlier) {
        const found = await findById<PersonDoc>(deps.db, HH_PEOPLE, earlier)
        if (found) return personView(found, ctx.openid, { phone: false, idNo: false })
      }
      doc = { _id: newRecordId('pp'), ...fields, movedInDay: p.movedInDay ?? stationDay(now), movedOutDay: null, openid: null, landlordOpenid: null, importId: null, createdAt: now }
      await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HH_PEOPLE, doc, now })
      await changePeopleCount(deps, a._id, 1)
    }
    await writeTerms(deps.db, a)
    return personView(doc, ctx.openid, { phone: false, idNo: false })
  },

  async 'households.movePersonOut'(deps, ctx, { id, movedOutDay, reason }) {
    const person = await findById<PersonDoc>(deps.db, HH_PEOPLE, id)
    if (!person) fail('not_found', MSG.noPerson, 'id')
    if (person.movedOutDay !== null) return personView(person, ctx.openid, { phone: false, idNo: false })
    const taken = await updateWhere(deps.db.collection(HH_PEOPLE).where({ _id: id, movedOutDay: null }), { movedOutDay, note: reason || person.note, updatedAt: deps.now() })
    if (taken === 1) {
      await changePeopleCount(deps, person.addressId, -1)
      // The profile stops pointing at the household (and leaves its 社's count) only if it still points here.
      if (person.openid) await linkHousehold(deps.db, person.openid, null, deps.now(), person.addressId)
      const a = await loadAddress(deps, person.addressId)
      if (a) await writeTerms(deps.db, a)
    }
    return personView({ ...person, movedOutDay }, ctx.openid, { phone: false, idNo: false })
  },

  async 'households.person'(deps, ctx, { id }) {
    const person = await findById<PersonDoc>(deps.db, HH_PEOPLE, id)
    if (!person) fail('not_found', MSG.noPerson, 'id')
    await deps.audit({ actor: ctx.openid, action: 'households.person', target: id, detail: { addressId: person.addressId, idNo: person.idNo !== '' } })
    return personView(person, ctx.openid, { phone: true, idNo: true })
  },

  async 'households.saveOrganisation'(deps, ctx, p) {
    const st = await station(deps)
    assertVillage(st, p.villageId)
    const a = p.addressId ? await mustAddress(deps, p.addressId) : null
    const now = deps.now()
    const group = a?.group ?? (p.group ? (normaliseGroup(p.group)?.name ?? p.group) : '')
    const fields = { kind: p.kind, name: p.name, addressId: a?._id ?? null, villageId: a?.villageId ?? p.villageId, group, contactName: p.contactName, contactPhone: p.contactPhone, note: p.note, updatedAt: now }
    if (p.id) {
      const existing = await findById<OrgDoc>(deps.db, HH_ORGS, p.id)
      if (!existing) fail('not_found', '没有找到这个单位，请刷新后再看', 'id')
      await updateById(deps.db, HH_ORGS, existing._id, fields)
      return orgView({ ...existing, ...fields }, st, a)
    }
    const doc: OrgDoc = { _id: newRecordId('og'), ...fields, lastVisitAt: null, createdAt: now }
    const made = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HH_ORGS, doc, now })
    const stored = made.created ? doc : await findById<OrgDoc>(deps.db, HH_ORGS, made.id)
    return orgView(stored ?? doc, st, a)
  },

  async 'households.organisations'(deps, _ctx, { villageId, kind, q, cursor, pageSize }) {
    const st = await station(deps)
    const _ = deps.db.command
    const where: Record<string, unknown> = {}
    if (villageId) where.villageId = villageId
    if (kind) where.kind = kind
    if (cursor) where._id = _.gt(cursor)
    // Organisations are few (hundreds); a name filter on the page is enough.
    const docs = await findMany<OrgDoc>(deps.db.collection(HH_ORGS).where(where).orderBy('_id', 'asc').limit(q ? 200 : pageSize))
    const hits = q ? docs.filter((o) => o.name.includes(q) || o.contactName.includes(q)).slice(0, pageSize) : docs
    const byId = await addressesByIds(deps, hits.flatMap((o) => (o.addressId ? [o.addressId] : [])))
    return {
      items: hits.map((o) => orgView(o, st, o.addressId ? (byId.get(o.addressId) ?? null) : null)),
      nextCursor: !q && docs.length === pageSize ? docs[docs.length - 1]._id : null,
    }
  },

  async 'households.shops'(deps, _ctx, { villageId }) {
    const st = await station(deps)
    const docs = await findMany<OrgDoc>(deps.db.collection(HH_ORGS).where({ kind: 'agri_shop', ...(villageId ? { villageId } : {}) }).limit(100))
    const byId = await addressesByIds(deps, docs.flatMap((o) => (o.addressId ? [o.addressId] : [])))
    return { shops: docs.map((o) => ({ id: o._id, name: o.name, villageId: o.villageId, addressLine: orgView(o, st, o.addressId ? (byId.get(o.addressId) ?? null) : null).addressLine })) }
  },

  // -- doorplates ----------------------------------------------------------------------------------------------

  async 'households.generatePlates'(deps, ctx, { villageId, group }) {
    const st = await station(deps)
    assertVillage(st, villageId)
    const groupName = group ? normaliseGroup(group)?.name : null
    if (group && !groupName) fail('invalid_argument', '社填得不对，要像“三社”这样', 'group')
    const job = await startPlateJob(deps, ctx, villageId, groupName ?? null)
    return jobView(await runPlateBatch(deps, job._id))
  },

  async 'households.continuePlates'(deps, _ctx, { jobId }) {
    const job = await findById<PlateJobDoc>(deps.db, HH_PLATE_JOBS, jobId)
    if (!job) fail('not_found', '没有找到这次生成任务，请重新生成', 'jobId')
    return jobView(await runPlateBatch(deps, job._id))
  },

  async 'households.plateJob'(deps, _ctx, { jobId }) {
    const job = await findById<PlateJobDoc>(deps.db, HH_PLATE_JOBS, jobId)
    if (!job) fail('not_found', '没有找到这次生成任务，请重新生成', 'jobId')
    return jobView(job)
  },

  async 'households.plateSheet'(deps, _ctx, { villageId, group, cursor, pageSize }): Promise<Page<SheetItem>> {
    const st = await station(deps)
    assertVillage(st, villageId)
    const _ = deps.db.command
    const where: Record<string, unknown> = { villageId }
    const groupName = group ? (normaliseGroup(group)?.name ?? group) : null
    if (groupName) where.group = groupName
    if (cursor) where.sortKey = _.gt(cursor)
    const plates = await findMany<PlateDoc>(deps.db.collection(HH_PLATES).where(where).orderBy('sortKey', 'asc').limit(pageSize))
    const printable = plates.filter((p) => p.state !== 'void' && p.imageFileId && p.addressId)
    const [byId, urls] = await Promise.all([
      addressesByIds(deps, printable.map((p) => p.addressId as string)),
      printable.length ? deps.storage.tempUrls(printable.map((p) => p.imageFileId as string)) : Promise.resolve({} as Record<string, string>),
    ])
    const villageName = st.villages.get(villageId) ?? villageId
    const items: SheetItem[] = []
    for (const p of printable) {
      const a = byId.get(p.addressId as string)
      if (!a) continue
      const view = plateView(p)
      items.push({ plateId: p._id, scene: view.scene, imageFileId: p.imageFileId as string, imageUrl: urls[p.imageFileId as string] ?? '', lines: plateLines(villageName, a), state: p.state })
    }
    return { items, nextCursor: plates.length === pageSize ? plates[plates.length - 1].sortKey : null }
  },

  async 'households.setPlate'(deps, ctx, { plateId, state, addressId, reason }) {
    const plate = await findById<PlateDoc>(deps.db, HH_PLATES, plateId)
    if (!plate) fail('not_found', MSG.noPlate, 'plateId')
    const now = deps.now()
    const next: PlateDoc = { ...plate, updatedAt: now }
    if (addressId && addressId !== plate.addressId) {
      const target = await mustAddress(deps, addressId)
      if (target.plateId && target.plateId !== plate._id) {
        const other = await findById<PlateDoc>(deps.db, HH_PLATES, target.plateId)
        if (other && other.state !== 'void') fail('conflict', '那个地址已经有一块门牌了，请先把那块注销', 'addressId')
      }
      if (plate.addressId) await updateWhere(deps.db.collection(HH_ADDRESSES).where({ _id: plate.addressId, plateId: plate._id }), { plateId: null, updatedAt: now })
      await updateById(deps.db, HH_ADDRESSES, target._id, { plateId: plate._id, updatedAt: now })
      Object.assign(next, { addressId: target._id, villageId: target.villageId, group: target.group, sortKey: target.sortKey })
      await event(deps, ctx, target._id, 'plate', reason, [{ field: 'plate', from: plate.addressId ?? '', to: plate._id }])
    }
    if (state && state !== plate.state) {
      next.state = state
      if (next.addressId) await event(deps, ctx, next.addressId, 'plate', reason, [{ field: 'plateState', from: plate.state, to: state }])
      if (state === 'void' && next.addressId) await updateWhere(deps.db.collection(HH_ADDRESSES).where({ _id: next.addressId, plateId: plate._id }), { plateId: null, updatedAt: now })
    }
    await updateById(deps.db, HH_PLATES, plate._id, { addressId: next.addressId, villageId: next.villageId, group: next.group, sortKey: next.sortKey, state: next.state, updatedAt: now })
    return plateView(next)
  },

  async 'households.reportPlate'(deps, ctx, { plateId, problem, note }) {
    const plate = await findById<PlateDoc>(deps.db, HH_PLATES, plateId)
    if (!plate) fail('not_found', MSG.noPlate, 'plateId')
    if (plate.problems.length >= 50) return { received: true }
    const _ = deps.db.command
    await updateById(deps.db, HH_PLATES, plate._id, { problems: _.push([{ problem, note, by: ctx.openid, at: deps.now() }]), updatedAt: deps.now() })
    return { received: true }
  },

  async 'households.scan'(deps, ctx, { scene }): Promise<ScanView> {
    const id = plateIdOfScene(scene)
    if (!id) fail('invalid_argument', '这个码不是门牌码，请重新扫码', 'scene')
    const plate = await findById<PlateDoc>(deps.db, HH_PLATES, id)
    if (!plate) fail('not_found', MSG.noPlate, 'scene')
    const st = await station(deps)
    const a = plate.state !== 'void' && plate.addressId ? await loadAddress(deps, plate.addressId) : null
    const group = a ? await findById<GroupDoc>(deps.db, HH_GROUPS, groupId(a.villageId, a.group)) : null
    const audience = audienceOf(ctx.user ? ctx.role : null)
    const people = a && audience !== 'public' ? await peopleAt(deps, a._id) : []
    const claims = a && ctx.openid ? await findMany<ClaimDoc>(deps.db.collection(HH_CLAIMS).where({ openid: ctx.openid, addressId: a._id }).orderBy('createdAt', 'desc').limit(1)) : []
    const myClaim = claims[0] && claims[0].status !== 'confirmed' ? claimView(claims[0], lineOf(a, st), false) : null
    const resident = audience === 'resident' && a ? livesHere(people, ctx.openid) : null
    const base = {
      plateId: plate._id,
      plateState: plate.state,
      address: a ? addressView(a, st) : null,
      contacts: contactsOf(group, st),
      prefill: a ? { addressId: a._id, villageId: a.villageId, place: addressView(a, st).line } : null,
      canDeclare: Boolean(a) && audience === 'resident' && !resident && myClaim?.status !== 'pending',
      myClaim,
    }
    if (audience === 'officer') return { ...base, canDeclare: false, view: 'officer', household: a ? await officerHousehold(deps, ctx, a, st, 'scan') : null }
    if (audience === 'resident') return { ...base, view: 'resident', household: a ? await myHousehold(deps, ctx.openid, a, st, people) : null }
    return { ...base, view: 'public' }
  },

  // -- residents -------------------------------------------------------------------------------------------------

  async 'households.declare'(deps, ctx, { addressId, as, kind, note }) {
    const user: UserDoc | null = ctx.user
    if (!user || !user.name || !user.phone) fail('invalid_argument', MSG.needProfile, 'as')
    const a = await mustAddress(deps, addressId)
    const st = await station(deps)
    const people = await peopleAt(deps, a._id)
    const me = livesHere(people, ctx.openid)
    if (me && (as === 'resident' || me.role === 'owner')) fail('conflict', '您已经登记在这一户了，不用再申报')
    const pending = await findMany<ClaimDoc>(deps.db.collection(HH_CLAIMS).where({ openid: ctx.openid, addressId: a._id, status: 'pending' }).limit(1))
    if (pending[0]) return claimView(pending[0], lineOf(a, st), false)
    const now = deps.now()
    const doc: ClaimDoc = { _id: newRecordId('cl'), addressId: a._id, villageId: a.villageId, openid: ctx.openid, name: user.name, phone: user.phone, as, kind, note, status: 'pending', reason: '', decidedBy: null, decidedAt: null, personId: null, createdAt: now }
    const made = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HH_CLAIMS, doc, now })
    const stored = made.created ? doc : ((await findById<ClaimDoc>(deps.db, HH_CLAIMS, made.id)) ?? doc)
    return claimView(stored, lineOf(a, st), false)
  },

  async 'households.claims'(deps, _ctx, { villageId, cursor, pageSize }) {
    const st = await station(deps)
    const _ = deps.db.command
    const after = dateCursor(cursor)
    const where: Record<string, unknown> = { status: 'pending' }
    if (villageId) where.villageId = villageId
    if (after) where.createdAt = _.gt(after)
    const docs = await findMany<ClaimDoc>(deps.db.collection(HH_CLAIMS).where(where).orderBy('createdAt', 'asc').limit(pageSize))
    const byId = await addressesByIds(deps, docs.map((c) => c.addressId))
    return { items: docs.map((c) => claimView(c, lineOf(byId.get(c.addressId), st), true)), nextCursor: docs.length === pageSize ? toIso(docs[docs.length - 1].createdAt) : null }
  },

  async 'households.decideClaim'(deps, ctx, { id, confirm, reason }) {
    const claim = await findById<ClaimDoc>(deps.db, HH_CLAIMS, id)
    if (!claim) fail('not_found', '没有找到这条申报，请刷新后再看', 'id')
    const st = await station(deps)
    const a = await mustAddress(deps, claim.addressId)
    if (claim.status !== 'pending') {
      if ((claim.status === 'confirmed') === confirm) return claimView(claim, lineOf(a, st), true)
      fail('transition_not_allowed', '这条申报已经处理过了，请刷新后再看')
    }
    if (!confirm && !reason) fail('invalid_argument', '不通过要写明原因，村民能看到', 'reason')
    const now = deps.now()
    const status = confirm ? 'confirmed' : 'rejected'
    const taken = await updateWhere(deps.db.collection(HH_CLAIMS).where({ _id: id, status: 'pending' }), { status, reason, decidedBy: ctx.openid, decidedAt: now })
    if (taken !== 1) fail('conflict', '这条申报刚刚被别人处理了，请刷新后再看')
    let personId: string | null = null
    if (confirm) {
      const person: PersonDoc = {
        _id: newRecordId('pp'),
        addressId: a._id,
        villageId: a.villageId,
        group: a.group,
        name: claim.name,
        phone: claim.phone,
        kind: claim.kind,
        role: claim.as === 'landlord' ? 'owner' : 'member',
        relation: '',
        idNo: '',
        movedInDay: stationDay(now),
        movedOutDay: null,
        focus: '',
        note: claim.note,
        openid: claim.openid,
        landlordOpenid: null,
        importId: null,
        createdAt: now,
        updatedAt: now,
      }
      await insert(deps.db, HH_PEOPLE, person)
      personId = person._id
      await changePeopleCount(deps, a._id, 1)
      if (claim.as === 'landlord' && a.ownerName !== claim.name) {
        await updateById(deps.db, HH_ADDRESSES, a._id, { ownerName: claim.name, ownerPhone: claim.phone, updatedAt: now })
        await event(deps, ctx, a._id, 'corrected', '房东申报经民警确认', [{ field: 'ownerName', from: a.ownerName, to: claim.name }])
      }
      await setUserHousehold(deps, claim.openid, a)
      await updateById(deps.db, HH_CLAIMS, id, { personId })
      await writeTerms(deps.db, { ...a, ownerName: claim.as === 'landlord' ? claim.name : a.ownerName })
    }
    return claimView({ ...claim, status, reason, decidedBy: ctx.openid, decidedAt: now, personId }, lineOf(a, st), true)
  },

  async 'households.registerTenant'(deps, ctx, p) {
    const a = await mustAddress(deps, p.addressId)
    const people = await peopleAt(deps, a._id)
    const me = livesHere(people, ctx.openid)
    if (!isStaff(ctx) && me?.role !== 'owner') fail('forbidden', '只有经民警确认的房东才能登记租户。请先在门牌页点“我是房东”申报', 'addressId')
    const earlier = await recordOf(deps.db, ctx.requestKey, HH_PEOPLE)
    if (earlier) {
      const found = await findById<PersonDoc>(deps.db, HH_PEOPLE, earlier)
      if (found) return personBrief(found, ctx.openid)
    }
    const now = deps.now()
    const users = await findMany<UserDoc>(deps.db.collection(USERS).where({ phone: p.phone }).limit(1))
    const tenantUser = users[0] && users[0].role === 'resident' && users[0]._id !== ctx.openid ? users[0] : null
    const doc: PersonDoc = {
      _id: newRecordId('pp'),
      addressId: a._id,
      villageId: a.villageId,
      group: a.group,
      name: p.name,
      phone: p.phone,
      kind: p.kind,
      role: 'tenant',
      relation: '',
      idNo: p.idNo,
      movedInDay: p.movedInDay,
      movedOutDay: null,
      focus: '',
      note: '',
      openid: tenantUser?._id ?? null,
      landlordOpenid: ctx.openid,
      importId: null,
      createdAt: now,
      updatedAt: now,
    }
    await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HH_PEOPLE, doc, now })
    await changePeopleCount(deps, a._id, 1)
    if (a.use !== 'rented') await updateById(deps.db, HH_ADDRESSES, a._id, { use: 'rented', updatedAt: now })
    await writeTerms(deps.db, a)
    return personBrief(doc, ctx.openid)
  },

  async 'households.endTenancy'(deps, ctx, { id, movedOutDay }) {
    const person = await findById<PersonDoc>(deps.db, HH_PEOPLE, id)
    // Someone else's tenant is simply not found.
    if (!person || person.role !== 'tenant' || (person.landlordOpenid !== ctx.openid && !isStaff(ctx))) fail('not_found', '没有找到这位租户，请刷新后再看', 'id')
    if (person.movedOutDay !== null) return personBrief(person, ctx.openid)
    if (movedOutDay < person.movedInDay) fail('invalid_argument', '搬走日期不能早于入住日期', 'movedOutDay')
    const taken = await updateWhere(deps.db.collection(HH_PEOPLE).where({ _id: id, movedOutDay: null }), { movedOutDay, updatedAt: deps.now() })
    if (taken === 1) {
      await changePeopleCount(deps, person.addressId, -1)
      const a = await loadAddress(deps, person.addressId)
      if (a) await writeTerms(deps.db, a)
    }
    return personBrief({ ...person, movedOutDay }, ctx.openid)
  },

  async 'households.myHome'(deps, ctx) {
    const st = await station(deps)
    const [mine, landlordOf, claims] = await Promise.all([
      findMany<PersonDoc>(deps.db.collection(HH_PEOPLE).where({ openid: ctx.openid, movedOutDay: null }).limit(10)),
      findMany<PersonDoc>(deps.db.collection(HH_PEOPLE).where({ landlordOpenid: ctx.openid }).limit(100)),
      findMany<ClaimDoc>(deps.db.collection(HH_CLAIMS).where({ openid: ctx.openid }).orderBy('createdAt', 'desc').limit(10)),
    ])
    const ids = [...new Set([...mine.map((p) => p.addressId), ...landlordOf.map((p) => p.addressId)])]
    const byId = await addressesByIds(deps, [...ids, ...claims.map((c) => c.addressId)])
    const homes: MyHousehold[] = []
    for (const id of ids) {
      const a = byId.get(id)
      if (!a) continue
      const h = await myHousehold(deps, ctx.openid, a, st)
      if (h) homes.push(h)
    }
    return { homes, claims: claims.filter((c) => c.status !== 'confirmed').map((c) => claimView(c, lineOf(byId.get(c.addressId), st), false)) }
  },

  // -- visits ----------------------------------------------------------------------------------------------------

  async 'households.recordVisit'(deps, ctx, p) {
    const earlier = await recordOf(deps.db, ctx.requestKey, HH_VISITS)
    const st = await station(deps)
    if (earlier) {
      const found = await findById<VisitDoc>(deps.db, HH_VISITS, earlier)
      if (found) return visitView(found, st, await photoUrls(deps, [found]))
    }
    const now = deps.now()
    const t = p.target
    let a: AddressDoc | null = null
    let org: OrgDoc | null = null
    let where: Pick<VisitDoc, 'villageId' | 'group' | 'place' | 'location'>
    if (t.kind === 'household') {
      a = await mustAddress(deps, t.addressId, 'target.addressId')
      if (t.plateId && a.plateId !== t.plateId) fail('invalid_argument', '这块门牌不是这一户的，请重新扫码', 'target.plateId')
      where = { villageId: a.villageId, group: a.group, place: lineOf(a, st), location: a.location }
    } else if (t.kind === 'organisation') {
      org = await findById<OrgDoc>(deps.db, HH_ORGS, t.organisationId)
      if (!org) fail('not_found', '没有找到这个单位，请刷新后再看', 'target.organisationId')
      where = { villageId: org.villageId, group: org.group, place: org.name, location: null }
    } else {
      assertVillage(st, t.villageId, 'target.villageId')
      where = { villageId: t.villageId, group: t.group ? (normaliseGroup(t.group)?.name ?? t.group) : '', place: t.place, location: t.location ?? null }
    }
    const photos = await assertOwnUploads(deps, ctx, p.photos, 'photos')
    const doc: VisitDoc = {
      _id: newRecordId('vs'),
      kind: t.kind,
      addressId: a?._id ?? null,
      organisationId: org?._id ?? null,
      ...where,
      at: now,
      officer: ctx.openid,
      officerName: ctx.user?.name ?? '',
      notes: p.notes,
      concerns: p.concerns.map((c) => ({ topic: c.topic, text: c.text, became: null })),
      photos,
      plateId: t.kind === 'household' ? (t.plateId ?? null) : null,
    }
    const made = await createOnce(deps.db, { requestKey: ctx.requestKey, collection: HH_VISITS, doc, now })
    if (!made.created) {
      const found = await findById<VisitDoc>(deps.db, HH_VISITS, made.id)
      if (found) return visitView(found, st, await photoUrls(deps, [found]))
    }
    if (a) {
      // Counters: the first visit of a household this quarter (and ever) counts once, whoever records it.
      const _ = deps.db.command
      const quarter = quarterOf(now)
      const first = await updateWhere(deps.db.collection(HH_ADDRESSES).where({ _id: a._id, lastVisitQuarter: _.neq(quarter), lastVisitAt: null }), { lastVisitQuarter: quarter, lastVisitAt: now })
      const firstThisQuarter = first === 1 ? 1 : await updateWhere(deps.db.collection(HH_ADDRESSES).where({ _id: a._id, lastVisitQuarter: _.neq(quarter) }), { lastVisitQuarter: quarter, lastVisitAt: now })
      if (first !== 1 && firstThisQuarter !== 1) await updateById(deps.db, HH_ADDRESSES, a._id, { lastVisitAt: now })
      const inc: Record<string, number> = {}
      if (first === 1) inc.everVisited = 1
      if (first === 1 || firstThisQuarter === 1) inc[`visited.${quarter}`] = 1
      await bumpGroup(deps.db, a.villageId, a.group, a.groupOrder, now, inc, { lastVisitAt: now })
    }
    if (org) await updateById(deps.db, HH_ORGS, org._id, { lastVisitAt: now })
    return visitView(doc, st, await photoUrls(deps, [doc]))
  },

  async 'households.visits'(deps, ctx, { addressId, organisationId, villageId, mine, cursor, pageSize }) {
    const st = await station(deps)
    const _ = deps.db.command
    const before = dateCursor(cursor)
    const where: Record<string, unknown> = {}
    if (addressId) where.addressId = addressId
    else if (organisationId) where.organisationId = organisationId
    else if (mine) where.officer = ctx.openid
    else if (villageId) where.villageId = villageId
    if (before) where.at = _.lt(before)
    const docs = await findMany<VisitDoc>(deps.db.collection(HH_VISITS).where(where).orderBy('at', 'desc').limit(pageSize))
    const urls = await photoUrls(deps, docs)
    return { items: docs.map((v) => visitView(v, st, urls)), nextCursor: docs.length === pageSize ? toIso(docs[docs.length - 1].at) : null }
  },

  async 'households.alertDraft'(deps, _ctx, p) {
    const visit = await findById<VisitDoc>(deps.db, HH_VISITS, p.visitId)
    if (!visit) fail('not_found', '没有找到这次走访，请刷新后再看', 'visitId')
    const concern = visit.concerns[p.concern]
    if (!concern) fail('invalid_argument', '没有这条反映的事，请刷新后再看', 'concern')
    const st = await station(deps)
    return visitAlertDraft(visit, concern.topic, concern.text, st.villages.get(visit.villageId) ?? '', deps.now())
  },

  async 'households.coverage'(deps, _ctx, { villageId }): Promise<CoverageView> {
    const st = await station(deps)
    const quarter = quarterOf(deps.now())
    const groups = await groupsOf(deps, villageId)
    const figures = coverageOf(groups, quarter)
    return {
      quarter,
      rows: figures.rows.map((r) => ({ ...r, villageName: st.villages.get(r.villageId) ?? r.villageId, lastVisitAt: r.lastVisitAt ? toIso(r.lastVisitAt) : null })),
      total: { ...figures.total, lastVisitAt: figures.total.lastVisitAt ? toIso(figures.total.lastVisitAt) : null },
    }
  },

  // -- import / export -------------------------------------------------------------------------------------------

  async 'households.importPreview'(deps, ctx, { fileId }) {
    const st = await station(deps)
    const sheet = await readSheetFile(deps, ctx, fileId)
    return (await importSheet(deps, ctx, st, sheet, false)).preview
  },

  async 'households.importCommit'(deps, ctx, { fileId }) {
    const st = await station(deps)
    const sheet = await readSheetFile(deps, ctx, fileId)
    const out = await importSheet(deps, ctx, st, sheet, true)
    if (!out.result) fail('invalid_argument', `表格里有${out.preview.errors.length}处错误，什么都没有导入。请先改好再导入`, 'fileId')
    return out.result
  },

  async 'households.export'(deps, ctx, { villageId, group }) {
    const st = await station(deps)
    assertVillage(st, villageId)
    await deps.audit({ actor: ctx.openid, action: 'households.export', target: villageId, detail: { group: group ?? '', masked: true } })
    return exportSheet(deps, st, villageId, group ? (normaliseGroup(group)?.name ?? group) : null, true)
  },

  async 'households.exportFull'(deps, ctx, { villageId, group, reason }) {
    const st = await station(deps)
    assertVillage(st, villageId)
    await deps.audit({ actor: ctx.openid, action: 'households.exportFull', target: villageId, detail: { group: group ?? '', masked: false, reason } })
    return exportSheet(deps, st, villageId, group ? (normaliseGroup(group)?.name ?? group) : null, false)
  },
}

