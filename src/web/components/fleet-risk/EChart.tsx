import { useEffect, useRef } from 'react'
import type { ECharts, EChartsCoreOption } from 'echarts/core'

/** The chart options echarts takes. */
export type ChartOption = EChartsCoreOption

/** An echarts chart (SVG renderer) that follows its options and its container's width; `label` names it for screen readers. */
export function EChart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)
  const latest = useRef(option)
  latest.current = option
  useEffect(() => {
    const element = container.current
    if (!element) return
    let disposed = false
    let observer: ResizeObserver | undefined
    void import('./echarts-setup.js').then(({ echarts }) => {
      if (disposed) return
      const instance = echarts.init(element, undefined, { renderer: 'svg' })
      instance.setOption(latest.current, true)
      chart.current = instance
      observer = new ResizeObserver(() => instance.resize())
      observer.observe(element)
    })
    return () => {
      disposed = true
      observer?.disconnect()
      chart.current?.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />
}

/** Colours of the risk levels, most severe first. */
export const RISK_COLOURS: Readonly<Record<string, string>> = {
  'very-high': '#8b0000',
  high: '#d9480f',
  moderate: '#e8a317',
  low: '#5c940d',
  'very-low': '#2b8a3e',
  none: '#adb5bd',
}

/** The stacked-bar option of the end-of-support cliff: devices per year whose security support ends, one series per modality. */
export function cliffOption(cliff: { years: readonly number[]; modalities: readonly string[]; counts: Readonly<Record<string, readonly number[]>> }): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: cliff.years.map(String), name: 'Year support ends', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', minInterval: 1, name: 'Devices' },
    series: cliff.modalities.map((m) => ({ name: m, type: 'bar', stack: 'devices', emphasis: { focus: 'series' }, data: [...(cliff.counts[m] ?? [])] })),
  }
}
