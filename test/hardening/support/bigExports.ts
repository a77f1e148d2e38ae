/**
 * Synthetic China-customs exports files for load and fault tests. Every row is marked synthetic and cites
 * example.org, so nothing here can pass for a real figure; quantities are a counter, not data.
 */
import { writeFileSync } from 'node:fs'
import { TRADE_COLUMNS } from '../../../src/ingest/tradeCsv'

const PARTNERS = ['JPN', 'KOR', 'USA', 'DEU', 'VNM', 'IND', 'THA', 'MEX', 'POL', 'ITA']

/** `rows` valid, distinct rows (unique source_url per row); `tag` keeps files of different calls distinct. */
export function syntheticExportsCsv(rows: number, tag = 'a'): string {
  const lines = [TRADE_COLUMNS.join(',')]
  for (let i = 0; i < rows; i++) {
    const year = 2000 + Math.floor((i % 300) / 12)
    const month = String((i % 12) + 1).padStart(2, '0')
    lines.push(
      `${year}-${month},magnets,${PARTNERS[i % PARTNERS.length]},${(i % 997) + 1},,stated,` +
        `https://example.org/synthetic/${tag}/${i},,synthetic test row ${i}`
    )
  }
  return lines.join('\n') + '\n'
}

export function writeSyntheticExports(path: string, rows: number, tag = 'a'): string {
  writeFileSync(path, syntheticExportsCsv(rows, tag))
  return path
}
