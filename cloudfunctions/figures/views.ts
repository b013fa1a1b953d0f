// The figures page as one view: every registered source's section, the month trend, the village and type charts and
// the 五零 tiles, for one period, village and officer.
import { toIso } from '@contract/core'
import type { CountRow, FiguresView, TrendPoint } from '@contract/figures'
import { fiveZeroTiles, trendMonths, type FiveZeroInput, type Period } from '@domain/figures'
import { SOURCES, type SourceQuery } from './sources'

export async function figuresView(
  q: SourceQuery,
  extra: { officer: { id: string; name: string } | null; officers: { id: string; name: string }[] },
): Promise<FiguresView> {
  const results = await Promise.all(SOURCES.map((s) => s.figures(q)))
  const trended = SOURCES.filter((s) => s.trend)
  const months = trendMonths(q.period.to)
  const counts = await Promise.all(
    trended.map((s) => Promise.all(months.map((m) => q.count(`trend.${s.key}`, m.range, () => s.trend?.count(q, m.range) ?? Promise.resolve(0))))),
  )
  const points: TrendPoint[] = months.map((m, i) => ({ month: m.month, label: m.label, values: Object.fromEntries(trended.map((s, k) => [s.key, counts[k][i]])) }))
  const five: FiveZeroInput = { openUnsatisfiedTasks: null, disputesSentUp: null, disputesClosed: null, ...Object.assign({}, ...results.map((r) => r.fiveZero ?? {})) }
  const byVillage: CountRow[] = results.find((r) => r.byVillage)?.byVillage ?? []
  const byType: CountRow[] = results.flatMap((r) => r.byType ?? [])
  const village = q.villageId ? q.villages.find((v) => v.id === q.villageId) : undefined
  return {
    period: periodView(q.period),
    scope: {
      villageId: q.villageId ?? '',
      villageName: village?.name ?? '全部村',
      officer: extra.officer,
      label: `${village?.name ?? '全部村'} · ${extra.officer ? extra.officer.name : '全所民警'}`,
    },
    villages: q.villages.map((v) => ({ id: v.id, name: v.name })),
    officers: extra.officers,
    sections: results.map((r) => r.section),
    fiveZero: fiveZeroTiles(five),
    charts: {
      trend: { series: trended.map((s) => ({ key: s.key, label: s.trend?.label ?? s.title })), points },
      byVillage,
      byType,
    },
    generatedAt: toIso(q.now),
  }
}

export function periodView(p: Period): FiguresView['period'] {
  return {
    kind: p.kind,
    label: p.label,
    from: p.from,
    to: p.to,
    yearEarlier: { from: p.yearEarlier.from, to: p.yearEarlier.to },
    periodEarlier: { from: p.periodEarlier.from, to: p.periodEarlier.to },
  }
}
