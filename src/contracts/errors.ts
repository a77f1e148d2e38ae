/**
 * Errors that cross layers. The CLI maps them to exit codes and the server to HTTP statuses, each in one place.
 */
import { formatIssue, type DomainIssue } from '../core/shared/result'

/** The input (a file, a body, an option) was invalid: exit code 1, HTTP 400. */
export class InputError extends Error {
  readonly code: string = 'invalid_input'
  constructor(
    readonly issues: DomainIssue[],
    summary?: string
  ) {
    super(summary ?? issues.map(formatIssue).join('\n'))
  }
}

/** A named thing does not exist: exit code 1, HTTP 404. */
export class NotFoundError extends Error {
  readonly code = 'not_found'
}

/** The request is understood but refused (auth, limits): HTTP 401/403/429 as `status` says. */
export class RefusedError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}
