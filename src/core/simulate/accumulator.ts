/**
 * Streaming aggregation: what the kernels add their runs to. Everything that is merged across chunks and
 * workers is an integer count (histograms, sketches) or an order-free min/max, so the merged accumulator does not
 * depend on how runs were split; float sums stay per chunk (`ChunkSums`) and are folded in chunk order.
 * Memory depends on materials, horizon and detail, never on the number of runs.
 */
import { INVENTORY_SKETCH, TONNES_SKETCH, USD_SKETCH, sketchSize } from './sketch'

/** Series index `materials` (the last one) is the whole scenario: any material, summed tonnes. */
export interface Accumulator {
  series: number
  horizon: number
  detail: boolean
  runs: number
  stockoutRuns: Uint32Array
  /** Per series: first stockout day histogram, length horizon + 1 (last = never). */
  firstHist: Uint32Array
  /** Per series, runs with a stockout: day the shortage ended (last = still short at the horizon). */
  recoveryHist: Uint32Array
  unmetBins: Uint32Array
  unmetMin: Float64Array
  unmetMax: Float64Array
  costBins: Uint32Array
  costMin: Float64Array
  costMax: Float64Array
  /** Per series and day: runs short that day. */
  dayStockout: Uint32Array
  /** Per series and day (detail only): inventory sketch and its min/max. */
  dayInventoryBins: Uint32Array
  dayInventoryMin: Float64Array
  dayInventoryMax: Float64Array
}

/** Float sums of one chunk, per series; folded in chunk order so totals are bit-identical however split. */
export interface ChunkSums {
  index: number
  runs: number
  unmet: number[]
  cost: number[]
  demand: number[]
}

export function createAccumulator(
  materials: number,
  horizon: number,
  detail: boolean
): Accumulator {
  const series = materials + 1
  const days = detail ? series * horizon : 0
  const fill = (n: number, v: number) => new Float64Array(n).fill(v)
  return {
    series,
    horizon,
    detail,
    runs: 0,
    stockoutRuns: new Uint32Array(series),
    firstHist: new Uint32Array(series * (horizon + 1)),
    recoveryHist: new Uint32Array(series * (horizon + 1)),
    unmetBins: new Uint32Array(series * sketchSize(TONNES_SKETCH)),
    unmetMin: fill(series, Infinity),
    unmetMax: fill(series, -Infinity),
    costBins: new Uint32Array(series * sketchSize(USD_SKETCH)),
    costMin: fill(series, Infinity),
    costMax: fill(series, -Infinity),
    dayStockout: new Uint32Array(series * horizon),
    dayInventoryBins: new Uint32Array(days * sketchSize(INVENTORY_SKETCH)),
    dayInventoryMin: fill(days, Infinity),
    dayInventoryMax: fill(days, -Infinity),
  }
}

/** Adds `from` into `into` (same shape). Exact and order-free. */
export function mergeAccumulator(into: Accumulator, from: Accumulator): void {
  if (into.series !== from.series || into.horizon !== from.horizon || into.detail !== from.detail)
    throw new Error('cannot merge accumulators of different shapes')
  into.runs += from.runs
  addInts(into.stockoutRuns, from.stockoutRuns)
  addInts(into.firstHist, from.firstHist)
  addInts(into.recoveryHist, from.recoveryHist)
  addInts(into.unmetBins, from.unmetBins)
  addInts(into.costBins, from.costBins)
  addInts(into.dayStockout, from.dayStockout)
  addInts(into.dayInventoryBins, from.dayInventoryBins)
  minInto(into.unmetMin, from.unmetMin)
  maxInto(into.unmetMax, from.unmetMax)
  minInto(into.costMin, from.costMin)
  maxInto(into.costMax, from.costMax)
  minInto(into.dayInventoryMin, from.dayInventoryMin)
  maxInto(into.dayInventoryMax, from.dayInventoryMax)
}

/** The typed arrays' buffers, to transfer an accumulator between threads without copying. */
export function accumulatorBuffers(a: Accumulator): ArrayBuffer[] {
  return [
    a.stockoutRuns,
    a.firstHist,
    a.recoveryHist,
    a.unmetBins,
    a.unmetMin,
    a.unmetMax,
    a.costBins,
    a.costMin,
    a.costMax,
    a.dayStockout,
    a.dayInventoryBins,
    a.dayInventoryMin,
    a.dayInventoryMax,
  ].map((x) => x.buffer as ArrayBuffer)
}

/** Totals of the chunks, folded in chunk index order. */
export function foldChunkSums(
  chunks: readonly ChunkSums[],
  series: number
): {
  runs: number
  unmet: number[]
  cost: number[]
  demand: number[]
} {
  const sorted = [...chunks].sort((a, b) => a.index - b.index)
  const out = {
    runs: 0,
    unmet: new Array<number>(series).fill(0),
    cost: new Array<number>(series).fill(0),
    demand: new Array<number>(series).fill(0),
  }
  for (const c of sorted) {
    out.runs += c.runs
    for (let s = 0; s < series; s++) {
      out.unmet[s] = out.unmet[s]! + (c.unmet[s] ?? 0)
      out.cost[s] = out.cost[s]! + (c.cost[s] ?? 0)
      out.demand[s] = out.demand[s]! + (c.demand[s] ?? 0)
    }
  }
  return out
}

function addInts(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i++) into[i] = into[i]! + from[i]!
}
function minInto(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i++) if (from[i]! < into[i]!) into[i] = from[i]!
}
function maxInto(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i++) if (from[i]! > into[i]!) into[i] = from[i]!
}
