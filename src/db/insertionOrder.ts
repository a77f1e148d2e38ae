/** DuckDB's `preserve_insertion_order`, set for the length of one piece of work. */
import type { Database } from './Database'

/**
 * Runs `fn` with DuckDB's `preserve_insertion_order` set as asked, then restores it. Staging needs the order
 * (rowid = record); the later steps carry the record number in a column and run faster without it.
 */
export async function withInsertionOrder<T>(
  db: Database,
  preserve: boolean,
  fn: () => Promise<T>
): Promise<T> {
  const before = await db.one<{ v: boolean | string }>(
    "SELECT current_setting('preserve_insertion_order') AS v"
  )
  const was = before?.v === true || before?.v === 'true'
  if (was === preserve) return fn()
  await db.run(`SET preserve_insertion_order = ${preserve}`)
  try {
    return await fn()
  } finally {
    await db.run(`SET preserve_insertion_order = ${was}`)
  }
}
