/**
 * Expected failures are data: a domain operation returns `Result<T, DomainIssue[]>`.
 * Human text comes from `formatIssue`, never from the detector.
 */
export type Result<T, E = DomainIssue[]> = { ok: true; value: T } | { ok: false; error: E }

/** One problem with an input, located by `path` (and by file/line/column when it came from a file). */
export interface DomainIssue {
  /** Stable snake_case code, e.g. `invalid_number`, `unknown_partner`. */
  code: string
  /** Human-readable explanation naming what was expected and what was found. */
  message: string
  /** Path to the offending value inside the input (row index, field name ...). */
  path: (string | number)[]
  file?: string
  line?: number
  column?: number
  /** The field (column) name, where the input is tabular. */
  field?: string
  expected?: string
  found?: string
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value }
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error }
}

/** `file:line:column: message` — the one formatter for issues shown to people. */
export function formatIssue(issue: DomainIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((x) => x !== undefined).join(':')
  const field = issue.field !== undefined ? ` (field ${issue.field})` : ''
  return `${where ? `${where}: ` : ''}${issue.message}${field}`
}

/** Throws for broken invariants (bugs), never for bad input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`)
}

export function exhaustiveSwitchError(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`)
}
