// One chart drawn by uCharts (a canvas chart library made for mini-programs) on a 2d canvas: the canvas node comes
// from a selector query on weapp and from the DOM on h5. The numbers are also written out below each chart.
import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import uCharts from '@qiun/ucharts'
import { AXIS_FONT, axisLabels } from './axisLabels'

export interface ChartSeries {
  name: string
  data: number[]
}

export interface UChartProps {
  id: string
  type: 'line' | 'column'
  categories: string[]
  series: ChartSeries[]
  /** Height in px of a 375-wide screen. */
  height?: number
}

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

const COLORS = ['#1b4f9c', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f']

function canvasOf(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id)
    const el = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null | undefined
    if (!el) return Promise.resolve(null)
    const box = el.getBoundingClientRect()
    return Promise.resolve({ node: el, width: box.width, height: box.height })
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode; width?: number; height?: number }[]) => {
        const r = res?.[0]
        resolve(r?.node ? { node: r.node, width: r.width ?? 0, height: r.height ?? 0 } : null)
      })
  })
}

export default function UChart({ id, type, categories, series, height = 220 }: UChartProps) {
  const drawn = useRef(0)
  const key = JSON.stringify([type, categories, series])
  useEffect(() => {
    const mine = ++drawn.current
    // After the canvas is laid out; a later draw (new data) wins over an earlier one still waiting.
    const timer = setTimeout(() => {
      void canvasOf(id).then((c) => {
        if (!c || mine !== drawn.current || c.width === 0) return
        const ratio = process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getSystemInfoSync().pixelRatio
        const axis = type === 'column' ? axisLabels(categories, c.width) : { labels: categories, rotate: categories.length > 8 }
        c.node.width = Math.round(c.width * ratio)
        c.node.height = Math.round(c.height * ratio)
        new uCharts({
          type,
          context: c.node.getContext('2d'),
          canvas2d: true,
          width: c.width * ratio,
          height: c.height * ratio,
          pixelRatio: ratio,
          categories: axis.labels,
          series,
          animation: false,
          background: '#FFFFFF',
          color: COLORS,
          padding: [12, 12, axis.rotate ? 12 : 4, 4],
          fontSize: 12,
          dataLabel: type === 'column',
          legend: { show: series.length > 1, position: 'bottom', fontSize: 12 },
          xAxis: { disableGrid: true, fontSize: AXIS_FONT, rotateLabel: axis.rotate, rotateAngle: 45, marginTop: axis.rotate ? 6 : 0 },
          yAxis: { gridType: 'dash', data: [{ min: 0, fontSize: 11 }] },
          extra: { column: { width: 18, categoryGap: 4 }, line: { type: 'straight', width: 2 } },
        })
      })
    }, 50)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the data
  }, [id, key])
  return (
    <View className='fq-fig-chart' style={{ height: `${height}px` }}>
      <Canvas type='2d' id={id} canvasId={id} className='fq-fig-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}
