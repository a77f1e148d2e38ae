import { describe, expect, it } from 'vitest'
import { readOptimizeInput } from './optimizeInput'

const yaml = `materials:
  - id: NdPr
    demand_t: 100
sources:
  - id: cn
    material: NdPr
    country: CHN
    capacity_t: 200
    unit_cost: 50
  - id: au
    material: NdPr
    country: AUS
    capacity_t: -20
    unit_cost: 70
constraints:
  max_country_share: 0.65
`

describe('readOptimizeInput', () => {
  it('rejects a negative capacity with its line, column and field', () => {
    const r = readOptimizeInput(yaml, 'buyer.yaml')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toHaveLength(1)
    const issue = r.error[0]!
    expect(issue.file).toBe('buyer.yaml')
    expect(issue.line).toBe(13)
    expect(issue.column).toBe(17)
    expect(issue.field).toBe('capacity_t')
    expect(issue.message).toContain('sources[1].capacity_t')
    expect(issue.message).toContain('non-negative')
    expect(issue.found).toBe('-20')
  })

  it('rejects a negative cost in JSON with its line', () => {
    const json = JSON.stringify(
      {
        materials: [{ id: 'NdPr', demand_t: 100 }],
        sources: [{ id: 'cn', material: 'NdPr', country: 'CHN', capacity_t: 1, unit_cost: -3 }],
      },
      null,
      2
    )
    const r = readOptimizeInput(json, 'in.json')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error[0]?.field).toBe('unit_cost')
    expect(r.error[0]?.line).toBe(json.split('\n').findIndex((l) => l.includes('"unit_cost"')) + 1)
  })

  it('accepts the minimal JSON contract', () => {
    const r = readOptimizeInput(
      '{"materials":[{"id":"NdPr","demand_t":10}],"sources":[{"id":"a","material":"NdPr","country":"AUS","capacity_t":20,"unit_cost":5}],"constraints":{"max_country_share":0.65}}',
      'min.json'
    )
    expect(r.ok).toBe(true)
  })

  it('names unknown materials, duplicate ids and unknown fields', () => {
    const r = readOptimizeInput(
      `materials: [{id: A, demand_t: 1}, {id: A, demand_t: 2}]
sources: [{id: s, material: B, country: AUS, capacity_t: 1, unit_cost: 1, colour: red}]
`,
      'x.yaml'
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.map((i) => i.code)).toEqual(['invalid_unrecognized_keys'])
    const r2 = readOptimizeInput(
      `materials: [{id: A, demand_t: 1}, {id: A, demand_t: 2}]
sources: [{id: s, material: B, country: AUS, capacity_t: 1, unit_cost: 1}]
`,
      'x.yaml'
    )
    expect(r2.ok).toBe(false)
    if (r2.ok) return
    expect(r2.error.map((i) => i.code)).toEqual(['duplicate_id', 'unknown_material'])
    expect(r2.error[1]?.line).toBe(2)
  })

  it('reports malformed YAML with a position', () => {
    const r = readOptimizeInput('materials: [\n  {id: a', 'bad.yaml')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error[0]?.code).toBe('malformed_yaml')
    expect(r.error[0]?.line).toBeGreaterThan(0)
  })
})
