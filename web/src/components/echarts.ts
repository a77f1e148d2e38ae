/**
 * ECharts with only what the first page needs registered (line and scatter on a grid, tooltip, legend, marker
 * lines). Pages that need more register it in their own lazily loaded chunk with `use([...])`, so the initial
 * bundle stays small.
 */
import { LineChart, ScatterChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
])

export { init, use, type EChartsType } from 'echarts/core'
export type { EChartsCoreOption } from 'echarts/core'
