/** `chokepoint db init|info|vintages`. */
import type { Command } from 'commander'
import { listVintages } from '../../db/datasets'
import { databaseInfo, initDatabase } from '../../services/database'
import { nowIso, outputFormat, readDb, writeDb } from '../context'
import { print } from '../output'

export function registerDb(program: Command): void {
  const db = program.command('db').description('create, migrate and inspect the database')
  db.command('init')
    .description(
      'create the database, migrate it and import the shipped datasets (running it again changes nothing)'
    )
    .action(async (_opts, cmd: Command) => {
      const summaries = await writeDb(cmd, (d) => initDatabase(d, nowIso()))
      print(summaries, {
        format: outputFormat(cmd),
        columns: [
          'kind',
          'file_name',
          'status',
          'vintage_id',
          'rows_read',
          'rows_inserted',
          'rows_revised',
          'rows_unchanged',
        ],
      })
    })
  db.command('info')
    .description('what is loaded: rows, period covered, sources and last vintage per dataset')
    .action(async (_opts, cmd: Command) => {
      const info = await readDb(cmd, databaseInfo)
      print(info, {
        format: outputFormat(cmd),
        heading: `schema version ${info.schema_version}`,
        tableRows: info.datasets.map((d) => ({
          kind: d.kind,
          rows: d.rows,
          revised: d.revised_rows,
          from: d.period_from,
          to: d.period_to,
          sources: d.sources,
          vintage: d.last_vintage
            ? `#${d.last_vintage.id} ${d.last_vintage.file_name} ${d.last_vintage.imported_at}`
            : 'not loaded',
        })),
      })
    })
  db.command('vintages')
    .description('every import: file, hash, time and row counts')
    .option('--kind <kind>', 'only this dataset kind')
    .action(async (opts: { kind?: string }, cmd: Command) => {
      const rows = await readDb(cmd, (d) => listVintages(d, opts.kind))
      print(rows, { format: outputFormat(cmd) })
    })
}
