// The figures page's column charts: labels are cut short and turned when they would run into each other.
import { axisLabels } from '@/packages/figures/components/axisLabels'

it('keeps short labels level where each has room', () => {
  // Eight villages (村 dropped) on a 343 px chart: three characters fit a 38 px column.
  expect(axisLabels(['平川', '芦湾', '五里墩', '三一', '四坝', '黄家堡', '一工程', '北滩'], 343)).toEqual({
    labels: ['平川', '芦湾', '五里墩', '三一', '四坝', '黄家堡', '一工程', '北滩'],
    rotate: false,
  })
})

it('cuts long labels to four characters and turns them when the columns are narrow', () => {
  const types = ['盗窃举报', '假农药举报', '其他举报', '预约办结', '代办办完', '上门办完', '受理纠纷']
  const a = axisLabels(types, 343)
  expect(a.labels).toEqual(['盗窃举报', '假农药…', '其他举报', '预约办结', '代办办完', '上门办完', '受理纠纷'])
  expect(a.rotate).toBe(true)
  // The same labels on a wide screen have room.
  expect(axisLabels(types, 800).rotate).toBe(false)
})
