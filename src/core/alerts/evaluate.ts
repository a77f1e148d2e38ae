/**
 * Alert rules are data; each kind has one small evaluator in `EVALUATORS` (adding a kind fails to compile until it
 * has one). Evaluators read precomputed facts and return fired alerts; they never fetch anything.
 */
import type { AlertKind, AlertRule, FiredAlert } from '../../contracts/alerts'
import type { StaleFinding } from '../../contracts/rulebook'
import type { SeriesPoint, ThrottlingRow } from '../../contracts/trade'
import { expectedRelease, latestDueMonth } from '../trade/releases'

/** What the evaluators may look at, gathered by the caller for the rules at hand. */
export interface AlertFacts {
  asOf: string
  /** Monthly series by `${product}|${partner}`. */
  series: ReadonlyMap<string, readonly SeriesPoint[]>
  /** Throttling rows of each product's latest month with data, by product. */
  throttling: ReadonlyMap<string, readonly ThrottlingRow[]>
  /** Rulebook entries whose status needs attention (lapsed suspensions, low confidence, old sources). */
  staleRules: readonly { id: string; jurisdiction: string; reason: StaleReason; detail: string }[]
}

type StaleReason = StaleFinding['reason']

type Evaluator<K extends AlertKind> = (
  rule: Extract<AlertRule, { kind: K }>,
  facts: AlertFacts
) => FiredAlert[]

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

function fired(rule: AlertRule, f: Omit<FiredAlert, 'rule_id' | 'rule_name' | 'kind'>): FiredAlert {
  return { rule_id: rule.id, rule_name: rule.name, kind: rule.kind, ...f }
}

function lastWithData(points: readonly SeriesPoint[] | undefined): SeriesPoint | undefined {
  return points ? [...points].reverse().find((p) => p.quantity_t !== null) : undefined
}

export const EVALUATORS: { [K in AlertKind]: Evaluator<K> } = {
  throttling(rule, facts) {
    const rows = facts.throttling.get(rule.product) ?? []
    return rows
      .filter((r) => r.targeted && (rule.partner === undefined || r.partner === rule.partner))
      .map((r) =>
        fired(rule, {
          severity: 'critical',
          subject: `${rule.product} → ${r.partner}`,
          message:
            `${r.partner} received ${r.actual_t.toFixed(0)} t of ${rule.product} in ${r.month}, ` +
            `${r.expected_t === null ? '' : `against ${r.expected_t.toFixed(0)} t expected from its share of the world total `}` +
            `(score ${r.score?.toFixed(1) ?? 'n/a'}); flagged since ${r.since ?? r.month}`,
          period: r.month,
          evidence: [`/api/trade/throttling?product=${rule.product}&partner=${r.partner}`],
        })
      )
  },
  drop(rule, facts) {
    const p = lastWithData(facts.series.get(`${rule.product}|${rule.partner}`))
    const v = p?.[rule.metric]
    if (!p || v === null || v === undefined || v > rule.threshold) return []
    return [
      fired(rule, {
        severity: v <= rule.threshold * 2 ? 'critical' : 'warning',
        subject: `${rule.product} → ${rule.partner}`,
        message: `${rule.product} to ${rule.partner} in ${p.period}: ${p.quantity_t} t, ${rule.metric.toUpperCase()} ${pct(v)} (alert at ${pct(rule.threshold)})`,
        period: p.period,
        evidence: [
          `/api/trade/sources?product=${rule.product}&partner=${rule.partner}&period=${p.period}`,
        ],
      }),
    ]
  },
  release_overdue(rule, facts) {
    const due = latestDueMonth(facts.asOf, 'breakdown')
    const p = lastWithData(facts.series.get(`${rule.product}|WLD`))
    if (p && p.period >= due) return []
    return [
      fired(rule, {
        severity: 'warning',
        subject: `${rule.product} data`,
        message:
          `No ${rule.product} figure for ${due} in the database, though customs usually publish it around ` +
          `${expectedRelease(due, 'breakdown')}; the latest month held is ${p?.period ?? 'none'}. Import the release ` +
          `(chokepoint import exports FILE) — until then, answers end at ${p?.period ?? 'no data'}.`,
        period: due,
        evidence: ['/api/datasets'],
      }),
    ]
  },
  rule_status(rule, facts) {
    return facts.staleRules
      .filter((r) => rule.jurisdiction === undefined || r.jurisdiction === rule.jurisdiction)
      .filter((r) => rule.reasons.includes(r.reason))
      .map((r) =>
        fired(rule, {
          severity: r.reason === 'lapsed_suspension' ? 'critical' : 'warning',
          subject: r.id,
          message: r.detail,
          period: null,
          evidence: [`/api/rules/${r.id}`],
        })
      )
  },
}

/** Fired alerts of every rule, in rule order. */
export function evaluateAlerts(rules: readonly AlertRule[], facts: AlertFacts): FiredAlert[] {
  return rules.flatMap((rule) =>
    (EVALUATORS[rule.kind] as Evaluator<AlertKind>)(rule as never, facts)
  )
}
