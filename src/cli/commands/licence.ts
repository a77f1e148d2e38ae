/**
 * `chokepoint licence check FILE [--as-of DATE] [--explain]`: a determination per valid row (DESIGN.md,
 * "Licence determination"); invalid rows are listed on stderr and make the exit code 1.
 */
import type { Command } from 'commander'
import { NotFoundError } from '../../contracts/errors'
import type { Determination, LicenceBatchResult } from '../../contracts/licence'
import { toCsv } from '../../ingest/csv'
import { checkLicenceFile } from '../../services/controls'
import { outputFormat, readDb } from '../context'
import { renderTable } from '../output'

/** Some rows failed validation (exit code 1); the valid rows were determined and printed. */
export class RowsRejectedError extends NotFoundError {
  override readonly code = 'not_found'
}

function tableRow(d: Determination) {
  return {
    id: d.id,
    verdict: d.verdict,
    review: d.review,
    days: d.expected_review_working_days,
    measures: d.measures.map((m) => `${m.id}(${m.effect})`).join(' '),
    missing: d.missing_facts.join(' '),
    warnings: d.warnings.length,
  }
}

export function renderLicence(r: LicenceBatchResult, format: string, explain: boolean): string {
  if (format === 'json') return JSON.stringify(r.determinations, null, 2) + '\n'
  if (format === 'csv') {
    const header = [
      'id',
      'verdict',
      'review',
      'expected_review_working_days',
      'measures',
      'missing_facts',
      'warnings',
      'as_of',
      'rulebook_version',
    ]
    if (explain) header.push('rationale')
    return toCsv(
      header,
      r.determinations.map((d) => [
        d.id,
        d.verdict,
        d.review,
        d.expected_review_working_days,
        d.measures.map((m) => `${m.id}:${m.effect}`).join(';'),
        d.missing_facts.join(';'),
        d.warnings.join(' | '),
        d.as_of,
        d.rulebook_version,
        ...(explain ? [d.rationale.join(' | ')] : []),
      ])
    )
  }
  let out = `rulebook ${r.rulebook_version}${r.as_of ? `, as of ${r.as_of}` : ', each row as of its date'}\n\n`
  out += renderTable(r.determinations.map(tableRow))
  if (explain) {
    for (const d of r.determinations) {
      out += `\n${d.id}: ${d.verdict}${d.review ? ` (${d.review})` : ''} as of ${d.as_of}\n`
      for (const line of d.rationale) out += `  - ${line}\n`
      for (const w of d.warnings) out += `  ! ${w}\n`
    }
  }
  return out
}

export function registerLicence(program: Command): void {
  const licence = program.command('licence').description('Chinese export-licence determinations')
  licence
    .command('check <file>')
    .description(
      'determine every shipment of a CSV or JSON file (verdict, review, cited measures, rationale)'
    )
    .option('--as-of <date>', "evaluate every row as of this date (default: each row's own date)")
    .option('--explain', 'print the rationale and warnings of each row (table and CSV output)')
    .action(async (file: string, opts: { asOf?: string; explain?: boolean }, cmd: Command) => {
      const format = outputFormat(cmd)
      const r = await readDb(cmd, (db) => checkLicenceFile(db, file, opts.asOf))
      process.stdout.write(renderLicence(r, format, opts.explain === true))
      if (r.errors.length > 0) {
        for (const e of r.errors) process.stderr.write(`${e.message}\n`)
        throw new RowsRejectedError(
          `${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} in ${new Set(r.errors.map((e) => e.row)).size} invalid row(s) (listed above); the ${r.determinations.length} valid row(s) were determined`
        )
      }
    })
}
