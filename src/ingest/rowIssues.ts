/** Small helpers to build located issues while validating tabular rows. */
import type { DomainIssue } from '../core/shared/result'
import type { CsvRecord } from './csv'

export class RowIssues {
  readonly issues: DomainIssue[] = []
  constructor(private readonly file: string) {}

  add(
    record: CsvRecord,
    columnIndex: number,
    field: string,
    code: string,
    expected: string,
    found: string,
    message?: string
  ): void {
    this.issues.push({
      code,
      message:
        message ??
        `${field}: expected ${expected}, found ${found === '' ? 'an empty value' : JSON.stringify(found)}`,
      path: [record.line, field],
      file: this.file,
      line: record.line,
      column: record.columns[columnIndex] ?? 1,
      field,
      expected,
      found,
    })
  }
}

const NUMBER_RE = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** Parses a plain decimal number (no thousands separators, no units); undefined when malformed. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim()
  if (!NUMBER_RE.test(t)) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}
