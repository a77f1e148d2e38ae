import { describe, expect, it } from 'vitest'
import { scenarioSchema, type ScenarioInput } from '../../contracts/scenario'
import { plainScenario } from './fixtures'
import { parseCapacity, resolveScenario, type ProjectFacts } from './resolveScenario'

const project = (over: Partial<ProjectFacts>): ProjectFacts => ({
  project: 'Plant',
  company: 'Co',
  country_iso3: 'EST',
  capacity: '2000',
  capacity_unit: 't/yr',
  status: 'planned',
  start_year: '2027',
  source_url: 'https://example.org/plant',
  line: 16,
  ...over,
})

function withProject(
  projects: ProjectFacts[],
  extra: Partial<ScenarioInput['suppliers'][number]> = {}
) {
  const base = plainScenario()
  const s = scenarioSchema.parse({
    ...base,
    suppliers: [
      ...base.suppliers,
      {
        id: 'alt',
        material: 'dy_magnet',
        country: 'EST',
        project: { name: 'Plant', share_of_capacity: 0.1 },
        lead_time_days: 7,
        unit_cost_usd_per_kg: 100,
        ...extra,
      },
    ],
  })
  return resolveScenario(s, { projects })
}

describe('links to stored data', () => {
  it('parses project capacities as the dataset writes them', () => {
    expect(parseCapacity('12000')).toEqual({ kind: 'exact', quantity: 12000 })
    expect(parseCapacity('850-1000')).toEqual({
      kind: 'range',
      quantity: { dist: 'uniform', min: 850, max: 1000 },
    })
    expect(parseCapacity('>500').kind).toBe('bound')
    expect(parseCapacity('').kind).toBe('missing')
    expect(parseCapacity(null).kind).toBe('missing')
  })

  it('says an undisclosed capacity is undisclosed, with file and line, and guesses nothing', () => {
    const r = withProject([project({ capacity: null })])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error[0]!.message).toContain('is not disclosed in projects_ex_china.csv line 16')
    expect(r.error[0]!.message).toContain('state capacity_t_per_day')
  })

  it('turns t/yr times the buyer share into t/day, and a start year into a day within that year', () => {
    const r = withProject([project({})])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const lane = r.value.lanes[1]!
    expect(lane.capacityScale).toBeCloseTo(1 / 365, 12)
    expect(lane.capacity.map((c) => c.quantity)).toEqual([2000, 0.1])
    expect(lane.availableFrom).toBe('2027-01-01')
    expect(lane.onlineDelays[0]!.quantity).toEqual({ dist: 'uniform', min: 0, max: 364 })
  })

  it('refuses units that are not t/yr and missing start years of unbuilt projects', () => {
    const unit = withProject([project({ capacity_unit: 'kg/yr' })])
    expect(!unit.ok && unit.error[0]!.code).toBe('capacity_unit')
    const start = withProject([project({ start_year: null })])
    expect(!start.ok && start.error[0]!.code).toBe('unknown_start')
    const operating = withProject([project({ start_year: null, status: 'operating' })])
    expect(operating.ok).toBe(true)
  })

  it('checks measure ids against the rulebook and starts at the effective date', () => {
    const s = scenarioSchema.parse({
      ...plainScenario(),
      disruptions: [
        {
          id: 'lic',
          measure: 'cn-mofcom-gac-2025-18',
          applies_to: { supplier_country: 'CHN' },
          effect: { type: 'ban' },
        },
      ],
    })
    const measures = [{ id: 'cn-mofcom-gac-2025-18', effective: '2025-04-04', status: 'in_force' }]
    const ok = resolveScenario(s, { measures })
    expect(ok.ok && ok.value.starts).toEqual(['2025-04-04'])
    const unknown = resolveScenario(s, {
      measures: [{ id: 'cn-mofcom-gac-2025-10', effective: '2025-02-04', status: 'in_force' }],
    })
    expect(!unknown.ok && unknown.error[0]!.message).toBe(
      'no measure "cn-mofcom-gac-2025-18" in the stored rulebook (did you mean cn-mofcom-gac-2025-10?)'
    )
  })
})
