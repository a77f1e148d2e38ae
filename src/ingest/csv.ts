/**
 * A strict RFC 4180 CSV reader that keeps positions, so every problem can name its line and column.
 * Accepts a UTF-8 BOM and CRLF line ends; rejects ragged rows, stray quotes and duplicated headers.
 */
import type { DomainIssue, Result } from '../core/shared/result'

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number
  fields: string[]
  /** 1-based column (character) where each field starts. */
  columns: number[]
  /** 1-based column just past the record's last character (where a missing field would start). */
  endColumn: number
}

export interface CsvTable {
  header: string[]
  records: CsvRecord[]
}

/** Parse `text` (the whole file) into a header and records; `file` is used in messages. */
export function parseCsv(text: string, file: string): Result<CsvTable> {
  const issues: DomainIssue[] = []
  const records: CsvRecord[] = []
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  let lineStart = i
  const n = text.length
  const issue = (l: number, c: number, message: string, expected: string, found: string): void => {
    issues.push({
      code: 'malformed_csv',
      message,
      path: [l],
      file,
      line: l,
      column: c,
      expected,
      found,
    })
  }

  while (i < n) {
    const recLine = line
    const fields: string[] = []
    const columns: number[] = []
    let endOfRecord = false
    let endColumn = 1
    while (!endOfRecord) {
      const col = i - lineStart + 1
      columns.push(col)
      if (text.charCodeAt(i) === 34 /* " */) {
        i++
        let value = ''
        let closed = false
        while (i < n) {
          const ch = text.charCodeAt(i)
          if (ch === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              value += '"'
              i += 2
              continue
            }
            i++
            closed = true
            break
          }
          if (ch === 10) {
            line++
            lineStart = i + 1
          }
          value += text[i]
          i++
        }
        if (!closed) {
          issue(recLine, col, 'unterminated quoted field', 'a closing double quote', 'end of file')
          return { ok: false, error: issues }
        }
        fields.push(value)
        const next = text.charCodeAt(i)
        if (i < n && next !== 44 && next !== 10 && next !== 13) {
          issue(
            line,
            i - lineStart + 1,
            'unexpected character after a closing quote',
            'a comma or the end of the line',
            JSON.stringify(text[i])
          )
          return { ok: false, error: issues }
        }
      } else {
        let j = i
        while (j < n) {
          const ch = text.charCodeAt(j)
          if (ch === 44 || ch === 10 || ch === 13) break
          if (ch === 34) {
            issue(
              line,
              j - lineStart + 1,
              'stray double quote inside an unquoted field',
              'the whole field quoted, with inner quotes doubled',
              '"'
            )
            return { ok: false, error: issues }
          }
          j++
        }
        fields.push(text.slice(i, j))
        i = j
      }
      const ch = text.charCodeAt(i)
      endColumn = i - lineStart + 1
      if (ch === 44) {
        i++
      } else {
        if (ch === 13) i++
        if (text.charCodeAt(i) === 10) i++
        endOfRecord = true
        line++
        lineStart = i
      }
      if (i >= n && ch === 44) {
        columns.push(i - lineStart + 1)
        fields.push('')
        endOfRecord = true
      }
    }
    // Skip blank lines entirely (a lone empty field).
    if (fields.length === 1 && fields[0] === '') continue
    records.push({ line: recLine, fields, columns, endColumn })
  }

  const first = records.shift()
  if (!first) {
    issues.push({
      code: 'empty_file',
      message: 'the file is empty',
      path: [],
      file,
      line: 1,
      column: 1,
      expected: 'a header row',
      found: 'nothing',
    })
    return { ok: false, error: issues }
  }
  const header = first.fields.map((h) => h.trim())
  const seen = new Map<string, number>()
  header.forEach((h, k) => {
    const prev = seen.get(h)
    if (prev !== undefined) {
      issue(first.line, first.columns[k] ?? 1, `duplicated header "${h}"`, 'unique column names', h)
    }
    seen.set(h, k)
  })
  for (const r of records) {
    if (r.fields.length !== header.length) {
      issue(
        r.line,
        r.fields.length < header.length ? r.endColumn : (r.columns[header.length] ?? 1),
        `row has ${r.fields.length} fields, header has ${header.length}`,
        `${header.length} fields`,
        `${r.fields.length} fields`
      )
    }
  }
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: { header, records } }
}

/** Fails with one issue per missing required column. */
export function requireColumns(
  table: CsvTable,
  required: readonly string[],
  file: string
): Result<Record<string, number>> {
  const index: Record<string, number> = {}
  table.header.forEach((h, k) => (index[h] = k))
  const missing = required.filter((c) => index[c] === undefined)
  if (missing.length > 0) {
    return {
      ok: false,
      error: missing.map((c) => ({
        code: 'missing_column',
        message: `missing column "${c}"`,
        path: [c],
        file,
        line: 1,
        column: 1,
        field: c,
        expected: required.join(','),
        found: table.header.join(','),
      })),
    }
  }
  return { ok: true, value: index }
}

/** Serialise rows as CSV; cells that a spreadsheet would run as formulas are prefixed with '. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return ''
    let s = typeof v === 'object' ? JSON.stringify(v) : String(v)
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) s = `'${s}`
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n'
}
