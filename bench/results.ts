/** Writes benchmark result rows to bench/results/<name>.json and prints them as a table. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface BenchRow {
  name: string
  metric: string
  value: number
  peer: string | null
  peer_value: number | null
  /** value / peer_value, oriented so that > 1 means we are better (say which in `metric`). */
  ratio: number | null
}

export function writeResults(bench: string, rows: BenchRow[]): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${bench}.json`), JSON.stringify(rows, null, 2) + '\n')
  const fmt = (v: number | null): string =>
    v === null
      ? ''
      : Math.abs(v) >= 100
        ? v.toFixed(0)
        : Math.abs(v) >= 1
          ? v.toFixed(2)
          : v.toPrecision(3)
  const table = rows.map((r) => [
    r.name,
    r.metric,
    fmt(r.value),
    r.peer ?? '',
    fmt(r.peer_value),
    r.ratio === null ? '' : `${fmt(r.ratio)}x`,
  ])
  const head = ['name', 'metric', 'value', 'peer', 'peer_value', 'ratio']
  const widths = head.map((h, k) => Math.max(h.length, ...table.map((t) => (t[k] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k] ?? 0)).join('  ')
  process.stdout.write([line(head), ...table.map(line)].join('\n') + '\n')
}

/** Peak resident memory so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024
}
