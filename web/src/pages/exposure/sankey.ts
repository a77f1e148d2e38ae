/**
 * The exposure Sankey from the report alone: origin country at a chosen processing stage → element → the part
 * whose own material holds it → the finished product. A part's own material is its per-unit mass (sub-parts
 * included, as the report gives it) times its units per year, less its direct children's; so the part column adds
 * up to the element totals. Nothing is apportioned. The stage column can be smaller than the element column when
 * some material never passed that stage (e.g. a recycled feed with no mine).
 */
import type { ExposureReport, Stage } from '../../../../src/contracts/exposure'
import { countryName } from '../../lib/countries'

export interface SankeyData {
  nodes: { name: string; depth: number }[]
  links: { source: string; target: string; value: number }[]
}

const STAGE_LABEL: Record<Stage, string> = {
  mine: 'Mined in',
  separation: 'Separated in',
  metal: 'Metal made in',
  magnet: 'Magnet made in',
}

function originLabel(stage: Stage, country: string): string {
  return `${STAGE_LABEL[stage]} ${country === 'unknown' ? 'unknown origin' : countryName(country)}`
}

/** Top-level ancestor of each part (a product is its own). */
function productOf(parts: ExposureReport['parts']): Map<string, string> {
  const parent = new Map(parts.map((p) => [p.part_id, p.parent_id]))
  const out = new Map<string, string>()
  for (const p of parts) {
    let id = p.part_id
    const seen = new Set<string>()
    for (let up = parent.get(id); up; up = parent.get(id)) {
      if (seen.has(up)) break
      seen.add(up)
      id = up
    }
    out.set(p.part_id, id)
  }
  return out
}

export function exposureSankey(
  report: ExposureReport,
  stage: Stage,
  options: { rareEarthsOnly?: boolean } = {}
): SankeyData {
  const minKg = 0
  const shown = new Set(
    report.elements.filter((e) => e.rare_earth || !options.rareEarthsOnly).map((e) => e.element)
  )
  const nodes = new Map<string, number>()
  const links: SankeyData['links'] = []
  const add = (source: string, sd: number, target: string, td: number, value: number): void => {
    if (!(value > minKg)) return
    nodes.set(source, sd)
    nodes.set(target, td)
    links.push({ source, target, value })
  }
  for (const e of report.elements) {
    if (!shown.has(e.element)) continue
    for (const [country, kg] of Object.entries(e.by_stage[stage]))
      add(originLabel(stage, country), 0, e.element, 1, kg)
  }
  const children = new Map<string, ExposureReport['parts']>()
  for (const p of report.parts) {
    if (p.parent_id === null) continue
    const list = children.get(p.parent_id)
    if (list) list.push(p)
    else children.set(p.parent_id, [p])
  }
  const products = productOf(report.parts)
  const byId = new Map(report.parts.map((p) => [p.part_id, p]))
  const label = (p: ExposureReport['parts'][number]): string =>
    `${p.description || p.part_id} (${p.part_id})`
  const partToProduct = new Map<string, number>()
  for (const p of report.parts) {
    let total = 0
    for (const [element, kg] of Object.entries(p.kg_per_unit)) {
      if (!shown.has(element)) continue
      const inChildren = (children.get(p.part_id) ?? []).reduce(
        (sum, c) => sum + (c.kg_per_unit[element] ?? 0) * c.units_per_year,
        0
      )
      const own = kg * p.units_per_year - inChildren
      // Subtraction noise is not material: keep only what is more than a millionth of the part's mass.
      if (!(own > 1e-6 * kg * p.units_per_year)) continue
      total += own
      add(element, 1, label(p), 2, own)
    }
    const top = products.get(p.part_id)
    const prod = top === undefined ? undefined : byId.get(top)
    if (total > 0 && prod && prod.part_id !== p.part_id) {
      const key = `${label(p)}\u0000${label(prod)}`
      partToProduct.set(key, (partToProduct.get(key) ?? 0) + total)
    }
  }
  for (const [key, v] of partToProduct) {
    const [from, to] = key.split('\u0000') as [string, string]
    add(from, 2, `Product: ${to}`, 3, v)
  }
  return { nodes: [...nodes].map(([name, depth]) => ({ name, depth })), links }
}
