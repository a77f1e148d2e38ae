/**
 * Checks a schema-valid scenario for what a schema cannot see: references between entries, impossible
 * combinations and empty roles (a material nobody supplies or demands). Every issue carries the path of the
 * offending value so the reader can point at its line.
 */
import { quantitySupport, type Quantity, type Scenario } from '../../contracts/scenario'
import { dayNumber } from '../shared/months'
import type { DomainIssue } from '../shared/result'

type Path = (string | number)[]

/** Lists every problem; an empty list means the scenario can be resolved and compiled. */
export function validateScenario(s: Scenario): DomainIssue[] {
  const issues: DomainIssue[] = []
  const add = (code: string, path: Path, message: string, expected?: string, found?: string) =>
    issues.push({
      code,
      path,
      message,
      field: String(path[path.length - 1] ?? ''),
      ...(expected === undefined ? {} : { expected }),
      ...(found === undefined ? {} : { found }),
    })

  const uniqueIds = (list: readonly { id: string }[], key: string) => {
    const seen = new Map<string, number>()
    list.forEach((e, i) => {
      const prev = seen.get(e.id)
      if (prev !== undefined)
        add(
          'duplicate_id',
          [key, i, 'id'],
          `${key} id "${e.id}" is used twice (also at ${key}[${prev}])`
        )
      seen.set(e.id, i)
    })
  }
  uniqueIds(s.materials, 'materials')
  uniqueIds(s.suppliers, 'suppliers')
  uniqueIds(s.disruptions, 'disruptions')

  const materialIds = new Set(s.materials.map((m) => m.id))
  const supplierIds = new Set(s.suppliers.map((x) => x.id))
  const start = dayNumber(s.start)

  s.suppliers.forEach((sup, i) => {
    if (!materialIds.has(sup.material))
      add(
        'unknown_material',
        ['suppliers', i, 'material'],
        `supplier "${sup.id}" supplies material "${sup.material}", which no entry of materials demands`,
        `one of ${[...materialIds].join(', ')}`,
        sup.material
      )
    if ((sup.capacity_t_per_day === undefined) === (sup.project === undefined))
      add(
        'capacity_source',
        ['suppliers', i, sup.project === undefined ? 'capacity_t_per_day' : 'project'],
        `supplier "${sup.id}": give exactly one of capacity_t_per_day or project`
      )
  })

  s.materials.forEach((m, i) => {
    if (!s.suppliers.some((x) => x.material === m.id))
      add('unsupplied_material', ['materials', i, 'id'], `material "${m.id}" has no supplier`)
    const hasDemand = m.demand_t_per_day !== undefined
    if (hasDemand === (m.demand_from_exposure !== undefined))
      add(
        'demand_source',
        ['materials', i, hasDemand ? 'demand_from_exposure' : 'demand_t_per_day'],
        `material "${m.id}": give exactly one of demand_t_per_day or demand_from_exposure`
      )
    const d = m.demand_t_per_day
    if (d !== undefined && typeof d === 'object' && 'series' in d) {
      let previous = -Infinity
      d.series.forEach((p, k) => {
        const day = typeof p.from === 'number' ? p.from : dayNumber(p.from) - start
        const path = ['materials', i, 'demand_t_per_day', 'series', k, 'from']
        if (k === 0 && day !== 0)
          add('series_start', path, `the first series point must start on day 0 (${s.start})`)
        if (day <= previous)
          add('series_order', path, 'series points must be in increasing order of date')
        if (day >= s.horizon_days)
          add('series_range', path, `series point is after the horizon (${s.horizon_days} days)`)
        previous = day
      })
      if (d.series.every((p) => p.t_per_day === 0))
        add('no_demand', ['materials', i, 'demand_t_per_day'], `material "${m.id}" has no demand`)
    } else if (d !== undefined && maxOf(d) === 0) {
      add('no_demand', ['materials', i, 'demand_t_per_day'], `material "${m.id}" has no demand`)
    }
    const p = m.policy
    if (p.type === 'base_stock' && p.level_t !== undefined && p.cover_days !== undefined)
      add('policy', ['materials', i, 'policy'], 'give level_t or cover_days, not both')
    if (p.type === 's_S' && !(maxOf(p.s_t) < minOf(p.S_t)))
      add(
        'policy',
        ['materials', i, 'policy', 's_t'],
        `s_t must stay below S_t in every run (s up to ${maxOf(p.s_t)}, S from ${minOf(p.S_t)})`
      )
    const sp = m.stockpile
    if (sp && (sp.release_below_cover_days === undefined) === (sp.release_below_t === undefined))
      add(
        'stockpile_trigger',
        ['materials', i, 'stockpile'],
        'give exactly one of release_below_cover_days or release_below_t'
      )
  })

  s.disruptions.forEach((d, i) => {
    const a = d.applies_to
    a.suppliers?.forEach((id, k) => {
      if (!supplierIds.has(id))
        add(
          'unknown_supplier',
          ['disruptions', i, 'applies_to', 'suppliers', k],
          `no supplier "${id}"`
        )
    })
    a.materials?.forEach((id, k) => {
      if (!materialIds.has(id))
        add(
          'unknown_material',
          ['disruptions', i, 'applies_to', 'materials', k],
          `no material "${id}"`
        )
    })
    if (disruptionLanes(s, i).length === 0)
      add(
        'no_lane',
        ['disruptions', i, 'applies_to'],
        `disruption "${d.id}" applies to no supplier (check supplier_country, suppliers and materials)`
      )
    if (d.start === undefined && d.measure === undefined)
      add(
        'missing_start',
        ['disruptions', i, 'start'],
        `disruption "${d.id}": give start (or a measure)`
      )
  })
  return issues
}

/** Supplier indexes a disruption applies to: every given criterion must match. */
export function disruptionLanes(s: Scenario, index: number): number[] {
  const a = s.disruptions[index]?.applies_to
  if (!a) return []
  const countries =
    a.supplier_country === undefined
      ? undefined
      : typeof a.supplier_country === 'string'
        ? [a.supplier_country]
        : a.supplier_country
  const out: number[] = []
  s.suppliers.forEach((sup, k) => {
    if (countries && !countries.includes(sup.country)) return
    if (a.suppliers && !a.suppliers.includes(sup.id)) return
    if (a.materials && !a.materials.includes(sup.material)) return
    out.push(k)
  })
  return out
}

function maxOf(q: Quantity): number {
  return quantitySupport(q)[1]
}

function minOf(q: Quantity): number {
  return quantitySupport(q)[0]
}
