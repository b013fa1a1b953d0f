// The steps the mediation function tests share: residents made for the test, a villager's application, and a case
// taken through join → review → both consent → team, ready for its first session.
import type { ActionRequest } from '@contract'
import type { OfficerCaseView } from '@contract/mediation'
import { addDays, stationDay, stationInstant } from '@domain/station-time'
import type { ContractCalls } from './contractCalls'
import type { TestCloud } from './localCloud'

export interface Person {
  openid: string
  name: string
  phone: string
}

export const MEDIATION_OFFICER = 'dev-officer'

/** A calm 治安 dispute: no injury, 800 元, two people, first clash. */
export const calmFacts = { violation: true, injury: 'none' as const, amount: 800, people: 2, priorClashes: 0, threats: false, weapons: false, difficulty: 'easy' as const }
export type CaseFactsInput = typeof calmFacts | (Omit<typeof calmFacts, 'violation' | 'injury'> & { violation: boolean; injury: 'none' | 'minor' | 'assessment' })

export const today = (): string => stationDay(new Date())
/** `hhmm` on the station day `days` from today, as an ISO instant. */
export const later = (days: number, hhmm: string): string => stationInstant(addDays(today(), days), hhmm).toISOString()

/** A villager's application about a neighbour's cow and a broken fence; `over` replaces whole fields. */
export function application(me: Person, other: string, over: Partial<ActionRequest<'mediation.apply'>> = {}): ActionRequest<'mediation.apply'> {
  return {
    kind: 'neighbour',
    me: { name: me.name, phone: me.phone, villageId: 'pingchuan', group: '二社', ageBand: 'adult' },
    other: { name: other, villageId: 'pingchuan', group: '六社' },
    what: '邻居家的牛撞坏了我家的围栏',
    want: '赔修围栏的钱',
    place: '平川村二社菜园',
    ...over,
  }
}

/**
 * People and cases for one test file. `openidPrefix` and `phoneBase` keep each file's residents apart from the
 * seed's and from other files'.
 */
export function mediationCases(cloud: () => TestCloud, api: ContractCalls, openidPrefix: string, phoneBase: string) {
  let seq = 0
  function newPerson(name: string): Person {
    const n = ++seq
    const p = { openid: `${openidPrefix}-${n}`, name, phone: `${phoneBase.slice(0, 3)}${String(Number(phoneBase.slice(3)) + n * 7919).slice(-8)}` }
    const at = new Date()
    cloud().store.insertMany('users', [{ _id: p.openid, role: 'resident', name, phone: p.phone, villageId: 'pingchuan', address: '', createdAt: at, updatedAt: at }])
    return p
  }

  async function readyCase(me: Person, other: Person, facts: CaseFactsInput = calmFacts): Promise<OfficerCaseView> {
    const applied = await api.ok(me.openid, 'mediation.apply', application(me, other.name))
    await api.ok(other.openid, 'mediation.join', { code: applied.inviteCode ?? '' })
    await api.ok(MEDIATION_OFFICER, 'mediation.review', { id: applied.id, facts })
    await api.ok(me.openid, 'mediation.consent', { id: applied.id, agree: true })
    await api.ok(other.openid, 'mediation.consent', { id: applied.id, agree: true })
    return api.ok(MEDIATION_OFFICER, 'mediation.team', { id: applied.id })
  }

  return { newPerson, readyCase }
}
