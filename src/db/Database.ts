/**
 * The DuckDB adapter: the only module that touches `@duckdb/node-api`.
 * A Database is one open file (or `:memory:`) with one connection; lifetimes are explicit (`close`).
 * DuckDB lets one process hold a file at a time, so opening retries while another process holds the lock.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api'
import { migrate } from './migrations'
import { announceWaiter } from './waiters'

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>
export type Row = Record<string, unknown>

export interface OpenOptions {
  /** Open read-only (several readers may share a file; a writer excludes everyone). */
  readOnly?: boolean
  /** How long to keep retrying while another process holds the file. */
  lockTimeoutMs?: number
  /** Run pending schema migrations after opening (read-write only). Default true. */
  migrate?: boolean
  /** While the file is locked, leave a waiter marker so a long-running holder lets go (default true). */
  announce?: boolean
}

/** Raised when the file stays locked by another process for the whole timeout. */
export class DatabaseBusyError extends Error {
  readonly code = 'database_busy'
  constructor(path: string, waitedMs: number, cause: string) {
    super(
      `database ${path} is busy: another chokepoint process holds it (waited ${Math.round(waitedMs / 1000)} s). ` +
        `Stop that process or retry. DuckDB said: ${cause}`
    )
  }
}

function isLockError(e: unknown): boolean {
  return e instanceof Error && /Could not set lock|Conflicting lock/i.test(e.message)
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export class Database {
  private closed = false
  /** Removes this process's waiter marker (set when the file was locked at first). */
  private releaseMarker: () => void = () => undefined
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    const timeout = options.lockTimeoutMs ?? 30_000
    const started = performance.now()
    let delay = 10
    let releaseMarker: (() => void) | undefined
    for (;;) {
      try {
        const config: Record<string, string> = {}
        if (options.readOnly) config['access_mode'] = 'READ_ONLY'
        const instance = await DuckDBInstance.create(path, config)
        const connection = await instance.connect()
        const db = new Database(path, instance, connection)
        if (releaseMarker) db.releaseMarker = releaseMarker
        if (!options.readOnly && options.migrate !== false) {
          try {
            await migrate(db)
          } catch (e) {
            db.close()
            throw e
          }
        }
        return db
      } catch (e) {
        const waited = performance.now() - started
        if (isLockError(e) && !releaseMarker && options.announce !== false)
          releaseMarker = announceWaiter(path)
        if (!isLockError(e) || waited >= timeout) {
          releaseMarker?.()
          if (isLockError(e)) throw new DatabaseBusyError(path, waited, (e as Error).message)
          throw e
        }
        await sleep(delay + Math.floor((delay * ((waited * 7919) % 97)) / 97))
        delay = Math.min(delay * 2, 500)
      }
    }
  }

  /** Rows as plain objects; BIGINT values that fit are returned as numbers. */
  async all<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params)
    return reader.getRowObjectsJS().map((r) => normaliseRow(r) as unknown as T)
  }

  async one<T = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0]
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, params)
  }

  /** Runs `fn` inside BEGIN/COMMIT; any throw rolls the whole transaction back. */
  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION')
    try {
      const result = await fn(this)
      await this.run('COMMIT')
      return result
    } catch (e) {
      await this.run('ROLLBACK').catch(() => undefined)
      throw e
    }
  }

  /**
   * Appends rows to `table` through DuckDB's appender (fast bulk insert).
   * `types` names each column's type in table order; null/undefined append NULL.
   */
  async append(
    table: string,
    types: readonly ColumnType[],
    rows: Iterable<readonly (string | number | boolean | null | undefined)[]>
  ): Promise<number> {
    const appender = await this.connection.createAppender(table)
    let count = 0
    try {
      for (const row of rows) {
        for (let k = 0; k < types.length; k++) appendValue(appender, types[k]!, row[k])
        appender.endRow()
        count++
      }
      appender.flushSync()
    } finally {
      appender.closeSync()
    }
    return count
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.connection.closeSync()
    this.instance.closeSync()
    this.releaseMarker()
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>

export type ColumnType = 'varchar' | 'double' | 'integer' | 'boolean'

function appendValue(
  appender: Appender,
  type: ColumnType,
  v: string | number | boolean | null | undefined
): void {
  if (v === null || v === undefined) return appender.appendNull()
  switch (type) {
    case 'varchar':
      return appender.appendVarchar(String(v))
    case 'double':
      return appender.appendDouble(Number(v))
    case 'integer':
      return appender.appendInteger(Number(v))
    case 'boolean':
      return appender.appendBoolean(Boolean(v))
  }
}

function normaliseRow(row: Record<string, unknown>): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) {
    out[k] =
      typeof v === 'bigint' &&
      v <= BigInt(Number.MAX_SAFE_INTEGER) &&
      v >= -BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(v)
        : v
  }
  return out
}

/** Opens `path`, runs `fn`, and always closes, whatever `fn` does. */
export async function withDatabase<T>(
  path: string,
  options: OpenOptions,
  fn: (db: Database) => Promise<T>
): Promise<T> {
  const db = await Database.open(path, options)
  try {
    return await fn(db)
  } finally {
    db.close()
  }
}
