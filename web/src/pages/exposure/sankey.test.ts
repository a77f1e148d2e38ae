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
  it('sends each element to the leaf part that holds it, then on to the top-level product', () => {
    const s = exposureSankey(report, 'separation')
    expect(s.links).toContainEqual({ source: 'Nd', target: 'mag (MAG)', value: 80 })
    expect(s.links).toContainEqual({ source: 'Dy', target: 'mag (MAG)', value: 4 })
    expect(s.links).toContainEqual({
      source: 'mag (MAG)',
      target: 'Product: motor (MOTOR)',
      value: 84,
    })
    // Intermediate assemblies are not leaves: no element flows into them.
    expect(s.links.some((l) => l.target.includes('ROTOR'))).toBe(false)
  })
  it('places nodes in four columns and draws no zero links', () => {
    const s = exposureSankey(report, 'magnet')
    expect(new Set(s.nodes.map((n) => n.depth))).toEqual(new Set([0, 1, 2, 3]))
    expect(s.links.every((l) => l.value > 0)).toBe(true)
  })
})
