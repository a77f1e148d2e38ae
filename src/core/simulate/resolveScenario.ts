/**
 * Resolves a scenario's links to stored data, given as plain rows: disruption `measure` ids against the rulebook
 * (their effective date is the default start), and `project` suppliers against the ex-China projects dataset
 * (capacity and start year). A capacity the dataset leaves empty is reported, never guessed.
 */
import type { Quantity, Scenario } from '../../contracts/scenario'
import { dayNumber, isIsoDate } from '../shared/months'
import type { DomainIssue } from '../shared/result'

/** A rulebook measure as stored (dataset kind `controls`): only what the simulation reads. */
export interface MeasureFacts {
  id: string
  effective: string | null
  status: string | null
}

/** A row of `data/projects_ex_china.csv` (dataset kind `projects`) with its provenance. */
export interface ProjectFacts {
  project: string
  company: string | null
  country_iso3: string | null
  capacity: string | null
  capacity_unit: string | null
  status: string | null
  start_year: string | null
  source_url: string | null
  /** Line in the imported file. */
  line: number | null
}

/** How a supplier's lane gets its capacity and first shipping day. */
export interface LaneSource {
  /** Capacity t/day = scale x product of these quantities. */
  capacity: { label: string; quantity: Quantity }[]
  capacityScale: number
  /** First date the lane can ship before any delay, or null for "from the start". */
  availableFrom: string | null
  /** Extra delays (days) added to `availableFrom`. */
  onlineDelays: { label: string; quantity: Quantity }[]
}

export interface ResolvedScenario {
  scenario: Scenario
  /** Disruption starts: a date or a quantity of days after the start, one per disruption. */
  starts: (string | Quantity)[]
  lanes: LaneSource[]
  notes: string[]
  warnings: string[]
}

export interface ResolveContext {
  /** The stored rulebook's measures; undefined = no database (links are then not checked, and said so). */
  measures?: readonly MeasureFacts[] | undefined
  projects?: readonly ProjectFacts[] | undefined
  projectsFile?: string
  /** Demand (t/day) rolled up from each material's exposure file, by material index, with a note. */
  exposureDemand?: Readonly<Record<number, { tPerDay: number; note: string }>> | undefined
}

const DAYS_PER_YEAR = 365

/** Fills in what links provide; issues name the offending path. */
export function resolveScenario(
  s: Scenario,
  ctx: ResolveContext
): { ok: true; value: ResolvedScenario } | { ok: false; error: DomainIssue[] } {
  const issues: DomainIssue[] = []
  const notes: string[] = []
  const warnings: string[] = []
  const projectsFile = ctx.projectsFile ?? 'projects_ex_china.csv'
  const issue = (code: string, path: (string | number)[], message: string) =>
    issues.push({ code, path, message, field: String(path[path.length - 1]) })

  const starts = s.disruptions.map((d, i): string | Quantity => {
    if (d.measure === undefined) return d.start ?? 0
    if (!ctx.measures) {
      notes.push(`disruption ${d.id}: measure ${d.measure} not checked (no rulebook loaded)`)
      return d.start ?? 0
    }
    const m = ctx.measures.find((x) => x.id === d.measure)
    if (!m) {
      const wanted = d.measure
      const stem = wanted.slice(0, Math.max(wanted.lastIndexOf('-'), 1))
      const near = ctx.measures.map((x) => x.id).filter((id) => id.startsWith(stem))
      issue(
        'unknown_measure',
        ['disruptions', i, 'measure'],
        `no measure "${d.measure}" in the stored rulebook` +
          (near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : '')
      )
      return 0
    }
    if (d.start === undefined) {
      if (m.effective === null || !isIsoDate(m.effective)) {
        issue(
          'missing_start',
          ['disruptions', i, 'start'],
          `measure ${m.id} has no effective date in the rulebook: give start`
        )
        return 0
      }
      notes.push(`disruption ${d.id}: starts on ${m.effective}, the effective date of ${m.id}`)
      return m.effective
    }
    if (typeof d.start === 'string' && m.effective && d.start < m.effective)
      warnings.push(
        `disruption ${d.id} starts ${d.start}, before ${m.id} took effect (${m.effective})`
      )
    return d.start
  })

  const lanes = s.suppliers.map((sup, i): LaneSource => {
    const prefix = `suppliers.${sup.id}`
    const delays = sup.start_delay_days
      ? [{ label: `${prefix}.start_delay_days`, quantity: sup.start_delay_days }]
      : []
    if (sup.project === undefined) {
      return {
        capacity: [
          { label: `${prefix}.capacity_t_per_day`, quantity: sup.capacity_t_per_day ?? 0 },
        ],
        capacityScale: 1,
        availableFrom: sup.available_from ?? null,
        onlineDelays: delays,
      }
    }
    const ref = sup.project
    const fallback: LaneSource = {
      capacity: [],
      capacityScale: 0,
      availableFrom: null,
      onlineDelays: [],
    }
    const path = ['suppliers', i, 'project', 'name']
    if (!ctx.projects) {
      issue('no_projects', path, `project suppliers need the projects dataset (run db init)`)
      return fallback
    }
    const key = ref.name.trim().toLowerCase()
    const row = ctx.projects.find((p) => p.project.trim().toLowerCase() === key)
    if (!row) {
      const near = ctx.projects
        .filter((p) => p.project.toLowerCase().includes(key.split(/\s+/)[0] ?? key))
        .map((p) => `"${p.project}"`)
      issue(
        'unknown_project',
        path,
        `no project named "${ref.name}" in ${projectsFile}` +
          (near.length ? ` (similar: ${near.slice(0, 3).join(', ')})` : '')
      )
      return fallback
    }
    const where = `${projectsFile} line ${row.line ?? '?'} (${row.source_url ?? 'no source'})`
    const cap = parseCapacity(row.capacity)
    if (cap.kind === 'missing') {
      issue(
        'undisclosed_capacity',
        path,
        `the capacity of "${row.project}" is not disclosed in ${where}: it is not guessed; ` +
          'state capacity_t_per_day for this supplier instead'
      )
      return fallback
    }
    if (cap.kind === 'bound') {
      issue(
        'bounded_capacity',
        path,
        `the capacity of "${row.project}" is only a bound (${row.capacity}) in ${where}: state capacity_t_per_day instead`
      )
      return fallback
    }
    if (!/^t\s*\/\s*yr/i.test(row.capacity_unit ?? '')) {
      issue(
        'capacity_unit',
        path,
        `the capacity unit of "${row.project}" is "${row.capacity_unit ?? ''}" in ${where}; only t/yr converts to t/day`
      )
      return fallback
    }
    if (row.country_iso3 && row.country_iso3 !== sup.country)
      warnings.push(
        `supplier ${sup.id}: country ${sup.country} differs from the project's ${row.country_iso3}`
      )
    notes.push(
      `supplier ${sup.id}: capacity ${row.capacity} ${row.capacity_unit} from ${where}` +
        `${cap.kind === 'range' ? ' (sampled uniformly within the range)' : ''}, times share_of_capacity, / ${DAYS_PER_YEAR}`
    )
    let availableFrom = sup.available_from ?? null
    const onlineDelays = [...delays]
    if (availableFrom === null) {
      const year = row.start_year && /^\d{4}$/.test(row.start_year) ? Number(row.start_year) : null
      if (year !== null) {
        availableFrom = `${year}-01-01`
        const days = dayNumber(`${year + 1}-01-01`) - dayNumber(availableFrom)
        onlineDelays.push({
          label: `${prefix}.day_within_start_year`,
          quantity: { dist: 'uniform', min: 0, max: days - 1 },
        })
        notes.push(
          `supplier ${sup.id}: the dataset gives start year ${year} only; the start day is drawn uniformly within that year`
        )
      } else if (/^operating/i.test(row.status ?? '')) {
        notes.push(`supplier ${sup.id}: operating per ${where}; available from the scenario start`)
      } else {
        issue(
          'unknown_start',
          ['suppliers', i, 'available_from'],
          `"${row.project}" has no start year in ${where} (status: ${row.status ?? 'unknown'}): give available_from`
        )
      }
    }
    return {
      capacity: [
        { label: `${prefix}.project_capacity_t_per_year`, quantity: cap.quantity },
        { label: `${prefix}.project.share_of_capacity`, quantity: ref.share_of_capacity },
      ],
      capacityScale: 1 / DAYS_PER_YEAR,
      availableFrom,
      onlineDelays,
    }
  })

  const materials = s.materials.map((m, i) => {
    if (!m.demand_from_exposure) return m
    const rolled = ctx.exposureDemand?.[i]
    if (!rolled) {
      issue(
        'exposure_unavailable',
        ['materials', i, 'demand_from_exposure'],
        'demand_from_exposure needs the exposure file to be read (chokepoint simulate FILE); state demand_t_per_day instead'
      )
      return m
    }
    if (!(rolled.tPerDay > 0))
      issue(
        'no_demand',
        ['materials', i, 'demand_from_exposure', 'element'],
        `the exposure file holds no ${m.demand_from_exposure.element}: material "${m.id}" would have no demand`
      )
    notes.push(`material ${m.id}: ${rolled.note}`)
    return { ...m, demand_t_per_day: rolled.tPerDay }
  })

  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: { scenario: { ...s, materials }, starts, lanes, notes, warnings } }
}

type Capacity =
  { kind: 'missing' } | { kind: 'bound' } | { kind: 'exact' | 'range'; quantity: Quantity }

/** `12000` → exact; `850-1000` → uniform over the range; `>500` → a bound only; empty → missing. */
export function parseCapacity(text: string | null): Capacity {
  const s = (text ?? '').trim()
  if (s === '') return { kind: 'missing' }
  if (/^[<>]/.test(s)) return { kind: 'bound' }
  const range = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(s)
  if (range) {
    const lo = Number(range[1])
    const hi = Number(range[2])
    return { kind: 'range', quantity: { dist: 'uniform', min: lo, max: hi } }
  }
  const v = Number(s)
  if (!Number.isFinite(v) || v < 0) return { kind: 'missing' }
  return { kind: 'exact', quantity: v }
}
