/**
 * A linear or mixed-integer model as plain data (minimise cᵀx s.t. rowLower ≤ Ax ≤ rowUpper, colLower ≤ x ≤
 * colUpper), the solution shape every solver adapter returns, and a small builder that assembles the sparse rows.
 * Nothing here solves anything: `src/solver` does, behind the `SolveLinear` function type.
 */

export interface LinearModel {
  numCols: number
  numRows: number
  colCost: Float64Array
  colLower: Float64Array
  colUpper: Float64Array
  /** 1 = integer column, 0 = continuous. */
  integer: Uint8Array
  rowLower: Float64Array
  rowUpper: Float64Array
  /** Compressed sparse rows: row i holds entries starts[i] .. starts[i+1]-1. */
  starts: Int32Array
  index: Int32Array
  value: Float64Array
  colNames: string[]
  rowNames: string[]
}

export type LinearStatus =
  'optimal' | 'infeasible' | 'unbounded' | 'unbounded_or_infeasible' | 'limit' | 'error'

export interface LinearSolution {
  status: LinearStatus
  objective: number
  colValue: Float64Array
  rowValue: Float64Array
  /** Reduced costs; meaningful only when `dualsValid`. */
  colDual: Float64Array
  /** d(objective)/d(row bound) for a minimisation; meaningful only when `dualsValid`. */
  rowDual: Float64Array
  dualsValid: boolean
  /** Solver's own description (name and version). */
  solver: string
}

/** A synchronous solver, supplied by the caller (the HiGHS adapter in src/solver). */
export type SolveLinear = (
  model: LinearModel,
  options?: { timeLimitSeconds?: number }
) => LinearSolution

/** Accumulates columns and rows, merging repeated coefficients of one row. */
export class ModelBuilder {
  private readonly cost: number[] = []
  private readonly lower: number[] = []
  private readonly upper: number[] = []
  private readonly intFlag: number[] = []
  private readonly rLower: number[] = []
  private readonly rUpper: number[] = []
  private readonly starts: number[] = [0]
  private readonly index: number[] = []
  private readonly value: number[] = []
  readonly colNames: string[] = []
  readonly rowNames: string[] = []

  get numCols(): number {
    return this.cost.length
  }

  get numRows(): number {
    return this.rLower.length
  }

  addCol(name: string, cost: number, lower: number, upper: number, integer = false): number {
    this.cost.push(cost)
    this.lower.push(lower)
    this.upper.push(upper)
    this.intFlag.push(integer ? 1 : 0)
    this.colNames.push(name)
    return this.cost.length - 1
  }

  /** Adds `lower ≤ Σ coef·x[col] ≤ upper`; zero coefficients are dropped, repeated columns summed. */
  addRow(name: string, lower: number, upper: number, cols: number[], coefs: number[]): number {
    const merged = new Map<number, number>()
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k] as number
      merged.set(c, (merged.get(c) ?? 0) + (coefs[k] as number))
    }
    for (const [c, v] of merged) {
      if (v === 0) continue
      this.index.push(c)
      this.value.push(v)
    }
    this.starts.push(this.index.length)
    this.rLower.push(lower)
    this.rUpper.push(upper)
    this.rowNames.push(name)
    return this.rLower.length - 1
  }

  setCost(col: number, cost: number): void {
    this.cost[col] = cost
  }

  build(): LinearModel {
    return {
      numCols: this.cost.length,
      numRows: this.rLower.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.intFlag),
      rowLower: Float64Array.from(this.rLower),
      rowUpper: Float64Array.from(this.rUpper),
      starts: Int32Array.from(this.starts),
      index: Int32Array.from(this.index),
      value: Float64Array.from(this.value),
      colNames: this.colNames,
      rowNames: this.rowNames,
    }
  }
}

/** True when the model has at least one integer column. */
export function isMip(model: LinearModel): boolean {
  return model.integer.some((f) => f === 1)
}

/** A copy of the model with every integer column fixed at `values` (rounded) and made continuous. */
export function fixIntegers(model: LinearModel, values: Float64Array): LinearModel {
  const colLower = Float64Array.from(model.colLower)
  const colUpper = Float64Array.from(model.colUpper)
  for (let j = 0; j < model.numCols; j++) {
    if (model.integer[j] === 1) {
      const v = Math.round(values[j] ?? 0)
      colLower[j] = v
      colUpper[j] = v
    }
  }
  return { ...model, colLower, colUpper, integer: new Uint8Array(model.numCols) }
}
