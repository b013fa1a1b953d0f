import { closeIncrements, figuresView, intakeIncrements, reopenIncrements, type FigureCounters } from '@domain/mediation-figures'

function add(into: FigureCounters, inc: FigureCounters) {
  for (const [k, v] of Object.entries(inc)) into[k] = (into[k] ?? 0) + v
}

test('the success rate shows its denominator and leaves routed cases out of it', () => {
  const c: FigureCounters = {}
  for (let i = 0; i < 33; i++) add(c, intakeIncrements({ kind: 'neighbour', villageId: 'pingchuan', source: 'app' }))
  for (let i = 0; i < 29; i++) add(c, closeIncrements('resolved', 10, ['copper'], null))
  add(c, closeIncrements('failed', 20, ['copper', 'copper'], null))
  add(c, closeIncrements('routed', 0, [], 'court'))
  add(c, closeIncrements('routed', 0, [], 'criminal_case'))
  const f = figuresView(c, [{ id: 'pingchuan', name: '平川村' }])
  expect(f.success).toEqual({ resolved: 29, failed: 1, denominator: 30, rate: 96.7, text: '调解成功率 96.7%（调成并履行 29 件 ÷ 调解结案 30 件，不含转交和撤回）' })
  expect(f.routed.total).toBe(2)
  expect(f.byVillage).toEqual([{ key: 'pingchuan', label: '平川村', count: 33 }])
  expect(f.averageDaysToClose).toBe(10.3)
  expect(f.byMediatorKind.find((k) => k.kind === 'copper')).toEqual({ kind: 'copper', label: '铜舌善圆', resolved: 29, failed: 1 })
})

test('a reopened case no longer counts as a success', () => {
  const c: FigureCounters = {}
  add(c, closeIncrements('resolved', 12, ['tin'], null))
  add(c, reopenIncrements(['tin'], 12))
  const f = figuresView(c, [])
  expect(f.success.denominator).toBe(0)
  expect(f.success.text).toBe('还没有调解结案的案件')
  expect(f.reopened).toBe(1)
})
