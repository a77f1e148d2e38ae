/**
 * Shadow prices of binding constraints: row duals of the hard constraints and reduced costs of capacities and
 * stockpile limits that sit at their bound, each with a sentence saying what it means.
 */
import type { BindingConstraint } from '../../contracts/optimize'
import type { BuiltModel, PreparedProblem } from './buildModel'
import type { LinearSolution } from './linearModel'

const REPORTED = new Set(['demand', 'country_share', 'ex_china_share', 'budget'])

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toLocaleString('en-US')
}

export function bindingConstraints(
  p: PreparedProblem,
  built: BuiltModel,
  sol: LinearSolution
): BindingConstraint[] {
  const out: BindingConstraint[] = []
  const m = built.model
  for (let r = 0; r < m.numRows; r++) {
    const info = built.rows[r]
    if (!info || !REPORTED.has(info.kind)) continue
    const dual = sol.rowDual[r] ?? 0
    if (Math.abs(dual) < 1e-9) continue
    const upper = m.rowUpper[r] ?? Infinity
    const bound = Number.isFinite(upper) ? upper : (m.rowLower[r] ?? 0)
    const name = m.rowNames[r] ?? `row${r}`
    const demand = p.materials.find((x) => x.id === info.material)?.demand_t ?? 0
    let meaning: string
    switch (info.kind) {
      case 'demand':
        meaning = `one more tonne of ${info.material} demand raises the objective by ${fmt(dual)}`
        break
      case 'country_share':
        meaning =
          `the cap on ${info.country} for ${info.material} costs ${fmt(-dual)} per tonne ` +
          `(${fmt((-dual * demand) / 100)} per percentage point of the share)`
        break
      case 'ex_china_share':
        meaning =
          `requiring one more tonne of ${info.material} from outside China costs ${fmt(dual)} ` +
          `(${fmt((dual * demand) / 100)} per percentage point of the share)`
        break
      default:
        meaning = `one more unit of budget lowers the objective by ${fmt(-dual)}`
    }
    out.push({
      name,
      kind: info.kind,
      material: info.material,
      country: info.country,
      source: info.source,
      bound,
      shadow_price: dual,
      meaning,
    })
  }
  p.sources.forEach((s, i) => {
    const col = built.x[i] as number
    const d = sol.colDual[col] ?? 0
    const v = sol.colValue[col] ?? 0
    if (d < -1e-9 && Math.abs(v - s.capacity_t) <= 1e-6 * Math.max(1, s.capacity_t)) {
      out.push({
        name: `capacity:${s.id}`,
        kind: 'capacity',
        material: s.material,
        country: s.country,
        source: s.id,
        bound: s.capacity_t,
        shadow_price: d,
        meaning: `one more tonne of capacity at ${s.id} would lower the objective by ${fmt(-d)}`,
      })
    }
  })
  p.materials.forEach((mat, i) => {
    const col = built.k[i]
    const max = mat.stockpile?.max_t
    if (col === undefined || max === undefined) return
    const d = sol.colDual[col] ?? 0
    if (d < -1e-9 && Math.abs((sol.colValue[col] ?? 0) - max) <= 1e-6 * Math.max(1, max)) {
      out.push({
        name: `stockpile_max:${mat.id}`,
        kind: 'stockpile_max',
        material: mat.id,
        country: null,
        source: null,
        bound: max,
        shadow_price: d,
        meaning: `one more tonne of allowed ${mat.id} stock would lower the objective by ${fmt(-d)}`,
      })
    }
  })
  return out
}
