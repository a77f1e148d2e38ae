/**
 * Shares one open Database among concurrent users in a long-running process (the server), and closes the file
 * when nobody has used it for `idleMs`, so a CLI in another process can open it between requests.
 */
import { Database, type OpenOptions } from './Database'
import { othersWaiting } from './waiters'

export class DatabaseGate {
  private db: Promise<Database> | undefined
  private users = 0
  private timer: NodeJS.Timeout | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly path: string,
    private readonly options: OpenOptions & { idleMs?: number } = {}
  ) {}

  /**
   * Runs `fn` with the shared database. Uses are serialised: DuckDB's one connection runs one statement at a
   * time, and an import's transaction must not interleave with readers on the same connection.
   */
  use<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.users++
      if (this.timer) clearTimeout(this.timer)
      this.timer = undefined
      try {
        if (!this.db) {
          await this.yieldToWaiters()
          this.db = Database.open(this.path, { ...this.options, announce: false })
          this.db.catch(() => (this.db = undefined))
        }
        return await fn(await this.db)
      } finally {
        this.users--
        if (this.users === 0) {
          if (othersWaiting(this.path)) await this.closeNow()
          else this.scheduleClose()
        }
      }
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Gives a waiting process (e.g. a CLI import) the file first, for up to the lock timeout. */
  private async yieldToWaiters(): Promise<void> {
    const limit = performance.now() + (this.options.lockTimeoutMs ?? 30_000)
    while (othersWaiting(this.path) && performance.now() < limit) {
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  private scheduleClose(): void {
    const idle = this.options.idleMs ?? 250
    this.timer = setTimeout(() => void this.closeNow(), idle)
    this.timer.unref()
  }

  private async closeNow(): Promise<void> {
    if (this.users > 0 || !this.db) return
    const db = this.db
    this.db = undefined
    ;(await db.catch(() => undefined))?.close()
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    await this.queue
    await this.closeNow()
  }
}
