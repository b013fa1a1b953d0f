// Mediation history for the benchmark (issue 11): synthetic cases at the seed's shape, mostly closed, a few open
// and at risk, and the two figures the issue names — the officers' queue and the figures page — at 1k and 100k.
// `npx tsx scripts/bench/mediation.ts` measures just these two on their own (after `npx tsx scripts/build-functions.ts`).
import type { CaseDoc } from '../../cloudfunctions/mediation/store'
import type { CasePage, OfficerQueueItem } from '@contract/mediation'
import type { FiguresView } from '@domain/mediation-figures'
import { DISPUTE_KIND_VALUES, type Level } from '@domain/mediation'
import type { CaseStatus } from '@domain/mediation-lifecycle'
import { isOpenCase } from '@domain/mediation-lifecycle'
import { runScaleBench, type BenchCloud } from './cloud'

const DAY = 86_400_000
/** About 300 disputes a year, as the station reports. */
const SPACING = DAY / 2
const VILLAGES = ['pingchuan', 'luwan', 'wulidun', 'sanyi', 'siba', 'huangjiapu', 'yigongcheng', 'beitan'] as const
const CLOSED: readonly CaseStatus[] = ['resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'resolved', 'failed', 'routed', 'withdrawn', 'cleared']
const OPEN: readonly CaseStatus[] = ['applied', 'accepted', 'mediating', 'agreement_pending', 'performing', 'screening']

function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** Applicants are 500 villagers in turn: at 100k each has 200 cases of history, at 1k two. */
export const BENCH_PARTY = (i: number): string => `bench-med-party-${String(i % 500).padStart(3, '0')}`

export function historyCase(i: number, now: Date): CaseDoc {
  const createdAt = new Date(now.getTime() - 3 * DAY - i * SPACING)
  const r = mix(i) % 100
  // Recent cases are often still open; older than 90 days almost never.
  const status = (now.getTime() - createdAt.getTime() < 90 * DAY ? r < 30 : r < 1) ? OPEN[r % OPEN.length] : CLOSED[r % CLOSED.length]
  const level = ((r % 5) + 1) as Level
  const risk = r % 23 === 0
  const villageId = VILLAGES[mix(i + 7) % VILLAGES.length]
  const party = (side: 'applicant' | 'respondent', k: number) => ({ side, openid: side === 'applicant' ? BENCH_PARTY(i) : null, name: `村民${k}`, phone: `139${String(10_000_000 + k).slice(-8)}`, villageId, group: `${(k % 6) + 1}社`, age: null, statement: '', consent: 'agreed' as const, storyConsent: false })
  return {
    _id: `TJB${String(i).padStart(7, '0')}`,
    kind: DISPUTE_KIND_VALUES[r % DISPUTE_KIND_VALUES.length],
    source: 'walk_in',
    status,
    open: isOpenCase(status),
    villageId,
    place: '村里',
    want: '',
    happenedAt: createdAt,
    photos: [],
    minorInvolved: false,
    applicant: party('applicant', i * 2),
    respondent: party('respondent', i * 2 + 1),
    partyIds: [],
    inviteCode: `B${String(i % 100000).padStart(5, '0')}`,
    reportId: null,
    reportedBy: '',
    facts: null,
    track: 'people',
    gate: { ok: true, text: '' },
    grade: { level, proposed: level, points: level * 2 - 2, reasons: [], overrideReason: '' },
    risk: { flagged: risk, reasons: risk ? ['有威胁、扬言报复'] : [], notifiedAt: null },
    riskFlag: risk,
    handler: 'dev-officer',
    handlerName: '王警官',
    team: [],
    objections: [],
    sessions: [],
    sessionsFrom: 0,
    agreement: null,
    previousAgreements: [],
    followUps: [],
    route: null,
    acceptedAt: createdAt,
    acceptedDay: null,
    assessment: { needed: false, doneDay: null },
    extendedTo: null,
    extendConsent: '',
    closedAt: isOpenCase(status) ? null : new Date(createdAt.getTime() + 10 * DAY),
    counted: null,
    timeline: [],
    queueKey: `${risk ? 1 : 0}${level}${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}`,
    createdAt,
    createdKey: createdAt.toISOString(),
    updatedAt: createdAt,
  }
}

export interface MediationQuery {
  issue: 'Issue 11'
  label: string
  run: () => Promise<unknown>
  describe: (data: unknown) => string
  plans: { coll: string; query: Record<string, unknown>; order?: [string, 1 | -1][] }[]
}

export function mediationQueries(bc: BenchCloud, officer: string): MediationQuery[] {
  return [
    {
      issue: 'Issue 11',
      label: 'mediation.queue (open cases, risk first) as officer',
      run: () => bc.call(officer, 'mediation', 'queue', { view: 'open' }),
      describe: (d) => `${(d as CasePage<OfficerQueueItem>).items.length} items`,
      plans: [{ coll: 'mediation_cases', query: { open: true }, order: [['queueKey', -1]] }],
    },
    {
      issue: 'Issue 11',
      label: `mediation.mine as a villager with history (${BENCH_PARTY(7)})`,
      run: () => bc.call(BENCH_PARTY(7), 'mediation', 'mine', {}),
      describe: (d) => `${(d as CasePage<OfficerQueueItem>).items.length} items`,
      plans: [{ coll: 'mediation_cases', query: { 'applicant.openid': BENCH_PARTY(7) }, order: [['createdKey', -1]] }],
    },
    {
      issue: 'Issue 11',
      label: 'mediation.figures as officer',
      run: () => bc.call(officer, 'mediation', 'figures', {}),
      describe: (d) => (d as FiguresView).success.text.slice(0, 40),
      plans: [{ coll: 'mediation_meta', query: { _id: 'figures' } }],
    },
  ]
}

/** Standalone: two clouds, 1k and 100k cases, the two figures. */
if (require.main === module) {
  runScaleBench({
    what: 'mediation cases',
    sizes: ['1k', '100k'],
    load: (cloud, size, now) => cloud.load('mediation_cases', size === 'small' ? 1_000 : 100_000, (i) => ({ ...historyCase(i, now) })),
    queries: (cloud) => mediationQueries(cloud, 'dev-officer'),
  }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
