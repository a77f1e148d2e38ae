/**
 * The vectorised Monte Carlo kernel: simulates runs [runStart, runStart + runCount) day by day, with the runs as
 * the inner dimension of typed arrays, and adds them to an Accumulator. Each day: disruption events, then per
 * material and run arrivals → substitution → stockpile release → service → reorder → shipping through the lanes
 * in priority order. The equations are in README.md. Small step functions (not one big loop) let V8 optimise each
 * with complete type feedback.
 *
 * Kernel module: `!` on typed-array reads; indexes are in range by construction.
 */
import type { Accumulator, ChunkSums } from './accumulator'
import { processEvents } from './disruptionEvents'
import { KernelState } from './kernelState'
import { NONE, POLICY_BASE_STOCK, POLICY_S_S, TRIGGER_SHORTAGE, type CompiledModel } from './model'
import type { RunTotals } from './runTotals'
import {
  INVENTORY_SKETCH,
  TONNES_SKETCH,
  USD_SKETCH,
  ZERO_EPSILON,
  sketchAdd,
  sketchSize,
} from './sketch'

export interface ChunkOptions {
  seed: number
  runStart: number
  runCount: number
  /** Parameter index → fixed uniform in [0, 1) (tornado bars); the run still draws, to keep streams aligned. */
  overrides?: Readonly<Record<number, number>>
  /** Record per-run totals (tests): conservation can then be checked run by run. */
  collect?: boolean
}

const INF = Number.POSITIVE_INFINITY
const KG_PER_T = 1000
const DAYS_PER_YEAR = 365

// The inventory sketch's bin index, inlined in addInventory (same as sketch.binOf for INVENTORY_SKETCH).
const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0
const INV_BITS = INVENTORY_SKETCH.subBits
const INV_EXP0 = 1023 + INVENTORY_SKETCH.emin
const INV_SHIFT = 20 - INV_BITS
const INV_MASK = (1 << INV_BITS) - 1
const INV_TOP = ((INVENTORY_SKETCH.emax - INVENTORY_SKETCH.emin) << INV_BITS) - 1
const INV_SIZE = sketchSize(INVENTORY_SKETCH)

/** Simulates one chunk into `acc`; returns the chunk's float sums (and per-run totals when asked). */
export function simulateChunk(
  model: CompiledModel,
  opts: ChunkOptions,
  acc: Accumulator
): { sums: ChunkSums; totals: RunTotals | null } {
  const st = new KernelState(
    model,
    opts.seed,
    opts.runStart,
    opts.runCount,
    opts.overrides ?? {},
    opts.collect === true
  )
  for (let t = 0; t < st.H; t++) {
    processEvents(st, t)
    st.anyOut.fill(0)
    st.totalInventory.fill(0)
    for (let m = 0; m < st.M; m++) stepMaterial(st, acc, m, t)
    closeDay(st, acc, t)
  }
  return recordOutcomes(st, acc)
}

/** Arrivals, substitution, stockpile release, service and reorder of material m on day t, for every run. */
function stepMaterial(st: KernelState, acc: Accumulator, m: number, t: number): void {
  const { R, H, M, W, onHand, open, inTransit, subStart, spLeft, spActive, totals } = st
  const { ring, firstOut, lastOut, anyOut, unmetSum, demandSum, cost, holdLevel } = st
  const { capEff, lead, premium, online, ramp, totalInventory } = st
  const mat = st.model.materials[m]!
  const { demandLevel, subRate, subMax, subCost, subLag, spBelowT, spBelowCover, spLag } =
    st.columns[m]!
  const { spRate, spPremium, unmetCost, level, coverDays, sLow, sHigh } = st.columns[m]!
  const laneBase = st.laneBase[m]!
  const laneGated = st.laneGated[m]!
  const laneCount = laneBase.length
  const mb = m * R
  const slotNow = t % W
  const ringBase = (slotNow * M + m) * R
  const series = mat.demandSeries
  const seriesDemand = series ? series[t]! : 0
  const hasSub = mat.subRateParam !== NONE
  const hasStockpile = mat.spQuantityParam !== NONE
  const byT = mat.spBelowTParam !== NONE
  const baseStock = mat.policy === POLICY_BASE_STOCK && t % mat.reviewDays === 0
  const byLevel = mat.levelParam !== NONE
  const byCover = mat.coverDaysParam !== NONE
  const sS = mat.policy === POLICY_S_S
  const shortageTrigger = mat.subTrigger === TRIGGER_SHORTAGE
  const hasUnmetCost = mat.unmetCostParam !== NONE
  const detail = acc.detail
  const dayIndex = m * H + t
  let dayOut = 0
  for (let r = 0; r < R; r++) {
    const i = mb + r
    const arrived = ring[ringBase + r]!
    ring[ringBase + r] = 0
    let stock = onHand[i]! + arrived
    let transit = inTransit[i]! - arrived
    const gross = series ? seriesDemand : demandLevel[r]!
    let demand = gross
    let extra = 0
    if (hasSub && t > subStart[i]!) {
      const grown = (subRate[r]! * (t - subStart[i]!)) / DAYS_PER_YEAR
      const share = grown < subMax[r]! ? grown : subMax[r]!
      demand = gross * (1 - share)
      extra += (gross - demand) * KG_PER_T * subCost[r]!
      if (totals) totals.substituted[i] = totals.substituted[i]! + (gross - demand)
    }
    if (hasStockpile && spLeft[i]! > 0) {
      if (spActive[i] === INF) {
        const trigger = byT ? spBelowT[r]! : spBelowCover[r]! * demand
        if (stock < trigger || stock < demand) spActive[i] = t + Math.round(spLag[r]!)
      }
      if (t >= spActive[i]! && stock < demand) {
        const left = spLeft[i]!
        const rate = spRate[r]!
        const short = demand - stock
        const release = left < rate ? (left < short ? left : short) : rate < short ? rate : short
        stock += release
        spLeft[i] = left - release
        extra += release * KG_PER_T * spPremium[r]!
        if (totals) totals.released[i] = totals.released[i]! + release
      }
    }
    const served = stock < demand ? stock : demand
    const unmet = demand - served
    stock -= served
    onHand[i] = stock
    if (unmet > ZERO_EPSILON) {
      if (firstOut[i]! < 0) firstOut[i] = t
      lastOut[i] = t
      anyOut[r] = 1
      dayOut++
      if (shortageTrigger && subStart[i] === INF) subStart[i] = t + subLag[r]!
      if (hasUnmetCost) extra += unmet * KG_PER_T * unmetCost[r]!
    }
    unmetSum[i] = unmetSum[i]! + unmet
    demandSum[i] = demandSum[i]! + gross
    let spent = cost[i]! + extra
    if (totals) {
      totals.effectiveDemand[i] = totals.effectiveDemand[i]! + demand
      totals.served[i] = totals.served[i]! + served
      totals.received[i] = totals.received[i]! + arrived
    }
    // Reorder on the inventory position: on hand + ordered but not shipped + in transit.
    let need = open[i]!
    const position = stock + need + transit
    if (baseStock) {
      const target = byLevel ? level[r]! : byCover ? coverDays[r]! * gross : holdLevel[i]!
      if (position < target) need = need + (target - position)
    } else if (sS && position <= sLow[r]!) {
      need = need + (sHigh[r]! - position)
    }
    // Ship open orders through the lanes in priority order; arrivals land lead-time days later.
    let shipped = 0
    for (let k = 0; k < laneCount && need > 0; k++) {
      const j = laneBase[k]! + r
      let c = capEff[j]!
      if (laneGated[k] === 1) {
        const on = online[j]!
        const rd = ramp[j]!
        c = t < on ? 0 : rd > 0 && t - on + 1 < rd ? c * ((t - on + 1) / rd) : c
      }
      const x = need < c ? need : c
      if (x <= 0) continue
      need = need - x
      let arrival = slotNow + lead[j]!
      if (arrival >= W) arrival -= W
      const a = (arrival * M + m) * R + r
      ring[a] = ring[a]! + x
      transit = transit + x
      spent = spent + x * premium[j]!
      shipped = shipped + x
    }
    if (totals) totals.shipped[i] = totals.shipped[i]! + shipped
    open[i] = need
    inTransit[i] = transit
    cost[i] = spent
    totalInventory[r] = totalInventory[r]! + stock
  }
  acc.dayStockout[dayIndex] = acc.dayStockout[dayIndex]! + dayOut
  if (detail) addInventory(acc, onHand, mb, R, dayIndex)
}

/** Adds the day's end-of-day inventories of runs [from, from + R) to the sketch of series-day `dayIndex`. */
function addInventory(
  acc: Accumulator,
  stocks: Float64Array,
  from: number,
  R: number,
  dayIndex: number
): void {
  const bins = acc.dayInventoryBins
  const base = dayIndex * INV_SIZE
  let lo = acc.dayInventoryMin[dayIndex]!
  let hi = acc.dayInventoryMax[dayIndex]!
  for (let r = 0; r < R; r++) {
    const stock = stocks[from + r]!
    let bin = 0
    if (stock > ZERO_EPSILON) {
      f64[0] = stock
      const bits = u32[HI]!
      const pos =
        ((((bits >>> 20) & 0x7ff) - INV_EXP0) << INV_BITS) + ((bits >>> INV_SHIFT) & INV_MASK)
      bin = pos < 0 ? 1 : pos > INV_TOP ? INV_TOP + 1 : pos + 1
    }
    bins[base + bin] = bins[base + bin]! + 1
    if (stock < lo) lo = stock
    if (stock > hi) hi = stock
  }
  acc.dayInventoryMin[dayIndex] = lo
  acc.dayInventoryMax[dayIndex] = hi
}

/** The whole-scenario series of day t: any material short, total inventory. */
function closeDay(st: KernelState, acc: Accumulator, t: number): void {
  const { R, H, M } = st
  const totalDay = M * H + t
  let out = 0
  for (let r = 0; r < R; r++) {
    if (st.anyOut[r] === 1) {
      if (st.anyFirst[r]! < 0) st.anyFirst[r] = t
      st.anyLast[r] = t
      out++
    }
  }
  acc.dayStockout[totalDay] = acc.dayStockout[totalDay]! + out
  if (acc.detail) addInventory(acc, st.totalInventory, 0, R, totalDay)
}

/** Per-run outcomes (first stockout, recovery, unmet, cost) into the accumulator; float sums for the chunk. */
function recordOutcomes(
  st: KernelState,
  acc: Accumulator
): { sums: ChunkSums; totals: RunTotals | null } {
  const { R, H, M } = st
  const series = M + 1
  const sums: ChunkSums = {
    index: 0,
    runs: R,
    unmet: new Array<number>(series).fill(0),
    cost: new Array<number>(series).fill(0),
    demand: new Array<number>(series).fill(0),
  }
  const unmetSize = sketchSize(TONNES_SKETCH)
  const costSize = sketchSize(USD_SKETCH)
  for (let r = 0; r < R; r++) {
    let unmetAll = 0
    let costAll = 0
    let demandAll = 0
    for (let s = 0; s < series; s++) {
      const whole = s === M
      const i = s * R + r
      const first = whole ? st.anyFirst[r]! : st.firstOut[i]!
      const last = whole ? st.anyLast[r]! : st.lastOut[i]!
      const unmet = whole ? unmetAll : st.unmetSum[i]!
      const spent = whole ? costAll : st.cost[i]!
      const demand = whole ? demandAll : st.demandSum[i]!
      if (!whole) {
        unmetAll += unmet
        costAll += spent
        demandAll += demand
      }
      const hb = s * (H + 1)
      const fi = hb + (first < 0 ? H : first)
      acc.firstHist[fi] = acc.firstHist[fi]! + 1
      if (first >= 0) {
        acc.stockoutRuns[s] = acc.stockoutRuns[s]! + 1
        const ri = hb + (last < H - 1 ? last + 1 : H)
        acc.recoveryHist[ri] = acc.recoveryHist[ri]! + 1
      }
      sketchAdd(TONNES_SKETCH, acc.unmetBins, s * unmetSize, unmet)
      if (unmet < acc.unmetMin[s]!) acc.unmetMin[s] = unmet
      if (unmet > acc.unmetMax[s]!) acc.unmetMax[s] = unmet
      sketchAdd(USD_SKETCH, acc.costBins, s * costSize, spent)
      if (spent < acc.costMin[s]!) acc.costMin[s] = spent
      if (spent > acc.costMax[s]!) acc.costMax[s] = spent
      sums.unmet[s] = sums.unmet[s]! + unmet
      sums.cost[s] = sums.cost[s]! + spent
      sums.demand[s] = sums.demand[s]! + demand
    }
  }
  acc.runs += R
  const totals = st.totals
  if (totals) {
    for (let i = 0; i < M * R; i++) {
      totals.grossDemand[i] = st.demandSum[i]!
      totals.unmet[i] = st.unmetSum[i]!
      totals.finalOnHand[i] = st.onHand[i]!
      totals.finalInTransit[i] = st.inTransit[i]!
      totals.finalOpen[i] = st.open[i]!
      totals.extraCost[i] = st.cost[i]!
      totals.firstStockout[i] = st.firstOut[i]!
    }
  }
  return { sums, totals }
}
