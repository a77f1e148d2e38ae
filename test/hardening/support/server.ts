/** Helpers for the hardening tests: an initialised database file made once and copied, apps with captured logs. */
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withDatabase } from '../../../src/db/Database'
import { buildApp, type AppOptions } from '../../../src/server/app'
import { initDatabase } from '../../../src/services/database'

let template: string | undefined

/** A fresh copy of a database holding the shipped datasets (the first call builds the template). */
export async function initialisedDb(target: string): Promise<string> {
  if (!template || !existsSync(template)) {
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-template-'))
    template = join(dir, 'template.duckdb')
    await withDatabase(template, {}, (db) => initDatabase(db, '2026-11-28T00:00:00.000Z'))
  }
  copyFileSync(template, target)
  return target
}

/** Collects pino's JSON lines. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = []
  write(msg: string): void {
    for (const line of msg.split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line))
  }
  forRequest(id: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l['reqId'] === id)
  }
}

export const TOKEN = 'test-token-0123456789abcdef'
export const NOW = () => '2026-11-28T12:00:00.000Z'

export async function testApp(options: Partial<AppOptions> & { dbPath: string }) {
  const logs = new LogCapture()
  const { app, ctx } = await buildApp({
    now: NOW,
    dbIdleMs: 20,
    logger: { level: 'info', stream: logs },
    ...options,
  })
  return { app, ctx, logs }
}

/** The one error shape: `{ error: { code, message, details? } }` and nothing else (no stack). */
export function isErrorShape(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0] !== 'error') return false
  const e = (body as { error: Record<string, unknown> }).error
  const allowed = ['code', 'message', 'details']
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e['code'] === 'string' &&
    /^[a-z][a-z0-9_]*$/.test(e['code']) &&
    typeof e['message'] === 'string' &&
    e['message'] !== '' &&
    Object.keys(e).every((k) => allowed.includes(k))
  )
}

/** True when a response body looks like it carries a stack trace or source paths. */
export function leaksInternals(text: string): boolean {
  return /\bat [\w.<>]+ \(|\/src\/|node_modules|\.ts:\d+/.test(text)
}
