/** Failures of the storage under a database, told apart from bugs (used by the server and the CLI). */

export interface StorageProblem {
  status: number
  code: string
  message: string
}

/**
 * Recognises failures of the storage under the database (full disk, read-only file or folder, no permission) in
 * DuckDB's or Node's error text, so they are answered as what they are rather than as internal errors.
 */
export function storageProblem(error: unknown): StorageProblem | undefined {
  const text = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  if (/No space left on device/i.test(text) || code === 'ENOSPC') {
    return {
      status: 507,
      code: 'storage_full',
      message:
        'the database could not be written: no space left on the device; the change was not saved (free space and retry)',
    }
  }
  if (
    /Read-only file system|Permission denied/i.test(text) ||
    code === 'EROFS' ||
    code === 'EACCES'
  ) {
    return {
      status: 503,
      code: 'storage_read_only',
      message:
        'the database file or its folder cannot be written (read-only file system or no permission); nothing was changed',
    }
  }
  if (/^(IO Error|TransactionContext Error: Failed to commit)/.test(text)) {
    return {
      status: 503,
      code: 'storage_error',
      message: 'the database file could not be read or written; nothing was changed',
    }
  }
  return undefined
}
