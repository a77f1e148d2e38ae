/**
 * The exposure Sankey from the report alone: origin country at a chosen processing stage → element → the part
 * that holds the material → the finished product. Every link is a report figure (kg per year); nothing is
 * apportioned. The stage column can be smaller than the element column when some material never passed that stage
 * (e.g. a recycled feed with no mine).
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

export function exposureSankey(report: ExposureReport, stage: Stage, minKg = 0): SankeyData {
  const nodes = new Map<string, number>()
  const links: SankeyData['links'] = []
  const add = (source: string, sd: number, target: string, td: number, value: number): void => {
    if (!(value > minKg)) return
    nodes.set(source, sd)
    nodes.set(target, td)
    links.push({ source, target, value })
  }
  for (const e of report.elements) {
    for (const [country, kg] of Object.entries(e.by_stage[stage]))
      add(originLabel(stage, country), 0, e.element, 1, kg)
  }
  const hasChild = new Set(
    report.parts.map((p) => p.parent_id).filter((x): x is string => x !== null)
  )
  const products = productOf(report.parts)
  const byId = new Map(report.parts.map((p) => [p.part_id, p]))
  const partToProduct = new Map<string, number>()
  for (const p of report.parts) {
    if (hasChild.has(p.part_id)) continue
    const label = `${p.description || p.part_id} (${p.part_id})`
    let total = 0
    for (const [element, kg] of Object.entries(p.kg_per_unit)) {
      const v = kg * p.units_per_year
      total += v
      add(element, 1, label, 2, v)
    }
    const top = products.get(p.part_id)
    if (top && top !== p.part_id) {
      const prod = byId.get(top)
      const key = `${label}\u0000${prod ? `${prod.description || prod.part_id} (${prod.part_id})` : top}`
      partToProduct.set(key, (partToProduct.get(key) ?? 0) + total)
    }
  }
  for (const [key, v] of partToProduct) {
    const [from, to] = key.split('\u0000') as [string, string]
    add(from, 2, `Product: ${to}`, 3, v)
  }
  return { nodes: [...nodes].map(([name, depth]) => ({ name, depth })), links }
}
