/** Renders command results as a table, JSON or CSV (DESIGN.md: `--format table|json|csv`). */
import { toCsv } from '../ingest/csv'
import type { OutputFormat } from '../contracts/common'

export function defaultFormat(): OutputFormat {
  return process.stdout.isTTY ? 'table' : 'json'
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A plain text table with aligned columns; numbers right-aligned. */
export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[]
): string {
  if (rows.length === 0) return '(no rows)\n'
  const cols = columns ?? Object.keys(rows[0] ?? {})
  const cells = rows.map((r) => cols.map((c) => cellText(r[c])))
  const widths = cols.map((c, k) =>
    Math.max(c.length, ...cells.map((row) => (row[k] ?? '').length))
  )
  const numeric = cols.map((c) =>
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number')
  )
  const line = (vals: string[]): string =>
    vals
      .map((v, k) => (numeric[k] ? v.padStart(widths[k] ?? 0) : v.padEnd(widths[k] ?? 0)))
      .join('  ')
      .trimEnd()
  return (
    [line([...cols]), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n'
  )
}

export interface PrintOptions {
  format: OutputFormat
  /** Columns for table/CSV output of row lists (JSON always prints everything). */
  columns?: readonly string[]
  /** For table output of an object result: the rows to tabulate and a heading printed above them. */
  tableRows?: readonly Record<string, unknown>[]
  heading?: string
}

export function render(result: unknown, options: PrintOptions): string {
  if (options.format === 'json') return JSON.stringify(result, null, 2) + '\n'
  const rows =
    options.tableRows ??
    (Array.isArray(result)
      ? (result as Record<string, unknown>[])
      : [result as Record<string, unknown>])
  if (options.format === 'csv') {
    const cols = options.columns ?? Object.keys(rows[0] ?? {})
    return toCsv(
      cols,
      rows.map((r) => cols.map((c) => r[c]))
    )
  }
  return (options.heading ? `${options.heading}\n\n` : '') + renderTable(rows, options.columns)
}

export function print(result: unknown, options: PrintOptions): void {
  process.stdout.write(render(result, options))
}
