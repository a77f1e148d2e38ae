/**
 * Explains an infeasible model from its elastic reformulation: every hard constraint and capacity gets a slack
 * column and only slack is charged (relative to the constraint's size). The constraints that must be relaxed in
 * the least relaxation conflict; the other constraints tight there (non-zero dual) take part in the conflict.
 */
import type { Explanation } from '../../contracts/optimize'
import { buildModel, type PreparedProblem } from './buildModel'
import type { SolveLinear } from './linearModel'

const TOL = 1e-6

export function explainInfeasibility(p: PreparedProblem, solve: SolveLinear): Explanation {
  const built = buildModel(p, 1, 'elastic')
  const sol = solve(built.model)
  if (sol.status !== 'optimal') {
    return {
      summary: `the elastic reformulation could not be solved either (${sol.status}); check the input for contradictions`,
      conflicts: [],
      also_binding: [],
    }
  }
  const conflicts = built.slacks
    .map((s) => ({ s, v: sol.colValue[s.col] ?? 0 }))
    .filter(({ v }) => v > TOL)
    .map(({ s, v }) => ({ constraint: s.row, kind: s.kind, relax_by: round(v), unit: s.unit }))
  const conflicting = new Set(conflicts.map((c) => c.constraint))
  const alsoBinding: string[] = []
  if (sol.dualsValid) {
    built.model.rowNames.forEach((name, r) => {
      const info = built.rows[r]
      if (!info || info.kind === 'shortfall' || conflicting.has(name)) return
      if (Math.abs(sol.rowDual[r] ?? 0) > 1e-9) alsoBinding.push(name)
    })
  }
  const parts = conflicts.map((c) => `${c.constraint} (relax by ${c.relax_by} ${c.unit})`)
  const summary =
    conflicts.length === 0
      ? 'no relaxation was needed in the elastic model: the infeasibility comes from integrality (minimum orders)'
      : `infeasible: ${parts.join('; ')}` +
        (alsoBinding.length > 0 ? `; together with ${alsoBinding.join(', ')}` : '')
  return { summary, conflicts, also_binding: alsoBinding }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6
}
