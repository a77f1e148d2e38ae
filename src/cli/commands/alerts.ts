/** `chokepoint alerts list|add|remove|check`. */
import type { Command } from 'commander'
import {
  checkAlerts,
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
} from '../../services/alerts'
import { UsageError, nowIso, outputFormat, readDb, writeDb } from '../context'
import { print } from '../output'

export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alert rules on the monitored data, and checking them')

  alerts
    .command('list')
    .description('stored alert rules')
    .action(async (_o, cmd: Command) => {
      const rules = await readDb(cmd, listAlertRules)
      print(rules, { format: outputFormat(cmd) })
    })

  alerts
    .command('add')
    .description('add a rule: kinds throttling, drop, release_overdue, rule_status')
    .requiredOption('--name <name>', 'a name for the rule')
    .requiredOption('--kind <kind>', 'throttling | drop | release_overdue | rule_status')
    .option('--product <product>', 'product code (throttling, drop, release_overdue)')
    .option('--partner <iso3>', 'partner (throttling: only this one; drop: default WLD)')
    .option('--metric <metric>', 'drop: mom or yoy (default yoy)')
    .option('--threshold <fraction>', 'drop: fire at or below this change, e.g. -0.3')
    .option('--jurisdiction <code>', 'rule_status: only this jurisdiction, e.g. CN')
    .action(
      async (
        o: {
          name: string
          kind: string
          product?: string
          partner?: string
          metric?: string
          threshold?: string
          jurisdiction?: string
        },
        cmd: Command
      ) => {
        const threshold = o.threshold === undefined ? undefined : Number(o.threshold)
        if (threshold !== undefined && !Number.isFinite(threshold))
          throw new UsageError(`--threshold must be a number, not "${o.threshold}"`)
        const input = Object.fromEntries(
          Object.entries({ ...o, threshold }).filter(([, v]) => v !== undefined)
        )
        const rule = await writeDb(cmd, (db) => createAlertRule(db, input, nowIso()))
        print(rule, { format: outputFormat(cmd) })
      }
    )

  alerts
    .command('remove <id>')
    .description('remove a rule')
    .action(async (id: string, _o, cmd: Command) => {
      const n = Number(id)
      if (!Number.isInteger(n)) throw new UsageError(`rule id must be a whole number, not "${id}"`)
      await writeDb(cmd, (db) => deleteAlertRule(db, n))
      print({ removed: n }, { format: outputFormat(cmd) })
    })

  alerts
    .command('check')
    .description('evaluate every rule against the data as of a date (default today)')
    .option('--as-of <date>', 'YYYY-MM-DD')
    .action(async (o: { asOf?: string }, cmd: Command) => {
      const result = await readDb(cmd, (db) => checkAlerts(db, o.asOf ?? nowIso().slice(0, 10)))
      print(result, {
        format: outputFormat(cmd),
        heading: `${result.alerts.length} alert(s) from ${result.rules} rule(s) as of ${result.as_of}`,
        tableRows: result.alerts.map((a) => ({
          rule: a.rule_name,
          severity: a.severity,
          subject: a.subject,
          message: a.message,
        })),
      })
    })
}
