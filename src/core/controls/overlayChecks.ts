/**
 * Cross-checks of operative conditions against the measures they describe: the measure exists, every cited
 * source_url is one of the measure's own sources, item indexes are in range, referenced measures exist.
 */
import type { DomainIssue } from '../shared/result'
import type { Measure, Operative, OverlayEntry } from '../../contracts/rulebook'

function issue(
  path: (string | number)[],
  message: string,
  expected: string,
  found: string
): DomainIssue {
  return { code: 'invalid_operative', message, path, expected, found }
}

/** Problems of one operative block for measure `m` (path prefix `at`). */
export function operativeIssues(
  m: Measure,
  op: Operative,
  known: ReadonlySet<string>,
  at: (string | number)[],
  entrySource?: string
): DomainIssue[] {
  const out: DomainIssue[] = []
  const urls = new Set(m.sources.map((s) => s.url))
  const cite = (url: string | undefined, path: (string | number)[]) => {
    if (url !== undefined && !urls.has(url)) {
      out.push(
        issue(
          [...at, ...path],
          `measure ${m.id}: ${path.join('.')} cites ${url}, which is not among the measure's sources`,
          `one of ${[...urls].join(', ')}`,
          url
        )
      )
    }
  }
  cite(entrySource, ['source_url'])
  const nItems = m.items.length
  const nAll = nItems + op.extra_items.length
  op.items.forEach((s, k) => {
    if (s.item >= nItems) {
      out.push(
        issue(
          [...at, 'items', k, 'item'],
          `measure ${m.id}: item override ${k} refers to item ${s.item}, but the measure has ${nItems} items`,
          `an index below ${nItems}`,
          String(s.item)
        )
      )
    }
    cite(s.source_url, ['items', k, 'source_url'])
  })
  op.extra_items.forEach((s, k) => cite(s.source_url, ['extra_items', k, 'source_url']))
  op.rules.forEach((r, k) => {
    cite(r.source_url, ['rules', k, 'source_url'])
    if (Array.isArray(r.items)) {
      for (const i of r.items) {
        if (i >= nAll) {
          out.push(
            issue(
              [...at, 'rules', k, 'items'],
              `measure ${m.id}: rule ${r.id} refers to item ${i}, but there are ${nAll} items (measure items, then extra items)`,
              `indexes below ${nAll}`,
              String(i)
            )
          )
        }
      }
    }
  })
  op.suspends.forEach((s, k) => {
    cite(s.source_url, ['suspends', k, 'source_url'])
    if (!known.has(s.measure_id)) {
      out.push(
        issue(
          [...at, 'suspends', k, 'measure_id'],
          `measure ${m.id}: suspends unknown measure ${s.measure_id}`,
          'the id of a measure in the rulebook',
          s.measure_id
        )
      )
    }
    if (s.from > s.until) {
      out.push(
        issue(
          [...at, 'suspends', k, 'until'],
          `measure ${m.id}: suspension of ${s.measure_id} ends before it starts`,
          `a date on or after ${s.from}`,
          s.until
        )
      )
    }
  })
  if (op.continued_by) {
    cite(op.continued_by.source_url, ['continued_by', 'source_url'])
    if (!known.has(op.continued_by.measure_id)) {
      out.push(
        issue(
          [...at, 'continued_by', 'measure_id'],
          `measure ${m.id}: continued_by names unknown measure ${op.continued_by.measure_id}`,
          'the id of a measure in the rulebook',
          op.continued_by.measure_id
        )
      )
    }
  }
  op.entity_list?.entities.forEach((e, k) =>
    cite(e.source_url, ['entity_list', 'entities', k, 'source_url'])
  )
  return out
}

/** Problems of an overlay against a rulebook: unknown measures, duplicate entries, sources not cited by the measure. */
export function overlayIssues(
  measures: readonly Measure[],
  entries: readonly OverlayEntry[]
): DomainIssue[] {
  const byId = new Map(measures.map((m) => [m.id, m]))
  const known = new Set(byId.keys())
  const seen = new Set<string>()
  const out: DomainIssue[] = []
  entries.forEach((e, k) => {
    const m = byId.get(e.measure_id)
    if (!m) {
      out.push(
        issue(
          ['entries', k, 'measure_id'],
          `overlay entry ${k}: no measure ${e.measure_id} in the rulebook`,
          'the id of a measure in the rulebook',
          e.measure_id
        )
      )
      return
    }
    if (seen.has(e.measure_id)) {
      out.push(
        issue(
          ['entries', k, 'measure_id'],
          `overlay entry ${k}: measure ${e.measure_id} has a second entry`,
          'one entry per measure',
          e.measure_id
        )
      )
    }
    seen.add(e.measure_id)
    out.push(...operativeIssues(m, e.operative, known, ['entries', k, 'operative'], e.source_url))
  })
  return out
}
