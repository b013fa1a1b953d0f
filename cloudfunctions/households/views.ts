// Documents → the views of the contract. Masking is decided here: lists mask phones and ID numbers, the audited
// detail shows phones, only `households.person` shows an ID number; key-person categories reach staff views only.
import { toIso } from '@contract/core'
import type {
  AddressListItem,
  AddressView,
  ClaimView,
  ConcernView,
  GroupView,
  OrganisationView,
  PersonBrief,
  PersonView,
  PlaceContacts,
  PlateJobView,
  PlateView,
  VisitView,
} from '@contract/households'
import {
  CLAIM_STATUS_LABELS,
  CONCERN_TOPIC_LABELS,
  FOCUS_LABELS,
  HOUSE_USE_LABELS,
  ORG_KIND_LABELS,
  PERSON_KIND_LABELS,
  PERSON_ROLE_LABELS,
  PLATE_PROBLEM_LABELS,
  PLATE_STATE_LABELS,
  VISIT_KIND_LABELS,
  addressLine,
  sceneOf,
} from '@domain/households'
import { maskIdNumber, maskPhone } from '@domain/privacy'
import type { AddressDoc, ClaimDoc, GroupDoc, OrgDoc, PersonDoc, PlateDoc, PlateJobDoc, StationInfo, VisitDoc } from './store'

export function addressView(a: AddressDoc, st: StationInfo): AddressView {
  const villageName = st.villages.get(a.villageId) ?? a.villageId
  return {
    id: a._id,
    town: a.town,
    villageId: a.villageId,
    villageName,
    group: a.group,
    number: a.number,
    room: a.room,
    line: addressLine(a.town, villageName, a),
    location: a.location,
  }
}

export function lineOf(a: AddressDoc | undefined | null, st: StationInfo): string {
  return a ? addressView(a, st).line : ''
}

/** A list row for staff: owner phone masked. */
export function addressItem(a: AddressDoc, st: StationInfo, showPhone = false): AddressListItem {
  return {
    ...addressView(a, st),
    house: { use: a.use, useLabel: HOUSE_USE_LABELS[a.use], ownerName: a.ownerName, ownerPhone: showPhone ? a.ownerPhone : maskPhone(a.ownerPhone) },
    people: a.people,
    plateId: a.plateId,
    lastVisitAt: a.lastVisitAt ? toIso(a.lastVisitAt) : null,
    warnings: a.warnings,
  }
}

export function contactsOf(g: GroupDoc | null, st: StationInfo): PlaceContacts {
  return { officer: g?.officer ?? null, gridWorker: g?.gridWorker ?? null, securityHead: g?.securityHead ?? null, stationPhone: st.phone }
}

export function groupView(g: GroupDoc, st: StationInfo): GroupView {
  return { villageId: g.villageId, villageName: st.villages.get(g.villageId) ?? g.villageId, group: g.group, households: g.households, contacts: contactsOf(g, st) }
}

/** What a resident sees of a person in their own household: name, kind, masked phone. Never the ID or focus. */
export function personBrief(p: PersonDoc, openid: string): PersonBrief {
  return {
    id: p._id,
    name: p.name,
    kind: p.kind,
    kindLabel: PERSON_KIND_LABELS[p.kind],
    role: p.role,
    roleLabel: PERSON_ROLE_LABELS[p.role],
    movedInDay: p.movedInDay,
    movedOutDay: p.movedOutDay,
    phone: maskPhone(p.phone),
    isMe: openid !== '' && p.openid === openid,
  }
}

/** Staff: `phone` full only in audited views; the ID number full only in `households.person`. */
export function personView(p: PersonDoc, openid: string, reveal: { phone: boolean; idNo: boolean }): PersonView {
  return {
    ...personBrief(p, openid),
    phone: reveal.phone ? p.phone : maskPhone(p.phone),
    addressId: p.addressId,
    idNo: reveal.idNo ? p.idNo : maskIdNumber(p.idNo),
    relation: p.relation,
    focus: p.focus,
    focusLabel: FOCUS_LABELS[p.focus],
    linked: p.openid !== null,
    note: p.note,
  }
}

export function orgView(o: OrgDoc, st: StationInfo, address: AddressDoc | null, showPhone = false): OrganisationView {
  return {
    id: o._id,
    kind: o.kind,
    kindLabel: ORG_KIND_LABELS[o.kind],
    name: o.name,
    addressId: o.addressId,
    villageId: o.villageId,
    villageName: st.villages.get(o.villageId) ?? o.villageId,
    group: o.group,
    addressLine: address ? lineOf(address, st) : `${st.town}${st.villages.get(o.villageId) ?? ''}${o.group}`,
    contactName: o.contactName,
    contactPhone: showPhone ? o.contactPhone : maskPhone(o.contactPhone),
    note: o.note,
    lastVisitAt: o.lastVisitAt ? toIso(o.lastVisitAt) : null,
  }
}

export function plateView(p: PlateDoc): PlateView {
  return {
    id: p._id,
    scene: sceneOf(p._id),
    state: p.state,
    stateLabel: PLATE_STATE_LABELS[p.state],
    addressId: p.addressId,
    imageFileId: p.imageFileId,
    problems: p.problems.map((x) => ({ problem: x.problem, label: PLATE_PROBLEM_LABELS[x.problem], at: toIso(x.at) })),
  }
}

export function jobView(j: PlateJobDoc): PlateJobView {
  return {
    id: j._id,
    villageId: j.villageId,
    group: j.group,
    status: j.status,
    total: j.total,
    done: j.done,
    failed: j.failed,
    lastError: j.lastError,
    startedAt: toIso(j.startedAt),
    updatedAt: toIso(j.updatedAt),
    more: j.status === 'running',
  }
}

const AS_LABELS = { resident: '我住这里', landlord: '我是房东' } as const

export function claimView(c: ClaimDoc, line: string, staff: boolean): ClaimView {
  return {
    id: c._id,
    addressId: c.addressId,
    addressLine: line,
    as: c.as,
    asLabel: AS_LABELS[c.as],
    status: c.status,
    statusLabel: CLAIM_STATUS_LABELS[c.status],
    ...(staff ? { claimant: { name: c.name, phone: maskPhone(c.phone) } } : {}),
    note: c.note,
    reason: c.reason,
    createdAt: toIso(c.createdAt),
    decidedAt: c.decidedAt ? toIso(c.decidedAt) : null,
  }
}

export function concernView(c: VisitDoc['concerns'][number]): ConcernView {
  return { topic: c.topic, topicLabel: CONCERN_TOPIC_LABELS[c.topic], text: c.text, became: c.became }
}

export function visitView(v: VisitDoc, st: StationInfo, urls: Record<string, string>): VisitView {
  return {
    id: v._id,
    kind: v.kind,
    kindLabel: VISIT_KIND_LABELS[v.kind],
    addressId: v.addressId,
    organisationId: v.organisationId,
    villageId: v.villageId,
    villageName: st.villages.get(v.villageId) ?? v.villageId,
    group: v.group,
    place: v.place,
    location: v.location,
    at: toIso(v.at),
    officerName: v.officerName,
    notes: v.notes,
    concerns: v.concerns.map(concernView),
    photos: v.photos.map((fileId) => ({ fileId, url: urls[fileId] ?? '' })),
    viaPlate: v.plateId !== null,
  }
}
