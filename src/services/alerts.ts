/** Alert rules: validate, store, and check them against the data in the database as of a date. */
import {
  alertRuleInputSchema,
  type AlertRule,
  type AlertRuleInput,
  type FiredAlert,
} from '../contracts/alerts'
import { InputError, NotFoundError } from '../contracts/errors'
import type { SeriesPoint, ThrottlingRow } from '../contracts/trade'
import { evaluateAlerts, type AlertFacts } from '../core/alerts/evaluate'
import { isIsoDate } from '../core/shared/months'
import type { Database } from '../db/Database'
import { addAlertRule, listAlertRules, removeAlertRule } from '../db/alerts'
import { staleFindings } from '../core/controls'
import { loadRulebook } from './controls'
import { tradeSeries, tradeThrottling } from './trade'

export function parseAlertRule(input: unknown): AlertRuleInput {
  const r = alertRuleInputSchema.safeParse(input)
  if (r.success) return r.data
  throw new InputError(
    r.error.issues.map((i) => ({
      code: 'invalid_alert_rule',
      message: `${i.path.join('.') || 'rule'}: ${i.message}`,
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    }))
  )
}

export { listAlertRules }

export async function createAlertRule(
  db: Database,
  input: unknown,
  now: string
): Promise<AlertRule> {
  return addAlertRule(db, parseAlertRule(input), now)
}

export async function deleteAlertRule(db: Database, id: number): Promise<void> {
  if (!(await removeAlertRule(db, id))) throw new NotFoundError(`no alert rule ${id}`)
}

/** Rulebook findings as of `asOf` (lapsed suspensions, low confidence, old sources), with each jurisdiction. */
async function staleFacts(db: Database, asOf: string): Promise<AlertFacts['staleRules']> {
  const rulebook = await loadRulebook(db)
  const jurisdiction = new Map(
    rulebook.measures.map((cm) => [cm.measure.id, cm.measure.jurisdiction])
  )
  return staleFindings(rulebook, asOf).map((f) => ({
    id: f.measure_id,
    jurisdiction: jurisdiction.get(f.measure_id) ?? '',
    reason: f.reason,
    detail: `${f.instrument}: ${f.detail}`,
  }))
}

/** Every rule's fired alerts as of `asOf` (YYYY-MM-DD). */
export async function checkAlerts(
  db: Database,
  asOf: string,
  rules?: AlertRule[]
): Promise<{ as_of: string; rules: number; alerts: FiredAlert[] }> {
  if (!isIsoDate(asOf)) {
    throw new InputError([
      {
        code: 'invalid_date',
        message: `as-of must be YYYY-MM-DD, found "${asOf}"`,
        path: ['as_of'],
      },
    ])
  }
  const list = rules ?? (await listAlertRules(db))
  const series = new Map<string, SeriesPoint[]>()
  const throttling = new Map<string, ThrottlingRow[]>()
  const asOfMonth = asOf.slice(0, 7)
  for (const rule of list) {
    if (rule.kind === 'drop' || rule.kind === 'release_overdue') {
      const partner = rule.kind === 'drop' ? rule.partner : 'WLD'
      const key = `${rule.product}|${partner}`
      if (!series.has(key)) {
        const s = await tradeSeries(db, { product: rule.product, partner })
        series.set(
          key,
          s.filter((p) => p.period < asOfMonth)
        )
      }
    }
    if (rule.kind === 'throttling' && !throttling.has(rule.product)) {
      const world = await tradeSeries(db, { product: rule.product, partner: 'WLD' })
      const last = [...world].reverse().find((p) => p.quantity_t !== null && p.period < asOfMonth)
      const rows = last
        ? (await tradeThrottling(db, { product: rule.product, month: last.period })).rows
        : []
      throttling.set(rule.product, rows)
    }
  }
  const stale = list.some((r) => r.kind === 'rule_status') ? await staleFacts(db, asOf) : []
  return {
    as_of: asOf,
    rules: list.length,
    alerts: evaluateAlerts(list, { asOf, series, throttling, staleRules: stale }),
  }
}
