/**
 * Lock hand-off between processes. DuckDB lets one process hold a file; a process that finds it locked leaves a
 * marker `<db>.waiters/<pid>` while it waits and works. A long-running holder (the server) checks for live
 * markers after each use: it then closes the file at once and does not reopen it until the markers are gone.
 * A marker whose process has died is ignored and removed.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

function dirFor(dbPath: string): string {
  return `${dbPath}.waiters`
}

/** Leaves this process's marker; returns a function that removes it. */
export function announceWaiter(dbPath: string): () => void {
  if (dbPath === ':memory:') return () => undefined
  const dir = dirFor(dbPath)
  const file = join(dir, String(process.pid))
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, new Date().toISOString())
  } catch {
    return () => undefined // a read-only folder: no hand-off, plain retries still work
  }
  return () => {
    rmSync(file, { force: true })
    try {
      if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true })
    } catch {
      // another process removed it first
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** True when another live process is waiting for (or working on) the file. */
export function othersWaiting(dbPath: string): boolean {
  if (dbPath === ':memory:') return false
  let names: string[]
  try {
    names = readdirSync(dirFor(dbPath))
  } catch {
    return false
  }
  for (const name of names) {
    const pid = Number(name)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    if (alive(pid)) return true
    rmSync(join(dirFor(dbPath), name), { force: true })
  }
  return false
}
