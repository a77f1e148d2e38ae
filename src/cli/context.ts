/** What every command gets: global options, the database opener, the clock and the output helpers. */
import type { Command } from 'commander'
import { OUTPUT_FORMATS, type OutputFormat } from '../contracts/common'
import { withDatabase, type Database } from '../db/Database'
import { storageProblem } from '../db/storageErrors'
import { defaultFormat } from './output'
import { InputError } from '../contracts/errors'
import { initDatabase } from '../services/database'

export interface GlobalOptions {
  db: string
  format?: string
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>()
}

export function outputFormat(cmd: Command): OutputFormat {
  const f = globalOptions(cmd).format
  if (f === undefined) return defaultFormat()
  if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${f}"`)
  }
  return f as OutputFormat
}

/**
 * Opens the command's database, runs `fn`, closes it. A database with nothing loaded yet (a fresh clone, no
 * `npm start` or `db init` so far) is first filled with the shipped datasets, with a note on stderr.
 */
export async function readDb<T>(cmd: Command, fn: (db: Database) => Promise<T>): Promise<T> {
  const path = globalOptions(cmd).db
  try {
    return await withDatabase(path, {}, async (db) => {
      const loaded = await db.one<{ n: number }>('SELECT count(*) AS n FROM vintages')
      if ((loaded?.n ?? 0) === 0) {
        process.stderr.write(
          `note: ${path} had no data: importing the shipped datasets (chokepoint db init)\n`
        )
        await initDatabase(db, nowIso())
      }
      return fn(db)
    })
  } catch (e) {
    // A database on read-only storage can still answer questions: open it read-only.
    if (storageProblem(e)?.code !== 'storage_read_only') throw e
    return withDatabase(path, { readOnly: true, announce: false }, fn)
  }
}

/** Opens the command's database for writing (migrating it first), runs `fn`, closes it. */
export function writeDb<T>(cmd: Command, fn: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(globalOptions(cmd).db, {}, fn)
}

/** The wall clock, read only at the edge. */
export function nowIso(): string {
  return new Date().toISOString()
}

/** A wrong command line: exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage'
}

/** Parses a required option value with a zod-like check, turning failure into exit code 2. */
export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing required option --${name}`)
  return value
}

export { InputError }
