// The figures page (issue 13) at 1k and 100k records per collection: the month view as the 所长 and as an officer,
// with the documents the database read per view (engine.rowsRead). The history generators of data.ts keep the same
// density at both sizes (100k is older history), so a month holds the same records and the view must not grow.
// `npx tsx scripts/bench/figures.ts` measures just these on their own (after `npx tsx scripts/build-functions.ts`).
import type { FiguresView } from '@contract/figures'
import { runScaleBench, type BenchCloud } from './cloud'
import { historyBooking, historyErrand, historyReport, historyHomeVisit, resident } from './data'
import { historyCase } from './mediation'

export interface FiguresQuery {
  issue: 'Issue 13'
  label: string
  run: () => Promise<unknown>
  describe: (data: unknown) => string
  plans: { coll: string; query: Record<string, unknown>; order?: [string, 1 | -1][] }[]
}

const describe = (d: unknown) => {
  const v = d as FiguresView
  const received = v.sections.find((s) => s.key === 'reports')?.metrics.find((m) => m.key === 'received')?.compared
  return `reports ${received?.value ?? '?'} (同比 ${received?.yoy.text ?? '?'})`
}

export function figuresQueries(bc: BenchCloud, officer: string): FiguresQuery[] {
  const monthStart = new Date(Date.now() - 31 * 86_400_000)
  return [
    {
      issue: 'Issue 13',
      label: 'figures.overview this month as admin (every source, 同比/环比, 12-month trend)',
      run: () => bc.call('dev-admin', 'figures', 'overview', { kind: 'month' }),
      describe,
      plans: [{ coll: 'reports', query: { createdAt: { $gte: monthStart } } }],
    },
    {
      issue: 'Issue 13',
      label: 'figures.overview this month, 平川村, as officer',
      run: () => bc.call(officer, 'figures', 'overview', { kind: 'month', villageId: 'pingchuan' }),
      describe,
      plans: [{ coll: 'reports', query: { villageId: 'pingchuan', assignee: officer, createdAt: { $gte: monthStart } } }],
    },
  ]
}

/** The figures' own collections at a size: reports, bookings, errands, visits, mediation, residents (same density). */
export function loadFiguresData(bc: BenchCloud, from: number, to: number): void {
  const now = bc.now
  bc.load('users', to - from, (i) => resident(i, now), from)
  bc.load('reports', to - from, (i) => ({ ...historyReport(i, now) }), from)
  bc.load('bookings', to - from, (i) => ({ ...historyBooking(i, now) }), from)
  bc.load('errands', (to - from) / 10, (j) => ({ ...historyErrand(j, now) }), from / 10)
  bc.load('home_visits', (to - from) / 10, (j) => ({ ...historyHomeVisit(j, now) }), from / 10)
  bc.load('mediation_cases', to - from, (i) => ({ ...historyCase(i, now) }), from)
}

/** Standalone: two clouds, 1k and 100k records per collection, the month view on each. */
if (require.main === module) {
  runScaleBench({
    what: 'records per collection',
    sizes: ['1k', '100k'],
    load: (cloud, size) => loadFiguresData(cloud, 0, size === 'small' ? 1_000 : 100_000),
    queries: (cloud) => figuresQueries(cloud, 'dev-officer'),
    runs: 9,
  }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
