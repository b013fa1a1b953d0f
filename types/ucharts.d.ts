// @qiun/ucharts ships no types: the part of its options the figures page uses (see u-charts.js, `uCharts(opts)`).
declare module '@qiun/ucharts' {
  export interface UChartsOptions {
    type: 'line' | 'column' | 'bar' | 'pie' | 'ring' | 'area'
    /** A 2d canvas context (weapp `node.getContext('2d')`, h5 `canvas.getContext('2d')`). */
    context: unknown
    canvas2d?: boolean
    width: number
    height: number
    pixelRatio?: number
    categories: string[]
    series: { name: string; data: number[] }[]
    animation?: boolean
    background?: string
    color?: string[]
    padding?: number[]
    fontSize?: number
    dataLabel?: boolean
    legend?: Record<string, unknown>
    xAxis?: Record<string, unknown>
    yAxis?: Record<string, unknown>
    extra?: Record<string, unknown>
  }
  export default class uCharts {
    constructor(opts: UChartsOptions)
  }
}
