/** Fault helpers: small tmpfs mounts (full disk, read-only file system) and a database consistency probe. */
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { withDatabase } from '../../../src/db/Database'

/** Mounts a tmpfs of `sizeMb` at `dir`; returns a reason string when this machine does not allow it. */
export function mountTmpfs(dir: string, sizeMb: number): string | undefined {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'pipe',
    })
    return undefined
  } catch (e) {
    return `cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): ${(e as Error).message.split('\n')[0]}`
  }
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' })
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' })
  } catch {
    // already gone
  }
}

export interface DbState {
  vintages: number
  tradeRows: number
  /** Rows whose vintage does not exist: a half-applied import would leave some. */
  orphanRows: number
  /** Vintage id, rows_read and rows actually stored for each vintage of `fileName`. */
  imports: { id: number; rows_read: number; stored: number }[]
}

/** Opens the file (which must succeed) and reports what an interrupted import could have left behind. */
export async function dbState(dbPath: string, fileName: string): Promise<DbState> {
  return withDatabase(dbPath, { lockTimeoutMs: 60_000 }, async (db) => {
    const n = async (sql: string, params?: string[]) =>
      (await db.one<{ n: number }>(sql, params))?.n ?? -1
    const imports = await db.all<{ id: number; rows_read: number; stored: number }>(
      `SELECT v.id, v.rows_read, (SELECT count(*) FROM trade_observations t WHERE t.vintage_id = v.id) AS stored
       FROM vintages v WHERE v.file_name = $1 ORDER BY v.id`,
      [fileName]
    )
    return {
      vintages: await n('SELECT count(*) AS n FROM vintages'),
      tradeRows: await n('SELECT count(*) AS n FROM trade_observations'),
      orphanRows: await n(
        `SELECT count(*) AS n FROM trade_observations t
         WHERE NOT EXISTS (SELECT 1 FROM vintages v WHERE v.id = t.vintage_id)`
      ),
      imports,
    }
  })
}
