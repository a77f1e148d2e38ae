import { describe, expect, it } from 'vitest'
import { scenarioSchema, type ScenarioInput } from '../../contracts/scenario'
import { plainScenario } from './fixtures'
import { prepareScenario } from './prepareScenario'

function problems(input: ScenarioInput) {
  const parsed = scenarioSchema.safeParse(input)
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  const r = prepareScenario(parsed.data)
  return r.ok ? [] : r.error.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

const base = plainScenario()
const supplier = base.suppliers[0]!

describe('scenario checks before any run', () => {
  it('accepts the plain scenario', () => {
    expect(problems(base)).toEqual([])
  })

  it('rejects a negative capacity', () => {
    expect(problems({ ...base, suppliers: [{ ...supplier, capacity_t_per_day: -1 }] }))
      .toMatchInlineSnapshot(`
        [
          {
            "message": "capacity_t_per_day must be 0 or more; found -1",
            "path": "suppliers.0.capacity_t_per_day",
          },
        ]
      `)
  })

  it('rejects a probability outside 0..1, also as a distribution', () => {
    const licence = (approval: unknown) =>
      problems({
        ...base,
        disruptions: [
          {
            id: 'l',
            start: '2025-04-04',
            applies_to: { supplier_country: 'CHN' },
            effect: {
              type: 'licence',
              approval_probability: approval as number,
              delay_working_days: 45,
            },
          },
        ],
      })
    expect(licence(1.2)[0]!.message).toBe('approval_probability must be from 0 to 1; found 1.2')
    expect(licence({ dist: 'uniform', min: 0.5, max: 1.5 })[0]!.message).toBe(
      'approval_probability must be from 0 to 1; found a uniform distribution reaching 1.5'
    )
    expect(licence({ dist: 'lognormal', median: 0.5, p90: 0.6 })[0]!.message).toContain(
      'bound it with min/max'
    )
  })

  it('rejects a p90 below the median', () => {
    expect(
      problems({
        ...base,
        suppliers: [{ ...supplier, lead_time_days: { dist: 'lognormal', median: 45, p90: 30 } }],
      })
    ).toEqual([
      { path: 'suppliers.0.lead_time_days.p90', message: 'p90 (30) is below the median (45)' },
    ])
  })

  it('rejects a material nobody supplies and a supplier of a material nobody demands', () => {
    expect(
      problems({
        ...base,
        materials: [...base.materials, { id: 'tb_oxide', demand_t_per_day: 0.1 }],
        suppliers: [supplier, { ...supplier, id: 'x', material: 'sm_co' }],
      })
    ).toEqual([
      {
        path: 'suppliers.1.material',
        message: 'supplier "x" supplies material "sm_co", which no entry of materials demands',
      },
      { path: 'materials.1.id', message: 'material "tb_oxide" has no supplier' },
    ])
  })

  it('rejects a material without demand, duplicate ids and dangling references', () => {
    const found = problems({
      ...base,
      materials: [{ id: 'dy_magnet', demand_t_per_day: 0 }],
      suppliers: [supplier, supplier],
      disruptions: [
        {
          id: 'ban',
          start: 0,
          applies_to: { suppliers: ['nobody'] },
          effect: { type: 'ban' },
        },
      ],
    }).map((p) => p.message)
    expect(found).toEqual([
      'suppliers id "cn_magnets" is used twice (also at suppliers[0])',
      'material "dy_magnet" has no demand',
      'no supplier "nobody"',
      'disruption "ban" applies to no supplier (check supplier_country, suppliers and materials)',
    ])
  })

  it('rejects (s, S) with s not below S, and min above max', () => {
    expect(
      problems({
        ...base,
        materials: [
          { id: 'dy_magnet', demand_t_per_day: 1, policy: { type: 's_S', s_t: 50, S_t: 40 } },
        ],
      })[0]!.message
    ).toBe('s_t must stay below S_t in every run (s up to 50, S from 40)')
    expect(
      problems({
        ...base,
        suppliers: [{ ...supplier, lead_time_days: { dist: 'uniform', min: 9, max: 3 } }],
      })[0]!.message
    ).toBe('max (3) is below min (9)')
  })
})
