/**
 * The HiGHS adapter: a `LinearModel` (plain data from src/core/optimize) in, a `LinearSolution` with primal values,
 * row duals and reduced costs out. The WebAssembly runtime is loaded once per process and reused.
 */
import highsLoader, { type Highs } from 'highs'
import type {
  LinearModel,
  LinearSolution,
  LinearStatus,
  SolveLinear,
} from '../core/optimize/linearModel'

let runtime: Promise<Highs> | undefined

/** The process-wide HiGHS runtime (loaded on first use). */
export function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader()
  return runtime
}

function statusFrom(code: number): LinearStatus {
  switch (code) {
    case 7:
      return 'optimal'
    case 8:
      return 'infeasible'
    case 10:
      return 'unbounded'
    case 9:
      return 'unbounded_or_infeasible'
    case 11:
    case 12:
    case 13:
    case 14:
    case 16:
    case 17:
      return 'limit'
    default:
      return 'error'
  }
}

function solveWith(highs: Highs, model: LinearModel, timeLimitSeconds?: number): LinearSolution {
  const mip = model.integer.some((f) => f === 1)
  const instance = highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csr',
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.index,
      values: model.value,
    },
    ...(mip ? { integrality: Int32Array.from(model.integer) } : {}),
  })
  try {
    instance.options.set({ output_flag: false })
    if (timeLimitSeconds !== undefined) instance.options.set({ time_limit: timeLimitSeconds })
    instance.run()
    const status = statusFrom(instance.getModelStatus())
    const empty = (n: number) => new Float64Array(n)
    const primalOk = Number(instance.info.get('primal_solution_status')) === 2
    const sol = primalOk || status === 'optimal' ? instance.getSolution() : undefined
    const dualsValid =
      !mip && status === 'optimal' && Number(instance.info.get('dual_solution_status')) === 2
    return {
      status,
      objective: status === 'optimal' ? instance.getObjectiveValue() : Number.NaN,
      colValue: sol?.colValue ?? empty(model.numCols),
      rowValue: sol?.rowValue ?? empty(model.numRows),
      colDual: dualsValid && sol ? sol.colDual : empty(model.numCols),
      rowDual: dualsValid && sol ? sol.rowDual : empty(model.numRows),
      dualsValid,
      solver: `HiGHS ${highs.version.string} (highs-js WebAssembly)`,
    }
  } finally {
    instance.dispose()
  }
}

/** Loads HiGHS (once) and returns a synchronous solver for `LinearModel`s. */
export async function loadLinearSolver(): Promise<SolveLinear> {
  const highs = await loadHighs()
  return (model, options) => solveWith(highs, model, options?.timeLimitSeconds)
}
