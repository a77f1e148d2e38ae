/** Stored alert rules (user settings). */
import { alertRuleInputSchema, type AlertRule, type AlertRuleInput } from '../contracts/alerts'
import type { Database } from './Database'

export async function listAlertRules(db: Database): Promise<AlertRule[]> {
  const rows = await db.all<{
    id: number
    name: string
    kind: string
    params: string
    created_at: string
  }>(
    `SELECT id, name, kind, CAST(params AS VARCHAR) AS params,
       strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at FROM alert_rules ORDER BY id`
  )
  // Stored params are re-read through the schema, so rules saved before a field existed get its default.
  return rows.map((r) => ({
    ...alertRuleInputSchema.parse(JSON.parse(r.params)),
    id: r.id,
    created_at: r.created_at,
  }))
}

export async function addAlertRule(
  db: Database,
  rule: AlertRuleInput,
  createdAt: string
): Promise<AlertRule> {
  const row = await db.one<{ id: number }>(
    `INSERT INTO alert_rules (name, kind, params, created_at) VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP)) RETURNING id`,
    [rule.name, rule.kind, JSON.stringify(rule), createdAt]
  )
  return { ...rule, id: row?.id ?? 0, created_at: createdAt.slice(0, 19) + 'Z' }
}

/** Removes a rule; false when no rule had that id. */
export async function removeAlertRule(db: Database, id: number): Promise<boolean> {
  const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM alert_rules WHERE id = $1', [
    id,
  ])
  if (!row?.n) return false
  await db.run('DELETE FROM alert_rules WHERE id = $1', [id])
  return true
}
