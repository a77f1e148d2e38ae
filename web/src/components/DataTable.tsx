/**
 * The one table: a caption, sortable columns (keyboard operable, aria-sort), units in headers, long tables
 * folded, and a CSV export of every row (formula cells neutralised).
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { downloadText, slug, toCsv, type CsvCell } from '../lib/csv'
import { sortRows } from '../lib/sortRows'

export interface Column<R> {
  key: string
  label: string
  /** Unit shown in the header and the CSV column name: `t`, `USD`, `%`. */
  unit?: string
  /** The raw value used for sorting and the CSV export. */
  value: (r: R) => CsvCell
  /** The cell as shown; defaults to the raw value. */
  render?: (r: R) => ReactNode
  numeric?: boolean
  sortable?: boolean
}

export interface DataTableProps<R> {
  caption: string
  columns: Column<R>[]
  rows: readonly R[]
  rowKey: (r: R, index: number) => string
  /** Rows shown before "show all". */
  fold?: number
  initialSort?: { key: string; direction: 'asc' | 'desc' }
  rowClass?: (r: R) => string | undefined
  /** Shown when there are no rows. */
  empty?: ReactNode
  testId?: string
}

export function DataTable<R>(props: DataTableProps<R>) {
  const [sort, setSort] = useState(props.initialSort ?? null)
  const [all, setAll] = useState(false)
  // A printed report shows every row.
  useEffect(() => {
    const show = (): void => setAll(true)
    window.addEventListener('beforeprint', show)
    return () => window.removeEventListener('beforeprint', show)
  }, [])
  const sorted = useMemo(() => {
    if (!sort) return [...props.rows]
    const col = props.columns.find((c) => c.key === sort.key)
    return col ? sortRows(props.rows, col.value, sort.direction) : [...props.rows]
  }, [props.rows, props.columns, sort])
  const fold = props.fold ?? 50
  const shown = all ? sorted : sorted.slice(0, fold)

  function exportCsv(): void {
    const header = props.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))
    const body = sorted.map((r) => props.columns.map((c) => c.value(r)))
    downloadText(`${slug(props.caption)}.csv`, toCsv(header, body))
  }

  function toggle(key: string): void {
    setSort((s) =>
      s && s.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' }
    )
  }

  return (
    <div className="table-block" data-testid={props.testId}>
      <div className="table-tools no-print">
        <span className="muted">
          {props.rows.length} row{props.rows.length === 1 ? '' : 's'}
        </span>
        <button
          type="button"
          className="button-quiet"
          onClick={exportCsv}
          disabled={props.rows.length === 0}
        >
          Download CSV<span className="visually-hidden"> of {props.caption}</span>
        </button>
      </div>
      <div className="table-scroll">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((c) => {
                const active = sort?.key === c.key
                const ariaSort = active
                  ? sort.direction === 'asc'
                    ? 'ascending'
                    : 'descending'
                  : 'none'
                const label = c.unit ? `${c.label} (${c.unit})` : c.label
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={ariaSort}
                    className={c.numeric ? 'num' : undefined}
                  >
                    {c.sortable === false ? (
                      label
                    ) : (
                      <button type="button" className="sort" onClick={() => toggle(c.key)}>
                        {label}
                        <span aria-hidden="true" className="sort-mark">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={props.columns.length} className="muted">
                  {props.empty ?? 'No rows.'}
                </td>
              </tr>
            ) : (
              shown.map((r, i) => (
                <tr key={props.rowKey(r, i)} className={props.rowClass?.(r)}>
                  {props.columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {c.render ? c.render(r) : String(c.value(r) ?? '—')}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {sorted.length > fold ? (
        <button type="button" className="button-quiet no-print" onClick={() => setAll((a) => !a)}>
          {all ? `Show the first ${fold}` : `Show all ${sorted.length} rows`}
        </button>
      ) : null}
    </div>
  )
}
