import { describe, expect, it } from 'vitest'
import type { ExposureReport } from '../../../../src/contracts/exposure'
import { exposureSankey } from './sankey'

type Part = ExposureReport['parts'][number]
type Element = ExposureReport['elements'][number]

const stages = <T>(v: T) => ({ mine: v, separation: v, metal: v, magnet: v })

function element(symbol: string, byStage: Element['by_stage']): Element {
  const kg = Object.values(byStage.separation).reduce((a, b) => a + b, 0)
  return {
    element: symbol,
    rare_earth: true,
    kg_per_year: kg,
    kg_per_year_by_basis: { observed: kg, inferred: 0, assumed: 0 },
    china_share: stages(null),
    unknown_share: stages(null),
    worst_stage: null,
    by_stage: byStage,
    by_stage_basis: stages({}),
    hhi: stages(null),
    hhi_coverage: stages(null),
  }
}

function part(
  part_id: string,
  parent_id: string | null,
  units: number,
  kg: Record<string, number>
): Part {
  return {
    part_id,
    parent_id,
    line: 2,
    description: part_id.toLowerCase(),
    form: 'article',
    units_per_year: units,
    kg_per_unit: kg,
    kg_per_unit_by_basis: { observed: kg, inferred: {}, assumed: {} },
    basis: 'observed',
    composition: { source: 'file', library_id: null, source_url: null },
    cn_content_value_share: {
      share: null,
      china_value_usd: 0,
      unknown_origin_value_usd: 0,
      value_usd: null,
      unpriced_elements: [],
      complete: false,
      note: null,
    },
    shipment: { exporter_country: 'CHN', destination: 'USA', made_in: 'CHN', domestic: false },
    verdict: 'not_evaluated',
    measures: [],
    review: null,
    rationale: [],
    warnings: [],
  }
}

const report = {
  elements: [
    element('Nd', {
      mine: { CHN: 50, AUS: 30 },
      separation: { CHN: 80 },
      metal: { CHN: 80 },
      magnet: { JPN: 80 },
    }),
    element('Dy', {
      mine: { unknown: 4 },
      separation: { CHN: 4 },
      metal: { CHN: 4 },
      magnet: { JPN: 4 },
    }),
  ],
  parts: [
    part('MOTOR', null, 10, { Nd: 8, Dy: 0.4 }),
    part('ROTOR', 'MOTOR', 10, { Nd: 8, Dy: 0.4 }),
    part('MAG', 'ROTOR', 160, { Nd: 0.5, Dy: 0.025 }),
    // The Dy diffused into each magnet is the magnet's own sub-part (the report's per-unit masses include it).
    part('DY', 'MAG', 160, { Dy: 0.025 }),
  ],
} as unknown as ExposureReport

describe('exposure Sankey', () => {
  it('links origins at the chosen stage to elements with the report’s masses', () => {
    const s = exposureSankey(report, 'mine')
    expect(s.links.filter((l) => l.target === 'Nd')).toEqual([
      { source: 'Mined in China', target: 'Nd', value: 50 },
      { source: 'Mined in Australia', target: 'Nd', value: 30 },
    ])
    expect(s.links).toContainEqual({ source: 'Mined in unknown origin', target: 'Dy', value: 4 })
  })
  it('sends each element to the part whose own material holds it, then on to the top-level product', () => {
    const s = exposureSankey(report, 'separation')
    const into = (target: string) => s.links.filter((l) => l.target === target)
    expect(into('mag (MAG)')).toEqual([{ source: 'Nd', target: 'mag (MAG)', value: 80 }])
    expect(into('dy (DY)')).toEqual([{ source: 'Dy', target: 'dy (DY)', value: 4 }])
    expect(into('Product: motor (MOTOR)')).toEqual([
      { source: 'mag (MAG)', target: 'Product: motor (MOTOR)', value: 80 },
      { source: 'dy (DY)', target: 'Product: motor (MOTOR)', value: 4 },
    ])
    // Assemblies hold no material of their own: nothing flows into them.
    expect(s.links.some((l) => l.target.includes('ROTOR'))).toBe(false)
    // The part column adds up to the element totals.
    const held = s.links
      .filter((l) => ['Nd', 'Dy'].includes(l.source))
      .reduce((a, l) => a + l.value, 0)
    expect(held).toBeCloseTo(84)
  })
  it('places nodes in four columns and draws no zero links', () => {
    const s = exposureSankey(report, 'magnet')
    expect(new Set(s.nodes.map((n) => n.depth))).toEqual(new Set([0, 1, 2, 3]))
    expect(s.links.every((l) => l.value > 0)).toBe(true)
  })
})
