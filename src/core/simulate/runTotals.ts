/**
 * Per-run totals of every flow, kept only when asked (tests and the reference implementation): they let a test
 * check conservation run by run. Arrays are indexed [material * runs + run].
 */
export interface RunTotals {
  runs: number
  grossDemand: Float64Array
  /** Demand left after substitution. */
  effectiveDemand: Float64Array
  substituted: Float64Array
  served: Float64Array
  unmet: Float64Array
  received: Float64Array
  released: Float64Array
  shipped: Float64Array
  initialOnHand: Float64Array
  finalOnHand: Float64Array
  initialInTransit: Float64Array
  finalInTransit: Float64Array
  finalOpen: Float64Array
  extraCost: Float64Array
  /** -1: no stockout. */
  firstStockout: Int32Array
}

export function runTotalsFor(materials: number, runs: number): RunTotals {
  const n = materials * runs
  const f = () => new Float64Array(n)
  return {
    runs,
    grossDemand: f(),
    effectiveDemand: f(),
    substituted: f(),
    served: f(),
    unmet: f(),
    received: f(),
    released: f(),
    shipped: f(),
    initialOnHand: f(),
    finalOnHand: f(),
    initialInTransit: f(),
    finalInTransit: f(),
    finalOpen: f(),
    extraCost: f(),
    firstStockout: new Int32Array(n).fill(-1),
  }
}
