/**
 * CSV export that is safe to open in a spreadsheet: text cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe; numbers stay numbers.
 */

export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell, neutralised and quoted as RFC 4180 needs. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  const text = FORMULA_START.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A header row and data rows as CSV text (CRLF line ends, as RFC 4180 says). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Offers `text` as a download named `fileName`. */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8'
): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  downloadUrl(fileName, url)
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function downloadUrl(fileName: string, url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** A file-name-safe slug: `World magnets, 2025` → `world-magnets-2025`. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export'
  )
}
