/** Response shapes of the data routes (`/api/datasets`, `/api/events`). */

/** One dataset kind: current rows, revised rows kept, period covered, distinct sources, last vintage. */
export interface DatasetInfo {
  kind: string
  title: string
  rows: number
  revised_rows: number
  period_from: string | null
  period_to: string | null
  sources: number
  last_vintage: { id: number; file_name: string; imported_at: string; file_sha256: string } | null
}
export interface DatasetsResponse {
  schema_version: number
  datasets: DatasetInfo[]
}

/** A dated event from `data/events_timeline.csv`, with its provenance. */
export interface EventRow {
  date: string
  actor: string
  kind: string
  summary: string
  related_measure_id: string | null
  source_url: string
  vintage_id?: number
  line?: number | null
}
