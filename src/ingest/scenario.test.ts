import { describe, expect, it } from 'vitest'
import { formatIssue } from '../core/shared/result'
import { readScenarioText, readScenarioValue } from './scenario'

const good = `name: EU motor maker
start: 2025-04-04
horizon_days: 540
materials:
  - id: dy_magnet
    demand_t_per_day: 0.5
    inventory_t: 30
suppliers:
  - id: cn_magnets
    material: dy_magnet
    country: CHN
    capacity_t_per_day: 1.0
    lead_time_days: { dist: triangular, min: 30, mode: 45, max: 60 }
    unit_cost_usd_per_kg: 80
`

const errors = (text: string, file = 's.yaml') => {
  const r = readScenarioText(text, file)
  return r.ok ? [] : r.error.map(formatIssue)
}

describe('scenario reader', () => {
  it('reads YAML and JSON into the same scenario, with defaults filled', () => {
    const yaml = readScenarioText(good, 's.yaml')
    expect(yaml.ok).toBe(true)
    if (!yaml.ok) return
    const json = readScenarioText(JSON.stringify(yaml.value.scenario), 's.json')
    expect(json.ok && json.value.scenario).toEqual(yaml.value.scenario)
    expect(yaml.value.scenario.version).toBe(1)
    expect(yaml.value.scenario.materials[0]!.policy).toEqual({ type: 'base_stock', review_days: 1 })
    expect(yaml.value.scenario.disruptions).toEqual([])
  })

  it('names file, line, column and field of schema errors', () => {
    const bad = good
      .replace('capacity_t_per_day: 1.0', 'capacity_t_per_day: -1.0')
      .replace('inventory_t: 30', 'inventory_t: 30\n    colour: red')
      .replace('max: 60 }', 'max: 20 }')
    expect(errors(bad)).toEqual([
      's.yaml:8:5: materials[0].colour: unknown key "colour" (check its spelling; see the scenario reference in src/core/simulate/README.md) (field colour)',
      's.yaml:13:25: suppliers[0].capacity_t_per_day: capacity_t_per_day must be 0 or more; found -1 (field capacity_t_per_day)',
      's.yaml:14:65: suppliers[0].lead_time_days.max: max (20) is below min (30) (field max)',
    ])
  })

  it('explains a wrong type, a wrong distribution name and a missing key', () => {
    expect(errors(good.replace('demand_t_per_day: 0.5', 'demand_t_per_day: lots'))).toEqual([
      's.yaml:6:23: materials[0].demand_t_per_day: expected number or object (a number, or a distribution such as { dist: uniform, min, max }), found "lots" (field demand_t_per_day)',
    ])
    expect(errors(good.replace('dist: triangular', 'dist: weibull'))[0]).toBe(
      's.yaml:13:29: suppliers[0].lead_time_days.dist: expected one of constant, uniform, triangular, normal, lognormal, found "weibull" (field dist)'
    )
    expect(errors(good.replace('horizon_days: 540\n', ''))[0]).toBe(
      's.yaml:1:1: horizon_days: missing horizon_days (expected number) (field horizon_days)'
    )
  })

  it('reports YAML syntax errors with their position', () => {
    expect(errors('name: [unclosed\nstart: 2025-01-01\n')[0]).toMatch(
      /^s\.yaml:2:\d+: not valid YAML\/JSON/
    )
    expect(errors('name: a\nname: b\n')[0]).toMatch(
      /^s\.yaml:2:1: not valid YAML\/JSON: Map keys must be unique/
    )
  })

  it('reports dangling and exploding YAML aliases instead of throwing', () => {
    expect(errors('*a\n')[0]).toMatch(/^s\.yaml:1:1: not usable YAML/)
    const bomb = [
      'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n')
    expect(errors(bomb)[0]).toMatch(
      /aliases must refer to an anchor and may be expanded at most 100 times/
    )
  })

  it('refuses versions it cannot read', () => {
    expect(errors(`version: 2\n${good}`)).toEqual([
      's.yaml:1:10: version: scenario version 2 is not readable by this build (it reads versions 1 to 1) (field version)',
    ])
  })

  it('validates parsed objects too (API bodies), by path', () => {
    const r = readScenarioValue({ name: 'x' }, 'request body')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.map((i) => i.path.join('.'))).toEqual([
      'start',
      'horizon_days',
      'materials',
      'suppliers',
    ])
    expect(r.error[0]!.file).toBe('request body')
    expect(readScenarioValue([1, 2], 'request body').ok).toBe(false)
  })
})
