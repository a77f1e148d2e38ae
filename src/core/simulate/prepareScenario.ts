/**
 * From a schema-valid scenario to a runnable model: cross-checks, link resolution, compilation. Every issue
 * names the path of the offending value; nothing runs until the list is empty.
 */
import type { Scenario } from '../../contracts/scenario'
import type { Result } from '../shared/result'
import { compileScenario } from './compileScenario'
import type { CompiledModel } from './model'
import { resolveScenario, type ResolveContext, type ResolvedScenario } from './resolveScenario'
import { validateScenario } from './validateScenario'

export interface PreparedScenario {
  model: CompiledModel
  resolved: ResolvedScenario
}

export function prepareScenario(s: Scenario, ctx: ResolveContext = {}): Result<PreparedScenario> {
  const issues = validateScenario(s)
  if (issues.length > 0) return { ok: false, error: issues }
  const resolved = resolveScenario(s, ctx)
  if (!resolved.ok) return resolved
  const model = compileScenario(resolved.value)
  const warnings = resolved.value.warnings
  model.lanes.forEach((lane, l) => {
    if (model.materials[lane.material]?.lanes[0] === l && lane.onlineDay > 0)
      warnings.push(
        `supplier ${lane.id} is the first (baseline) supplier but only starts on day ${lane.onlineDay}`
      )
  })
  return { ok: true, value: { model, resolved: resolved.value } }
}
