/** `chokepoint import <kind> FILE [--format csv|comtrade|json]`. */
import type { Command } from 'commander'
import { importFile } from '../../services/imports'
import { nowIso, outputFormat, writeDb } from '../context'
import { print } from '../output'

export function registerImport(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(
      'import a file as one transaction and one vintage (kinds: exports, controls, events, production, shares, projects, prices, floors, demand)'
    )
    .option(
      '--input-format <format>',
      'input format: csv (default), comtrade (UN Comtrade API JSON or bulk CSV), json'
    )
    .option(
      '--period-from <period>',
      'declared first period of the file (rows before it are rejected)'
    )
    .option('--period-to <period>', 'declared last period of the file (rows after it are rejected)')
    .action(
      async (
        kind: string,
        file: string,
        opts: { inputFormat?: string; periodFrom?: string; periodTo?: string },
        cmd: Command
      ) => {
        const summary = await writeDb(cmd, (db) =>
          importFile(
            db,
            kind,
            file,
            {
              ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
              ...(opts.periodFrom ? { periodFrom: opts.periodFrom } : {}),
              ...(opts.periodTo ? { periodTo: opts.periodTo } : {}),
            },
            nowIso()
          )
        )
        print(summary, { format: outputFormat(cmd) })
      }
    )
}
